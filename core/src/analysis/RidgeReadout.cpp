#include "plexus/analysis/RidgeReadout.h"

#include "plexus/core/base/Error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <string>

namespace plexus::analysis {

namespace {

/// One SVD of the (centred) training states, solved for any lambda.
class SvdSolver {
public:
    SvdSolver(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, bool intercept) {
        const auto n = x.rows();
        m_xMean = Eigen::RowVectorXd::Zero(x.cols());
        m_yMean = Eigen::RowVectorXd::Zero(y.cols());
        if (intercept && n > 0) {
            m_xMean = x.colwise().mean();
            m_yMean = y.colwise().mean();
        }
        const Eigen::MatrixXd xc = x.rowwise() - m_xMean;
        Eigen::BDCSVD<Eigen::MatrixXd> svd(xc, Eigen::ComputeThinU | Eigen::ComputeThinV);
        m_s = svd.singularValues();
        m_v = svd.matrixV();
        m_uty = svd.matrixU().transpose() * (y.rowwise() - m_yMean);
        const double largest = m_s.size() > 0 ? m_s(0) : 0.0;
        m_cutoff = static_cast<double>(std::max(x.rows(), x.cols())) *
                   std::numeric_limits<double>::epsilon() * largest;
    }

    /// Weights (features x outputs) for lambda; the intercept follows from intercept().
    Eigen::MatrixXd weights(double lambda) const {
        Eigen::VectorXd f(m_s.size());
        for (Eigen::Index i = 0; i < m_s.size(); ++i) {
            const double s = m_s(i);
            f(i) = lambda == 0.0 ? (s > m_cutoff ? 1.0 / s : 0.0) : s / (s * s + lambda);
        }
        return m_v * f.asDiagonal() * m_uty;
    }
    Eigen::RowVectorXd intercept(const Eigen::MatrixXd& w) const { return m_yMean - m_xMean * w; }

private:
    Eigen::RowVectorXd m_xMean, m_yMean;
    Eigen::VectorXd m_s;
    Eigen::MatrixXd m_v, m_uty;
    double m_cutoff = 0.0;
};

void checkLambda(double lambda) {
    if (!(lambda >= 0.0) || !std::isfinite(lambda))
        throw core::Error("ridge readout: lambda must be a finite number >= 0 (got " +
                          std::to_string(lambda) + ")");
}

void checkShapes(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, std::size_t groups) {
    if (x.rows() != y.rows())
        throw core::Error("ridge readout: " + std::to_string(x.rows()) + " state rows but " +
                          std::to_string(y.rows()) + " target rows");
    if (x.rows() == 0)
        throw core::Error("ridge readout: no samples");
    if (groups != static_cast<std::size_t>(x.rows()))
        throw core::Error("ridge readout: " + std::to_string(groups) + " group ids for " +
                          std::to_string(x.rows()) + " samples");
    if (!x.allFinite() || !y.allFinite())
        throw core::Error("ridge readout: the states or the targets hold a non-finite value");
}

std::vector<int> distinct(const std::vector<int>& groups) {
    const std::set<int> s(groups.begin(), groups.end());
    return {s.begin(), s.end()};
}

} // namespace

RidgeReadout RidgeReadout::fit(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, double lambda,
                               bool intercept) {
    checkLambda(lambda);
    checkShapes(x, y, static_cast<std::size_t>(x.rows()));
    const SvdSolver solver(x, y, intercept);
    RidgeReadout r;
    r.m_weights = solver.weights(lambda);
    r.m_intercept = solver.intercept(r.m_weights);
    r.m_lambda = lambda;
    return r;
}

Eigen::MatrixXd RidgeReadout::predict(const Eigen::MatrixXd& x) const {
    if (x.cols() != m_weights.rows())
        throw core::Error("ridge readout: states have " + std::to_string(x.cols()) +
                          " features, the readout " + std::to_string(m_weights.rows()));
    return (x * m_weights).rowwise() + m_intercept;
}

std::vector<double> RidgeReadout::defaultLambdas() {
    std::vector<double> out;
    for (int e = -6; e <= 6; ++e)
        out.push_back(std::pow(10.0, e));
    return out;
}

std::vector<std::size_t> RidgeReadout::groupFolds(const std::vector<int>& groups,
                                                  std::size_t folds) {
    const auto ids = distinct(groups);
    if (folds < 2 || folds > ids.size())
        throw core::Error("ridge readout: " + std::to_string(folds) + " folds need between 2 and " +
                          std::to_string(ids.size()) + " groups (trials)");
    std::map<int, std::size_t> foldOf;
    for (std::size_t j = 0; j < ids.size(); ++j)
        foldOf[ids[j]] = j % folds;
    std::vector<std::size_t> out(groups.size());
    for (std::size_t i = 0; i < groups.size(); ++i)
        out[i] = foldOf[groups[i]];
    return out;
}

Eigen::MatrixXd RidgeReadout::rows(const Eigen::MatrixXd& m, const std::vector<Eigen::Index>& r) {
    Eigen::MatrixXd out(static_cast<Eigen::Index>(r.size()), m.cols());
    for (std::size_t i = 0; i < r.size(); ++i)
        out.row(static_cast<Eigen::Index>(i)) = m.row(r[i]);
    return out;
}

RidgeReadout::CrossValidation RidgeReadout::crossValidate(const Eigen::MatrixXd& x,
                                                          const Eigen::MatrixXd& y,
                                                          const std::vector<int>& groups,
                                                          const std::vector<double>& lambdas,
                                                          std::size_t folds, bool intercept) {
    checkShapes(x, y, groups.size());
    if (lambdas.empty())
        throw core::Error("ridge readout: empty lambda grid");
    for (const double l : lambdas)
        checkLambda(l);
    CrossValidation cv;
    cv.lambdas = lambdas;
    cv.errors.assign(lambdas.size(), 0.0);
    cv.foldOfSample = groupFolds(groups, folds);
    for (std::size_t f = 0; f < folds; ++f) {
        std::vector<Eigen::Index> train, test;
        for (std::size_t i = 0; i < groups.size(); ++i)
            (cv.foldOfSample[i] == f ? test : train).push_back(static_cast<Eigen::Index>(i));
        const Eigen::MatrixXd xTest = rows(x, test);
        const Eigen::MatrixXd yTest = rows(y, test);
        const SvdSolver solver(rows(x, train), rows(y, train), intercept);
        for (std::size_t l = 0; l < lambdas.size(); ++l) {
            const Eigen::MatrixXd w = solver.weights(lambdas[l]);
            const Eigen::MatrixXd p = (xTest * w).rowwise() + solver.intercept(w);
            cv.errors[l] += (p - yTest).squaredNorm();
        }
    }
    const double values = static_cast<double>(x.rows() * y.cols());
    for (auto& e : cv.errors)
        e /= values;
    for (std::size_t l = 1; l < lambdas.size(); ++l) {
        const double e = cv.errors[l], b = cv.errors[cv.best];
        if (e < b || (e == b && lambdas[l] < lambdas[cv.best]) ||
            (!std::isfinite(b) && std::isfinite(e)))
            cv.best = l;
    }
    return cv;
}

RidgeReadout::Split RidgeReadout::splitByGroup(const std::vector<int>& groups,
                                               double testFraction) {
    if (!(testFraction > 0.0 && testFraction < 1.0))
        throw core::Error("ridge readout: the test fraction must lie in (0, 1) (got " +
                          std::to_string(testFraction) + ")");
    const auto ids = distinct(groups);
    if (ids.size() < 2)
        throw core::Error("ridge readout: a train/test split needs at least 2 groups (trials), "
                          "got " +
                          std::to_string(ids.size()));
    Split s;
    std::set<int> test;
    for (std::size_t j = 0; j < ids.size(); ++j) {
        const auto a = static_cast<long long>(std::floor(static_cast<double>(j) * testFraction));
        const auto b =
            static_cast<long long>(std::floor(static_cast<double>(j + 1) * testFraction));
        if (b > a)
            test.insert(ids[j]);
    }
    if (test.empty())
        test.insert(ids.back());
    if (test.size() == ids.size())
        test.erase(ids.front());
    for (const int id : ids)
        (test.count(id) ? s.testGroups : s.trainGroups).push_back(id);
    for (std::size_t i = 0; i < groups.size(); ++i)
        (test.count(groups[i]) ? s.testRows : s.trainRows).push_back(static_cast<Eigen::Index>(i));
    return s;
}

RidgeReadout::Evaluation RidgeReadout::trainTest(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y,
                                                 const std::vector<int>& groups,
                                                 const Options& options) {
    checkShapes(x, y, groups.size());
    return trainTest(x, y, groups, splitByGroup(groups, options.testFraction), options);
}

RidgeReadout::Evaluation RidgeReadout::trainTest(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y,
                                                 const std::vector<int>& groups, const Split& split,
                                                 const Options& options) {
    checkShapes(x, y, groups.size());
    if (split.trainRows.empty() || split.testRows.empty())
        throw core::Error("ridge readout: the split needs samples on both sides (" +
                          std::to_string(split.trainRows.size()) + " training, " +
                          std::to_string(split.testRows.size()) + " test)");
    for (const auto* side : {&split.trainRows, &split.testRows})
        for (const Eigen::Index r : *side)
            if (r < 0 || r >= x.rows())
                throw core::Error("ridge readout: split row " + std::to_string(r) +
                                  " outside the " + std::to_string(x.rows()) + " samples");
    Evaluation e;
    e.split = split;
    const Eigen::MatrixXd xTrain = rows(x, e.split.trainRows);
    e.trainTarget = rows(y, e.split.trainRows);
    if (options.lambdas.empty())
        throw core::Error("ridge readout: empty lambda grid");
    if (options.lambdas.size() == 1) {
        e.lambda = options.lambdas.front();
    } else {
        std::vector<int> trainGroups;
        trainGroups.reserve(e.split.trainRows.size());
        for (const auto r : e.split.trainRows)
            trainGroups.push_back(groups[static_cast<std::size_t>(r)]);
        e.crossValidation = crossValidate(xTrain, e.trainTarget, trainGroups, options.lambdas,
                                          options.folds, options.intercept);
        e.lambda = e.crossValidation.bestLambda();
    }
    e.readout = fit(xTrain, e.trainTarget, e.lambda, options.intercept);
    e.trainPrediction = e.readout.predict(xTrain);
    e.testTarget = rows(y, e.split.testRows);
    e.testPrediction = e.readout.predict(rows(x, e.split.testRows));
    e.trainR2 = r2(e.trainPrediction, e.trainTarget);
    e.testR2 = r2(e.testPrediction, e.testTarget);
    return e;
}

Eigen::VectorXd RidgeReadout::r2(const Eigen::MatrixXd& prediction, const Eigen::MatrixXd& target) {
    Eigen::VectorXd out(target.cols());
    for (Eigen::Index c = 0; c < target.cols(); ++c) {
        const double total = (target.col(c).array() - target.col(c).mean()).square().sum();
        const double residual = (prediction.col(c) - target.col(c)).squaredNorm();
        out(c) = total > 0.0 ? 1.0 - residual / total : std::numeric_limits<double>::quiet_NaN();
    }
    return out;
}

Eigen::VectorXd RidgeReadout::nrmse(const Eigen::MatrixXd& prediction,
                                    const Eigen::MatrixXd& target) {
    Eigen::VectorXd out(target.cols());
    for (Eigen::Index c = 0; c < target.cols(); ++c) {
        const double variance = (target.col(c).array() - target.col(c).mean()).square().mean();
        const double mse = (prediction.col(c) - target.col(c)).squaredNorm() /
                           static_cast<double>(std::max<Eigen::Index>(1, target.rows()));
        out(c) =
            variance > 0.0 ? std::sqrt(mse / variance) : std::numeric_limits<double>::quiet_NaN();
    }
    return out;
}

} // namespace plexus::analysis
