// Trajectory geometry against known answers: circle and line curvature and length, PCA of data
// with a known covariance, participation ratio, cosine similarity, convergence index, shuffles.

#include "plexus/analysis/Pca.h"
#include "plexus/analysis/RandomizedSvd.h"
#include "plexus/analysis/ShuffleControl.h"
#include "plexus/analysis/TrajectoryAnalysis.h"
#include "plexus/analysis/TrajectoryMetrics.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/base/RandomStream.h"

#include <QtTest>
#include <cmath>

using namespace plexus;
using analysis::Pca;
using analysis::PcaMethod;
using analysis::PcaOptions;
using analysis::TrajectoryMetrics;

namespace {

Eigen::MatrixXd gaussian(Eigen::Index rows, Eigen::Index cols, std::uint64_t seed) {
    core::RandomStream random(seed);
    Eigen::MatrixXd m(rows, cols);
    for (Eigen::Index c = 0; c < cols; ++c)
        for (Eigen::Index r = 0; r < rows; ++r)
            m(r, c) = random.normal();
    return m;
}

/// A random orthonormal d x k basis.
Eigen::MatrixXd orthonormal(Eigen::Index d, Eigen::Index k, std::uint64_t seed) {
    Eigen::HouseholderQR<Eigen::MatrixXd> qr(gaussian(d, k, seed));
    return qr.householderQ() * Eigen::MatrixXd::Identity(d, k);
}

/// A closed regular polygon of n vertices on a circle of radius r, embedded in `dims`
/// dimensions by a random rotation; n + 1 rows (the first vertex repeated at the end).
Eigen::MatrixXd circle(int n, double r, Eigen::Index dims, std::uint64_t seed) {
    const Eigen::MatrixXd basis = orthonormal(dims, 2, seed);
    Eigen::MatrixXd x(n + 1, dims);
    for (int i = 0; i <= n; ++i) {
        const double a = 2.0 * M_PI * i / n;
        x.row(i) = (r * std::cos(a)) * basis.col(0).transpose() +
                   (r * std::sin(a)) * basis.col(1).transpose();
        x.row(i).array() += 3.0; // off the origin
    }
    return x;
}

/// n samples whose sample covariance is exactly basis * diag(variances) * basis^T.
Eigen::MatrixXd knownCovariance(Eigen::Index n, const Eigen::VectorXd& variances,
                                const Eigen::MatrixXd& basis, std::uint64_t seed) {
    const Eigen::Index k = variances.size();
    Eigen::MatrixXd z = gaussian(n, k, seed);
    z = z.rowwise() - z.colwise().mean();
    Eigen::HouseholderQR<Eigen::MatrixXd> qr(z);
    const Eigen::MatrixXd q = qr.householderQ() * Eigen::MatrixXd::Identity(n, k);
    Eigen::MatrixXd x = std::sqrt(static_cast<double>(n - 1)) * q *
                        variances.cwiseSqrt().asDiagonal() * basis.transpose();
    x.rowwise() += Eigen::RowVectorXd::LinSpaced(basis.rows(), -1.0, 5.0);
    return x;
}

} // namespace

class TestAnalysisTrajectory : public QObject {
    Q_OBJECT

private slots:
    void circleCurvatureAndLength() {
        for (const int n : {12, 360}) {
            const double r = 2.0;
            const Eigen::MatrixXd x = circle(n, r, 7, 3);
            const Eigen::VectorXd k = TrajectoryMetrics::curvature(x);
            QCOMPARE(k.size(), Eigen::Index(n - 1));
            for (Eigen::Index i = 0; i < k.size(); ++i)
                QVERIFY2(std::fabs(k(i) - 2.0 * M_PI / n) < 1e-10,
                         qPrintable(QString::number(k(i))));
            QVERIFY(std::fabs(TrajectoryMetrics::meanCurvature(x) - 2.0 * M_PI / n) < 1e-10);
            // Exact chord sum, close to the circumference for a fine polygon.
            const double chords = n * 2.0 * r * std::sin(M_PI / n);
            QVERIFY(std::fabs(TrajectoryMetrics::pathLength(x) - chords) < 1e-10);
            if (n == 360)
                QVERIFY(std::fabs(TrajectoryMetrics::pathLength(x) / (2.0 * M_PI * r) - 1.0) <
                        2e-5);
        }
    }

