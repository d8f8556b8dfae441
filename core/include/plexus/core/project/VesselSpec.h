#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>

namespace plexus::core {

/**
 * @brief The blood vessels grown on a project's cortex (saved as its "vessels" member):
 *        whether they are shown and the options of the generator (geometry::VesselGenerator)
 *        rooted at the placement's anchor vertex.
 *
 * On disk: `{"enabled": true, "seed": 1, "trees": 3, "generations": 3}`; every member is
 * optional. Members this version does not know are kept in `extra`.
 */
struct VesselSpec {
    bool enabled = false;   ///< vessels are generated and shown
    std::uint64_t seed = 1; ///< generator seed
    int trees = 3;          ///< root vessels (1..64)
    int generations = 3;    ///< bifurcation levels (0..10)
    nlohmann::json extra = nullptr;

    bool operator==(const VesselSpec&) const = default;
};

} // namespace plexus::core
