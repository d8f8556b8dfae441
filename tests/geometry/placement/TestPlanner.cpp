// Placement planning: known optima on tiny cases (one where greedy alone is suboptimal, one
// where vessels forbid the best sites), depth limits against vessels and grey-matter
// thickness, the no-violation guarantee and optimised >= baseline on a flat sheet crossed by a
// vessel, and the log-polar retinotopic map / phosphene objective.

#include "geometry/ElectrodeFixtures.h"
#include "plexus/geometry/placement/PlacementPlanner.h"
#include "plexus/geometry/placement/RetinotopicMap.h"
#include "plexus/geometry/vessels/VesselGraph.h"

#include <QtTest>
#include <cmath>
#include <numbers>

using namespace plexus;
using namespace plexus::geometry;
using plexus::tests::contains;
using plexus::tests::errorOf;
using plexus::tests::flatSheet;

namespace {

/// Vertices at (x, 0, 0) for each x, normals +z, no triangles.
SurfaceMesh pointRow(const std::vector<double>& xs) {
    SurfaceMesh::Vertices v(static_cast<Eigen::Index>(xs.size()), 3);
    for (std::size_t i = 0; i < xs.size(); ++i)
        v.row(static_cast<Eigen::Index>(i)) << static_cast<float>(xs[i]), 0.0f, 0.0f;
    SurfaceMesh mesh(std::move(v), SurfaceMesh::Triangles(0, 3));
    SurfaceMesh::Vertices n = SurfaceMesh::Vertices::Zero(mesh.vertexCount(), 3);
    n.col(2).setOnes();
    mesh.setNormals(std::move(n));
    return mesh;
}

/// A vertical vessel through (x, y) from z = 1 down to z = -3.
void addPenetrating(VesselGraph& g, double x, double y, double radius) {
    const auto a = g.addNode({x, y, 1.0});
    const auto b = g.addNode({x, y, -3.0});
    g.addEdge(a, b, radius);
}

std::vector<std::int64_t> vertexList(std::int64_t n) {
    std::vector<std::int64_t> v(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i)
        v[static_cast<std::size_t>(i)] = i;
    return v;
}

std::vector<std::int64_t> sitesOf(const PlacementPlanner::Layout& layout) {
    std::vector<std::int64_t> v;
    for (const auto& s : layout.sites)
        v.push_back(s.vertex);
    return v;
}

} // namespace

class TestPlanner : public QObject {
    Q_OBJECT

private slots:
    void localImprovementFindsTheOptimumGreedyMisses() {
        // Targets at x = -1.5, 0, 1, 2, 3, 4.5 (vertices 0-5); candidate sites at
        // A = 1.5 (covers 0..3), B = -0.25 (covers -1.5, 0, 1), C = 3.25 (covers 2, 3, 4.5)
        // with radius 1.55. Two sites: greedy takes A then B or C (5 of 6); B + C covers all.
        const SurfaceMesh mesh = pointRow({-1.5, 0, 1, 2, 3, 4.5, -0.25, 1.5, 3.25});
        PlacementPlanner::Options o;
        o.maxSites = 2;
        o.coverageRadiusMm = 1.55;
        o.candidateVertices = {6, 7, 8};
        const VesselGraph none;
        const PlacementPlanner planner(mesh, {0, 1, 2, 3, 4, 5}, none, o);
        const auto result = planner.plan();
        QCOMPARE(result.optimised.coverage, 1.0);
        auto chosen = sitesOf(result.optimised);
        std::sort(chosen.begin(), chosen.end());
        QCOMPARE(chosen, (std::vector<std::int64_t>{6, 8}));
        // The grid baseline: spacings from 3 to 6 mm put two nodes (1.5 -+ s/2, near 0 and 3)
        // in the target, snapped to B and C: here the regular grid is already optimal.
        QCOMPARE(result.baseline.gridNodes, 2);
        QCOMPARE(sitesOf(result.baseline), (std::vector<std::int64_t>{6, 8}));
        QCOMPARE(result.baseline.coverage, 1.0);
        // From scratch: greedy alone takes A and B, 5 of 6; the swaps reach B + C.
        o.seedWithBaseline = false;
        QCOMPARE(PlacementPlanner(mesh, {0, 1, 2, 3, 4, 5}, none, o).optimise().coverage, 1.0);
        o.maxPasses = 0;
        const auto greedy = PlacementPlanner(mesh, {0, 1, 2, 3, 4, 5}, none, o).optimise();
        QVERIFY(std::abs(greedy.coverage - 5.0 / 6.0) < 1e-15);
        QCOMPARE(sitesOf(greedy), (std::vector<std::int64_t>{7, 6}));
    }

