// Active dendrites: NMDA segment spikes need coincident input on one segment, and the neuron
// responds to the union of its segments' patterns. Astrocyte calcium against its analytic
// response.

#include "core/TestSupport.h"

#include <QtTest>

using namespace plexus;

namespace {

constexpr double kDt = 0.1;

/// One active-dendrite neuron; `events` lists (time ms, segment) inputs of weight 3 mV each.
tests::Run dendriteRun(const std::vector<std::pair<double, int>>& events, double durationMs) {
    core::ProjectSpec p;
    p.populations.push_back({"N",
                             "active_dendrite",
                             1,
                             {{"n_segments", 4},
                              {"theta_nmda", 10.0},
                              {"tau_seg", 5.0},
                              {"t_plateau", 30.0},
                              {"plateau_drive", 30.0}},
                             {}});
    for (int seg = 0; seg < 4; ++seg) {
        core::StimulusSpec s;
        s.name = "in" + std::to_string(seg);
        s.model = "spike_times";
        s.size = 8;
        int channel = 0;
        for (const auto& [t, target] : events)
            if (target == seg) {
                s.times.push_back(t);
                s.indices.push_back(channel++ % 8);
            }
        if (s.times.empty())
            s.times.push_back(1e6), s.indices.push_back(0);
        p.stimuli.push_back(s);
        core::ProjectionSpec pr;
        pr.source = s.name;
        pr.target = "N";
        pr.receptor = "seg" + std::to_string(seg);
        pr.weight = core::ValueSpec::constant(3.0);
        p.projections.push_back(pr);
    }
    p.recorders.push_back({"s", "spikes", "N", {}, {}, 0.1, 1.0});
    p.recorders.push_back({"d", "state", "N", {"d0", "plateau0", "v"}, {0}, 0.1, 1.0});
    return tests::runProject(p, durationMs);
}

std::size_t spikeCount(const tests::Run& run) {
    return run.network->spikeRecorders[0].steps.size();
}

} // namespace

class TestActiveDendrite : public QObject {
    Q_OBJECT

private slots:
    void segmentDecaysExactly() {
        auto run = dendriteRun({{10.0, 0}}, 40.0);
        const auto& rec = run.network->stateRecorders[0];
        // Arrival one step after the input; sample r is the state after step r.
        const std::size_t arrival = 101;
        for (std::size_t k = arrival; k < arrival + 200; k += 37) {
            const double expected =
                3.0 * std::exp(-static_cast<double>(k + 1 - arrival) * kDt / 5.0);
            QVERIFY2(std::fabs(rec.values[k * 3] - expected) < 1e-5,
                     qPrintable(QString("%1 vs %2").arg(rec.values[k * 3]).arg(expected)));
        }
        QCOMPARE(spikeCount(run), std::size_t(0));
    }

    void coincidentInputOnOneSegmentFiresAPlateau() {
        auto run = dendriteRun({{10.0, 0}, {10.0, 0}, {10.2, 0}, {10.4, 0}}, 80.0);
        QVERIFY(spikeCount(run) >= 1);
        // The plateau lasts exactly t_plateau.
        const auto& rec = run.network->stateRecorders[0];
        std::size_t active = 0;
        for (std::size_t k = 0; k < rec.sampleSteps.size(); ++k)
            if (rec.values[k * 3 + 1] > 0.0f)
                ++active;
        QCOMPARE(active, std::size_t(299)); // steps after the onset step: 30 ms / 0.1 ms - 1
    }

    void inputSpreadInTimeOrAcrossSegmentsStaysLocal() {
        // Same four inputs, 20 ms apart on one segment: never coincident.
        QCOMPARE(spikeCount(dendriteRun({{10, 0}, {30, 0}, {50, 0}, {70, 0}}, 100.0)),
                 std::size_t(0));
        // Same four inputs, coincident but one per segment: each below threshold.
        QCOMPARE(spikeCount(dendriteRun({{10, 0}, {10, 1}, {10, 2}, {10, 3}}, 100.0)),
                 std::size_t(0));
    }

    void respondsToTheUnionOfSegmentPatterns() {
        // Pattern A on segment 1 at 10 ms, pattern B on segment 3 at 200 ms.
        std::vector<std::pair<double, int>> events;
        for (int k = 0; k < 4; ++k) {
            events.emplace_back(10.0 + 0.1 * k, 1);
            events.emplace_back(200.0 + 0.1 * k, 3);
        }
        auto run = dendriteRun(events, 300.0);
        const auto& steps = run.network->spikeRecorders[0].steps;
        const bool afterA =
            std::any_of(steps.begin(), steps.end(), [](auto s) { return s > 100 && s < 1000; });
        const bool afterB =
            std::any_of(steps.begin(), steps.end(), [](auto s) { return s > 2000 && s < 2600; });
        QVERIFY(afterA);
        QVERIFY(afterB);
    }

    /// One synaptic event of weight w: r(t) = w tau_s/(tau_s - tau_c)(e^{-t/tau_s} - e^{-t/tau_c});
    /// the release event comes at its first threshold crossing.
    void astrocyteCalciumResponse() {
        const double tauS = 50.0, tauC = 200.0, w = 5.0, threshold = 0.5; // peak r 0.787
        core::ProjectSpec p;
        p.populations.push_back(
            {"A",
             "astrocyte",
             1,
             {{"tau_ip3", tauS}, {"tau_ca", tauC}, {"threshold", threshold}, {"t_ref", 1000.0}},
             {}});
        core::StimulusSpec s;
        s.name = "syn";
        s.model = "spike_times";
        s.size = 1;
        s.times = {9.9};
        p.stimuli.push_back(s);
        core::ProjectionSpec pr;
        pr.source = "syn";
        pr.target = "A";
        pr.receptor = "syn";
        pr.weight = core::ValueSpec::constant(w);
        p.projections.push_back(pr);
        p.recorders.push_back({"r", "state", "A", {"r"}, {0}, 0.1, 1.0});
        p.recorders.push_back({"e", "spikes", "A", {}, {}, 0.1, 1.0});
        auto run = tests::runProject(p, 600.0);
        const auto& rec = run.network->stateRecorders[0];
        auto r = [&](double t) {
            return t <= 0 ? 0.0
                          : w * tauS / (tauS - tauC) * (std::exp(-t / tauS) - std::exp(-t / tauC));
        };
        // Arrival at step 100 (t = 10 ms); sample k holds time (k + 1) * dt.
        for (std::size_t k : {std::size_t(150), std::size_t(600), std::size_t(3000)}) {
            const double t = (k + 1) * kDt - 10.0;
            QVERIFY2(std::fabs(rec.values[k] - r(t)) < 1e-4 * w,
                     qPrintable(QString("%1 vs %2").arg(rec.values[k]).arg(r(t))));
        }
        const auto& events = run.network->spikeRecorders[0].steps;
        QVERIFY2(events.size() == 1,
                 qPrintable(QString("%1 events, peak r %2")
                                .arg(events.size())
                                .arg(*std::max_element(rec.values.begin(), rec.values.end()))));
        double t = 0;
        while (r(t) <= threshold)
            t += kDt;
        QVERIFY(std::llabs(events[0] - std::llround((10.0 + t) / kDt)) <= 1);
    }
};

QTEST_APPLESS_MAIN(TestActiveDendrite)
#include "TestActiveDendrite.moc"
