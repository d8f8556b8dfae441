#include "plexus/geometry/probes/RecordingProbe.h"

#include <string>

namespace plexus::geometry {

std::string RecordingProbe::contactName(Eigen::Index c) const {
    const auto k = static_cast<std::size_t>(c);
    if (k < contactNames.size() && !contactNames[k].empty()) {
        return contactNames[k];
    }
    std::string name = std::to_string(c);
    name.insert(name.begin(), 'c');
    return name;
}

} // namespace plexus::geometry
