#pragma once

#include "plexus/core/base/RandomStream.h"

#include <Eigen/Dense>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace plexus::analysis {

/// What a shuffle control destroys.
enum class ShuffleKind {
    /// Time shuffle: the states of each trajectory are put in a random order (an independent
    /// permutation per trajectory). Keeps the cloud of states, destroys temporal order and the
    /// alignment of conditions in time.
    Time,
    /// Unit shuffle: the values of every state are permuted across units (an independent
    /// permutation per state and trajectory). Keeps each state's value distribution, destroys
    /// the identity of units across time and conditions.
    Units
};

/// Mean and standard deviation (n - 1 denominator) of a metric over shuffles.
struct ControlSummary {
    double mean = 0.0;
    double sd = 0.0;
    std::size_t count = 0; ///< shuffles whose metric value was finite
};

/// Shuffled-data controls for trajectory metrics.
class ShuffleControl {
public:
    /// Metrics of a set of trajectories, one value per metric.
    using Metrics = std::function<std::vector<double>(const std::vector<Eigen::MatrixXd>&)>;

    /// A copy of `trajectory` with its rows in random order.
    static Eigen::MatrixXd shuffleTime(const Eigen::MatrixXd& trajectory,
                                       core::RandomStream& random);
    /// A copy of `trajectory` with each row's entries in random order.
    static Eigen::MatrixXd shuffleUnits(const Eigen::MatrixXd& trajectory,
                                        core::RandomStream& random);
    /// Shuffle every trajectory of the set.
    static std::vector<Eigen::MatrixXd> shuffle(const std::vector<Eigen::MatrixXd>& trajectories,
                                                ShuffleKind kind, core::RandomStream& random);
    /// Evaluate `metrics` on `shuffles` shuffled copies of the trajectories (deterministic for
    /// a seed) and summarise each metric; non-finite values are left out of its summary.
    static std::vector<ControlSummary> run(const std::vector<Eigen::MatrixXd>& trajectories,
                                           ShuffleKind kind, std::size_t shuffles,
                                           std::uint64_t seed, const Metrics& metrics);
    /// "time" or "units".
    static std::string kindName(ShuffleKind kind);
};

} // namespace plexus::analysis
