// The plasticity rules stdp_triplet, stdp_symmetric, three_factor, homeostatic, oja, astro_stdp
// and astro_feedback_stdp against analytic answers, plus thread independence and robustness to
// extreme parameters.

#include "core/TestSupport.h"
#include "plasticity/AstroStdpDynamics.h"
#include "plasticity/HomeostaticDynamics.h"
#include "plexus/core/base/Error.h"

#include <QtTest>
#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <numbers>
#include <numeric>
#include <random>

using namespace plexus;

namespace {

constexpr double kDt = 0.1;
constexpr double kPi = std::numbers::pi;

std::int64_t stepOf(double ms) {
    return std::llround(ms / kDt);
}

/// One presynaptic channel with plasticity `synapse` onto one LIF neuron that a strong driver
/// makes fire at `postTimes`, optionally with a modulator population firing at `modTimes`.
struct PairSetup {
    PairSetup(std::string synapseName, std::map<std::string, double> rule, std::vector<double> pre,
              std::vector<double> post)
        : synapse(std::move(synapseName))
        , params(std::move(rule))
        , preTimes(std::move(pre))
        , postTimes(std::move(post)) {}

    std::string synapse;
    std::map<std::string, double> params;
    std::vector<double> preTimes, postTimes;
    double w0 = 0.5;
    bool withModulator = false;
    std::vector<double> modTimes;
    double tailMs = 5.0; ///< run this long after the last spike
};

/// Weight after the run, or NaN when the postsynaptic neuron did not fire as driven.
float pairWeight(const PairSetup& s) {
    core::ProjectSpec p;
    p.simulation.dtMs = kDt;
    // A fast synapse: the driver's input is spent within the refractory period.
    p.populations.push_back({"post", "lif_cuba", 1, {{"t_ref", 0.5}, {"tau_syn_exc", 0.1}}, {}});
    core::StimulusSpec pre;
    pre.name = "pre";
    pre.model = "spike_times";
    pre.size = 1;
    pre.times = s.preTimes;
    p.stimuli.push_back(pre);
    core::StimulusSpec driver;
    driver.name = "driver";
    driver.model = "spike_times";
    driver.size = 1;
    // The driver's spike arrives one step later and makes the neuron fire in that step.
    for (double t : s.postTimes)
        driver.times.push_back(t - kDt);
    p.stimuli.push_back(driver);
    double end = 0.0;
    for (double t : s.preTimes)
        end = std::max(end, t);
    for (double t : s.postTimes)
        end = std::max(end, t);
    if (s.withModulator) {
        core::StimulusSpec mod;
        mod.name = "mod";
        mod.model = "spike_times";
        mod.size = 1;
        mod.times = s.modTimes;
        for (double t : s.modTimes)
            end = std::max(end, t);
        p.stimuli.push_back(mod);
    }
    core::ProjectionSpec drive;
    drive.source = "driver";
    drive.target = "post";
    drive.weight = core::ValueSpec::constant(5000.0);
    p.projections.push_back(drive);
    core::ProjectionSpec plastic;
    plastic.source = "pre";
    plastic.target = "post";
    plastic.weight = core::ValueSpec::constant(s.w0);
    plastic.synapse = s.synapse;
    plastic.synapseParams = s.params;
    if (s.withModulator)
        plastic.modulator = "mod";
    p.projections.push_back(plastic);
    p.recorders.push_back({"s", "spikes", "post", {}, {}, 0.1, 1.0});
    auto run = tests::runProject(p, end + s.tailMs);
    const auto& spikes = run.network->spikeRecorders[0];
    if (spikes.steps.size() != s.postTimes.size())
        return std::nanf("");
    for (std::size_t k = 0; k < s.postTimes.size(); ++k)
        if (spikes.steps[k] != stepOf(s.postTimes[k]))
            return std::nanf("");
    return run.network->projections[1].matrix.partition(0).weights.at(0);
}

/// Run `project` (one rate recorder with 250 ms bins on `n` neurons) for 10 s; returns the
/// mean rate per neuron in the first bin and over the last 5 s, in Hz.
std::pair<double, double> firstAndLateRate(const core::ProjectSpec& project, int n) {
    auto run = tests::runProject(project, 10000.0);
    const auto& counts = run.network->rateRecorders[0].counts;
    const double first = counts.front() / (0.25 * n);
    double late = 0.0;
    for (std::size_t b = counts.size() - 20; b < counts.size(); ++b)
        late += counts[b];
    late /= 5.0 * n;
    qInfo("rate in the first 250 ms %.2f Hz, over the last 5 s %.2f Hz", first, late);
    return {first, late};
}

QString mismatch(double got, double expected) {
    return QString("got %1, expected %2").arg(got, 0, 'g', 9).arg(expected, 0, 'g', 9);
}

/// Every weight of projection `index`, in global synapse order.
std::vector<float> allWeights(const core::Network& net, std::size_t index) {
    std::vector<float> out;
    const core::SynapseMatrix& m = net.projections[index].matrix;
    m.forEach([&](std::size_t, std::int32_t, std::size_t k, std::size_t q) {
        out.push_back(m.partition(k).weights[q]);
    });
    return out;
}

/// Summed incoming weight of every target of projection `index`.
std::vector<double> incomingTotals(const core::Network& net, std::size_t index,
                                   std::size_t numTargets) {
    std::vector<double> totals(numTargets, 0.0);
    const core::SynapseMatrix& m = net.projections[index].matrix;
    m.forEach([&](std::size_t, std::int32_t j, std::size_t k, std::size_t q) {
        totals[static_cast<std::size_t>(j)] += m.partition(k).weights[q];
    });
    return totals;
}

/// Poisson spike times (ms) of `channels` channels with rate `rate(t)` (Hz) on [t0, t1).
void poissonTimes(std::mt19937_64& rng, int channels, double t0, double t1,
                  const std::function<double(int, double)>& rate, std::vector<double>& times,
                  std::vector<std::int64_t>& indices, int firstIndex = 0) {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    for (std::int64_t s = stepOf(t0); s < stepOf(t1); ++s) {
        const double t = static_cast<double>(s) * kDt;
        for (int c = 0; c < channels; ++c)
            if (u(rng) < rate(c, t) * kDt * 1e-3) {
                times.push_back(t);
                indices.push_back(firstIndex + c);
            }
    }
}

/// Pearson correlation of two equally long series.
double correlation(const std::vector<double>& a, const std::vector<double>& b) {
    const double n = static_cast<double>(a.size());
    const double ma = std::accumulate(a.begin(), a.end(), 0.0) / n;
    const double mb = std::accumulate(b.begin(), b.end(), 0.0) / n;
    double sab = 0, saa = 0, sbb = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        sab += (a[i] - ma) * (b[i] - mb);
        saa += (a[i] - ma) * (a[i] - ma);
        sbb += (b[i] - mb) * (b[i] - mb);
    }
    return sab / std::sqrt(saa * sbb);
}

const std::vector<std::string> kRules{
    "stdp_triplet", "stdp_symmetric", "three_factor",       "homeostatic",
    "oja",          "astro_stdp",     "astro_feedback_stdp"};

} // namespace

class TestPlasticityRules : public QObject {
    Q_OBJECT

private slots:
    // ---- descriptors -------------------------------------------------------------------

