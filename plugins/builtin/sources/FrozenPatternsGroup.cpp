#include "FrozenPatternsGroup.h"

#include "plexus/core/base/Error.h"
#include "plexus/core/base/RandomStream.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace plexus::plugins {

namespace {

/// Stream keys of the templates and of the run's noise.
constexpr std::uint64_t kTemplateStream = 0x7061747465726eULL; // "pattern"
constexpr std::uint64_t kNoiseKey = 0x6e6f697365ULL;           // "noise"

/// Largest template (expected spikes over all channels) a group holds.
constexpr double kMaxTemplateSpikes = 1e8;

/// Truncation of the Gaussian jitter, in standard deviations.
constexpr double kJitterCut = 4.0;

std::uint64_t integerParameter(const core::ParameterSet& params, const std::string& key) {
    const double v = params.get(key);
    if (v != std::floor(v))
        throw core::Error("params." + key + ": must be an integer (got " + std::to_string(v) + ")");
    return static_cast<std::uint64_t>(v);
}

} // namespace

std::vector<double> FrozenPatternsGroup::templateTimes(std::uint64_t patternSeed,
                                                       std::uint64_t pattern, std::uint64_t channel,
                                                       double rateHz, double durationMs) {
    std::vector<double> times;
    if (!(rateHz > 0.0))
        return times;
    core::RandomStream random(core::streamSeed(patternSeed, kTemplateStream + pattern, channel));
    const double meanIsiMs = 1e3 / rateHz;
    for (double t = -meanIsiMs * std::log(random.uniformPositive()); t < durationMs;
         t -= meanIsiMs * std::log(random.uniformPositive()))
        times.push_back(t);
    return times;
}

FrozenPatternsGroup::FrozenPatternsGroup(const core::ParameterSet& params, std::size_t size,
                                         double dtMs, std::uint64_t seed)
    : m_channels(size)
    , m_dtMs(dtMs)
    , m_onsetMs(params.get("onset_ms"))
    , m_periodMs(params.get("period_ms"))
    , m_jitterMs(params.get("jitter_ms"))
    , m_seed(seed) {
    const std::uint64_t patterns = integerParameter(params, "patterns");
    const std::uint64_t pattern = integerParameter(params, "pattern");
    const std::uint64_t patternSeed = integerParameter(params, "pattern_seed");
    if (pattern >= patterns)
        throw core::Error("params.pattern: " + std::to_string(pattern) +
                          " is not one of the patterns 0.." + std::to_string(patterns - 1) +
                          " (raise \"patterns\")");
    const double rate = params.get("rate_hz");
    const double duration = params.get("duration_ms");
    if (rate * duration * 1e-3 * static_cast<double>(size) > kMaxTemplateSpikes)
        throw core::Error("params.rate_hz: " + std::to_string(size) + " channels at " +
                          std::to_string(rate) + " Hz over " + std::to_string(duration) +
                          " ms make a template of more than 10^8 spikes");
    for (std::size_t i = 0; i < size; ++i)
        m_channels[i].templateMs = templateTimes(patternSeed, pattern, i, rate, duration);
    const double cut = kJitterCut * m_jitterMs;
    m_leadSteps = static_cast<std::int64_t>(std::ceil(cut / dtMs)) + 1;
    m_patternSteps = static_cast<std::int64_t>(std::ceil((duration + cut) / dtMs)) + 1;
    const double p = params.get("noise_hz") * dtMs * 1e-3;
    m_noise = p > 0.0;
    m_noiseThreshold = p >= 1.0 ? ~0ULL : static_cast<std::uint64_t>(std::ldexp(p, 64));
}

std::int64_t FrozenPatternsGroup::startStep(std::int64_t p) const {
    return std::llround((m_onsetMs + static_cast<double>(p) * m_periodMs) / m_dtMs);
}

void FrozenPatternsGroup::prepare(std::size_t i, std::int64_t p, std::int64_t now) {
    Channel& c = m_channels[i];
    c.pending.erase(c.pending.begin(), c.pending.begin() + static_cast<std::ptrdiff_t>(c.cursor));
    c.cursor = 0;
    const std::int64_t start = startStep(p);
    core::RandomStream random(
        core::streamSeed(m_seed, static_cast<std::uint64_t>(p), static_cast<std::uint64_t>(i)));
    for (const double t : c.templateMs) {
        double shift = 0.0;
        if (m_jitterMs > 0.0) {
            double xi = random.normal();
            while (std::fabs(xi) > kJitterCut)
                xi = random.normal();
            shift = m_jitterMs * xi;
        }
        const std::int64_t step = start + std::llround((t + shift) / m_dtMs);
        if (step >= now)
            c.pending.push_back(step);
    }
    std::sort(c.pending.begin(), c.pending.end());
}

void FrozenPatternsGroup::update(const core::StepContext& ctx, float* const*, std::size_t begin,
                                 std::size_t end, std::vector<std::int32_t>& spikes) {
    const std::int64_t s = ctx.step;
    const bool repeats = m_periodMs > 0.0;
    const std::uint64_t stepKey =
        m_noise ? core::mix64(m_seed ^ kNoiseKey ^ static_cast<std::uint64_t>(s)) : 0;
    for (std::size_t i = begin; i < end; ++i) {
        Channel& c = m_channels[i];
        if (c.nextPresentation < 0) {
            // First update (or a group rebuilt mid-run): skip the presentations already over.
            std::int64_t p = 0;
            if (repeats) {
                const double over =
                    (static_cast<double>(s - m_patternSteps) * m_dtMs - m_onsetMs) / m_periodMs;
                p = std::max<std::int64_t>(0, static_cast<std::int64_t>(std::floor(over)));
            }
            c.nextPresentation = p;
        }
        while ((repeats || c.nextPresentation == 0) &&
               startStep(c.nextPresentation) - m_leadSteps <= s) {
            prepare(i, c.nextPresentation, s);
            ++c.nextPresentation;
        }
        bool fires = false;
        while (c.cursor < c.pending.size() && c.pending[c.cursor] <= s) {
            fires = fires || c.pending[c.cursor] == s;
            ++c.cursor;
        }
        if (!fires && m_noise)
            fires = core::mix64(stepKey + i * 0x9e3779b97f4a7c15ULL) < m_noiseThreshold;
        if (fires)
            spikes.push_back(static_cast<std::int32_t>(i));
    }
}

} // namespace plexus::plugins
