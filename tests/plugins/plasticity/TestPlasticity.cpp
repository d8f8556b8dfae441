// Synaptic plasticity against analytic answers: the pair-STDP window and the
// Tsodyks–Markram recursion.

#include "core/TestSupport.h"

#include <QtTest>

using namespace plexus;

namespace {

constexpr double kDt = 0.1;

/// One presynaptic channel with STDP onto one neuron that a strong driver makes fire at
/// `postTimes`; returns the weight after the run.
float stdpWeightAfter(const std::vector<double>& preTimes, const std::vector<double>& postTimes,
                      std::map<std::string, double> rule, double w0) {
    core::ProjectSpec p;
    p.simulation.dtMs = kDt;
    p.populations.push_back({"post", "lif_cuba", 1, {{"t_ref", 15.0}, {"tau_syn_exc", 1.0}}, {}});
    core::StimulusSpec pre;
    pre.name = "pre";
    pre.model = "spike_times";
    pre.size = 1;
    pre.times = preTimes;
    p.stimuli.push_back(pre);
    core::StimulusSpec driver;
    driver.name = "driver";
    driver.model = "spike_times";
    driver.size = 1;
    // The driver's spike arrives one step later and makes the neuron fire in that step.
    for (double t : postTimes)
        driver.times.push_back(t - kDt);
    p.stimuli.push_back(driver);
    core::ProjectionSpec drive;
    drive.source = "driver";
    drive.target = "post";
    drive.weight = core::ValueSpec::constant(2000.0); // 19 mV in one step
    p.projections.push_back(drive);
    core::ProjectionSpec plastic;
    plastic.source = "pre";
    plastic.target = "post";
    plastic.weight = core::ValueSpec::constant(w0);
    plastic.synapse = "stdp";
    plastic.synapseParams = std::move(rule);
    p.projections.push_back(plastic);
    p.recorders.push_back({"s", "spikes", "post", {}, {}, 0.1, 1.0});
    const double end = std::max(*std::max_element(preTimes.begin(), preTimes.end()),
                                *std::max_element(postTimes.begin(), postTimes.end()));
    auto run = tests::runProject(p, end + 5.0);
    // The post neuron fired exactly when intended.
    const auto& spikes = run.network->spikeRecorders[0];
    if (spikes.steps.size() != postTimes.size())
        return std::nanf("");
    for (std::size_t k = 0; k < postTimes.size(); ++k)
        if (spikes.steps[k] != std::llround(postTimes[k] / kDt))
            return std::nanf("");
    return run.network->projections[1].matrix.partition(0).weights.at(0);
}

/// Delays (in steps) of one learning synapse after `pairings` pre/post pairings at lag `lagMs`,
/// and the step at which the last presynaptic spike reached the neuron.
std::pair<int, std::int64_t> learnedDelay(int pairings, double lagMs, double d0Ms, double eta) {
    core::ProjectSpec p;
    p.simulation.dtMs = kDt;
    p.populations.push_back({"post", "lif_cuba", 1, {{"t_ref", 15.0}, {"tau_syn_exc", 1.0}}, {}});
    core::StimulusSpec pre, driver;
    pre.name = "pre";
    pre.model = "spike_times";
    pre.size = 1;
    driver.name = "driver";
    driver.model = "spike_times";
    driver.size = 1;
    for (int k = 0; k < pairings; ++k) {
        pre.times.push_back(20.0 + 50.0 * k);
        driver.times.push_back(20.0 + 50.0 * k + lagMs - kDt);
    }
    pre.times.push_back(20.0 + 50.0 * pairings); // a probe spike after learning
    p.stimuli.push_back(pre);
    p.stimuli.push_back(driver);
    core::ProjectionSpec drive;
    drive.source = "driver";
    drive.target = "post";
    drive.weight = core::ValueSpec::constant(2000.0);
    p.projections.push_back(drive);
    core::ProjectionSpec learning;
    learning.source = "pre";
    learning.target = "post";
    learning.receptor = "inh"; // a marker input that does not disturb the firing
    learning.weight = core::ValueSpec::constant(-0.5);
    learning.delayMs = core::ValueSpec::constant(d0Ms);
    learning.synapse = "delay_learning";
    learning.synapseParams = {{"eta", eta}, {"window_ms", 30.0}, {"d_max_ms", 30.0}};
    p.projections.push_back(learning);
    p.recorders.push_back({"x", "state", "post", {"i_inh"}, {0}, 0.1, 1.0});
    auto run = tests::runProject(p, 50.0 * pairings + 60.0);
    const auto& rec = run.network->stateRecorders[0];
    // First step of the probe's arrival: i_inh jumps away from zero after the probe time.
    const auto probe = static_cast<std::size_t>(std::llround((20.0 + 50.0 * pairings) / kDt));
    std::int64_t arrival = -1;
    for (std::size_t k = probe; k < rec.values.size(); ++k)
        if (rec.values[k] < -0.4f && rec.values[k - 1] > -0.3f) {
            arrival = static_cast<std::int64_t>(k);
            break;
        }
    return {run.network->projections[1].matrix.partition(0).delays.at(0), arrival};
}

} // namespace

