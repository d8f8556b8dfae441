#pragma once

#include "plexus/analysis/ActivityOptions.h"
#include "plexus/analysis/SpikeTimes.h"

#include <Eigen/Dense>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace plexus::analysis {

/// Options of Synchrony::analyse().
struct SynchronyOptions {
    double binMs = 10.0;  ///< count bin (and sampling step of the chi signal)
    double fromMs = 0.0;  ///< analysed window [fromMs, toMs)
    double toMs = 1000.0; ///< end of the window (ms)
    /// Signal of Golomb's chi: counts per bin (None) or a smoothed rate (Gaussian or
    /// exponential kernel of width sigmaMs, as in ActivityBuilder).
    SmoothingKernel kernel = SmoothingKernel::None;
    double sigmaMs = 20.0;       ///< kernel width for chi
    std::size_t maxPairs = 5000; ///< correlation pairs: all when fewer, else a seeded sample
    std::size_t histogramBins = 20;
    std::uint64_t seed = 1; ///< seed of the pair sample
};

/// A distribution of values: summary and histogram.
struct SampleDistribution {
    std::vector<double> values; ///< the values themselves
    double mean = 0.0;
    double sd = 0.0;                 ///< sample standard deviation (n - 1)
    std::vector<double> edges;       ///< histogram bin edges (histogramBins + 1)
    std::vector<std::size_t> counts; ///< values per bin (last bin closed)

    /// Summary and histogram of `values` over [min, max] in `bins` bins.
    static SampleDistribution of(std::vector<double> values, std::size_t bins);
};

/// Synchrony measures of one population.
struct SynchronyResult {
    double chi = 0.0;                ///< Golomb's chi
    double chiSquared = 0.0;         ///< its square: population variance / mean unit variance
    std::size_t neurons = 0;         ///< neurons analysed
    std::size_t bins = 0;            ///< samples of the signals
    SampleDistribution correlations; ///< pairwise spike-count correlation coefficients
    std::size_t pairsPossible = 0;   ///< pairs of neurons whose counts vary
    bool pairsSampled = false;       ///< correlations are a sample of maxPairs pairs
    SampleDistribution fano;         ///< Fano factor of each firing neuron's counts
    std::size_t silentNeurons = 0;   ///< neurons without spikes in the window (left out of
                                     ///< correlations and Fano factors)
};

/**
 * @brief Synchrony of a population: Golomb's chi, spike-count correlations and Fano factors.
 *
 * chi^2 = Var_t[V(t)] / mean_i Var_t[V_i(t)] with V the population mean of the single-neuron
 * signals V_i (Golomb & Rinzel 1993, Physica D 72:259; Golomb 2007, Scholarpedia 2:1347): 1 for
 * identical neurons, about 1/N for N independent ones. Spike-count correlations are the Pearson
 * coefficients of the counts per bin of pairs of neurons (de la Rocha et al. 2007, Nature
 * 448:802); the Fano factor of a neuron is the variance over the mean of its counts per bin
 * (1 for a Poisson process).
 */
class Synchrony {
public:
    /// Analyse the neurons of `population` over the window of `options` (bins from
    /// ActivityBuilder). Throws core::Error when the window holds fewer than two bins or the
    /// population has fewer than two neurons.
    static SynchronyResult analyse(const SpikeTimes& population, const SynchronyOptions& options);
    /// chi^2 of signals (samples x neurons); 0 when no neuron varies.
    static double chiSquared(const Eigen::MatrixXd& signals);
    /// Correlation coefficients of column pairs of `counts` (columns that vary only): all
    /// pairs, or `maxPairs` distinct pairs drawn with `seed` when there are more.
    static std::vector<double> pairCorrelations(const Eigen::MatrixXd& counts, std::size_t maxPairs,
                                                std::uint64_t seed,
                                                std::size_t* possible = nullptr);
    /// Fano factor (sample variance / mean) of each column with a non-zero mean.
    static std::vector<double> fanoFactors(const Eigen::MatrixXd& counts);
};

} // namespace plexus::analysis