    void straightLineHasNoCurvature() {
        const Eigen::RowVectorXd a = Eigen::RowVectorXd::LinSpaced(5, 1.0, 2.0);
        const Eigen::RowVectorXd v = Eigen::RowVectorXd::LinSpaced(5, -0.3, 0.7);
        const std::vector<double> t = {0.0, 0.1, 0.5, 0.55, 2.0, 7.0};
        Eigen::MatrixXd x(t.size(), 5);
        for (std::size_t i = 0; i < t.size(); ++i)
            x.row(static_cast<Eigen::Index>(i)) = a + t[i] * v;
        const Eigen::VectorXd k = TrajectoryMetrics::curvature(x);
        QVERIFY(k.cwiseAbs().maxCoeff() < 1e-7);
        QVERIFY(std::fabs(TrajectoryMetrics::pathLength(x) - 7.0 * v.norm()) < 1e-12);
        // Going back along the line turns by pi; a repeated state leaves the angle undefined.
        Eigen::MatrixXd back(3, 2);
        back << 0, 0, 1, 0, 0.5, 0;
        QVERIFY(std::fabs(TrajectoryMetrics::curvature(back)(0) - M_PI) < 1e-12);
        Eigen::MatrixXd still(4, 2);
        still << 0, 0, 1, 0, 1, 0, 1, 1;
        const Eigen::VectorXd ks = TrajectoryMetrics::curvature(still);
        QVERIFY(std::isnan(ks(0)) && std::isnan(ks(1)));
        QVERIFY(std::isnan(TrajectoryMetrics::meanCurvature(still)));
    }

    void pcaRecoversKnownCovariance() {
        Eigen::VectorXd variances(3);
        variances << 9.0, 4.0, 1.0;
        const Eigen::MatrixXd basis = orthonormal(6, 3, 11);
        const Eigen::MatrixXd x = knownCovariance(200, variances, basis, 5);
        for (const auto method : {PcaMethod::Exact, PcaMethod::Randomized}) {
            PcaOptions o;
            o.components = 3;
            o.method = method;
            const Pca pca = Pca::fit(x, o);
            QCOMPARE(pca.randomized(), method == PcaMethod::Randomized);
            QCOMPARE(pca.explainedVariance().size(), Eigen::Index(3));
            for (int i = 0; i < 3; ++i) {
                QVERIFY(std::fabs(pca.explainedVariance()(i) - variances(i)) < 1e-9);
                QVERIFY(std::fabs(std::fabs(pca.components().col(i).dot(basis.col(i))) - 1.0) <
                        1e-9);
            }
            QVERIFY(std::fabs(pca.totalVariance() - 14.0) < 1e-9);
            QVERIFY(std::fabs(pca.explainedVarianceRatio().sum() - 1.0) < 1e-12);
            // Scores have the component variances and no covariance.
            const Eigen::MatrixXd s = pca.transform(x);
            const Eigen::MatrixXd cov = s.transpose() * s / 199.0;
            QVERIFY((cov - Eigen::MatrixXd(variances.asDiagonal())).cwiseAbs().maxCoeff() < 1e-9);
        }
        // More units than samples: the samples-side Gram matrix gives the same answer.
        const Eigen::MatrixXd wideBasis = orthonormal(300, 3, 12);
        const Eigen::MatrixXd wide = knownCovariance(40, variances, wideBasis, 6);
        const Pca pca = Pca::fit(wide, PcaOptions{5, PcaMethod::Exact});
        QCOMPARE(pca.components().cols(), Eigen::Index(3)); // clamped to the rank
        for (int i = 0; i < 3; ++i)
            QVERIFY(std::fabs(pca.explainedVariance()(i) - variances(i)) < 1e-9);
        QVERIFY(std::fabs((pca.components().transpose() * pca.components() -
                           Eigen::MatrixXd::Identity(3, 3))
                              .cwiseAbs()
                              .maxCoeff()) < 1e-9);
        bool threw = false;
        try {
            Pca::fit(gaussian(1, 3, 1));
        } catch (const core::Error&) {
            threw = true;
        }
        QVERIFY(threw);
    }

