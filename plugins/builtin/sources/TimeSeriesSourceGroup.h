#pragma once

#include "plexus/core/engine/NeuronGroup.h"
#include "plexus/core/model/InputSignal.h"
#include "plexus/core/model/ParameterSet.h"

#include <cstdint>
#include <vector>

namespace plexus::plugins {

/// Channels of TimeSeriesSourceModel: channel i spikes in step s when a counter-based hash of
/// (seed, s, i) falls below rate_i(t) dt.
class TimeSeriesSourceGroup : public core::NeuronGroup {
public:
    /// `size` channels; step `dtMs`; spikes drawn from `seed`; u(t) from the parameters, or
    /// `given` for `signal` = 4. Throws core::Error for a bad signal description.
    TimeSeriesSourceGroup(const core::ParameterSet& params, std::size_t size, double dtMs,
                          std::uint64_t seed, const core::InputSignal& given = {});

    std::size_t size() const override { return m_gain.size(); }
    void update(const core::StepContext& ctx, float* const* inputs, std::size_t begin,
                std::size_t end, std::vector<std::int32_t>& spikes) override;
    float* state(std::size_t) override { return nullptr; }

    /// One period of u(t).
    const core::InputSignal& signal() const { return m_signal; }
    /// Rate (Hz, clipped at 0) of channel `i` at time `tMs`.
    double rateAt(std::size_t i, double tMs) const;

private:
    core::InputSignal m_signal;
    std::vector<double> m_gain; ///< gain_hz times the channel's tuning factor
    double m_baseline, m_dtMs;
    std::uint64_t m_seed;
};

} // namespace plexus::plugins