    void vesselsForbidTheBestSites() {
        // Seven targets at x = 0..6, sites on the targets, radius 1.05 (a site covers itself
        // and its two neighbours), two sites. Without vessels the optimum is 6 of 7 (e.g. 1
        // and 4). Penetrating vessels at x = 1 and x = 5 forbid those sites; the best pairs
        // left ({2,4}, {0,3}, {2,6}...) cover 5 of 7.
        const SurfaceMesh mesh = pointRow({0, 1, 2, 3, 4, 5, 6});
        PlacementPlanner::Options o;
        o.maxSites = 2;
        o.coverageRadiusMm = 1.05;
        o.vesselMarginMm = 0.2;
        const VesselGraph none;
        QVERIFY(std::abs(PlacementPlanner(mesh, vertexList(7), none, o).optimise().coverage -
                         6.0 / 7.0) < 1e-15);
        VesselGraph vessels;
        addPenetrating(vessels, 1.0, 0.0, 0.1);
        addPenetrating(vessels, 5.0, 0.0, 0.1);
        const PlacementPlanner planner(mesh, vertexList(7), vessels, o);
        QVERIFY(planner.plannedDepth(1) < 0.0);
        QVERIFY(planner.plannedDepth(5) < 0.0);
        QCOMPARE(planner.plannedDepth(2), o.preferredDepthMm); // 0.9 mm from the wall
        // Brute force over every allowed pair.
        double best = 0.0;
        for (int a = 0; a < 7; ++a)
            for (int b = a + 1; b < 7; ++b)
                if (planner.plannedDepth(a) >= 0 && planner.plannedDepth(b) >= 0)
                    best = std::max(best, planner.evaluate({a, b}).coverage);
        QVERIFY(std::abs(best - 5.0 / 7.0) < 1e-15);
        const auto result = planner.plan();
        QVERIFY(std::abs(result.optimised.coverage - best) < 1e-15);
        QVERIFY(result.optimised.violations.empty());
        QVERIFY(result.baseline.violations.empty());
        for (const auto& s : result.optimised.sites)
            QVERIFY(s.vertex != 1 && s.vertex != 5);
        // Placing on a forbidden vertex anyway shows the violation (shank and contact).
        const auto forced = planner.evaluate({1});
        QCOMPARE(forced.violations.size(), std::size_t(2));
        QVERIFY(forced.violations[0].distance < 0.0);
    }

