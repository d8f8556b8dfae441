// Protocols at run time: stimulus gates, condition instances of stimuli, silence, clamp and
// drive of neuron subsets, scaled and lesioned projections, and bit-identical results for 1 and
// 2 threads.

#include "ErrorOf.h"
#include "core/TestSupport.h"
#include "plexus/core/project/ProjectIo.h"

#include <QtTest>
#include <algorithm>
#include <cmath>

using namespace plexus;

namespace {

/// A project: `populations`, `stimuli`, `projections` and `protocol` are JSON texts; every
/// population and stimulus gets a spike recorder.
core::ProjectSpec project(const std::string& populations, const std::string& stimuli,
                          const std::string& projections, const std::string& protocol,
                          const std::string& recorders = "[]") {
    const std::string text = R"({"format": "plexus-project", "formatVersion": 3,
        "simulation": {"dt_ms": 0.1, "duration_s": 1, "seed": 5, "threads": 1},
        "populations": )" + populations +
                             R"(, "stimuli": )" + stimuli + R"(, "projections": )" + projections +
                             R"(, "recorders": )" + recorders + R"(, "protocol": )" + protocol +
                             "}";
    return core::ProjectIo::parse(text, "test.json");
}

core::BuildOptions recordAll(int threads = 1) {
    core::BuildOptions o;
    o.recordAllSpikes = true;
    o.threads = threads;
    o.minNeuronsPerThread = 0;
    return o;
}

const core::SpikeRecorder& spikesOf(const core::Network& net, const std::string& name) {
    const auto pop = net.populationIndex(name);
    for (const auto& rec : net.spikeRecorders)
        if (pop && rec.population == *pop)
            return rec;
    throw core::Error("no spikes of " + name);
}

/// Whether step `s` lies inside a trial of `condition`.
bool inTrialOf(const core::Network& net, std::int64_t s, int condition) {
    const double t = static_cast<double>(s) * net.dtMs;
    return std::any_of(net.trials.begin(), net.trials.end(), [&](const core::TrialWindow& w) {
        return w.condition == condition && t >= w.startMs - 1e-9 && t < w.endMs - 1e-9;
    });
}

/// Three trials of A and B, interleaved: A at 0-100, 300-400, 600-700 ms; B at 150-250, ...
const char* kTwoConditions = R"({"conditions": [{"name": "A", "stimuli": ["s"]},
        {"name": "B", "stimuli": []}], "trials": 3, "trial_ms": 100, "iti_ms": 50,
        "order": "interleaved"})";

const char* kPoisson = R"([{"name": "s", "model": "poisson", "size": 20,
        "params": {"rate_hz": 200}}])";

/// 40 regularly firing LIF neurons (500 pA bias, 375 pA rheobase), desynchronised.
const char* kFiring = R"([{"name": "E", "model": "lif_cuba", "size": 40,
        "params": {"i_e": 500}, "initial": {"v": {"dist": "uniform", "low": -70, "high": -55}}}])";

} // namespace

class TestInterventions : public QObject {
    Q_OBJECT

private slots:
    void gatedStimulusFiresOnlyInItsTrials() {
        const auto spec = project("[]", kPoisson, "[]", kTwoConditions);
        auto run = tests::runProject(spec, 900, recordAll());
        const auto& net = *run.network;
        QCOMPARE(net.trials.size(), std::size_t(6));
        const auto& rec = spikesOf(net, "s");
        // 20 channels x 200 Hz x 0.3 s of trials of A: about 1200 spikes.
        QVERIFY2(rec.steps.size() > 900 && rec.steps.size() < 1500,
                 std::to_string(rec.steps.size()).c_str());
        for (const auto s : rec.steps)
            QVERIFY2(inTrialOf(net, s, 0), std::to_string(s).c_str());
    }

