// AdEx (Brette & Gerstner 2005): the firing patterns of Naud et al. (2008, Table 1) with
// quantitative criteria, and the f-I curve and rheobase of the exponential IF (a = b = 0)
// against the analytic rheobase and the quadrature of the interspike interval.

#include "plugins/PluginTestSupport.h"

#include <QtTest>

using namespace plexus;

namespace {

/// Naud et al. (2008), Table 1: c_m (pF), g_l (nS), e_l, v_t, delta_t (mV), a (nS), tau_w (ms),
/// b (pA), v_reset (mV), step current I (pA). v_peak = 0 mV, no refractory period.
struct Pattern {
    const char* name;
    double cm, gl, el, vt, deltaT, a, tauW, b, vReset, current;
};
constexpr Pattern kTonic{"tonic spiking", 200, 10, -70, -50, 2, 2, 30, 0, -58, 500};
constexpr Pattern kAdaptation{"adaptation", 200, 12, -70, -50, 2, 2, 300, 60, -58, 500};
constexpr Pattern kInitialBurst{"initial burst", 130, 18, -58, -50, 2, 4, 150, 120, -50, 400};
constexpr Pattern kRegularBursting{"regular bursting", 200, 10, -58, -50, 2, 2, 120, 100, -46, 210};

std::map<std::string, double> params(const Pattern& p) {
    return {{"c_m", p.cm},         {"g_l", p.gl},   {"e_l", p.el},     {"v_t", p.vt},
            {"delta_t", p.deltaT}, {"a", p.a},      {"tau_w", p.tauW}, {"b", p.b},
            {"v_reset", p.vReset}, {"v_peak", 0.0}, {"t_ref", 0.0},    {"i_e", p.current}};
}

std::vector<double> fire(std::map<std::string, double> params, double ms, double dt = 0.1) {
    const auto run =
        tests::runProject(tests::singlePopulation("adex", 1, std::move(params), dt), ms);
    return tests::spikeTimes(run, 0);
}

QString show(const std::vector<double>& x, std::size_t n = 12) {
    QStringList out;
    for (std::size_t k = 0; k < std::min(n, x.size()); ++k)
        out << QString::number(x[k], 'f', 1);
    return out.join(' ');
}

/// Interspike interval of the exponential IF (a = b = 0) driven by I, from v_reset to v_peak:
/// T = integral C dV / (I - g_l (V - e_l) + g_l delta_t exp((V - v_t) / delta_t)) (Simpson).
double isiQuadrature(double current, double cm, double gl, double el, double vt, double deltaT,
                     double vReset, double vPeak) {
    const int n = 2000000;
    const double hV = (vPeak - vReset) / n;
    auto f = [&](double v) {
        return cm / (current - gl * (v - el) + gl * deltaT * std::exp((v - vt) / deltaT));
    };
    double sum = f(vReset) + f(vPeak);
    for (int k = 1; k < n; ++k)
        sum += (k % 2 ? 4.0 : 2.0) * f(vReset + k * hV);
    return sum * hV / 3.0;
}

} // namespace

class TestAdex : public QObject {
    Q_OBJECT

private slots:
    /// Tonic spiking: a periodic train; Naud's adaptation index
    /// A = <(ISI_k+1 - ISI_k) / (ISI_k+1 + ISI_k)> is below 0.01 (the weak subthreshold
    /// adaptation, a = 2 nS, lengthens the interval by under 10 % over the first spikes).
    void tonicSpiking() {
        const auto isi = tests::intervals(fire(params(kTonic), 1000.0));
        QVERIFY2(isi.size() >= 50, qPrintable(show(isi)));
        const double index = tests::adaptationIndex(isi);
        qInfo("tonic: %zu ISIs, A = %.4f, ISI %s", isi.size(), index, qPrintable(show(isi, 6)));
        QVERIFY2(std::fabs(index) < 0.01, qPrintable(QString::number(index)));
        QVERIFY2(isi.back() < 1.1 * isi.front(), qPrintable(show(isi)));
        const double range = *std::max_element(isi.end() - 20, isi.end()) -
                             *std::min_element(isi.end() - 20, isi.end());
        QVERIFY2(range <= 0.1 + 1e-9, qPrintable(show(isi))); // periodic to one step
    }

