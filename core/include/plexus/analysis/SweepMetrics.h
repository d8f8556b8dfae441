#pragma once

#include "plexus/core/record/RunRecord.h"

#include <string>
#include <vector>

namespace plexus::analysis {

/**
 * @brief The per-run measures a parameter sweep keeps: metric names to values of a run record.
 *
 * A metric is named `KIND:POP` with POP a population of the project or `all` (every population
 * that is not a stimulus, pooled). Kinds (the settings are those of `plexus-cli analyze`):
 * - `rate`: mean firing rate (Hz);
 * - `cv_isi`: mean coefficient of variation of the inter-spike intervals (neurons with >= 3
 *   spikes; core::SpikeStatistics);
 * - `fano`, `chi`, `correlation`: mean Fano factor, Golomb's chi and mean pairwise spike-count
 *   correlation (up to 5000 pairs) of spike counts in 10 ms bins (Synchrony);
 * - `branching`: multistep-regression branching ratio m of the pooled counts in 4 ms bins,
 *   kmax 40 (BranchingRatio);
 * - `avalanche_alpha`, `avalanche_beta`: power-law exponents of avalanche sizes and durations,
 *   bins of the mean inter-event interval (Avalanches, PowerLawFit with a tail of >= 10);
 * - `spectral_exponent`, `alpha_peak_hz`: aperiodic exponent and alpha-band (8-13 Hz) peak
 *   frequency of the population rate in 1 ms bins (Welch, 1 s segments; AperiodicFit over
 *   1 Hz to min(50 Hz, 0.8 Nyquist));
 * - `accuracy`: test accuracy of the ridge classification of the protocol's trials (condition =
 *   class) from the population's states at each trial's end (exponential filter, 30 ms; lambda
 *   by 5-fold cross-validation across trials; RunReadout, ReadoutTasks::classify);
 * - `memory_capacity`: memory capacity (delays 1..K, K = min(50, samples / 5), so that a
 *   short run keeps enough blocks for cross-validation) of the input u(t) of the project's first
 *   time_series stimulus, from the states at its steps in 10 blocks
 *   (ReadoutTasks::memoryCapacity);
 * - `narma_nrmse`: test NRMSE of NARMA-10 driven by that input (washout min(100, samples / 5);
 *   NaN unless the input lies in [0, 0.5], as NARMA-10 requires).
 * A value that cannot be computed for a run (too few spikes, no alpha peak, no protocol or no
 * time series) is NaN.
 */
class SweepMetrics {
public:
    /// The metric kinds, in the order above.
    static const std::vector<std::string>& kinds();
    /// `rate:P` and `cv_isi:P` for each of `populations`.
    static std::vector<std::string> defaults(const std::vector<std::string>& populations);
    /// The names of a comma-separated list, checked: throws core::Error naming the first
    /// unknown kind or population and listing the valid ones.
    static std::vector<std::string> parseList(const std::string& text,
                                              const std::vector<std::string>& populations);
    /// The value of each metric of `names` for `record` (NaN where it cannot be computed).
    /// `origin` is the project file: a time series' relative `signal_file` resolves beside it.
    static std::vector<double> compute(const core::RunRecord& record,
                                       const std::vector<std::string>& names,
                                       const std::string& origin = {});
};

} // namespace plexus::analysis
