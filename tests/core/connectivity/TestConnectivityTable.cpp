// The table of connectivity rules (ConnectivityRule::all()): every rule builds from its
// defaults, and every parameter refuses what the table does not allow, in one line that names
// the project file and the parameter's JSON path.

#include "ErrorOf.h"
#include "core/TestSupport.h"
#include "plexus/core/build/NetworkBuilder.h"
#include "plexus/core/connectivity/ConnectivityBuilder.h"
#include "plexus/core/connectivity/ConnectivityRule.h"
#include "plexus/core/connectivity/NeuronPositions.h"
#include "plexus/core/project/StandardNetworks.h"

#include <QtTest>
#include <cmath>
#include <limits>
#include <set>

using namespace plexus;
using namespace plexus::core;

using plexus::tests::errorOf;

namespace {

constexpr std::size_t kSize = 40;

/// The rule's parameters at their defaults (and, for the edge-list rule, three edges).
ConnectivitySpec defaults(const ConnectivityRule& rule) {
    ConnectivitySpec spec;
    spec.rule = rule.name;
    for (const ConnectivityParameter& parameter : rule.parameters)
        spec.params[parameter.key] = parameter.defaultValue;
    if (rule.readsFile) {
        spec.file = "edges.csv";
        spec.edges.sources = {0, 3, 3};
        spec.edges.targets = {1, 2, 39};
        spec.edges.lines = {1, 2, 3};
    }
    return spec;
}

/// Values the table refuses for @p parameter, one of each way to be wrong.
std::vector<double> refusedValues(const ConnectivityParameter& parameter) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    switch (parameter.kind) {
    case ConnectivityParameter::Kind::Probability:
        return {-0.01, 1.5, nan};
    case ConnectivityParameter::Kind::Length:
        return {0.0, -10.0, nan, inf};
    case ConnectivityParameter::Kind::Count: {
        std::vector<double> values{-1.0, 2.5, nan};
        if (parameter.minValue >= 1.0)
            values.push_back(parameter.minValue - 1.0);
        if (parameter.even)
            values.push_back(parameter.defaultValue + 1.0);
        return values;
    }
    }
    return {};
}

/// Values at the edges of what the table allows for @p parameter.
std::vector<double> allowedValues(const ConnectivityParameter& parameter) {
    switch (parameter.kind) {
    case ConnectivityParameter::Kind::Probability:
        return {0.0, 1.0};
    case ConnectivityParameter::Kind::Length:
        return {1e-6, 1e9};
    case ConnectivityParameter::Kind::Count:
        return {parameter.minValue +
                    (parameter.even && std::fmod(parameter.minValue, 2.0) != 0.0 ? 1.0 : 0.0),
                parameter.even ? 2.0 : 3.0};
    }
    return {};
}

/// A small project whose first projection (E -> E, 40 neurons each, on a grid) uses @p spec.
ProjectSpec projectWith(const ConnectivitySpec& spec) {
    ProjectSpec project = StandardNetworks::cuba(50);
    project.populations[0].size = kSize;
    for (auto& population : project.populations)
        population.spatial = SpatialSpec::withShape("grid");
    project.projections[0].connectivity = spec;
    return project;
}

} // namespace

