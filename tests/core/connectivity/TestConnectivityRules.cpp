// Spatial layouts and the structured connectivity rules: distance-dependent, small-world,
// stochastic block model and explicit edge lists, checked against analytic expectations.

#include "ErrorOf.h"
#include "core/TestSupport.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/connectivity/ConnectivityBuilder.h"
#include "plexus/core/connectivity/NeuronPositions.h"
#include "plexus/core/project/ProjectIo.h"

#include <QtTest>
#include <functional>
#include <set>

using namespace plexus;
using namespace plexus::core;

using plexus::tests::errorOf;

namespace {

ConnectivitySpec rule(const std::string& name, std::map<std::string, double> params = {},
                      bool autapses = true) {
    ConnectivitySpec s;
    s.rule = name;
    s.params = std::move(params);
    s.autapses = autapses;
    return s;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

/// Average local clustering coefficient of the undirected graph underlying `rows` (n nodes).
double clustering(const ConnectionRows& rows, std::size_t n) {
    std::vector<std::set<std::int32_t>> adjacent(n);
    for (std::size_t i = 0; i < n; ++i)
        for (auto s = rows.rowStart[i]; s < rows.rowStart[i + 1]; ++s) {
            const auto j = rows.targets[s];
            if (static_cast<std::size_t>(j) == i)
                continue;
            adjacent[i].insert(j);
            adjacent[static_cast<std::size_t>(j)].insert(static_cast<std::int32_t>(i));
        }
    double sum = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::vector<std::int32_t> nb(adjacent[i].begin(), adjacent[i].end());
        const double degree = static_cast<double>(nb.size());
        if (nb.size() < 2)
            continue;
        double links = 0.0;
        for (std::size_t a = 0; a < nb.size(); ++a)
            for (std::size_t b = a + 1; b < nb.size(); ++b)
                links += adjacent[static_cast<std::size_t>(nb[a])].count(nb[b]);
        sum += links / (degree * (degree - 1.0) / 2.0);
    }
    return sum / static_cast<double>(n);
}

/// Writes `text` to `path`.
void writeFile(const QString& path, const char* text) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

} // namespace

class TestConnectivityRules : public QObject {
    Q_OBJECT

private slots:
    void positionsFollowTheLayout() {
        // A 10 x 10 grid over 1000 um: 100 um spacing, cell centres from -450 to 450 um.
        const auto grid = NeuronPositions::generate(SpatialSpec::withShape("grid"), 100, 1);
        QCOMPARE(grid.size(), std::size_t(100));
        QCOMPARE(grid.x(0), -450.0);
        QCOMPARE(grid.y(0), -450.0);
        QCOMPARE(grid.x(9), 450.0);
        QCOMPARE(grid.y(99), 450.0);
        QCOMPARE(std::sqrt(grid.distanceSquared(0, grid, 1)), 100.0);
        QCOMPARE(std::sqrt(grid.distanceSquared(0, grid, 10)), 100.0);
        // Ring: every neuron on the circle, neighbours 2 R sin(pi / n) apart.
        const auto ring = NeuronPositions::generate(SpatialSpec::withShape("ring"), 60, 1);
        for (std::size_t i = 0; i < 60; ++i)
            QVERIFY(std::fabs(std::hypot(ring.x(i), ring.y(i)) - 500.0) < 1e-9);
        QVERIFY(std::fabs(std::sqrt(ring.distanceSquared(3, ring, 4)) -
                          1000.0 * std::sin(M_PI / 60)) < 1e-9);
        // Random: inside the box, uniform (mean near 0, variance e^2 / 12), seed-determined.
        SpatialSpec box = SpatialSpec::withShape("random");
        box.extentUm = {1000.0, 400.0, 100.0};
        const auto a = NeuronPositions::generate(box, 20000, 7);
        const auto b = NeuronPositions::generate(box, 20000, 7);
        const auto c = NeuronPositions::generate(box, 20000, 8);
        double meanX = 0, varX = 0;
        for (std::size_t i = 0; i < a.size(); ++i) {
            QVERIFY(std::fabs(a.x(i)) <= 500.0 && std::fabs(a.y(i)) <= 200.0 &&
                    std::fabs(a.z(i)) <= 50.0);
            QCOMPARE(a.x(i), b.x(i));
            meanX += a.x(i) / 20000.0;
            varX += a.x(i) * a.x(i) / 20000.0;
        }
        QVERIFY(std::fabs(meanX) < 5 * std::sqrt(1e6 / 12 / 20000.0));
        QVERIFY(std::fabs(varX / (1e6 / 12) - 1.0) < 0.03);
        QVERIFY(a.x(0) != c.x(0));
        // Well mixed: everyone at the origin.
        const auto mixed = NeuronPositions::generate(SpatialSpec{}, 5, 1);
        QCOMPARE(mixed.distanceSquared(0, mixed, 4), 0.0);
    }

