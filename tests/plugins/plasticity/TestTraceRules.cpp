// The spike-timing rules (and the homeostatic and Oja rules) keep their pre- and postsynaptic
// traces in one shared class (plugins/builtin/plasticity/SpikeTraces.h): each rule gives exactly
// the spikes and weights it gave when it kept its own trace bookkeeping, with one thread and with
// two.

#include "core/TestSupport.h"

#include <QtTest>

using namespace plexus;

namespace {

/// One rule with its parameters.
struct RuleCase {
    const char* name;
    const char* synapse;
    std::map<std::string, double> params;
    bool modulated = false;
};

const RuleCase kRules[] = {
    {"stdp additive", "stdp", {{"a_plus", 0.02}, {"w_max", 2.0}}},
    {"stdp multiplicative nearest",
     "stdp",
     {{"a_plus", 0.02}, {"w_max", 2.0}, {"multiplicative", 1.0}, {"nearest", 1.0}}},
    {"stdp_symmetric",
     "stdp_symmetric",
     {{"scaling_interval_ms", 50.0}, {"keep_initial_total", 1.0}, {"w_max", 3.0}}},
    {"stdp_triplet", "stdp_triplet", {{"a3_plus", 0.02}, {"a2_minus", 0.005}, {"w_max", 2.0}}},
    {"stdp_triplet nearest",
     "stdp_triplet",
     {{"a3_plus", 0.02}, {"a2_minus", 0.005}, {"w_max", 2.0}, {"nearest", 1.0}}},
    {"three_factor",
     "three_factor",
     {{"learning_rate", 0.05}, {"tau_m", 20.0}, {"w_max", 2.0}, {"baseline_hz", 30.0}},
     true},
    {"astro_stdp", "astro_stdp", {{"ca_threshold", 0.5}, {"w_max", 2.0}}},
    {"homeostatic", "homeostatic", {{"excitatory", 1.0}, {"eta", 0.01}, {"w_max", 2.0}}},
    {"oja", "oja", {{"eta", 1e-4}, {"alpha", 0.1}}},
};

/// Hashes (spikes, then weights in synapse order) of each rule, measured when every rule kept
/// its own traces; the same for any thread count.
const std::uint64_t kReference[std::size(kRules)] = {
    0xe81a5f93fd02d68eull, 0x9acdb99febcc0939ull, 0x1f8c25171c63d62dull,
    0x09cca745feda6303ull, 0x62cbbab0c8c05f64ull, 0xd52298966ee9e3f0ull,
    0xc1130ec23e4bfd3eull, 0x1c5bfa710fa0b753ull, 0xd865972b5e2d8939ull};

void mix(std::uint64_t& h, const void* data, std::size_t bytes) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t k = 0; k < bytes; ++k) {
        h ^= p[k];
        h *= 1099511628211ull;
    }
}

/// 600 recurrently connected LIF neurons with plastic synapses, 300 ms.
core::ProjectSpec network(const RuleCase& rule) {
    core::ProjectSpec p;
    p.populations.push_back({"E",
                             "lif_cuba",
                             600,
                             {{"e_l", -49.0},
                              {"v_reset", -60.0},
                              {"v_thresh", -50.0},
                              {"tau_m", 20.0},
                              {"tau_syn_exc", 5.0}},
                             {{"v", core::ValueSpec::uniform(-60, -50)}}});
    core::StimulusSpec modulator;
    modulator.name = "M";
    modulator.model = "poisson";
    modulator.size = 4;
    modulator.params = {{"rate_hz", 20.0}};
    p.stimuli.push_back(modulator);
    core::ProjectionSpec pr;
    pr.source = "E";
    pr.target = "E";
    pr.connectivity.rule = "fixed_probability";
    pr.connectivity.params["p"] = 0.05;
    pr.weight = core::ValueSpec::uniform(0.5, 1.5);
    pr.synapse = rule.synapse;
    pr.synapseParams = rule.params;
    if (rule.modulated)
        pr.modulator = "M";
    p.projections.push_back(pr);
    p.recorders.push_back({"s", "spikes", "E", {}, {}, 0.1, 1.0});
    return p;
}

} // namespace

class TestTraceRules : public QObject {
    Q_OBJECT

private slots:
    void rulesUnchanged_data() {
        QTest::addColumn<int>("index");
        QTest::addColumn<int>("threads");
        for (std::size_t k = 0; k < std::size(kRules); ++k)
            for (int threads : {1, 2})
                QTest::newRow(
                    qPrintable(QString("%1, %2 thread(s)").arg(kRules[k].name).arg(threads)))
                    << int(k) << threads;
    }

    /// Spikes and every weight after 300 ms equal those of the rule's former implementation.
    void rulesUnchanged() {
        QFETCH(int, index);
        QFETCH(int, threads);
        auto run =
            tests::runProject(network(kRules[index]), 300.0, {std::nullopt, threads, false, 0});
        QCOMPARE(run.network->partitions, static_cast<std::size_t>(threads));
        const auto& rec = run.network->spikeRecorders[0];
        std::uint64_t h = 1469598103934665603ull;
        mix(h, rec.neurons.data(), rec.neurons.size() * sizeof(rec.neurons[0]));
        mix(h, rec.steps.data(), rec.steps.size() * sizeof(rec.steps[0]));
        const core::SynapseMatrix& m = run.network->projections[0].matrix;
        std::size_t total = 0;
        m.forEach([&](std::size_t, std::int32_t, std::size_t k, std::size_t q) {
            const float w = m.partition(k).weights[q];
            mix(h, &w, sizeof w);
            ++total;
        });
        qInfo("%s, %d thread(s): %zu spikes, %zu synapses, hash 0x%016llxull", kRules[index].name,
              threads, rec.neurons.size(), total, static_cast<unsigned long long>(h));
        QVERIFY(rec.neurons.size() > 500);
        QCOMPARE(h, kReference[index]);
    }
};

QTEST_APPLESS_MAIN(TestTraceRules)
#include "TestTraceRules.moc"
