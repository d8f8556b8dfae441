// Vessel graphs: capsule distances against analytic cases (a point and a track near a straight
// cylinder), margin violations, CSV input/output with errors naming file:line, and the
// deterministic procedural generator (tree shape, Murray's law, on-surface placement).

#include "geometry/ElectrodeFixtures.h"
#include "plexus/geometry/probes/ElectrodeLayout.h"
#include "plexus/geometry/surface/FoldedCortex.h"
#include "plexus/geometry/surface/VertexLocator.h"
#include "plexus/geometry/vessels/SegmentDistance.h"
#include "plexus/geometry/vessels/VesselGenerator.h"
#include "plexus/geometry/vessels/VesselGraph.h"

#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <set>

using namespace plexus;
using namespace plexus::geometry;
using plexus::tests::contains;
using plexus::tests::errorOf;
using plexus::tests::flatSheet;

namespace {

/// A straight vessel along x from (-L, 0, 0) to (L, 0, 0) with radius r, in `segments` pieces.
VesselGraph straightVessel(double length, double radius, int segments = 1) {
    VesselGraph g;
    std::int32_t prev = g.addNode({-length, 0, 0});
    for (int k = 1; k <= segments; ++k) {
        const std::int32_t next = g.addNode({-length + 2.0 * length * k / segments, 0, 0});
        g.addEdge(prev, next, radius);
        prev = next;
    }
    return g;
}

} // namespace

class TestVessels : public QObject {
    Q_OBJECT

private slots:
    void segmentDistances() {
        const Eigen::Vector3d a(0, 0, 0), b(2, 0, 0);
        double t = -1;
        QCOMPARE(SegmentDistance::pointToSegment({1, 3, 4}, a, b, &t), 5.0);
        QCOMPARE(t, 0.5);
        QCOMPARE(SegmentDistance::pointToSegment({-3, 4, 0}, a, b, &t), 5.0); // beyond the start
        QCOMPARE(t, 0.0);
        QCOMPARE(SegmentDistance::pointToSegment({5, 0, 4}, a, b, &t), 5.0); // beyond the end
        QCOMPARE(t, 1.0);
        // Skew segments: x axis [0,2] and a vertical segment over (1, 3, z), z in [-1, 1].
        auto r = SegmentDistance::segmentToSegment(a, b, {1, 3, -1}, {1, 3, 1});
        QCOMPARE(r.distance, 3.0);
        QCOMPARE(r.s, 0.5);
        QCOMPARE(r.t, 0.5);
        // Parallel segments 2 apart, overlapping in x.
        r = SegmentDistance::segmentToSegment(a, b, {1, 2, 0}, {4, 2, 0});
        QVERIFY(std::abs(r.distance - 2.0) < 1e-15);
        // Disjoint collinear segments: gap between the ends.
        r = SegmentDistance::segmentToSegment(a, b, {5, 0, 0}, {7, 0, 0});
        QVERIFY(std::abs(r.distance - 3.0) < 1e-15);
        // Degenerate (point) segments.
        r = SegmentDistance::segmentToSegment({0, 0, 0}, {0, 0, 0}, {3, 4, 0}, {3, 4, 0});
        QCOMPARE(r.distance, 5.0);
    }

    void pointToStraightCylinder() {
        const double radius = 0.25;
        const VesselGraph g = straightVessel(10.0, radius, 4);
        // Distance from a point to the wall of a straight cylinder: sqrt(y^2 + z^2) - r,
        // whatever x (away from the ends) and whichever piece is nearest.
        for (const double x : {-7.3, -2.5, 0.0, 1.1, 9.0})
            for (const double y : {0.0, 0.1, 0.3, 2.0})
                for (const double z : {-1.5, 0.0, 0.7}) {
                    const auto n = g.nearestToPoint({x, y, z});
                    const double expected = std::hypot(y, z) - radius;
                    QVERIFY2(std::abs(n.distance - expected) < 1e-12,
                             qPrintable(QString("(%1,%2,%3): %4 vs %5")
                                            .arg(x)
                                            .arg(y)
                                            .arg(z)
                                            .arg(n.distance)
                                            .arg(expected)));
                    QVERIFY(std::abs(n.onAxis.x() - x) < 1e-12);
                }
        // Past the end cap the capsule is a hemisphere: distance to (L, 0, 0) minus r.
        QVERIFY(std::abs(g.distanceToSurface({13.0, 4.0, 0.0}) - (5.0 - radius)) < 1e-12);
        // Inside the vessel the distance is negative: the axis is -r deep.
        QVERIFY(std::abs(g.distanceToSurface({3.0, 0.0, 0.0}) + radius) < 1e-12);
        // No vessels: infinitely far.
        QVERIFY(std::isinf(VesselGraph().distanceToSurface({0, 0, 0})));
    }

