#pragma once

#include "plexus/analysis/PowerLawFit.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace plexus::analysis {

/// Options of Avalanches::detect().
struct AvalancheOptions {
    /// Bin width in ms; 0 uses the mean inter-event interval of the pooled events.
    double binMs = 0.0;
    /// Time step the event times lie on (ms; 0: none). The default width is rounded up to a
    /// whole number of steps, so that no bin is narrower than a step and all bins hold the same
    /// number of grid times.
    double timeStepMs = 0.0;
    /// Start of the analysed window (ms); bins are counted from here.
    double fromMs = 0.0;
    /// End of the analysed window (ms; +infinity: the last event).
    double toMs = std::numeric_limits<double>::infinity();
};

/// Avalanches of one event train.
struct AvalancheResult {
    double binMs = 0.0;                  ///< bin width used
    std::size_t bins = 0;                ///< bins in the window
    std::size_t events = 0;              ///< events inside the window
    std::vector<std::int64_t> sizes;     ///< events of each avalanche, in time order
    std::vector<std::int64_t> durations; ///< bins of each avalanche
    std::vector<std::size_t> startBins;  ///< first bin of each avalanche
    /// Runs of non-empty bins cut by the window's start or end (not counted as avalanches).
    std::size_t incomplete = 0;
};

/// The crackling-noise relation of avalanches (Sethna, Dahmen & Myers 2001, Nature 410:242;
/// Friedman et al. 2012, PRL 108:208102): for critical avalanches with P(S) ~ S^-alpha and
/// P(T) ~ T^-beta, the mean size at duration T grows as T^gamma with
/// gamma = (beta - 1) / (alpha - 1).
struct CracklingNoise {
    PowerLawResult sizes;           ///< power-law fit of the sizes (alpha)
    PowerLawResult durations;       ///< power-law fit of the durations (beta)
    double predictedExponent = 0.0; ///< (beta - 1) / (alpha - 1) from the two fits
    double fittedExponent = 0.0;    ///< slope of log10 <S>(T) against log10 T
    double fittedIntercept = 0.0;   ///< intercept of that line
    std::size_t durationsUsed = 0;  ///< distinct durations (>= the duration xmin) fitted
    std::vector<std::int64_t> meanSizeDurations; ///< distinct durations T, ascending
    std::vector<double> meanSizes;               ///< <S> at each of them
};

/**
 * @brief Neuronal avalanches after Beggs & Plenz (2003), "Neuronal avalanches in neocortical
 * circuits", J Neurosci 23:11167-11177.
 *
 * The events (spike times of a population or of a subset, pooled) are counted in bins of a
 * chosen width, by default the mean inter-event interval of the pooled events ((last - first) /
 * (events - 1) inside the window; rounded up to whole time steps when the events lie on a grid). An
 * avalanche is a run of non-empty bins preceded and followed by an empty bin; its size is the
 * number of events and its duration the number of bins. Runs touching the window's start or end are
 * incomplete and left out.
 */
class Avalanches {
public:
    /// Avalanches of the events at `timesMs` (any order). Throws core::Error when the window
    /// is empty or inverted, the bin width is not positive, or a default width is asked for
    /// fewer than two events (or events all at one time).
    static AvalancheResult detect(const std::vector<double>& timesMs,
                                  const AvalancheOptions& options = {});
    /// Avalanches of a sequence of bin counts (runs of non-zero bins between zero bins).
    static AvalancheResult fromCounts(const std::vector<std::int64_t>& counts);
    /// Mean interval between consecutive pooled events: (last - first) / (events - 1).
    static double meanInterEventInterval(const std::vector<double>& timesMs);
    /// Fit sizes and durations with PowerLawFit and relate them (see CracklingNoise). Throws
    /// core::Error when either fit is impossible.
    static CracklingNoise crackling(const AvalancheResult& avalanches,
                                    const PowerLawOptions& options = {});
};

} // namespace plexus::analysis
