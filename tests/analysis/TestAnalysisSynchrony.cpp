// Golomb's chi, spike-count correlations and Fano factors on trains with known answers.

#include "plexus/analysis/Synchrony.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/base/RandomStream.h"

#include <QtTest>
#include <algorithm>
#include <cmath>

using namespace plexus;
using analysis::SpikeTimes;
using analysis::Synchrony;
using analysis::SynchronyOptions;

namespace {

/// `neurons` independent Poisson trains of `rateHz` over [0, durationMs); with `identical`
/// every neuron repeats the first one's spikes.
SpikeTimes poissonTrains(std::size_t neurons, double rateHz, double durationMs, bool identical,
                         std::uint64_t seed) {
    core::RandomStream random(seed);
    SpikeTimes s;
    s.name = "pop";
    s.size = neurons;
    std::vector<double> first;
    for (std::size_t n = 0; n < neurons; ++n) {
        std::vector<double> train;
        if (identical && n > 0) {
            train = first;
        } else {
            for (double t = 0.0;;) {
                t += -std::log(random.uniformPositive()) * 1000.0 / rateHz;
                if (t >= durationMs)
                    break;
                train.push_back(t);
            }
        }
        if (n == 0)
            first = train;
        for (const double t : train) {
            s.timesMs.push_back(t);
            s.neurons.push_back(static_cast<std::int32_t>(n));
        }
    }
    return s;
}

} // namespace

class TestAnalysisSynchrony : public QObject {
    Q_OBJECT

private slots:
    void identicalTrainsAreFullySynchronous() {
        const auto trains = poissonTrains(20, 20.0, 20000.0, true, 1);
        SynchronyOptions options;
        options.toMs = 20000.0;
        const auto r = Synchrony::analyse(trains, options);
        QVERIFY2(std::fabs(r.chi - 1.0) < 1e-12, qPrintable(QString::number(r.chi)));
        QCOMPARE(r.correlations.values.size(), std::size_t{190});
        QVERIFY(std::fabs(r.correlations.mean - 1.0) < 1e-12);
        // Smoothed rates of identical trains are identical too.
        options.kernel = analysis::SmoothingKernel::Gaussian;
        QVERIFY(std::fabs(Synchrony::analyse(trains, options).chi - 1.0) < 1e-12);
    }

    void independentPoissonTrains() {
        // N = 100 neurons at 20 Hz for 100 s in 10 ms bins: T = 10000 counts of mean 0.2.
        const std::size_t n = 100, bins = 10000;
        const double mean = 0.2;
        const auto trains = poissonTrains(n, 20.0, 100000.0, false, 2);
        SynchronyOptions options;
        options.toMs = 100000.0;
        const auto r = Synchrony::analyse(trains, options);
        QCOMPARE(r.bins, bins);
        // chi^2 N = 1 + (N - 1) mean pairwise correlation; each correlation has sd
        // 1/sqrt(T), their mean over N(N-1)/2 pairs 1/sqrt(T N (N-1)/2) = 1.4e-4, so
        // chi sqrt(N) = 1 +- 0.007: bound 0.05 (7 sd).
        qInfo("chi %.4f, 1/sqrt(N) %.4f, mean correlation %.5f, mean Fano %.4f", r.chi,
              1.0 / std::sqrt(double(n)), r.correlations.mean, r.fano.mean);
        QVERIFY2(std::fabs(r.chi * std::sqrt(double(n)) - 1.0) < 0.05,
                 qPrintable(QString::number(r.chi)));
        QCOMPARE(r.correlations.values.size(), n * (n - 1) / 2);
        QVERIFY(!r.pairsSampled);
        QVERIFY(std::fabs(r.correlations.mean) < 5.0 / std::sqrt(double(bins * n * (n - 1) / 2)));
        QVERIFY(std::fabs(r.correlations.sd - 1.0 / std::sqrt(double(bins))) <
                0.1 / std::sqrt(double(bins)));
        // Fano factor of Poisson counts: Var(s^2 / mean) ~ (2 + 1/mean) / T per neuron, so the
        // mean over N neurons is 1 +- sqrt((2 + 1/mean) / (T N)) = 0.0026: bound 5 sd.
        const double sd = std::sqrt((2.0 + 1.0 / mean) / double(bins));
        QCOMPARE(r.fano.values.size(), n);
        QVERIFY2(std::fabs(r.fano.mean - 1.0) < 5.0 * sd / std::sqrt(double(n)),
                 qPrintable(QString::number(r.fano.mean)));
        for (const double f : r.fano.values)
            QVERIFY(std::fabs(f - 1.0) < 5.0 * sd);
        // Histograms hold every value.
        std::size_t counted = 0;
        for (const auto c : r.fano.counts)
            counted += c;
        QCOMPARE(counted, n);
        QCOMPARE(r.fano.edges.size(), options.histogramBins + 1);
    }

    void largePopulationsSampleTheirPairs() {
        const auto trains = poissonTrains(200, 10.0, 10000.0, false, 3);
        SynchronyOptions options;
        options.toMs = 10000.0;
        options.maxPairs = 1000;
        options.seed = 4;
        const auto r = Synchrony::analyse(trains, options);
        QVERIFY(r.pairsSampled);
        QCOMPARE(r.pairsPossible, std::size_t{200 * 199 / 2});
        QCOMPARE(r.correlations.values.size(), std::size_t{1000});
        QCOMPARE(Synchrony::analyse(trains, options).correlations.values, r.correlations.values);
        options.seed = 5;
        QVERIFY(Synchrony::analyse(trains, options).correlations.values != r.correlations.values);
    }

    void silentNeuronsAndBadWindows() {
        auto trains = poissonTrains(10, 20.0, 5000.0, false, 6);
        trains.size = 12; // two neurons never fire
        SynchronyOptions options;
        options.toMs = 5000.0;
        const auto r = Synchrony::analyse(trains, options);
        QCOMPARE(r.silentNeurons, std::size_t{2});
        QCOMPARE(r.fano.values.size(), std::size_t{10});
        QCOMPARE(r.correlations.values.size(), std::size_t{45});
        options.toMs = 5.0;
        QVERIFY_THROWS_EXCEPTION(core::Error, Synchrony::analyse(trains, options));
    }
};

QTEST_GUILESS_MAIN(TestAnalysisSynchrony)
#include "TestAnalysisSynchrony.moc"