    void trackToCylinderAndViolations() {
        const double radius = 0.1;
        const VesselGraph g = straightVessel(5.0, radius);
        // A vertical track over (1, 0.6): from z = 2 down to z = -3 passes the axis at 0.6.
        auto n = g.nearestToSegment({1, 0.6, 2}, {1, 0.6, -3});
        QVERIFY(std::abs(n.distance - 0.5) < 1e-12);
        QVERIFY((n.onQuery - Eigen::Vector3d(1, 0.6, 0)).norm() < 1e-12);
        // Stopping above the vessel: the tip at z = 0.8 is the closest point, 1.0 from the axis.
        n = g.nearestToSegment({1, 0.6, 2}, {1, 0.6, 0.8});
        QVERIFY(std::abs(n.distance - (1.0 - radius)) < 1e-12);

        // Point violations: closer than the margin, with their distance.
        Eigen::MatrixX3d points(4, 3);
        points << 0, 0.2, 0, // 0.1 from the wall
            0, 0.35, 0,      // 0.25
            2, 0, 0.29,      // 0.19
            0, 3, 0;         // 2.9
        const auto v = g.violations(points, 0.2);
        QCOMPARE(v.size(), std::size_t(2));
        QCOMPARE(v[0].point, std::int64_t(0));
        QVERIFY(std::abs(v[0].distance - 0.1) < 1e-12);
        QCOMPARE(v[1].point, std::int64_t(2));
        QVERIFY(std::abs(v[1].distance - 0.19) < 1e-12);
        QCOMPARE(v[1].edge, std::int64_t(0));

        // Electrode violations: a laminar probe whose contacts stay clear while its shank
        // crosses the vessel is flagged through the shank.
        const SurfaceMesh sheet = flatSheet(3, 3, 1.0f);
        const SurfaceAnchor above({0.0, 0.0, 1.0}, {0, 0, 1});
        // Contacts at z = 0.6 .. 0.9 (shallow), then a deeper probe through the vessel.
        const ElectrodeArray shallow = ElectrodeLayout::laminar("S", above, {4, 100.0, 400.0});
        const ElectrodeArray deep = ElectrodeLayout::laminar("D", above, {2, 1500.0, 2000.0});
        const auto ev = g.violations({shallow, deep}, 0.2, true);
        // S: nearest contact (z = 0.6) is 0.5 from the wall: fine. D: contacts at z = 0.5 and
        // z = -1.0 are 0.4 and 0.9 away, but its shank passes through the axis.
        QCOMPARE(ev.size(), std::size_t(1));
        QCOMPARE(ev[0].array, 1);
        QCOMPARE(ev[0].contact, -1);
        QCOMPARE(ev[0].shank, 0);
        QVERIFY(std::abs(ev[0].distance + radius) < 1e-12);
        QVERIFY(g.violations({shallow, deep}, 0.2, false).empty());
        const auto wide = g.violations({shallow, deep}, 0.45, false);
        QCOMPARE(wide.size(), std::size_t(1)); // D contact 0 at 0.4 from the wall
        QCOMPARE(wide[0].contact, 0);
        QVERIFY(std::abs(wide[0].distance - 0.4) < 1e-12);
    }

