// Leaky-memory neuron: exact per-trace impulse responses, the analytic composition of traces and
// sigmoid for a step input, spike counts of the escape-noise output.

#include "plugins/PluginTestSupport.h"

#include <QtTest>

using namespace plexus;

namespace {

constexpr double kTau[4] = {2.0, 10.0, 50.0, 250.0};

std::map<std::string, double> fourTraces(std::map<std::string, double> extra = {}) {
    std::map<std::string, double> p{{"n_traces", 4.0},
                                    {"tau_1", kTau[0]},
                                    {"tau_2", kTau[1]},
                                    {"tau_3", kTau[2]},
                                    {"tau_4", kTau[3]}};
    for (const auto& [k, v] : extra)
        p[k] = v;
    return p;
}

} // namespace

class TestMemoryNeuron : public QObject {
    Q_OBJECT

private slots:
    /// A weight w arriving in step 11 (t = 1.1 ms) leaves m_k = w exp(-(t - 1.1) / tau_k) in every
    /// trace, each with its own time constant.
    void impulseResponsesDecayWithTheirOwnTau() {
        const double w = 3.0;
        core::ProjectSpec p = tests::singlePopulation("memory_neuron", 1, fourTraces(), 0.1,
                                                      {"m_1", "m_2", "m_3", "m_4"});
        p.stimuli.push_back(tests::spikeTimesSource("src", {1.0}));
        p.projections.push_back(tests::allToAll("src", "N", "exc", w));
        const auto run = tests::runProject(p, 500.0);
        for (std::size_t k = 0; k < 4; ++k) {
            QCOMPARE(tests::stateAt(run, 10, k), 0.0f);
            double worst = 0;
            for (std::size_t r = 11; r < 5000; ++r) {
                const double t = (static_cast<double>(r) - 10.0) * 0.1;
                const double expected = w * std::exp(-t / kTau[k]);
                if (expected < 1e-6)
                    break;
                // float32: the relative error may grow by about one ulp per step.
                const double allowed = 1e-6 + 1.2e-7 * (static_cast<double>(r) - 10.0);
                worst = std::max(worst, std::fabs(tests::stateAt(run, r, k) - expected) / expected /
                                            allowed);
            }
            qInfo("trace %zu (tau %.0f ms): max deviation %.2f of the float bound", k + 1, kTau[k],
                  worst);
            QVERIFY2(worst < 1.0, qPrintable(QString::number(worst)));
        }
        // The fitted decay time of each trace is its tau: ln(m(t1) / m(t2)) = (t2 - t1) / tau.
        for (std::size_t k = 0; k < 4; ++k) {
            const double m1 = tests::stateAt(run, 20, k), m2 = tests::stateAt(run, 30, k);
            QVERIFY(std::fabs(1.0 / std::log(m1 / m2) - kTau[k]) < 1e-3 * kTau[k]);
        }
        // Traces beyond n_traces stay silent.
        p.populations[0].params["n_traces"] = 2.0;
        const auto two = tests::runProject(p, 20.0);
        QVERIFY(tests::stateAt(two, 50, 1) > 0.0f);
        QCOMPARE(tests::stateAt(two, 50, 2), 0.0f);
        QCOMPARE(tests::stateAt(two, 50, 3), 0.0f);
    }

