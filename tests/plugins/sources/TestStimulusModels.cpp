// Stimulus models: sinusoidally modulated Poisson source (mean rate, modulation depth and
// phase), sinusoidal current (analytic LIF response), Ornstein-Uhlenbeck noise current
// (stationary variance, correlation time, determinism across threads).

#include "plugins/PluginTestSupport.h"

#include <QtTest>
#include <numbers>

using namespace plexus;

namespace {

constexpr double kPi = std::numbers::pi;

core::ProjectSpec poissonProject(std::map<std::string, double> params, std::int64_t size) {
    core::ProjectSpec p;
    core::StimulusSpec s;
    s.name = std::string("P");
    s.model = std::string("poisson_inhomogeneous");
    s.size = size;
    s.params = std::move(params);
    p.stimuli.push_back(s);
    p.recorders.push_back(tests::recorder("spikes", "spikes", "P"));
    return p;
}

/// Rate (Hz) of the first Fourier components of a population's spikes at angular frequency
/// omega (rad/ms): rate(t) ~ r0 + a sin(omega t) + b cos(omega t).
struct Fourier {
    double mean, a, b;
};

Fourier analyse(const tests::Run& run, std::size_t channels, double ms, double omega) {
    const auto& rec = run.network->spikeRecorders[0];
    const double dt = run.network->dtMs;
    double sumSin = 0, sumCos = 0;
    for (const auto step : rec.steps) {
        const double t = (static_cast<double>(step) + 0.5) * dt;
        sumSin += std::sin(omega * t);
        sumCos += std::cos(omega * t);
    }
    const double norm = 1e3 / (static_cast<double>(channels) * ms); // spikes -> Hz
    return {static_cast<double>(rec.steps.size()) * norm, 2 * sumSin * norm, 2 * sumCos * norm};
}

} // namespace

class TestStimulusModels : public QObject {
    Q_OBJECT

private slots:
    /// rate(t) = 20 + 15 sin(2 pi 5 Hz t + 30 deg): mean 20 Hz, depth 15 Hz, phase 30 deg.
    /// 2000 channels x 2 s: standard errors 0.07 Hz (mean) and 0.1 Hz (components).
    void poissonInhomogeneousMeanAndModulation() {
        const double ms = 2000.0;
        const auto project = poissonProject(
            {{"rate_hz", 20.0}, {"amplitude_hz", 15.0}, {"frequency_hz", 5.0}, {"phase_deg", 30.0}},
            2000);
        const auto run = tests::runProject(project, ms);
        const Fourier f = analyse(run, 2000, ms, 2 * kPi * 5e-3);
        const double depth = std::hypot(f.a, f.b);
        const double phase = std::atan2(f.b, f.a) * 180 / kPi;
        qInfo("mean %.3f Hz, depth %.3f Hz, phase %.2f deg", f.mean, depth, phase);
        QVERIFY2(std::fabs(f.mean - 20.0) < 0.35, qPrintable(QString::number(f.mean)));
        QVERIFY2(std::fabs(depth - 15.0) < 0.5, qPrintable(QString::number(depth)));
        QVERIFY2(std::fabs(phase - 30.0) < 2.5, qPrintable(QString::number(phase)));

        // The trains do not depend on the thread split.
        const auto two = tests::runProject(project, 200.0, {std::nullopt, 2, false});
        const auto one = tests::runProject(project, 200.0, {std::nullopt, 1, false});
        QCOMPARE(two.network->spikeRecorders[0].steps, one.network->spikeRecorders[0].steps);
        QCOMPARE(two.network->spikeRecorders[0].neurons, one.network->spikeRecorders[0].neurons);
    }

