#include "plexus/analysis/ConditionEpoch.h"

#include "plexus/core/base/Error.h"

#include <cmath>
#include <cstdlib>

namespace plexus::analysis {

namespace {

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos)
        return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

} // namespace

void ConditionEpoch::check(const std::string& where) const {
    if (name.empty())
        throw core::Error(where + ": the condition has no name");
    if (!std::isfinite(startMs) || !std::isfinite(endMs))
        throw core::Error(where + ": bounds must be finite");
    if (!(endMs > startMs))
        throw core::Error(where + ": end must be after start");
}

std::vector<ConditionEpoch> ConditionEpoch::parseList(const std::string& text) {
    std::vector<ConditionEpoch> out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const auto comma = text.find(',', pos);
        const std::string item =
            trim(text.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos));
        pos = comma == std::string::npos ? text.size() + 1 : comma + 1;
        if (item.empty())
            continue;
        const std::string where = "condition \"" + item + "\"";
        const auto colon = item.rfind(':');
        if (colon == std::string::npos || colon == 0)
            throw core::Error(where + ": expected name:start-end (times in ms)");
        ConditionEpoch e;
        e.name = trim(item.substr(0, colon));
        const std::string range = item.substr(colon + 1);
        const char* begin = range.c_str();
        char* end = nullptr;
        e.startMs = std::strtod(begin, &end);
        if (end == begin || *end != '-')
            throw core::Error(where + ": expected name:start-end (times in ms)");
        const char* second = end + 1;
        e.endMs = std::strtod(second, &end);
        if (end == second || trim(end).size() != 0)
            throw core::Error(where + ": expected name:start-end (times in ms)");
        e.check(where);
        out.push_back(e);
    }
    if (out.empty())
        throw core::Error("conditions: no condition given (expected name:start-end,...)");
    return out;
}

std::vector<ConditionEpoch>
ConditionEpoch::fromTrials(const std::vector<core::TrialWindow>& trials,
                           const std::vector<std::string>& conditionNames) {
    std::vector<ConditionEpoch> epochs;
    epochs.reserve(trials.size());
    for (const core::TrialWindow& t : trials) {
        const bool named =
            t.condition >= 0 && static_cast<std::size_t>(t.condition) < conditionNames.size();
        epochs.push_back({named ? conditionNames[static_cast<std::size_t>(t.condition)] : t.label,
                          t.startMs, t.endMs});
    }
    return epochs;
}

} // namespace plexus::analysis
