#include "plexus/geometry/surface/FoldedCortex.h"

#include "plexus/core/base/RandomStream.h"
#include "plexus/geometry/surface/MeshPrimitives.h"
#include "plexus/geometry/surface/SurfaceMeasures.h"
#include "plexus/geometry/surface/VertexLocator.h"

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

namespace plexus::geometry {

namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

double logistic(double z) {
    return 1.0 / (1.0 + std::exp(-z));
}

double smoothstep(double edge0, double edge1, double x) {
    const double t = std::clamp((x - edge0) / (edge1 - edge0), 0.0, 1.0);
    return t * t * (3.0 - 2.0 * t);
}

/// Which wave vectors a WaveField draws: any direction, near an axis (stripes across it), or
/// near the plane perpendicular to an axis (stripes along it).
enum class WaveOrientation { Isotropic, AlongAxis, AcrossAxis };

/// A band-limited random field on R^3: a normalised sum of plane waves.
class WaveField {
public:
    WaveField(core::RandomStream& random, int count, double wavelength, double spread,
              WaveOrientation orientation = WaveOrientation::Isotropic,
              const Eigen::Vector3d& axis = Eigen::Vector3d::UnitY(), double tilt = 0.4) {
        m_waves.reserve(static_cast<std::size_t>(count));
        // An orthonormal frame (e1, e2, axis).
        const Eigen::Vector3d a = axis.normalized();
        const Eigen::Vector3d e1 =
            (std::abs(a.x()) < 0.9 ? Eigen::Vector3d::UnitX() : Eigen::Vector3d::UnitY())
                .cross(a)
                .normalized();
        const Eigen::Vector3d e2 = a.cross(e1);
        for (int i = 0; i < count; ++i) {
            Eigen::Vector3d direction;
            if (orientation == WaveOrientation::Isotropic) {
                const double z = random.uniform(-1.0, 1.0);
                const double phi = random.uniform(0.0, kTwoPi);
                const double r = std::sqrt(std::max(0.0, 1.0 - z * z));
                direction = Eigen::Vector3d(r * std::cos(phi), r * std::sin(phi), z);
            } else {
                // Elevation from the axis' perpendicular plane, within +-tilt radians.
                const double phi = random.uniform(0.0, kTwoPi);
                const double elevation = random.uniform(-tilt, tilt);
                const Eigen::Vector3d inPlane = std::cos(phi) * e1 + std::sin(phi) * e2;
                if (orientation == WaveOrientation::AcrossAxis) {
                    direction = std::cos(elevation) * inPlane + std::sin(elevation) * a;
                } else {
                    direction = std::cos(elevation) * a + std::sin(elevation) * inPlane;
                }
            }
            const double lambda = wavelength * std::exp(random.uniform(-spread, spread));
            m_waves.push_back({direction * (kTwoPi / lambda), random.uniform(0.0, kTwoPi)});
        }
        m_norm = count > 0 ? std::sqrt(2.0 / count) : 0.0;
    }

    /// Unit-variance value at @p p.
    double operator()(const Eigen::Vector3d& p) const {
        double sum = 0.0;
        for (const Wave& w : m_waves) {
            sum += std::cos(w.k.dot(p) + w.phase);
        }
        return sum * m_norm;
    }

private:
    struct Wave {
        Eigen::Vector3d k;
        double phase;
    };
    std::vector<Wave> m_waves;
    double m_norm = 0.0;
};

/// A landmark fissure: a segment in the (y, z) plane of the body, active where the surface
/// faces the side given by the lateral weight.
struct Fissure {
    Eigen::Vector2d from;
    Eigen::Vector2d to;
    double depthFactor;
    double widthFactor;
    double minLateral; // active where lateralness s exceeds this (soft)
};

/// Distance from @p p to segment [a, b] and the position along it in [0, 1].
std::pair<double, double> segmentDistance(const Eigen::Vector2d& p, const Eigen::Vector2d& a,
                                          const Eigen::Vector2d& b) {
    const Eigen::Vector2d ab = b - a;
    const double t = std::clamp((p - a).dot(ab) / ab.squaredNorm(), 0.0, 1.0);
    return {(a + t * ab - p).norm(), t};
}

/// Cortical groove profile: 1 at the fundus, falling off as a Gaussian.
double profile(double q) {
    return std::exp(-q * q);
}

} // namespace

