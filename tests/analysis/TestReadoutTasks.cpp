// Readouts on network states: ReadoutStates (exponential filter, counts), RidgeReadout
// cross-validation across groups, and the tasks of ReadoutTasks against known answers: memory
// capacity of a linear echo state network, NARMA-10 with a linear model and an oracle,
// classification of separable clusters and of random labels, InputSignal generators.

#include "ErrorOf.h"
#include "plexus/analysis/InputSignal.h"
#include "plexus/analysis/ReadoutStates.h"
#include "plexus/analysis/ReadoutTasks.h"
#include "plexus/analysis/RidgeReadout.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/base/RandomStream.h"

#include <QtTest>
#include <cmath>
#include <fstream>
#include <map>
#include <numbers>
#include <set>

using namespace plexus;
using analysis::InputSignal;
using analysis::ReadoutStates;
using analysis::ReadoutTasks;
using analysis::RidgeReadout;

namespace {

/// States of a linear echo state network x(n+1) = W x(n) + w u(n), recorded before u(n) acts
/// (row n has seen u(0) .. u(n-1)). W is a random orthogonal matrix scaled to `radius`.
Eigen::MatrixXd linearNetworkStates(const Eigen::VectorXd& u, Eigen::Index units, double radius,
                                    std::uint64_t seed) {
    core::RandomStream random(seed);
    Eigen::MatrixXd g(units, units);
    for (Eigen::Index r = 0; r < units; ++r)
        for (Eigen::Index c = 0; c < units; ++c)
            g(r, c) = random.normal();
    const Eigen::MatrixXd q = Eigen::HouseholderQR<Eigen::MatrixXd>(g).householderQ();
    const Eigen::MatrixXd w = radius * q;
    Eigen::VectorXd win(units);
    for (Eigen::Index i = 0; i < units; ++i)
        win(i) = random.uniform(-1.0, 1.0);
    Eigen::MatrixXd states(u.size(), units);
    Eigen::VectorXd x = Eigen::VectorXd::Zero(units);
    for (Eigen::Index n = 0; n < u.size(); ++n) {
        states.row(n) = x.transpose();
        x = w * x + win * u(n);
    }
    return states;
}

std::vector<int> blocks(Eigen::Index samples, Eigen::Index blockSize) {
    std::vector<int> g(static_cast<std::size_t>(samples));
    for (std::size_t i = 0; i < g.size(); ++i)
        g[i] = static_cast<int>(static_cast<Eigen::Index>(i) / blockSize);
    return g;
}

/// Brute force: centred normal equations solved by LDLT, one fit per fold and lambda.
double bruteForceError(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y,
                       const std::vector<std::size_t>& fold, std::size_t folds, double lambda) {
    double error = 0.0;
    for (std::size_t f = 0; f < folds; ++f) {
        std::vector<Eigen::Index> train, test;
        for (std::size_t i = 0; i < fold.size(); ++i)
            (fold[i] == f ? test : train).push_back(static_cast<Eigen::Index>(i));
        const Eigen::MatrixXd xt = RidgeReadout::rows(x, train), yt = RidgeReadout::rows(y, train);
        const Eigen::RowVectorXd mx = xt.colwise().mean(), my = yt.colwise().mean();
        const Eigen::MatrixXd xc = xt.rowwise() - mx, yc = yt.rowwise() - my;
        const Eigen::MatrixXd a =
            xc.transpose() * xc + lambda * Eigen::MatrixXd::Identity(x.cols(), x.cols());
        const Eigen::MatrixXd w = a.ldlt().solve(xc.transpose() * yc);
        const Eigen::RowVectorXd b = my - mx * w;
        const Eigen::MatrixXd p = (RidgeReadout::rows(x, test) * w).rowwise() + b;
        error += (p - RidgeReadout::rows(y, test)).squaredNorm();
    }
    return error / static_cast<double>(x.rows() * y.cols());
}

} // namespace

