#pragma once

#include "plexus/analysis/SpikeTimes.h"

#include <Eigen/Dense>
#include <cstddef>
#include <vector>

namespace plexus::analysis {

/// Network states at readout times, the input of a trained linear readout.
///
/// Follows the liquid state machine (Maass, Natschlaeger & Markram 2002, Neural Computation
/// 14:2531): the state of neuron i at time t is its spike train passed through a causal
/// exponential filter, x_i(t) = sum over spikes s <= t of exp(-(t - s) / tau) (tau = 30 ms in
/// the paper), or, as an alternative, its spike count in the window (t - bin, t]. Only spikes at
/// or before t enter a state, so a readout never sees the future. Every sample carries a group
/// id (a trial, or a block of a continuous run): cross-validation keeps each group on one side.
class ReadoutStates {
public:
    /// How spikes become a state.
    enum class Filter {
        Exponential, ///< exp(-(t - s) / tau) summed over past spikes
        Count        ///< number of spikes in (t - bin, t]
    };

    /// How to build the states.
    struct Options {
        Filter filter = Filter::Exponential;
        double tauMs = 30.0; ///< time constant of the exponential filter (> 0)
        double binMs = 10.0; ///< counting window (> 0)
        bool bias = false;   ///< append a constant column of ones
        /// Throws core::Error naming the option that is not a positive finite number.
        void validate() const;
    };

    Eigen::MatrixXd states;      ///< samples x features (neurons of each population in order)
    std::vector<int> groups;     ///< group (trial) of each sample
    std::vector<double> timesMs; ///< readout time of each sample
    std::size_t neurons = 0;     ///< feature columns that are neurons (bias excluded)
    bool bias = false;           ///< the last column is the constant 1

    /// Number of samples.
    std::size_t samples() const { return static_cast<std::size_t>(states.rows()); }

    /// States of the neurons of `spikes` (all populations, concatenated) at `timesMs` (any
    /// order), with `groups[i]` the group of sample i (empty: every sample is group 0). Throws
    /// core::Error when the sizes differ, a time is not finite or a spike names a neuron outside
    /// its population.
    static ReadoutStates sample(const std::vector<SpikeTimes>& spikes,
                                const std::vector<double>& timesMs, const std::vector<int>& groups,
                                const Options& options);
};

} // namespace plexus::analysis