    void csvRoundTripAndErrors() {
        VesselGraph g;
        g.addNode({0, 0, 0});
        g.addNode({1.5, 0, -0.25});
        g.addNode({1.0 / 3.0, 2, 0});
        g.addEdge(0, 1, 0.1);
        g.addEdge(0, 2, 0.07);
        QCOMPARE(g.degrees(), (std::vector<int>{2, 1, 1}));
        QTemporaryDir dir;
        const std::string nodes = dir.filePath("nodes.csv").toStdString();
        const std::string edges = dir.filePath("edges.csv").toStdString();
        g.writeCsv(nodes, edges);
        const VesselGraph back = VesselGraph::readCsv(nodes, edges);
        QCOMPARE(back.nodeCount(), std::int64_t(3));
        QCOMPARE(back.edgeCount(), std::int64_t(2));
        for (std::size_t i = 0; i < 3; ++i)
            QVERIFY(back.nodes()[i] == g.nodes()[i]);
        QCOMPARE(back.edges()[1].to, 2);
        QCOMPARE(back.edges()[1].radiusMm, 0.07);

        // Ids in any order, x/y/z headers, comments and blank lines.
        const VesselGraph ids =
            VesselGraph::fromCsv("# pial vessel\nid,x,y,z\n10, 0,0,0\n\n7, 0,0,2\n", "n.csv",
                                 "from,to,radius\n7,10,0.5\n", "e.csv");
        QVERIFY(std::abs(ids.distanceToSurface({1.5, 0, 1}) - 1.0) < 1e-12);

        const auto fails = [](const char* n, const char* e) {
            return errorOf([&] { VesselGraph::fromCsv(n, "n.csv", e, "e.csv"); });
        };
        std::string e = fails("id,x,y,z\n1,0,0,0\n1,1,1,1\n", "from,to,radius_mm\n");
        QVERIFY2(contains(e, "n.csv:3: node id 1 already defined on line 2"), e.c_str());
        e = fails("id,x,y,z\n1,0,0,0\n2,1,1,1\n", "from,to,radius_mm\n1,3,0.1\n");
        QVERIFY2(contains(e, "e.csv:2: unknown node id 3"), e.c_str());
        e = fails("id,x,y,z\n1,0,0,0\n2,1,1,1\n", "from,to,radius_mm\n1,2,-0.1\n");
        QVERIFY2(contains(e, "e.csv:2: radius must be positive"), e.c_str());
        e = fails("id,x,y,z\n1,0,0,0\n2,1,1,1\n", "from,to,radius_mm\n\n2,2,0.1\n");
        QVERIFY2(contains(e, "e.csv:3: edge joins node 2 to itself"), e.c_str());
        e = fails("id,x,y,z\n1,0,zero,0\n", "from,to,radius_mm\n");
        QVERIFY2(contains(e, "n.csv:2: invalid y coordinate 'zero'"), e.c_str());
        e = fails("node,x,y,z\n", "from,to,radius_mm\n");
        QVERIFY2(contains(e, "n.csv:1: expected the header 'id,x_mm,y_mm,z_mm'"), e.c_str());
        e = fails("id,x,y,z\n1,0,0,0\n2,1,1,1\n", "from,to,radius\n1,2\n");
        QVERIFY2(contains(e, "e.csv:2: expected 3 fields"), e.c_str());
        QVERIFY(contains(errorOf([&] { g.writeCsv(dir.path().toStdString(), edges); }),
                         "cannot open file for writing"));
    }

    void generatorOnFlatSheet() {
        const SurfaceMesh sheet = flatSheet(121, 121, 0.2f); // 24 x 24 mm
        VesselGenerator::Options o;
        o.seed = 7;
        o.trees = 2;
        o.rootVertices = {60 * 121 + 30, 60 * 121 + 90}; // (6, 12) and (18, 12)
        o.generations = 3;
        o.segmentsPerBranch = 3;
        o.segmentLengthMm = 0.5;
        o.rootRadiusMm = 0.12;
        o.penetratingDepthMm = 1.2;
        o.penetratingSegments = 3;
        o.wiggleDeg = 10.0;
        const VesselGraph g = VesselGenerator::generate(sheet, o);
        // Each tree: 1 root + 15 branches x 3 segments on the surface, and 8 terminal branches
        // diving in 3 segments each (no branch reaches the edge of the sheet).
        QCOMPARE(g.nodeCount(), std::int64_t(2 * (1 + 15 * 3 + 8 * 3)));
        // A forest: every node but the two roots has exactly one parent edge.
        QCOMPARE(g.edgeCount(), g.nodeCount() - 2);
        std::vector<int> parents(static_cast<std::size_t>(g.nodeCount()), 0);
        for (const auto& e : g.edges())
            ++parents[static_cast<std::size_t>(e.to)];
        QCOMPARE(parents[0], 0);
        QCOMPARE(parents[1], 0);
        for (std::size_t i = 2; i < parents.size(); ++i)
            QCOMPARE(parents[i], 1);
        // Pial vessels rest on the sheet (axis at z = r), penetrating ones dive straight down
        // to -1.2 mm; radii follow Murray's law: r_child^3 = r_parent^3 / 2.
        std::vector<double> radiusInto(static_cast<std::size_t>(g.nodeCount()), o.rootRadiusMm);
        for (const auto& e : g.edges())
            radiusInto[static_cast<std::size_t>(e.to)] = e.radiusMm;
        int penetrating = 0;
        std::set<long> radiusLevels;
        for (const auto& e : g.edges()) {
            const Eigen::Vector3d a = g.nodes()[static_cast<std::size_t>(e.from)];
            const Eigen::Vector3d b = g.nodes()[static_cast<std::size_t>(e.to)];
            if (b.z() < 0.0) {
                ++penetrating;
                QVERIFY(std::abs(a.x() - b.x()) < 1e-9 && std::abs(a.y() - b.y()) < 1e-9);
                QVERIFY(b.z() >= -1.2 - 1e-9);
                continue;
            }
            QVERIFY(std::abs(b.z() - e.radiusMm) < 1e-6);
            QVERIFY(std::abs((b - a).head<2>().norm() - 0.5) < 1e-5);
            const double level = std::log(o.rootRadiusMm / e.radiusMm) / std::log(std::cbrt(2.0));
            QVERIFY2(std::abs(level - std::round(level)) < 1e-9, "radius off Murray's law");
            radiusLevels.insert(std::lround(level));
            const double parent = radiusInto[static_cast<std::size_t>(e.from)];
            QVERIFY(std::abs(e.radiusMm - parent) < 1e-12 ||
                    std::abs(std::pow(parent, 3) - 2.0 * std::pow(e.radiusMm, 3)) < 1e-12);
        }
        QVERIFY(radiusLevels == (std::set<long>{0, 1, 2, 3}));
        // Each of the 2 * 2^3 terminal branches ends in a 3-segment penetrating vessel
        // (branches that leave the sheet end early and dive too).
        QCOMPARE(penetrating, 2 * 8 * 3);

        // Deterministic: same seed, same graph; another seed, another graph.
        const VesselGraph again = VesselGenerator::generate(sheet, o);
        QCOMPARE(again.nodeCount(), g.nodeCount());
        for (std::size_t i = 0; i < g.nodes().size(); ++i)
            QVERIFY(again.nodes()[i] == g.nodes()[i]);
        o.seed = 8;
        const VesselGraph other = VesselGenerator::generate(sheet, o);
        bool differs = other.nodeCount() != g.nodeCount();
        for (std::size_t i = 0; !differs && i < g.nodes().size(); ++i)
            differs = other.nodes()[i] != g.nodes()[i];
        QVERIFY(differs);

        // On a small sheet the branches reach its edge and stop there: every node stays
        // within the longest edge (0.2 * sqrt 2) of the sheet.
        const SurfaceMesh small = flatSheet(16, 16, 0.2f); // 3 x 3 mm
        o.rootVertices = {8 * 16 + 8};
        o.trees = 1;
        const VesselGraph clipped = VesselGenerator::generate(small, o);
        QVERIFY(clipped.nodeCount() < 1 + 15 * 3 + 8 * 3);
        for (const Eigen::Vector3d& p : clipped.nodes())
            QVERIFY(p.x() > -0.29 && p.x() < 3.29 && p.y() > -0.29 && p.y() < 3.29);

        o.segmentLengthMm = 0.0;
        QVERIFY(contains(errorOf([&] { VesselGenerator::generate(sheet, o); }),
                         "segmentLengthMm must be positive"));
    }