FoldedCortex::FoldedCortex()
    : FoldedCortex(Options{}) {}

FoldedCortex::FoldedCortex(const Options& options)
    : m_options(options) {
    Options& o = m_options;
    o.subdivisions = std::clamp(o.subdivisions, 2, 8);
    o.lengthMm = std::clamp(o.lengthMm, 10.0f, 1000.0f);
    o.widthMm = std::clamp(o.widthMm, 5.0f, 1000.0f);
    o.heightMm = std::clamp(o.heightMm, 5.0f, 1000.0f);
    o.foldWavelengthMm = std::clamp(o.foldWavelengthMm, 4.0f, 200.0f);
    o.sulcalDepthMm = std::clamp(o.sulcalDepthMm, 0.0f, 50.0f);
    o.sulcusHalfWidthMm = std::clamp(o.sulcusHalfWidthMm, 0.3f, 20.0f);
    o.gyralThicknessMm = std::clamp(o.gyralThicknessMm, 0.1f, 10.0f);
    o.sulcalThicknessMm = std::clamp(o.sulcalThicknessMm, 0.1f, o.gyralThicknessMm);

    // 1. The unfolded body.
    SurfaceMesh sphere = MeshPrimitives::icosphere(o.subdivisions, 1.0f);
    const Eigen::Index nv = sphere.vertexCount();
    const double a = o.widthMm / 1.1653; // lateral half-axis (the medial half is flattened)
    const double b = o.lengthMm / 2.0;
    const double c = o.heightMm / 2.0;
    std::vector<double> lateralness(static_cast<std::size_t>(nv));
    SurfaceMesh::Vertices bodyVertices(nv, 3);
    for (Eigen::Index i = 0; i < nv; ++i) {
        const Eigen::Vector3d u = sphere.vertices().row(i).cast<double>();
        const double s = -u.x(); // +1 lateral, -1 medial (left hemisphere)
        lateralness[static_cast<std::size_t>(i)] = s;
        const double g = s * (0.15 + 0.85 * logistic(s / 0.25));
        const double x = -a * (g + 0.1653) - 1.0;
        const double y = b * u.y();
        const double zf = u.z() * (1.0 - 0.3 * logistic(-u.z() / 0.2));
        // The frontal lobe is a little taller than the occipital pole.
        const double z = c * zf * (1.0 + 0.06 * u.y()) - 0.04 * c * u.y() * u.y();
        bodyVertices.row(i) << static_cast<float>(x), static_cast<float>(y), static_cast<float>(z);
    }
    // Folds push the surface inward along rays from a core segment (the body's long axis),
    // not along the body's normals: rays from a segment do not cross within the body, so
    // neither surface can fold over itself (the body's normals converge at the tight rim of
    // the medial wall), and the white surface, deeper on the same rays, stays inside the pial.
    const Eigen::Vector3d coreFrom(-0.5 * o.widthMm, -0.55 * b, 0.0);
    const Eigen::Vector3d coreTo(-0.5 * o.widthMm, 0.55 * b, 0.0);
    const auto inwardRay = [&](const Eigen::Vector3d& p) -> Eigen::Vector3d {
        const Eigen::Vector3d axis = coreTo - coreFrom;
        const double t = std::clamp((p - coreFrom).dot(axis) / axis.squaredNorm(), 0.0, 1.0);
        const Eigen::Vector3d out = p - (coreFrom + t * axis);
        const double length = out.norm();
        return length > 1e-9 ? Eigen::Vector3d(out / length) : Eigen::Vector3d::UnitX();
    };

    // 2. Folding fields.
    core::RandomStream random(core::streamSeed(o.seed, 0x636f7274u /* "cort" */));
    // Three families of folds, blended by region: gyri running anterior-posterior (frontal
    // and temporal lobes), gyri running dorsal-ventral (around the central sulcus) and
    // isotropic, labyrinthine folds (parietal and occipital lobes, medial wall).
    const WaveField foldsAlong(random, 48, o.foldWavelengthMm, 0.15, WaveOrientation::AcrossAxis,
                               Eigen::Vector3d::UnitY(), 0.35);
    // Around the central sulcus the folds run parallel to it: waves travel across it.
    const Eigen::Vector3d acrossCentral = Eigen::Vector3d(0.0, 1.05 * c, 0.18 * b).normalized();
    const WaveField foldsAcross(random, 48, o.foldWavelengthMm, 0.15, WaveOrientation::AlongAxis,
                                acrossCentral, 0.3);
    const WaveField foldsIsotropic(random, 64, o.foldWavelengthMm, 0.2);
    const WaveField depthVariation(random, 12, o.foldWavelengthMm * 3.0, 0.2);
    // Tangential gradient of a unit-variance field ~ sqrt(2/3) * 2 pi / wavelength.
    const double fieldPerMm = std::sqrt(2.0 / 3.0) * kTwoPi / o.foldWavelengthMm;
    const double halfWidthField = o.sulcusHalfWidthMm * fieldPerMm;
    // The white groove is wider by ~thickness / sqrt(ln 2) so that its walls sit about one
    // thickness away from the pial walls at mid-depth.
    const double widen = o.gyralThicknessMm / std::sqrt(std::log(2.0));
    const double tc = o.gyralThicknessMm;
    const double ts = o.sulcalThicknessMm;
    const double crownMm = 0.3 * o.sulcalDepthMm;

    const std::vector<Fissure> fissures =
        o.landmarkFissures
            ? std::vector<Fissure>{
                  // Lateral (Sylvian) fissure: anterior-inferior to posterior-superior.
                  {{0.30 * b, -0.22 * c}, {-0.42 * b, 0.20 * c}, 1.7, 1.3, 0.15},
                  // Central sulcus: from the dorsal margin down to the lateral fissure.
                  {{-0.12 * b, 1.10 * c}, {0.06 * b, 0.05 * c}, 1.35, 1.1, -0.45}}
            : std::vector<Fissure>{};

    SurfaceMesh::Vertices pialVertices(nv, 3);
    SurfaceMesh::Vertices whiteVertices(nv, 3);
    Eigen::VectorXf sulc(nv);
    for (Eigen::Index i = 0; i < nv; ++i) {
        const Eigen::Vector3d p = bodyVertices.row(i).cast<double>();
        const Eigen::Vector3d n = inwardRay(p);
        const double s = lateralness[static_cast<std::size_t>(i)];
        // Shallower folds on the flat medial wall, where the body bends sharply at its rim.
        const double sideFactor = 0.55 + 0.45 * logistic((s + 0.35) / 0.12);
        const double depth =
            o.sulcalDepthMm * sideFactor * std::clamp(1.0 + 0.3 * depthVariation(p), 0.55, 1.4);

        double pialDepth = 0.0;
        double whiteDepth = tc;
        const auto addGroove = [&](double q, double depthMm, double halfWidthMm) {
            const double qWhite = q * halfWidthMm / (halfWidthMm + widen);
            pialDepth = std::max(pialDepth, depthMm * profile(q));
            whiteDepth = std::max(whiteDepth, tc + (depthMm + ts - tc) * profile(qWhite));
        };
        // Region weights from the body position (left-hemisphere frame).
        const double centralY = std::lerp(0.06 * b, -0.12 * b, std::clamp(p.z() / c, 0.0, 1.0));
        const double aboveSylvian =
            logistic((p.z() - (-0.1 * c + 0.3 * (0.3 * b - p.y()) * c / b)) / (0.08 * c));
        const double medial = logistic((-s - 0.45) / 0.1);
        double wAcross = std::exp(-std::pow((p.y() - centralY) / (0.16 * b), 2.0)) * aboveSylvian;
        double wAlong = (logistic((p.y() - centralY - 0.15 * b) / (0.06 * b)) * aboveSylvian +
                         (1.0 - aboveSylvian) * logistic((p.y() + 0.55 * b) / (0.08 * b)));
        double wIso = std::max(0.0, 1.0 - wAcross - wAlong);
        wAcross *= 1.0 - medial;
        wAlong *= 1.0 - medial;
        wIso += medial;
        // Families with negligible weight are not evaluated (most of the cost is here).
        const auto part = [&](double weight, const WaveField& family) {
            return weight > 1e-3 ? weight * family(p) : 0.0;
        };
        const double field =
            (part(wAcross, foldsAcross) + part(wAlong, foldsAlong) + part(wIso, foldsIsotropic)) /
            std::max(1e-6, std::sqrt(wAcross * wAcross + wAlong * wAlong + wIso * wIso));
        // Landmark fissures own their neighbourhood: random sulci fade out next to them, so
        // no thin blade of cortex is left between two parallel grooves.
        double randomDepth = depth;
        for (const Fissure& f : fissures) {
            const auto [distance, along] = segmentDistance({p.y(), p.z()}, f.from, f.to);
            const double taper = smoothstep(0.0, 0.12, along) * smoothstep(1.0, 0.88, along) *
                                 logistic((s - f.minLateral) / 0.08);
            const double halfWidth = o.sulcusHalfWidthMm * f.widthFactor;
            addGroove(distance / halfWidth, o.sulcalDepthMm * f.depthFactor * taper, halfWidth);
            randomDepth *= 1.0 - 0.85 * taper * profile(distance / (3.5 * halfWidth));
        }
        addGroove(field / halfWidthField, randomDepth, o.sulcusHalfWidthMm);
        // Rounded gyral crowns: the surface keeps rising towards the middle of each gyrus
        // (where |f| peaks), by up to crownMm; tanh keeps rare field peaks from making crests.
        const double compressed = std::tanh(std::abs(field) / 1.2) * 1.2;
        const double crown = std::max(0.0, 1.0 - compressed / 1.1);
        pialDepth += crownMm * crown * crown;
        whiteDepth += crownMm * crown * crown;
        pialVertices.row(i) = (p - pialDepth * n).cast<float>().transpose();
        whiteVertices.row(i) = (p - whiteDepth * n).cast<float>().transpose();
        sulc[i] = static_cast<float>(pialDepth);
    }

    SurfaceMesh::Triangles triangles = sphere.triangles();
    if (!o.leftHemisphere) {
        pialVertices.col(0) *= -1.0f;
        whiteVertices.col(0) *= -1.0f;
        triangles.col(1).swap(triangles.col(2));
    }
    m_pial = SurfaceMesh(std::move(pialVertices), triangles);
    m_white = SurfaceMesh(std::move(whiteVertices), std::move(triangles));
    m_pial.computeNormals();
    m_white.computeNormals();

    // 3. Scalars.
    m_pial.setScalar(std::string(SurfaceMesh::kCurvature),
                     SurfaceMeasures::smooth(m_pial, SurfaceMeasures::meanCurvature(m_pial), 4));
    m_white.setScalar(std::string(SurfaceMesh::kCurvature),
                      SurfaceMeasures::smooth(m_white, SurfaceMeasures::meanCurvature(m_white), 4));
    m_pial.setScalar(std::string(SurfaceMesh::kSulcalDepth), sulc);
    m_white.setScalar(std::string(SurfaceMesh::kSulcalDepth), sulc);

    // Thickness as FreeSurfer measures it: the mean of the distances from each surface's
    // vertex to the nearest vertex of the other surface.
    const VertexLocator pialLocator(m_pial.vertices());
    const VertexLocator whiteLocator(m_white.vertices());
    Eigen::VectorXf thickness(nv);
    for (Eigen::Index i = 0; i < nv; ++i) {
        const auto toWhite = whiteLocator.nearest(m_pial.vertices().row(i).transpose());
        const auto toPial = pialLocator.nearest(m_white.vertices().row(i).transpose());
        thickness[i] =
            0.5f * ((toWhite ? toWhite->distance : 0.0f) + (toPial ? toPial->distance : 0.0f));
    }
    m_pial.setScalar(std::string(SurfaceMesh::kThickness), thickness);
    m_white.setScalar(std::string(SurfaceMesh::kThickness), thickness);
}

} // namespace plexus::geometry
