#pragma once

namespace plexus::core {

/// Where the circuit editor draws a node: its centre in scene coordinates.
struct NodePosition {
    double x = 0.0;
    double y = 0.0;

    bool operator==(const NodePosition&) const = default;
};

} // namespace plexus::core
