#pragma once

#include "plexus/geometry/surface/SurfaceMesh.h"

#include <cstdint>

namespace plexus::geometry {

/**
 * @brief A procedural, folded cortical hemisphere: pial and white surfaces with gyri and sulci.
 *
 * Deterministic: the same Options give bit-identical surfaces. The construction:
 *  1. A geodesic sphere (MeshPrimitives::icosphere) is mapped onto a hemisphere-shaped body
 *     (an ellipsoid with a flattened medial wall and inferior surface; RAS millimetres, left
 *     hemisphere at x < 0 with its medial wall near x = 0, or mirrored for the right).
 *  2. A band-limited random field f (a sum of plane waves with wavelengths near
 *     Options::foldWavelengthMm, seeded from Options::seed) is evaluated on that body.
 *     Sulci run along the zero set of f: the pial surface is pushed inward along the body's
 *     normals by depth * exp(-(f / w)^2), so the zero lines become grooves and the regions
 *     between them gyri. Two landmark fissures (lateral/Sylvian and central) are added as
 *     deeper grooves.
 *  3. The white surface is the inward offset of the pial surface by the cortical thickness:
 *     Options::gyralThicknessMm under gyral crowns, thinning to Options::sulcalThicknessMm at
 *     the sulcal fundi. It is built as a height field over the same body (a deeper, wider
 *     version of every groove), so it never folds over or crosses the pial surface.
 *
 * Both surfaces share the triangles of the sphere (vertex i of one matches vertex i of the
 * other) and carry the scalars "curv" (mean curvature, FreeSurfer sign), "sulc" (depth below
 * the unfolded body, mm; 0 on gyral crowns) and "thickness" (distance to the other surface,
 * mm).
 */
class FoldedCortex {
public:
    /// Generation parameters; the defaults give a human-sized left hemisphere.
    struct Options {
        std::uint64_t seed = 1;         ///< random folds
        int subdivisions = 6;           ///< sphere subdivisions: 6 -> 40962 vertices
        bool leftHemisphere = true;     ///< false: mirrored to x > 0
        float lengthMm = 170.0f;        ///< anterior-posterior extent
        float widthMm = 68.0f;          ///< lateral-medial extent
        float heightMm = 115.0f;        ///< inferior-superior extent
        float foldWavelengthMm = 26.0f; ///< typical gyrus + sulcus period
        float sulcalDepthMm = 9.0f;     ///< typical depth of a sulcus below the crowns
        float sulcusHalfWidthMm = 2.6f; ///< half-width of a sulcus (Gaussian profile)
        float gyralThicknessMm = 3.0f;  ///< cortical thickness under gyral crowns
        float sulcalThicknessMm = 2.0f; ///< cortical thickness at sulcal fundi
        bool landmarkFissures = true;   ///< add the lateral and central fissures
    };

    /// Builds the default hemisphere (Options{}).
    FoldedCortex();
    /// Builds a hemisphere from @p options (sizes are clamped to sane ranges).
    explicit FoldedCortex(const Options& options);

    /// The outer (grey matter / CSF) surface.
    const SurfaceMesh& pial() const { return m_pial; }
    /// The inner (white matter / grey matter) surface.
    const SurfaceMesh& white() const { return m_white; }
    /// The options used (after clamping).
    const Options& options() const { return m_options; }

private:
    Options m_options;
    SurfaceMesh m_pial;
    SurfaceMesh m_white;
};

} // namespace plexus::geometry