class TestPlasticity : public QObject {
    Q_OBJECT

private slots:
    void stdpPairFollowsTheAnalyticWindow_data() {
        QTest::addColumn<double>("lagMs");
        for (double lag : {-40.0, -15.0, -5.0, -0.5, 0.0, 0.5, 2.0, 10.0, 25.0, 60.0})
            QTest::newRow(qPrintable(QString("lag %1 ms").arg(lag))) << lag;
    }

    void stdpPairFollowsTheAnalyticWindow() {
        QFETCH(double, lagMs);
        const double aPlus = 0.01, aMinus = 0.012, tauPlus = 16.8, tauMinus = 33.7, w0 = 0.5;
        const double tPre = 100.0;
        const float w = stdpWeightAfter({tPre}, {tPre + lagMs},
                                        {{"a_plus", aPlus},
                                         {"a_minus", aMinus},
                                         {"tau_plus", tauPlus},
                                         {"tau_minus", tauMinus},
                                         {"w_max", 10.0}},
                                        w0);
        QVERIFY2(!std::isnan(w), "the postsynaptic neuron did not fire as driven");
        const double expected = lagMs > 0 ? w0 + aPlus * std::exp(-lagMs / tauPlus)
                                          : w0 - aMinus * std::exp(lagMs / tauMinus);
        QVERIFY2(
            std::fabs(w - expected) < 1e-6,
            qPrintable(QString("w %1, expected %2").arg(w, 0, 'g', 9).arg(expected, 0, 'g', 9)));
    }

    void multiplicativeAndNearestVariants() {
        const double tau = 20.0, aPlus = 0.05, wMax = 2.0, w0 = 0.5;
        // Two presynaptic spikes 10 and 4 ms before one postsynaptic spike.
        const std::vector<double> pre{90.0, 96.0};
        const std::vector<double> post{100.0};
        std::map<std::string, double> rule{
            {"a_plus", aPlus}, {"a_minus", 0.0}, {"tau_plus", tau}, {"w_max", wMax}};
        const double both = std::exp(-10.0 / tau) + std::exp(-4.0 / tau);
        QCOMPARE_LE(std::fabs(stdpWeightAfter(pre, post, rule, w0) - (w0 + aPlus * both)), 1e-6);
        rule["nearest"] = 1.0;
        QCOMPARE_LE(
            std::fabs(stdpWeightAfter(pre, post, rule, w0) - (w0 + aPlus * std::exp(-4.0 / tau))),
            1e-6);
        rule["nearest"] = 0.0;
        rule["multiplicative"] = 1.0;
        QCOMPARE_LE(
            std::fabs(stdpWeightAfter(pre, post, rule, w0) - (w0 + aPlus * (wMax - w0) * both)),
            1e-6);
    }

    void stdpRespectsBounds() {
        std::vector<double> pre, post;
        for (int k = 0; k < 50; ++k) {
            pre.push_back(10.0 + 20.0 * k);
            post.push_back(12.0 + 20.0 * k);
        }
        const float w =
            stdpWeightAfter(pre, post, {{"a_plus", 0.2}, {"a_minus", 0.0}, {"w_max", 1.3}}, 0.5);
        QCOMPARE(w, 1.3f);
        const float low =
            stdpWeightAfter(post, pre, {{"a_plus", 0.0}, {"a_minus", 0.2}, {"w_min", 0.1}}, 0.5);
        QCOMPARE(low, 0.1f);
    }

    void tsodyksMarkramFollowsTheRecursion_data() {
        QTest::addColumn<double>("u");
        QTest::addColumn<double>("tauRec");
        QTest::addColumn<double>("tauFac");
        QTest::newRow("depressing") << 0.5 << 800.0 << 0.0;
        QTest::newRow("facilitating") << 0.1 << 100.0 << 1000.0;
        QTest::newRow("mixed") << 0.3 << 200.0 << 300.0;
    }