    void descriptorsAreComplete() {
        for (const std::string& name : kRules) {
            const core::ModelInfo* info = tests::builtinRegistry().info(name);
            QVERIFY2(info, name.c_str());
            QCOMPARE(info->kind, core::ModelKind::Synapse);
            QCOMPARE(info->category, std::string("Plasticity"));
            QVERIFY(!info->label.empty() && !info->equations.empty());
            QVERIFY(!info->references.empty() && !info->doc.empty());
            QVERIFY(!info->parameters.empty());
            for (const auto& d : info->parameters) {
                QVERIFY2(!d.label.empty() && !d.doc.empty(), (name + "." + d.key).c_str());
                QVERIFY2(std::isfinite(d.minValue) && std::isfinite(d.maxValue),
                         (name + "." + d.key).c_str());
                QVERIFY2(d.minValue < d.maxValue && d.defaultValue >= d.minValue &&
                             d.defaultValue <= d.maxValue,
                         (name + "." + d.key).c_str());
            }
            QVERIFY(tests::builtinRegistry().synapseModel(name));
        }
    }

    // ---- stdp_triplet ------------------------------------------------------------------

    void tripletPairWindow_data() {
        QTest::addColumn<double>("lagMs");
        for (double lag : {-50.0, -12.0, -0.3, 0.0, 0.3, 4.0, 17.0, 60.0})
            QTest::newRow(qPrintable(QString("lag %1 ms").arg(lag))) << lag;
    }

    void tripletPairWindow() {
        QFETCH(double, lagMs);
        const double a2p = 0.005, a3p = 0.008, a2m = 0.007, a3m = 0.003;
        const double tp = 16.8, tm = 33.7, w0 = 0.5;
        for (double nearest : {0.0, 1.0}) {
            PairSetup s{"stdp_triplet",
                        {{"a2_plus", a2p},
                         {"a3_plus", a3p},
                         {"a2_minus", a2m},
                         {"a3_minus", a3m},
                         {"tau_plus", tp},
                         {"tau_minus", tm},
                         {"w_min", -10.0},
                         {"w_max", 10.0},
                         {"nearest", nearest}},
                        {100.0},
                        {100.0 + lagMs}};
            const float w = pairWeight(s);
            QVERIFY2(!std::isnan(w), "the postsynaptic neuron did not fire as driven");
            // A single pair has no triplet contribution.
            const double expected =
                lagMs > 0 ? w0 + a2p * std::exp(-lagMs / tp) : w0 - a2m * std::exp(lagMs / tm);
            QVERIFY2(std::fabs(w - expected) < 1e-6, qPrintable(mismatch(w, expected)));
        }
    }

    void tripletTriplets_data() {
        QTest::addColumn<double>("t1");
        QTest::addColumn<double>("t2");
        QTest::newRow("5, 15") << 5.0 << 15.0;
        QTest::newRow("2, 40") << 2.0 << 40.0;
        QTest::newRow("10, 11") << 10.0 << 11.0;
    }

    void tripletTriplets() {
        QFETCH(double, t1);
        QFETCH(double, t2);
        const double a2p = 0.005, a3p = 0.008, a2m = 0.007, a3m = 0.003;
        const double tp = 16.8, tm = 33.7, tx = 101.0, ty = 125.0, w0 = 0.5, t0 = 100.0;
        const std::map<std::string, double> rule{
            {"a2_plus", a2p}, {"a3_plus", a3p},  {"a2_minus", a2m}, {"a3_minus", a3m},
            {"tau_plus", tp}, {"tau_minus", tm}, {"tau_x", tx},     {"tau_y", ty},
            {"w_min", -10.0}, {"w_max", 10.0}};

        // pre-post-post: the second post spike sees the first through o2.
        float w = pairWeight({"stdp_triplet", rule, {t0}, {t0 + t1, t0 + t2}});
        double expected = w0 + a2p * std::exp(-t1 / tp) +
                          std::exp(-t2 / tp) * (a2p + a3p * std::exp(-(t2 - t1) / ty));
        QVERIFY2(std::fabs(w - expected) < 1e-6,
                 qPrintable("pre-post-post: " + mismatch(w, expected)));

        // post-pre-pre: the second pre spike sees the first through r2.
        w = pairWeight({"stdp_triplet", rule, {t0 + t1, t0 + t2}, {t0}});
        expected = w0 - a2m * std::exp(-t1 / tm) -
                   std::exp(-t2 / tm) * (a2m + a3m * std::exp(-(t2 - t1) / tx));
        QVERIFY2(std::fabs(w - expected) < 1e-6,
                 qPrintable("post-pre-pre: " + mismatch(w, expected)));

        // post-pre-post: depression, then potentiation boosted by the first post spike.
        w = pairWeight({"stdp_triplet", rule, {t0 + t1}, {t0, t0 + t2}});
        expected = w0 - a2m * std::exp(-t1 / tm) +
                   std::exp(-(t2 - t1) / tp) * (a2p + a3p * std::exp(-t2 / ty));
        QVERIFY2(std::fabs(w - expected) < 1e-6,
                 qPrintable("post-pre-post: " + mismatch(w, expected)));

        // pre-post-pre: potentiation, then depression boosted by the first pre spike.
        w = pairWeight({"stdp_triplet", rule, {t0, t0 + t2}, {t0 + t1}});
        expected = w0 + a2p * std::exp(-t1 / tp) -
                   std::exp(-(t2 - t1) / tm) * (a2m + a3m * std::exp(-t2 / tx));
        QVERIFY2(std::fabs(w - expected) < 1e-6,
                 qPrintable("pre-post-pre: " + mismatch(w, expected)));
    }

    void tripletAllToAllVersusNearest() {
        // Two pre spikes (0, 5 ms) then two post spikes (10, 15 ms).
        const double a2p = 0.004, a3p = 0.01, tp = 16.8, ty = 125.0, w0 = 0.5, t0 = 200.0;
        std::map<std::string, double> rule{{"a2_plus", a2p},  {"a3_plus", a3p}, {"a2_minus", 0.0},
                                           {"a3_minus", 0.0}, {"tau_plus", tp}, {"tau_y", ty},
                                           {"w_max", 10.0}};
        const std::vector<double> pre{t0, t0 + 5.0}, post{t0 + 10.0, t0 + 15.0};
        const double e = std::exp(-5.0 / ty);
        const double allToAll = w0 + a2p * (std::exp(-10.0 / tp) + std::exp(-5.0 / tp)) +
                                (a2p + a3p * e) * (std::exp(-15.0 / tp) + std::exp(-10.0 / tp));
        float w = pairWeight({"stdp_triplet", rule, pre, post});
        QVERIFY2(std::fabs(w - allToAll) < 1e-6, qPrintable(mismatch(w, allToAll)));
        rule["nearest"] = 1.0;
        const double nearest =
            w0 + a2p * std::exp(-5.0 / tp) + (a2p + a3p * e) * std::exp(-10.0 / tp);
        w = pairWeight({"stdp_triplet", rule, pre, post});
        QVERIFY2(std::fabs(w - nearest) < 1e-6, qPrintable(mismatch(w, nearest)));
    }

    // ---- stdp_symmetric ----------------------------------------------------------------

    void symmetricWindow_data() {
        QTest::addColumn<double>("lagMs");
        for (double lag : {0.0, 0.5, 3.0, 10.0, 25.0, 80.0})
            QTest::newRow(qPrintable(QString("|lag| %1 ms").arg(lag))) << lag;
    }