class TestReadoutTasks : public QObject {
    Q_OBJECT

private slots:
    void statesFilterPastSpikesOnly() {
        analysis::SpikeTimes a;
        a.name = "A";
        a.size = 2;
        a.timesMs = {20.0, 10.0, 15.0};
        a.neurons = {0, 0, 1};
        analysis::SpikeTimes b;
        b.name = "B";
        b.size = 1;
        b.timesMs = {30.0};
        b.neurons = {0};
        ReadoutStates::Options o;
        o.tauMs = 10.0;
        o.bias = true;
        // Times out of order; the rows keep the order given.
        const auto s = ReadoutStates::sample({a, b}, {25.0, 5.0, 20.0}, {1, 0, 1}, o);
        QCOMPARE(s.states.rows(), Eigen::Index(3));
        QCOMPARE(s.states.cols(), Eigen::Index(4));
        QCOMPARE(s.neurons, std::size_t(3));
        const double at20 = 1.0 + std::exp(-1.0);
        QVERIFY(std::fabs(s.states(2, 0) - at20) < 1e-12);                  // spike at t counts
        QVERIFY(std::fabs(s.states(0, 0) - at20 * std::exp(-0.5)) < 1e-12); // decays
        QVERIFY(std::fabs(s.states(0, 1) - std::exp(-1.0)) < 1e-12);        // neuron 1 at 15
        QCOMPARE(s.states(1, 0), 0.0);                                      // nothing before 5
        QCOMPARE(s.states(0, 2), 0.0);                                      // B spikes at 30
        QCOMPARE(s.states.col(3), Eigen::VectorXd::Ones(3).eval());         // bias column
        QCOMPARE(s.groups, (std::vector<int>{1, 0, 1}));

        o.filter = ReadoutStates::Filter::Count;
        o.binMs = 10.0;
        o.bias = false;
        const auto c = ReadoutStates::sample({a, b}, {25.0, 5.0, 20.0, 30.0}, {}, o);
        QCOMPARE(c.states(2, 0), 1.0); // (10, 20]: the spike at 20 only
        QCOMPARE(c.states(0, 0), 1.0); // (15, 25]
        QCOMPARE(c.states(0, 1), 0.0); // 15 is not in (15, 25]
        QCOMPARE(c.states(2, 1), 1.0); // 15 in (10, 20]
        QCOMPARE(c.states(3, 2), 1.0); // B at 30 in (20, 30]
        QCOMPARE(c.states(1, 0), 0.0);

        o.tauMs = -1.0;
        o.filter = ReadoutStates::Filter::Exponential;
        QVERIFY_THROWS_EXCEPTION(core::Error, ReadoutStates::sample({a}, {1.0}, {}, o));
        a.neurons[0] = 5;
        QVERIFY_THROWS_EXCEPTION(core::Error,
                                 ReadoutStates::sample({a}, {1.0}, {}, ReadoutStates::Options{}));
    }