    /// A > r0: the rate is clipped at 0 and its mean is
    /// [r0 (pi + 2 asin(r0 / A)) + 2 A sqrt(1 - (r0 / A)^2)] / (2 pi) = 15.09 Hz for r0 = 10,
    /// A = 30; no spikes while the sine is below -r0.
    void poissonInhomogeneousClipsAtZero() {
        const double r0 = 10, amp = 30, ms = 2000.0, f = 4.0;
        const auto run = tests::runProject(
            poissonProject({{"rate_hz", r0}, {"amplitude_hz", amp}, {"frequency_hz", f}}, 2000),
            ms);
        const double alpha = std::asin(r0 / amp);
        const double expected = (r0 * (kPi + 2 * alpha) + 2 * amp * std::cos(alpha)) / (2 * kPi);
        const Fourier four = analyse(run, 2000, ms, 2 * kPi * f * 1e-3);
        qInfo("clipped mean %.3f Hz, expected %.3f Hz", four.mean, expected);
        QVERIFY2(std::fabs(four.mean - expected) < 0.3, qPrintable(QString::number(four.mean)));
        // Silent phase: sin(omega t) < -1/3 (with a margin of one step).
        for (const auto step : run.network->spikeRecorders[0].steps) {
            const double t = (static_cast<double>(step) + 0.5) * 0.1;
            QVERIFY(std::sin(2 * kPi * f * 1e-3 * t) > -r0 / amp - 0.01);
        }
    }

    /// Sine into a passive LIF: after the transient,
    /// v = E_L + R I0 + R A / sqrt(1 + (w tau)^2) sin(w t + phi - atan(w tau)), R = tau / C.
    void sineCurrentDrivesLifAnalytically() {
        const double tau = 10, cm = 250, el = -70, amp = 100, offset = 50, f = 20, phase = 45;
        core::ProjectSpec p = tests::singlePopulation(
            "lif_cuba", 1, {{"tau_m", tau}, {"c_m", cm}, {"e_l", el}, {"v_thresh", 100.0}}, 0.1,
            {"v"});
        p.stimuli.push_back(tests::currentStimulus("sine", "sine_current", "N",
                                                   {{"amplitude_pa", amp},
                                                    {"offset_pa", offset},
                                                    {"frequency_hz", f},
                                                    {"phase_deg", phase}}));
        const auto run = tests::runProject(p, 300.0);
        const auto& rec = run.network->stateRecorders[0];
        const double r = tau / cm, w = 2 * kPi * f * 1e-3;
        const double gain = r * amp / std::sqrt(1 + w * tau * w * tau);
        double worst = 0;
        for (std::size_t k = 0; k < rec.sampleSteps.size(); ++k) {
            const double t = static_cast<double>(rec.sampleSteps[k]) * 0.1;
            if (t < 150)
                continue;
            const double expected =
                el + r * offset + gain * std::sin(w * t + phase * kPi / 180 - std::atan(w * tau));
            worst = std::max(worst, std::fabs(tests::stateAt(run, k) - expected));
        }
        qInfo("sine response: amplitude %.4f mV, max deviation %.2e mV", gain, worst);
        QVERIFY2(worst < 2e-3, qPrintable(QString::number(worst)));
    }

