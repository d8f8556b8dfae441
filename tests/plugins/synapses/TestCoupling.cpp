// Continuous couplings: gap junctions and rate units against analytic steady states.

#include "core/TestSupport.h"

#include <QtTest>

using namespace plexus;

class TestCoupling : public QObject {
    Q_OBJECT

private slots:
    /// Two passive cells, current into cell 0 only, coupled both ways by g:
    /// u0 = I (gL + g) / (gL (gL + 2 g)), u1 = g u0 / (gL + g), with gL = C / tau.
    void gapJunctionSteadyState() {
        const double tau = 10.0, cm = 250.0, g = 10.0, current = 200.0, el = -70.0;
        core::ProjectSpec p;
        p.populations.push_back({"N",
                                 "lif_cuba",
                                 2,
                                 {{"tau_m", tau}, {"c_m", cm}, {"e_l", el}, {"v_thresh", 100.0}},
                                 {}});
        core::StimulusSpec dc;
        dc.name = "dc";
        dc.model = "dc_current";
        dc.target = "N";
        dc.neurons = {0};
        dc.params["amplitude_pa"] = current;
        p.stimuli.push_back(dc);
        core::ProjectionSpec gap;
        gap.source = "N";
        gap.target = "N";
        gap.connectivity.rule = "all_to_all";
        gap.connectivity.autapses = false;
        gap.weight = core::ValueSpec::constant(g);
        gap.synapse = "gap_junction";
        p.projections.push_back(gap);
        p.recorders.push_back({"v", "state", "N", {"v"}, {0, 1}, 1.0, 1.0});
        for (int threads : {1, 2}) {
            auto run = tests::runProject(p, 300.0, {std::nullopt, threads, false, 0});
            const auto& rec = run.network->stateRecorders[0];
            const double gl = cm / tau;
            const double u0 = current * (gl + g) / (gl * (gl + 2 * g));
            const double u1 = g * u0 / (gl + g);
            const std::size_t last = rec.sampleSteps.size() - 1;
            QVERIFY2(
                std::fabs(rec.values[last * 2] - (el + u0)) < 1e-3,
                qPrintable(QString("v0 %1, expected %2").arg(rec.values[last * 2]).arg(el + u0)));
            QVERIFY2(std::fabs(rec.values[last * 2 + 1] - (el + u1)) < 1e-3,
                     qPrintable(
                         QString("v1 %1, expected %2").arg(rec.values[last * 2 + 1]).arg(el + u1)));
        }
    }

    /// A tanh unit with bias b relaxes exactly as b (1 - exp(-t / tau)); a unit it drives with
    /// weight w settles at w tanh(b).
    void tanhUnitsRelaxAndCouple() {
        const double tau = 5.0, b = 0.8, w = -1.7;
        core::ProjectSpec p;
        p.populations.push_back({"A", "rate_tanh", 1, {{"tau", tau}, {"bias", b}}, {}});
        p.populations.push_back({"B", "rate_tanh", 1, {{"tau", 3.0}}, {}});
        core::ProjectionSpec pr;
        pr.source = "A";
        pr.target = "B";
        pr.weight = core::ValueSpec::constant(w);
        pr.synapse = "rate";
        p.projections.push_back(pr);
        p.recorders.push_back({"a", "state", "A", {"x", "r"}, {0}, 0.1, 1.0});
        p.recorders.push_back({"b", "state", "B", {"x"}, {0}, 0.1, 1.0});
        auto run = tests::runProject(p, 200.0);
        const auto& a = run.network->stateRecorders[0];
        for (std::size_t k : {std::size_t(9), std::size_t(49), std::size_t(199)}) {
            const double t = a.sampleSteps[k] * 0.1;
            QVERIFY(std::fabs(a.values[k * 2] - b * (1 - std::exp(-t / tau))) < 1e-5);
            QVERIFY(std::fabs(a.values[k * 2 + 1] - std::tanh(a.values[k * 2])) < 1e-6);
        }
        const auto& bx = run.network->stateRecorders[1].values;
        QVERIFY2(std::fabs(bx.back() - w * std::tanh(b)) < 1e-4,
                 qPrintable(QString("%1 vs %2").arg(bx.back()).arg(w * std::tanh(b))));
    }

    /// A Wilson–Cowan unit with recurrent excitation w settles at the fixed point of
    /// r = (k - rho r) S(w r + bias) / 1 found by bisection.
    void wilsonCowanFixedPoint() {
        const double a = 1.3, theta = 4.0, w = 12.0, bias = 1.0, k = 1.0, rho = 1.0;
        core::ProjectSpec p;
        p.populations.push_back(
            {"E",
             "wilson_cowan",
             1,
             {{"a", a}, {"theta", theta}, {"bias", bias}, {"k", k}, {"rho", rho}, {"tau", 10.0}},
             {{"r", core::ValueSpec::constant(0.45)}}});
        core::ProjectionSpec pr;
        pr.source = "E";
        pr.target = "E";
        pr.weight = core::ValueSpec::constant(w);
        pr.synapse = "rate";
        p.projections.push_back(pr);
        p.recorders.push_back({"r", "state", "E", {"r"}, {0}, 1.0, 1.0});
        auto run = tests::runProject(p, 2000.0);
        auto s = [&](double x) {
            return 1 / (1 + std::exp(-a * (x - theta))) - 1 / (1 + std::exp(a * theta));
        };
        auto f = [&](double r) { return (k - rho * r) * s(w * r + bias) - r; };
        // The upper stable fixed point: bracket [0.3, 0.5] (f changes sign there).
        double lo = 0.3, hi = 0.5;
        QVERIFY(f(lo) * f(hi) < 0);
        for (int i = 0; i < 60; ++i) {
            const double mid = 0.5 * (lo + hi);
            (f(lo) * f(mid) <= 0 ? hi : lo) = mid;
        }
        const double got = run.network->stateRecorders[0].values.back();
        QVERIFY2(std::fabs(got - lo) < 1e-4, qPrintable(QString("%1 vs %2").arg(got).arg(lo)));
    }
};

QTEST_APPLESS_MAIN(TestCoupling)
#include "TestCoupling.moc"
