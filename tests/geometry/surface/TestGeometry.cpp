// Surface meshes, curvature, nearest-vertex search and the procedural folded cortex, against
// known answers (spheres, brute force, the generator's own construction).

#include "geometry/GeometryTestSupport.h"
#include "plexus/geometry/surface/FoldedCortex.h"
#include "plexus/geometry/surface/MeshPrimitives.h"
#include "plexus/geometry/surface/SurfaceMeasures.h"
#include "plexus/geometry/surface/VertexLocator.h"

#include <Eigen/Geometry>
#include <QElapsedTimer>
#include <QtTest>
#include <cmath>
#include <random>

using namespace plexus;
using geometry::SurfaceMesh;

namespace {

/// Point-in-closed-mesh test by the parity of crossings of a ray along +x, with the triangles
/// bucketed on a (y, z) grid.
class ParityCounter {
public:
    explicit ParityCounter(const SurfaceMesh& mesh)
        : m_mesh(mesh) {
        const auto b = mesh.bounds();
        m_y0 = b[2];
        m_z0 = b[4];
        m_ny = static_cast<int>((b[3] - b[2]) / kCell) + 1;
        m_nz = static_cast<int>((b[5] - b[4]) / kCell) + 1;
        m_cells.resize(static_cast<std::size_t>(m_ny) * m_nz);
        for (Eigen::Index t = 0; t < mesh.triangleCount(); ++t) {
            float ylo = 1e30f, yhi = -1e30f, zlo = 1e30f, zhi = -1e30f;
            for (int k = 0; k < 3; ++k) {
                const auto v = mesh.vertices().row(mesh.triangles()(t, k));
                ylo = std::min(ylo, v.y());
                yhi = std::max(yhi, v.y());
                zlo = std::min(zlo, v.z());
                zhi = std::max(zhi, v.z());
            }
            for (int iy = cellY(ylo); iy <= cellY(yhi); ++iy) {
                for (int iz = cellZ(zlo); iz <= cellZ(zhi); ++iz) {
                    m_cells[static_cast<std::size_t>(iy) * m_nz + iz].push_back(t);
                }
            }
        }
    }

    bool inside(const Eigen::Vector3f& p) const {
        const int iy = cellY(p.y());
        const int iz = cellZ(p.z());
        int crossings = 0;
        for (const Eigen::Index t : m_cells[static_cast<std::size_t>(iy) * m_nz + iz]) {
            const Eigen::Vector3d a =
                m_mesh.vertices().row(m_mesh.triangles()(t, 0)).cast<double>();
            const Eigen::Vector3d b =
                m_mesh.vertices().row(m_mesh.triangles()(t, 1)).cast<double>();
            const Eigen::Vector3d c =
                m_mesh.vertices().row(m_mesh.triangles()(t, 2)).cast<double>();
            // Barycentric coordinates of (p.y, p.z) in the triangle's (y, z) projection.
            const double det =
                (b.y() - a.y()) * (c.z() - a.z()) - (c.y() - a.y()) * (b.z() - a.z());
            if (std::abs(det) < 1e-12) {
                continue;
            }
            const double u =
                ((p.y() - a.y()) * (c.z() - a.z()) - (c.y() - a.y()) * (p.z() - a.z())) / det;
            const double v =
                ((b.y() - a.y()) * (p.z() - a.z()) - (p.y() - a.y()) * (b.z() - a.z())) / det;
            if (u < 0.0 || v < 0.0 || u + v > 1.0) {
                continue;
            }
            const double x = a.x() + u * (b.x() - a.x()) + v * (c.x() - a.x());
            if (x > p.x()) {
                ++crossings;
            }
        }
        return crossings % 2 == 1;
    }

private:
    static constexpr float kCell = 2.0f;
    int cellY(float y) const {
        return std::clamp(static_cast<int>((y - m_y0) / kCell), 0, m_ny - 1);
    }
    int cellZ(float z) const {
        return std::clamp(static_cast<int>((z - m_z0) / kCell), 0, m_nz - 1);
    }

    const SurfaceMesh& m_mesh;
    float m_y0 = 0.0f;
    float m_z0 = 0.0f;
    int m_ny = 1;
    int m_nz = 1;
    std::vector<std::vector<Eigen::Index>> m_cells;
};

double correlation(const Eigen::VectorXf& a, const Eigen::VectorXf& b) {
    const Eigen::ArrayXd x = a.cast<double>().array() - a.cast<double>().mean();
    const Eigen::ArrayXd y = b.cast<double>().array() - b.cast<double>().mean();
    return (x * y).sum() / std::sqrt((x * x).sum() * (y * y).sum());
}

} // namespace

