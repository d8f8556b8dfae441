#include "plexus/core/project/TrialSchedule.h"

#include "plexus/core/base/Error.h"
#include "plexus/core/base/RandomStream.h"

#include <utility>

namespace plexus::core {

namespace {

constexpr std::uint64_t kOrderStream = 0x4f524452; // "ORDR"

} // namespace

TrialSchedule TrialSchedule::expand(const ProtocolSpec& protocol) {
    TrialSchedule schedule;
    const std::size_t conditions = protocol.conditions.size();
    const std::size_t repeats = static_cast<std::size_t>(std::max(protocol.trials, 0));
    for (const ConditionSpec& c : protocol.conditions)
        schedule.m_conditionNames.push_back(c.name);
    std::vector<int> order;
    order.reserve(conditions * repeats);
    if (protocol.order == "blocked" || protocol.order == "random") {
        for (std::size_t c = 0; c < conditions; ++c)
            order.insert(order.end(), repeats, static_cast<int>(c));
        if (protocol.order == "random") {
            RandomStream rng(streamSeed(protocol.seed, kOrderStream));
            for (std::size_t i = order.size(); i > 1; --i)
                std::swap(order[i - 1], order[rng.below(i)]);
        }
    } else if (protocol.order == "interleaved") {
        for (std::size_t r = 0; r < repeats; ++r)
            for (std::size_t c = 0; c < conditions; ++c)
                order.push_back(static_cast<int>(c));
    } else {
        throw Error("protocol.order: unknown order \"" + protocol.order +
                    "\" (blocked, interleaved, random)");
    }
    const double period = protocol.trialMs + protocol.itiMs;
    std::vector<int> seen(conditions, 0);
    for (std::size_t k = 0; k < order.size(); ++k) {
        TrialWindow t;
        t.startMs = static_cast<double>(k) * period;
        t.endMs = t.startMs + protocol.trialMs;
        t.condition = order[k];
        t.trial = seen[static_cast<std::size_t>(order[k])]++;
        t.label = protocol.conditions[static_cast<std::size_t>(order[k])].trialLabel();
        schedule.m_trials.push_back(std::move(t));
    }
    schedule.m_totalMs = static_cast<double>(order.size()) * period;
    return schedule;
}

double TrialSchedule::runLengthS(const ProjectSpec& project) {
    if (!project.protocol)
        return project.simulation.durationS;
    return expand(*project.protocol).totalMs() / 1000.0;
}

} // namespace plexus::core