    void symmetricWindow() {
        QFETCH(double, lagMs);
        const double ap = 0.02, tp = 15.0, am = 0.004, tm = 150.0, w0 = 0.5;
        const std::map<std::string, double> rule{{"a_plus", ap},  {"tau_plus", tp},
                                                 {"a_minus", am}, {"tau_minus", tm},
                                                 {"w_max", 10.0}, {"scaling_interval_ms", 0.0}};
        const double expected = w0 + ap * std::exp(-lagMs / tp) - am * std::exp(-lagMs / tm);
        const float causal = pairWeight({"stdp_symmetric", rule, {100.0}, {100.0 + lagMs}});
        const float acausal = pairWeight({"stdp_symmetric", rule, {100.0 + lagMs}, {100.0}});
        QVERIFY2(std::fabs(causal - expected) < 1e-6, qPrintable(mismatch(causal, expected)));
        QVERIFY2(std::fabs(acausal - expected) < 1e-6, qPrintable(mismatch(acausal, expected)));
    }

    /// learn_until_ms freezes the weight: a pair before it changes the weight, a pair after it
    /// does not (the synapse still transmits: the post spikes happen as driven).
    void symmetricLearnUntilFreezesWeights() {
        const double ap = 0.02, w0 = 0.5;
        std::map<std::string, double> rule{{"a_plus", ap},
                                           {"a_minus", 0.0},
                                           {"w_max", 10.0},
                                           {"scaling_interval_ms", 0.0},
                                           {"learn_until_ms", 150.0}};
        const float early = pairWeight({"stdp_symmetric", rule, {100.0}, {100.0}});
        QVERIFY2(std::fabs(early - (w0 + ap)) < 1e-6, qPrintable(mismatch(early, w0 + ap)));
        const float late = pairWeight({"stdp_symmetric", rule, {200.0}, {200.0}});
        QVERIFY2(std::fabs(late - w0) < 1e-6, qPrintable(mismatch(late, w0)));
        rule["learn_until_ms"] = 0.0; // 0: learn throughout
        const float always = pairWeight({"stdp_symmetric", rule, {200.0}, {200.0}});
        QVERIFY2(std::fabs(always - (w0 + ap)) < 1e-6, qPrintable(mismatch(always, w0 + ap)));
    }

    void symmetricScalingConservesIncomingWeight() {
        // 40 inputs onto 20 neurons: pre and post activity in [0, 480) ms, then silence, then
        // one presynaptic spike at 2000 ms, when every post trace has died out (so it changes
        // no weight) and which makes the partitions scale.
        const int nPre = 40, nPost = 20;
        std::mt19937_64 rng(7);
        core::StimulusSpec pre;
        pre.name = "pre";
        pre.model = "spike_times";
        pre.size = nPre;
        poissonTimes(
            rng, nPre, 0.0, 480.0, [](int, double) { return 20.0; }, pre.times, pre.indices);
        pre.times.push_back(2000.0);
        pre.indices.push_back(0);
        core::StimulusSpec drive;
        drive.name = "drive";
        drive.model = "spike_times";
        drive.size = nPost;
        poissonTimes(
            rng, nPost, 0.0, 480.0, [](int, double) { return 400.0; }, drive.times, drive.indices);

        auto project = [&](std::map<std::string, double> rule) {
            core::ProjectSpec p;
            p.simulation.dtMs = kDt;
            p.populations.push_back({"post", "lif_cuba", nPost, {}, {}});
            p.stimuli = {pre, drive};
            core::ProjectionSpec d;
            d.source = "drive";
            d.target = "post";
            d.connectivity.rule = "one_to_one";
            d.weight = core::ValueSpec::constant(12.0);
            p.projections.push_back(d);
            core::ProjectionSpec plastic;
            plastic.source = "pre";
            plastic.target = "post";
            plastic.weight = core::ValueSpec::uniform(0.5, 1.5);
            plastic.synapse = "stdp_symmetric";
            rule.insert({{"a_plus", 0.05},
                         {"tau_plus", 20.0},
                         {"a_minus", 0.01},
                         {"tau_minus", 60.0},
                         {"w_max", 100.0}});
            plastic.synapseParams = rule;
            p.projections.push_back(plastic);
            p.recorders.push_back({"s", "spikes", "post", {}, {}, 0.1, 1.0});
            return p;
        };
        const double duration = 2000.5;
        auto unscaled = tests::runProject(project({{"scaling_interval_ms", 0.0}}), duration);
        QVERIFY(unscaled.network->spikeRecorders[0].neurons.size() > 100);
        const auto before = incomingTotals(*unscaled.network, 1, nPost);
        auto initial = tests::runProject(project({{"scaling_interval_ms", 0.0}}), 0.0);
        const auto start = incomingTotals(*initial.network, 1, nPost);

        // One scaling, at 2000 ms: w -> w * total / sum, exactly.
        const double total = 30.0;
        auto once = tests::runProject(
            project({{"scaling_interval_ms", 2000.0}, {"target_total", total}}), duration);
        const auto after = incomingTotals(*once.network, 1, nPost);
        for (int j = 0; j < nPost; ++j) {
            QVERIFY2(std::fabs(after[j] - total) < 1e-5 * total,
                     qPrintable(mismatch(after[j], total)));
            // Plasticity alone moved every total away from its start.
            QVERIFY2(std::fabs(before[j] - start[j]) > 0.01 * start[j],
                     qPrintable(mismatch(before[j], start[j])));
        }
        const core::SynapseMatrix& mu = unscaled.network->projections[1].matrix;
        const core::SynapseMatrix& ms = once.network->projections[1].matrix;
        mu.forEach([&](std::size_t, std::int32_t j, std::size_t k, std::size_t q) {
            const double expected = mu.partition(k).weights[q] * total / before[j];
            QVERIFY(std::fabs(ms.partition(k).weights[q] - expected) < 1e-5 * expected);
        });

        // Scaling every 100 ms back to each neuron's own initial sum, on one and two threads.
        const auto repeated =
            project({{"scaling_interval_ms", 100.0}, {"keep_initial_total", 1.0}});
        auto one = tests::runProject(repeated, duration, {std::nullopt, 1, false, 0});
        auto two = tests::runProject(repeated, duration, {std::nullopt, 2, false, 0});
        QCOMPARE(two.network->partitions, std::size_t{2});
        QCOMPARE(allWeights(*one.network, 1), allWeights(*two.network, 1));
        const auto end = incomingTotals(*one.network, 1, nPost);
        for (int j = 0; j < nPost; ++j)
            QVERIFY2(std::fabs(end[j] - start[j]) < 1e-5 * start[j],
                     qPrintable(mismatch(end[j], start[j])));
    }

    // ---- three_factor ------------------------------------------------------------------

    void threeFactorModulatedPairing_data() {
        QTest::addColumn<double>("lagMs");
        QTest::addColumn<double>("delayMs");
        QTest::addColumn<double>("amplitude");
        QTest::newRow("causal, reward at once") << 10.0 << 0.0 << 1.0;
        QTest::newRow("causal, reward 50 ms later") << 10.0 << 50.0 << 1.0;
        QTest::newRow("causal, reward 400 ms later") << 10.0 << 400.0 << 1.0;
        QTest::newRow("causal, error 120 ms later") << 10.0 << 120.0 << -1.0;
        QTest::newRow("anti-causal, reward 100 ms later") << -5.0 << 100.0 << 1.0;
        QTest::newRow("anti-causal, error 100 ms later") << -5.0 << 100.0 << -2.0;
        QTest::newRow("same step, reward") << 0.0 << 30.0 << 1.0;
    }