    void gaussianCountMatchesTheSumOfProbabilities() {
        const std::size_t n = 900; // 30 x 30 grid, 1000 um wide: 33.3 um spacing
        const auto grid = NeuronPositions::generate(SpatialSpec::withShape("grid"), n, 1);
        const double p0 = 0.6;
        const double sigma = 150.0;
        const auto rows = ConnectivityBuilder::build(
            rule("distance_gaussian", {{"p0", p0}, {"sigma_um", sigma}}, false), n, n, true, 11,
            "p", &grid, &grid);
        // Sum of independent Bernoulli trials: mean sum p, variance sum p (1 - p).
        double mean = 0.0, variance = 0.0, meanNear = 0.0, varNear = 0.0;
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < n; ++j) {
                if (i == j)
                    continue;
                const double d2 = grid.distanceSquared(i, grid, j);
                const double p = p0 * std::exp(-d2 / (2 * sigma * sigma));
                mean += p;
                variance += p * (1 - p);
                if (d2 < sigma * sigma) {
                    meanNear += p;
                    varNear += p * (1 - p);
                }
            }
        double near = 0.0;
        for (std::size_t i = 0; i < n; ++i)
            for (auto s = rows.rowStart[i]; s < rows.rowStart[i + 1]; ++s) {
                QVERIFY(rows.targets[s] != static_cast<std::int32_t>(i));
                if (s > rows.rowStart[i])
                    QVERIFY(rows.targets[s] > rows.targets[s - 1]);
                if (grid.distanceSquared(i, grid, static_cast<std::size_t>(rows.targets[s])) <
                    sigma * sigma)
                    near += 1;
            }
        const double count = static_cast<double>(rows.size());
        qInfo("gaussian: %.0f synapses, expected %.1f +- %.1f", count, mean, std::sqrt(variance));
        QVERIFY2(std::fabs(count - mean) < 4 * std::sqrt(variance),
                 qPrintable(QString("%1 synapses, expected %2 +- %3")
                                .arg(count)
                                .arg(mean)
                                .arg(std::sqrt(variance))));
        QVERIFY(std::fabs(near - meanNear) < 4 * std::sqrt(varNear));
        QVERIFY(mean > 10000); // the test has power: thousands of synapses
    }

    void exponentialOnARingMatchesTheSumOfProbabilities() {
        const std::size_t n = 600;
        SpatialSpec ringSpec = SpatialSpec::withShape("ring");
        ringSpec.radiusUm = 300.0;
        const auto ring = NeuronPositions::generate(ringSpec, n, 1);
        const auto sheet = NeuronPositions::generate(SpatialSpec::withShape("sheet"), 500, 3);
        const double p0 = 0.8;
        const double lambda = 200.0;
        const auto rows = ConnectivityBuilder::build(
            rule("distance_exponential", {{"p0", p0}, {"lambda_um", lambda}}), n, 500, false, 5,
            "p", &ring, &sheet);
        double mean = 0.0, variance = 0.0;
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < 500; ++j) {
                const double p =
                    p0 * std::exp(-std::sqrt(ring.distanceSquared(i, sheet, j)) / lambda);
                mean += p;
                variance += p * (1 - p);
            }
        QVERIFY2(std::fabs(static_cast<double>(rows.size()) - mean) < 4 * std::sqrt(variance),
                 qPrintable(QString("%1 vs %2").arg(rows.size()).arg(mean)));
        QVERIFY2(mean > 1000, qPrintable(QString::number(mean)));
    }

    void distanceRulesNeedPositions() {
        const auto noPositions = errorOf([] {
            ConnectivityBuilder::build(rule("distance_gaussian", {{"p0", 0.5}, {"sigma_um", 100}}),
                                       10, 10, false, 1, "projections[0].connectivity");
        });
        QVERIFY2(noPositions.find("projections[0].connectivity: rule \"distance_gaussian\" needs "
                                  "the positions of the source neurons") == 0,
                 noPositions.c_str());
        // Through the network builder the message names the well-mixed population.
        ProjectSpec project;
        project.populations.push_back({"E", "lif_cuba", 20, {}, {}});
        project.populations.push_back({"F", "lif_cuba", 20, {}, {}});
        project.populations[1].spatial = SpatialSpec::withShape("grid");
        ProjectionSpec proj;
        proj.name = "F->E";
        proj.source = "F";
        proj.target = "E";
        proj.connectivity = rule("distance_exponential", {{"p0", 0.5}, {"lambda_um", 100}});
        project.projections.push_back(proj);
        const auto message =
            errorOf([&] { NetworkBuilder::build(project, tests::builtinRegistry()); });
        QVERIFY2(message.find("projections[0].target: rule \"distance_exponential\" needs neuron "
                              "positions, but population \"E\" is well mixed (give "
                              "populations[0].spatial a shape") == 0,
                 message.c_str());
        // With a layout it builds, and the same seed gives the same synapses.
        project.populations[0].spatial = SpatialSpec::withShape("random");
        const auto a = NetworkBuilder::build(project, tests::builtinRegistry());
        const auto b = NetworkBuilder::build(project, tests::builtinRegistry());
        QVERIFY(a->projections[0].matrix.numSynapses() > 0);
        std::vector<std::pair<std::size_t, std::int32_t>> sa, sb;
        a->projections[0].matrix.forEach([&](std::size_t s, std::int32_t t, std::size_t,
                                             std::size_t) { sa.emplace_back(s, t); });
        b->projections[0].matrix.forEach([&](std::size_t s, std::int32_t t, std::size_t,
                                             std::size_t) { sb.emplace_back(s, t); });
        QCOMPARE(sa, sb);
    }

    void smallWorldWithoutRewiringIsTheRingLattice() {
        const std::size_t n = 500;
        const std::size_t k = 10;
        const auto rows = ConnectivityBuilder::build(
            rule("small_world", {{"k", double(k)}, {"beta", 0}}), n, n, true, 3, "p");
        QCOMPARE(rows.size(), std::uint64_t(n * k));
        for (std::size_t i = 0; i < n; ++i) {
            std::set<std::int32_t> expected;
            for (std::size_t m = 1; m <= k / 2; ++m) {
                expected.insert(static_cast<std::int32_t>((i + m) % n));
                expected.insert(static_cast<std::int32_t>((i + n - m) % n));
            }
            const std::set<std::int32_t> got(rows.targets.begin() + rows.rowStart[i],
                                             rows.targets.begin() + rows.rowStart[i + 1]);
            QCOMPARE(got, expected);
        }
        const double c0 = 3.0 * (k - 2.0) / (4.0 * (k - 1.0));
        QVERIFY(std::fabs(clustering(rows, n) - c0) < 1e-12);
    }

    void smallWorldRewiringLowersClustering() {
        const std::size_t n = 1000;
        const std::size_t k = 10;
        auto build = [&](double beta, std::uint64_t seed) {
            return ConnectivityBuilder::build(
                rule("small_world", {{"k", double(k)}, {"beta", beta}}), n, n, true, seed, "p");
        };
        const auto some = build(0.1, 4);
        const auto all = build(1.0, 4);
        for (const auto* rows : {&some, &all}) {
            // Out-degree exactly k, no autapses, no duplicates: N k synapses.
            QCOMPARE(rows->size(), std::uint64_t(n * k));
            for (std::size_t i = 0; i < n; ++i) {
                const std::set<std::int32_t> row(rows->targets.begin() + rows->rowStart[i],
                                                 rows->targets.begin() + rows->rowStart[i + 1]);
                QCOMPARE(row.size(), k);
                QVERIFY(!row.count(static_cast<std::int32_t>(i)));
            }
        }
        const double c0 = 3.0 * (k - 2.0) / (4.0 * (k - 1.0));
        const double cSome = clustering(some, n);
        const double cAll = clustering(all, n);
        qInfo("clustering: lattice %.4f, beta 0.1 %.4f, beta 1 %.4f (2k/N = %.4f)", c0, cSome, cAll,
              2.0 * k / n);
        // beta = 1 is a random graph: clustering near its edge density (about 2k / N here).
        QVERIFY2(cAll < 2.0 * 2.0 * k / n, qPrintable(QString::number(cAll)));
        // A little rewiring keeps most of the lattice's clustering.
        QVERIFY2(cSome > 0.5 * c0 && cSome < c0, qPrintable(QString::number(cSome)));
        // Deterministic per seed.
        QCOMPARE(build(0.1, 4).targets, some.targets);
        QVERIFY(build(0.1, 5).targets != some.targets);
    }

    void blockDensitiesMatchTheirProbabilities() {
        const std::size_t n = 403; // blocks of 100 or 101
        const std::size_t blocks = 4;
        const double pIn = 0.3;
        const double pOut = 0.02;
        const auto rows = ConnectivityBuilder::build(
            rule("block", {{"n_blocks", double(blocks)}, {"p_in", pIn}, {"p_out", pOut}}, false), n,
            n, true, 17, "p");
        auto blockOf = [&](std::size_t i) { return i * blocks / n; };
        double pairsIn = 0, pairsOut = 0, in = 0, out = 0;
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < n; ++j)
                if (i != j)
                    (blockOf(i) == blockOf(j) ? pairsIn : pairsOut) += 1;
        for (std::size_t i = 0; i < n; ++i)
            for (auto s = rows.rowStart[i]; s < rows.rowStart[i + 1]; ++s) {
                const auto j = static_cast<std::size_t>(rows.targets[s]);
                QVERIFY(j != i);
                if (s > rows.rowStart[i])
                    QVERIFY(rows.targets[s] > rows.targets[s - 1]);
                (blockOf(i) == blockOf(j) ? in : out) += 1;
            }
        QVERIFY2(std::fabs(in - pIn * pairsIn) < 4 * std::sqrt(pairsIn * pIn * (1 - pIn)),
                 qPrintable(QString("%1 within vs %2").arg(in).arg(pIn * pairsIn)));
        QVERIFY2(std::fabs(out - pOut * pairsOut) < 4 * std::sqrt(pairsOut * pOut * (1 - pOut)),
                 qPrintable(QString("%1 between vs %2").arg(out).arg(pOut * pairsOut)));
        // One block and p_in = 1 is all-to-all.
        const auto full = ConnectivityBuilder::build(
            rule("block", {{"n_blocks", 1}, {"p_in", 1}, {"p_out", 0}}), 7, 9, false, 1, "p");
        QCOMPARE(full.size(), std::uint64_t(63));
        // Deterministic per seed.
        const auto again = ConnectivityBuilder::build(
            rule("block", {{"n_blocks", double(blocks)}, {"p_in", pIn}, {"p_out", pOut}}, false), n,
            n, true, 17, "p");
        QCOMPARE(again.targets, rows.targets);
        QCOMPARE(again.rowStart, rows.rowStart);
    }

    void csvEdgesAreExact() {
        QTemporaryDir dir;
        writeFile(dir.filePath("edges.csv"),
                  "source,target,weight,delay_ms\n2,0,0.5,1.0\n# comment\n0,3,-1.25,2.5\n\n"
                  "0,1,2.0,0.3\r\n");
        const EdgeList edges = EdgeList::read(dir.filePath("edges.csv").toStdString(), "here");
        QCOMPARE(edges.lines, (std::vector<std::size_t>{2, 4, 6}));
        ConnectivitySpec spec = rule("csv_edges");
        spec.file = "edges.csv";
        spec.edges = edges;
        const auto rows = ConnectivityBuilder::build(spec, 3, 4, false, 1, "p");
        QCOMPARE(rows.rowStart, (std::vector<std::uint64_t>{0, 2, 2, 3}));
        QCOMPARE(rows.targets, (std::vector<std::int32_t>{1, 3, 0}));
        QCOMPARE(rows.weights, (std::vector<float>{2.0f, -1.25f, 0.5f}));
        QCOMPARE(rows.delaysMs, (std::vector<double>{0.3, 2.5, 1.0}));

        // Through a project: the file is found next to the project, its weights and delays
        // replace the projection's, and it is saved back as a reference.
        writeFile(dir.filePath("p.json"), R"({"format": "plexus-project", "formatVersion": 2,
            "simulation": {"dt_ms": 0.1},
            "populations": [{"name": "A", "model": "lif_cuba", "size": 3},
                            {"name": "B", "model": "lif_cuba", "size": 4}],
            "projections": [{"source": "A", "target": "B", "weight": 9, "delay_ms": 5,
                             "connectivity": {"rule": "csv_edges", "file": "edges.csv"}}]})");
        const auto project = ProjectIo::load(dir.filePath("p.json").toStdString());
        QCOMPARE(project.projections[0].connectivity.edges, edges);
        const auto json = ProjectIo::toJson(project);
        QCOMPARE(json["projections"][0]["connectivity"]["file"], "edges.csv");
        QVERIFY(!json["projections"][0]["connectivity"].contains("edges"));
        QVERIFY(ProjectIo::fromJson(json, dir.filePath("p.json").toStdString()) == project);
        const auto net = NetworkBuilder::build(project, tests::builtinRegistry());
        const Projection& proj = net->projections[0];
        std::vector<std::tuple<std::size_t, std::int32_t, float, int>> seen;
        proj.matrix.forEach([&](std::size_t s, std::int32_t t, std::size_t part, std::size_t q) {
            const auto& partition = proj.matrix.partition(part);
            seen.emplace_back(s, t, partition.weights[q], partition.delays[q]);
        });
        using Edge = std::tuple<std::size_t, std::int32_t, float, int>;
        QCOMPARE(seen, (std::vector<Edge>{{0, 1, 2.0f, 3}, {0, 3, -1.25f, 25}, {2, 0, 0.5f, 10}}));
        QCOMPARE(proj.maxDelaySteps, 25);

        // Source and target only: the projection's weight and delay apply.
        writeFile(dir.filePath("edges.csv"), "1,2\n0,0\n");
        const auto plain = NetworkBuilder::build(
            ProjectIo::load(dir.filePath("p.json").toStdString()), tests::builtinRegistry());
        QCOMPARE(plain->projections[0].matrix.numSynapses(), std::uint64_t(2));
        QCOMPARE(plain->projections[0].weight, 9.0f);
        QCOMPARE(plain->projections[0].delaySteps, 50);
    }

    void csvEdgeErrorsNameFileAndLine() {
        QTemporaryDir dir;
        const QString path = dir.filePath("edges.csv");
        auto readError = [&](const char* text) {
            writeFile(path, text);
            return errorOf([&] {
                EdgeList::read(path.toStdString(), "cuba.json: projections[1].connectivity.file");
            });
        };
        // Each line starts with the place that names the file, then the file and the line.
        const std::string file =
            "cuba.json: projections[1].connectivity.file: " + path.toStdString();
        QCOMPARE(readError("source,target\n1,2\n3,x\n"),
                 file + ": line 3: target must be a whole number (got \"x\")");
        QCOMPARE(readError("1,2\n3\n"),
                 file + ": line 2: expected source,target[,weight[,delay_ms]] (got \"3\")");
        QCOMPARE(readError("1,2,0.5\n3,4\n"), file + ": line 2: has 2 columns, line 1 has 3");
        QCOMPARE(readError("1,2\nsource,target\n"),
                 file + ": line 2: source must be a whole number (got \"source\")");
        QCOMPARE(readError("1,2,0.5,-1\n"),
                 file + ": line 1: delay_ms must be a number >= 0 (got \"-1\")");
        QCOMPARE(readError("1,-2\n"), file + ": line 1: neuron indices must be >= 0");
        QCOMPARE(errorOf([&] { EdgeList::read(dir.filePath("none.csv").toStdString(), "here"); }),
                 "here: cannot read edge file " + dir.filePath("none.csv").toStdString());

        // Checks against the population sizes happen when building, with the file's line.
        auto buildError = [&](const char* text, std::size_t numSources, bool autapses = true) {
            writeFile(path, text);
            ConnectivitySpec spec = rule("csv_edges", {}, autapses);
            spec.file = "edges.csv";
            spec.edges = EdgeList::read(path.toStdString(), "here");
            return errorOf([&] {
                ConnectivityBuilder::build(spec, numSources, 10, true, 1,
                                           "projections[1].connectivity");
            });
        };
        QCOMPARE(
            buildError("0,1\n0,12\n", 10),
            "projections[1].connectivity.file: edges.csv: line 2: target 12 is outside [0, 10)");
        QCOMPARE(buildError("# sources\n4,1\n", 3),
                 "projections[1].connectivity.file: edges.csv: line 2: source 4 is outside [0, 3)");
        QCOMPARE(buildError("0,1\n2,2\n0,1\n", 10),
                 "projections[1].connectivity.file: edges.csv: line 3: duplicate edge 0 -> 1 "
                 "(first on line 1)");
        QCOMPARE(buildError("2,2\n", 10, false),
                 "projections[1].connectivity.file: edges.csv: line 1: self-connection 2 -> 2, "
                 "but autapses are off");

        // A project naming a missing file does not load.
        const std::string missing = R"({"format": "plexus-project", "formatVersion": 2,
            "populations": [{"name": "A", "model": "lif_cuba", "size": 3}],
            "projections": [{"source": "A", "target": "A",
                             "connectivity": {"rule": "csv_edges", "file": "gone.csv"}}]})";
        const auto projectFile = dir.filePath("p.json").toStdString();
        QVERIFY(
            contains(errorOf([&] { ProjectIo::parse(missing, projectFile); }),
                     projectFile + ": projections[0].connectivity.file: cannot read edge file"));
        // Without a file (just chosen in the editor) it loads, but does not build.
        const std::string noFile = R"({"format": "plexus-project", "formatVersion": 2,
            "populations": [{"name": "A", "model": "lif_cuba", "size": 3}],
            "projections": [{"source": "A", "target": "A",
                             "connectivity": {"rule": "csv_edges"}}]})";
        const auto unfinished = ProjectIo::parse(noFile, "bad.json");
        QCOMPARE(errorOf([&] { NetworkBuilder::build(unfinished, tests::builtinRegistry()); }),
                 std::string("projections[0].connectivity.file: rule \"csv_edges\" needs an edge "
                             "file"));
        // A file for another rule is refused where it is.
        const std::string stray = R"({"format": "plexus-project", "formatVersion": 2,
            "projections": [{"source": "A", "target": "A",
                             "connectivity": {"rule": "all_to_all", "file": "e.csv"}}]})";
        QCOMPARE(errorOf([&] { ProjectIo::parse(stray, "bad.json"); }),
                 std::string("bad.json: projections[0].connectivity.file: only the csv_edges rule "
                             "reads a file"));
    }

    void badParametersNameTheirPlace() {
        auto message = [](const ConnectivitySpec& s, std::size_t n = 10, std::size_t m = 10) {
            const auto grid = NeuronPositions::generate(SpatialSpec::withShape("grid"), 10, 1);
            return errorOf([&] {
                ConnectivityBuilder::build(s, n, m, false, 1, "projections[2].connectivity", &grid,
                                           &grid);
            });
        };
        const std::string at = "projections[2].connectivity";
        QCOMPARE(message(rule("distance_gaussian", {{"p0", 1.5}, {"sigma_um", 100}})),
                 at + ".p0: must be in [0, 1]");
        QCOMPARE(message(rule("distance_gaussian", {{"p0", 0.5}, {"sigma_um", 0}})),
                 at + ".sigma_um: must be a length > 0 um");
        QCOMPARE(message(rule("distance_gaussian", {{"p0", 0.5}})),
                 at + ": rule \"distance_gaussian\" needs parameter \"sigma_um\"");
        QCOMPARE(message(rule("distance_exponential", {{"p0", 0.5}, {"sigma_um", 100}})),
                 at + ".sigma_um: rule \"distance_exponential\" has no parameter \"sigma_um\"");
        QCOMPARE(message(rule("distance_exponential", {{"p0", 0.5}, {"lambda_um", -1}})),
                 at + ".lambda_um: must be a length > 0 um");
        QCOMPARE(message(rule("small_world", {{"k", 3}, {"beta", 0.1}})),
                 at + ".k: must be even (k/2 ring neighbours on each side)");
        QCOMPARE(message(rule("small_world", {{"k", 4}, {"beta", 1.1}})),
                 at + ".beta: must be in [0, 1]");
        QCOMPARE(message(rule("small_world", {{"k", 12}, {"beta", 0.1}})),
                 at + ".k: 12 exceeds the 9 candidates available");
        QCOMPARE(message(rule("small_world", {{"k", 2}, {"beta", 0.1}}), 10, 12),
                 at + ": small_world needs equal sizes (source 10, target 12)");
        QCOMPARE(message(rule("block", {{"n_blocks", 0}, {"p_in", 0.1}, {"p_out", 0}})),
                 at + ".n_blocks: must be at least 1");
        QCOMPARE(message(rule("block", {{"n_blocks", 2.5}, {"p_in", 0.1}, {"p_out", 0}})),
                 at + ".n_blocks: must be a non-negative integer");
        QCOMPARE(message(rule("block", {{"n_blocks", 2}, {"p_in", 0.1}, {"p_out", -0.1}})),
                 at + ".p_out: must be in [0, 1]");
        QCOMPARE(message(rule("csv_edges")), at + ".file: rule \"csv_edges\" needs an edge file");
        ConnectivitySpec withFile = rule("fixed_probability", {{"p", 0.1}});
        withFile.file = "edges.csv";
        QCOMPARE(message(withFile),
                 at + ".file: rule \"fixed_probability\" reads no file (only csv_edges does)");
        QVERIFY(contains(message(rule("gaussian")),
                         "unknown connectivity rule \"gaussian\" (all_to_all, one_to_one"));
    }

    void rowsDoNotDependOnThreads() {
        // Rows come from per-row streams: building a sub-range of sources reproduces them.
        const auto grid = NeuronPositions::generate(SpatialSpec::withShape("grid"), 400, 1);
        const auto spec = rule("distance_gaussian", {{"p0", 0.5}, {"sigma_um", 120}});
        const auto rows = ConnectivityBuilder::build(spec, 400, 400, true, 21, "p", &grid, &grid);
        const auto again = ConnectivityBuilder::build(spec, 400, 400, true, 21, "p", &grid, &grid);
        QCOMPARE(again.targets, rows.targets);
        const auto other = ConnectivityBuilder::build(spec, 400, 400, true, 22, "p", &grid, &grid);
        QVERIFY(other.targets != rows.targets);
        // The whole network is identical with 1 and 2 threads.
        ProjectSpec project;
        project.populations.push_back({"E", "lif_cuba", 30000, {}, {}});
        project.populations[0].spatial = SpatialSpec::withShape("sheet");
        ProjectionSpec proj;
        proj.source = proj.target = "E";
        proj.name = "E->E";
        proj.connectivity = rule("block", {{"n_blocks", 30}, {"p_in", 0.01}, {"p_out", 0.0001}});
        project.projections.push_back(proj);
        BuildOptions one;
        one.threads = 1;
        BuildOptions two;
        two.threads = 2;
        two.minNeuronsPerThread = 0;
        const auto a = NetworkBuilder::build(project, tests::builtinRegistry(), one);
        const auto b = NetworkBuilder::build(project, tests::builtinRegistry(), two);
        QCOMPARE(b->partitions, std::size_t(2));
        std::vector<std::pair<std::size_t, std::int32_t>> sa, sb;
        a->projections[0].matrix.forEach([&](std::size_t s, std::int32_t t, std::size_t,
                                             std::size_t) { sa.emplace_back(s, t); });
        b->projections[0].matrix.forEach([&](std::size_t s, std::int32_t t, std::size_t,
                                             std::size_t) { sb.emplace_back(s, t); });
        std::sort(sb.begin(), sb.end());
        QCOMPARE(sa, sb);
    }
};

QTEST_APPLESS_MAIN(TestConnectivityRules)
#include "TestConnectivityRules.moc"
