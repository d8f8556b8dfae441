// Welch spectra against scipy.signal.welch (skipped without /usr/bin/python3 + SciPy) and the
// aperiodic exponent of synthetic 1/f^chi noise with an alpha peak.

#include "TestProcess.h"
#include "plexus/analysis/AperiodicFit.h"
#include "plexus/analysis/NpyFile.h"
#include "plexus/analysis/PowerSpectrum.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/base/RandomStream.h"

#include <QtTest>
#include <cmath>
#include <complex>
#include <nlohmann/json.hpp>
#include <unsupported/Eigen/FFT>

using namespace plexus;
using analysis::AperiodicFit;
using analysis::PowerSpectrum;
using analysis::WelchOptions;

namespace {

constexpr const char* kScript = R"PY(
import json, sys
import numpy as np
from scipy.signal import welch
x = np.load(sys.argv[1])[:, 0]
out = {}
for name, nperseg, noverlap in (("a", 256, None), ("b", 255, 100), ("c", 1000, 999)):
    f, p = welch(x, fs=500.0, window="hann", nperseg=nperseg, noverlap=noverlap,
                 detrend="constant", scaling="density", return_onesided=True)
    out[name] = {"f": f.tolist(), "p": p.tolist()}
print(json.dumps(out))
)PY";

bool scipyAvailable() {
    return plexus::tests::pythonImports(PLEXUS_PYTHON, "scipy, numpy");
}

/// Noise with power spectrum f^-chi 10^(height exp(-(f - 10)^2 / (2 1.5^2))) (a Gaussian peak
/// in log10 power at 10 Hz), made by shaping white noise in the frequency domain.
std::vector<double> shapedNoise(double chi, double height, double rateHz, std::size_t samples,
                                std::uint64_t seed) {
    core::RandomStream random(seed);
    std::vector<double> white(samples);
    for (auto& v : white)
        v = random.normal();
    Eigen::FFT<double> fft;
    std::vector<std::complex<double>> spectrum;
    fft.fwd(spectrum, white);
    for (std::size_t k = 0; k < samples; ++k) {
        const std::size_t folded = std::min(k, samples - k);
        const double f = static_cast<double>(folded) * rateHz / static_cast<double>(samples);
        const double peak =
            std::pow(10.0, height * std::exp(-(f - 10.0) * (f - 10.0) / (2.0 * 1.5 * 1.5)));
        spectrum[k] *= f > 0.0 ? std::sqrt(std::pow(f, -chi) * peak) : 0.0;
    }
    std::vector<double> out;
    fft.inv(out, spectrum);
    return out;
}

} // namespace

class TestAnalysisSpectra : public QObject {
    Q_OBJECT

private slots:
    void welchMatchesScipy() {
        if (!scipyAvailable())
            QSKIP("SciPy is not installed for " PLEXUS_PYTHON);
        QTemporaryDir dir;
        core::RandomStream random(8);
        std::vector<double> x(5003);
        Eigen::MatrixXd column(static_cast<Eigen::Index>(x.size()), 1);
        for (std::size_t i = 0; i < x.size(); ++i) {
            x[i] = 3.0 + random.normal() + 2.0 * std::sin(2.0 * M_PI * 40.0 * i / 500.0);
            column(static_cast<Eigen::Index>(i), 0) = x[i];
        }
        const std::string path = dir.filePath("x.npy").toStdString();
        analysis::NpyFile::write(column, path);
        QProcess py;
        py.start(PLEXUS_PYTHON, {"-c", kScript, QString::fromStdString(path)});
        QVERIFY(py.waitForFinished(120000));
        QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
        const auto out = nlohmann::json::parse(py.readAllStandardOutput().toStdString());

        const struct {
            const char* name;
            std::size_t length;
            long overlap;
        } cases[] = {{"a", 256, -1}, {"b", 255, 100}, {"c", 1000, 999}};
        for (const auto& c : cases) {
            WelchOptions options;
            options.sampleRateHz = 500.0;
            options.segmentLength = c.length;
            options.overlap = c.overlap;
            const auto s = PowerSpectrum::welch(x, options);
            const auto& f = out[c.name]["f"];
            const auto& p = out[c.name]["p"];
            QCOMPARE(s.power.size(), p.size());
            double worst = 0.0;
            for (std::size_t i = 0; i < p.size(); ++i) {
                QVERIFY(std::fabs(s.frequenciesHz[i] - f[i].get<double>()) < 1e-12);
                worst = std::max(worst, std::fabs(s.power[i] - p[i].get<double>()) /
                                            std::fabs(p[i].get<double>()));
            }
            qInfo("nperseg %zu: %zu segments, largest relative difference %.2e", c.length,
                  s.segments, worst);
            QVERIFY2(worst < 1e-10, qPrintable(QString("%1: %2").arg(c.name).arg(worst)));
        }
    }

