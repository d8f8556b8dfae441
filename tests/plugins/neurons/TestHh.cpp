// Hodgkin-Huxley ("hh") against NEURON 8.2.2's built-in hh mechanism (BENCHMARKS.md anchor).

#include "plexus/core/project/ProjectIo.h"
#include "plugins/PluginTestSupport.h"

#include <QtTest>
#include <chrono>
#include <set>

using namespace plexus;

namespace {

constexpr double kDt = 0.025;

/// Spike total, number of firing cells and loop time of a built project run for `ms`.
struct Counts {
    std::size_t spikes = 0;
    std::size_t firing = 0;
    double nsPerCellStep = 0.0;
};

Counts runAndCount(const core::ProjectSpec& project, double ms, int threads = 1) {
    auto net = core::NetworkBuilder::build(project, tests::builtinRegistry(),
                                           {std::nullopt, threads, false});
    core::Simulator sim(*net);
    sim.prepare();
    const auto steps = std::llround(ms / net->dtMs);
    const auto t0 = std::chrono::steady_clock::now();
    sim.run(steps);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    sim.finish();
    const auto& rec = net->spikeRecorders[0];
    Counts c;
    c.spikes = rec.steps.size();
    c.firing = std::set<std::int32_t>(rec.neurons.begin(), rec.neurons.end()).size();
    c.nsPerCellStep = 1e9 * seconds / (static_cast<double>(steps) * net->neuronCount());
    return c;
}

core::ProjectSpec anchorProject() {
    return core::ProjectIo::load(PLEXUS_SOURCE_DIR "/resources/examples/hh_1000.json");
}

/// Steady-state ionic current of the squid membrane (mA/cm^2) at v, gates at steady state;
/// an independent transcription of Hodgkin & Huxley's rate functions (no table).
double steadyStateCurrent(double v) {
    auto vtrap = [](double x, double y) { return x / (std::exp(x / y) - 1.0); };
    const double am = 0.1 * vtrap(-(v + 40), 10), bm = 4 * std::exp(-(v + 65) / 18);
    const double ah = 0.07 * std::exp(-(v + 65) / 20), bh = 1 / (std::exp(-(v + 35) / 10) + 1);
    const double an = 0.01 * vtrap(-(v + 55), 10), bn = 0.125 * std::exp(-(v + 65) / 80);
    const double m = am / (am + bm), h = ah / (ah + bh), n = an / (an + bn);
    return 0.12 * m * m * m * h * (v - 50) + 0.036 * n * n * n * n * (v + 77) + 0.0003 * (v + 54.3);
}

} // namespace

class TestHh : public QObject {
    Q_OBJECT

private slots:
    /// BENCHMARKS.md: NEURON counts 51,231 spikes from 889 cells (usetable_hh = 1, default).
    void neuronAnchorWithRateTable() {
        const Counts c = runAndCount(anchorProject(), 1000.0);
        qInfo("hh_1000 (table): %zu spikes, %zu firing cells, %.2f ns per cell-step", c.spikes,
              c.firing, c.nsPerCellStep);
        // The requirement is 3 %; the scheme is NEURON's, so the count agrees far closer. The
        // only systematic difference: NEURON does not count a crossing in the final step.
        QVERIFY2(std::fabs(double(c.spikes) - 51231.0) <= 0.03 * 51231.0, "outside 3 %");
        QVERIFY2(std::fabs(double(c.spikes) - 51231.0) <= 10.0,
                 qPrintable(QString("%1 spikes, NEURON 51231").arg(c.spikes)));
        QVERIFY2(std::abs(int(c.firing) - 889) <= 1,
                 qPrintable(QString("%1 firing cells, NEURON 889").arg(c.firing)));
    }

    /// With h.usetable_hh = 0 NEURON 8.2.2 counts 51,033 spikes from 888 cells (measured with
    /// neuron_hh_1000.py and usetable_hh = 0).
    void neuronAnchorWithDirectRates() {
        core::ProjectSpec p = anchorProject();
        p.populations[0].params["use_table"] = 0.0;
        const Counts c = runAndCount(p, 1000.0);
        qInfo("hh_1000 (direct): %zu spikes, %zu firing cells, %.2f ns per cell-step", c.spikes,
              c.firing, c.nsPerCellStep);
        QVERIFY2(std::fabs(double(c.spikes) - 51033.0) <= 10.0,
                 qPrintable(QString("%1 spikes, NEURON 51033").arg(c.spikes)));
        QVERIFY2(std::abs(int(c.firing) - 888) <= 1,
                 qPrintable(QString("%1 firing cells, NEURON 888").arg(c.firing)));
    }

