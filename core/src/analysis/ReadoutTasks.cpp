#include "plexus/analysis/ReadoutTasks.h"

#include "plexus/core/base/Error.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace plexus::analysis {

namespace {

void checkRows(const Eigen::MatrixXd& states, Eigen::Index values, const char* what) {
    if (states.rows() != values)
        throw core::Error(std::string("readout task: ") + std::to_string(states.rows()) +
                          " state rows but " + std::to_string(values) + " " + what);
}

void checkGroups(const Eigen::MatrixXd& states, const std::vector<int>& groups) {
    if (static_cast<Eigen::Index>(groups.size()) != states.rows())
        throw core::Error("readout task: " + std::to_string(groups.size()) + " group ids for " +
                          std::to_string(states.rows()) + " samples");
}

double squaredCorrelation(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
    const Eigen::ArrayXd x = a.array() - a.mean();
    const Eigen::ArrayXd y = b.array() - b.mean();
    const double sxy = (x * y).sum(), sxx = x.square().sum(), syy = y.square().sum();
    if (!(sxx > 0.0) || !(syy > 0.0))
        return 0.0;
    return sxy * sxy / (sxx * syy);
}

int argmax(const Eigen::RowVectorXd& v) {
    Eigen::Index i = 0;
    v.maxCoeff(&i);
    return static_cast<int>(i);
}

} // namespace

ReadoutTasks::MemoryCapacity ReadoutTasks::memoryCapacity(const Eigen::MatrixXd& states,
                                                          const Eigen::VectorXd& input,
                                                          const std::vector<int>& groups,
                                                          std::size_t maxDelay,
                                                          const RidgeReadout::Options& options) {
    checkRows(states, input.size(), "input values");
    checkGroups(states, groups);
    if (maxDelay < 1)
        throw core::Error("memory capacity: the largest delay must be at least 1");
    const auto k = static_cast<Eigen::Index>(maxDelay);
    if (states.rows() < k + 2)
        throw core::Error("memory capacity: " + std::to_string(states.rows()) +
                          " samples are too few for delays up to " + std::to_string(maxDelay));
    const Eigen::Index n = states.rows() - k;
    Eigen::MatrixXd y(n, k);
    for (Eigen::Index d = 1; d <= k; ++d)
        y.col(d - 1) = input.segment(k - d, n);
    const std::vector<int> g(groups.begin() + k, groups.end());
    const auto e = RidgeReadout::trainTest(states.bottomRows(n), y, g, options);
    MemoryCapacity mc;
    mc.lambda = e.lambda;
    mc.crossValidation = e.crossValidation;
    mc.trainSamples = e.split.trainRows.size();
    mc.testSamples = e.split.testRows.size();
    for (Eigen::Index d = 0; d < k; ++d) {
        mc.curve.push_back(squaredCorrelation(e.testPrediction.col(d), e.testTarget.col(d)));
        mc.total += mc.curve.back();
    }
    return mc;
}

Eigen::VectorXd ReadoutTasks::narma10Target(const Eigen::VectorXd& u) {
    const Eigen::Index n = u.size();
    Eigen::VectorXd y = Eigen::VectorXd::Zero(n);
    for (Eigen::Index t = 9; t + 1 < n; ++t) {
        const double sum = y.segment(t - 9, 10).sum();
        y(t + 1) = 0.3 * y(t) + 0.05 * y(t) * sum + 1.5 * u(t - 9) * u(t) + 0.1;
        if (!std::isfinite(y(t + 1)))
            throw core::Error("NARMA-10: the target diverges at sample " + std::to_string(t + 1) +
                              " (inputs must lie in [0, 0.5])");
    }
    return y;
}

ReadoutTasks::Regression ReadoutTasks::narma10(const Eigen::MatrixXd& states,
                                               const Eigen::VectorXd& input,
                                               const std::vector<int>& groups, std::size_t washout,
                                               const RidgeReadout::Options& options) {
    checkRows(states, input.size(), "input values");
    checkGroups(states, groups);
    const auto w = static_cast<Eigen::Index>(washout);
    if (states.rows() < w + 2)
        throw core::Error("NARMA-10: " + std::to_string(states.rows()) +
                          " samples are too few after a washout of " + std::to_string(washout));
    const Eigen::VectorXd y = narma10Target(input);
    const Eigen::Index n = states.rows() - w;
    const std::vector<int> g(groups.begin() + w, groups.end());
    auto r = regress(states.bottomRows(n), y.tail(n), g, options);
    for (auto& row : r.testRows)
        row += w;
    return r;
}

