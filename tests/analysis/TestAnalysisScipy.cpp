// Cross-check against SciPy / NumPy (Debian python3-scipy via /usr/bin/python3): pdist
// (correlation, euclidean, cosine), spearmanr, kendalltau, classical MDS by eigendecomposition
// and PCA variances. Skipped when SciPy is not installed.

#include "TestProcess.h"
#include "plexus/analysis/Mds.h"
#include "plexus/analysis/NpyFile.h"
#include "plexus/analysis/Pca.h"
#include "plexus/analysis/RdmCalculator.h"
#include "plexus/analysis/RdmComparison.h"
#include "plexus/core/base/RandomStream.h"

#include <QtTest>
#include <cmath>
#include <nlohmann/json.hpp>

using namespace plexus;
using analysis::DistanceMetric;
using analysis::RdmCalculator;
using analysis::RdmComparison;

namespace {

constexpr const char* kScript = R"PY(
import json, sys
import numpy as np
from scipy.spatial.distance import pdist, squareform
from scipy.stats import spearmanr, kendalltau
d = sys.argv[1]
x = np.load(d + "/patterns.npy")
a = np.load(d + "/a.npy")[:, 0]; b = np.load(d + "/b.npy")[:, 0]
ta = np.load(d + "/ta.npy")[:, 0]; tb = np.load(d + "/tb.npy")[:, 0]
out = {}
for m in ("correlation", "euclidean", "cosine"):
    out[m] = squareform(pdist(x, m)).ravel().tolist()
out["spearman"] = float(spearmanr(a, b)[0]); out["kendall"] = float(kendalltau(a, b)[0])
out["spearman_ties"] = float(spearmanr(ta, tb)[0]); out["kendall_ties"] = float(kendalltau(ta, tb)[0])
D = squareform(pdist(x, "euclidean")); n = D.shape[0]
J = np.eye(n) - np.ones((n, n)) / n
B = -0.5 * J @ (D ** 2) @ J
w, v = np.linalg.eigh(B); order = np.argsort(w)[::-1]; w = w[order]; v = v[:, order]
out["mds_eigenvalues"] = w[:3].tolist()
out["mds_coordinates"] = (v[:, :2] * np.sqrt(w[:2])).ravel().tolist()
out["pca_variance"] = np.sort(np.linalg.eigvalsh(np.cov(x.T)))[::-1][:5].tolist()
print(json.dumps(out))
)PY";

bool scipyAvailable() {
    return plexus::tests::pythonImports(PLEXUS_PYTHON, "scipy, numpy");
}

Eigen::MatrixXd column(const Eigen::VectorXd& v) {
    return v;
}

void compareMatrix(const nlohmann::json& flat, const Eigen::MatrixXd& m, double tolerance,
                   const char* what) {
    QCOMPARE(flat.size(), static_cast<std::size_t>(m.size()));
    double worst = 0.0;
    for (Eigen::Index r = 0; r < m.rows(); ++r)
        for (Eigen::Index c = 0; c < m.cols(); ++c)
            worst = std::max(
                worst, std::fabs(flat[static_cast<std::size_t>(r * m.cols() + c)].get<double>() -
                                 m(r, c)));
    QVERIFY2(worst < tolerance, qPrintable(QString("%1: max difference %2").arg(what).arg(worst)));
}

} // namespace