    void depthLimits() {
        // A pial vessel lying under the surface along y at x = 2, depth 1 mm, radius 0.1;
        // margin 0.2: a track at x = 2 may go down to 1 - 0.1 - 0.2 = 0.7 mm.
        SurfaceMesh mesh = pointRow({0, 2, 2.5});
        VesselGraph vessels;
        const auto a = vessels.addNode({2.0, -5.0, -1.0});
        const auto b = vessels.addNode({2.0, 5.0, -1.0});
        vessels.addEdge(a, b, 0.1);
        PlacementPlanner::Options o;
        o.minDepthMm = 0.5;
        o.preferredDepthMm = 1.5;
        o.maxDepthMm = 2.5;
        o.vesselMarginMm = 0.2;
        const PlacementPlanner planner(mesh, {0, 1, 2}, vessels, o);
        QCOMPARE(planner.plannedDepth(0), 1.5);
        QVERIFY(std::abs(planner.plannedDepth(1) - 0.7) < 1e-8);
        QVERIFY(planner.plannedDepth(1) <= 0.7);
        // 0.5 mm to the side: the track stays 0.4 mm from the wall at any depth.
        QCOMPARE(planner.plannedDepth(2), 1.5);
        const auto layout = planner.evaluate({0, 1, 2});
        QVERIFY(layout.violations.empty());
        QVERIFY(std::abs(layout.totalInsertionMm - 3.7) < 1e-7);
        QVERIFY((layout.sites[1].contact - Eigen::Vector3d(2, 0, -planner.plannedDepth(1))).norm() <
                1e-12);
        // Shallower than the minimum depth: not allowed.
        o.minDepthMm = 0.8;
        QVERIFY(PlacementPlanner(mesh, {0, 1, 2}, vessels, o).plannedDepth(1) < 0.0);
        // Grey matter: the "thickness" scalar caps the depth.
        mesh.setScalar(std::string(SurfaceMesh::kThickness), Eigen::Vector3f(1.2f, 3.0f, 0.6f));
        const PlacementPlanner thin(mesh, {0, 1, 2}, vessels, o);
        QVERIFY(std::abs(thin.plannedDepth(0) - 1.2) < 1e-7);
        QVERIFY(thin.plannedDepth(2) < 0.0); // 0.6 mm of cortex < 0.8 mm minimum
        // The summed-depth budget: two sites of 1.5 mm do not fit in 2.5 mm.
        o.minDepthMm = 0.5;
        o.maxTotalInsertionMm = 2.5;
        o.coverageRadiusMm = 0.1;
        o.maxSites = 3;
        const auto budgeted =
            PlacementPlanner(pointRow({0, 5, 10}), {0, 1, 2}, VesselGraph(), o).optimise();
        QCOMPARE(budgeted.sites.size(), std::size_t(1));
        QVERIFY(budgeted.totalInsertionMm <= 2.5);
    }

    void flatSheetWithACrossingVessel() {
        // 10 x 10 mm sheet (0.25 mm spacing); target: the disc of radius 3 mm around (5, 5);
        // a pial vessel on the surface along y at x = 5 (axis at z = r) with a penetrating
        // branch at (3.5, 6.5).
        const SurfaceMesh sheet = flatSheet(41, 41, 0.25f);
        std::vector<std::int64_t> target;
        for (std::int64_t v = 0; v < sheet.vertexCount(); ++v)
            if ((sheet.vertices().row(v) - Eigen::RowVector3f(5, 5, 0)).norm() <= 3.0f)
                target.push_back(v);
        QVERIFY(target.size() > 400);
        VesselGraph vessels;
        const double r = 0.15;
        const auto top = vessels.addNode({5.0, -1.0, r});
        const auto mid = vessels.addNode({5.0, 6.5, r});
        const auto end = vessels.addNode({5.0, 11.0, r});
        vessels.addEdge(top, mid, r);
        vessels.addEdge(mid, end, r);
        const auto branch = vessels.addNode({3.5, 6.5, r});
        const auto dive = vessels.addNode({3.5, 6.5, -2.5});
        vessels.addEdge(mid, branch, 0.1);
        vessels.addEdge(branch, dive, 0.1);

        PlacementPlanner::Options o;
        o.maxSites = 9;
        o.coverageRadiusMm = 0.8;
        o.vesselMarginMm = 0.25;
        o.minSeparationMm = 0.5;
        const PlacementPlanner planner(sheet, target, vessels, o);
        const auto result = planner.plan();
        for (const auto* layout : {&result.baseline, &result.optimised}) {
            QVERIFY(!layout->sites.empty());
            QVERIFY(static_cast<int>(layout->sites.size()) <= o.maxSites);
            QVERIFY(layout->violations.empty());
            // Independent check of every track against every vessel segment.
            for (const auto& s : layout->sites) {
                QVERIFY(vessels.nearestToSegment(s.entry, s.contact).distance >= o.vesselMarginMm);
                QVERIFY(s.depthMm >= o.minDepthMm && s.depthMm <= o.maxDepthMm);
                // sqrt(dx^2 + r^2) - r >= margin: no entry within 0.371 mm of the vessel line.
                QVERIFY(std::abs(s.entry.x() - 5.0) >= 0.37);
            }
            for (std::size_t i = 0; i < layout->sites.size(); ++i)
                for (std::size_t j = i + 1; j < layout->sites.size(); ++j)
                    QVERIFY((layout->sites[i].entry - layout->sites[j].entry).norm() >= 0.5);
        }
        // The grid's middle column runs along the vessel: those sites had to move.
        QCOMPARE(result.baseline.gridNodes, 9);
        QVERIFY(result.baseline.movedSites + result.baseline.droppedSites >= 1);
        QVERIFY(result.optimised.coverage >= result.baseline.coverage);
        QVERIFY(result.optimised.coverage > 0.5);
        // A disc of 0.8 mm around a vertex holds 37 lattice vertices: nine sites cover at most
        // 9 x 37 target vertices.
        QVERIFY(result.optimised.coverage <= 9.0 * 37.0 / static_cast<double>(target.size()));
        // Deterministic.
        const auto again = PlacementPlanner(sheet, target, vessels, o).plan();
        QCOMPARE(sitesOf(again.optimised), sitesOf(result.optimised));
        QCOMPARE(sitesOf(again.baseline), sitesOf(result.baseline));
        // As an electrode array: one shank and one contact per site; no vessel violations.
        const ElectrodeArray array = PlacementPlanner::toElectrodeArray(result.optimised, "plan");
        QCOMPARE(array.contactCount(), static_cast<int>(result.optimised.sites.size()));
        QVERIFY(vessels.violations({array}, o.vesselMarginMm, true).empty());
    }