ReadoutTasks::Regression ReadoutTasks::regress(const Eigen::MatrixXd& states,
                                               const Eigen::VectorXd& target,
                                               const std::vector<int>& groups,
                                               const RidgeReadout::Options& options) {
    checkRows(states, target.size(), "target values");
    const auto e = RidgeReadout::trainTest(states, target, groups, options);
    Regression r;
    r.lambda = e.lambda;
    r.crossValidation = e.crossValidation;
    r.trainSamples = e.split.trainRows.size();
    r.testSamples = e.split.testRows.size();
    r.trainR2 = e.trainR2(0);
    r.testR2 = e.testR2(0);
    r.trainNrmse = RidgeReadout::nrmse(e.trainPrediction, e.trainTarget)(0);
    r.testNrmse = RidgeReadout::nrmse(e.testPrediction, e.testTarget)(0);
    r.testPrediction = e.testPrediction.col(0);
    r.testTarget = e.testTarget.col(0);
    r.testRows = e.split.testRows;
    return r;
}

ReadoutTasks::Classification ReadoutTasks::classify(const Eigen::MatrixXd& states,
                                                    const std::vector<int>& labels,
                                                    std::size_t classes,
                                                    const std::vector<int>& groups,
                                                    const RidgeReadout::Options& options) {
    checkRows(states, static_cast<Eigen::Index>(labels.size()), "labels");
    if (classes < 2)
        throw core::Error("classification: needs at least 2 classes");
    checkGroups(states, groups);
    return classify(states, labels, classes, groups,
                    RidgeReadout::splitByGroup(groups, options.testFraction), options);
}

ReadoutTasks::Classification
ReadoutTasks::classify(const Eigen::MatrixXd& states, const std::vector<int>& labels,
                       std::size_t classes, const std::vector<int>& groups,
                       const RidgeReadout::Split& split, const RidgeReadout::Options& options) {
    checkRows(states, static_cast<Eigen::Index>(labels.size()), "labels");
    if (classes < 2)
        throw core::Error("classification: needs at least 2 classes");
    const auto c = static_cast<Eigen::Index>(classes);
    Eigen::MatrixXd y = Eigen::MatrixXd::Zero(states.rows(), c);
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] < 0 || labels[i] >= c)
            throw core::Error("classification: label " + std::to_string(labels[i]) + " of sample " +
                              std::to_string(i) + " outside [0, " + std::to_string(classes) + ")");
        y(static_cast<Eigen::Index>(i), labels[i]) = 1.0;
    }
    const auto e = RidgeReadout::trainTest(states, y, groups, split, options);
    Classification out;
    out.lambda = e.lambda;
    out.crossValidation = e.crossValidation;
    out.trainSamples = e.split.trainRows.size();
    out.testSamples = e.split.testRows.size();
    out.confusion = Eigen::MatrixXi::Zero(c, c);
    std::size_t trainHits = 0, testHits = 0;
    for (std::size_t i = 0; i < e.split.trainRows.size(); ++i)
        trainHits += argmax(e.trainPrediction.row(static_cast<Eigen::Index>(i))) ==
                     labels[static_cast<std::size_t>(e.split.trainRows[i])];
    Eigen::VectorXi counts = Eigen::VectorXi::Zero(c);
    for (std::size_t i = 0; i < e.split.testRows.size(); ++i) {
        const int truth = labels[static_cast<std::size_t>(e.split.testRows[i])];
        const int guess = argmax(e.testPrediction.row(static_cast<Eigen::Index>(i)));
        out.testRows.push_back(e.split.testRows[i]);
        out.testPredictions.push_back(guess);
        out.confusion(truth, guess) += 1;
        counts(truth) += 1;
        testHits += guess == truth;
    }
    out.trainAccuracy = static_cast<double>(trainHits) /
                        static_cast<double>(std::max<std::size_t>(1, out.trainSamples));
    out.testAccuracy = static_cast<double>(testHits) /
                       static_cast<double>(std::max<std::size_t>(1, out.testSamples));
    out.chance = static_cast<double>(counts.maxCoeff()) /
                 static_cast<double>(std::max<std::size_t>(1, out.testSamples));
    return out;
}

} // namespace plexus::analysis
