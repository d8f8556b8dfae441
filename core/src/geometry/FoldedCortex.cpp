#include "plexus/geometry/FoldedCortex.h"

#include "plexus/core/RandomStream.h"
#include "plexus/geometry/MeshPrimitives.h"
#include "plexus/geometry/SurfaceMeasures.h"
#include "plexus/geometry/VertexLocator.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

namespace plexus::geometry {

namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

double logistic(double z) { return 1.0 / (1.0 + std::exp(-z)); }

double smoothstep(double edge0, double edge1, double x) {
    const double t = std::clamp((x - edge0) / (edge1 - edge0), 0.0, 1.0);
    return t * t * (3.0 - 2.0 * t);
}

/// A band-limited random field on R^3: a normalised sum of plane waves.
class WaveField {
public:
    WaveField(core::RandomStream& random, int count, double wavelength, double spread) {
        m_waves.reserve(static_cast<std::size_t>(count));
        for (int i = 0; i < count; ++i) {
            // Uniform direction on the sphere.
            const double z = random.uniform(-1.0, 1.0);
            const double phi = random.uniform(0.0, kTwoPi);
            const double r = std::sqrt(std::max(0.0, 1.0 - z * z));
            const Eigen::Vector3d direction(r * std::cos(phi), r * std::sin(phi), z);
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
double profile(double q) { return std::exp(-q * q); }

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
        bodyVertices.row(i) << static_cast<float>(x), static_cast<float>(y),
            static_cast<float>(z);
    }
    SurfaceMesh body(bodyVertices, sphere.triangles());
    body.computeNormals();

    // 2. Folding fields.
    core::RandomStream random(core::streamSeed(o.seed, 0x636f7274u /* "cort" */));
    const WaveField folds(random, 96, o.foldWavelengthMm, 0.2);
    const WaveField depthVariation(random, 12, o.foldWavelengthMm * 3.0, 0.2);
    // Tangential gradient of a unit-variance field ~ sqrt(2/3) * 2 pi / wavelength.
    const double fieldPerMm = std::sqrt(2.0 / 3.0) * kTwoPi / o.foldWavelengthMm;
    const double halfWidthField = o.sulcusHalfWidthMm * fieldPerMm;
    // The white groove is wider by ~thickness / sqrt(ln 2) so that its walls sit about one
    // thickness away from the pial walls at mid-depth.
    const double widen = o.gyralThicknessMm / std::sqrt(std::log(2.0));
    const double tc = o.gyralThicknessMm;
    const double ts = o.sulcalThicknessMm;

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
        const Eigen::Vector3d p = body.vertices().row(i).cast<double>();
        const Eigen::Vector3d n = body.normals().row(i).cast<double>();
        const double s = lateralness[static_cast<std::size_t>(i)];
        // Shallower folds on the flat medial wall, where the body bends sharply at its rim.
        const double sideFactor = 0.55 + 0.45 * logistic((s + 0.35) / 0.12);
        const double depth = o.sulcalDepthMm * sideFactor *
                             std::clamp(1.0 + 0.3 * depthVariation(p), 0.55, 1.4);

        double pialDepth = 0.0;
        double whiteDepth = tc;
        const auto addGroove = [&](double q, double depthMm, double halfWidthMm) {
            const double qWhite = q * halfWidthMm / (halfWidthMm + widen);
            pialDepth = std::max(pialDepth, depthMm * profile(q));
            whiteDepth = std::max(whiteDepth, tc + (depthMm + ts - tc) * profile(qWhite));
        };
        addGroove(folds(p) / halfWidthField, depth, o.sulcusHalfWidthMm);
        for (const Fissure& f : fissures) {
            const auto [distance, along] = segmentDistance({p.y(), p.z()}, f.from, f.to);
            const double taper = smoothstep(0.0, 0.12, along) * smoothstep(1.0, 0.88, along) *
                                 logistic((s - f.minLateral) / 0.08);
            const double halfWidth = o.sulcusHalfWidthMm * f.widthFactor;
            addGroove(distance / halfWidth, o.sulcalDepthMm * f.depthFactor * taper, halfWidth);
        }
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
                     SurfaceMeasures::smooth(m_pial, SurfaceMeasures::meanCurvature(m_pial), 2));
    m_white.setScalar(
        std::string(SurfaceMesh::kCurvature),
        SurfaceMeasures::smooth(m_white, SurfaceMeasures::meanCurvature(m_white), 2));
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
        thickness[i] = 0.5f * ((toWhite ? toWhite->distance : 0.0f) +
                               (toPial ? toPial->distance : 0.0f));
    }
    m_pial.setScalar(std::string(SurfaceMesh::kThickness), thickness);
    m_white.setScalar(std::string(SurfaceMesh::kThickness), thickness);
}

} // namespace plexus::geometry