    void threeFactorModulatedPairing() {
        QFETCH(double, lagMs);
        QFETCH(double, delayMs);
        QFETCH(double, amplitude);
        const double ap = 1.0, am = 1.5, tp = 20.0, tm = 20.0, tauE = 500.0, tauM = 20.0;
        const double lr = 0.05, w0 = 0.5;
        const std::map<std::string, double> rule{
            {"a_plus", ap},        {"a_minus", am},
            {"tau_plus", tp},      {"tau_minus", tm},
            {"tau_e", tauE},       {"tau_m", tauM},
            {"learning_rate", lr}, {"modulator_amplitude", amplitude},
            {"w_min", -10.0},      {"w_max", 10.0}};
        const double tPre = 100.0, tPost = 100.0 + lagMs;
        const double pairing = std::max(tPre, tPost);
        PairSetup s{"three_factor", rule, {tPre}, {tPost}};
        s.withModulator = true;
        s.modTimes = {pairing + delayMs};
        s.tailMs = 25.0 * tauM;
        const float w = pairWeight(s);
        QVERIFY2(!std::isnan(w), "the postsynaptic neuron did not fire as driven");
        const double window = lagMs > 0 ? ap * std::exp(-lagMs / tp) : -am * std::exp(lagMs / tm);
        const double expected =
            w0 + lr * amplitude * window * std::exp(-delayMs / tauE) * tauE / (tauE + tauM);
        QVERIFY2(std::fabs(w - expected) < 1e-5, qPrintable(mismatch(w, expected)));
        QVERIFY(std::fabs(w - w0) > 1e-3);
    }

    void threeFactorWithoutModulatorDoesNotLearn() {
        const std::map<std::string, double> rule{{"learning_rate", 0.5}, {"w_max", 10.0}};
        std::vector<double> pre, post;
        for (int k = 0; k < 20; ++k) {
            pre.push_back(50.0 + 20.0 * k);
            post.push_back(55.0 + 20.0 * k);
        }
        // A modulator population that stays silent.
        PairSetup silent{"three_factor", rule, pre, post};
        silent.withModulator = true;
        silent.tailMs = 200.0;
        QCOMPARE(pairWeight(silent), 0.5f);
        // No modulator population at all.
        PairSetup none{"three_factor", rule, pre, post};
        none.tailMs = 200.0;
        QCOMPARE(pairWeight(none), 0.5f);
        // The same pairings with one reward do learn.
        PairSetup rewarded = silent;
        rewarded.modTimes = {post.back() + 10.0};
        QVERIFY(pairWeight(rewarded) > 0.51f);
    }

    void threeFactorBaselineMakesSilenceNegative() {
        // With a baseline rate, M = -amplitude * baseline while the modulator is silent:
        // dw = lr * M * integral of e = -lr * a * b * e0 * tau_e (1 - exp(-T / tau_e)).
        const double lr = 0.05, tauE = 100.0, tp = 20.0, baseline = 2.0, w0 = 0.5;
        PairSetup s{"three_factor",
                    {{"learning_rate", lr},
                     {"tau_e", tauE},
                     {"tau_plus", tp},
                     {"baseline_hz", baseline},
                     {"w_min", -10.0},
                     {"w_max", 10.0}},
                    {100.0},
                    {110.0}};
        s.withModulator = true;
        s.tailMs = 3000.0;
        const float w = pairWeight(s);
        const double e0 = std::exp(-10.0 / tp);
        const double expected = w0 - lr * baseline * 1e-3 * e0 * tauE;
        QVERIFY2(std::fabs(w - expected) < 1e-3 * std::fabs(expected - w0),
                 qPrintable(mismatch(w, expected)));
    }

    // ---- homeostatic -------------------------------------------------------------------

    void homeostaticConvergesToTargetRate_data() {
        QTest::addColumn<double>("initialInhibition");
        QTest::newRow("from above (weak inhibition)") << -0.1;
        QTest::newRow("from below (strong inhibition)") << -2.0;
    }

    void homeostaticConvergesToTargetRate() {
        // 40 neurons, each driven by 200 of 2000 excitatory Poisson channels (static) and
        // inhibited by 200 of 1000 inhibitory channels through the plastic projection (negative
        // weights into lif_cuba's "inh"). For uncorrelated spikes the rule's drift
        // eta nu_pre (2 nu_post tau - alpha) vanishes at nu_post = rho0.
        QFETCH(double, initialInhibition);
        const double rho0 = 10.0;
        const int n = 40;
        core::ProjectSpec p;
        p.simulation.dtMs = kDt;
        p.populations.push_back({"N", "lif_cuba", n, {}, {}});
        p.stimuli.push_back({"E", "poisson", 2000, "", "", {}, {{"rate_hz", 10.0}}, {}, {}});
        p.stimuli.push_back({"I", "poisson", 1000, "", "", {}, {{"rate_hz", 10.0}}, {}, {}});
        core::ProjectionSpec e;
        e.source = "E";
        e.target = "N";
        e.connectivity.rule = "fixed_indegree";
        e.connectivity.params["k"] = 200;
        e.weight = core::ValueSpec::constant(4.0);
        p.projections.push_back(e);
        core::ProjectionSpec i;
        i.source = "I";
        i.target = "N";
        i.receptor = "inh";
        i.connectivity.rule = "fixed_indegree";
        i.connectivity.params["k"] = 200;
        i.weight = core::ValueSpec::constant(initialInhibition);
        i.synapse = "homeostatic";
        i.synapseParams = {{"eta", 0.5},          {"rho0", rho0},    {"tau", 20.0},
                           {"weight_sign", -1.0}, {"w_min", -200.0}, {"w_max", 0.0}};
        p.projections.push_back(i);
        p.recorders.push_back({"r", "rate", "N", {}, {}, 0.1, 250.0});
        const auto [first, last] = firstAndLateRate(p, n);
        // It starts far from the target, then settles within 10 % of rho0.
        QVERIFY(std::fabs(first - rho0) > 0.5 * rho0);
        QVERIFY2(std::fabs(last - rho0) < 0.1 * rho0, qPrintable(mismatch(last, rho0)));
    }

    void homeostaticExcitatoryVariantRaisesRate() {
        // The mirrored rule on excitatory synapses: weights grow while the neuron fires below
        // rho0, and the rate settles at rho0.
        const double rho0 = 15.0;
        const int n = 40;
        core::ProjectSpec p;
        p.simulation.dtMs = kDt;
        p.populations.push_back({"N", "lif_cuba", n, {}, {}});
        p.stimuli.push_back({"E", "poisson", 2000, "", "", {}, {{"rate_hz", 10.0}}, {}, {}});
        core::ProjectionSpec e;
        e.source = "E";
        e.target = "N";
        e.connectivity.rule = "fixed_indegree";
        e.connectivity.params["k"] = 800;
        e.weight = core::ValueSpec::constant(0.5);
        e.synapse = "homeostatic";
        e.synapseParams = {{"eta", 0.1},      {"rho0", rho0}, {"tau", 20.0},
                           {"excitatory", 1}, {"w_min", 0.0}, {"w_max", 50.0}};
        p.projections.push_back(e);
        p.recorders.push_back({"r", "rate", "N", {}, {}, 0.1, 250.0});
        const auto [first, last] = firstAndLateRate(p, n);
        QVERIFY(first < 0.5 * rho0);
        QVERIFY2(std::fabs(last - rho0) < 0.1 * rho0, qPrintable(mismatch(last, rho0)));
    }