class TestGeometry : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void icosphereCountsAndNormals();
    void normalsPointOutwardForClockwiseFiles();
    void sphereCurvatureIsMinusOneOverRadius();
    void validateNamesTheProblem();
    void setScalarChecksSize();
    void locatorMatchesBruteForce();
    void foldedCortexIsDeterministic();
    void foldedCortexHasHemisphereShape();
    void foldedCortexIsFolded();
    void whiteSurfaceLiesInsidePialAtCorticalThickness();
    void curvatureAndDepthAgree();
};

void TestGeometry::icosphereCountsAndNormals() {
    for (int s = 0; s <= 4; ++s) {
        const SurfaceMesh mesh = geometry::MeshPrimitives::icosphere(s, 2.0f);
        QCOMPARE(mesh.vertexCount(), 10 * (1 << (2 * s)) + 2);
        QCOMPARE(mesh.triangleCount(), 20 * (1 << (2 * s)));
        mesh.validate("icosphere");
        for (Eigen::Index i = 0; i < mesh.vertexCount(); ++i) {
            QVERIFY(std::abs(mesh.vertices().row(i).norm() - 2.0f) < 1e-5f);
        }
    }
    // Closed, consistently oriented: computed normals agree with the radial directions.
    SurfaceMesh mesh = geometry::MeshPrimitives::icosphere(3, 1.0f);
    const SurfaceMesh::Vertices radial = mesh.normals();
    mesh.computeNormals();
    for (Eigen::Index i = 0; i < mesh.vertexCount(); ++i) {
        QVERIFY(mesh.normals().row(i).dot(radial.row(i)) > 0.99f);
    }
    // Area of a unit sphere: 4 pi (the polyhedron is slightly smaller).
    QVERIFY(std::abs(mesh.area() - 4.0 * M_PI) / (4.0 * M_PI) < 0.01);
}

void TestGeometry::normalsPointOutwardForClockwiseFiles() {
    SurfaceMesh mesh = geometry::MeshPrimitives::icosphere(2, 1.0f);
    mesh.triangles().col(1).swap(mesh.triangles().col(2)); // clockwise seen from outside
    mesh.computeNormals();
    for (Eigen::Index i = 0; i < mesh.vertexCount(); ++i) {
        QVERIFY(mesh.normals().row(i).dot(mesh.vertices().row(i)) > 0.9f);
    }
}

void TestGeometry::sphereCurvatureIsMinusOneOverRadius() {
    const float radius = 50.0f;
    const SurfaceMesh sphere = geometry::MeshPrimitives::icosphere(5, radius);
    const Eigen::VectorXf curvature = geometry::SurfaceMeasures::meanCurvature(sphere);
    QCOMPARE(curvature.size(), sphere.vertexCount());
    // FreeSurfer's sign: convex is negative.
    QVERIFY(std::abs(curvature.mean() + 1.0f / radius) < 0.01f / radius);
    QVERIFY(std::abs(curvature.maxCoeff() + 1.0f / radius) < 0.05f / radius);
    QVERIFY(std::abs(curvature.minCoeff() + 1.0f / radius) < 0.05f / radius);
}

void TestGeometry::validateNamesTheProblem() {
    SurfaceMesh mesh = geometry::MeshPrimitives::icosphere(1);
    mesh.triangles()(7, 2) = 1000;
    const std::string error = tests::errorOf([&] { mesh.validate("lh.test"); });
    QVERIFY2(error.find("lh.test") != std::string::npos, error.c_str());
    QVERIFY2(error.find("triangle 7") != std::string::npos, error.c_str());
    QVERIFY2(error.find("out of range") != std::string::npos, error.c_str());
    mesh.triangles()(7, 2) = 1;
    mesh.vertices()(3, 1) = std::numeric_limits<float>::quiet_NaN();
    const std::string nan = tests::errorOf([&] { mesh.validate("lh.test"); });
    QVERIFY2(nan.find("vertex 3") != std::string::npos, nan.c_str());
}

void TestGeometry::setScalarChecksSize() {
    SurfaceMesh mesh = geometry::MeshPrimitives::icosphere(1);
    QVERIFY(!tests::errorOf([&] { mesh.setScalar("curv", Eigen::VectorXf::Zero(3)); }).empty());
    mesh.setScalar("curv", Eigen::VectorXf::Ones(mesh.vertexCount()));
    mesh.setScalar("curv", Eigen::VectorXf::Zero(mesh.vertexCount()));
    QCOMPARE(mesh.scalars().size(), std::size_t{1});
    QCOMPARE((*mesh.scalar("curv"))[0], 0.0f);
    mesh.removeScalar("curv");
    QVERIFY(mesh.scalar("curv") == nullptr);
}

