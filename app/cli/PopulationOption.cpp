#include "PopulationOption.h"

#include "plexus/core/base/Error.h"

#include <algorithm>

namespace plexus::app {

namespace an = plexus::analysis;
using core::Error;

std::vector<an::SpikeTimes> PopulationOption::choose(const std::vector<an::SpikeTimes>& spikes,
                                                     const std::string& list,
                                                     const std::string& option) {
    std::vector<an::SpikeTimes> chosen;
    std::size_t pos = 0;
    while (pos <= list.size()) {
        const auto comma = list.find(',', pos);
        const std::string name =
            list.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
        pos = comma == std::string::npos ? list.size() + 1 : comma + 1;
        if (name.empty())
            continue;
        const auto it = std::find_if(spikes.begin(), spikes.end(), [&](const auto& s) {
            return s.name == name || s.name == "spikes_" + name;
        });
        if (it == spikes.end()) {
            std::string known;
            for (const auto& s : spikes)
                known += (known.empty() ? "" : ", ") + s.name;
            throw Error(option + ": no recording \"" + name + "\" (" + known + ")");
        }
        chosen.push_back(*it);
    }
    if (chosen.empty())
        throw Error(option + ": no population named");
    return chosen;
}

std::vector<an::SpikeTimes> PopulationOption::choose(const an::RecordedRun& run,
                                                     const std::optional<std::string>& list,
                                                     Fallback fallback) {
    if (list)
        return choose(run.spikes, *list);
    if (fallback == Fallback::Everything)
        return run.spikes;
    auto network = run.network();
    if (network.empty())
        throw Error(run.path + ": every spike recording is a stimulus; name one with --population");
    return network;
}

} // namespace plexus::app