    void crossValidationKeepsGroupsApart() {
        core::RandomStream random(11);
        const Eigen::Index n = 240, p = 15, q = 2;
        // Groups of uneven sizes with scattered ids, samples interleaved.
        std::vector<int> groups(static_cast<std::size_t>(n));
        for (auto& g : groups)
            g = 3 * static_cast<int>(random.below(23)) + 100;
        Eigen::MatrixXd x(n, p), y(n, q);
        std::map<int, double> offset;
        for (Eigen::Index r = 0; r < n; ++r) {
            const int g = groups[static_cast<std::size_t>(r)];
            if (!offset.count(g))
                offset[g] = random.normal();
            for (Eigen::Index c = 0; c < p; ++c)
                x(r, c) = random.normal() + offset[g];
            y(r, 0) = x.row(r).head(5).sum() + 2.0 * random.normal() + 3.0 * offset[g];
            y(r, 1) = x(r, 7) - x(r, 3) + random.normal();
        }
        const std::size_t folds = 5;
        const auto lambdas = RidgeReadout::defaultLambdas();
        const auto cv = RidgeReadout::crossValidate(x, y, groups, lambdas, folds);

        // White box: one fold per group, every fold used, folds balanced in groups.
        std::map<int, std::set<std::size_t>> foldsOfGroup;
        std::map<std::size_t, std::set<int>> groupsOfFold;
        for (std::size_t i = 0; i < groups.size(); ++i) {
            foldsOfGroup[groups[i]].insert(cv.foldOfSample[i]);
            groupsOfFold[cv.foldOfSample[i]].insert(groups[i]);
        }
        for (const auto& [g, f] : foldsOfGroup)
            QVERIFY2(f.size() == 1,
                     qPrintable(QString("group %1 in %2 folds").arg(g).arg(f.size())));
        QCOMPARE(groupsOfFold.size(), folds);
        for (const auto& [f, g] : groupsOfFold)
            QVERIFY(g.size() >= foldsOfGroup.size() / folds);

        // The lambda a brute-force loop (normal equations, LDLT) picks, with the same errors.
        std::size_t best = 0;
        std::vector<double> brute;
        for (std::size_t l = 0; l < lambdas.size(); ++l) {
            brute.push_back(bruteForceError(x, y, cv.foldOfSample, folds, lambdas[l]));
            QVERIFY(std::fabs(brute[l] - cv.errors[l]) < 1e-9 * brute[l]);
            if (brute[l] < brute[best])
                best = l;
        }
        QCOMPARE(cv.best, best);
        QVERIFY(best > 0 && best + 1 < lambdas.size()); // an interior optimum

        // The train/test split keeps groups apart too.
        const auto split = RidgeReadout::splitByGroup(groups, 0.2);
        std::set<int> train, test;
        for (const auto r : split.trainRows)
            train.insert(groups[static_cast<std::size_t>(r)]);
        for (const auto r : split.testRows)
            test.insert(groups[static_cast<std::size_t>(r)]);
        for (const int g : test)
            QVERIFY2(!train.count(g), qPrintable(QString("group %1 on both sides").arg(g)));
        QCOMPARE(split.trainRows.size() + split.testRows.size(), groups.size());
        QCOMPARE(test.size(), std::size_t(foldsOfGroup.size() / 5));

        QVERIFY_THROWS_EXCEPTION(
            core::Error, RidgeReadout::crossValidate(x, y, std::vector<int>(n, 1), lambdas, 5));
        QVERIFY_THROWS_EXCEPTION(core::Error, RidgeReadout::fit(x, y, -1.0));
    }

    void memoryCapacityOfLinearNetwork() {
        // Known value: a linear network of N units with orthogonal W (spectral radius 0.9) and
        // generic input weights has MC = N (Jaeger 2001, GMD Report 152, Prop. 2; White, Lee &
        // Sompolinsky 2004). Delays up to 3N: 0.9^(2 * 90) makes the rest negligible.
        const Eigen::Index units = 30, washout = 200, samples = 8000 + washout;
        const InputSignal u =
            InputSignal::uniform(static_cast<std::size_t>(samples), 1.0, -1.0, 1.0, 5);
        const Eigen::MatrixXd all = linearNetworkStates(u.values, units, 0.9, 6);
        const Eigen::MatrixXd states = all.bottomRows(samples - washout);
        const Eigen::VectorXd input = u.values.tail(samples - washout);
        const auto groups = blocks(states.rows(), 200);
        RidgeReadout::Options o;
        const auto mc = ReadoutTasks::memoryCapacity(states, input, groups, 3 * units, o);
        QCOMPARE(mc.curve.size(), std::size_t(90));
        qInfo("MC = %.3f (N = %d), m(1) = %.4f, m(30) = %.4f, m(60) = %.4f, lambda %g", mc.total,
              int(units), mc.curve[0], mc.curve[29], mc.curve[59], mc.lambda);
        QVERIFY2(std::fabs(mc.total - 30.0) < 0.05 * 30.0, qPrintable(QString::number(mc.total)));
        QVERIFY(mc.curve[0] > 0.99);
        QVERIFY(mc.curve[89] < 0.05);

        // Control: states shuffled in time carry no memory of the input.
        core::RandomStream random(9);
        std::vector<Eigen::Index> perm(static_cast<std::size_t>(states.rows()));
        for (std::size_t i = 0; i < perm.size(); ++i)
            perm[i] = static_cast<Eigen::Index>(i);
        for (std::size_t i = perm.size() - 1; i > 0; --i)
            std::swap(perm[i], perm[random.below(i + 1)]);
        const auto shuffled = ReadoutTasks::memoryCapacity(RidgeReadout::rows(states, perm), input,
                                                           groups, 3 * units, o);
        qInfo("shuffled MC = %.3f", shuffled.total);
        QVERIFY2(shuffled.total < 1.0, qPrintable(QString::number(shuffled.total)));
    }