void TestGeometry::locatorMatchesBruteForce() {
    const geometry::FoldedCortex cortex;
    const SurfaceMesh::Vertices& points = cortex.pial().vertices();
    const geometry::VertexLocator locator(points);
    std::mt19937 random(7);
    std::uniform_real_distribution<float> coordinate(-120.0f, 120.0f);
    for (int q = 0; q < 300; ++q) {
        // Near the surface, inside, and far outside the grid.
        Eigen::Vector3f query(coordinate(random), coordinate(random), coordinate(random));
        if (q % 3 == 0) {
            query =
                points.row(random() % points.rows()).transpose() +
                Eigen::Vector3f(coordinate(random), coordinate(random), coordinate(random)) * 0.02f;
        }
        if (q % 10 == 0) {
            query *= 20.0f;
        }
        Eigen::Index best = 0;
        const float bestDistance =
            (points.rowwise() - query.transpose()).rowwise().norm().minCoeff(&best);
        const auto hit = locator.nearest(query);
        QVERIFY(hit.has_value());
        QCOMPARE(hit->distance, bestDistance);
    }
    QVERIFY(!locator.nearest(Eigen::Vector3f(0, 0, 1000), 1.0f).has_value());
}

void TestGeometry::foldedCortexIsDeterministic() {
    QElapsedTimer timer;
    timer.start();
    const geometry::FoldedCortex a;
    qInfo("folded cortex: %lld vertices, %lld triangles per surface, generated in %lld ms",
          static_cast<long long>(a.pial().vertexCount()),
          static_cast<long long>(a.pial().triangleCount()),
          static_cast<long long>(timer.elapsed()));
    const geometry::FoldedCortex b;
    QVERIFY(tests::sameGeometry(a.pial(), b.pial()));
    QVERIFY(tests::sameGeometry(a.white(), b.white()));
    QCOMPARE(a.pial().vertexCount(), 40962);
    QCOMPARE(a.pial().triangleCount(), 81920);
    geometry::FoldedCortex::Options other;
    other.seed = 2;
    const geometry::FoldedCortex c(other);
    QCOMPARE(c.pial().vertexCount(), a.pial().vertexCount());
    QVERIFY(!(c.pial().vertices() == a.pial().vertices()));
    a.pial().validate("pial");
    a.white().validate("white");
}

void TestGeometry::foldedCortexHasHemisphereShape() {
    const geometry::FoldedCortex left;
    const auto b = left.pial().bounds();
    const auto& o = left.options();
    // Left hemisphere: x < 0, medial wall near the midline.
    QVERIFY(b[1] < 0.0f && b[1] > -4.0f);
    QVERIFY(std::abs((b[1] - b[0]) - o.widthMm) < 0.1f * o.widthMm);
    QVERIFY(std::abs((b[3] - b[2]) - o.lengthMm) < 0.1f * o.lengthMm);
    QVERIFY(std::abs((b[5] - b[4]) - o.heightMm) < 0.2f * o.heightMm);
    // The right hemisphere is its mirror image.
    geometry::FoldedCortex::Options mirrored;
    mirrored.leftHemisphere = false;
    const geometry::FoldedCortex right(mirrored);
    for (Eigen::Index i = 0; i < right.pial().vertexCount(); i += 97) {
        QCOMPARE(right.pial().vertices()(i, 0), -left.pial().vertices()(i, 0));
        QCOMPARE(right.pial().vertices()(i, 2), left.pial().vertices()(i, 2));
    }
    QVERIFY(right.pial().bounds()[0] > 0.0f);
    // Mirroring keeps normals outward.
    const Eigen::Vector3f c = right.pial().centroid();
    double outward = 0.0;
    for (Eigen::Index i = 0; i < right.pial().vertexCount(); ++i) {
        outward +=
            right.pial().normals().row(i).dot(right.pial().vertices().row(i) - c.transpose());
    }
    QVERIFY(outward > 0.0);
}

void TestGeometry::foldedCortexIsFolded() {
    const geometry::FoldedCortex folded;
    geometry::FoldedCortex::Options flat;
    flat.sulcalDepthMm = 0.0f;
    flat.landmarkFissures = false;
    const geometry::FoldedCortex smooth(flat);
    // Folding adds surface: a gyrification index well above 1.
    const double index = folded.pial().area() / smooth.pial().area();
    qInfo("pial area %.0f mm^2, unfolded %.0f mm^2, ratio %.2f; white %.0f mm^2",
          folded.pial().area(), smooth.pial().area(), index, folded.white().area());
    QVERIFY(index > 1.3);
    // Sulcal depth: 0 on crowns, up to about the fissure depth.
    const Eigen::VectorXf& sulc = *folded.pial().scalar(SurfaceMesh::kSulcalDepth);
    QVERIFY(sulc.minCoeff() >= 0.0f);
    QVERIFY(sulc.maxCoeff() > folded.options().sulcalDepthMm);
    QVERIFY(sulc.maxCoeff() < 2.5f * folded.options().sulcalDepthMm);
    const double crowns = (sulc.array() < 0.5f).cast<double>().mean();
    const double deep =
        (sulc.array() > 0.5f * folded.options().sulcalDepthMm).cast<double>().mean();
    qInfo("crowns (sulc < 0.5 mm): %.2f, deep (> half depth): %.2f", crowns, deep);
    QVERIFY(crowns > 0.15 && crowns < 0.8);
    QVERIFY(deep > 0.05 && deep < 0.5);
}