    void homeostaticTargetRatesAreLognormal() {
        // rho0_cv draws per-neuron targets: mean rho0, coefficient of variation cv, all
        // positive, the same for the same seed; cv 0 gives rho0 everywhere.
        using plugins::HomeostaticDynamics;
        const double rho0 = 8.0, cv = 0.5;
        const auto r = HomeostaticDynamics::targetRates(rho0, cv, 40000, 7);
        double sum = 0.0, sq = 0.0;
        for (double x : r) {
            QVERIFY(x > 0.0);
            sum += x;
            sq += x * x;
        }
        const double mean = sum / r.size();
        const double sd = std::sqrt(sq / r.size() - mean * mean);
        QVERIFY2(std::fabs(mean - rho0) < 0.02 * rho0, qPrintable(mismatch(mean, rho0)));
        QVERIFY2(std::fabs(sd / mean - cv) < 0.03 * cv, qPrintable(mismatch(sd / mean, cv)));
        // Lognormal, not symmetric: the median lies below the mean (rho0 / sqrt(1 + cv^2)).
        std::vector<double> sorted = r;
        std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
        const double median = sorted[sorted.size() / 2];
        const double expectedMedian = rho0 / std::sqrt(1.0 + cv * cv);
        QVERIFY2(std::fabs(median - expectedMedian) < 0.02 * rho0,
                 qPrintable(mismatch(median, expectedMedian)));
        QCOMPARE(HomeostaticDynamics::targetRates(rho0, cv, 100, 7),
                 std::vector<double>(r.begin(), r.begin() + 100));
        QVERIFY(HomeostaticDynamics::targetRates(rho0, cv, 100, 8) !=
                std::vector<double>(r.begin(), r.begin() + 100));
        QCOMPARE(HomeostaticDynamics::targetRates(rho0, 0.0, 5, 7), std::vector<double>(5, rho0));
    }

    void homeostaticHeterogeneousTargetsSpreadTheRates() {
        // The network of homeostaticConvergesToTargetRate with 100 neurons: with rho0_cv 0.4
        // the settled rates keep the targets' spread around the mean rho0; with rho0_cv 0 every
        // neuron settles near rho0 (a small spread from the finite run only).
        const double rho0 = 10.0;
        const int n = 100;
        auto spread = [&](double cv) {
            core::ProjectSpec p;
            p.simulation.dtMs = kDt;
            p.populations.push_back({"N", "lif_cuba", n, {}, {}});
            p.stimuli.push_back({"E", "poisson", 2000, "", "", {}, {{"rate_hz", 10.0}}, {}, {}});
            p.stimuli.push_back({"I", "poisson", 1000, "", "", {}, {{"rate_hz", 10.0}}, {}, {}});
            core::ProjectionSpec e;
            e.source = "E";
            e.target = "N";
            e.connectivity.rule = "fixed_indegree";
            e.connectivity.params["k"] = 200;
            e.weight = core::ValueSpec::constant(4.0);
            p.projections.push_back(e);
            core::ProjectionSpec i;
            i.source = "I";
            i.target = "N";
            i.receptor = "inh";
            i.connectivity.rule = "fixed_indegree";
            i.connectivity.params["k"] = 200;
            i.weight = core::ValueSpec::constant(-0.5);
            i.synapse = "homeostatic";
            i.synapseParams = {{"eta", 0.5},  {"rho0", rho0},        {"rho0_cv", cv},
                               {"tau", 20.0}, {"weight_sign", -1.0}, {"w_min", -200.0},
                               {"w_max", 0.0}};
            p.projections.push_back(i);
            p.recorders.push_back({"s", "spikes", "N", {}, {}, 0.1, 1.0});
            auto run = tests::runProject(p, 10000.0);
            std::vector<double> rate(n, 0.0);
            const auto& rec = run.network->spikeRecorders[0];
            for (std::size_t k = 0; k < rec.steps.size(); ++k)
                if (rec.steps[k] >= stepOf(5000.0))
                    rate[rec.neurons[k]] += 1.0 / 5.0;
            double sum = 0.0, sq = 0.0;
            for (double x : rate) {
                sum += x;
                sq += x * x;
            }
            const double mean = sum / n;
            const double cvMeasured = std::sqrt(sq / n - mean * mean) / mean;
            qInfo("rho0_cv %.2f: mean rate over the last 5 s %.2f Hz, CV across neurons %.3f", cv,
                  mean, cvMeasured);
            return std::pair{mean, cvMeasured};
        };
        const auto [meanHetero, cvHetero] = spread(0.4);
        const auto [meanHomo, cvHomo] = spread(0.0);
        QVERIFY2(std::fabs(meanHetero - rho0) < 0.15 * rho0,
                 qPrintable(mismatch(meanHetero, rho0)));
        QVERIFY2(std::fabs(meanHomo - rho0) < 0.1 * rho0, qPrintable(mismatch(meanHomo, rho0)));
        QVERIFY2(cvHetero > 0.25 && cvHetero < 0.6, qPrintable(mismatch(cvHetero, 0.4)));
        QVERIFY2(cvHomo < 0.15, qPrintable(mismatch(cvHomo, 0.0)));
    }

