// Stimuli: Poisson statistics, spike-time replay, current steps.

#include "core/TestSupport.h"

#include <QtTest>

using namespace plexus;

class TestSources : public QObject {
    Q_OBJECT

private slots:
    void poissonRateAndFano() {
        core::ProjectSpec p;
        core::StimulusSpec s;
        s.name = "P";
        s.model = "poisson";
        s.size = 2000;
        s.params["rate_hz"] = 20.0;
        p.stimuli.push_back(s);
        p.recorders.push_back({"spk", "spikes", "P", {}, {}, 0.1, 1.0});
        auto run = tests::runProject(p, 1000.0);
        const auto& rec = run.network->spikeRecorders[0];
        // Total count ~ Poisson(40000): sd 200.
        QVERIFY2(std::fabs(static_cast<double>(rec.steps.size()) - 40000.0) < 5 * 200.0,
                 qPrintable(QString::number(rec.steps.size())));
        // Per-channel counts: Fano factor ~ 1 (Bernoulli per step: 1 - p = 0.998).
        std::vector<double> counts(2000, 0.0);
        for (auto n : rec.neurons)
            counts[static_cast<std::size_t>(n)] += 1.0;
        double mean = 0, var = 0;
        for (double c : counts)
            mean += c / counts.size();
        for (double c : counts)
            var += (c - mean) * (c - mean) / (counts.size() - 1);
        QVERIFY2(std::fabs(var / mean - 1.0) < 0.1, qPrintable(QString::number(var / mean)));
    }

    void spikeTimesAreReplayedAtTheirSteps() {
        core::ProjectSpec p;
        core::StimulusSpec s;
        s.name = "G";
        s.model = "spike_times";
        s.size = 3;
        s.times = {5.0, 1.0, 1.04, 2.26, 1.0};
        s.indices = {2, 0, 1, 0, 0};
        p.stimuli.push_back(s);
        p.recorders.push_back({"spk", "spikes", "G", {}, {}, 0.1, 1.0});
        auto run = tests::runProject(p, 10.0, {std::nullopt, 2, false, 0, {}});
        const auto& rec = run.network->spikeRecorders[0];
        // The duplicate (1.0 ms, channel 0) counts once; 2.26 ms rounds to step 23.
        QCOMPARE(rec.steps, (std::vector<std::int64_t>{10, 10, 23, 50}));
        QCOMPARE(rec.neurons, (std::vector<std::int32_t>{0, 1, 0, 2}));
    }

    void stepCurrentActsOnlyInItsWindow() {
        core::ProjectSpec p;
        p.populations.push_back({"N", "lif_cuba", 4, {{"v_thresh", 100.0}}, {}});
        core::StimulusSpec s;
        s.name = "step";
        s.model = "step_current";
        s.target = "N";
        s.neurons = {1, 3};
        s.params = {{"amplitude_pa", 250.0}, {"start_ms", 10.0}, {"stop_ms", 20.0}};
        p.stimuli.push_back(s);
        p.recorders.push_back({"v", "state", "N", {"v"}, {0, 1, 2, 3}, 0.1, 1.0});
        auto run = tests::runProject(p, 40.0, {std::nullopt, 2, false, 0, {}});
        const auto& rec = run.network->stateRecorders[0];
        auto v = [&](double tMs, int n) {
            return rec.values[static_cast<std::size_t>(std::llround(tMs / 0.1) - 1) * 4 + n];
        };
        QCOMPARE(v(10.0, 1), -70.0f);
        QVERIFY(v(20.0, 1) > -70.0f + 3.0f); // 10 mV * (1 - e^-1) = 6.3 mV at 20 ms
        QVERIFY(std::fabs(v(20.0, 1) - (-70.0f + 10.0f * (1.0f - std::exp(-1.0f)))) < 1e-3f);
        QVERIFY(v(40.0, 1) < v(20.0, 1)); // decays after the step
        QCOMPARE(v(20.0, 0), -70.0f);     // untargeted neurons untouched
        QCOMPARE(v(20.0, 2), -70.0f);
        QCOMPARE(v(20.0, 3), v(20.0, 1));
    }
};

QTEST_APPLESS_MAIN(TestSources)
#include "TestSources.moc"