    void generatorOnFoldedCortex() {
        FoldedCortex::Options co;
        co.subdivisions = 4;
        const FoldedCortex cortex(co);
        SurfaceMesh pial = cortex.pial();
        if (!pial.hasNormals())
            pial.computeNormals();
        VesselGenerator::Options o;
        o.trees = 4;
        o.segmentLengthMm = 2.0;
        o.rootRadiusMm = 0.5;
        o.penetratingDepthMm = 0.0; // surface vessels only
        const VesselGraph g = VesselGenerator::generate(pial, o);
        QVERIFY(g.edgeCount() > 50);
        // Nodes sit on the surface: the generator keeps each step within the longest edge of
        // its nearest vertex, so a node is within (radius + longest mesh edge) of a vertex.
        const VertexLocator locator(pial.vertices());
        double slack = 0.0;
        for (Eigen::Index t = 0; t < pial.triangleCount(); ++t) {
            for (int k = 0; k < 3; ++k) {
                const auto a = pial.triangles()(t, k);
                const auto b = pial.triangles()(t, (k + 1) % 3);
                slack = std::max(
                    slack,
                    static_cast<double>((pial.vertices().row(a) - pial.vertices().row(b)).norm()));
            }
        }
        QVERIFY(slack < 4.0 * pial.meanEdgeLength());
        std::vector<double> radiusInto(static_cast<std::size_t>(g.nodeCount()), o.rootRadiusMm);
        for (const auto& e : g.edges())
            radiusInto[static_cast<std::size_t>(e.to)] = e.radiusMm;
        int onSurface = 0;
        for (std::size_t i = 0; i < g.nodes().size(); ++i) {
            const auto hit = locator.nearest(g.nodes()[i].cast<float>());
            QVERIFY(hit.has_value());
            if (hit->distance <= radiusInto[i] + slack)
                ++onSurface;
        }
        QCOMPARE(onSurface, static_cast<int>(g.nodeCount()));
        // And they spread over the hemisphere rather than piling up.
        const auto b = g.bounds();
        QVERIFY(std::max({b[1] - b[0], b[3] - b[2], b[5] - b[4]}) > 20.0);
    }
};

QTEST_APPLESS_MAIN(TestVessels)
#include "TestVessels.moc"