    void ojaFindsPrincipalComponentWithUnitNorm() {
        // Two groups of 20 channels; the rate of each group is piecewise constant over 4 s
        // segments: r_A = 30 + 25 s1, r_B = 20 + 10 s2 with independent random signs.
        const int perGroup = 20;
        const double segment = 4000.0, duration = 400000.0, tau = 200.0;
        std::mt19937_64 rng(11);
        std::bernoulli_distribution coin(0.5);
        std::vector<std::array<double, 2>> rates;
        for (double t = 0; t < duration; t += segment)
            rates.push_back({30.0 + (coin(rng) ? 25.0 : -25.0), 20.0 + (coin(rng) ? 10.0 : -10.0)});
        auto rateAt = [&](int group, double t) {
            return rates[static_cast<std::size_t>(t / segment)][group];
        };

        // With both traces filtering by tau, Oja's rule averaged over the postsynaptic spikes
        // of a linear neuron (rate g w.r) settles at the principal eigenvector of
        // A = <xbar r^T>, where xbar is the rate filtered by the trace kernel, and at
        // |w| = 1 / sqrt(alpha g). A per group pair, on a 1 ms grid:
        std::array<double, 2> filtered{rates[0][0], rates[0][1]};
        double aa = 0, ab = 0, bb = 0;
        const double keep = std::exp(-1.0 / tau);
        for (double t = 0; t < duration; t += 1.0) {
            const double ra = rateAt(0, t), rb = rateAt(1, t);
            filtered[0] = ra + (filtered[0] - ra) * keep;
            filtered[1] = rb + (filtered[1] - rb) * keep;
            aa += filtered[0] * ra;
            ab += 0.5 * (filtered[0] * rb + filtered[1] * ra);
            bb += filtered[1] * rb;
        }
        const double pcAngle = 0.5 * std::atan2(2.0 * ab, aa - bb);
        qInfo("principal component at %.2f deg", pcAngle * 180.0 / kPi);

        core::StimulusSpec in;
        in.name = "in";
        in.model = "spike_times";
        in.size = 2 * perGroup;
        poissonTimes(
            rng, 2 * perGroup, 0.0, duration,
            [&](int c, double t) { return rateAt(c < perGroup ? 0 : 1, t); }, in.times, in.indices);

        // A perfect integrator (tau_m >> run, no refractoriness, small steps to threshold):
        // rate = g sum w x with g = tau_syn / (tau_m (v_thresh - v_reset)) = 0.3 per weight unit.
        // Traces of 200 ms, much longer than its interspike intervals, keep the sampling bias of
        // y at a postsynaptic spike small for regular and irregular firing alike.
        const double g = 0.3;
        core::ProjectSpec p;
        p.simulation.dtMs = kDt;
        p.populations.push_back({"y",
                                 "lif_cuba",
                                 1,
                                 {{"tau_m", 1e4},
                                  {"tau_syn_exc", 2.0},
                                  {"e_l", 0.0},
                                  {"v_reset", 0.0},
                                  {"v_thresh", 2.0 / (1e4 * g)},
                                  {"t_ref", 0.0}},
                                 {{"v", core::ValueSpec::constant(0.0)}}});
        p.stimuli.push_back(in);
        core::ProjectionSpec pr;
        pr.source = "in";
        pr.target = "y";
        pr.weight = core::ValueSpec::uniform(0.05, 0.3);
        pr.synapse = "oja";
        pr.synapseParams = {{"eta", 3.5e-6},   {"alpha", 1.0 / g}, {"tau_pre", tau},
                            {"tau_post", tau}, {"w_min", -10.0},   {"w_max", 10.0}};
        p.projections.push_back(pr);
        auto net = core::NetworkBuilder::build(p, tests::builtinRegistry(), {});
        core::Simulator sim(*net);
        // Average the weights after 150 s (several learning time constants), every second.
        std::vector<double> mean(2 * perGroup, 0.0);
        int snapshots = 0;
        while (sim.currentStep() < stepOf(duration)) {
            sim.run(stepOf(1000.0));
            if (sim.timeMs() <= 150000.0)
                continue;
            const auto w = allWeights(*net, 0);
            for (int c = 0; c < 2 * perGroup; ++c)
                mean[c] += w[c];
            ++snapshots;
        }
        double norm = 0, wa = 0, wb = 0;
        for (int c = 0; c < 2 * perGroup; ++c) {
            mean[c] /= snapshots;
            norm += mean[c] * mean[c];
            (c < perGroup ? wa : wb) += mean[c];
        }
        norm = std::sqrt(norm);
        const double angle = std::atan2(wb, wa);
        qInfo("|w| = %.4f, group direction %.2f deg (%.0f postsynaptic spikes)", norm,
              angle * 180.0 / kPi, double(sim.spikeCounts()[0]));
        QVERIFY2(std::fabs(norm - 1.0) < 0.1, qPrintable(mismatch(norm, 1.0)));
        QVERIFY2(std::fabs(angle - pcAngle) < 3.0 * kPi / 180.0,
                 qPrintable(mismatch(angle * 180 / kPi, pcAngle * 180 / kPi)));
        // The principal component is not simply the mean-rate direction.
        QVERIFY(std::fabs(pcAngle - std::atan2(20.0, 30.0)) > 6.0 * kPi / 180.0);
    }

    void antiHebbianLateralWeightsDecorrelate() {
        // Two units share a slowly switching input and have private Poisson inputs; plastic
        // lateral inhibition between them is anti-Hebbian. Oja's fixed point of a lateral
        // weight, -<x y> / (alpha <y^2>), is close to -1/alpha for two similar units.
        const double duration = 30000.0, block = 100.0, alpha = 0.05;
        std::mt19937_64 rng(5);
        std::bernoulli_distribution coin(0.5);
        std::vector<double> shared;
        for (double t = 0; t < duration; t += block)
            shared.push_back(coin(rng) ? 800.0 : 0.0);
        core::StimulusSpec common;
        common.name = "common";
        common.model = "spike_times";
        common.size = 1;
        poissonTimes(
            rng, 1, 0.0, duration,
            [&](int, double t) { return shared[static_cast<std::size_t>(t / block)]; },
            common.times, common.indices);

        auto runWith = [&](double eta) {
            core::ProjectSpec p;
            p.simulation.dtMs = kDt;
            p.populations.push_back({"U", "lif_cuba", 2, {}, {}});
            p.stimuli.push_back(common);
            p.stimuli.push_back(
                {"private", "poisson", 2, "", "", {}, {{"rate_hz", 1500.0}}, {}, {}});
            core::ProjectionSpec c;
            c.source = "common";
            c.target = "U";
            c.weight = core::ValueSpec::constant(4.0);
            p.projections.push_back(c);
            core::ProjectionSpec priv;
            priv.source = "private";
            priv.target = "U";
            priv.connectivity.rule = "one_to_one";
            priv.weight = core::ValueSpec::constant(4.0);
            p.projections.push_back(priv);
            core::ProjectionSpec lat;
            lat.source = "U";
            lat.target = "U";
            lat.receptor = "inh";
            lat.connectivity.autapses = false;
            lat.weight = core::ValueSpec::constant(0.0);
            lat.synapse = "oja";
            lat.synapseParams = {{"eta", eta},       {"alpha", alpha},    {"anti_hebbian", 1.0},
                                 {"tau_pre", 100.0}, {"tau_post", 100.0}, {"w_min", -100.0},
                                 {"w_max", 0.0}};
            p.projections.push_back(lat);
            p.recorders.push_back({"s", "spikes", "U", {}, {}, 0.1, 1.0});
            auto run = tests::runProject(p, duration);
            // Spike-count correlation in 50 ms bins over the last third.
            const std::int64_t binSteps = stepOf(50.0), from = stepOf(duration * 2.0 / 3.0);
            const auto bins = static_cast<std::size_t>((stepOf(duration) - from) / binSteps);
            std::vector<double> a(bins, 0.0), b(bins, 0.0);
            const auto& rec = run.network->spikeRecorders[0];
            for (std::size_t k = 0; k < rec.steps.size(); ++k)
                if (rec.steps[k] >= from) {
                    const auto bin = static_cast<std::size_t>((rec.steps[k] - from) / binSteps);
                    if (bin < bins)
                        (rec.neurons[k] == 0 ? a : b)[bin] += 1.0;
                }
            const auto weights = allWeights(*run.network, 2);
            return std::make_pair(correlation(a, b), weights);
        };
        const auto [control, w0] = runWith(0.0);
        const auto [learned, w1] = runWith(2e-3);
        qInfo("correlation without learning %.3f, with anti-Hebbian lateral weights %.3f "
              "(weights %.2f, %.2f)",
              control, learned, w1[0], w1[1]);
        QCOMPARE(w0, std::vector<float>(2, 0.0f));
        for (float w : w1)
            QVERIFY2(w < -0.5 / alpha && w > -1.2 / alpha, qPrintable(mismatch(w, -1.0 / alpha)));
        QVERIFY(control > 0.5);
        QVERIFY2(learned < control - 0.15, qPrintable(mismatch(learned, control)));
    }

    // ---- astro_stdp ----------------------------------------------------------------------

