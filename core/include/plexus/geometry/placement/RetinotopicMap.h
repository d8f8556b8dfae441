#pragma once

#include <Eigen/Core>

namespace plexus::geometry {

/**
 * @brief A log-polar retinotopic map of primary visual cortex (V1) and the phosphene a
 * stimulating contact evokes.
 *
 * Visual-field positions are degrees, z = x + i y (x right, y up). The map is Schwartz's
 * monopole model with a foveal offset, w = k (log(z + a) - log a), so the fovea (z = 0) sits
 * at w = 0 and the cortical magnification is M(E) = k / (E + a) mm/deg at
 * eccentricity E (|dw/dz| = k / |z + a|, equal to it on the horizontal meridian). Defaults
 * k = 17.3 mm, a = 0.75 deg (Horton & Hoyt 1991).
 *
 * A 3D cortical point p gets its map coordinates by projection onto a local frame:
 * w = ((p - fovea) . eccentricityAxis, (p - fovea) . polarAxis) (mm). That is exact for a flat
 * sheet lying in the plane of the two axes and a first-order flattening of a curved patch.
 * Moving along eccentricityAxis increases eccentricity along the horizontal meridian; moving
 * along polarAxis turns the polar angle (w_y / k radians, positive = upper field). Left
 * hemisphere V1 sees the right visual field (x > 0); set leftVisualField for the right
 * hemisphere (x is mirrored).
 *
 * A contact activating cortex within phospheneSpreadMm produces a phosphene of radius
 * phospheneSpreadMm / M(E) = phospheneSpreadMm (E + a) / k degrees centred on its map point.
 */
class RetinotopicMap {
public:
    /// Map parameters.
    struct Options {
        Eigen::Vector3d foveaMm = Eigen::Vector3d::Zero();           ///< w = 0
        Eigen::Vector3d eccentricityAxis = Eigen::Vector3d::UnitX(); ///< unit, in the cortex
        Eigen::Vector3d polarAxis = Eigen::Vector3d::UnitY();        ///< unit, normal to it
        double kMm = 17.3;                                           ///< scale (mm), > 0
        double aDeg = 0.75;                                          ///< foveal offset (deg), > 0
        double phospheneSpreadMm = 0.5; ///< cortical radius activated by a contact (mm), > 0
        bool leftVisualField = false;   ///< mirror x (right hemisphere)
    };

    /// The default map (Options{}).
    RetinotopicMap();
    /// A map from @p options; the axes are normalised and polarAxis is made orthogonal to
    /// eccentricityAxis. Throws core::Error for invalid values or parallel axes.
    explicit RetinotopicMap(const Options& options);

    /// The options in use (normalised axes).
    const Options& options() const { return m_options; }

    /// Map coordinates w (mm) of the 3D cortical point @p pointMm.
    Eigen::Vector2d corticalCoordinates(const Eigen::Vector3d& pointMm) const;
    /// Visual-field position (deg) of map coordinates @p wMm: z = a exp(w / k) - a.
    Eigen::Vector2d visualFromCortical(const Eigen::Vector2d& wMm) const;
    /// Map coordinates (mm) of visual-field position @p zDeg: w = k log((z + a) / a).
    Eigen::Vector2d corticalFromVisual(const Eigen::Vector2d& zDeg) const;
    /// Visual-field position (deg) of the 3D cortical point @p pointMm.
    Eigen::Vector2d visualField(const Eigen::Vector3d& pointMm) const {
        return visualFromCortical(corticalCoordinates(pointMm));
    }
    /// Cortical magnification k / (E + a) (mm/deg) at eccentricity @p eccentricityDeg.
    double magnification(double eccentricityDeg) const;
    /// Phosphene radius (deg) at eccentricity @p eccentricityDeg.
    double phospheneRadius(double eccentricityDeg) const;

private:
    Options m_options;
};

} // namespace plexus::geometry