    void memoryCapacityFromSpikeTrains() {
        // A spiking delay line: during the input step (t_m, t_m+1) neuron d (d = 1..5) fires
        // round(9 u(m + 1 - d)) spikes, so the count in (t_n - step, t_n] of neuron d codes
        // u(n - d). Its memory function is ~1 for k <= 5 (rounding costs ~1 %) and 0 beyond.
        const int delays = 5, samples = 3000;
        const double step = 10.0;
        const auto u = InputSignal::uniform(samples, step, 0.0, 1.0, 17);
        analysis::SpikeTimes line;
        line.name = "line";
        line.size = delays;
        for (int m = 0; m + 1 < samples; ++m)
            for (int d = 1; d <= delays; ++d) {
                if (m + 1 - d < 0)
                    continue;
                const int count = static_cast<int>(std::lround(9.0 * u.values(m + 1 - d)));
                for (int j = 0; j < count; ++j) {
                    line.timesMs.push_back(u.timeMs(static_cast<std::size_t>(m)) + 1.0 + j);
                    line.neurons.push_back(d - 1);
                }
            }
        ReadoutStates::Options o;
        o.filter = ReadoutStates::Filter::Count;
        o.binMs = step;
        const auto states = ReadoutStates::sample({line}, u.timesMs(), blocks(samples, 100), o);
        QCOMPARE(states.states(20, 2), std::round(9.0 * u.values(17)));
        const auto mc = ReadoutTasks::memoryCapacity(states.states, u.values, states.groups, 10,
                                                     RidgeReadout::Options{});
        qInfo("spiking delay line: MC = %.3f, m(5) = %.3f, m(6) = %.4f", mc.total, mc.curve[4],
              mc.curve[5]);
        QVERIFY2(mc.total > 0.95 * delays && mc.total < delays + 0.1,
                 qPrintable(QString::number(mc.total)));
        for (int k = 0; k < delays; ++k)
            QVERIFY(mc.curve[static_cast<std::size_t>(k)] > 0.95);
        for (int k = delays; k < 10; ++k)
            QVERIFY(mc.curve[static_cast<std::size_t>(k)] < 0.02);
    }

    void narma10LinearAndOracle() {
        const std::size_t samples = 5000, washout = 200, delays = 20;
        const InputSignal u = InputSignal::narma10(samples, 1.0, 21);
        QVERIFY(u.values.minCoeff() >= 0.0 && u.values.maxCoeff() < 0.5);
        const Eigen::VectorXd y = ReadoutTasks::narma10Target(u.values);
        // The recurrence by hand at its first steps.
        QCOMPARE(y(9), 0.0);
        QVERIFY(std::fabs(y(10) - (1.5 * u.values(0) * u.values(9) + 0.1)) < 1e-15);
        QVERIFY(std::fabs(y(11) - (0.3 * y(10) + 0.05 * y(10) * y(10) +
                                   1.5 * u.values(1) * u.values(10) + 0.1)) < 1e-15);

        // Network-free: a linear model of the last 20 inputs (row n sees u(n-1) .. u(n-20)).
        Eigen::MatrixXd delayed = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(samples),
                                                        static_cast<Eigen::Index>(delays));
        for (Eigen::Index n = 0; n < delayed.rows(); ++n)
            for (Eigen::Index k = 1; k <= delayed.cols(); ++k)
                if (n - k >= 0)
                    delayed(n, k - 1) = u.values(n - k);
        const auto groups = blocks(delayed.rows(), 100);
        const auto linear =
            ReadoutTasks::narma10(delayed, u.values, groups, washout, RidgeReadout::Options{});
        qInfo("NARMA-10 linear model: test NRMSE %.3f, train %.3f", linear.testNrmse,
              linear.trainNrmse);
        QVERIFY2(linear.testNrmse > 0.3 && linear.testNrmse < 0.45,
                 qPrintable(QString::number(linear.testNrmse)));

