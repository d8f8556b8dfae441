#pragma once

#include "plexus/core/base/Error.h"
#include "plexus/core/base/RandomStream.h"
#include "plexus/core/model/ParameterSet.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace plexus::plugins {

/// The realised sequence of a cue_target stimulus: which cue and which target each trial shows,
/// and when. A pure function of the parameters (the sequence is drawn from `sequence_seed` and
/// the trial index alone), so an analysis rebuilds it from the project; CueTargetGroup plays
/// exactly this schedule.
class CueTargetSchedule {
public:
    /// One trial n, starting at onset_ms + n period_ms.
    struct Trial {
        std::int64_t index = 0;
        int cue = 0;             ///< cue group shown
        int target = -1;         ///< target group shown, -1 on a catch trial
        bool valid = false;      ///< the target is the one the cue predicts (cue c -> c mod T)
        double cueStartMs = 0.0; ///< the cue is shown on [cueStartMs, cueEndMs)
        double cueEndMs = 0.0;
        double targetStartMs = 0.0; ///< the target (if any) on [targetStartMs, targetEndMs)
        double targetEndMs = 0.0;
    };

    /// One event of the sequence.
    struct Event {
        enum class Kind { Cue, Target };
        double startMs = 0.0;
        double endMs = 0.0;
        Kind kind = Kind::Cue;
        int group = 0;          ///< cue index (0..C-1) or target index (0..T-1)
        std::int64_t trial = 0; ///< trial index
        bool valid = false;     ///< targets: the cued one
    };

    /// The schedule of a cue_target stimulus' parameters. Throws core::Error naming the
    /// parameter when the groups, weights or times do not describe a paradigm.
    explicit CueTargetSchedule(const core::ParameterSet& params)
        : m_cues(static_cast<int>(integer(params, "cue_groups")))
        , m_targets(static_cast<int>(integer(params, "target_groups")))
        , m_seed(static_cast<std::uint64_t>(integer(params, "sequence_seed")))
        , m_onsetMs(params.get("onset_ms"))
        , m_periodMs(params.get("period_ms"))
        , m_cueMs(params.get("cue_ms"))
        , m_delayMinMs(params.get("delay_min_ms"))
        , m_delayMaxMs(params.get("delay_max_ms"))
        , m_targetMs(params.get("target_ms"))
        , m_pValid(params.get("p_valid"))
        , m_pCatch(params.get("p_catch")) {
        if (m_cues > kMaxCues)
            throw core::Error("params.cue_groups: at most " + std::to_string(kMaxCues));
        double total = 0.0;
        for (int c = 0; c < m_cues; ++c) {
            m_weights.push_back(params.get("p_cue_" + std::to_string(c)));
            total += m_weights.back();
        }
        if (!(total > 0.0))
            throw core::Error("params.p_cue_0: the weights of the " + std::to_string(m_cues) +
                              " cue groups sum to 0");
        for (auto& w : m_weights)
            w /= total;
        if (m_delayMaxMs < m_delayMinMs)
            throw core::Error("params.delay_max_ms: must be >= delay_min_ms");
        if (m_periodMs < m_cueMs + m_delayMaxMs + m_targetMs)
            throw core::Error("params.period_ms: must be at least cue_ms + delay_max_ms + "
                              "target_ms so that the trials do not overlap");
    }

    /// Number of cue groups C and target groups T.
    int cueGroups() const { return m_cues; }
    int targetGroups() const { return m_targets; }

    /// Channels [first, last) of group `g` (cue groups 0..C-1, then target groups C..C+T-1)
    /// when `size` channels are split evenly.
    std::pair<std::size_t, std::size_t> channels(int g, std::size_t size) const {
        const auto groups = static_cast<std::size_t>(m_cues + m_targets);
        return {static_cast<std::size_t>(g) * size / groups,
                static_cast<std::size_t>(g + 1) * size / groups};
    }

    /// Trial `n` (n >= 0): a cue by the normalised weights p_cue_c, a delay uniform on
    /// [delay_min_ms, delay_max_ms], then no target with probability p_catch, else the cued
    /// target with probability p_valid, else one of the other targets (uniformly).
    Trial trial(std::int64_t n) const {
        core::RandomStream random(
            core::streamSeed(m_seed, kSequenceStream, static_cast<std::uint64_t>(n)));
        const double uCue = random.uniform(), uDelay = random.uniform();
        const double uCatch = random.uniform(), uValid = random.uniform();
        const std::uint64_t other =
            m_targets > 1 ? random.below(static_cast<std::uint64_t>(m_targets - 1)) : 0;
        Trial t;
        t.index = n;
        double cumulative = 0.0;
        t.cue = m_cues - 1;
        for (int c = 0; c < m_cues; ++c) {
            cumulative += m_weights[static_cast<std::size_t>(c)];
            if (uCue < cumulative) {
                t.cue = c;
                break;
            }
        }
        t.cueStartMs = m_onsetMs + static_cast<double>(n) * m_periodMs;
        t.cueEndMs = t.cueStartMs + m_cueMs;
        t.targetStartMs = t.cueEndMs + m_delayMinMs + (m_delayMaxMs - m_delayMinMs) * uDelay;
        t.targetEndMs = t.targetStartMs + m_targetMs;
        const int cued = t.cue % m_targets;
        if (uCatch < m_pCatch) {
            t.target = -1;
        } else if (uValid < m_pValid || m_targets == 1) {
            t.target = cued;
            t.valid = true;
        } else {
            t.target = (cued + 1 + static_cast<int>(other)) % m_targets;
        }
        return t;
    }

    /// The trial running at time `tMs`, or -1 before the onset.
    std::int64_t trialAt(double tMs) const {
        if (tMs < m_onsetMs)
            return -1;
        return static_cast<std::int64_t>(std::floor((tMs - m_onsetMs) / m_periodMs));
    }

    /// Every event that starts before `untilMs`, in time order.
    std::vector<Event> events(double untilMs) const {
        std::vector<Event> out;
        for (std::int64_t n = 0; n <= trialAt(untilMs); ++n) {
            const Trial t = trial(n);
            if (t.cueStartMs < untilMs)
                out.push_back({t.cueStartMs, t.cueEndMs, Event::Kind::Cue, t.cue, n, false});
            if (t.target >= 0 && t.targetStartMs < untilMs)
                out.push_back(
                    {t.targetStartMs, t.targetEndMs, Event::Kind::Target, t.target, n, t.valid});
        }
        return out;
    }

    /// Most cue groups (weights p_cue_0 .. p_cue_3).
    static constexpr int kMaxCues = 4;

private:
    static constexpr std::uint64_t kSequenceStream = 0x637565ULL; // "cue"

    static double integer(const core::ParameterSet& params, const std::string& key) {
        const double v = params.get(key);
        if (v != std::floor(v))
            throw core::Error("params." + key + ": must be an integer (got " + std::to_string(v) +
                              ")");
        return v;
    }

    int m_cues, m_targets;
    std::uint64_t m_seed;
    double m_onsetMs, m_periodMs, m_cueMs, m_delayMinMs, m_delayMaxMs, m_targetMs;
    double m_pValid, m_pCatch;
    std::vector<double> m_weights;
};

} // namespace plexus::plugins