    void tsodyksMarkramFollowsTheRecursion() {
        QFETCH(double, u);
        QFETCH(double, tauRec);
        QFETCH(double, tauFac);
        const double interval = 25.0, w = 3.0, tauSyn = 2.0;
        const int n = 20;
        core::ProjectSpec p;
        p.populations.push_back(
            {"N", "lif_cuba", 1, {{"v_thresh", 200.0}, {"tau_syn_exc", tauSyn}}, {}});
        core::StimulusSpec train;
        train.name = "train";
        train.model = "spike_times";
        train.size = 1;
        for (int k = 0; k < n; ++k)
            train.times.push_back(5.0 + interval * k);
        p.stimuli.push_back(train);
        core::ProjectionSpec pr;
        pr.source = "train";
        pr.target = "N";
        pr.weight = core::ValueSpec::constant(w);
        pr.synapse = "tsodyks_markram";
        pr.synapseParams = {{"u", u}, {"tau_rec", tauRec}, {"tau_fac", tauFac}};
        p.projections.push_back(pr);
        p.recorders.push_back({"x", "state", "N", {"i_exc"}, {0}, 0.1, 1.0});
        auto run = tests::runProject(p, 5.0 + interval * n);
        const auto& rec = run.network->stateRecorders[0];
        const double decay = std::exp(-kDt / tauSyn);

        double un = u, xn = 1.0;
        for (int k = 0; k < n; ++k) {
            if (k > 0) {
                xn = 1.0 + (xn - un * xn - 1.0) * std::exp(-interval / tauRec);
                un = tauFac > 0 ? u + un * (1.0 - u) * std::exp(-interval / tauFac) : u;
            }
            // Arrival one step after the spike; sample r is the state after step r's update.
            const auto arrival =
                static_cast<std::size_t>(std::llround((5.0 + interval * k) / kDt)) + 1;
            const double jump = rec.values[arrival] / decay - rec.values[arrival - 1];
            QVERIFY2(std::fabs(jump - w * un * xn) < 1e-4 * w,
                     qPrintable(QString("spike %1: %2 vs %3").arg(k).arg(jump).arg(w * un * xn)));
        }
        if (tauFac == 0.0) {
            // Depression only: the train settles at x* = (1 - E) / (1 - (1 - U) E).
            const double e = std::exp(-interval / tauRec);
            QVERIFY(std::fabs(xn - (1 - e) / (1 - (1 - u) * e)) < 0.01);
        }
    }

    /// The delay estimate follows d_n = L + (d_0 - L)(1 - eta)^n and the synapse transmits with
    /// the learned delay.
    void delaysLearnTheObservedLag() {
        const double lag = 7.3, d0 = 2.0, eta = 0.3;
        for (int n : {1, 3, 20}) {
            const auto [delay, arrival] = learnedDelay(n, lag, d0, eta);
            const double expected = (lag + (d0 - lag) * std::pow(1.0 - eta, n)) / kDt;
            QVERIFY2(std::abs(delay - expected) <= 0.51,
                     qPrintable(QString("after %1 pairings: %2 steps, expected %3")
                                    .arg(n)
                                    .arg(delay)
                                    .arg(expected)));
            // Probe spike at step s arrives at s + delay (absorbed in that step's update).
            const auto probe = std::llround((20.0 + 50.0 * n) / kDt);
            QCOMPARE(arrival, probe + delay);
        }
    }

    void plasticProjectionsStayThreadIndependent() {
        // STDP on a recurrent network: weights and spikes identical for 1 and 2 threads.
        auto project = [] {
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
            core::ProjectionSpec pr;
            pr.source = "E";
            pr.target = "E";
            pr.connectivity.rule = "fixed_probability";
            pr.connectivity.params["p"] = 0.05;
            pr.weight = core::ValueSpec::uniform(0.5, 1.5);
            pr.synapse = "stdp";
            pr.synapseParams = {{"a_plus", 0.01}, {"w_max", 2.0}};
            p.projections.push_back(pr);
            p.recorders.push_back({"s", "spikes", "E", {}, {}, 0.1, 1.0});
            return p;
        }();
        auto a = tests::runProject(project, 300.0, {std::nullopt, 1, false, 0});
        auto b = tests::runProject(project, 300.0, {std::nullopt, 2, false, 0});
        QCOMPARE(a.network->spikeRecorders[0].neurons, b.network->spikeRecorders[0].neurons);
        QVERIFY(a.network->spikeRecorders[0].neurons.size() > 500);
        std::vector<float> wa, wb;
        a.network->projections[0].matrix.forEach(
            [&](std::size_t, std::int32_t, std::size_t k, std::size_t q) {
                wa.push_back(a.network->projections[0].matrix.partition(k).weights[q]);
            });
        b.network->projections[0].matrix.forEach(
            [&](std::size_t, std::int32_t, std::size_t k, std::size_t q) {
                wb.push_back(b.network->projections[0].matrix.partition(k).weights[q]);
            });
        QCOMPARE(wa, wb);
    }
};

QTEST_APPLESS_MAIN(TestPlasticity)
#include "TestPlasticity.moc"