class TestAnalysisScipy : public QObject {
    Q_OBJECT

private slots:
    void matchesScipy() {
        if (!scipyAvailable())
            QSKIP("SciPy is not installed for " PLEXUS_PYTHON);
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        core::RandomStream random(42);
        const Eigen::Index k = 15, p = 40;
        Eigen::MatrixXd x(k, p);
        for (Eigen::Index c = 0; c < p; ++c)
            for (Eigen::Index r = 0; r < k; ++r)
                x(r, c) = random.normal() + 0.3 * r + (c % 3 == 0 ? 2.0 : 0.0);
        Eigen::VectorXd a(60), b(60), ta(60), tb(60);
        for (int i = 0; i < 60; ++i) {
            a(i) = random.normal();
            b(i) = 0.6 * a(i) + random.normal();
            ta(i) = std::floor(random.uniform() * 6.0);
            tb(i) = std::floor(0.5 * ta(i) + random.uniform() * 4.0);
        }
        analysis::NpyFile::write(x, d + "/patterns.npy");
        analysis::NpyFile::write(column(a), d + "/a.npy");
        analysis::NpyFile::write(column(b), d + "/b.npy");
        analysis::NpyFile::write(column(ta), d + "/ta.npy");
        analysis::NpyFile::write(column(tb), d + "/tb.npy");

        QProcess py;
        py.start(PLEXUS_PYTHON, {"-c", kScript, dir.path()});
        QVERIFY(py.waitForFinished(120000));
        QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
        const auto out = nlohmann::json::parse(py.readAllStandardOutput().toStdString());

        compareMatrix(out["correlation"],
                      RdmCalculator::compute(x, DistanceMetric::Correlation).matrix(), 1e-12,
                      "correlation");
        compareMatrix(out["euclidean"],
                      RdmCalculator::compute(x, DistanceMetric::Euclidean).matrix(), 1e-10,
                      "euclidean");
        compareMatrix(out["cosine"], RdmCalculator::compute(x, DistanceMetric::Cosine).matrix(),
                      1e-12, "cosine");

        // Without ties tau-a equals SciPy's tau-b.
        QVERIFY(std::fabs(RdmComparison::spearman(a, b) - out["spearman"].get<double>()) < 1e-12);
        QVERIFY(std::fabs(RdmComparison::kendallTauA(a, b) - out["kendall"].get<double>()) < 1e-12);
        QVERIFY(std::fabs(RdmComparison::kendallTauB(a, b) - out["kendall"].get<double>()) < 1e-12);
        QVERIFY(std::fabs(RdmComparison::spearman(ta, tb) - out["spearman_ties"].get<double>()) <
                1e-12);
        QVERIFY(std::fabs(RdmComparison::kendallTauB(ta, tb) - out["kendall_ties"].get<double>()) <
                1e-12);
        QVERIFY(RdmComparison::kendallTauA(ta, tb) < RdmComparison::kendallTauB(ta, tb));

        // Classical MDS: same eigenvalues, same coordinates up to the sign of each axis.
        const auto mds =
            analysis::Mds::classical(RdmCalculator::compute(x, DistanceMetric::Euclidean), 2);
        for (int i = 0; i < 3; ++i)
            QVERIFY(std::fabs(mds.eigenvalues(i) - out["mds_eigenvalues"][i].get<double>()) <
                    1e-9 * mds.eigenvalues(0));
        Eigen::MatrixXd coords(k, 2);
        for (Eigen::Index r = 0; r < k; ++r)
            for (Eigen::Index c = 0; c < 2; ++c)
                coords(r, c) = out["mds_coordinates"][static_cast<std::size_t>(r * 2 + c)];
        for (Eigen::Index c = 0; c < 2; ++c) {
            const double sign = coords.col(c).dot(mds.coordinates.col(c)) < 0 ? -1.0 : 1.0;
            QVERIFY((sign * coords.col(c) - mds.coordinates.col(c)).cwiseAbs().maxCoeff() < 1e-8);
        }

        // PCA variances (covariance eigenvalues, n - 1 denominator).
        const auto pca = analysis::Pca::fit(x, analysis::PcaOptions{5});
        for (int i = 0; i < 5; ++i)
            QVERIFY(std::fabs(pca.explainedVariance()(i) - out["pca_variance"][i].get<double>()) <
                    1e-9 * pca.explainedVariance()(0));
    }
};

QTEST_GUILESS_MAIN(TestAnalysisScipy)
#include "TestAnalysisScipy.moc"
