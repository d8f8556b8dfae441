#include "TimeSeriesSourceGroup.h"

#include "plexus/core/base/RandomStream.h"
#include "plexus/core/model/TimeSeriesSignal.h"

#include <algorithm>
#include <cmath>

namespace plexus::plugins {

namespace {
constexpr std::uint64_t kTuningStream = 0x74756e696e67ULL; // "tuning"
} // namespace

TimeSeriesSourceGroup::TimeSeriesSourceGroup(const core::ParameterSet& params, std::size_t size,
                                             double dtMs, std::uint64_t seed,
                                             const core::InputSignal& given)
    : m_signal(core::TimeSeriesSignal::period(params.toMap(), given))
    , m_gain(size, params.get("gain_hz"))
    , m_baseline(params.get("baseline_hz"))
    , m_dtMs(dtMs)
    , m_seed(seed) {
    const double spread = params.get("gain_spread");
    if (spread > 0.0) {
        core::RandomStream random(
            core::streamSeed(static_cast<std::uint64_t>(params.get("signal_seed")), kTuningStream));
        for (auto& g : m_gain)
            g *= 1.0 + spread * (2.0 * random.uniform() - 1.0);
    }
}

double TimeSeriesSourceGroup::rateAt(std::size_t i, double tMs) const {
    return std::max(0.0, m_baseline + m_gain[i] * core::TimeSeriesSignal::valueAt(m_signal, tMs));
}

void TimeSeriesSourceGroup::update(const core::StepContext& ctx, float* const*, std::size_t begin,
                                   std::size_t end, std::vector<std::int32_t>& spikes) {
    const double u =
        core::TimeSeriesSignal::valueAt(m_signal, (static_cast<double>(ctx.step) + 0.5) * m_dtMs);
    const double scale = m_dtMs * 1e-3;
    const std::uint64_t stepKey = core::mix64(m_seed ^ static_cast<std::uint64_t>(ctx.step));
    for (std::size_t i = begin; i < end; ++i) {
        const double p = (m_baseline + m_gain[i] * u) * scale;
        if (p <= 0.0)
            continue;
        if (p >= 1.0 || core::mix64(stepKey + i * 0x9e3779b97f4a7c15ULL) <
                            static_cast<std::uint64_t>(std::ldexp(p, 64)))
            spikes.push_back(static_cast<std::int32_t>(i));
    }
}

} // namespace plexus::plugins