    void retinotopicMap() {
        const RetinotopicMap map; // k = 17.3 mm, a = 0.75 deg
        const double k = 17.3, a = 0.75;
        // Along the horizontal meridian w = k ln((E + a) / a).
        for (const double e : {0.0, 1.0, 5.0, 20.0}) {
            const double w = k * std::log((e + a) / a);
            const Eigen::Vector2d z = map.visualField({w, 0.0, -1.0}); // depth does not matter
            QVERIFY(std::abs(z.x() - e) < 1e-12 && std::abs(z.y()) < 1e-12);
            QVERIFY(std::abs(map.magnification(e) - k / (e + a)) < 1e-15);
            QVERIFY(std::abs(map.phospheneRadius(e) - 0.5 * (e + a) / k) < 1e-15);
        }
        // w = (k ln 2, k pi / 4): z + a = 2a e^{i pi/4}.
        const Eigen::Vector2d z =
            map.visualFromCortical({k * std::log(2.0), k * std::numbers::pi / 4});
        QVERIFY(std::abs(z.x() - (2 * a * std::cos(std::numbers::pi / 4) - a)) < 1e-12);
        QVERIFY(std::abs(z.y() - 2 * a * std::sin(std::numbers::pi / 4)) < 1e-12);
        QVERIFY((map.corticalFromVisual(z) -
                 Eigen::Vector2d(k * std::log(2.0), k * std::numbers::pi / 4))
                    .norm() < 1e-12);
        // A frame elsewhere, with a mirrored field.
        RetinotopicMap::Options o;
        o.foveaMm = {10, 20, 30};
        o.eccentricityAxis = {0, 2, 0};
        o.polarAxis = {1, 1, 0}; // made orthogonal: +x
        o.leftVisualField = true;
        const RetinotopicMap right(o);
        const Eigen::Vector2d mirrored = right.visualField({10, 20 + k * std::log(2.0), 31});
        QVERIFY(std::abs(mirrored.x() + a) < 1e-12 && std::abs(mirrored.y()) < 1e-12);
        o.polarAxis = {0, -1, 0};
        QVERIFY(contains(errorOf([&] { RetinotopicMap bad(o); }), "parallel"));
    }

