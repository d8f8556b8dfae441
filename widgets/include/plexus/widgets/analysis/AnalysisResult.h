#pragma once

#include "plexus/analysis/AperiodicFit.h"
#include "plexus/analysis/Avalanches.h"
#include "plexus/analysis/BranchingRatio.h"
#include "plexus/analysis/DistanceMetric.h"
#include "plexus/analysis/PowerSpectrum.h"
#include "plexus/analysis/Rdm.h"
#include "plexus/analysis/RdmComparison.h"
#include "plexus/analysis/ReadoutTasks.h"
#include "plexus/analysis/TrajectoryAnalysis.h"

#include <Eigen/Dense>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace plexus::widgets {

/**
 * @brief Everything one AnalysisJob computed, handed from the worker thread to the views.
 *
 * Each part (trajectories, RSA, spike statistics) is present when it could be computed;
 * otherwise its error string says why (e.g. "needs at least 2 conditions"), and the view shows
 * that message in place of the plot.
 */
struct AnalysisResult {
    /// The comparison of the data RDM with one model RDM.
    struct ModelFit {
        std::string name;                      ///< the model's name
        analysis::Rdm model;                   ///< the model RDM (for the conditions)
        analysis::ComparisonResult comparison; ///< data vs model, bootstrap interval
        std::optional<analysis::ComparisonResult> geoTopological; ///< after the GT transform
        std::string error; ///< why the model could not be compared
    };

    /// Representational similarity analysis of the conditions.
    struct Rsa {
        analysis::DistanceMetric metric = analysis::DistanceMetric::Correlation;
        analysis::Rdm rdm;                              ///< data RDM (conditions x conditions)
        Eigen::MatrixXd mds;                            ///< classical MDS, conditions x 2
        Eigen::VectorXd mdsEigenvalues;                 ///< eigenvalues of the MDS
        std::optional<analysis::Rdm> geoTopological;    ///< the GT-transformed data RDM
        std::pair<double, double> thresholds{0.0, 0.0}; ///< GT lower / upper as distances
        analysis::ComparisonMethod method = analysis::ComparisonMethod::Spearman;
        std::vector<ModelFit> models;
    };

    /// Firing statistics of one population over the analysed span.
    struct PopulationStatistics {
        std::string name;
        std::size_t neurons = 0;
        std::size_t spikes = 0;
        double rateHz = 0.0;           ///< spikes / (neurons x span)
        double meanCvIsi = 0.0;        ///< core::SpikeStatistics::meanCvIsi (>= 3 spikes)
        std::size_t cvNeurons = 0;     ///< neurons with a CV (>= 3 spikes)
        double fanoFactor = 0.0;       ///< mean over neurons of var / mean of window counts
        std::size_t fanoNeurons = 0;   ///< neurons with a Fano factor (mean count > 0)
        std::vector<double> isiCounts; ///< pooled ISI histogram (counts per bin)
        std::uint64_t isiOverflow = 0; ///< ISIs beyond the last bin
    };

    /**
     * @brief Dynamics of the pooled spikes of the analysed populations over the statistics
     *        span: avalanches with their power-law fits, the branching ratio and the spectrum
     *        of the population rate with its aperiodic fit. Each part is present when it could
     *        be computed, otherwise its error says why.
     */
    struct Dynamics {
        double fromMs = 0.0; ///< analysed span
        double toMs = 0.0;
        std::size_t neurons = 0; ///< neurons pooled
        std::size_t events = 0;  ///< spikes in the span

        std::optional<analysis::AvalancheResult> avalanches;
        std::optional<analysis::CracklingNoise> crackling; ///< power-law fits of the avalanches
        std::string avalancheError; ///< why there are no avalanches or no fit

        std::optional<analysis::BranchingResult> branching;
        double branchingBinMs = 4.0; ///< bin of the counts the branching ratio is estimated on
        std::string branchingError;

        std::optional<analysis::Spectrum> spectrum; ///< Welch spectrum of the rate (Hz^2 / Hz)
        double spectrumBinMs = 1.0;                 ///< bin of the rate (the sampling step)
        double spectrumLowHz = 1.0;                 ///< shown frequency range
        double spectrumHighHz = 100.0;
        std::optional<analysis::AperiodicResult> aperiodic; ///< aperiodic + peaks model
        analysis::AperiodicOptions aperiodicOptions;        ///< its fit range and settings
        std::string spectrumError;                          ///< no spectrum, or no fit
    };

    /// Which readout task a Readout result holds.
    enum class ReadoutTask { MemoryCapacity, Narma10, Classify, Regress };

    /// A trained linear readout of the network states (analysis::ReadoutTasks).
    struct Readout {
        ReadoutTask task = ReadoutTask::Classify;
        std::size_t samples = 0;  ///< readout times
        std::size_t features = 0; ///< state columns (neurons)
        /// Memory capacity: m(k) for k = 1..K and MC.
        std::optional<analysis::ReadoutTasks::MemoryCapacity> memory;
        /// NARMA-10 or regression: test prediction and target.
        std::optional<analysis::ReadoutTasks::Regression> regression;
        std::vector<double> testTimesMs; ///< time of each test sample of the regression
        /// Classification of the conditions (one trial per epoch, state at its end).
        std::optional<analysis::ReadoutTasks::Classification> classification;
        std::vector<std::string> classes; ///< class names (conditions), by index
    };

    std::uint64_t id = 0;                            ///< the AnalysisRunner request that made it
    std::vector<std::string> conditions;             ///< condition names (first-appearance order)
    std::vector<std::vector<double>> repeatStartsMs; ///< start of every repeat per condition
    std::vector<double> centresMs;                   ///< mean centre time of each condition
    std::size_t units = 0;                           ///< columns of the activity matrix
    std::size_t samples = 0;                         ///< rows of the activity matrix
    std::string activityError;                       ///< the activity matrix could not be built

    std::optional<analysis::TrajectoryAnalysis::Result> trajectory;
    std::string trajectoryError;

    std::optional<Rsa> rsa;
    std::string rsaError;

    std::vector<PopulationStatistics> statistics;
    double statisticsStartMs = 0.0; ///< span of the statistics
    double statisticsEndMs = 0.0;
    double isiBinMs = 1.0;       ///< width of an ISI histogram bin
    double fanoWindowMs = 100.0; ///< counting window of the Fano factor

    std::optional<Dynamics> dynamics; ///< see Dynamics (parts may carry their own errors)
    std::string dynamicsError;        ///< nothing to analyse (no population, no spikes)

    std::optional<Readout> readout;
    std::string readoutError; ///< why the readout could not be trained

    bool cancelled = false; ///< the job stopped early because it was superseded
    double computeMs = 0.0; ///< time the worker spent
};

} // namespace plexus::widgets