    void astroCalciumFollowsRegularTrain() {
        const double period = 20.0, tauCa = 150.0, inc = 0.2, t0 = 10.0;
        const int spikes = 30;
        core::ProjectSpec p;
        p.simulation.dtMs = kDt;
        p.populations.push_back({"N", "lif_cuba", 3, {{"v_thresh", 100.0}}, {}});
        core::StimulusSpec train;
        train.name = "train";
        train.model = "spike_times";
        train.size = 2;
        for (int k = 0; k < spikes; ++k) {
            train.times.push_back(t0 + period * k);
            train.indices.push_back(0);
        }
        p.stimuli.push_back(train);
        core::ProjectionSpec pr;
        pr.source = "train";
        pr.target = "N";
        pr.weight = core::ValueSpec::constant(0.1);
        pr.synapse = "astro_stdp";
        pr.synapseParams = {{"tau_ca", tauCa}, {"ca_increment", inc}};
        p.projections.push_back(pr);
        auto net = core::NetworkBuilder::build(p, tests::builtinRegistry(), {});
        core::Simulator sim(*net);
        const auto* dyn =
            dynamic_cast<const plugins::AstroStdpDynamics*>(net->projections[0].dynamics.get());
        QVERIFY(dyn);
        const double decay = std::exp(-period / tauCa);
        for (int k = 1; k <= spikes; ++k) {
            // Run until 5 ms after spike k (delivered one step after it was emitted).
            const std::int64_t now = stepOf(t0 + period * (k - 1) + 5.0);
            sim.run(now - sim.currentStep());
            const double peak = inc * (1.0 - std::pow(decay, k)) / (1.0 - decay);
            const double expected = peak * std::exp(-5.0 / tauCa);
            for (std::size_t j = 0; j < 3; ++j)
                QVERIFY2(std::fabs(dyn->calcium(j, now) - expected) < 1e-5 * expected,
                         qPrintable(mismatch(dyn->calcium(j, now), expected)));
        }
        // Close to the steady state of the train, inc / (1 - exp(-T / tau_ca)), by the end.
        const double steady = inc / (1.0 - decay) * std::exp(-5.0 / tauCa);
        QVERIFY(std::fabs(dyn->calcium(0, sim.currentStep()) - steady) < 0.02 * steady);
        // Channel 1 never fires and has no effect; the gate follows the threshold.
        QCOMPARE(dyn->gate(0.99), 0.0);
        QCOMPARE(dyn->gate(1.0), 1.0);
    }

    void astroGatesPlasticityByCalcium_data() {
        QTest::addColumn<double>("threshold");
        QTest::addColumn<double>("gateDepression");
        QTest::newRow("always open") << 0.0 << 1.0;
        QTest::newRow("opens mid-train") << 0.9 << 1.0;
        QTest::newRow("opens mid-train, LTD ungated") << 0.9 << 0.0;
        QTest::newRow("opens late") << 1.0 << 1.0;
        QTest::newRow("never opens") << 100.0 << 1.0;
    }

    void astroGatesPlasticityByCalcium() {
        QFETCH(double, threshold);
        QFETCH(double, gateDepression);
        // A regular pre train (period 25 ms) with a post spike 6 ms after each pre spike and
        // another 12 ms before the next one: both potentiation and depression occur.
        const double period = 25.0, t0 = 100.0, tauCa = 100.0, inc = 0.25;
        const double ap = 0.01, am = 0.008, tp = 15.0, tm = 25.0, w0 = 0.5;
        const int n = 16;
        std::vector<double> pre, post;
        for (int k = 0; k < n; ++k) {
            pre.push_back(t0 + period * k);
            post.push_back(t0 + period * k + 6.0);
            post.push_back(t0 + period * k + 13.0);
        }
        auto ca = [&](double t, bool includeSameTime) {
            double c = 0.0;
            for (double s : pre)
                if (s < t || (includeSameTime && s == t))
                    c += inc * std::exp(-(t - s) / tauCa);
            return c;
        };
        auto gate = [&](double c) { return c >= threshold ? 1.0 : 0.0; };
        // Analytic sums over all pairs, each gated by Ca just before the later spike's step.
        double expected = w0;
        for (double tPost : post)
            for (double tPre : pre)
                if (tPre < tPost)
                    expected += ap * gate(ca(tPost, false)) * std::exp(-(tPost - tPre) / tp);
        for (double tPre : pre)
            for (double tPost : post)
                if (tPost <= tPre)
                    expected -= am * (gateDepression > 0.5 ? gate(ca(tPre, false)) : 1.0) *
                                std::exp(-(tPre - tPost) / tm);
        const float w = pairWeight({"astro_stdp",
                                    {{"a_plus", ap},
                                     {"a_minus", am},
                                     {"tau_plus", tp},
                                     {"tau_minus", tm},
                                     {"tau_ca", tauCa},
                                     {"ca_increment", inc},
                                     {"ca_threshold", threshold},
                                     {"gate_depression", gateDepression},
                                     {"w_max", 10.0}},
                                    pre,
                                    post});
        QVERIFY2(!std::isnan(w), "the postsynaptic neuron did not fire as driven");
        QVERIFY2(std::fabs(w - expected) < 1e-6, qPrintable(mismatch(w, expected)));
        if (threshold > 10.0)
            QCOMPARE(w, 0.5f);
    }

    // ---- astro_feedback_stdp -------------------------------------------------------------

    void astroFeedbackTiltsStdp_data() {
        QTest::addColumn<double>("wLiquid");
        QTest::addColumn<double>("wInput");
        QTest::newRow("astrocyte off: plain pair STDP") << 0.0 << 0.0;
        QTest::newRow("liquid drive: depression wins") << 0.4 << 0.0;
        QTest::newRow("input drive: potentiation wins") << 0.0 << 0.5;
        QTest::newRow("both") << 0.3 << 0.2;
    }

    void astroFeedbackTiltsStdp() {
        QFETCH(double, wLiquid);
        QFETCH(double, wInput);
        // A regular pre train with a post spike 6 ms after each pre spike and another 12 ms
        // before the next one, and an input (modulator) train of its own period.
        const double period = 25.0, t0 = 100.0, tauA = 80.0;
        const double ap = 0.01, am = 0.008, tp = 15.0, tm = 25.0, w0 = 0.5;
        const int n = 16;
        std::vector<double> pre, post, mod;
        for (int k = 0; k < n; ++k) {
            pre.push_back(t0 + period * k);
            post.push_back(t0 + period * k + 6.0);
            post.push_back(t0 + period * k + 13.0);
        }
        for (double t = 90.0; t < 520.0; t += 17.0)
            mod.push_back(t);
        // The astrocyte just before time t: every spike of an earlier step, decayed.
        auto astro = [&](double t) {
            double a = 0.0;
            for (double s : pre)
                if (stepOf(s) < stepOf(t))
                    a += wLiquid * std::exp(-(t - s) / tauA);
            for (double s : mod)
                if (stepOf(s) < stepOf(t))
                    a -= wInput * std::exp(-(t - s) / tauA);
            return std::tanh(a);
        };
        double expected = w0, potentiation = 0.0, depression = 0.0;
        for (double tPost : post)
            for (double tPre : pre)
                if (tPre < tPost)
                    potentiation += ap * (1.0 - astro(tPost)) * std::exp(-(tPost - tPre) / tp);
        for (double tPre : pre)
            for (double tPost : post)
                if (tPost <= tPre)
                    depression += am * (1.0 + astro(tPre)) * std::exp(-(tPre - tPost) / tm);
        expected += potentiation - depression;
        PairSetup s{"astro_feedback_stdp",
                    {{"a_plus", ap},
                     {"a_minus", am},
                     {"tau_plus", tp},
                     {"tau_minus", tm},
                     {"tau_astro", tauA},
                     {"w_liquid", wLiquid},
                     {"w_input", wInput},
                     {"w_max", 10.0}},
                    pre,
                    post};
        s.withModulator = true;
        s.modTimes = mod;
        const float w = pairWeight(s);
        QVERIFY2(!std::isnan(w), "the postsynaptic neuron did not fire as driven");
        QVERIFY2(std::fabs(w - expected) < 1e-5, qPrintable(mismatch(w, expected)));
        // The plain rule as reference: liquid drive lowers the weight, input drive raises it.
        double plain = w0;
        for (double tPost : post)
            for (double tPre : pre)
                if (tPre < tPost)
                    plain += ap * std::exp(-(tPost - tPre) / tp);
        for (double tPre : pre)
            for (double tPost : post)
                if (tPost <= tPre)
                    plain -= am * std::exp(-(tPre - tPost) / tm);
        if (wLiquid == 0.0 && wInput == 0.0)
            QVERIFY(std::fabs(w - plain) < 1e-5);
        if (wLiquid > 0.0 && wInput == 0.0)
            QVERIFY2(w < plain - 0.02, qPrintable(mismatch(w, plain)));
        if (wInput > 0.0 && wLiquid == 0.0)
            QVERIFY2(w > plain + 0.02, qPrintable(mismatch(w, plain)));
    }