    /// Spike times of three cells over 100 ms equal NEURON's NetCon times. NEURON stamps a
    /// crossing during step s with t = (s + 1) dt.
    void spikeTimesMatchNeuron() {
        const auto run = tests::runProject(anchorProject(), 100.0);
        const std::map<std::int32_t, std::vector<double>> neuron = {
            {150, {4.625}},
            {500, {1.925, 16.900, 31.575, 46.250, 60.925, 75.575, 90.250}},
            {999, {1.300, 13.425, 25.075, 36.700, 48.300, 59.925, 71.550, 83.175, 94.775}},
        };
        for (const auto& [cell, expected] : neuron) {
            const auto times = tests::spikeTimes(run, cell);
            QCOMPARE(times.size(), expected.size());
            for (std::size_t k = 0; k < times.size(); ++k)
                QVERIFY2(std::fabs(times[k] + kDt - expected[k]) < 1e-6,
                         qPrintable(QString("cell %1 spike %2: %3 ms, NEURON %4 ms")
                                        .arg(cell)
                                        .arg(k)
                                        .arg(times[k] + kDt)
                                        .arg(expected[k])));
        }
    }

    /// Without input the membrane settles where the steady-state ionic current vanishes:
    /// -64.974052 mV (NEURON with usetable_hh = 0: -64.974052 mV at 500 ms). With the rate
    /// table NEURON settles at -64.973678 mV.
    void restingPotentialIsTheSteadyState() {
        double lo = -70.0, hi = -60.0;
        for (int k = 0; k < 100; ++k) {
            const double mid = 0.5 * (lo + hi);
            (steadyStateCurrent(mid) < 0 ? lo : hi) = mid;
        }
        const double rest = 0.5 * (lo + hi);
        QVERIFY(std::fabs(rest - (-64.974052)) < 1e-6);
        for (const auto& [table, expected] : {std::pair{0.0, rest}, std::pair{1.0, -64.973678}}) {
            auto run = tests::runProject(
                tests::singlePopulation("hh", 1, {{"use_table", table}}, kDt, {"v"}), 500.0);
            const float v =
                tests::stateAt(run, run.network->stateRecorders[0].sampleSteps.size() - 1);
            // float state: the approach stalls once an increment drops below half an ulp of v
            // (3.8e-6 mV), a few 1e-4 mV short of the fixed point.
            QVERIFY2(
                std::fabs(v - expected) < 3e-4,
                qPrintable(
                    QString("v %1 mV, expected %2 mV").arg(v, 0, 'f', 6).arg(expected, 0, 'f', 6)));
            QVERIFY(run.network->spikeRecorders[0].steps.empty());
        }
    }

    /// The `current` input (nA) acts exactly like the same i_bias; i_stim from an `initial`
    /// distribution replaces the ramp.
    void currentInputsAreConsistent() {
        core::ProjectSpec a = tests::singlePopulation("hh", 3, {{"i_bias", 0.05}}, kDt);
        core::ProjectSpec b = tests::singlePopulation("hh", 3, {}, kDt);
        // The amplitude is read in the receptor's unit: nA.
        b.stimuli.push_back(
            tests::currentStimulus("dc", "dc_current", "N", {{"amplitude_pa", 0.05}}));
        core::ProjectSpec c = tests::singlePopulation("hh", 3, {{"i_stim_ramp_max", 7.0}}, kDt);
        c.populations[0].initial["i_stim"] = core::ValueSpec::constant(0.05);
        const auto ra = tests::runProject(a, 200.0), rb = tests::runProject(b, 200.0),
                   rc = tests::runProject(c, 200.0);
        QVERIFY(ra.network->spikeRecorders[0].steps.size() > 20);
        QCOMPARE(rb.network->spikeRecorders[0].steps, ra.network->spikeRecorders[0].steps);
        QCOMPARE(rc.network->spikeRecorders[0].steps, ra.network->spikeRecorders[0].steps);
    }

    /// Spikes do not depend on the thread split, including a partial last SIMD block.
    void threadSplitDoesNotChangeSpikes() {
        core::ProjectSpec p = anchorProject();
        p.populations[0].size = 1003;
        p.populations[0].params["use_table"] = 0.0;
        const auto one = tests::runProject(p, 100.0, {std::nullopt, 1, false});
        const auto two = tests::runProject(p, 100.0, {std::nullopt, 2, false});
        const auto& a = one.network->spikeRecorders[0];
        const auto& b = two.network->spikeRecorders[0];
        QVERIFY(a.steps.size() > 3000);
        QCOMPARE(a.steps, b.steps);
        QCOMPARE(a.neurons, b.neurons);
    }

    /// Extreme but valid settings stay finite (implicit v update, clamped exponentials).
    void extremeParametersStayFinite() {
        for (double table : {0.0, 1.0}) {
            auto run = tests::runProject(tests::singlePopulation("hh", 9,
                                                                 {{"use_table", table},
                                                                  {"i_bias", 1e6},
                                                                  {"area_um2", 1e-3},
                                                                  {"celsius", 60.0},
                                                                  {"gnabar", 1e3}},
                                                                 1.0, {"v", "m", "h", "n"}),
                                         50.0);
            for (float x : run.network->stateRecorders[0].values)
                QVERIFY(std::isfinite(x));
        }
    }
};

QTEST_GUILESS_MAIN(TestHh)
#include "TestHh.moc"
