// Connectivity rules.

#include "plexus/core/base/Error.h"
#include "plexus/core/connectivity/ConnectivityBuilder.h"
#include "plexus/core/engine/SynapseMatrix.h"

#include <QtTest>
#include <set>

using namespace plexus::core;

namespace {
ConnectivitySpec rule(const std::string& name, std::map<std::string, double> params = {},
                      bool autapses = true) {
    ConnectivitySpec s;
    s.rule = name;
    s.params = std::move(params);
    s.autapses = autapses;
    return s;
}
} // namespace

class TestConnectivity : public QObject {
    Q_OBJECT

private slots:
    void allToAllWithoutAutapses() {
        const auto rows =
            ConnectivityBuilder::build(rule("all_to_all", {}, false), 50, 50, true, 1, "p");
        QCOMPARE(rows.size(), std::uint64_t(50 * 49));
        for (std::size_t i = 0; i < 50; ++i)
            for (auto s = rows.rowStart[i]; s < rows.rowStart[i + 1]; ++s)
                QVERIFY(rows.targets[s] != static_cast<std::int32_t>(i));
    }

    void oneToOne() {
        const auto rows = ConnectivityBuilder::build(rule("one_to_one"), 10, 10, false, 1, "p");
        QCOMPARE(rows.size(), std::uint64_t(10));
        for (std::int32_t i = 0; i < 10; ++i)
            QCOMPARE(rows.targets[static_cast<std::size_t>(i)], i);
        QVERIFY_THROWS_EXCEPTION(
            Error, ConnectivityBuilder::build(rule("one_to_one"), 10, 11, false, 1, "p"));
    }

    void fixedProbabilityCount() {
        const auto rows = ConnectivityBuilder::build(rule("fixed_probability", {{"p", 0.1}}), 1000,
                                                     2000, false, 7, "p");
        // Binomial(2e6, 0.1): mean 2e5, sd 424.
        QVERIFY(std::fabs(static_cast<double>(rows.size()) - 2e5) < 5 * 424.0);
        for (std::size_t i = 0; i < 1000; ++i)
            for (auto s = rows.rowStart[i] + 1; s < rows.rowStart[i + 1]; ++s)
                QVERIFY(rows.targets[s] > rows.targets[s - 1]);
    }

    void fixedInDegreeIsExact() {
        const auto rows = ConnectivityBuilder::build(rule("fixed_indegree", {{"k", 30}}, false),
                                                     200, 200, true, 3, "p");
        std::vector<int> indegree(200, 0);
        for (std::size_t i = 0; i < 200; ++i)
            for (auto s = rows.rowStart[i]; s < rows.rowStart[i + 1]; ++s) {
                ++indegree[static_cast<std::size_t>(rows.targets[s])];
                QVERIFY(rows.targets[s] != static_cast<std::int32_t>(i));
            }
        for (int d : indegree)
            QCOMPARE(d, 30);
    }

    void fixedOutDegreeIsExactAndDistinct() {
        const auto rows = ConnectivityBuilder::build(rule("fixed_outdegree", {{"k", 150}}), 20, 200,
                                                     false, 3, "p");
        for (std::size_t i = 0; i < 20; ++i) {
            QCOMPARE(rows.rowStart[i + 1] - rows.rowStart[i], std::uint64_t(150));
            std::set<std::int32_t> distinct(rows.targets.begin() + rows.rowStart[i],
                                            rows.targets.begin() + rows.rowStart[i + 1]);
            QCOMPARE(distinct.size(), std::size_t(150));
        }
    }

    void badRulesAreRefusedWithTheirPlace() {
        auto message = [](const ConnectivitySpec& s) {
            try {
                ConnectivityBuilder::build(s, 10, 10, false, 1, "projections[2].connectivity");
            } catch (const Error& e) {
                return std::string(e.what());
            }
            return std::string();
        };
        QVERIFY(message(rule("fixed_probability", {{"p", 1.5}}))
                    .find("projections[2].connectivity.p") == 0);
        QVERIFY(message(rule("fixed_probability")).find("needs parameter \"p\"") !=
                std::string::npos);
        QVERIFY(message(rule("fixed_indegree", {{"k", 11}})).find("exceeds") != std::string::npos);
        QVERIFY(message(rule("gaussian")).find("unknown connectivity rule") != std::string::npos);
        QVERIFY(message(rule("all_to_all", {{"p", 0.1}})).find("has no parameter") !=
                std::string::npos);
    }

    void partitionsKeepEverySynapseOnce() {
        const auto rows = ConnectivityBuilder::build(rule("fixed_probability", {{"p", 0.05}}), 300,
                                                     300, true, 9, "p");
        std::vector<float> weights(rows.size());
        for (std::size_t s = 0; s < weights.size(); ++s)
            weights[s] = static_cast<float>(s);
        const SynapseMatrix m(rows, weights, {}, {0, 96, 208, 300});
        QCOMPARE(m.numSynapses(), rows.size());
        std::vector<std::pair<std::size_t, std::int32_t>> seen;
        float checksum = 0;
        m.forEach([&](std::size_t src, std::int32_t tgt, std::size_t part, std::size_t idx) {
            seen.emplace_back(src, tgt);
            checksum += m.partition(part).weights[idx];
            const std::size_t lo = part == 0 ? 0 : part == 1 ? 96 : 208;
            const std::size_t hi = part == 0 ? 96 : part == 1 ? 208 : 300;
            QVERIFY(static_cast<std::size_t>(tgt) >= lo && static_cast<std::size_t>(tgt) < hi);
        });
        std::vector<std::pair<std::size_t, std::int32_t>> expected;
        float expectedSum = 0;
        for (std::size_t i = 0; i < 300; ++i)
            for (auto s = rows.rowStart[i]; s < rows.rowStart[i + 1]; ++s) {
                expected.emplace_back(i, rows.targets[s]);
                expectedSum += weights[s];
            }
        QCOMPARE(seen, expected);
        QCOMPARE(checksum, expectedSum);
    }
};

QTEST_APPLESS_MAIN(TestConnectivity)
#include "TestConnectivity.moc"
