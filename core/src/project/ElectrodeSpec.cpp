#include "plexus/core/project/ElectrodeSpec.h"

#include <algorithm>
#include <cmath>

namespace plexus::core {

const std::vector<std::string>& ElectrodeSpec::kinds() {
    static const std::vector<std::string> all = {"point", "laminar", "utah", "eeg", "thread"};
    return all;
}

const std::vector<std::string>& ElectrodeSpec::editorKinds() {
    static const std::vector<std::string> offered = {"point", "laminar", "utah", "eeg"};
    return offered;
}

bool ElectrodeSpec::isKnownKind(const std::string& type) {
    const auto& all = kinds();
    return std::find(all.begin(), all.end(), type) != all.end();
}

std::string ElectrodeSpec::kindLabel(const std::string& type) {
    if (type == "point")
        return "Point electrode";
    if (type == "laminar")
        return "Laminar probe";
    if (type == "utah")
        return "Utah array";
    if (type == "eeg")
        return "EEG montage";
    if (type == "thread")
        return "Threads";
    return type;
}

int ElectrodeSpec::defaultContacts(const std::string& type) {
    if (type == "laminar")
        return 16;
    if (type == "utah")
        return 96;
    if (type == "eeg")
        return 32;
    return 1;
}

double ElectrodeSpec::defaultDepthUm() const {
    if (type == "laminar")
        return (std::max(contacts, 1) - 1) * spacingUm + 100.0;
    if (type == "utah")
        return 1000.0;
    if (type == "eeg")
        return 0.0;
    return 500.0;
}

double ElectrodeSpec::effectiveDepthUm() const {
    if (depthUm.has_value() && std::isfinite(*depthUm) && *depthUm >= 0.0)
        return *depthUm;
    return defaultDepthUm();
}

} // namespace plexus::core