    void withoutTheGateTheStimulusFiresThroughout() {
        const auto spec = project("[]", kPoisson, "[]", kTwoConditions);
        auto net = core::NetworkBuilder::build(spec, tests::builtinRegistry(), recordAll());
        QCOMPARE(net->interventions.size(), std::size_t(1));
        net->interventions.clear();
        core::Simulator sim(*net);
        sim.run(9000);
        const auto& rec = spikesOf(*net, "s");
        const auto outside = std::count_if(rec.steps.begin(), rec.steps.end(),
                                           [&](auto s) { return !inTrialOf(*net, s, 0); });
        QVERIFY2(outside > 1500, std::to_string(outside).c_str());
    }

    void conditionOverridesMakeAnInstance() {
        const auto spec = project(R"([{"name": "E", "model": "lif_cuba", "size": 30}])", kPoisson,
                                  R"([{"name": "s->E", "source": "s", "target": "E",
                "connectivity": {"rule": "fixed_probability", "p": 0.3}, "weight": 0.1}])",
                                  R"({"conditions": [{"name": "A", "stimuli": ["s"]},
                {"name": "B", "stimuli": ["s"], "stimulus_params": {"s": {"rate_hz": 600}}}],
                "trials": 3, "trial_ms": 100, "iti_ms": 50, "order": "blocked"})");
        auto run = tests::runProject(spec, 900, recordAll());
        const auto& net = *run.network;
        QVERIFY(net.populationIndex("s@B").has_value());
        QCOMPARE(net.projections.size(), std::size_t(2));
        QCOMPARE(net.projections[1].name, std::string("s->E@B"));
        QCOMPARE(net.projections[1].source, *net.populationIndex("s@B"));
        // The instance has the same synapses as the original.
        QCOMPARE(net.projections[1].matrix.outDegrees(), net.projections[0].matrix.outDegrees());
        const auto& base = spikesOf(net, "s");
        const auto& instance = spikesOf(net, "s@B");
        for (const auto s : base.steps)
            QVERIFY(inTrialOf(net, s, 0));
        for (const auto s : instance.steps)
            QVERIFY(inTrialOf(net, s, 1));
        // 600 Hz against 200 Hz over the same total trial time.
        QVERIFY2(
            instance.steps.size() > 2 * base.steps.size(),
            (std::to_string(instance.steps.size()) + " vs " + std::to_string(base.steps.size()))
                .c_str());
    }

    void silenceDropsTheSubsetsSpikes() {
        const auto spec = project(kFiring, "[]", "[]", R"({"conditions": [{"name": "A"}],
                "trials": 1, "trial_ms": 300, "perturbations": [{"kind": "silence",
                "target": "E", "neurons": [0, 5, 6, 7, 39], "start_ms": 100, "end_ms": 200}]})");
        auto run = tests::runProject(spec, 300, recordAll());
        const auto& rec = spikesOf(*run.network, "E");
        const std::vector<std::int32_t> silenced{0, 5, 6, 7, 39};
        std::size_t subsetBefore = 0, subsetInside = 0, subsetAfter = 0, restInside = 0;
        for (std::size_t k = 0; k < rec.steps.size(); ++k) {
            const bool subset = std::count(silenced.begin(), silenced.end(), rec.neurons[k]) > 0;
            const auto s = rec.steps[k];
            const bool inside = s >= 1000 && s < 2000;
            if (subset)
                (inside ? subsetInside : s < 1000 ? subsetBefore : subsetAfter)++;
            else if (inside)
                ++restInside;
        }
        QCOMPARE(subsetInside, std::size_t(0));
        QVERIFY(subsetBefore >= 5 && subsetAfter >= 5);
        QVERIFY2(restInside >= 35, std::to_string(restInside).c_str());
    }

    void clampHoldsTheVariable() {
        const auto spec = project(kFiring, "[]", "[]", R"({"conditions": [{"name": "A"}],
                "trials": 1, "trial_ms": 200, "perturbations": [{"kind": "clamp",
                "target": "E", "neurons": [1, 3], "variable": "v", "value": -61.5,
                "start_ms": 50, "end_ms": 150}]})",
                                  R"([{"name": "v", "type": "state", "target": "E",
                "variables": ["v"], "neurons": [1, 3, 5], "interval_ms": 0.1}])");
        auto run = tests::runProject(spec, 200, recordAll());
        const auto& rec = run.network->stateRecorders.at(0);
        std::size_t held = 0, otherAtValue = 0;
        for (std::size_t row = 0; row < rec.sampleSteps.size(); ++row) {
            // Sample `row` is the state after step sampleSteps[row] - 1.
            const auto step = rec.sampleSteps[row] - 1;
            const float* v = rec.values.data() + row * rec.rowWidth();
            if (step >= 500 && step < 1500) {
                QCOMPARE(v[0], -61.5f);
                QCOMPARE(v[1], -61.5f);
                ++held;
            }
            otherAtValue += v[2] == -61.5f;
        }
        QCOMPARE(held, std::size_t(1000));
        QVERIFY(otherAtValue < 5);
        // The clamped neurons do not fire while held (-61.5 mV is below threshold).
        const auto& spikes = spikesOf(*run.network, "E");
        for (std::size_t k = 0; k < spikes.steps.size(); ++k)
            if (spikes.neurons[k] == 1 || spikes.neurons[k] == 3)
                QVERIFY(spikes.steps[k] < 500 || spikes.steps[k] >= 1500);
    }

    void driveRaisesTheSubsetsRate() {
        // 300 pA bias is below the 375 pA rheobase: silent unless driven by 300 pA more.
        const auto spec = project(R"([{"name": "E", "model": "lif_cuba", "size": 100,
                "params": {"i_e": 300}}])",
                                  "[]", "[]", R"({"conditions": [{"name": "A"}],
                "trials": 1, "trial_ms": 300, "perturbations": [{"kind": "drive",
                "target": "E", "fraction": 0.3, "amplitude": 300, "start_ms": 100,
                "end_ms": 200}]})");
        auto run = tests::runProject(spec, 300, recordAll());
        const auto& act = run.network->interventions.at(0);
        QVERIFY(!act.wholePopulation);
        std::vector<std::int32_t> driven;
        for (const auto& slice : act.targets)
            driven.insert(driven.end(), slice.begin(), slice.end());
        QCOMPARE(driven.size(), std::size_t(30));
        const auto& rec = spikesOf(*run.network, "E");
        std::size_t drivenSpikes = 0;
        for (std::size_t k = 0; k < rec.steps.size(); ++k) {
            QVERIFY(std::binary_search(driven.begin(), driven.end(), rec.neurons[k]));
            QVERIFY(rec.steps[k] >= 1000 && rec.steps[k] < 2000);
            ++drivenSpikes;
        }
        // 600 pA into 40 MOhm, tau_m 10 ms, t_ref 2 ms: several spikes each in 100 ms.
        QVERIFY2(drivenSpikes >= 30 * 3, std::to_string(drivenSpikes).c_str());
    }

    void scaleWeightsAtItsStep() {
        const auto spec = project(R"([{"name": "E", "model": "lif_cuba", "size": 50}])", kPoisson,
                                  R"([{"name": "s->E", "source": "s", "target": "E",
                "connectivity": {"rule": "all_to_all"}, "weight": 2.0}])",
                                  R"({"conditions": [{"name": "A", "stimuli": ["s"]}],
                "trials": 1, "trial_ms": 200, "perturbations": [{"kind": "scale_weights",
                "target": "s->E", "factor": 0.25, "start_ms": 100}]})");
        auto net = core::NetworkBuilder::build(spec, tests::builtinRegistry(), recordAll());
        core::Simulator sim(*net);
        auto weights = [&] {
            std::vector<float> all;
            const auto& m = net->projections[0].matrix;
            for (std::size_t k = 0; k < m.numPartitions(); ++k)
                all.insert(all.end(), m.partition(k).weights.begin(), m.partition(k).weights.end());
            return all;
        };
        sim.run(1000);
        auto before = weights();
        QCOMPARE(before.size(), std::size_t(1000));
        QVERIFY(std::all_of(before.begin(), before.end(), [](float w) { return w == 2.0f; }));
        sim.run(1);
        auto after = weights();
        QVERIFY(std::all_of(after.begin(), after.end(), [](float w) { return w == 0.5f; }));
        sim.run(1000); // once only
        after = weights();
        QVERIFY(std::all_of(after.begin(), after.end(), [](float w) { return w == 0.5f; }));
    }

    void lesionZeroesAFraction() {
        const auto spec = project(R"([{"name": "E", "model": "lif_cuba", "size": 100}])",
                                  R"([{"name": "s", "model": "poisson", "size": 100}])",
                                  R"([{"name": "s->E", "source": "s", "target": "E",
                "connectivity": {"rule": "all_to_all"}, "weight": 1.5}])",
                                  R"({"conditions": [{"name": "A", "stimuli": ["s"]}],
                "trials": 1, "trial_ms": 20, "perturbations": [{"kind": "lesion",
                "target": "s->E", "fraction": 0.3, "start_ms": 10}]})");
        auto run = tests::runProject(spec, 20, recordAll());
        std::size_t zero = 0, kept = 0;
        const auto& m = run.network->projections[0].matrix;
        for (std::size_t k = 0; k < m.numPartitions(); ++k)
            for (const float w : m.partition(k).weights) {
                QVERIFY(w == 0.0f || w == 1.5f);
                (w == 0.0f ? zero : kept) += 1;
            }
        // Binomial(10000, 0.3): sd 45.8; 4 sd.
        QCOMPARE(zero + kept, std::size_t(10000));
        QVERIFY2(std::abs(static_cast<double>(zero) - 3000.0) < 4 * 45.9,
                 std::to_string(zero).c_str());
    }

    void oneAndTwoThreadsAgree() {
        const auto spec = project(
            R"([{"name": "E", "model": "lif_cuba", "size": 200, "params": {"i_e": 350},
                "initial": {"v": {"dist": "uniform", "low": -70, "high": -55}}},
               {"name": "I", "model": "lif_cuba", "size": 60, "params": {"i_e": 360}}])",
            R"([{"name": "s", "model": "poisson", "size": 50, "params": {"rate_hz": 50}},
               {"name": "t", "model": "poisson", "size": 50, "params": {"rate_hz": 50}}])",
            R"([{"name": "s->E", "source": "s", "target": "E",
                 "connectivity": {"rule": "fixed_probability", "p": 0.2}, "weight": 2},
               {"name": "t->E", "source": "t", "target": "E",
                 "connectivity": {"rule": "fixed_probability", "p": 0.2}, "weight": 2},
               {"name": "E->I", "source": "E", "target": "I",
                 "connectivity": {"rule": "fixed_probability", "p": 0.1}, "weight": 1},
               {"name": "I->E", "source": "I", "target": "E", "receptor": "inh",
                 "connectivity": {"rule": "fixed_probability", "p": 0.1}, "weight": -2}])",
            R"({"conditions": [{"name": "A", "stimuli": ["s"]},
                 {"name": "B", "stimuli": ["s", "t"], "stimulus_params": {"s": {"rate_hz": 90}}}],
               "trials": 2, "trial_ms": 60, "iti_ms": 20, "order": "random", "seed": 3,
               "perturbations": [
                 {"kind": "silence", "target": "E", "fraction": 0.4, "condition": "A",
                  "start_ms": 10, "end_ms": 40},
                 {"kind": "clamp", "target": "E", "neurons": [3, 150, 199], "variable": "v",
                  "value": -58, "start_ms": 30, "end_ms": 120},
                 {"kind": "drive", "target": "I", "fraction": 0.5, "amplitude": 100,
                  "start_ms": 50, "end_ms": 250},
                 {"kind": "scale_weights", "target": "s->E", "factor": 1.7, "start_ms": 70},
                 {"kind": "lesion", "target": "I->E", "fraction": 0.5, "start_ms": 90}]})");
        auto one = tests::runProject(spec, 320, recordAll(1));
        auto two = tests::runProject(spec, 320, recordAll(2));
        QCOMPARE(one.network->partitions, std::size_t(1));
        QCOMPARE(two.network->partitions, std::size_t(2));
        QCOMPARE(one.network->spikeRecorders.size(), two.network->spikeRecorders.size());
        std::size_t spikes = 0;
        for (std::size_t r = 0; r < one.network->spikeRecorders.size(); ++r) {
            const auto& a = one.network->spikeRecorders[r];
            const auto& b = two.network->spikeRecorders[r];
            QCOMPARE(a.steps, b.steps);
            QCOMPARE(a.neurons, b.neurons);
            spikes += a.steps.size();
        }
        QVERIFY(spikes > 1000);
        for (std::size_t p = 0; p < one.network->projections.size(); ++p) {
            std::vector<float> wa, wb;
            for (auto* w : {&wa, &wb}) {
                const auto& net = w == &wa ? *one.network : *two.network;
                // Weights in source-major order, whatever the partitions.
                net.projections[p].matrix.forEach(
                    [&](std::size_t, std::int32_t, std::size_t k, std::size_t q) {
                        w->push_back(net.projections[p].matrix.partition(k).weights.empty()
                                         ? net.projections[p].weight
                                         : net.projections[p].matrix.partition(k).weights[q]);
                    });
            }
            QCOMPARE(wa, wb);
        }
    }

    void aLivePerturbationEqualsAScheduledOne() {
        const std::string silence = R"({"kind": "silence", "target": "E", "fraction": 0.5,
                "start_ms": 100, "end_ms": 200})";
        const auto scheduled = project(kFiring, "[]", "[]",
                                       R"({"conditions": [{"name": "A"}], "trial_ms": 300,
                "perturbations": [)" + silence +
                                           "]}");
        auto plain = scheduled;
        plain.protocol->perturbations.clear();
        auto reference = tests::runProject(scheduled, 300, recordAll());
        // The same perturbation added to a running network between two chunks.
        auto net = core::NetworkBuilder::build(plain, tests::builtinRegistry(), recordAll());
        core::Simulator sim(*net);
        sim.run(700);
        for (auto& act : core::NetworkBuilder::perturbation(scheduled.protocol->perturbations[0],
                                                            *net, 0, "live"))
            net->interventions.push_back(std::move(act));
        sim.run(2300);
        const auto& live = spikesOf(*net, "E");
        const auto& expected = spikesOf(*reference.network, "E");
        QCOMPARE(live.steps, expected.steps);
        QCOMPARE(live.neurons, expected.neurons);
        const auto inside = std::count_if(live.steps.begin(), live.steps.end(),
                                          [](std::int64_t s) { return s >= 1000 && s < 2000; });
        // Half of the 40 neurons are silenced in the window; the other half keep firing.
        QVERIFY2(inside > 20, std::to_string(inside).c_str());
        QVERIFY(live.steps.size() > 3 * static_cast<std::size_t>(inside));
    }

    void buildErrorsNameThePerturbation_data() {
        QTest::addColumn<QString>("perturbation");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown variable")
            << R"({"kind": "clamp", "target": "E", "variable": "x", "value": 1})"
            << "test.json: protocol.perturbations[0].variable: model \"lif_cuba\" has no state "
               "variable \"x\"";
        QTest::newRow("neuron outside")
            << R"({"kind": "silence", "target": "E", "neurons": [2, 40]})"
            << "test.json: protocol.perturbations[0].neurons[1]: 40 is outside [0, 40)";
        QTest::newRow("drive a stimulus")
            << R"({"kind": "drive", "target": "s", "amplitude": 1})"
            << "test.json: protocol.perturbations[0].target: \"s\" is a stimulus; drive acts on "
               "neurons";
    }

    void buildErrorsNameThePerturbation() {
        QFETCH(QString, perturbation);
        QFETCH(QString, message);
        const auto spec = project(kFiring, kPoisson, "[]",
                                  R"({"conditions": [{"name": "A"}], "perturbations": [)" +
                                      perturbation.toStdString() + "]}");
        core::BuildOptions options;
        options.origin = "test.json";
        QCOMPARE(QString::fromStdString(tests::errorOf([&] {
                     core::NetworkBuilder::build(spec, tests::builtinRegistry(), options);
                 })),
                 message);
    }
};

QTEST_GUILESS_MAIN(TestInterventions)
#include "TestInterventions.moc"
