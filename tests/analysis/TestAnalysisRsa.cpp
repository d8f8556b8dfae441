// RSA against known answers: RDMs of orthogonal patterns, rank correlations computed by hand,
// unbiased crossnobis, noise covariance shrinkage, classical MDS, geo-topological transforms.

#include "plexus/analysis/GeoTopology.h"
#include "plexus/analysis/Mds.h"
#include "plexus/analysis/NoiseCovariance.h"
#include "plexus/analysis/RdmCalculator.h"
#include "plexus/analysis/RdmComparison.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/base/RandomStream.h"

#include <QtTest>
#include <cmath>

using namespace plexus;
using analysis::ComparisonMethod;
using analysis::DistanceMetric;
using analysis::NoiseCovariance;
using analysis::NoiseShrinkage;
using analysis::Rdm;
using analysis::RdmCalculator;
using analysis::RdmComparison;

namespace {

Eigen::MatrixXd gaussian(Eigen::Index rows, Eigen::Index cols, core::RandomStream& random) {
    Eigen::MatrixXd m(rows, cols);
    for (Eigen::Index c = 0; c < cols; ++c)
        for (Eigen::Index r = 0; r < rows; ++r)
            m(r, c) = random.normal();
    return m;
}

Eigen::VectorXd vec(std::initializer_list<double> v) {
    Eigen::VectorXd out(static_cast<Eigen::Index>(v.size()));
    Eigen::Index i = 0;
    for (const double x : v)
        out(i++) = x;
    return out;
}

/// Kendall tau-a by its definition, O(n^2).
double bruteTauA(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
    double s = 0;
    const Eigen::Index n = a.size();
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = i + 1; j < n; ++j) {
            const double x = a(i) - a(j), y = b(i) - b(j);
            s += (x > 0) - (x < 0) == 0 || (y > 0) - (y < 0) == 0
                     ? 0.0
                     : ((x > 0) == (y > 0) ? 1.0 : -1.0);
        }
    return s / (n * (n - 1) / 2.0);
}

