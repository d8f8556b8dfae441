#include "plexus/geometry/placement/RetinotopicMap.h"

#include "plexus/core/base/Error.h"

#include <cmath>
#include <complex>

namespace plexus::geometry {

RetinotopicMap::RetinotopicMap()
    : RetinotopicMap(Options{}) {}

RetinotopicMap::RetinotopicMap(const Options& options)
    : m_options(options) {
    const auto positive = [](double v) { return std::isfinite(v) && v > 0.0; };
    if (!positive(options.kMm) || !positive(options.aDeg) || !positive(options.phospheneSpreadMm)) {
        throw core::Error("retinotopic map: k, a and the phosphene spread must be positive");
    }
    if (!options.foveaMm.allFinite() || !options.eccentricityAxis.allFinite() ||
        !options.polarAxis.allFinite()) {
        throw core::Error("retinotopic map: the fovea and the axes must be finite");
    }
    const double le = options.eccentricityAxis.norm();
    if (le < 1e-12) {
        throw core::Error("retinotopic map: the eccentricity axis has no direction");
    }
    m_options.eccentricityAxis /= le;
    Eigen::Vector3d p = options.polarAxis - options.polarAxis.dot(m_options.eccentricityAxis) *
                                                m_options.eccentricityAxis;
    if (p.norm() < 1e-9 * std::max(1.0, options.polarAxis.norm())) {
        throw core::Error("retinotopic map: the polar axis is parallel to the eccentricity axis");
    }
    m_options.polarAxis = p.normalized();
}

Eigen::Vector2d RetinotopicMap::corticalCoordinates(const Eigen::Vector3d& pointMm) const {
    const Eigen::Vector3d d = pointMm - m_options.foveaMm;
    return {d.dot(m_options.eccentricityAxis), d.dot(m_options.polarAxis)};
}

Eigen::Vector2d RetinotopicMap::visualFromCortical(const Eigen::Vector2d& wMm) const {
    const std::complex<double> w(wMm.x(), wMm.y());
    const std::complex<double> z = m_options.aDeg * std::exp(w / m_options.kMm) - m_options.aDeg;
    const double x = m_options.leftVisualField ? -z.real() : z.real();
    return {x, z.imag()};
}

Eigen::Vector2d RetinotopicMap::corticalFromVisual(const Eigen::Vector2d& zDeg) const {
    const double x = m_options.leftVisualField ? -zDeg.x() : zDeg.x();
    const std::complex<double> z(x, zDeg.y());
    const std::complex<double> w = m_options.kMm * std::log((z + m_options.aDeg) / m_options.aDeg);
    return {w.real(), w.imag()};
}

double RetinotopicMap::magnification(double eccentricityDeg) const {
    return m_options.kMm / (std::abs(eccentricityDeg) + m_options.aDeg);
}

double RetinotopicMap::phospheneRadius(double eccentricityDeg) const {
    return m_options.phospheneSpreadMm / magnification(eccentricityDeg);
}

} // namespace plexus::geometry
