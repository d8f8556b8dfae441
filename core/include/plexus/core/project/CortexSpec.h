#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace plexus::core {

/**
 * @brief The cortex a project's neurons and electrodes are placed on (saved as its "cortex"
 *        member; a project without one uses the procedural cortex of seed 1).
 *
 * Either the procedural folded cortex (geometry::FoldedCortex) of `seed`, or a surface file:
 * `surface` (the pial surface) with an optional `white_surface` and `hemisphere`. Paths are
 * kept as written and resolved against the folder of the project file. On disk:
 * `{"seed": 1}` or `{"surface": "lh.pial", "white_surface": "lh.white", "hemisphere": "left"}`.
 * Members this version does not know are kept in `extra`.
 */
struct CortexSpec {
    std::uint64_t seed = 1;   ///< seed of the procedural cortex (when no surface file)
    std::string surface;      ///< pial surface file; empty: the procedural cortex
    std::string whiteSurface; ///< white surface file (optional)
    std::string hemisphere;   ///< "left", "right" or empty (unknown)
    nlohmann::json extra = nullptr;

    /// True for the procedural cortex (no surface file).
    bool isProcedural() const { return surface.empty(); }

    bool operator==(const CortexSpec&) const = default;
};

} // namespace plexus::core
