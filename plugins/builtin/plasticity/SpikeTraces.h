#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace plexus::plugins {

/// Event-driven spike traces of one side of a projection (its presynaptic or postsynaptic
/// neurons), as the spike-timing plasticity rules keep them. Each neuron holds K trace values
/// and the step of its last spike. A trace is decayed only when it is read, by a factor per
/// whole number of steps (core::DecayTable or TraceDecay), and a spike decays every trace of its
/// neuron to the spike's step and adds 1 to it (all-to-all pairing) or sets it to 1 (nearest-
/// spike pairing). Before its first spike a neuron's traces are 0.
template <std::size_t K>
class SpikeTraces {
public:
    SpikeTraces() = default;

    /// Traces of `neurons` neurons, all 0.
    explicit SpikeTraces(std::size_t neurons)
        : m_last(neurons, kNever) {
        for (auto& values : m_values)
            values.assign(neurons, 0.0f);
    }

    /// Trace k of neuron i at `step`: its value at the last spike times decay(steps since).
    template <class Decay>
    float at(std::size_t k, std::int32_t i, std::int64_t step, const Decay& decay) const {
        const auto n = static_cast<std::size_t>(i);
        return m_values[k][n] * decay(step - m_last[n]);
    }

    /// Neuron i spikes at `step`: trace k decays by decay[k] to `step`, then grows by 1
    /// (becomes 1 when `nearest`). One decay per trace, in trace order.
    template <class... Decay>
    void spike(std::int32_t i, std::int64_t step, bool nearest, const Decay&... decay) {
        static_assert(sizeof...(Decay) == K, "one decay per trace");
        const auto n = static_cast<std::size_t>(i);
        const std::int64_t gap = step - m_last[n];
        std::size_t k = 0;
        ((m_values[k][n] = nearest ? 1.0f : m_values[k][n] * decay(gap) + 1.0f, ++k), ...);
        m_last[n] = step;
    }

    /// Neuron i spikes at `step`: its single trace decays by `decay` to `step`, then grows by
    /// `amount` (rules whose trace jump is not 1).
    template <class Decay>
    void spikeBy(std::int32_t i, std::int64_t step, float amount,
                 const Decay& decay) requires(K == 1) {
        const auto n = static_cast<std::size_t>(i);
        m_values[0][n] = m_values[0][n] * decay(step - m_last[n]) + amount;
        m_last[n] = step;
    }

private:
    /// Last spike of a neuron that never fired: every decay of the gap is 0.
    static constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::min() / 2;
    std::array<std::vector<float>, K> m_values;
    std::vector<std::int64_t> m_last;
};

} // namespace plexus::plugins