    /// Adaptation: intervals grow monotonically to a steady state several times the first.
    void spikeFrequencyAdaptation() {
        const auto isi = tests::intervals(fire(params(kAdaptation), 1000.0));
        QVERIFY2(isi.size() >= 5, qPrintable(show(isi)));
        for (std::size_t k = 1; k < isi.size(); ++k)
            QVERIFY2(isi[k] >= isi[k - 1] - 0.1 - 1e-9, qPrintable(show(isi)));
        QVERIFY2(isi.back() > 3.0 * isi.front(), qPrintable(show(isi)));
        const double index = tests::adaptationIndex(isi);
        qInfo("adaptation: A = %.4f, ISI %s", index, qPrintable(show(isi)));
        QVERIFY2(index > 0.05, qPrintable(QString::number(index)));
        // ...while tonic spiking does not adapt.
        QVERIFY(tests::adaptationIndex(tests::intervals(fire(params(kTonic), 1000.0))) <
                0.1 * index);
    }

    /// Initial burst: a burst of closely spaced spikes at onset, then regular single spikes
    /// at intervals many times longer.
    void initialBurst() {
        const auto times = fire(params(kInitialBurst), 1000.0);
        const auto isi = tests::intervals(times);
        const auto bursts = tests::burstSizes(times, 15.0);
        qInfo("initial burst: ISI %s", qPrintable(show(isi)));
        QVERIFY2(bursts.size() >= 5, qPrintable(show(isi)));
        QVERIFY2(bursts.front() >= 2 && bursts.front() <= 5, qPrintable(show(isi)));
        for (std::size_t k = 1; k < bursts.size(); ++k)
            QVERIFY2(bursts[k] == 1, qPrintable(show(isi)));
        const double late = isi.back();
        QVERIFY2(isi.front() < 0.25 * late, qPrintable(show(isi)));
        QVERIFY(std::fabs(isi[isi.size() - 2] - late) <= 0.2 + 1e-9); // tonic after the burst
    }

    /// Regular bursting: stereotyped bursts of several spikes, repeated at regular intervals.
    void regularBursting() {
        const auto times = fire(params(kRegularBursting), 1000.0);
        const auto bursts = tests::burstSizes(times, 15.0);
        QVERIFY2(bursts.size() >= 4, qPrintable(show(tests::intervals(times), 30)));
        for (std::size_t k = 1; k + 1 < bursts.size(); ++k) {
            QVERIFY2(bursts[k] >= 2, qPrintable(show(tests::intervals(times), 30)));
            QVERIFY(std::abs(bursts[k] - bursts[1]) <= 1);
        }
        std::vector<double> starts;
        for (std::size_t k = 0; k < times.size(); ++k)
            if (k == 0 || times[k] - times[k - 1] >= 15.0)
                starts.push_back(times[k]);
        const auto period = tests::intervals(starts);
        qInfo("regular bursting: burst sizes %d %d %d, burst period %s ms", bursts[0], bursts[1],
              bursts[2], qPrintable(show(period, 4)));
        for (std::size_t k = 2; k < period.size(); ++k)
            QVERIFY2(std::fabs(period[k] - period[1]) < 0.05 * period[1], qPrintable(show(period)));
    }

    /// a = b = 0: rheobase I_rh = g_l (v_t - e_l - delta_t); below it the cell settles, above
    /// it it fires periodically with the interval of the quadrature.
    void rheobaseMatchesAnalytic() {
        const double gl = 30, el = -70.6, vt = -50.4, deltaT = 2;
        const double rheobase = gl * (vt - el - deltaT); // 546 pA
        const std::map<std::string, double> base{{"a", 0.0}, {"b", 0.0}};
        auto with = [&](double current) {
            auto p = base;
            p["i_e"] = current;
            return fire(p, 3000.0);
        };
        QVERIFY(with(0.995 * rheobase).empty());
        const auto above = with(1.01 * rheobase);
        const double period = isiQuadrature(1.01 * rheobase, 281, gl, el, vt, deltaT, el, 0.0);
        QVERIFY2(above.size() >= 3, qPrintable(QString::number(above.size())));
        const double measured =
            (above.back() - above.front()) / static_cast<double>(above.size() - 1);
        qInfo("rheobase %.1f pA; at 1.01 I_rh ISI %.3f ms, quadrature %.3f ms", rheobase, measured,
              period);
        QVERIFY2(std::fabs(measured - period) < 0.005 * period,
                 qPrintable(QString("ISI %1 ms, quadrature %2 ms").arg(measured).arg(period)));
    }

