#include "SweepSourceGroup.h"

#include "plexus/core/base/Error.h"
#include "plexus/core/base/RandomStream.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace plexus::plugins {

namespace {

constexpr std::uint64_t kNoiseKey = 0x7377656570ULL; // "sweep"

} // namespace

double SweepSourceGroup::channelTimeMs(std::size_t channel, std::size_t size, double spacingUm,
                                       double speedMmS, int direction) {
    const std::size_t position = direction > 0 ? channel : size - 1 - channel;
    return static_cast<double>(position) * spacingUm / speedMmS;
}

SweepSourceGroup::SweepSourceGroup(const core::ParameterSet& params, std::size_t size, double dtMs,
                                   std::uint64_t seed)
    : m_offsets(size)
    , m_dtMs(dtMs)
    , m_onsetMs(params.get("onset_ms"))
    , m_periodMs(params.get("period_ms"))
    , m_seed(seed) {
    const double direction = params.get("direction");
    if (direction != 1.0 && direction != -1.0)
        throw core::Error("params.direction: must be +1 or -1 (got " + std::to_string(direction) +
                          ")");
    const double spacing = params.get("spacing_um");
    const double speed = params.get("speed_mm_s");
    for (std::size_t i = 0; i < size; ++i)
        m_offsets[i] = std::llround(
            channelTimeMs(i, size, spacing, speed, static_cast<int>(direction)) / dtMs);
    const double lastMs = size > 0 ? channelTimeMs(size - 1, size, spacing, speed, 1) : 0.0;
    if (m_periodMs > 0.0 && lastMs >= m_periodMs)
        throw core::Error("params.period_ms: a sweep over " + std::to_string(size) +
                          " channels lasts " + std::to_string(lastMs) +
                          " ms, not less than the period of " + std::to_string(m_periodMs) +
                          " ms (raise period_ms or speed_mm_s)");
    const double p = params.get("noise_hz") * dtMs * 1e-3;
    m_noise = p > 0.0;
    m_noiseThreshold = p >= 1.0 ? ~0ULL : static_cast<std::uint64_t>(std::ldexp(p, 64));
}

std::int64_t SweepSourceGroup::startStep(std::int64_t p) const {
    return std::llround((m_onsetMs + static_cast<double>(p) * m_periodMs) / m_dtMs);
}

void SweepSourceGroup::update(const core::StepContext& ctx, float* const*, std::size_t begin,
                              std::size_t end, std::vector<std::int32_t>& spikes) {
    const std::int64_t s = ctx.step;
    // The sweeps that may have a spike in this step: the latest one started and the one before.
    std::int64_t latest = 0;
    if (m_periodMs > 0.0)
        latest = static_cast<std::int64_t>(
                     std::floor((static_cast<double>(s) * m_dtMs - m_onsetMs) / m_periodMs)) +
                 1;
    const std::uint64_t stepKey =
        m_noise ? core::mix64(m_seed ^ kNoiseKey ^ static_cast<std::uint64_t>(s)) : 0;
    for (std::size_t i = begin; i < end; ++i) {
        bool fires = false;
        for (std::int64_t p = latest; p >= std::max<std::int64_t>(0, latest - 2) && !fires; --p)
            fires = startStep(p) + m_offsets[i] == s;
        if (!fires && m_noise)
            fires = core::mix64(stepKey + i * 0x9e3779b97f4a7c15ULL) < m_noiseThreshold;
        if (fires)
            spikes.push_back(static_cast<std::int32_t>(i));
    }
}

} // namespace plexus::plugins