void TestGeometry::whiteSurfaceLiesInsidePialAtCorticalThickness() {
    const geometry::FoldedCortex cortex;
    const SurfaceMesh& pial = cortex.pial();
    const SurfaceMesh& white = cortex.white();
    // Every white vertex lies inside the closed pial surface: a ray from it along +x crosses
    // the pial surface an odd number of times.
    // The ray runs in a skew direction (the mesh is rotated) so that it never runs through
    // the pial vertex on the white vertex's own construction ray.
    const Eigen::Matrix3f rotation =
        (Eigen::AngleAxisf(0.7f, Eigen::Vector3f(0.3f, 0.5f, 0.8f).normalized()))
            .toRotationMatrix();
    SurfaceMesh rotated(pial.vertices() * rotation.transpose(), pial.triangles());
    const ParityCounter pialCounter(rotated);
    Eigen::Index inside = 0;
    for (Eigen::Index i = 0; i < white.vertexCount(); ++i) {
        if (pialCounter.inside(rotation * white.vertices().row(i).transpose())) {
            ++inside;
        }
    }
    const double insideFraction = static_cast<double>(inside) / white.vertexCount();
    const Eigen::VectorXf& thickness = *pial.scalar(SurfaceMesh::kThickness);
    const float q10 = geometry::SurfaceMeasures::quantile(thickness, 0.10);
    const float median = geometry::SurfaceMeasures::quantile(thickness, 0.5);
    const float q90 = geometry::SurfaceMeasures::quantile(thickness, 0.90);
    qInfo("white vertices inside pial: %.5f; thickness q10 %.2f, median %.2f, q90 %.2f mm",
          insideFraction, q10, median, q90);
    QCOMPARE(inside, white.vertexCount());
    QVERIFY(median > 2.0f && median < 3.6f);
    QVERIFY(q10 > 1.0f);
    QVERIFY(q90 < 5.5f);
    // Thinner in sulci than on crowns.
    const Eigen::VectorXf& sulc = *pial.scalar(SurfaceMesh::kSulcalDepth);
    double crownSum = 0.0;
    double fundusSum = 0.0;
    int crownCount = 0;
    int fundusCount = 0;
    for (Eigen::Index i = 0; i < pial.vertexCount(); ++i) {
        if (sulc[i] < 0.2f) {
            crownSum += thickness[i];
            ++crownCount;
        } else if (sulc[i] > 0.8f * cortex.options().sulcalDepthMm) {
            fundusSum += thickness[i];
            ++fundusCount;
        }
    }
    qInfo("thickness on crowns %.2f mm, at fundi %.2f mm", crownSum / crownCount,
          fundusSum / fundusCount);
    QVERIFY(fundusSum / fundusCount < crownSum / crownCount);
}

void TestGeometry::curvatureAndDepthAgree() {
    const geometry::FoldedCortex cortex;
    const SurfaceMesh& pial = cortex.pial();
    const Eigen::VectorXf& curv = *pial.scalar(SurfaceMesh::kCurvature);
    const Eigen::VectorXf& sulc = *pial.scalar(SurfaceMesh::kSulcalDepth);
    // FreeSurfer convention: sulci (deep) have positive curvature, crowns negative.
    double deepMean = 0.0;
    double crownMean = 0.0;
    int deep = 0;
    int crown = 0;
    for (Eigen::Index i = 0; i < pial.vertexCount(); ++i) {
        if (sulc[i] > 0.85f * cortex.options().sulcalDepthMm) {
            deepMean += curv[i];
            ++deep;
        } else if (sulc[i] < 0.05f) {
            crownMean += curv[i];
            ++crown;
        }
    }
    deepMean /= deep;
    crownMean /= crown;
    qInfo("mean curvature: fundi %.3f, crowns %.3f (1/mm)", deepMean, crownMean);
    QVERIFY(deepMean > 0.05);
    QVERIFY(crownMean < 0.0);
    // The generic sulcal-depth estimate (smoothing-based, as for loaded surfaces) agrees with
    // the generator's exact depth.
    const Eigen::VectorXf estimate = geometry::SurfaceMeasures::sulcalDepth(pial);
    const double r = correlation(estimate, sulc);
    qInfo("sulcal depth estimate vs construction: r = %.3f", r);
    QVERIFY(r > 0.7);
}

QTEST_APPLESS_MAIN(TestGeometry)
#include "TestGeometry.moc"
