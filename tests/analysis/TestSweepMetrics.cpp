// The metrics a parameter sweep keeps per run (analysis::SweepMetrics) on hand-made run
// records with known answers: rates, regular trains (CV 0), identical trains (chi 1), an
// alpha-modulated rate (a peak at 10 Hz), the pooled `all`, NaN where nothing can be computed,
// the same values as the analyses called directly, and one-line refusals of unknown names.

#include "ErrorOf.h"
#include "plexus/analysis/ArchiveSpikes.h"
#include "plexus/analysis/SweepMetrics.h"
#include "plexus/analysis/Synchrony.h"
#include "plexus/core/base/RandomStream.h"

#include <QtTest>
#include <cmath>

using plexus::analysis::SweepMetrics;
using plexus::core::RunRecord;
using plexus::tests::errorOf;

namespace {

constexpr double kPi = 3.14159265358979323846;

/// Spikes of `neurons` neurons at `times` (every neuron at every time), in time order.
RunRecord::Spikes trains(const std::vector<double>& times, int neurons) {
    RunRecord::Spikes s;
    s.recorder = "spikes";
    for (const double t : times)
        for (int n = 0; n < neurons; ++n) {
            s.timesMs.push_back(t);
            s.neurons.push_back(n);
        }
    return s;
}

/// E: 4 neurons firing together every 10 ms; I: 2 neurons every 20 ms; S: a stimulus of 10
/// neurons every 1 ms; 1 s at dt 0.1 ms.
RunRecord regular() {
    RunRecord r;
    r.dtMs = 0.1;
    r.durationMs = 1000.0;
    std::vector<double> e, i, s;
    for (int k = 0; k < 100; ++k)
        e.push_back(5.0 + 10.0 * k);
    for (int k = 0; k < 50; ++k)
        i.push_back(5.0 + 20.0 * k);
    for (int k = 0; k < 1000; ++k)
        s.push_back(0.5 + k);
    r.populations.push_back({"E", "lif", 4, false, {trains(e, 4)}, {}, {}});
    r.populations.push_back({"I", "lif", 2, false, {trains(i, 2)}, {}, {}});
    r.populations.push_back({"S", "poisson", 10, true, {trains(s, 10)}, {}, {}});
    r.populations.push_back({"Q", "lif", 3, false, {trains({}, 3)}, {}, {}});
    return r;
}

} // namespace

class TestSweepMetrics : public QObject {
    Q_OBJECT

private slots:
    void ratesAndCvOfRegularTrains() {
        const auto v = SweepMetrics::compute(regular(), {"rate:E", "rate:I", "rate:all", "cv_isi:E",
                                                         "cv_isi:all", "rate:Q", "cv_isi:Q"});
        QCOMPARE(v[0], 100.0);
        QCOMPARE(v[1], 50.0);
        // The stimulus is not part of all: (4 x 100 + 2 x 50 + 3 x 0) / 9 neurons.
        QVERIFY(std::fabs(v[2] - 500.0 / 9.0) < 1e-12);
        QCOMPARE(v[3], 0.0);
        QCOMPARE(v[4], 0.0);
        QCOMPARE(v[5], 0.0);
        // No neuron of Q has the 3 spikes a CV needs.
        QVERIFY(std::isnan(v[6]));
    }

    void identicalIrregularTrainsHaveChiOne() {
        RunRecord r = regular();
        plexus::core::RandomStream random(3);
        std::vector<double> times;
        double t = 0.0;
        while ((t += -20.0 * std::log(random.uniformPositive())) < 2000.0)
            times.push_back(std::round(t * 10.0) / 10.0);
        r.durationMs = 2000.0;
        r.populations[0].spikes = {trains(times, 4)};
        const auto v = SweepMetrics::compute(r, {"chi:E", "fano:E", "correlation:E"});
        QVERIFY2(std::fabs(v[0] - 1.0) < 1e-9, std::to_string(v[0]).c_str());
        // Identical trains: every pair correlates perfectly.
        QVERIFY2(std::fabs(v[2] - 1.0) < 1e-9, std::to_string(v[2]).c_str());
        // The same settings as `plexus-cli analyze synchrony` (10 ms bins).
        plexus::analysis::SynchronyOptions o;
        o.toMs = 2000.0;
        const auto spikes = plexus::analysis::ArchiveSpikes::fromRecord(r);
        QCOMPARE(v[1], plexus::analysis::Synchrony::analyse(spikes[0], o).fano.mean);
    }

    void anAlphaModulatedRateHasItsPeakAt10Hz() {
        // 200 neurons, Poisson at 20 (1 + 0.8 sin(2 pi 10 t)) Hz for 8 s.
        RunRecord r;
        r.dtMs = 0.1;
        r.durationMs = 8000.0;
        RunRecord::Spikes s;
        plexus::core::RandomStream random(11);
        for (int step = 0; step < 80000; ++step) {
            const double tMs = step * 0.1;
            const double p = 20.0 * (1.0 + 0.8 * std::sin(2.0 * kPi * 10.0 * tMs * 1e-3)) * 1e-4;
            for (int n = 0; n < 200; ++n)
                if (random.uniform() < p) {
                    s.timesMs.push_back(tMs);
                    s.neurons.push_back(n);
                }
        }
        r.populations.push_back({"E", "lif", 200, false, {s}, {}, {}});
        const auto v = SweepMetrics::compute(r, {"alpha_peak_hz:E", "rate:E"});
        QVERIFY2(std::fabs(v[0] - 10.0) < 0.6, std::to_string(v[0]).c_str());
        QVERIFY(std::fabs(v[1] - 20.0) < 1.0);
    }

    void whatCannotBeComputedIsNaN() {
        const auto v =
            SweepMetrics::compute(regular(), {"chi:Q", "branching:Q", "avalanche_alpha:Q",
                                              "spectral_exponent:Q", "alpha_peak_hz:E"});
        for (std::size_t i = 0; i < v.size(); ++i)
            QVERIFY2(std::isnan(v[i]), std::to_string(i).c_str());
    }

    void namesAreChecked() {
        const std::vector<std::string> pops = {"E", "I"};
        QCOMPARE(SweepMetrics::parseList("rate:E,chi:all,,rate:E", pops),
                 (std::vector<std::string>{"rate:E", "chi:all"}));
        QCOMPARE(SweepMetrics::defaults(pops),
                 (std::vector<std::string>{"rate:E", "cv_isi:E", "rate:I", "cv_isi:I"}));
        QCOMPARE(errorOf([&] { SweepMetrics::parseList("rate:E,speed:E", pops); }),
                 std::string(
                     "--metrics: unknown metric \"speed:E\" (KIND:POP with KIND rate, "
                     "cv_isi, fano, chi, correlation, branching, avalanche_alpha, avalanche_beta, "
                     "spectral_exponent, "
                     "alpha_peak_hz, accuracy, memory_capacity, narma_nrmse)"));
        QCOMPARE(errorOf([&] { SweepMetrics::parseList("rate:X", pops); }),
                 std::string("--metrics: rate:X: unknown population \"X\" (E, I, all)"));
        QVERIFY(!errorOf([&] { SweepMetrics::parseList("rate", pops); }).empty());
        QVERIFY(!errorOf([&] { SweepMetrics::parseList(",", pops); }).empty());
    }
};

QTEST_GUILESS_MAIN(TestSweepMetrics)
#include "TestSweepMetrics.moc"
