#include "plexus/analysis/ReadoutStates.h"

#include "plexus/core/base/Error.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

namespace plexus::analysis {

void ReadoutStates::Options::validate() const {
    if (filter == Filter::Exponential && !(tauMs > 0.0 && std::isfinite(tauMs)))
        throw core::Error("readout states: tau must be a positive number of ms (got " +
                          std::to_string(tauMs) + ")");
    if (filter == Filter::Count && !(binMs > 0.0 && std::isfinite(binMs)))
        throw core::Error("readout states: the bin must be a positive number of ms (got " +
                          std::to_string(binMs) + ")");
}

ReadoutStates ReadoutStates::sample(const std::vector<SpikeTimes>& spikes,
                                    const std::vector<double>& timesMs,
                                    const std::vector<int>& groups, const Options& options) {
    options.validate();
    if (!groups.empty() && groups.size() != timesMs.size())
        throw core::Error("readout states: " + std::to_string(groups.size()) + " groups for " +
                          std::to_string(timesMs.size()) + " readout times");
    for (const double t : timesMs)
        if (!std::isfinite(t))
            throw core::Error("readout states: a readout time is not finite");

    ReadoutStates out;
    out.timesMs = timesMs;
    out.groups = groups.empty() ? std::vector<int>(timesMs.size(), 0) : groups;
    out.bias = options.bias;
    for (const auto& s : spikes)
        out.neurons += s.size;
    const auto rows = static_cast<Eigen::Index>(timesMs.size());
    out.states = Eigen::MatrixXd::Zero(rows, static_cast<Eigen::Index>(out.neurons) +
                                                 (options.bias ? 1 : 0));
    if (options.bias)
        out.states.col(out.states.cols() - 1).setOnes();

    // Samples in time order; each population's spikes are swept once.
    std::vector<std::size_t> order(timesMs.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return timesMs[a] < timesMs[b]; });

    Eigen::Index offset = 0;
    for (const auto& pop : spikes) {
        if (pop.timesMs.size() != pop.neurons.size())
            throw core::Error("readout states: " + pop.name + " has " +
                              std::to_string(pop.timesMs.size()) + " spike times but " +
                              std::to_string(pop.neurons.size()) + " neuron indices");
        for (const auto n : pop.neurons)
            if (n < 0 || static_cast<std::size_t>(n) >= pop.size)
                throw core::Error("readout states: " + pop.name + " has a spike of neuron " +
                                  std::to_string(n) + " outside [0, " + std::to_string(pop.size) +
                                  ")");
        std::vector<std::size_t> spikeOrder(pop.timesMs.size());
        std::iota(spikeOrder.begin(), spikeOrder.end(), std::size_t{0});
        std::stable_sort(spikeOrder.begin(), spikeOrder.end(), [&](std::size_t a, std::size_t b) {
            return pop.timesMs[a] < pop.timesMs[b];
        });
        const auto size = static_cast<Eigen::Index>(pop.size);
        if (options.filter == Filter::Exponential) {
            // value(i) is the filtered train of neuron i at time last(i).
            Eigen::VectorXd value = Eigen::VectorXd::Zero(size);
            Eigen::VectorXd last = Eigen::VectorXd::Zero(size);
            std::size_t next = 0;
            for (const std::size_t r : order) {
                const double t = timesMs[r];
                for (; next < spikeOrder.size() && pop.timesMs[spikeOrder[next]] <= t; ++next) {
                    const std::size_t k = spikeOrder[next];
                    const Eigen::Index i = pop.neurons[k];
                    value(i) =
                        value(i) * std::exp(-(pop.timesMs[k] - last(i)) / options.tauMs) + 1.0;
                    last(i) = pop.timesMs[k];
                }
                for (Eigen::Index i = 0; i < size; ++i)
                    if (value(i) != 0.0)
                        out.states(static_cast<Eigen::Index>(r), offset + i) =
                            value(i) * std::exp(-(t - last(i)) / options.tauMs);
            }
        } else {
            // Spikes in (t - bin, t]: add those up to t, remove those up to t - bin.
            Eigen::VectorXd count = Eigen::VectorXd::Zero(size);
            std::size_t added = 0, removed = 0;
            for (const std::size_t r : order) {
                const double t = timesMs[r];
                for (; added < spikeOrder.size() && pop.timesMs[spikeOrder[added]] <= t; ++added)
                    count(pop.neurons[spikeOrder[added]]) += 1.0;
                for (; removed < added && pop.timesMs[spikeOrder[removed]] <= t - options.binMs;
                     ++removed)
                    count(pop.neurons[spikeOrder[removed]]) -= 1.0;
                out.states.row(static_cast<Eigen::Index>(r)).segment(offset, size) =
                    count.transpose();
            }
        }
        offset += size;
    }
    return out;
}

} // namespace plexus::analysis
