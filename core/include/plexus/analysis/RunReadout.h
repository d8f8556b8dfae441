#pragma once

#include "plexus/analysis/ConditionEpoch.h"
#include "plexus/core/model/InputSignal.h"

#include <Eigen/Dense>
#include <cstddef>
#include <string>
#include <vector>

namespace plexus::analysis {

/**
 * @brief The samples of the readout tasks of a recorded run: where a readout looks (times),
 *        what it should answer (labels or input values) and how samples group for
 *        cross-validation. One rule for `plexus-cli analyze readout` and the sweep metrics.
 */
class RunReadout {
public:
    /// Trials to classify: one sample per trial, at its end, in its own group.
    struct Trials {
        std::vector<std::string> classes; ///< class names, in order of first appearance
        std::vector<int> labels;          ///< class of each trial
        std::vector<int> groups;          ///< group of each trial (its index)
        std::vector<double> timesMs;      ///< readout time of each trial (its end)
    };
    /// The trials `epochs` (class = epoch name) of a run of `durationMs`. Throws core::Error
    /// starting with `where` when a trial lies outside the run or fewer than 2 classes exist.
    static Trials trials(const std::vector<ConditionEpoch>& epochs, double durationMs,
                         const std::string& where);

    /// Input samples inside a run: the times and values of `signal` in [0, durationMs], in
    /// `blocks` contiguous groups of equal size.
    struct Signal {
        std::vector<double> timesMs; ///< sample times inside the run
        Eigen::VectorXd values;      ///< u at those times
        std::vector<int> groups;     ///< block of each sample
        std::size_t outside = 0;     ///< samples of the signal outside the run
    };
    /// The samples of `signal` inside a run of `durationMs`. Throws core::Error starting with
    /// `where` when fewer than 2 * blocks samples lie inside.
    static Signal signal(const core::InputSignal& signal, double durationMs, std::size_t blocks,
                         const std::string& where);
};

} // namespace plexus::analysis
