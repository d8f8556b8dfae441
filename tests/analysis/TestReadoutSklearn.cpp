// RidgeReadout against NumPy and scikit-learn (Debian python3-numpy / python3-sklearn via
// /usr/bin/python3): numpy.linalg.lstsq for lambda = 0 and sklearn.linear_model.Ridge for several
// lambdas, with and without the unpenalised intercept. Skipped when scikit-learn is missing.

#include "TestProcess.h"
#include "plexus/analysis/NpyFile.h"
#include "plexus/analysis/RidgeReadout.h"
#include "plexus/core/base/RandomStream.h"

#include <QtTest>
#include <cmath>
#include <nlohmann/json.hpp>

using namespace plexus;
using analysis::RidgeReadout;

namespace {

constexpr const char* kScript = R"PY(
import json, sys
import numpy as np
from sklearn.linear_model import Ridge
d = sys.argv[1]
x = np.load(d + "/x.npy"); y = np.load(d + "/y.npy")
out = {}
a = np.c_[x, np.ones(x.shape[0])]
w, *_ = np.linalg.lstsq(a, y, rcond=None)
out["lstsq_w"] = w[:-1].ravel().tolist(); out["lstsq_b"] = w[-1].ravel().tolist()
w0, *_ = np.linalg.lstsq(x, y, rcond=None)
out["lstsq_noint_w"] = w0.ravel().tolist()
for lam in (0.01, 1.0, 30.0, 1000.0):
    r = Ridge(alpha=lam, fit_intercept=True).fit(x, y)
    out["ridge_w_%g" % lam] = r.coef_.T.ravel().tolist()
    out["ridge_b_%g" % lam] = np.atleast_1d(r.intercept_).ravel().tolist()
    r = Ridge(alpha=lam, fit_intercept=False).fit(x, y)
    out["ridge_noint_w_%g" % lam] = r.coef_.T.ravel().tolist()
print(json.dumps(out))
)PY";

bool sklearnAvailable() {
    return plexus::tests::pythonImports(PLEXUS_PYTHON, "sklearn, numpy");
}

double worstDifference(const nlohmann::json& flat, const Eigen::MatrixXd& m) {
    if (flat.size() != static_cast<std::size_t>(m.size()))
        return INFINITY;
    double worst = 0.0;
    for (Eigen::Index r = 0; r < m.rows(); ++r)
        for (Eigen::Index c = 0; c < m.cols(); ++c)
            worst = std::max(
                worst, std::fabs(flat[static_cast<std::size_t>(r * m.cols() + c)].get<double>() -
                                 m(r, c)));
    return worst;
}

} // namespace

class TestReadoutSklearn : public QObject {
    Q_OBJECT

private slots:
    void matchesNumpyAndSklearn() {
        if (!sklearnAvailable())
            QSKIP("scikit-learn is not installed for " PLEXUS_PYTHON);
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        core::RandomStream random(7);
        const Eigen::Index n = 150, p = 12, q = 3;
        Eigen::MatrixXd x(n, p), y(n, q), mix(p, q);
        for (Eigen::Index r = 0; r < p; ++r)
            for (Eigen::Index c = 0; c < q; ++c)
                mix(r, c) = random.normal();
        for (Eigen::Index r = 0; r < n; ++r) {
            const double common = random.normal();
            for (Eigen::Index c = 0; c < p; ++c) // correlated columns, shifted means
                x(r, c) = 0.7 * common + random.normal() + 0.5 * static_cast<double>(c);
        }
        y = x * mix;
        for (Eigen::Index r = 0; r < n; ++r)
            for (Eigen::Index c = 0; c < q; ++c)
                y(r, c) += 0.5 * random.normal() + 3.0;
        analysis::NpyFile::write(x, d + "/x.npy");
        analysis::NpyFile::write(y, d + "/y.npy");

        QProcess py;
        py.start(PLEXUS_PYTHON, {"-c", kScript, dir.path()});
        QVERIFY(py.waitForFinished(120000));
        QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
        const auto out = nlohmann::json::parse(py.readAllStandardOutput().toStdString());

        const double tol = 1e-8;
        auto ols = RidgeReadout::fit(x, y, 0.0, true);
        QVERIFY2(worstDifference(out["lstsq_w"], ols.weights()) < tol, "lstsq weights");
        QVERIFY2(worstDifference(out["lstsq_b"], ols.intercept()) < tol, "lstsq intercept");
        ols = RidgeReadout::fit(x, y, 0.0, false);
        QVERIFY2(worstDifference(out["lstsq_noint_w"], ols.weights()) < tol,
                 "lstsq weights without intercept");
        QCOMPARE(ols.intercept().cwiseAbs().maxCoeff(), 0.0);

        for (const double lambda : {0.01, 1.0, 30.0, 1000.0}) {
            char key[64];
            std::snprintf(key, sizeof key, "%g", lambda);
            const auto r = RidgeReadout::fit(x, y, lambda, true);
            const double dw = worstDifference(out[std::string("ridge_w_") + key], r.weights());
            const double db = worstDifference(out[std::string("ridge_b_") + key], r.intercept());
            QVERIFY2(dw < tol && db < tol,
                     qPrintable(QString("lambda %1: weights %2, intercept %3 off")
                                    .arg(lambda)
                                    .arg(dw)
                                    .arg(db)));
            const auto r0 = RidgeReadout::fit(x, y, lambda, false);
            const double dw0 =
                worstDifference(out[std::string("ridge_noint_w_") + key], r0.weights());
            QVERIFY2(
                dw0 < tol,
                qPrintable(QString("lambda %1 without intercept: %2 off").arg(lambda).arg(dw0)));
        }
        // The regularisation matters at these lambdas (the test can tell them apart).
        QVERIFY((RidgeReadout::fit(x, y, 30.0).weights() - RidgeReadout::fit(x, y, 0.0).weights())
                    .cwiseAbs()
                    .maxCoeff() > 1e-3);
    }
};

QTEST_GUILESS_MAIN(TestReadoutSklearn)
#include "TestReadoutSklearn.moc"