    void welchRejectsBadOptions() {
        WelchOptions options;
        options.segmentLength = 100;
        options.overlap = 100;
        QVERIFY_THROWS_EXCEPTION(core::Error,
                                 PowerSpectrum::welch(std::vector<double>(1000, 1.0), options));
        QVERIFY_THROWS_EXCEPTION(core::Error, PowerSpectrum::welch({1.0}, {}));
        QVERIFY_THROWS_EXCEPTION(core::Error, PowerSpectrum::welch({1.0, NAN, 2.0, 3.0}, {}));
    }

    void aperiodicExponentAndAlphaPeak_data() {
        QTest::addColumn<double>("chi");
        QTest::newRow("chi 1") << 1.0;
        QTest::newRow("chi 2") << 2.0;
    }
    void aperiodicExponentAndAlphaPeak() {
        QFETCH(double, chi);
        // 2^21 samples at 250 Hz (2.3 h), Welch with 2 s segments (0.5 Hz resolution): the
        // log10 power of each frequency has sd ~0.005, the 30-50 Hz slope (41 points over 0.22
        // decades) sd ~0.013, so the bound 0.1 is ~8 sd.
        const double rate = 250.0;
        const auto x = shapedNoise(chi, 0.5, rate, std::size_t{1} << 21, 21);
        WelchOptions options;
        options.sampleRateHz = rate;
        options.segmentLength = 500;
        const auto spectrum = PowerSpectrum::welch(x, options);

        const auto line = AperiodicFit::slope(spectrum, 30.0, 50.0);
        analysis::AperiodicOptions fitOptions;
        fitOptions.lowHz = 2.0;
        fitOptions.highHz = 50.0;
        const auto model = AperiodicFit::fit(spectrum, fitOptions);
        qInfo("chi %.1f: 30-50 Hz line %.3f, model %.3f, alpha %.2f Hz (power %.3f, bandwidth "
              "%.2f Hz), %zu peaks, r2 %.4f",
              chi, line.exponent, model.exponent, model.alpha.frequencyHz, model.alpha.power,
              model.alpha.bandwidthHz, model.peaks.size(), model.rSquared);
        QVERIFY2(std::fabs(line.exponent - chi) < 0.1, qPrintable(QString::number(line.exponent)));
        QVERIFY2(std::fabs(model.exponent - chi) < 0.1,
                 qPrintable(QString::number(model.exponent)));
        QVERIFY(model.hasAlpha);
        QVERIFY2(std::fabs(model.alpha.frequencyHz - 10.0) < 0.5,
                 qPrintable(QString::number(model.alpha.frequencyHz)));
        // The peak has height 0.5 (log10 power) and bandwidth 2 x 1.5 Hz (widened a little by
        // the 0.5 Hz resolution of the Hann window).
        QVERIFY(std::fabs(model.alpha.power - 0.5) < 0.05);
        QVERIFY(std::fabs(model.alpha.bandwidthHz - 3.0) < 0.3);
    }

    void aperiodicFitRejectsEmptyRanges() {
        analysis::Spectrum s;
        s.frequenciesHz = {0.0, 1.0, 2.0};
        s.power = {1.0, 1.0, 0.5};
        QVERIFY_THROWS_EXCEPTION(core::Error, AperiodicFit::fit(s, {}));
        QVERIFY_THROWS_EXCEPTION(core::Error, AperiodicFit::slope(s, 5.0, 2.0));
    }
};

QTEST_GUILESS_MAIN(TestAnalysisSpectra)
#include "TestAnalysisSpectra.moc"
