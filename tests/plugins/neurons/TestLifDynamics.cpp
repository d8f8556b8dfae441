// LIF dynamics against analytic solutions and a fine-step reference.

#include "core/TestSupport.h"

#include <QtTest>

using namespace plexus;

namespace {

/// One lif_cuba neuron at rest, driven by a DC current, recording v every step.
core::ProjectSpec singleNeuron(double currentPa, std::map<std::string, double> params) {
    core::ProjectSpec p;
    p.simulation.dtMs = 0.1;
    p.populations.push_back({"N", "lif_cuba", 1, std::move(params), {}});
    if (currentPa != 0.0) {
        core::StimulusSpec dc;
        dc.name = "dc";
        dc.model = "dc_current";
        dc.target = "N";
        dc.params["amplitude_pa"] = currentPa;
        p.stimuli.push_back(dc);
    }
    core::RecorderSpec rec;
    rec.name = "v";
    rec.type = "state";
    rec.target = "N";
    rec.variables = {"v", "i_exc"};
    rec.neurons = {0};
    rec.intervalMs = 0.1;
    p.recorders.push_back(rec);
    core::RecorderSpec spikes;
    spikes.name = "s";
    spikes.type = "spikes";
    spikes.target = "N";
    p.recorders.push_back(spikes);
    return p;
}

} // namespace

class TestLifDynamics : public QObject {
    Q_OBJECT

private slots:
    /// Subthreshold DC response: v(t) = E_L + R I (1 - exp(-t / tau_m)), R = tau_m / C_m.
    void subthresholdMatchesAnalyticSolution() {
        const double tau = 10.0, cm = 250.0, el = -70.0, current = 300.0; // R I = 12 mV
        auto run = tests::runProject(
            singleNeuron(current, {{"tau_m", tau}, {"c_m", cm}, {"e_l", el}, {"v_thresh", 0.0}}),
            100.0);
        const auto& rec = run.network->stateRecorders[0];
        QCOMPARE(rec.sampleSteps.size(), std::size_t(1000));
        double worst = 0.0;
        for (std::size_t k = 0; k < rec.sampleSteps.size(); ++k) {
            const double t = rec.sampleSteps[k] * 0.1;
            const double expected = el + current * tau / cm * (1.0 - std::exp(-t / tau));
            worst = std::max(worst, std::fabs(rec.values[k * rec.rowWidth()] - expected));
        }
        // float32 state: rounding accumulates to a few 1e-4 mV over 1000 steps.
        QVERIFY2(worst < 5e-4, qPrintable(QString("max error %1 mV").arg(worst)));
        // The steady state is reached: R I above rest.
        QVERIFY(std::fabs(rec.values[999 * rec.rowWidth()] - (el + 12.0)) < 1e-3);
    }

    /// A single synaptic input: exact integration agrees with a 1000x finer Euler reference.
    void exactIntegrationAgreesWithFineEuler() {
        const double tauM = 20.0, tauS = 5.0, el = -49.0, w = 1.62;
        core::ProjectSpec p = singleNeuron(
            0.0, {{"tau_m", tauM}, {"tau_syn_exc", tauS}, {"e_l", el}, {"v_thresh", 0.0}});
        core::StimulusSpec src;
        src.name = "src";
        src.model = "spike_times";
        src.size = 1;
        src.times = {0.0};
        p.stimuli.push_back(src);
        core::ProjectionSpec pr;
        pr.source = "src";
        pr.target = "N";
        pr.receptor = "exc";
        pr.connectivity.rule = "all_to_all";
        pr.weight = core::ValueSpec::constant(w);
        pr.delayMs = core::ValueSpec::constant(0.1);
        p.projections.push_back(pr);
        auto run = tests::runProject(p, 50.0);
        const auto& rec = run.network->stateRecorders[0];

        // Fine forward Euler of the same equations, from the arrival at t = 0.1 ms.
        const double h = 1e-4;
        double v = el, x = 0.0, t = 0.0;
        double worst = 0.0;
        std::size_t next = 0;
        while (next < rec.sampleSteps.size()) {
            const double sampleT = rec.sampleSteps[next] * 0.1;
            if (t >= sampleT - h / 2) {
                worst = std::max(worst, std::fabs(rec.values[next * rec.rowWidth()] - v));
                ++next;
                continue;
            }
            if (std::fabs(t - 0.1) < h / 2)
                x += w;
            const double dv = (-(v - el) + x) / tauM;
            x -= h * x / tauS;
            v += h * dv;
            t += h;
        }
        QVERIFY2(worst < 2e-4, qPrintable(QString("max deviation %1 mV").arg(worst)));
        // The peak of the PSP is where the analytic kernel peaks.
        const double tPeak = std::log(tauM / tauS) * tauM * tauS / (tauM - tauS);
        std::size_t argmax = 0;
        for (std::size_t k = 0; k < rec.sampleSteps.size(); ++k)
            if (rec.values[k * rec.rowWidth()] > rec.values[argmax * rec.rowWidth()])
                argmax = k;
        QVERIFY(std::fabs((argmax + 1) * 0.1 - (0.1 + tPeak)) <= 0.1 + 1e-9);
    }