class TestConnectivityTable : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void tableIsConsistent() {
        const auto& table = ConnectivityRule::all();
        QCOMPARE(table.size(), std::size_t(10));
        std::set<std::string> names;
        for (const ConnectivityRule& rule : table) {
            QVERIFY2(names.insert(rule.name).second, rule.name.c_str());
            QVERIFY2(rule.build != nullptr, rule.name.c_str());
            QVERIFY(!rule.label.empty() && !rule.summaryFormat.empty());
            QCOMPARE(ConnectivityRule::find(rule.name), &rule);
            QCOMPARE(ConnectivityBuilder::needsPositions(rule.name), rule.needsPositions);
            std::set<std::string> keys;
            for (const ConnectivityParameter& parameter : rule.parameters) {
                QVERIFY2(keys.insert(parameter.key).second, parameter.key.c_str());
                QVERIFY(!parameter.label.empty() && !parameter.doc.empty());
                QVERIFY2(parameter.refusal(parameter.defaultValue).empty(), parameter.key.c_str());
                QVERIFY(parameter.minValue <= parameter.defaultValue &&
                        parameter.defaultValue <= parameter.maxValue);
                QCOMPARE(rule.parameter(parameter.key), &parameter);
            }
        }
        QCOMPARE(ConnectivityBuilder::rules().size(), table.size());
        for (std::size_t i = 0; i < table.size(); ++i)
            QCOMPARE(ConnectivityBuilder::rules()[i], table[i].name);
        QCOMPARE(ConnectivityRule::find("gaussian"), nullptr);
    }

    void everyRuleBuildsFromItsDefaults() {
        const auto grid = NeuronPositions::generate(SpatialSpec::withShape("grid"), kSize, 1);
        // Synapses each rule makes on 40 -> 40 neurons at its defaults, where the count is
        // fixed by the rule (autapses allowed).
        const std::map<std::string, std::uint64_t> exact = {
            {"all_to_all", kSize * kSize}, {"one_to_one", kSize},       {"fixed_indegree", 400},
            {"fixed_outdegree", 400},      {"small_world", kSize * 10}, {"csv_edges", 3}};
        for (const ConnectivityRule& rule : ConnectivityRule::all()) {
            const ConnectivitySpec spec = defaults(rule);
            ConnectionRows rows;
            const std::string error = errorOf([&] {
                rows = ConnectivityBuilder::build(spec, kSize, kSize, true, 7, "c", &grid, &grid);
            });
            QVERIFY2(error.empty(), (rule.name + ": " + error).c_str());
            QCOMPARE(rows.rowStart.size(), kSize + 1);
            QCOMPARE(rows.rowStart.back(), rows.size());
            for (std::size_t i = 0; i < kSize; ++i)
                for (auto s = rows.rowStart[i]; s < rows.rowStart[i + 1]; ++s) {
                    QVERIFY(rows.targets[s] >= 0 && rows.targets[s] < std::int32_t(kSize));
                    QVERIFY(s == rows.rowStart[i] || rows.targets[s - 1] < rows.targets[s]);
                }
            if (const auto it = exact.find(rule.name); it != exact.end())
                QCOMPARE(rows.size(), it->second);
            else
                QVERIFY2(rows.size() > 0 && rows.size() < kSize * kSize, rule.name.c_str());
            // The same defaults in a project build a network.
            const std::string built = errorOf([&] {
                if (!rule.readsFile)
                    NetworkBuilder::build(projectWith(spec), tests::builtinRegistry());
            });
            QVERIFY2(built.empty(), (rule.name + ": " + built).c_str());
        }
    }

    void everyRefusedValueNamesItsParameter() {
        BuildOptions options;
        options.origin = "net.json";
        int refusals = 0;
        for (const ConnectivityRule& rule : ConnectivityRule::all()) {
            for (const ConnectivityParameter& parameter : rule.parameters) {
                const std::string at =
                    "net.json: projections[0].connectivity." + parameter.key + ": ";
                for (double value : refusedValues(parameter)) {
                    ConnectivitySpec spec = defaults(rule);
                    spec.params[parameter.key] = value;
                    const std::string why = parameter.refusal(value);
                    QVERIFY2(!why.empty(), (rule.name + "." + parameter.key).c_str());
                    const std::string message = errorOf([&] {
                        NetworkBuilder::build(projectWith(spec), tests::builtinRegistry(), options);
                    });
                    QCOMPARE(message, at + why);
                    QVERIFY(message.find('\n') == std::string::npos);
                    // The check the editor runs says the same.
                    QCOMPARE(errorOf([&] { ConnectivityRule::check(spec, "connectivity"); }),
                             "connectivity." + parameter.key + ": " + why);
                    ++refusals;
                }
                for (double value : allowedValues(parameter)) {
                    ConnectivitySpec spec = defaults(rule);
                    spec.params[parameter.key] = value;
                    QVERIFY2(parameter.refusal(value).empty(),
                             (parameter.key + " = " + std::to_string(value)).c_str());
                    QCOMPARE(errorOf([&] { ConnectivityRule::check(spec, "c"); }), std::string());
                }
                // Missing, it is asked for by name.
                ConnectivitySpec missing = defaults(rule);
                missing.params.erase(parameter.key);
                QCOMPARE(errorOf([&] { ConnectivityRule::check(missing, "c"); }),
                         "c: rule \"" + rule.name + "\" needs parameter \"" + parameter.key + "\"");
            }
            // A parameter the rule does not have is refused by name.
            ConnectivitySpec stray = defaults(rule);
            stray.params["q"] = 0.5;
            QCOMPARE(errorOf([&] { ConnectivityRule::check(stray, "c"); }),
                     "c.q: rule \"" + rule.name + "\" has no parameter \"q\"");
        }
        // 6 probabilities x 3, 2 lengths x 4, 4 counts x 3, an odd ring k and no blocks.
        QCOMPARE(refusals, 40);
    }

    void knownRefusalTexts() {
        const auto* probability = ConnectivityRule::find("fixed_probability")->parameter("p");
        QCOMPARE(probability->refusal(1.5), std::string("must be in [0, 1]"));
        const auto* sigma = ConnectivityRule::find("distance_gaussian")->parameter("sigma_um");
        QCOMPARE(sigma->unit, std::string("\u00b5m"));
        QCOMPARE(sigma->refusal(0.0), std::string("must be a length > 0 um"));
        const auto* k = ConnectivityRule::find("small_world")->parameter("k");
        QCOMPARE(k->refusal(7.0), std::string("must be even (k/2 ring neighbours on each side)"));
        QCOMPARE(k->refusal(7.5), std::string("must be a non-negative integer"));
        const auto* blocks = ConnectivityRule::find("block")->parameter("n_blocks");
        QCOMPARE(blocks->refusal(0.0), std::string("must be at least 1"));
        QVERIFY(blocks->integer() && !probability->integer());
    }

    void summariesFollowTheTable() {
        ConnectivitySpec spec;
        spec.rule = "fixed_probability";
        spec.params = {{"p", 0.02}};
        QCOMPARE(ConnectivityRule::summary(spec), std::string("p = 0.02"));
        spec.rule = "small_world";
        spec.params = {{"k", 10}, {"beta", 0.1}};
        QCOMPARE(ConnectivityRule::summary(spec), std::string("small-world k=10 \u03b2=0.1"));
        spec.params.erase("beta");
        QCOMPARE(ConnectivityRule::summary(spec), std::string("small-world k=10 \u03b2=?"));
        spec.rule = "all_to_all";
        spec.params.clear();
        QCOMPARE(ConnectivityRule::summary(spec), std::string("all-to-all"));
        spec.rule = "csv_edges";
        QCOMPARE(ConnectivityRule::summary(spec), std::string("no edge file"));
        spec.file = "data/edges.csv";
        QCOMPARE(ConnectivityRule::summary(spec), std::string("edges.csv"));
        spec.rule = "mystery";
        QCOMPARE(ConnectivityRule::summary(spec), std::string("mystery"));
    }
};

QTEST_APPLESS_MAIN(TestConnectivityTable)
#include "TestConnectivityTable.moc"