    void pcaOfSampledGaussian() {
        // 20000 draws from N(0, diag(4, 1) rotated by 30 degrees): eigenvalues within 3 %.
        const double a = M_PI / 6.0;
        Eigen::Matrix2d r;
        r << std::cos(a), -std::sin(a), std::sin(a), std::cos(a);
        Eigen::MatrixXd z = gaussian(20000, 2, 9);
        z.col(0) *= 2.0;
        const Eigen::MatrixXd x = z * r.transpose();
        const Pca pca = Pca::fit(x, PcaOptions{2});
        QVERIFY(std::fabs(pca.explainedVariance()(0) / 4.0 - 1.0) < 0.03);
        QVERIFY(std::fabs(pca.explainedVariance()(1) - 1.0) < 0.03);
        QVERIFY(std::fabs(std::fabs(pca.components().col(0).dot(r.col(0))) - 1.0) < 1e-3);
    }

    void randomizedSvdMatchesExactOnLargeData() {
        // Low rank plus noise, 600 samples x 1500 units: randomized top components agree.
        Eigen::VectorXd variances(5);
        variances << 50, 30, 20, 10, 5;
        Eigen::MatrixXd x = knownCovariance(600, variances, orthonormal(1500, 5, 21), 22);
        x += 0.05 * gaussian(600, 1500, 23);
        PcaOptions o;
        o.components = 5;
        o.method = PcaMethod::Exact;
        const Pca exact = Pca::fit(x, o);
        o.method = PcaMethod::Auto;
        o.exactLimit = 100;
        const Pca fast = Pca::fit(x, o);
        QVERIFY(fast.randomized());
        for (int i = 0; i < 5; ++i) {
            QVERIFY(std::fabs(fast.explainedVariance()(i) / exact.explainedVariance()(i) - 1.0) <
                    1e-8);
            QVERIFY(std::fabs(std::fabs(fast.components().col(i).dot(exact.components().col(i))) -
                              1.0) < 1e-8);
        }
        const auto svd = analysis::RandomizedSvd::compute(x, 3, 10, 4, 1);
        QCOMPARE(svd.u().cols(), Eigen::Index(3));
        QVERIFY(svd.singularValues()(0) >= svd.singularValues()(1));
    }

    void participationRatio() {
        Eigen::VectorXd equal = Eigen::VectorXd::Constant(4, 2.0);
        const Eigen::MatrixXd iso = knownCovariance(50, equal, orthonormal(10, 4, 2), 3);
        QVERIFY(std::fabs(TrajectoryMetrics::participationRatio(iso) - 4.0) < 1e-9);
        // Same through the samples-side Gram matrix (more units than samples).
        const Eigen::MatrixXd isoWide = knownCovariance(20, equal, orthonormal(500, 4, 4), 5);
        QVERIFY(std::fabs(TrajectoryMetrics::participationRatio(isoWide) - 4.0) < 1e-9);
        Eigen::VectorXd two(2);
        two << 3.0, 1.0; // (3 + 1)^2 / (9 + 1) = 1.6
        const Eigen::MatrixXd x = knownCovariance(30, two, orthonormal(5, 2, 6), 7);
        QVERIFY(std::fabs(TrajectoryMetrics::participationRatio(x) - 1.6) < 1e-9);
        // A line: 1; a point: 0.
        QVERIFY(std::fabs(TrajectoryMetrics::participationRatio(circle(4, 1, 3, 1).topRows(2)) -
                          1.0) < 1e-12);
        QCOMPARE(TrajectoryMetrics::participationRatio(Eigen::MatrixXd::Ones(5, 3)), 0.0);
    }

