#pragma once

#include <string>

namespace plexus::core {

/// A quantity a model computes from its parameters and the step (e.g. membrane resistance,
/// rheobase, exact propagators), shown with the parameters as read-only help.
struct DerivedValue {
    std::string key;
    std::string label;
    std::string unit;
    double value = 0.0;
};

} // namespace plexus::core