    // ---- every rule ----------------------------------------------------------------------

    void rulesAreThreadIndependent_data() {
        QTest::addColumn<QString>("rule");
        for (const auto& r : kRules)
            QTest::newRow(r.c_str()) << QString::fromStdString(r);
    }

    void rulesAreThreadIndependent() {
        QFETCH(QString, rule);
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
        p.stimuli.push_back({"M", "poisson", 4, "", "", {}, {{"rate_hz", 20.0}}, {}, {}});
        core::ProjectionSpec pr;
        pr.source = "E";
        pr.target = "E";
        pr.connectivity.rule = "fixed_probability";
        pr.connectivity.params["p"] = 0.05;
        pr.weight = core::ValueSpec::uniform(0.5, 1.5);
        pr.synapse = rule.toStdString();
        if (rule == "stdp_triplet")
            pr.synapseParams = {{"a3_plus", 0.02}, {"a2_minus", 0.005}, {"w_max", 2.0}};
        else if (rule == "stdp_symmetric")
            pr.synapseParams = {
                {"scaling_interval_ms", 50.0}, {"keep_initial_total", 1.0}, {"w_max", 3.0}};
        else if (rule == "three_factor") {
            pr.synapseParams = {
                {"learning_rate", 0.05}, {"tau_m", 20.0}, {"w_max", 2.0}, {"baseline_hz", 30.0}};
            pr.modulator = "M";
        } else if (rule == "homeostatic")
            pr.synapseParams = {{"excitatory", 1.0}, {"eta", 0.01}, {"w_max", 2.0}};
        else if (rule == "oja")
            pr.synapseParams = {{"eta", 1e-4}, {"alpha", 0.1}};
        else if (rule == "astro_stdp")
            pr.synapseParams = {{"ca_threshold", 0.5}, {"w_max", 2.0}};
        else if (rule == "astro_feedback_stdp") {
            pr.synapseParams = {{"a_plus", 0.01},
                                {"a_minus", 0.01},
                                {"w_liquid", 0.01},
                                {"w_input", 0.5},
                                {"w_max", 2.0}};
            pr.modulator = "M";
        }
        p.projections.push_back(pr);
        p.recorders.push_back({"s", "spikes", "E", {}, {}, 0.1, 1.0});
        auto a = tests::runProject(p, 300.0, {std::nullopt, 1, false, 0});
        auto b = tests::runProject(p, 300.0, {std::nullopt, 2, false, 0});
        QCOMPARE(b.network->partitions, std::size_t{2});
        QCOMPARE(a.network->spikeRecorders[0].neurons, b.network->spikeRecorders[0].neurons);
        QCOMPARE(a.network->spikeRecorders[0].steps, b.network->spikeRecorders[0].steps);
        QVERIFY(a.network->spikeRecorders[0].neurons.size() > 500);
        const auto wa = allWeights(*a.network, 0), wb = allWeights(*b.network, 0);
        QCOMPARE(wa, wb);
        // The rule did something.
        int changed = 0;
        auto initial = tests::runProject(p, 0.0);
        const auto w0 = allWeights(*initial.network, 0);
        for (std::size_t q = 0; q < wa.size(); ++q)
            changed += wa[q] != w0[q];
        QVERIFY2(changed > static_cast<int>(wa.size() / 10), qPrintable(QString::number(changed)));
    }

    void extremeParametersStayFinite_data() {
        QTest::addColumn<QString>("rule");
        for (const auto& r : kRules)
            QTest::newRow(r.c_str()) << QString::fromStdString(r);
    }

    void extremeParametersStayFinite() {
        // Every parameter at its minimum and at its maximum, one at a time, then all at once:
        // the weights stay finite (or the setup is refused with an error).
        QFETCH(QString, rule);
        const core::ModelInfo& info = *tests::builtinRegistry().info(rule.toStdString());
        auto project = [&](const std::map<std::string, double>& params) {
            core::ProjectSpec p;
            p.populations.push_back({"E",
                                     "lif_cuba",
                                     60,
                                     {{"e_l", -49.0}, {"v_thresh", -50.0}},
                                     {{"v", core::ValueSpec::uniform(-70, -50)}}});
            p.stimuli.push_back({"M", "poisson", 2, "", "", {}, {{"rate_hz", 200.0}}, {}, {}});
            core::ProjectionSpec pr;
            pr.source = "E";
            pr.target = "E";
            pr.connectivity.rule = "fixed_probability";
            pr.connectivity.params["p"] = 0.2;
            pr.weight = core::ValueSpec::uniform(-1.0, 1.0);
            pr.synapse = rule.toStdString();
            pr.synapseParams = params;
            pr.modulator = "M";
            p.projections.push_back(pr);
            return p;
        };
        std::vector<std::map<std::string, double>> cases;
        std::map<std::string, double> allMin, allMax;
        for (const auto& d : info.parameters) {
            cases.push_back({{d.key, d.minValue}});
            cases.push_back({{d.key, d.maxValue}});
            allMin[d.key] = d.minValue;
            allMax[d.key] = d.maxValue;
        }
        allMax["w_min"] = -1e9;
        allMin["w_max"] = 1e9;
        cases.push_back(allMin);
        cases.push_back(allMax);
        int ran = 0;
        for (const auto& params : cases) {
            std::unique_ptr<core::Network> net;
            try {
                net = core::NetworkBuilder::build(project(params), tests::builtinRegistry(), {});
            } catch (const core::Error&) {
                continue;
            }
            core::Simulator sim(*net);
            sim.run(300);
            for (float w : allWeights(*net, 0))
                QVERIFY2(std::isfinite(w),
                         qPrintable(QString::fromStdString(params.begin()->first)));
            ++ran;
        }
        QVERIFY(ran >= static_cast<int>(cases.size()) - 4);
    }
};

QTEST_APPLESS_MAIN(TestPlasticityRules)
#include "TestPlasticityRules.moc"