    void cosineSimilarityAndStability() {
        const int n = 8;
        const double step = 0.3;
        Eigen::MatrixXd x(n, 2);
        for (int t = 0; t < n; ++t)
            x.row(t) << (1.0 + t) * std::cos(t * step), (1.0 + t) * std::sin(t * step);
        const Eigen::MatrixXd s = TrajectoryMetrics::cosineSimilarity(x);
        for (int a = 0; a < n; ++a)
            for (int b = 0; b < n; ++b)
                QVERIFY(std::fabs(s(a, b) - std::cos((a - b) * step)) < 1e-12);
        QVERIFY(std::fabs(TrajectoryMetrics::stability(x) - std::cos(step)) < 1e-12);
        double mean = 0;
        for (int a = 0; a < n; ++a)
            for (int b = 0; b < n; ++b)
                if (a != b)
                    mean += std::cos((a - b) * step) / (n * (n - 1));
        QVERIFY(std::fabs(TrajectoryMetrics::meanCosineSimilarity(x) - mean) < 1e-12);
        // An all-zero state has no direction: NaN, left out of the means.
        x.row(3).setZero();
        const Eigen::MatrixXd z = TrajectoryMetrics::cosineSimilarity(x);
        QVERIFY(std::isnan(z(3, 0)) && std::isnan(z(0, 3)) && std::isnan(z(3, 3)));
        QVERIFY(std::fabs(TrajectoryMetrics::stability(x) - std::cos(step)) < 1e-12);
    }

    void convergenceIndex() {
        // Two conditions mirrored about a common path, separation shrinking from 2 to 0.5.
        const int n = 11;
        Eigen::MatrixXd a(n, 3), b(n, 3);
        for (int t = 0; t < n; ++t) {
            const double s = 1.0 - 0.75 * t / (n - 1);
            const Eigen::RowVector3d common(t, 0.5 * t, 1.0);
            a.row(t) = common + Eigen::RowVector3d(0, s, 0);
            b.row(t) = common - Eigen::RowVector3d(0, s, 0);
        }
        const Eigen::VectorXd d = TrajectoryMetrics::conditionDistance({a, b});
        QCOMPARE(d.size(), Eigen::Index(n));
        QVERIFY(std::fabs(d(0) - 2.0) < 1e-12 && std::fabs(d(n - 1) - 0.5) < 1e-12);
        QVERIFY(std::fabs(TrajectoryMetrics::convergenceIndex({a, b}) - 0.75) < 1e-12);
        // Reversed in time they diverge: 1 - 2 / 0.5 = -3.
        QVERIFY(std::fabs(TrajectoryMetrics::convergenceIndex(
                              {a.colwise().reverse(), b.colwise().reverse()}) +
                          3.0) < 1e-12);
        // Edge averaging: first / last 2 points.
        const double start = (2.0 + 2.0 * (1.0 - 0.075)) / 2.0;
        const double end = (0.5 + 2.0 * (1.0 - 0.675)) / 2.0;
        QVERIFY(std::fabs(TrajectoryMetrics::convergenceIndex({a, b}, 2) - (1.0 - end / start)) <
                1e-12);
        QVERIFY(std::isnan(TrajectoryMetrics::convergenceIndex({a})));
    }

