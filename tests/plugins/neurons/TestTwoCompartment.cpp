// Two-compartment LIF: steady-state attenuation of dendritic and somatic DC, the transient of
// the coupled linear system, the transfer of synaptic charge, the somatic firing threshold for
// dendritic drive, reset and refractoriness.

#include "plugins/PluginTestSupport.h"

#include <QtTest>

using namespace plexus;

namespace {

constexpr double kCs = 200, kGls = 10, kCd = 100, kGld = 5, kEl = -70;

std::map<std::string, double> passive(double gc, std::map<std::string, double> extra = {}) {
    std::map<std::string, double> p{{"c_s", kCs},       {"g_ls", kGls}, {"c_d", kCd},
                                    {"g_ld", kGld},     {"g_c", gc},    {"e_l", kEl},
                                    {"v_thresh", 150.0}};
    for (const auto& [k, v] : extra)
        p[k] = v;
    return p;
}

/// det of the steady-state conductance matrix [[g_ls + g_c, -g_c], [-g_c, g_ld + g_c]].
double det(double gc) {
    return (kGls + gc) * (kGld + gc) - gc * gc;
}

} // namespace

class TestTwoCompartment : public QObject {
    Q_OBJECT

private slots:
    void dendriticDcAttenuation_data() {
        QTest::addColumn<double>("gc");
        QTest::newRow("weak coupling 1 nS") << 1.0;
        QTest::newRow("10 nS") << 10.0;
        QTest::newRow("strong coupling 100 nS") << 100.0;
    }

    /// DC I_d into the dendrite: u_d = (g_ls + g_c) I_d / det, u_s = g_c I_d / det, so
    /// u_s / u_d = g_c / (g_ls + g_c). Given as a bias and as a dc_current at dend_current.
    void dendriticDcAttenuation() {
        QFETCH(double, gc);
        const double current = 100.0;
        for (bool viaStimulus : {false, true}) {
            core::ProjectSpec p = tests::singlePopulation(
                "two_compartment", 1,
                passive(gc, viaStimulus ? std::map<std::string, double>{}
                                        : std::map<std::string, double>{{"i_e_dend", current}}),
                0.1, {"v_s", "v_d"});
            if (viaStimulus)
                p.stimuli.push_back(tests::currentStimulus(
                    "dc", "dc_current", "N", {{"amplitude_pa", current}}, "dend_current"));
            const auto run = tests::runProject(p, 1000.0);
            const double us = tests::stateAt(run, 9999, 0) - kEl;
            const double ud = tests::stateAt(run, 9999, 1) - kEl;
            const double expectedS = gc * current / det(gc);
            const double expectedD = (kGls + gc) * current / det(gc);
            QVERIFY2(std::fabs(us - expectedS) < 1e-4 * expectedD + 1e-5,
                     qPrintable(QString("u_s %1 mV, expected %2").arg(us).arg(expectedS)));
            QVERIFY2(std::fabs(ud - expectedD) < 1e-4 * expectedD,
                     qPrintable(QString("u_d %1 mV, expected %2").arg(ud).arg(expectedD)));
            QVERIFY(std::fabs(us / ud - gc / (kGls + gc)) < 1e-4);
        }
    }

    /// DC into the soma: u_d / u_s = g_c / (g_ld + g_c).
    void somaticDcAttenuation() {
        const double gc = 10.0, current = 150.0;
        const auto run = tests::runProject(
            tests::singlePopulation("two_compartment", 1, passive(gc, {{"i_e_soma", current}}), 0.1,
                                    {"v_s", "v_d"}),
            1000.0);
        const double us = tests::stateAt(run, 9999, 0) - kEl;
        const double ud = tests::stateAt(run, 9999, 1) - kEl;
        QVERIFY(std::fabs(us - (kGld + gc) * current / det(gc)) < 1e-3);
        QVERIFY(std::fabs(ud / us - gc / (kGld + gc)) < 1e-4);
    }

    /// The step response of the coupled system, u(t) = u_inf + sum_k c_k e^(lambda_k t) e_k
    /// (closed-form 2x2 eigen-decomposition), is followed exactly at every step.
    void transientMatchesEigenSolution() {
        const double gc = 10.0, current = 100.0;
        const auto run = tests::runProject(
            tests::singlePopulation("two_compartment", 1, passive(gc, {{"i_e_dend", current}}), 0.1,
                                    {"v_s", "v_d"}),
            200.0);
        // u' = M u + b, M = [[-(g_ls + g_c)/c_s, g_c/c_s], [g_c/c_d, -(g_ld + g_c)/c_d]].
        const double m11 = -(kGls + gc) / kCs, m12 = gc / kCs, m21 = gc / kCd,
                     m22 = -(kGld + gc) / kCd;
        const double tr = m11 + m22, dt = m11 * m22 - m12 * m21;
        const double l1 = 0.5 * (tr + std::sqrt(tr * tr - 4 * dt));
        const double l2 = 0.5 * (tr - std::sqrt(tr * tr - 4 * dt));
        const double infS = gc * current / det(gc), infD = (kGls + gc) * current / det(gc);
        // Eigenvectors (m12, l - m11); u(0) = 0 gives c1 e1 + c2 e2 = -u_inf.
        const double e1s = m12, e1d = l1 - m11, e2s = m12, e2d = l2 - m11;
        const double c2 = (-infD * e1s + infS * e1d) / (e1s * e2d - e1d * e2s);
        const double c1 = (-infS - c2 * e2s) / e1s;
        double worst = 0;
        for (std::size_t r = 0; r < 2000; ++r) {
            const double t = static_cast<double>(r + 1) * 0.1;
            const double us = infS + c1 * e1s * std::exp(l1 * t) + c2 * e2s * std::exp(l2 * t);
            const double ud = infD + c1 * e1d * std::exp(l1 * t) + c2 * e2d * std::exp(l2 * t);
            worst = std::max({worst, std::fabs(tests::stateAt(run, r, 0) - kEl - us),
                              std::fabs(tests::stateAt(run, r, 1) - kEl - ud)});
        }
        qInfo("transient: max deviation %.2e mV (tau %.2f and %.2f ms)", worst, -1 / l1, -1 / l2);
        // float32 propagators and state: ~1e-4 relative (steady state 5 and 10 mV).
        QVERIFY2(worst < 1e-3, qPrintable(QString::number(worst)));
    }

