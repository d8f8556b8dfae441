#include "plexus/core/connectivity/SpatialSpec.h"

#include <algorithm>

namespace plexus::core {

const std::vector<std::string>& SpatialSpec::shapes() {
    static const std::vector<std::string> all = {"mixed", "grid", "random", "ring", "sheet"};
    return all;
}

bool SpatialSpec::isKnownShape(const std::string& shape) {
    const auto& all = shapes();
    return std::find(all.begin(), all.end(), shape) != all.end();
}

SpatialSpec SpatialSpec::withShape(const std::string& shape) {
    SpatialSpec s;
    s.shape = shape;
    if (shape == "grid")
        s.extentUm = {1000.0, 1000.0, 0.0};
    else if (shape == "random")
        s.extentUm = {1000.0, 1000.0, 1000.0};
    else if (shape == "sheet")
        s.extentUm = {1000.0, 1000.0, 200.0};
    else if (shape == "ring")
        s.radiusUm = 500.0;
    return s;
}

} // namespace plexus::core
