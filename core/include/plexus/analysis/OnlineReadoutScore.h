#pragma once

#include "plexus/analysis/SpikeTimes.h"

#include <Eigen/Dense>
#include <cstddef>
#include <string>
#include <vector>

namespace plexus::analysis {

/// The score of a readout that learned inside the simulation (e.g. through the three-factor
/// rule): one group of readout neurons per class votes with its spikes. In each scored trial
/// the answer is the class whose group fired the most spikes in the trial's window
/// [startMs, endMs); a tie for the most spikes, a silent readout included, is no answer and
/// counts as wrong.
class OnlineReadoutScore {
public:
    /// One scored trial: its window and its true class (in [0, classes)).
    struct Trial {
        double startMs = 0.0;
        double endMs = 0.0;
        int label = 0;
    };

    /// The answers and their summary.
    struct Result {
        std::size_t classes = 0;
        std::size_t trials = 0;
        double accuracy = 0.0; ///< correct answers / trials (no answer counts as wrong)
        double chance = 0.0;   ///< share of the most frequent class among the trials
        /// Answered trials: rows = true class, columns = answered class.
        Eigen::MatrixXi confusion;
        Eigen::VectorXi noAnswer; ///< per true class: trials without an answer (ties)
        std::vector<int> answers; ///< per trial: the answered class, -1 for no answer
        /// Per trial: the spike count of each class' group in the window.
        std::vector<std::vector<std::size_t>> counts;
    };

    /// Score `trials` with one group of spikes per class (`groups[k]` votes for class k).
    /// Throws core::Error when fewer than 2 groups are given, a trial's label lies outside
    /// [0, groups) or its window is empty or not finite, or there are no trials.
    static Result score(const std::vector<SpikeTimes>& groups, const std::vector<Trial>& trials);

    /// Split one population's spikes into `classes` groups of consecutive neurons: group k
    /// holds neurons [k n / classes, (k + 1) n / classes) of its n neurons. Throws core::Error
    /// when the population has fewer neurons than classes or classes < 2.
    static std::vector<SpikeTimes> splitGroups(const SpikeTimes& population, std::size_t classes);
};

} // namespace plexus::analysis