    void shuffleControls() {
        const Eigen::MatrixXd x = circle(60, 1.0, 8, 4);
        const auto metrics = [](const std::vector<Eigen::MatrixXd>& t) {
            return std::vector<double>{TrajectoryMetrics::pathLength(t[0]),
                                       TrajectoryMetrics::participationRatio(t[0])};
        };
        using analysis::ShuffleControl;
        using analysis::ShuffleKind;
        const auto time = ShuffleControl::run({x}, ShuffleKind::Time, 50, 7, metrics);
        const auto again = ShuffleControl::run({x}, ShuffleKind::Time, 50, 7, metrics);
        QCOMPARE(time[0].mean, again[0].mean); // deterministic for a seed
        QCOMPARE(time[0].count, std::size_t(50));
        // Shuffled in time, the smooth circle becomes a long zig-zag; the cloud is unchanged.
        QVERIFY(time[0].mean > 5.0 * TrajectoryMetrics::pathLength(x));
        QVERIFY(time[0].sd > 0.0);
        QVERIFY(std::fabs(time[1].mean - TrajectoryMetrics::participationRatio(x)) < 1e-9);
        QVERIFY(time[1].sd < 1e-9);
        // Shuffled across units, the plane is lost: more dimensions.
        const auto units = ShuffleControl::run({x}, ShuffleKind::Units, 50, 7, metrics);
        QVERIFY(units[1].mean > TrajectoryMetrics::participationRatio(x) + 1.0);
        const auto other = ShuffleControl::run({x}, ShuffleKind::Time, 50, 8, metrics);
        QVERIFY(other[0].mean != time[0].mean);
        // Shuffles keep the values of each state (unit shuffle) and the states (time shuffle).
        core::RandomStream random(1);
        const Eigen::MatrixXd u = ShuffleControl::shuffleUnits(x, random);
        for (Eigen::Index r = 0; r < x.rows(); ++r)
            QVERIFY(std::fabs(u.row(r).sum() - x.row(r).sum()) < 1e-12);
        const Eigen::MatrixXd t = ShuffleControl::shuffleTime(x, random);
        QVERIFY(std::fabs(t.sum() - x.sum()) < 1e-9);
    }

    void analysisOfConditions() {
        analysis::ActivityMatrix m;
        const Eigen::MatrixXd a = circle(20, 1.0, 6, 1);
        const Eigen::MatrixXd b = circle(20, 2.0, 6, 1); // same plane, twice the radius
        m.values.resize(a.rows() + b.rows(), 6);
        m.values << a, b;
        m.conditions.assign(a.rows(), "small");
        m.conditions.insert(m.conditions.end(), b.rows(), "large");
        analysis::TrajectoryOptions o;
        o.shuffles = 10;
        o.components = 2;
        const auto r = analysis::TrajectoryAnalysis::run(m, o);
        QCOMPARE(r.conditions.size(), std::size_t(2));
        QCOMPARE(r.conditions[1].name, std::string("large"));
        QCOMPARE(r.conditions[0].projection.cols(), Eigen::Index(2));
        QVERIFY(std::fabs(r.conditions[0].meanCurvature - 2.0 * M_PI / 20) < 1e-10);
        QVERIFY(std::fabs(r.metric("path_length").value -
                          0.5 * (r.conditions[0].pathLength + r.conditions[1].pathLength)) < 1e-12);
        QVERIFY(std::isfinite(r.metric("convergence_index").value));
        QVERIFY(r.metric("path_length").timeShuffle.mean > r.metric("path_length").value);
        QCOMPARE(r.metric("path_length").unitShuffle.count, std::size_t(10));
        QCOMPARE(r.summary.size(), std::size_t(6));
        // In the space of 2 principal components the planar circles keep their curvature.
        o.space = analysis::MetricSpace::Pca;
        const auto p = analysis::TrajectoryAnalysis::run(m, o);
        QVERIFY(std::fabs(p.conditions[0].meanCurvature - 2.0 * M_PI / 20) < 1e-6);
        QVERIFY(p.metric("participation_ratio").value <= 2.0 + 1e-9);
        // One condition: no convergence index.
        m.conditions.clear();
        const auto single = analysis::TrajectoryAnalysis::run(m, o);
        QCOMPARE(single.summary.size(), std::size_t(5));
        QVERIFY(std::isnan(single.convergenceIndex));
        bool threw = false;
        try {
            single.metric("convergence_index");
        } catch (const core::Error&) {
            threw = true;
        }
        QVERIFY(threw);
    }
};

QTEST_GUILESS_MAIN(TestAnalysisTrajectory)
#include "TestAnalysisTrajectory.moc"