    /// A synaptic charge Q = w tau_syn delivered to the dendrite gives the somatic potential
    /// area Q g_c / det (the DC transfer resistance); at the soma, Q (g_ld + g_c) / det.
    /// (A large weight: float state stalls a decaying tail within ~1e-3 mV of rest.)
    void synapticChargeTransfer() {
        const double gc = 10.0, w = 4000.0, tau = 5.0;
        for (const char* receptor : {"dend_exc", "exc"}) {
            core::ProjectSpec p = tests::singlePopulation(
                "two_compartment", 1, passive(gc, {{"tau_syn_exc", tau}}), 0.1, {"v_s"});
            p.stimuli.push_back(tests::spikeTimesSource("src", {1.0}));
            p.projections.push_back(tests::allToAll("src", "N", receptor, w));
            const auto run = tests::runProject(p, 300.0);
            double area = 0;
            for (std::size_t r = 0; r < 3000; ++r)
                area += (tests::stateAt(run, r) - kEl) * 0.1;
            const bool dend = std::string(receptor) == "dend_exc";
            const double expected = w * tau * (dend ? gc : kGld + gc) / det(gc);
            qInfo("%s: somatic area %.4f mV ms, expected %.4f", receptor, area, expected);
            QVERIFY2(std::fabs(area - expected) < 2e-3 * expected,
                     qPrintable(QString::number(area)));
        }
    }

    /// Dendritic DC makes the soma fire iff its somatic steady state exceeds the threshold:
    /// I_crit = (v_thresh - e_l) det / g_c.
    void somaticThresholdForDendriticDrive() {
        const double gc = 10.0, thresh = -55.0;
        const double critical = (thresh - kEl) * det(gc) / gc;
        auto spikes = [&](double current) {
            auto params = passive(gc, {{"i_e_dend", current}, {"v_thresh", thresh}});
            return tests::runProject(tests::singlePopulation("two_compartment", 1, params, 0.1),
                                     1000.0)
                .network->spikeRecorders[0]
                .steps.size();
        };
        QCOMPARE(spikes(0.99 * critical), std::size_t(0));
        QVERIFY(spikes(1.02 * critical) >= 2);
    }

    /// After a spike the soma sits at v_reset for t_ref while the dendrite keeps moving.
    void resetAndRefractoryClampOnlyTheSoma() {
        const auto run =
            tests::runProject(tests::singlePopulation("two_compartment", 1,
                                                      passive(10.0, {{"i_e_soma", 600.0},
                                                                     {"v_thresh", -55.0},
                                                                     {"v_reset", -68.0},
                                                                     {"t_ref", 3.0}}),
                                                      0.1, {"v_s", "v_d"}),
                              100.0);
        const auto& steps = run.network->spikeRecorders[0].steps;
        QVERIFY(steps.size() >= 3);
        const auto s = static_cast<std::size_t>(steps[1]);
        for (std::size_t r = s; r <= s + 30; ++r)
            QCOMPARE(tests::stateAt(run, r, 0), -68.0f);
        QVERIFY(tests::stateAt(run, s + 31, 0) > -68.0f);
        QVERIFY(tests::stateAt(run, s + 30, 1) != tests::stateAt(run, s, 1));
    }

    void threadSplitDoesNotChangeSpikes() {
        core::ProjectSpec p =
            tests::singlePopulation("two_compartment", 1003,
                                    passive(10.0, {{"v_thresh", -55.0}, {"i_e_dend", 400.0}}), 0.1);
        p.populations[0].initial["v_s"] = core::ValueSpec::uniform(-70.0, -55.0);
        p.populations[0].initial["v_d"] = core::ValueSpec::uniform(-70.0, -40.0);
        const auto one = tests::runProject(p, 200.0, {std::nullopt, 1, false});
        const auto two = tests::runProject(p, 200.0, {std::nullopt, 2, false});
        QVERIFY(one.network->spikeRecorders[0].steps.size() > 1000);
        QCOMPARE(one.network->spikeRecorders[0].steps, two.network->spikeRecorders[0].steps);
        QCOMPARE(one.network->spikeRecorders[0].neurons, two.network->spikeRecorders[0].neurons);
    }

    void extremeParametersStayFinite() {
        const auto run = tests::runProject(tests::singlePopulation("two_compartment", 5,
                                                                   {{"c_s", 1e-3},
                                                                    {"c_d", 1e7},
                                                                    {"g_c", 1e6},
                                                                    {"g_ls", 1e-6},
                                                                    {"i_e_dend", 1e6},
                                                                    {"tau_syn_exc", 0.01}},
                                                                   1.0, {"v_s", "v_d"}),
                                           50.0);
        for (float x : run.network->stateRecorders[0].values)
            QVERIFY(std::isfinite(x));
    }
};

QTEST_GUILESS_MAIN(TestTwoCompartment)
#include "TestTwoCompartment.moc"
