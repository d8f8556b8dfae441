#include "plexus/core/connectivity/ConnectivityParameter.h"

#include <cmath>
#include <cstdio>

namespace plexus::core {

namespace {

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

} // namespace

std::string ConnectivityParameter::refusal(double value) const {
    switch (kind) {
    case Kind::Probability:
        if (!(value >= minValue && value <= maxValue))
            return "must be in [" + number(minValue) + ", " + number(maxValue) + "]";
        return {};
    case Kind::Length:
        if (!(value > minValue && value <= maxValue) || !std::isfinite(value))
            return "must be a length > " + number(minValue) + " um";
        return {};
    case Kind::Count:
        if (value < 0 || value != std::floor(value))
            return "must be a non-negative integer";
        if (value < minValue)
            return "must be at least " + number(minValue);
        if (value > maxValue)
            return "must be at most " + number(maxValue);
        if (even && std::fmod(value, 2.0) != 0.0)
            return "must be even" + (evenReason.empty() ? std::string() : " (" + evenReason + ")");
        return {};
    }
    return {};
}

} // namespace plexus::core