    /// f-I curve of the exponential IF against the quadrature, with and without t_ref.
    void rateMatchesQuadrature() {
        const double cm = 200, gl = 10, el = -70, vt = -50, deltaT = 2, vReset = -58;
        const double rheobase = gl * (vt - el - deltaT); // 180 pA
        for (double tRef : {0.0, 2.0})
            for (double factor : {1.05, 1.3, 2.0, 4.0}) {
                const double current = factor * rheobase;
                const auto times = fire({{"c_m", cm},
                                         {"g_l", gl},
                                         {"e_l", el},
                                         {"v_t", vt},
                                         {"delta_t", deltaT},
                                         {"a", 0.0},
                                         {"b", 0.0},
                                         {"v_reset", vReset},
                                         {"v_peak", 0.0},
                                         {"t_ref", tRef},
                                         {"i_e", current}},
                                        2000.0);
                QVERIFY(times.size() >= 5);
                const double isi =
                    (times.back() - times[1]) / static_cast<double>(times.size() - 2);
                const double expected =
                    isiQuadrature(current, cm, gl, el, vt, deltaT, vReset, 0.0) + tRef;
                // The reset falls on a 0.01 ms substep boundary, so the period is a whole number
                // of substeps (measured: 1-2 substeps above the quadrature).
                const double tol = 0.0005 * expected + 0.03;
                qInfo("f-I: I %.0f pA t_ref %.0f: ISI %.4f ms, quadrature %.4f ms", current, tRef,
                      isi, expected);
                QVERIFY2(std::fabs(isi - expected) < tol,
                         qPrintable(QString("I %1 pA, t_ref %2: ISI %3 ms, quadrature %4 ms")
                                        .arg(current)
                                        .arg(tRef)
                                        .arg(isi)
                                        .arg(expected)));
            }
    }

    /// A weight at `exc` jumps i_syn_exc, which then decays exactly with tau_syn_exc; w follows
    /// a (v - e_l) subthreshold.
    void synapticCurrentDecaysExactly() {
        core::ProjectSpec p = tests::singlePopulation("adex", 1, {{"tau_syn_exc", 4.0}}, 0.1,
                                                      {"i_syn_exc", "v", "w"});
        p.stimuli.push_back(tests::spikeTimesSource("src", {1.0}));
        p.projections.push_back(tests::allToAll("src", "N", "exc", 100.0));
        const auto run = tests::runProject(p, 30.0);
        for (std::size_t r = 11; r < 300; ++r) {
            const double t = (static_cast<double>(r) - 10.0) * 0.1;
            QVERIFY(std::fabs(tests::stateAt(run, r, 0) - 100.0 * std::exp(-t / 4.0)) < 1e-3);
        }
        QVERIFY(tests::stateAt(run, 60, 1) > -70.6f + 0.5f); // a 100 pA PSC depolarises
        QVERIFY(tests::stateAt(run, 299, 2) > 0.0f);         // and w follows with a = 4 nS
    }

    void threadSplitDoesNotChangeSpikes() {
        core::ProjectSpec p = tests::singlePopulation("adex", 1003, params(kAdaptation), 0.1);
        p.populations[0].initial["v"] = core::ValueSpec::uniform(-70.0, -50.0);
        p.populations[0].initial["w"] = core::ValueSpec::uniform(0.0, 200.0);
        p.populations[0].params["t_ref"] = 1.0;
        const auto one = tests::runProject(p, 200.0, {std::nullopt, 1, false});
        const auto two = tests::runProject(p, 200.0, {std::nullopt, 2, false});
        QVERIFY(one.network->spikeRecorders[0].steps.size() > 3000);
        QCOMPARE(one.network->spikeRecorders[0].steps, two.network->spikeRecorders[0].steps);
        QCOMPARE(one.network->spikeRecorders[0].neurons, two.network->spikeRecorders[0].neurons);
    }

    void extremeParametersStayFinite() {
        for (double current : {-1e6, 1e6}) {
            auto run = tests::runProject(tests::singlePopulation("adex", 9,
                                                                 {{"delta_t", 0.01},
                                                                  {"v_peak", 200.0},
                                                                  {"c_m", 1e-3},
                                                                  {"g_l", 1e6},
                                                                  {"a", 1e5},
                                                                  {"tau_w", 0.01},
                                                                  {"b", 1e6},
                                                                  {"substep_ms", 1.0},
                                                                  {"i_e", current}},
                                                                 1.0, {"v", "w"}),
                                         50.0);
            for (float x : run.network->stateRecorders[0].values)
                QVERIFY(std::isfinite(x));
        }
    }
};

QTEST_GUILESS_MAIN(TestAdex)
#include "TestAdex.moc"