        // An oracle state that is the target itself predicts it exactly.
        const auto oracle = ReadoutTasks::narma10(Eigen::MatrixXd(y), u.values, groups, washout,
                                                  RidgeReadout::Options{});
        QVERIFY2(oracle.testNrmse < 1e-6, qPrintable(QString::number(oracle.testNrmse)));
        QVERIFY(oracle.testR2 > 1.0 - 1e-9);

        // Regression to a recorded signal: a noisy linear function of the states.
        core::RandomStream random(4);
        Eigen::VectorXd target = 2.0 * delayed.col(0) - delayed.col(3);
        for (Eigen::Index i = 0; i < target.size(); ++i)
            target(i) += 0.1 * random.normal();
        const auto r = ReadoutTasks::regress(delayed, target, groups, RidgeReadout::Options{});
        // Signal variance 5 * (0.5^2 / 12) = 0.104, noise 0.01: R^2 = 0.91.
        QVERIFY2(std::fabs(r.testR2 - 0.912) < 0.03, qPrintable(QString::number(r.testR2)));
        QVERIFY(std::fabs(r.testNrmse - std::sqrt(1.0 - r.testR2)) < 0.02);
    }

    void classificationOfClusters() {
        core::RandomStream random(31);
        const int classes = 3, trials = 60, perTrial = 5, features = 8;
        Eigen::MatrixXd centres(classes, features);
        for (int c = 0; c < classes; ++c)
            for (int f = 0; f < features; ++f)
                centres(c, f) = 6.0 * random.normal();
        Eigen::MatrixXd x(trials * perTrial, features);
        std::vector<int> labels, groups;
        for (int t = 0; t < trials; ++t)
            for (int s = 0; s < perTrial; ++s) {
                const Eigen::Index row = t * perTrial + s;
                for (int f = 0; f < features; ++f)
                    x(row, f) = centres(t % classes, f) + random.normal();
                labels.push_back(t % classes);
                groups.push_back(t);
            }
        const auto c = ReadoutTasks::classify(x, labels, classes, groups, RidgeReadout::Options{});
        QCOMPARE(c.testAccuracy, 1.0);
        QCOMPARE(c.trainAccuracy, 1.0);
        QCOMPARE(c.confusion.sum(), int(c.testSamples));
        QCOMPARE(c.confusion.diagonal().sum(), int(c.testSamples));
        for (int k = 0; k < classes; ++k)
            QVERIFY(c.confusion(k, k) > 0);

        // A given split: train on the first 40 trials, test on the last 20 (e.g. the training
        // and the test trials of a protocol); one prediction per test row, in its order.
        RidgeReadout::Split split;
        for (Eigen::Index row = 0; row < x.rows(); ++row)
            (row < 40 * perTrial ? split.trainRows : split.testRows).push_back(row);
        for (int t = 0; t < trials; ++t)
            (t < 40 ? split.trainGroups : split.testGroups).push_back(t);
        const auto given =
            ReadoutTasks::classify(x, labels, classes, groups, split, RidgeReadout::Options{});
        QCOMPARE(given.trainSamples, std::size_t(40 * perTrial));
        QCOMPARE(given.testSamples, std::size_t(20 * perTrial));
        QCOMPARE(given.testRows, split.testRows);
        QCOMPARE(given.testAccuracy, 1.0);
        for (std::size_t i = 0; i < given.testRows.size(); ++i)
            QCOMPARE(given.testPredictions[i], labels[static_cast<std::size_t>(given.testRows[i])]);
        RidgeReadout::Split oneSided = split;
        oneSided.testRows.clear();
        QVERIFY(tests::errorOf([&] {
                    ReadoutTasks::classify(x, labels, classes, groups, oneSided,
                                           RidgeReadout::Options{});
                }).find("samples on both sides") != std::string::npos);

        // Random labels on noise: chance level on held-out trials, although a weakly
        // regularised readout of 120 features fits its training trials well above chance.
        const int many = 900, wide = 120;
        Eigen::MatrixXd noise(many, wide);
        std::vector<int> randomLabels, trialsOfOne;
        for (int t = 0; t < many; ++t) {
            for (int f = 0; f < wide; ++f)
                noise(t, f) = random.normal();
            randomLabels.push_back(static_cast<int>(random.below(classes)));
            trialsOfOne.push_back(t);
        }
        RidgeReadout::Options weak;
        weak.lambdas = {1e-6};
        const auto chance = ReadoutTasks::classify(noise, randomLabels, classes, trialsOfOne, weak);
        QVERIFY2(chance.trainAccuracy > 0.5, qPrintable(QString::number(chance.trainAccuracy)));
        qInfo("random labels: test accuracy %.3f, train %.3f (chance %.3f, most frequent %.3f)",
              chance.testAccuracy, chance.trainAccuracy, 1.0 / classes, chance.chance);
        QVERIFY2(std::fabs(chance.testAccuracy - 1.0 / classes) < 0.1,
                 qPrintable(QString::number(chance.testAccuracy)));
    }

    void inputSignals() {
        const auto a = InputSignal::uniform(1000, 2.0, -1.0, 1.0, 3);
        const auto b = InputSignal::uniform(1000, 2.0, -1.0, 1.0, 3);
        QCOMPARE(a.values, b.values);
        QVERIFY(a.values.minCoeff() >= -1.0 && a.values.maxCoeff() < 1.0);
        QVERIFY(std::fabs(a.values.mean()) < 0.1);
        QCOMPARE(a.timeMs(10), 20.0);
        QCOMPARE(a.valueAt(21.9), a.values(10));
        QVERIFY_THROWS_EXCEPTION(core::Error, a.valueAt(2000.0));
        QVERIFY(InputSignal::uniform(1000, 2.0, -1.0, 1.0, 4).values != a.values);

        const auto s = InputSignal::sine(1000, 1.0, 10.0, 2.0, 0.0, 1.0); // 10 Hz, 1 ms step
        QVERIFY(std::fabs(s.values(25) - 3.0) < 1e-12);                   // a quarter period
        QVERIFY(std::fabs(s.values(75) + 1.0) < 1e-12);
        // A chirp from f to f is the sine; from 0 to 20 Hz its frequency at the end is 20 Hz.
        const auto flat = InputSignal::chirp(1000, 1.0, 10.0, 10.0, 2.0);
        QVERIFY((flat.values - (s.values.array() - 1.0).matrix()).cwiseAbs().maxCoeff() < 1e-9);
        const auto sweep = InputSignal::chirp(2000, 1.0, 0.0, 20.0);
        // Zero crossings: 2 f per second, f rising from 0-5 Hz (first quarter) to 15-20 Hz.
        int early = 0, late = 0;
        for (Eigen::Index i = 1; i < 2000; ++i) {
            const bool crossing = (sweep.values(i - 1) < 0) != (sweep.values(i) < 0);
            early += crossing && i < 500;
            late += crossing && i >= 1500;
        }
        QVERIFY2(late > 5 * early, qPrintable(QString("%1 %2").arg(early).arg(late)));

        QTemporaryDir dir;
        const std::string path = dir.filePath("u.csv").toStdString();
        std::ofstream(path) << "time_ms,value\n0,0.5\n10,0.25\n20,-1\n";
        const auto csv = InputSignal::readCsv(path);
        QCOMPARE(csv.stepMs, 10.0);
        QCOMPARE(csv.values(2), -1.0);
        std::ofstream(path) << "time_ms,value\n0,0.5\n10,0.25\n25,-1\n";
        try {
            InputSignal::readCsv(path);
            QFAIL("uneven step accepted");
        } catch (const core::Error& e) {
            QVERIFY2(QString(e.what()).contains("u.csv:4"), e.what());
        }
        std::ofstream(path) << "time_ms,value\n0,0.5\n10,x\n";
        try {
            InputSignal::readCsv(path);
            QFAIL("bad value accepted");
        } catch (const core::Error& e) {
            QVERIFY2(QString(e.what()).contains("u.csv:3"), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestReadoutTasks)
#include "TestReadoutTasks.moc"
