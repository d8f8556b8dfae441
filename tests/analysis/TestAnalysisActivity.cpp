// Activity matrices: binned counts and smoothed rates from spikes, condition epochs and
// repeats, CSV / NPY import with precise errors, run folders.

#include "PeakRss.h"
#include "plexus/analysis/ActivityBuilder.h"
#include "plexus/analysis/ActivityIo.h"
#include "plexus/analysis/NpyFile.h"
#include "plexus/analysis/RunFolder.h"
#include "plexus/core/base/Error.h"

#include <QtTest>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <string>

using namespace plexus;
using analysis::ActivityBuilder;
using analysis::ActivityIo;
using analysis::ActivityMatrix;
using analysis::ActivityOptions;
using analysis::ConditionEpoch;
using analysis::SmoothingKernel;
using analysis::SpikeTimes;

namespace {

std::string writeText(const QTemporaryDir& dir, const QString& name, const std::string& text) {
    const std::string path = dir.filePath(name).toStdString();
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

/// A .npy file with the given header dict and raw little-endian payload.
std::string writeNpy(const QTemporaryDir& dir, const QString& name, const std::string& dict,
                     const std::string& payload, int major = 1) {
    std::string header = dict;
    const std::size_t prefix = major == 1 ? 10 : 12;
    while ((prefix + header.size() + 1) % 64 != 0)
        header.push_back(' ');
    header.push_back('\n');
    std::string bytes = std::string("\x93NUMPY", 6);
    bytes.push_back(static_cast<char>(major));
    bytes.push_back('\0');
    const auto len = static_cast<std::uint32_t>(header.size());
    bytes.push_back(static_cast<char>(len & 0xff));
    bytes.push_back(static_cast<char>((len >> 8) & 0xff));
    if (major != 1) {
        bytes.push_back(static_cast<char>((len >> 16) & 0xff));
        bytes.push_back(static_cast<char>((len >> 24) & 0xff));
    }
    return writeText(dir, name, bytes + header + payload);
}

template <typename T>
std::string raw(const std::vector<T>& values) {
    std::string out(values.size() * sizeof(T), '\0');
    std::memcpy(out.data(), values.data(), out.size());
    return out;
}

/// The core::Error message thrown by `f`, or an empty string.
template <typename F>
QString errorOf(F f) {
    try {
        f();
    } catch (const core::Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

SpikeTimes threeNeurons() {
    core::SpikeRecorder rec;
    rec.name = "E";
    rec.steps = {0, 5, 15, 99, 100, 250};
    rec.neurons = {0, 1, 1, 2, 0, 1};
    return SpikeTimes::fromRecorder(rec, 3, 0.1); // 0, 0.5, 1.5, 9.9, 10, 25 ms
}

} // namespace

class TestAnalysisActivity : public QObject {
    Q_OBJECT

private slots:
    void conditionListParses() {
        const auto e = ConditionEpoch::parseList("left:0-100, right:100-250.5,left:-50-0");
        QCOMPARE(e.size(), std::size_t(3));
        QCOMPARE(e[0].name, std::string("left"));
        QCOMPARE(e[1].endMs, 250.5);
        QCOMPARE(e[2].startMs, -50.0);
        QVERIFY(errorOf([] { ConditionEpoch::parseList("a:100-50"); }).contains("\"a:100-50\""));
        QVERIFY(errorOf([] { ConditionEpoch::parseList("a0-100"); }).contains("name:start-end"));
        QVERIFY(errorOf([] { ConditionEpoch::parseList("a:x-1"); }).contains("a:x-1"));
        QVERIFY(!errorOf([] { ConditionEpoch::parseList(""); }).isEmpty());
    }

    void binnedCountsFromRecorder() {
        ActivityOptions o;
        o.binMs = 5.0;
        const auto m = ActivityBuilder::epoch({threeNeurons()}, {"c", 0.0, 20.0}, o);
        QCOMPARE(m.samples(), std::size_t(4));
        QCOMPARE(m.units(), std::size_t(3));
        Eigen::MatrixXd expected(4, 3);
        expected << 1, 2, 0, //
            0, 0, 1,         //
            1, 0, 0,         //
            0, 0, 0;
        QCOMPARE(m.values, expected);
        QCOMPARE(m.unitNames[2], std::string("E[2]"));
        QCOMPARE(m.timesMs, (std::vector<double>{2.5, 7.5, 12.5, 17.5}));
        QCOMPARE(m.conditions, std::vector<std::string>(4, "c"));

        o.ratesHz = true;
        const auto hz = ActivityBuilder::epoch({threeNeurons()}, {"c", 0.0, 20.0}, o);
        QCOMPARE(hz.values(0, 1), 400.0); // 2 spikes in 5 ms

        o.ratesHz = false;
        o.resolution = analysis::UnitResolution::Population;
        const auto pop = ActivityBuilder::epoch({threeNeurons()}, {"c", 0.0, 20.0}, o);
        QCOMPARE(pop.units(), std::size_t(1));
        QCOMPARE(pop.values(0, 0), 1.0); // 3 spikes / 3 neurons
        QCOMPARE(pop.unitNames, std::vector<std::string>{"E"});

        QVERIFY(errorOf([&] {
                    ActivityBuilder::epoch({threeNeurons()}, {"short", 0.0, 1.0}, o);
                }).contains("short"));
    }

    void unsortedSpikesAreSorted() {
        SpikeTimes s;
        s.name = "P";
        s.size = 2;
        s.timesMs = {12.0, 1.0, 7.0};
        s.neurons = {1, 0, 1};
        ActivityOptions o;
        o.binMs = 5.0;
        const auto m = ActivityBuilder::epoch({s}, {"c", 0.0, 15.0}, o);
        Eigen::MatrixXd expected(3, 2);
        expected << 1, 0, 0, 1, 0, 1;
        QCOMPARE(m.values, expected);
    }

    void gaussianRateIntegratesToOneSpike() {
        SpikeTimes s{"P", 1, {500.0}, {0}};
        ActivityOptions o;
        o.binMs = 1.0;
        o.kernel = SmoothingKernel::Gaussian;
        o.sigmaMs = 20.0;
        const auto m = ActivityBuilder::epoch({s}, {"c", 0.0, 1000.0}, o);
        // Rate in Hz summed over 1 ms bins: the kernel's integral, one spike.
        QVERIFY(std::fabs(m.values.sum() * 1e-3 - 1.0) < 2e-6);
        const double peak =
            1000.0 / (20.0 * std::sqrt(2.0 * M_PI)) * std::exp(-0.5 * 0.025 * 0.025);
        QVERIFY(std::fabs(m.values(499, 0) - peak) < 1e-9);
        QCOMPARE(m.values(499, 0), m.values(500, 0));
        // Spikes outside the epoch still contribute near its edge.
        const auto edge = ActivityBuilder::epoch({s}, {"c", 510.0, 600.0}, o);
        QVERIFY(edge.values(0, 0) > 10.0);
    }

    void exponentialRateIsCausal() {
        SpikeTimes s{"P", 1, {100.2}, {0}};
        ActivityOptions o;
        o.binMs = 1.0;
        o.kernel = SmoothingKernel::Exponential;
        o.sigmaMs = 10.0;
        o.truncateSigmas = 20.0;
        const auto m = ActivityBuilder::epoch({s}, {"c", 0.0, 400.0}, o);
        QCOMPARE(m.values(99, 0), 0.0); // bin centre 99.5 ms precedes the spike
        QVERIFY(std::fabs(m.values(100, 0) - 100.0 * std::exp(-0.03)) < 1e-9);
        QVERIFY(std::fabs(m.values(110, 0) - 100.0 * std::exp(-1.03)) < 1e-9);
        // Riemann sum of the kernel: e^-0.03 / 10 / (1 - e^-0.1).
        const double expected = std::exp(-0.03) / 10.0 / (1.0 - std::exp(-0.1));
        QVERIFY(std::fabs(m.values.sum() * 1e-3 - expected) < 1e-6);
    }

    void smoothedRatesHoldUpToTheEndsOfTheRecording() {
        // A steady train: one spike every 1 ms over the recorded 0-1000 ms, 1000 Hz.
        SpikeTimes steady{"P", 1, {}, {}};
        for (int k = 0; k < 1000; ++k) {
            steady.timesMs.push_back(k + 0.5);
            steady.neurons.push_back(0);
        }
        ActivityOptions o;
        o.binMs = 10.0;
        o.kernel = SmoothingKernel::Gaussian;
        o.sigmaMs = 20.0;
        o.recordedFromMs = 0.0;
        o.recordedToMs = 1000.0;
        const ConditionEpoch run{"run", 0.0, 1000.0};
        for (const SmoothingKernel kernel :
             {SmoothingKernel::Gaussian, SmoothingKernel::Exponential}) {
            o.kernel = kernel;
            const auto m = ActivityBuilder::epoch({steady}, run, o);
            QCOMPARE(m.samples(), std::size_t(100));
            // The kernel is cut at 5 sigma: the exponential keeps 1 - e^-5 of its weight.
            const double steadyHz =
                kernel == SmoothingKernel::Gaussian ? 1000.0 : 1000.0 * (1.0 - std::exp(-5.0));
            for (std::size_t b = 0; b < m.samples(); ++b) {
                const double v = m.values(static_cast<Eigen::Index>(b), 0);
                QVERIFY2(
                    std::fabs(v - steadyHz) < 0.5,
                    qPrintable(QStringLiteral("%1 kernel, bin %2: %3 Hz, not %4 Hz")
                                   .arg(QString::fromStdString(ActivityOptions::kernelName(kernel)))
                                   .arg(b)
                                   .arg(v)
                                   .arg(steadyHz)));
            }
        }

        o.kernel = SmoothingKernel::Gaussian;
        // Regular trains (one spike every 15 ms, 66.7 Hz, at any phase): the rate holds up to
        // the ends too; cutting the data off abruptly swings it by up to 25 %.
        for (int phase = 0; phase < 6; ++phase) {
            SpikeTimes regular{"P", 1, {}, {}};
            for (double t = 2.5 * phase; t < 1000.0; t += 15.0) {
                regular.timesMs.push_back(t);
                regular.neurons.push_back(0);
            }
            const auto r = ActivityBuilder::epoch({regular}, run, o);
            for (std::size_t b = 0; b < r.samples(); ++b) {
                const double v = r.values(static_cast<Eigen::Index>(b), 0);
                QVERIFY2(std::fabs(v / (1000.0 / 15.0) - 1.0) < 0.05,
                         qPrintable(QStringLiteral("phase %1 ms, bin %2: %3 Hz, not 66.7 Hz")
                                        .arg(2.5 * phase)
                                        .arg(b)
                                        .arg(v)));
            }
        }

        // A linear ramp, 500 + t Hz (t in ms): spike k where the expected count reaches k + 1/2.
        SpikeTimes ramp{"P", 1, {}, {}};
        const auto count = [](double t) { return 0.5 * t + 0.0005 * t * t; };
        for (int k = 0; count(1000.0) > k + 0.5; ++k) {
            // Solve 0.0005 t^2 + 0.5 t = k + 1/2.
            const double t = (-0.5 + std::sqrt(0.25 + 0.002 * (k + 0.5))) / 0.001;
            ramp.timesMs.push_back(t);
            ramp.neurons.push_back(0);
        }
        o.kernel = SmoothingKernel::Gaussian;
        const auto m = ActivityBuilder::epoch({ramp}, run, o);
        const double sigma = o.sigmaMs;
        // The data fade out over one sigma at each end (raised cosine); the estimate is the
        // rate averaged with weights kernel x fade, integrated here on a fine grid.
        const auto fade = [&](double t) {
            const auto rise = [](double u) {
                return u <= 0.0 ? 0.0 : u >= 1.0 ? 1.0 : 0.5 - 0.5 * std::cos(M_PI * u);
            };
            return rise(t / sigma) * rise((1000.0 - t) / sigma);
        };
        // Near the ends the kernel also widens (kernelWidthAt()) so that it counts as many
        // spikes as in the middle: the effective number of samples, (sum w)^2 / sum w^2.
        const auto weights = [&](double c, const auto& visit) {
            const double width = o.kernelWidthAt(c);
            for (double t = std::max(0.0, c - 5.0 * width) + 0.0025;
                 t < std::min(1000.0, c + 5.0 * width); t += 0.005) {
                visit(t, std::exp(-0.5 * (c - t) * (c - t) / (width * width)) /
                             (width * std::sqrt(2.0 * M_PI)) * fade(t));
            }
        };
        const auto averaged = [&](double c, const auto& rate) {
            double sum = 0.0;
            double weight = 0.0;
            weights(c, [&](double t, double w) {
                sum += w * rate(t);
                weight += w;
            });
            return sum / weight;
        };
        const auto samples = [&](double c) {
            double sum = 0.0;
            double squares = 0.0;
            weights(c, [&](double, double w) {
                sum += w;
                squares += w * w;
            });
            return sum * sum / squares * 0.005; // ms of data
        };
        const double middle = samples(500.0);
        QVERIFY(std::fabs(middle - 2.0 * std::sqrt(M_PI) * sigma) < 1e-3 * middle);
        for (std::size_t b = 0; b < m.samples(); ++b) {
            const double c = m.timesMs[b];
            const double expected = averaged(c, [](double t) { return 500.0 + t; });
            const double v = m.values(static_cast<Eigen::Index>(b), 0);
            QVERIFY2(std::fabs(v - expected) < 0.5,
                     qPrintable(QStringLiteral("ramp, bin %1 at %2 ms: %3 Hz, expected %4 Hz")
                                    .arg(b)
                                    .arg(c)
                                    .arg(v)
                                    .arg(expected)));
            if (c > 6.0 * sigma && c < 1000.0 - 6.0 * sigma) {
                QVERIFY(std::fabs(v - (500.0 + c)) < 0.5); // linear where the kernel fits
                QCOMPARE(o.kernelWidthAt(c), sigma);
            } else {
                // Not noisier at the ends: as many samples as in the middle.
                QVERIFY2(std::fabs(samples(c) / middle - 1.0) < 0.01,
                         qPrintable(QStringLiteral("bin at %1 ms: %2 ms of samples, %3 in the "
                                                   "middle (width %4 ms)")
                                        .arg(c)
                                        .arg(samples(c))
                                        .arg(middle)
                                        .arg(o.kernelWidthAt(c))));
            }
            if (b > 0) {
                QVERIFY(v > m.values(static_cast<Eigen::Index>(b) - 1, 0)); // no dip at the ends
            }
        }

        // Unbounded (the default): no correction, the plain sum halves at the end.
        o.recordedFromMs = -std::numeric_limits<double>::infinity();
        o.recordedToMs = std::numeric_limits<double>::infinity();
        const auto plain = ActivityBuilder::epoch({steady}, run, o);
        QVERIFY(plain.values(99, 0) < 700.0);
        QCOMPARE(o.edgeCorrection(500.0), 1.0);
        QCOMPARE(o.dataWeight(-1e6), 1.0);
        o.recordedFromMs = 0.0;
        o.recordedToMs = 1000.0;
        QCOMPARE(o.dataWeight(500.0), 1.0);
        QCOMPARE(o.dataWeight(1000.5), 0.0);
        QVERIFY(std::fabs(o.dataWeight(990.0) - 0.5) < 1e-12); // half-way up the fade
        // At the end: the weight the faded data cover of the widened kernel, integrated on a
        // fine grid.
        double covered = 0.0;
        weights(1000.0, [&](double, double w) { covered += w * 0.005; });
        QVERIFY(covered < 0.5);
        QVERIFY(o.kernelWidthAt(1000.0) > sigma);
        QVERIFY(std::fabs(o.edgeCorrection(1000.0) - std::erf(5.0 / std::sqrt(2.0)) / covered) <
                1e-5);
        QCOMPARE(o.edgeCorrection(2000.0), 0.0); // nothing is covered
        // Causal exponential, no fade: (1 - e^-5) / (1 - e^(-20 / tau)) one time constant
        // in, tau the widened time constant.
        o.kernel = SmoothingKernel::Exponential;
        const double tau = o.kernelWidthAt(20.0);
        QVERIFY(tau > sigma && tau <= ActivityOptions::kMaxEdgeWidening * sigma);
        QVERIFY(std::fabs(o.edgeCorrection(20.0) -
                          (1.0 - std::exp(-5.0)) / (1.0 - std::exp(-20.0 / tau))) < 1e-9);
        QCOMPARE(o.dataWeight(999.0), 1.0);
        o.recordedToMs = 0.0;
        QVERIFY(errorOf([&] { o.validate(); }).contains("recorded span"));
    }

    void epochsRepeatsAndTrajectories() {
        SpikeTimes s{"P", 2, {1.0, 6.0, 11.0, 21.0, 26.0, 27.0}, {0, 1, 0, 0, 1, 1}};
        ActivityOptions o;
        o.binMs = 5.0;
        const auto epochs = ConditionEpoch::parseList("A:0-10,B:10-20,A:20-30");
        const auto m = ActivityBuilder::epochs({s}, epochs, o);
        QCOMPARE(m.samples(), std::size_t(6));
        QCOMPARE(m.partitions, (std::vector<int>{0, 0, 0, 0, 1, 1}));
        QCOMPARE(m.conditionNames(), (std::vector<std::string>{"A", "B"}));
        const auto t = m.conditionTrajectories();
        QCOMPARE(t.size(), std::size_t(2));
        Eigen::MatrixXd a(2, 2);
        a << 1.0, 0.0, 0.0, 1.5; // mean of repeats [1 0; 0 1] and [1 0; 0 2]
        QCOMPARE(t[0], a);
        QCOMPARE(m.conditionTimes()[0], (std::vector<double>{2.5, 7.5}));

        const auto means = ActivityBuilder::epochMeans({s}, epochs, o);
        QCOMPARE(means.samples(), std::size_t(3));
        QCOMPARE(means.partitions, (std::vector<int>{0, 0, 1}));
        QCOMPARE(means.values(2, 1), 1.0); // 2 spikes over 2 bins
        o.ratesHz = true;
        const auto hz = ActivityBuilder::epochMeans({s}, epochs, o);
        QCOMPARE(hz.values(2, 1), 200.0); // 2 spikes in 10 ms
        QCOMPARE(hz.repeatPartitions(), (std::vector<int>{0, 0, 1}));
        const Eigen::MatrixXd patterns = hz.conditionPatterns();
        QCOMPARE(patterns(0, 1), 150.0); // (100 + 200) / 2
    }

    void spikesFromNetwork() {
        core::Network net;
        net.dtMs = 0.5;
        net.populations.resize(1);
        net.populations[0].name = std::string("N");
        net.populations[0].size = 4;
        net.spikeRecorders.push_back({"rec", 0, {2, 4}, {3, 1}});
        const auto s = SpikeTimes::fromNetwork(net);
        QCOMPARE(s.size(), std::size_t(1));
        QCOMPARE(s[0].size, std::size_t(4));
        QCOMPARE(s[0].timesMs, (std::vector<double>{1.0, 2.0}));
        QCOMPARE(s[0].name, std::string("rec"));
    }

    void csvWithMetadata() {
        QTemporaryDir dir;
        const auto path = writeText(dir, "a.csv",
                                    "time_ms, condition,u1,u2,partition\r\n"
                                    "0,a,1,2,0\r\n"
                                    "\r\n"
                                    "1,a,3,4e-1,1\r\n"
                                    "2,\"b\",+5,-6,0\r\n");
        const auto m = ActivityIo::readCsv(path);
        QCOMPARE(m.unitNames, (std::vector<std::string>{"u1", "u2"}));
        QCOMPARE(m.conditions, (std::vector<std::string>{"a", "a", "b"}));
        QCOMPARE(m.partitions, (std::vector<int>{0, 1, 0}));
        QCOMPARE(m.timesMs, (std::vector<double>{0, 1, 2}));
        Eigen::MatrixXd expected(3, 2);
        expected << 1, 2, 3, 0.4, 5, -6;
        QCOMPARE(m.values, expected);

        // Round trip through writeCsv.
        const std::string copy = dir.filePath("copy.csv").toStdString();
        ActivityIo::writeCsv(m, copy);
        const auto back = ActivityIo::read(copy);
        QCOMPARE(back.values, m.values);
        QCOMPARE(back.conditions, m.conditions);
        QCOMPARE(back.partitions, m.partitions);
    }

    void csvErrorsNameFileLineAndColumn() {
        QTemporaryDir dir;
        const auto bad = writeText(dir, "bad.csv", "a,b\n1,2\n3,x\n");
        const QString e = errorOf([&] { ActivityIo::readCsv(bad); });
        QVERIFY2(e.contains("bad.csv:3: column 2 (\"b\")") && e.contains("\"x\" is not a number"),
                 qPrintable(e));
        const auto ragged = writeText(dir, "ragged.csv", "a,b\n1,2\n3\n");
        QVERIFY(errorOf([&] {
                    ActivityIo::readCsv(ragged);
                }).contains("ragged.csv:3: expected 2 columns, found 1"));
        const auto empty = writeText(dir, "empty.csv", "");
        QVERIFY(errorOf([&] { ActivityIo::readCsv(empty); }).contains("empty.csv: empty file"));
        const auto nan = writeText(dir, "nan.csv", "a,b\n1,nan\n");
        QVERIFY(errorOf([&] {
                    ActivityIo::readCsv(nan);
                }).contains("nan.csv:2: column 2 (\"b\"): \"nan\" is not a finite number"));
        const auto blank = writeText(dir, "blank.csv", "a,b\n1,\n");
        QVERIFY(errorOf([&] { ActivityIo::readCsv(blank); }).contains("column 2 (\"b\"): empty"));
        const auto part = writeText(dir, "part.csv", "partition,a\n1.5,2\n");
        QVERIFY(errorOf([&] { ActivityIo::readCsv(part); }).contains("not an integer"));
        const auto header = writeText(dir, "header.csv", "a,b\n");
        QVERIFY(errorOf([&] { ActivityIo::readCsv(header); }).contains("no data rows"));
        QVERIFY(errorOf([&] {
                    ActivityIo::read(dir.filePath("x.txt").toStdString());
                }).contains("expected .csv or .npy"));
    }

    void npyReadsSupportedFormats() {
        QTemporaryDir dir;
        const auto f8 =
            writeNpy(dir, "f8.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }",
                     raw<double>({1, 2, 3, 4, 5, 6}));
        auto m = ActivityIo::readNpy(f8);
        Eigen::MatrixXd expected(2, 3);
        expected << 1, 2, 3, 4, 5, 6;
        QCOMPARE(m.values, expected);
        QCOMPARE(m.unitNames[2], std::string("u2"));

        const auto f4 =
            writeNpy(dir, "f4.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
                     raw<float>({1, 2, 3, 4, 5, 6.5f}), 2);
        expected(1, 2) = 6.5;
        QCOMPARE(ActivityIo::readNpy(f4).values, expected);
        const auto i4 =
            writeNpy(dir, "i4.npy", "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }",
                     raw<std::int32_t>({1, 2, 3, 4, 5, -6}));
        expected(1, 2) = -6;
        QCOMPARE(ActivityIo::readNpy(i4).values, expected);
        const auto i8 =
            writeNpy(dir, "i8.npy", "{'descr': '<i8', 'fortran_order': False, 'shape': (2, 3), }",
                     raw<std::int64_t>({1, 2, 3, 4, 5, -6}));
        QCOMPARE(ActivityIo::readNpy(i8).values, expected);

        // 3-D: conditions x samples x units.
        const auto cube = writeNpy(dir, "cube.npy",
                                   "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2, 1), }",
                                   raw<double>({1, 2, 3, 4}));
        m = ActivityIo::readNpy(cube);
        QCOMPARE(m.conditions, (std::vector<std::string>{"0", "0", "1", "1"}));
        QCOMPARE(m.conditionTrajectories()[1](1, 0), 4.0);

        // Writer round trip.
        const std::string out = dir.filePath("out.npy").toStdString();
        analysis::NpyFile::write(expected, out);
        QCOMPARE(ActivityIo::readNpy(out).values, expected);
    }

    void npyRefusesOtherFormats() {
        QTemporaryDir dir;
        auto refused = [&](const QString& name, const std::string& dict, const std::string& payload,
                           const QString& reason, int major = 1) {
            const auto path = writeNpy(dir, name, dict, payload, major);
            const QString e = errorOf([&] { ActivityIo::readNpy(path); });
            QVERIFY2(e.contains(name) && e.contains(reason), qPrintable(e));
        };
        refused("big.npy", "{'descr': '>f8', 'fortran_order': False, 'shape': (1, 1), }",
                raw<double>({1}), "big-endian");
        refused("fortran.npy", "{'descr': '<f8', 'fortran_order': True, 'shape': (1, 1), }",
                raw<double>({1}), "Fortran");
        refused("complex.npy", "{'descr': '<c16', 'fortran_order': False, 'shape': (1, 1), }",
                raw<double>({1, 0}), "'<c16' is not supported");
        refused("v3.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1), }",
                raw<double>({1}), "version 3.0", 3);
        refused("short.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }",
                raw<double>({1, 2}), "truncated");
        refused("four.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1, 1, 1), }",
                raw<double>({1}), "4 dimensions");
        const auto junk = writeText(dir, "junk.npy", "not numpy at all");
        QVERIFY(errorOf([&] { ActivityIo::readNpy(junk); }).contains("bad magic"));
    }

    /// A tiny .npy whose shape claims far more than the file holds: one line naming the file,
    /// nothing allocated for the claim.
    void npyShapeBeyondTheData() {
        QTemporaryDir dir;
        const struct {
            QString name;
            std::string shape;
            QString reason;
        } cases[] = {
            {"claim.npy", "(2000000000, 3)",
             "damaged or truncated: the shape (2000000000, 3) claims 6000000000 entries, which "
             "need at least 48000000000 bytes, but the data there can hold at most 16 bytes"},
            {"overflow.npy", "(4294967296, 4294967296)",
             "claims more than 18446744073709551614 entries, which need more than 16 EiB"},
            {"digits.npy", "(99999999999999999999999, 1)",
             "shape (99999999999999999999999, 1) has a dimension too large to be real"},
        };
        for (const auto& c : cases) {
            const auto path = writeNpy(
                dir, c.name, "{'descr': '<f8', 'fortran_order': False, 'shape': " + c.shape + ", }",
                raw<double>({1, 2}));
            const std::uint64_t before = tests::peakRssBytes();
            const QString e = errorOf([&] { analysis::NpyFile::read(path); });
            QVERIFY2(e.startsWith(QString::fromStdString(path) + ": ") && e.contains(c.reason),
                     qPrintable(e));
            QVERIFY2(!e.contains('\n'), qPrintable(e));
            QVERIFY(tests::peakRssBytes() - before < tests::kClaimRssSlackBytes);
        }
        QCOMPARE(errorOf([&] { analysis::NpyFile::read(dir.path().toStdString()); }),
                 dir.path() + ": is a folder, expected a NumPy .npy file");
    }

    void selectEpochsByTimeOrRow() {
        ActivityMatrix m;
        m.values = Eigen::MatrixXd::Zero(6, 2);
        for (int r = 0; r < 6; ++r)
            m.values(r, 0) = r;
        m.timesMs = {0, 10, 20, 30, 40, 50};
        auto s = m.selectEpochs(ConditionEpoch::parseList("a:0-20,b:20-40,a:40-60"));
        QCOMPARE(s.conditions, (std::vector<std::string>{"a", "a", "b", "b", "a", "a"}));
        QCOMPARE(s.partitions, (std::vector<int>{0, 0, 0, 0, 1, 1}));
        QCOMPARE(s.conditionTrajectories()[0](1, 0), 3.0); // mean of rows 1 and 5
        m.timesMs.clear();
        s = m.selectEpochs(ConditionEpoch::parseList("x:1-3"));
        QCOMPARE(s.samples(), std::size_t(2));
        QCOMPARE(s.values(1, 0), 2.0);
        QVERIFY(errorOf([&] {
                    m.selectEpochs(ConditionEpoch::parseList("none:100-200"));
                }).contains("\"none\""));
    }

    void runFolderSpikes() {
        QTemporaryDir dir;
        writeText(dir, "spikes_E.csv", "time_ms,neuron\n0.5000,2\n1.2500,0\n");
        writeText(dir, "spikes_I.csv", "time_ms,neuron\n");
        writeText(dir, "summary.json", "{\"duration_s\": 0.25}");
        const std::string path = dir.path().toStdString();
        QVERIFY(analysis::RunFolder::isRunFolder(path));
        const auto s = analysis::RunFolder::readSpikes(path);
        QCOMPARE(s.size(), std::size_t(2));
        QCOMPARE(s[0].name, std::string("E"));
        QCOMPARE(s[0].size, std::size_t(3));
        QCOMPARE(s[0].timesMs, (std::vector<double>{0.5, 1.25}));
        QCOMPARE(s[1].timesMs.size(), std::size_t(0));
        QCOMPARE(*analysis::RunFolder::durationMs(path), 250.0);

        writeText(dir, "spikes_X.csv", "time_ms,neuron\n1.0,3\n2.0;4\n");
        const QString e = errorOf([&] { analysis::RunFolder::readSpikes(path); });
        QVERIFY2(e.contains("spikes_X.csv:3"), qPrintable(e));
        QTemporaryDir empty;
        QVERIFY(!analysis::RunFolder::isRunFolder(empty.path().toStdString()));
    }
};

QTEST_GUILESS_MAIN(TestAnalysisActivity)
#include "TestAnalysisActivity.moc"