template <typename F>
QString errorOf(F f) {
    try {
        f();
    } catch (const core::Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestAnalysisRsa : public QObject {
    Q_OBJECT

private slots:
    void orthogonalPatterns() {
        // One-hot patterns in p units: correlation r = -1/(p-1), so 1 - r = p / (p - 1);
        // cosine distance 1; Euclidean distance sqrt(2).
        const int p = 6;
        const Eigen::MatrixXd x = Eigen::MatrixXd::Identity(4, p);
        const Rdm corr = RdmCalculator::compute(x, DistanceMetric::Correlation);
        const Rdm cos = RdmCalculator::compute(x, DistanceMetric::Cosine);
        const Rdm euc = RdmCalculator::compute(x, DistanceMetric::Euclidean);
        for (std::size_t i = 0; i < 4; ++i)
            for (std::size_t j = 0; j < 4; ++j) {
                const bool same = i == j;
                QVERIFY(std::fabs(corr(i, j) - (same ? 0.0 : 1.2)) < 1e-14);
                QVERIFY(std::fabs(cos(i, j) - (same ? 0.0 : 1.0)) < 1e-14);
                QVERIFY(std::fabs(euc(i, j) - (same ? 0.0 : std::sqrt(2.0))) < 1e-14);
            }
        QCOMPARE(corr.names()[3], std::string("3"));
        // Correlation ignores offset and scale; anti-correlated patterns are at distance 2.
        Eigen::MatrixXd y(3, 4);
        y << 1, 2, 0, 5, //
            3, 5, 1, 11, //
            -1, -2, 0, -5;
        const Rdm c = RdmCalculator::compute(y, DistanceMetric::Correlation, {"a", "b", "c"});
        QVERIFY(std::fabs(c(0, 1)) < 1e-14);
        QVERIFY(std::fabs(c(0, 2) - 2.0) < 1e-14);
        QCOMPARE(c.names()[2], std::string("c"));
        // Orthogonal zero-mean patterns: correlation distance exactly 1.
        Eigen::MatrixXd h(3, 4);
        h << 1, 1, -1, -1, //
            1, -1, 1, -1,  //
            1, -1, -1, 1;
        const Rdm hc = RdmCalculator::compute(h, DistanceMetric::Correlation);
        QVERIFY((hc.upperTriangle().array() - 1.0).abs().maxCoeff() < 1e-14);
    }

    void largeOffsetsKeepPrecision() {
        // A common offset of 1e5 changes neither Euclidean nor correlation distances; a
        // per-condition offset changes no correlation distance.
        core::RandomStream random(12);
        const Eigen::MatrixXd x = gaussian(30, 200, random);
        Eigen::MatrixXd shifted = x.array() + 1e5;
        for (const auto metric : {DistanceMetric::Euclidean, DistanceMetric::Correlation}) {
            const Rdm a = RdmCalculator::compute(x, metric);
            const Rdm b = RdmCalculator::compute(shifted, metric);
            QVERIFY2((a.matrix() - b.matrix()).cwiseAbs().maxCoeff() < 1e-9,
                     qPrintable(QString::number((a.matrix() - b.matrix()).cwiseAbs().maxCoeff())));
        }
        Eigen::MatrixXd perRow = x;
        for (Eigen::Index r = 0; r < x.rows(); ++r)
            perRow.row(r).array() += 1e4 * static_cast<double>(r + 1);
        const Rdm a = RdmCalculator::compute(x, DistanceMetric::Correlation);
        const Rdm b = RdmCalculator::compute(perRow, DistanceMetric::Correlation);
        QVERIFY((a.matrix() - b.matrix()).cwiseAbs().maxCoeff() < 1e-9);
        // Cosine distance is scale-free.
        const Rdm c = RdmCalculator::compute(x, DistanceMetric::Cosine);
        const Rdm d = RdmCalculator::compute(1e6 * x, DistanceMetric::Cosine);
        QVERIFY((c.matrix() - d.matrix()).cwiseAbs().maxCoeff() < 1e-12);
    }

    void undefinedDistancesNameTheCondition() {
        Eigen::MatrixXd x(2, 3);
        x << 1, 2, 3, 4, 4, 4;
        QVERIFY(errorOf([&] {
                    RdmCalculator::compute(x, DistanceMetric::Correlation, {"a", "flat"});
                }).contains("\"flat\""));
        x.row(1).setZero();
        QVERIFY(errorOf([&] {
                    RdmCalculator::compute(x, DistanceMetric::Cosine, {"a", "zero"});
                }).contains("\"zero\""));
        QVERIFY(errorOf([&] {
                    RdmCalculator::compute(x, DistanceMetric::Crossnobis);
                }).contains("partitions"));
    }

    void rdmEntriesAndSubsets() {
        const Rdm r = Rdm::fromUpperTriangle(vec({1, 2, 3, 4, 5, 6}), {"a", "b", "c", "d"});
        QCOMPARE(r.size(), std::size_t(4));
        QCOMPARE(r(1, 3), 5.0);
        QCOMPARE(r(3, 1), 5.0);
        QCOMPARE(r.upperTriangle(), vec({1, 2, 3, 4, 5, 6}));
        const Rdm s = r.subset({3, 0});
        QCOMPARE(s(0, 1), 3.0);
        QCOMPARE(s.names()[0], std::string("d"));
        QVERIFY(!errorOf([] { Rdm::fromUpperTriangle(vec({1, 2})); }).isEmpty());
    }

    void rankCorrelationsByHand() {
        // No ties: 7 concordant and 3 discordant pairs; sum d^2 = 8.
        const Eigen::VectorXd a = vec({1, 2, 3, 4, 5});
        const Eigen::VectorXd b = vec({3, 1, 2, 5, 4});
        QVERIFY(std::fabs(RdmComparison::kendallTauA(a, b) - 0.4) < 1e-15);
        QVERIFY(std::fabs(RdmComparison::kendallTauB(a, b) - 0.4) < 1e-15);
        QVERIFY(std::fabs(RdmComparison::spearman(a, b) - (1.0 - 6.0 * 8.0 / (5.0 * 24.0))) <
                1e-15);
        // Ties: pairs C C C 0 D 0 -> tau-a = 2/6, tau-b = 2 / sqrt(5 * 5).
        const Eigen::VectorXd c = vec({1, 2, 2, 3});
        const Eigen::VectorXd d = vec({1, 3, 2, 2});
        QVERIFY(std::fabs(RdmComparison::kendallTauA(c, d) - 1.0 / 3.0) < 1e-15);
        QVERIFY(std::fabs(RdmComparison::kendallTauB(c, d) - 0.4) < 1e-15);
        // Average ranks (1, 2.5, 2.5, 4) and (1, 4, 2.5, 2.5): Pearson 2.25 / 4.5.
        QCOMPARE(RdmComparison::ranks(c), vec({1, 2.5, 2.5, 4}));
        QVERIFY(std::fabs(RdmComparison::spearman(c, d) - 0.5) < 1e-15);
        // Perfect and reversed orders; constant vectors are undefined.
        QVERIFY(std::fabs(RdmComparison::kendallTauA(a, -2.0 * a) + 1.0) < 1e-15);
        QVERIFY(std::isnan(RdmComparison::spearman(a, Eigen::VectorXd::Ones(5))));
        // Cosine and Pearson.
        QVERIFY(std::fabs(RdmComparison::cosine(vec({1, 0}), vec({1, 1})) - std::sqrt(0.5)) <
                1e-15);
        QVERIFY(std::fabs(RdmComparison::pearson(a, Eigen::VectorXd((3.0 * a).array() + 1.0)) -
                          1.0) < 1e-15);
    }

    void kendallMatchesDefinitionWithManyTies() {
        core::RandomStream random(3);
        Eigen::VectorXd a(400), b(400);
        for (int i = 0; i < 400; ++i) {
            a(i) = std::floor(random.uniform() * 7.0);
            b(i) = std::floor(a(i) * 0.5 + random.uniform() * 5.0);
        }
        QVERIFY(std::fabs(RdmComparison::kendallTauA(a, b) - bruteTauA(a, b)) < 1e-14);
        QCOMPARE(RdmComparison::compare(a, b, ComparisonMethod::KendallTauA),
                 RdmComparison::kendallTauA(a, b));
    }

    void bootstrapInterval() {
        core::RandomStream random(5);
        const Eigen::MatrixXd patterns = gaussian(20, 30, random);
        const Rdm data = RdmCalculator::compute(patterns, DistanceMetric::Euclidean);
        const Eigen::MatrixXd noisy = patterns + 0.7 * gaussian(20, 30, random);
        const Rdm model = RdmCalculator::compute(noisy, DistanceMetric::Euclidean);
        const auto r =
            RdmComparison::bootstrap(data, model, ComparisonMethod::Spearman, 300, 0.9, 1);
        QCOMPARE(r.value, RdmComparison::compare(data, model, ComparisonMethod::Spearman));
        QVERIFY(r.value > 0.3);
        QVERIFY(r.ciLow < r.ciHigh);
        QVERIFY(r.ciLow < r.value + 0.05 && r.value - 0.05 < r.ciHigh);
        QVERIFY(r.sd > 0.0 && r.sd < 0.3);
        QCOMPARE(r.bootstraps, std::size_t(300));
        const auto again =
            RdmComparison::bootstrap(data, model, ComparisonMethod::Spearman, 300, 0.9, 1);
        QCOMPARE(again.ciLow, r.ciLow);
        // The same RDM: every bootstrap sample gives 1 (Spearman; tau-a counts the ties that
        // repeated conditions create as neither concordant nor discordant, so it stays below 1).
        const auto self = RdmComparison::bootstrap(data, data, ComparisonMethod::Spearman, 50);
        QVERIFY(std::fabs(self.ciLow - 1.0) < 1e-12 && std::fabs(self.ciHigh - 1.0) < 1e-12);
    }

    void crossnobisIsUnbiased() {
        // 4 conditions (0 and 1 identical), 12 units with correlated noise, 6 partitions of
        // 3 trials. The true squared Mahalanobis distances are known.
        const int k = 4, p = 12, m = 6, trials = 3;
        Eigen::MatrixXd sigma(p, p);
        for (int i = 0; i < p; ++i)
            for (int j = 0; j < p; ++j)
                sigma(i, j) = (1.0 + 0.1 * i) * std::pow(0.5, std::abs(i - j));
        sigma = 0.5 * (sigma + sigma.transpose()).eval();
        const Eigen::MatrixXd chol = sigma.llt().matrixL();
        core::RandomStream random(17);
        Eigen::MatrixXd mu = gaussian(k, p, random);
        mu.row(1) = mu.row(0);
        const Eigen::MatrixXd precision = sigma.inverse();
        auto truth = [&](int i, int j) {
            const Eigen::RowVectorXd d = mu.row(i) - mu.row(j);
            return (d * precision * d.transpose())(0, 0);
        };

        const int replicates = 300;
        Eigen::MatrixXd known = Eigen::MatrixXd::Zero(k, k), knownSq = known;
        Eigen::MatrixXd estimated = known, estimatedSq = known;
        for (int rep = 0; rep < replicates; ++rep) {
            Eigen::MatrixXd samples(k * m * trials, p);
            std::vector<int> conditions, partitions;
            for (int part = 0; part < m; ++part)
                for (int c = 0; c < k; ++c)
                    for (int t = 0; t < trials; ++t) {
                        const auto row = static_cast<Eigen::Index>(conditions.size());
                        samples.row(row) = mu.row(c) + (chol * gaussian(p, 1, random)).transpose();
                        conditions.push_back(c);
                        partitions.push_back(10 + 2 * part); // any labels
                    }
            // Known covariance, through the partition means.
            std::vector<Eigen::MatrixXd> means(m, Eigen::MatrixXd::Zero(k, p));
            for (std::size_t r = 0; r < conditions.size(); ++r)
                means[(partitions[r] - 10) / 2].row(conditions[r]) +=
                    samples.row(static_cast<Eigen::Index>(r)) / trials;
            const Rdm a = RdmCalculator::crossnobis(means, NoiseCovariance::fromMatrix(sigma));
            known += a.matrix();
            knownSq += a.matrix().cwiseAbs2();
            // Estimated covariance (Ledoit-Wolf) from the samples.
            double lambda = -1;
            const Rdm b =
                RdmCalculator::crossnobis(samples, conditions, partitions, {}, {}, &lambda);
            QVERIFY(lambda >= 0.0 && lambda <= 1.0);
            estimated += b.matrix();
            estimatedSq += b.matrix().cwiseAbs2();
            if (rep == 0) {
                // The Gram identity equals the definition summed over partition pairs.
                const Eigen::MatrixXd prec = sigma.inverse();
                double direct = 0;
                for (int x = 0; x < m; ++x)
                    for (int y = 0; y < m; ++y)
                        if (x != y)
                            direct += ((means[x].row(2) - means[x].row(3)) * prec *
                                       (means[y].row(2) - means[y].row(3)).transpose())(0, 0);
                QVERIFY(std::fabs(a(2, 3) - direct / (m * (m - 1))) < 1e-9 * std::fabs(direct));
            }
        }
        known /= replicates;
        estimated /= replicates;
        for (int i = 0; i < k; ++i)
            for (int j = i + 1; j < k; ++j) {
                const double se = std::sqrt(
                    (knownSq(i, j) / replicates - known(i, j) * known(i, j)) / (replicates - 1));
                const QString what = QString("(%1,%2) mean %3 truth %4 se %5")
                                         .arg(i)
                                         .arg(j)
                                         .arg(known(i, j))
                                         .arg(truth(i, j))
                                         .arg(se);
                QVERIFY2(std::fabs(known(i, j) - truth(i, j)) < 4.0 * se, qPrintable(what));
            }
        // Identical conditions stay at ~0 with an estimated noise covariance as well; distinct
        // ones keep their order of magnitude (shrinkage changes the metric).
        const double se01 =
            std::sqrt((estimatedSq(0, 1) / replicates - estimated(0, 1) * estimated(0, 1)) /
                      (replicates - 1));
        QVERIFY2(std::fabs(estimated(0, 1)) < 4.0 * se01,
                 qPrintable(QString("%1 se %2").arg(estimated(0, 1)).arg(se01)));
        QVERIFY(estimated(2, 3) > 0.5 * truth(2, 3) && estimated(2, 3) < 2.0 * truth(2, 3));
    }

    void crossnobisWithSingleSamplesIsUnbiased() {
        // One sample per condition and partition, more units than samples: each pair of
        // partitions is whitened with noise from the other partitions. Conditions 0 and 1 are
        // identical, condition 2 differs.
        const int k = 3, p = 40, m = 6, replicates = 300;
        core::RandomStream random(23);
        Eigen::MatrixXd mu = gaussian(k, p, random) * 0.5;
        mu.row(1) = mu.row(0);
        Eigen::VectorXd scale(p);
        for (int u = 0; u < p; ++u)
            scale(u) = 0.5 + 0.05 * u;
        double sum01 = 0, sq01 = 0, sum02 = 0;
        for (int rep = 0; rep < replicates; ++rep) {
            Eigen::MatrixXd samples(k * m, p);
            std::vector<int> conditions, partitions;
            for (int part = 0; part < m; ++part)
                for (int c = 0; c < k; ++c) {
                    const auto row = static_cast<Eigen::Index>(conditions.size());
                    Eigen::RowVectorXd noise = gaussian(1, p, random);
                    noise.tail(p - 1) += 0.5 * noise.head(p - 1); // correlated neighbours
                    samples.row(row) = mu.row(c) + noise.cwiseProduct(scale.transpose());
                    conditions.push_back(c);
                    partitions.push_back(part);
                }
            double lambda = -1;
            const Rdm r =
                RdmCalculator::crossnobis(samples, conditions, partitions, {}, {}, &lambda);
            QVERIFY(lambda > 0.0 && lambda <= 1.0);
            sum01 += r(0, 1);
            sq01 += r(0, 1) * r(0, 1);
            sum02 += r(0, 2);
        }
        const double mean01 = sum01 / replicates;
        const double se01 = std::sqrt((sq01 / replicates - mean01 * mean01) / (replicates - 1.0));
        QVERIFY2(std::fabs(mean01) < 4.0 * se01,
                 qPrintable(QString("mean %1 se %2").arg(mean01).arg(se01)));
        QVERIFY(sum02 / replicates > 10.0 * se01);
        // Fewer than 4 partitions of single samples cannot give an independent noise estimate.
        Eigen::MatrixXd three = gaussian(6, 4, random);
        const QString e = errorOf([&] {
            RdmCalculator::crossnobis(three, {0, 1, 0, 1, 0, 1}, {0, 0, 1, 1, 2, 2}, {});
        });
        QVERIFY2(e.contains("at least 4 partitions"), qPrintable(e));
    }

    void crossnobisFromActivityAndErrors() {
        analysis::ActivityMatrix a;
        a.values.resize(4, 2);
        a.values << 1, 0, 0, 1, 1.2, 0.1, 0.1, 0.9;
        a.conditions = {"x", "y", "x", "y"};
        const Rdm r = RdmCalculator::compute(a, DistanceMetric::Crossnobis,
                                             {NoiseShrinkage::Identity, std::nullopt, false});
        // Partitions are the repeats: (1,-1).(1.1,-0.8) * 2 / 2 = 1.9
        QVERIFY(std::fabs(r(0, 1) - 1.9) < 1e-12);
        QCOMPARE(r.names()[1], std::string("y"));
        const Rdm n = RdmCalculator::compute(a, DistanceMetric::Crossnobis,
                                             {NoiseShrinkage::Identity, std::nullopt, true});
        QVERIFY(std::fabs(n(0, 1) - 0.95) < 1e-12);
        a.conditions = {"x", "y", "x", "x"};
        QVERIFY(errorOf([&] {
                    RdmCalculator::compute(a, DistanceMetric::Crossnobis);
                }).contains("\"y\" is missing from partition 1"));
        a.conditions = {"x", "y", "z", "w"};
        QVERIFY(errorOf([&] {
                    RdmCalculator::compute(a, DistanceMetric::Crossnobis);
                }).contains("at least 2 partitions"));
    }

    void noiseCovarianceEstimators() {
        core::RandomStream random(8);
        const Eigen::MatrixXd r = gaussian(30, 80, random) * 2.0;
        const double dof = 28.0;
        // Woodbury (more units than samples) agrees with the dense inverse.
        const auto lw = NoiseCovariance::estimate(r, dof, NoiseShrinkage::LedoitWolf);
        const Eigen::MatrixXd dense = lw.dense(80);
        const Eigen::MatrixXd y = gaussian(5, 80, random);
        const Eigen::MatrixXd viaWoodbury = lw.applyInverse(y);
        const Eigen::MatrixXd viaDense = dense.llt().solve(y.transpose()).transpose();
        QVERIFY((viaWoodbury - viaDense).cwiseAbs().maxCoeff() <
                1e-9 * viaDense.cwiseAbs().maxCoeff());
        // Shrinkage intensity by the Ledoit-Wolf formulas on the dense sample covariance
        // (assume centred): d^2 = |S - mu I|^2 / p, b^2 = mean_k |x_k x_k^T - S|^2 / (n p).
        const double n = 30, p = 80;
        const Eigen::MatrixXd s = r.transpose() * r / n;
        const double mu = s.trace() / p;
        const double d2 = (s - mu * Eigen::MatrixXd::Identity(80, 80)).squaredNorm() / p;
        double b2 = 0;
        for (int k = 0; k < 30; ++k)
            b2 += (r.row(k).transpose() * r.row(k) - s).squaredNorm();
        b2 = std::min(b2 / (n * n) / p, d2);
        QVERIFY(std::fabs(NoiseCovariance::ledoitWolfShrinkage(r) - b2 / d2) < 1e-12);
        QVERIFY(std::fabs(lw.shrinkage() - b2 / d2) < 1e-12);
        // Diagonal: per-unit variances; identity: unchanged rows.
        const auto diag = NoiseCovariance::estimate(r, dof, NoiseShrinkage::Diagonal);
        const Eigen::VectorXd var = r.colwise().squaredNorm().transpose() / dof;
        QVERIFY((diag.applyInverse(y) - y * var.cwiseInverse().asDiagonal()).cwiseAbs().maxCoeff() <
                1e-12);
        QCOMPARE(NoiseCovariance().applyInverse(y), y);
        // The unshrunk covariance needs more residual samples than units.
        QVERIFY(errorOf([&] {
                    NoiseCovariance::estimate(r, dof, NoiseShrinkage::None);
                }).contains("singular"));
        const Eigen::MatrixXd tall = gaussian(200, 10, random);
        const auto full = NoiseCovariance::estimate(tall, 199.0, NoiseShrinkage::None);
        const Eigen::MatrixXd sTall = tall.transpose() * tall / 199.0;
        QVERIFY((full.applyInverse(y.leftCols(10)) - y.leftCols(10) * sTall.inverse())
                    .cwiseAbs()
                    .maxCoeff() < 1e-10);
        QCOMPARE(NoiseCovariance::parseMethod("lw"), NoiseShrinkage::LedoitWolf);
    }

    void classicalMdsReproducesEuclideanPoints() {
        core::RandomStream random(4);
        const Eigen::MatrixXd points = gaussian(10, 2, random) * 3.0;
        const Rdm d = RdmCalculator::compute(points, DistanceMetric::Euclidean);
        const auto mds = analysis::Mds::classical(d, 2);
        QCOMPARE(mds.coordinates.cols(), Eigen::Index(2));
        const Rdm back = RdmCalculator::compute(mds.coordinates, DistanceMetric::Euclidean);
        QVERIFY((back.matrix() - d.matrix()).cwiseAbs().maxCoeff() < 1e-9);
        QVERIFY(mds.eigenvalues.tail(8).cwiseAbs().maxCoeff() < 1e-9);
        // Coordinates are centred and uncorrelated; eigenvalues are their sums of squares.
        QVERIFY(mds.coordinates.colwise().sum().cwiseAbs().maxCoeff() < 1e-9);
        QVERIFY(std::fabs(mds.coordinates.col(0).squaredNorm() - mds.eigenvalues(0)) < 1e-9);
        QVERIFY(std::fabs(mds.coordinates.col(0).dot(mds.coordinates.col(1))) < 1e-9);
    }

    void geoTopologicalTransform() {
        const Rdm r = Rdm::fromUpperTriangle(vec({0.1, 0.2, 0.3, 0.4, 0.5, 0.6}));
        using analysis::GeoTopology;
        const Rdm values = GeoTopology::transform(r, {0.2, 0.5, false});
        const Eigen::VectorXd expected = vec({0, 0, 1.0 / 3.0, 2.0 / 3.0, 1, 1});
        QVERIFY((values.upperTriangle() - expected).cwiseAbs().maxCoeff() < 1e-12);
        QCOMPARE(values(2, 2), 0.0);
        // Quantiles 0 and 1: min-max rescaling keeps the geometry.
        const Rdm whole = GeoTopology::transform(r, {0.0, 1.0, true});
        QVERIFY((whole.upperTriangle() - (r.upperTriangle().array() - 0.1).matrix() / 0.5)
                    .cwiseAbs()
                    .maxCoeff() < 1e-12);
        // Median for both thresholds (0.35): a binary neighbourhood graph.
        const auto [l, u] = GeoTopology::thresholdValues(r, {0.5, 0.5, true});
        QVERIFY(std::fabs(l - 0.35) < 1e-12 && std::fabs(u - 0.35) < 1e-12);
        QCOMPARE(GeoTopology::transform(r, {0.5, 0.5, true}).upperTriangle(),
                 vec({0, 0, 0, 1, 1, 1}));
        // Quantile thresholds are invariant to monotone transforms of the distances.
        const Rdm squared = Rdm::fromUpperTriangle(r.upperTriangle().cwiseAbs2());
        QVERIFY(std::fabs(
                    GeoTopology::compare(r, squared, {0.2, 0.8, true}, ComparisonMethod::Spearman) -
                    1.0) < 1e-12);
        const auto boot =
            GeoTopology::bootstrap(r, squared, {0.2, 0.8, true}, ComparisonMethod::Spearman, 20);
        QVERIFY(std::fabs(boot.value - 1.0) < 1e-12);
        QVERIFY(GeoTopology::compare(r, squared, {0.2, 0.8, true}, ComparisonMethod::KendallTauA) <
                1.0); // the plateaus at 0 and 1 are ties
        QVERIFY(!errorOf([&] { GeoTopology::transform(r, {0.6, 0.4, true}); }).isEmpty());
        QVERIFY(!errorOf([&] { GeoTopology::transform(r, {0.2, 1.5, true}); }).isEmpty());
    }

    void patternsFromActivity() {
        analysis::ActivityMatrix a;
        a.values.resize(4, 3);
        a.values << 1, 0, 0, 3, 0, 0, 0, 1, 0, 0, 0, 1;
        a.conditions = {"a", "a", "b", "c"};
        const Rdm r = RdmCalculator::compute(a, DistanceMetric::Euclidean);
        QCOMPARE(r.size(), std::size_t(3));
        QVERIFY(std::fabs(r(0, 1) - std::sqrt(5.0)) < 1e-12); // (2,0,0) vs (0,1,0)
        QCOMPARE(r.names(), (std::vector<std::string>{"a", "b", "c"}));
    }
};

QTEST_GUILESS_MAIN(TestAnalysisRsa)
#include "TestAnalysisRsa.moc"