    void phospheneObjective() {
        // A 40 x 20 mm sheet with the fovea at (0, 10): the map runs along x.
        const SurfaceMesh sheet = flatSheet(81, 41, 0.5f);
        RetinotopicMap::Options mo;
        mo.foveaMm = {0, 10, 0};
        mo.phospheneSpreadMm = 1.0;
        const RetinotopicMap map(mo);
        std::vector<std::int64_t> target;
        for (std::int64_t v = 0; v < sheet.vertexCount(); ++v) {
            const auto p = sheet.vertices().row(v);
            if (p.x() >= 15.0f && p.x() <= 32.0f && std::abs(p.y() - 10.0f) <= 6.0f)
                target.push_back(v);
        }
        VesselGraph vessels;
        addPenetrating(vessels, 24.0, 10.0, 0.12);

        // Tiny known case: a visual target inside the phosphene of the site at (24.5, 10),
        // one site: the optimum covers the whole target with zero percept error.
        const std::int64_t centreVertex = 20 * 81 + 49; // (24.5, 10)
        PlacementPlanner::Options o;
        o.objective = PlacementPlanner::Objective::Phosphene;
        o.maxSites = 1;
        const Eigen::Vector3d contact(24.5, 10.0, -o.preferredDepthMm);
        PlacementPlanner::VisualTarget vt;
        vt.centreDeg = map.visualField(contact);
        vt.radiusDeg = 0.5 * map.phospheneRadius(vt.centreDeg.norm());
        const PlacementPlanner one(sheet, target, vessels, o, map, vt);
        const auto single = one.evaluate({centreVertex});
        QVERIFY((single.sites[0].visualDeg - vt.centreDeg).norm() < 1e-12);
        QCOMPARE(single.phospheneCoverage, 1.0);
        QCOMPARE(single.perceptErrorDeg, 0.0);
        const auto best = one.optimise();
        QCOMPARE(best.sites.size(), std::size_t(1));
        QCOMPARE(best.phospheneCoverage, 1.0);
        QCOMPARE(best.perceptErrorDeg, 0.0);
        QVERIFY(best.violations.empty());

        // A larger visual target, 12 sites: optimised >= baseline on the phosphene objective,
        // never inside the vessel margin, and the percept error shrinks with coverage.
        vt.centreDeg = {3.0, 0.0};
        vt.radiusDeg = 1.0;
        o.maxSites = 12;
        const PlacementPlanner planner(sheet, target, vessels, o, map, vt);
        QVERIFY(planner.visualSamples().size() > 350 && planner.visualSamples().size() < 450);
        const auto result = planner.plan();
        QVERIFY(result.optimised.phospheneCoverage >= result.baseline.phospheneCoverage);
        QVERIFY(result.optimised.phospheneCoverage > 0.3);
        QVERIFY(result.optimised.violations.empty());
        QVERIFY(result.baseline.violations.empty());
        QVERIFY(result.optimised.perceptErrorDeg < result.baseline.perceptErrorDeg ||
                result.optimised.phospheneCoverage == result.baseline.phospheneCoverage);
        for (const auto& s : result.optimised.sites) {
            QVERIFY((s.visualDeg - map.visualField(s.contact)).norm() < 1e-12);
            QVERIFY(std::abs(s.phospheneRadiusDeg - map.phospheneRadius(s.visualDeg.norm())) <
                    1e-15);
        }
        // The phosphene objective needs a map.
        QVERIFY(contains(errorOf([&] { PlacementPlanner(sheet, target, vessels, o); }),
                         "needs a retinotopic map"));
        QVERIFY(contains(errorOf([&] { PlacementPlanner(sheet, {-1}, vessels, {}); }),
                         "vertex -1 is not in the mesh"));
    }
};

QTEST_APPLESS_MAIN(TestPlanner)
#include "TestPlanner.moc"