    /// OU current, read straight from the source: stationary mean and variance sigma^2 and
    /// autocorrelation exp(-lag / tau) (2000 processes, 500 ms, tau 5 ms, dt 0.1 ms).
    void noiseCurrentStatistics() {
        const double mean = 50, sigma = 100, tau = 5, dt = 0.1;
        const std::size_t n = 2000, steps = 5000;
        const auto* model = tests::builtinRegistry().currentSourceModel("noise_current");
        QVERIFY(model);
        const auto params = core::ParameterSet::resolve(
            model->info(), {{"mean_pa", mean}, {"sigma_pa", sigma}, {"tau_ms", tau}}, "test");
        core::GroupSetup setup;
        setup.params = &params;
        setup.size = n;
        setup.populationSize = n;
        setup.dtMs = dt;
        setup.seed = 12345;
        auto source = model->createSource(setup);
        std::vector<std::int32_t> targets(n);
        for (std::size_t k = 0; k < n; ++k)
            targets[k] = static_cast<std::int32_t>(k);
        std::vector<float> trace(n * steps), input(n);
        for (std::size_t s = 0; s < steps; ++s) {
            std::fill(input.begin(), input.end(), 0.0f);
            source->inject({static_cast<std::int64_t>(s), dt}, input.data(), targets.data(), n);
            std::copy(input.begin(), input.end(), trace.begin() + s * n);
        }
        double m = 0;
        for (float x : trace)
            m += x;
        m /= static_cast<double>(trace.size());
        double var = 0;
        for (float x : trace)
            var += (x - m) * (x - m);
        var /= static_cast<double>(trace.size());
        auto correlation = [&](std::size_t lag) {
            double c = 0;
            for (std::size_t s = 0; s + lag < steps; ++s)
                for (std::size_t k = 0; k < n; ++k)
                    c += (trace[s * n + k] - m) * (trace[(s + lag) * n + k] - m);
            return c / (static_cast<double>((steps - lag) * n) * var);
        };
        const double rho1 = correlation(1), rhoTau = correlation(50);
        const double tauFromLag10 = -1.0 / std::log(correlation(10));
        qInfo("OU: mean %.3f, sd %.3f, rho(dt) %.5f (exact %.5f), rho(tau) %.4f, tau est. %.3f ms",
              m, std::sqrt(var), rho1, std::exp(-dt / tau), rhoTau, tauFromLag10);
        // ~1e5 independent samples: standard errors 0.3 pA (mean), 0.5 % (variance).
        QVERIFY2(std::fabs(m - mean) < 2.0, qPrintable(QString::number(m)));
        QVERIFY2(std::fabs(var / (sigma * sigma) - 1) < 0.03, qPrintable(QString::number(var)));
        QVERIFY2(std::fabs(rho1 - std::exp(-dt / tau)) < 0.002, qPrintable(QString::number(rho1)));
        QVERIFY2(std::fabs(rhoTau - std::exp(-1.0)) < 0.02, qPrintable(QString::number(rhoTau)));
        QVERIFY2(std::fabs(tauFromLag10 - tau) < 0.15, qPrintable(QString::number(tauFromLag10)));
    }

    /// The same seed gives the same currents whatever the thread count; a subset of targets
    /// gets exactly the currents those neurons get when all are targeted.
    void noiseCurrentIsDeterministicAcrossThreads() {
        auto project = [](std::vector<std::int64_t> neurons) {
            core::ProjectSpec p =
                tests::singlePopulation("lif_cuba", 1003, {{"v_thresh", 100.0}}, 0.1);
            auto stim =
                tests::currentStimulus("noise", "noise_current", "N",
                                       {{"mean_pa", 10.0}, {"sigma_pa", 200.0}, {"tau_ms", 3.0}});
            stim.neurons = std::move(neurons);
            p.stimuli.push_back(stim);
            p.recorders.push_back(
                tests::recorder("v", "state", "N", {"v"}, {0, 17, 500, 511, 512, 1002}, 0.1));
            return p;
        };
        auto values = [](const tests::Run& run) { return run.network->stateRecorders[0].values; };
        const auto one = tests::runProject(project({}), 50.0, {std::nullopt, 1, false});
        const auto two = tests::runProject(project({}), 50.0, {std::nullopt, 2, false});
        const auto other = tests::runProject(project({}), 50.0, {std::uint64_t(99), 2, false});
        QCOMPARE(values(two), values(one));
        QVERIFY(values(other) != values(one));
        // Neurons 17 and 512 alone: their traces equal the all-neuron run's columns.
        const auto subset = tests::runProject(project({512, 17}), 50.0, {std::nullopt, 2, false});
        const auto& a = values(one);
        const auto& b = values(subset);
        for (std::size_t row = 0; row < 500; ++row)
            for (std::size_t col : {1u, 4u})
                QCOMPARE(b[row * 6 + col], a[row * 6 + col]);
        QVERIFY(b[499 * 6 + 0] == -70.0f); // untargeted neuron 0 stays at rest
    }
};

QTEST_GUILESS_MAIN(TestStimulusModels)
#include "TestStimulusModels.moc"
