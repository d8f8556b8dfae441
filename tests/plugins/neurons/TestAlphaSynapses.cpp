// Alpha synapses: the synaptic kernel is w (e t / tau) exp(-t / tau), and the exact membrane
// integration agrees with a fine-step reference.

#include "core/TestSupport.h"

#include <QtTest>

using namespace plexus;

namespace {

tests::Run singleInput(const std::string& model, double w, std::map<std::string, double> params,
                       const std::vector<std::string>& vars) {
    core::ProjectSpec p;
    p.populations.push_back({"N", model, 1, std::move(params), {}});
    core::StimulusSpec s;
    s.name = "in";
    s.model = "spike_times";
    s.size = 1;
    s.times = {0.9}; // arrives at step 10, t = 1.0 ms
    p.stimuli.push_back(s);
    core::ProjectionSpec pr;
    pr.source = "in";
    pr.target = "N";
    pr.weight = core::ValueSpec::constant(w);
    p.projections.push_back(pr);
    p.recorders.push_back({"x", "state", "N", vars, {0}, 0.1, 1.0});
    return tests::runProject(p, 60.0);
}

} // namespace

class TestAlphaSynapses : public QObject {
    Q_OBJECT

private slots:
    void currentKernelAndMembraneAreExact() {
        const double tau = 2.0, tauM = 10.0, w = 4.0, el = -70.0;
        auto run = singleInput("lif_cuba_alpha", w,
                               {{"tau_syn_exc", tau}, {"tau_m", tauM}, {"v_thresh", 100.0}},
                               {"i_exc", "v"});
        const auto& rec = run.network->stateRecorders[0];
        // Fine Euler reference of the same linear system from the arrival at t = 1.0 ms.
        const double hFine = 1e-4;
        double y = 0, i = 0, v = el, t = 0;
        double worstKernel = 0, worstV = 0, peakT = 0, peak = 0;
        for (std::size_t k = 0; k < rec.sampleSteps.size(); ++k) {
            const double sampleT = rec.sampleSteps[k] * 0.1;
            while (t < sampleT - hFine / 2) {
                if (std::fabs(t - 1.0) < hFine / 2)
                    y += w;
                const double dy = -y / tau, di = (-i + std::exp(1.0) * y) / tau,
                             dv = (-(v - el) + i) / tauM;
                y += hFine * dy;
                i += hFine * di;
                v += hFine * dv;
                t += hFine;
            }
            const double since = sampleT - 1.0;
            const double kernel =
                since > 0 ? w * std::exp(1.0) * since / tau * std::exp(-since / tau) : 0.0;
            worstKernel = std::max(worstKernel, std::fabs(rec.values[k * 2] - kernel));
            worstV = std::max(worstV, std::fabs(rec.values[k * 2 + 1] - v));
            if (rec.values[k * 2] > peak) {
                peak = rec.values[k * 2];
                peakT = since;
            }
        }
        QVERIFY2(worstKernel < 1e-5, qPrintable(QString::number(worstKernel)));
        QVERIFY2(worstV < 5e-4, qPrintable(QString::number(worstV)));
        QVERIFY(std::fabs(peak - w) < 1e-4);     // the weight is the peak
        QVERIFY(std::fabs(peakT - tau) < 0.051); // reached tau after the spike
    }

    void conductanceKernelIsExact() {
        const double tau = 1.5, w = 8.0;
        auto run = singleInput("lif_coba_alpha", w, {{"tau_syn_exc", tau}}, {"g_exc"});
        const auto& rec = run.network->stateRecorders[0];
        for (std::size_t k = 10; k < 200; k += 7) {
            const double since = rec.sampleSteps[k] * 0.1 - 1.0;
            const double kernel = w * std::exp(1.0) * since / tau * std::exp(-since / tau);
            QVERIFY(std::fabs(rec.values[k] - kernel) < 1e-5);
        }
        // The conductance pulls v toward e_exc = 0 mV: v rises above rest.
        QVERIFY(*std::max_element(rec.values.begin(), rec.values.end()) > 0.0f);
    }
};

QTEST_APPLESS_MAIN(TestAlphaSynapses)
#include "TestAlphaSynapses.moc"