    /// Step of drive u from t_on: m_k = u (1 - exp(-(t - t_on) / tau_k)) and
    /// rate = r_max / (1 + exp(-(bias + sum_k w_k m_k - theta) / slope)), sample by sample.
    void stepInputMatchesAnalyticComposition() {
        const double u = 2.0, tOn = 10.0, bias = 0.2, theta = 1.0, slope = 0.3, rMax = 80.0;
        const double readout[4] = {0.8, -0.3, 0.5, 0.25};
        auto params = fourTraces({{"w_1", readout[0]},
                                  {"w_2", readout[1]},
                                  {"w_3", readout[2]},
                                  {"w_4", readout[3]},
                                  {"bias", bias},
                                  {"theta", theta},
                                  {"slope", slope},
                                  {"rate_max_hz", rMax}});
        core::ProjectSpec p = tests::singlePopulation("memory_neuron", 1, params, 0.1,
                                                      {"m_1", "m_2", "m_3", "m_4", "rate"});
        p.stimuli.push_back(tests::currentStimulus("step", "step_current", "N",
                                                   {{"amplitude_pa", u}, {"start_ms", tOn}}));
        const auto run = tests::runProject(p, 1000.0);
        double worstTrace = 0, worstRate = 0;
        for (std::size_t r = 0; r < 10000; ++r) {
            const double t = static_cast<double>(r + 1) * 0.1; // time of sample r
            double z = bias;
            for (std::size_t k = 0; k < 4; ++k) {
                const double m = t > tOn ? u * -std::expm1(-(t - tOn) / kTau[k]) : 0.0;
                z += readout[k] * m;
                worstTrace = std::max(worstTrace, std::fabs(tests::stateAt(run, r, k) - m));
            }
            const double rate = rMax / (1.0 + std::exp(-(z - theta) / slope));
            worstRate = std::max(worstRate, std::fabs(tests::stateAt(run, r, 4) - rate) / rMax);
        }
        qInfo("step input: max trace deviation %.2e, max rate deviation %.2e of r_max", worstTrace,
              worstRate);
        QVERIFY2(worstTrace < 1e-4 * u, qPrintable(QString::number(worstTrace)));
        QVERIFY2(worstRate < 2e-5, qPrintable(QString::number(worstRate)));
        // Before the step the rate is the sigmoid of the bias alone.
        QVERIFY(std::fabs(tests::stateAt(run, 50, 4) -
                          rMax / (1 + std::exp(-(bias - theta) / slope))) < 1e-4);
    }

    /// At a constant rate r the spike count is Binomial(N steps, 1 - exp(-r dt)) and each
    /// neuron's count has Fano factor ~1 - p.
    void spikeCountMatchesTheRate() {
        const double rMax = 50.0; // bias = theta: rate = r_max / 2 = 25 Hz
        core::ProjectSpec p = tests::singlePopulation(
            "memory_neuron", 2000, {{"bias", 1.0}, {"theta", 1.0}, {"rate_max_hz", rMax}}, 0.1);
        const auto run = tests::runProject(p, 1000.0, {std::nullopt, 2, false});
        const double prob = -std::expm1(-25.0 * 1e-4);
        const double expected = 2000.0 * 10000.0 * prob;
        const auto& rec = run.network->spikeRecorders[0];
        const double count = static_cast<double>(rec.steps.size());
        qInfo("spikes %.0f, expected %.0f +- %.0f", count, expected, std::sqrt(expected));
        QVERIFY2(std::fabs(count - expected) < 5 * std::sqrt(expected),
                 qPrintable(QString::number(count)));
        std::vector<double> perNeuron(2000, 0.0);
        for (const auto n : rec.neurons)
            perNeuron[static_cast<std::size_t>(n)] += 1;
        double mean = 0, var = 0;
        for (double c : perNeuron)
            mean += c / 2000.0;
        for (double c : perNeuron)
            var += (c - mean) * (c - mean) / 1999.0;
        QVERIFY2(std::fabs(var / mean - 1.0) < 0.1, qPrintable(QString::number(var / mean)));
        // Same spikes with one thread.
        const auto one = tests::runProject(p, 1000.0, {std::nullopt, 1, false});
        QCOMPARE(one.network->spikeRecorders[0].steps, rec.steps);
        QCOMPARE(one.network->spikeRecorders[0].neurons, rec.neurons);
    }

    void extremeParametersStayFinite() {
        core::ProjectSpec p = tests::singlePopulation(
            "memory_neuron", 3,
            fourTraces({{"w_1", 1e6}, {"slope", 1e-6}, {"rate_max_hz", 1e5}, {"tau_1", 0.01}}), 1.0,
            {"m_1", "rate"});
        p.stimuli.push_back(
            tests::currentStimulus("dc", "dc_current", "N", {{"amplitude_pa", 1e6}}));
        const auto run = tests::runProject(p, 20.0);
        for (float x : run.network->stateRecorders[0].values)
            QVERIFY(std::isfinite(x));
        QCOMPARE(run.network->spikeRecorders[0].steps.size(), std::size_t(3 * 20));
    }
};

QTEST_GUILESS_MAIN(TestMemoryNeuron)
#include "TestMemoryNeuron.moc"