    /// Regular firing under strong DC: the period is t_ref + tau ln((RI + E_L - V_r)/(RI + E_L -
    /// V_t)).
    void refractoryPeriodIsHonoured() {
        const double tau = 10.0, cm = 250.0, el = -70.0, vt = -55.0, vr = -70.0, tref = 2.0;
        const double current = 1000.0; // R I = 40 mV
        auto run = tests::runProject(singleNeuron(current, {{"tau_m", tau},
                                                            {"c_m", cm},
                                                            {"e_l", el},
                                                            {"v_thresh", vt},
                                                            {"v_reset", vr},
                                                            {"t_ref", tref}}),
                                     200.0);
        const auto& spikes = run.network->spikeRecorders[0];
        QVERIFY(spikes.steps.size() > 10);
        const double ri = current * tau / cm;
        const double period = tref + tau * std::log((ri + el - vr) / (ri + el - vt));
        for (std::size_t k = 2; k < spikes.steps.size(); ++k) {
            const double isi = (spikes.steps[k] - spikes.steps[k - 1]) * 0.1;
            QVERIFY2(std::fabs(isi - period) <= 0.1 + 1e-9,
                     qPrintable(QString("ISI %1 ms, expected %2 ms").arg(isi).arg(period)));
        }
        // While refractory, v stays at the reset value (sample r is the state at (r + 1) dt).
        const auto& rec = run.network->stateRecorders[0];
        const auto s = static_cast<std::size_t>(spikes.steps[3]);
        for (std::size_t k = s; k <= s + static_cast<std::size_t>(tref / 0.1); ++k)
            QCOMPARE(rec.values[k * rec.rowWidth()], float(vr));
        QVERIFY(rec.values[(s + static_cast<std::size_t>(tref / 0.1) + 1) * rec.rowWidth()] > vr);
    }

    /// A spike emitted at step s with delay d arrives exactly at step s + d.
    void delayedSpikeArrivesAtTheRightStep_data() {
        QTest::addColumn<double>("delayMs");
        QTest::addColumn<bool>("distributed");
        QTest::newRow("one step (direct)") << 0.1 << false;
        QTest::newRow("2 ms (ring)") << 2.0 << false;
        QTest::newRow("12.3 ms (ring)") << 12.3 << false;
        QTest::newRow("per-synapse 3.7 ms") << 3.7 << true;
    }

    void delayedSpikeArrivesAtTheRightStep() {
        QFETCH(double, delayMs);
        QFETCH(bool, distributed);
        core::ProjectSpec p = singleNeuron(0.0, {{"v_thresh", 0.0}, {"tau_syn_exc", 5.0}});
        core::StimulusSpec src;
        src.name = "src";
        src.model = "spike_times";
        src.size = 1;
        src.times = {1.0};
        p.stimuli.push_back(src);
        core::ProjectionSpec pr;
        pr.source = "src";
        pr.target = "N";
        pr.receptor = "exc";
        pr.weight = core::ValueSpec::constant(2.0);
        pr.delayMs = distributed ? core::ValueSpec::uniform(delayMs, delayMs)
                                 : core::ValueSpec::constant(delayMs);
        if (distributed)
            pr.delayMs.kind = core::ValueSpec::Kind::Uniform;
        p.projections.push_back(pr);
        auto run = tests::runProject(p, 30.0);
        const auto& rec = run.network->stateRecorders[0];
        const auto arrival = static_cast<std::size_t>(std::llround((1.0 + delayMs) / 0.1));
        const std::size_t iExc = rec.neurons.size(); // column of i_exc
        for (std::size_t k = 0; k < arrival; ++k)
            QCOMPARE(rec.values[k * rec.rowWidth() + iExc], 0.0f);
        // Absorbed during the update of the arrival step: sample `arrival` holds one step of decay.
        const float expected = static_cast<float>(2.0 * std::exp(-0.1 / 5.0));
        QVERIFY2(std::fabs(rec.values[arrival * rec.rowWidth() + iExc] - expected) < 1e-5f,
                 qPrintable(QString("i_exc %1 at the arrival step")
                                .arg(rec.values[arrival * rec.rowWidth() + iExc])));
    }
};

QTEST_APPLESS_MAIN(TestLifDynamics)
#include "TestLifDynamics.moc"
