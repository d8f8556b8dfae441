#pragma once

#include <Eigen/Dense>
#include <cstddef>
#include <vector>

namespace plexus::analysis {

/// A linear readout y = x W + b trained by ridge regression (Tikhonov regularisation), the
/// readout of echo state networks and liquid state machines (Jaeger 2001, GMD Report 148;
/// Lukosevicius & Jaeger 2009, Computer Science Review 3:127, section 4.1: "ridge regression
/// ... W = Y X^T (X X^T + beta I)^-1").
///
/// fit() minimises ||Y - X W - 1 b||^2 + lambda ||W||_F^2 with the intercept b not penalised:
/// X and Y are centred on their training means, W is solved on the centred data and
/// b = mean(Y) - mean(X) W (so it equals scikit-learn's Ridge(fit_intercept=True)).
///
/// Solver: a thin SVD of the centred X (Eigen::BDCSVD), W = V diag(s / (s^2 + lambda)) U^T Y.
/// Chosen over a Cholesky/LDLT of X^T X + lambda I because (1) network states are often rank
/// deficient (silent neurons, a bias column, more neurons than samples), where lambda = 0 must
/// still give the minimum-norm least-squares solution (singular values below
/// max(n, p) * eps * s_max count as zero, NumPy's lstsq rule) and forming X^T X would square the
/// condition number; (2) one SVD per training set serves the whole lambda grid of the
/// cross-validation, each further lambda costing only a rescaling.
///
/// crossValidate() picks lambda from a grid by K-fold cross-validation across groups (trials):
/// every sample of a group is in the same fold, so a group is never on both sides of a split.
class RidgeReadout {
public:
    /// Training options for trainTest().
    struct Options {
        /// Candidate lambdas; one value fixes lambda (no cross-validation). Default: 10^-6 ..
        /// 10^6 in decades (in units of the squared states).
        std::vector<double> lambdas = defaultLambdas();
        std::size_t folds = 5;     ///< cross-validation folds over the training groups (>= 2)
        double testFraction = 0.2; ///< share of groups held out for testing, in (0, 1)
        bool intercept = true;     ///< fit an unpenalised intercept
    };

    /// Mean squared validation error of each candidate lambda.
    struct CrossValidation {
        std::vector<double> lambdas;
        std::vector<double> errors; ///< pooled over folds, samples and outputs
        std::size_t best = 0;       ///< index of the smallest error (the smaller lambda on ties)
        std::vector<std::size_t> foldOfSample; ///< fold of each sample
        double bestLambda() const { return lambdas.at(best); }
    };

    /// Samples of the train and the test side; no group has samples on both.
    struct Split {
        std::vector<Eigen::Index> trainRows, testRows;
        std::vector<int> trainGroups, testGroups; ///< distinct groups, increasing
    };

    /// Result of trainTest(): the readout fitted on all training samples with the chosen
    /// lambda and its scores on both sides.
    struct Evaluation;

    /// Fit on X (samples x features) and Y (samples x outputs). Throws core::Error when the
    /// rows differ, there are no samples or lambda is negative or not finite.
    static RidgeReadout fit(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, double lambda,
                            bool intercept = true);

    /// Predictions (samples x outputs) for states X (samples x features).
    Eigen::MatrixXd predict(const Eigen::MatrixXd& x) const;
    /// Weights (features x outputs).
    const Eigen::MatrixXd& weights() const { return m_weights; }
    /// Intercept (one per output; zero without intercept).
    const Eigen::RowVectorXd& intercept() const { return m_intercept; }
    /// The regularisation the readout was fitted with.
    double lambda() const { return m_lambda; }

    /// 10^-6, 10^-5, ..., 10^6.
    static std::vector<double> defaultLambdas();

    /// Fold (0 .. folds - 1) of every sample: the distinct groups in increasing order go to
    /// folds round-robin (group j to fold j mod folds), so trials that cycle through conditions
    /// spread over the folds. Throws core::Error when folds < 2 or exceeds the distinct groups.
    static std::vector<std::size_t> groupFolds(const std::vector<int>& groups, std::size_t folds);

    /// K-fold cross-validation across groups: for each lambda, the squared error on each
    /// held-out fold of the readout fitted on the other folds, summed and divided by the number
    /// of values. Throws core::Error for mismatched sizes, an empty or negative grid.
    static CrossValidation crossValidate(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y,
                                         const std::vector<int>& groups,
                                         const std::vector<double>& lambdas, std::size_t folds,
                                         bool intercept = true);

    /// Hold out about `testFraction` of the distinct groups, spread evenly over their order
    /// (group j is a test group when floor((j + 1) f) > floor(j f)). Throws core::Error when
    /// fewer than two groups exist or the fraction is not in (0, 1).
    static Split splitByGroup(const std::vector<int>& groups, double testFraction);

    /// Split by group, choose lambda by cross-validation on the training groups (unless one
    /// lambda is given), fit on all training samples and score both sides.
    static Evaluation trainTest(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y,
                                const std::vector<int>& groups, const Options& options);
    /// trainTest() on a given split (e.g. training trials and test trials chosen by the
    /// caller); options.testFraction is not used. Throws core::Error when either side is empty
    /// or a row lies outside x.
    static Evaluation trainTest(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y,
                                const std::vector<int>& groups, const Split& split,
                                const Options& options);

    /// Coefficient of determination 1 - SS_res / SS_tot of each column (NaN for a constant
    /// target column).
    static Eigen::VectorXd r2(const Eigen::MatrixXd& prediction, const Eigen::MatrixXd& target);
    /// Normalised root-mean-square error sqrt(mean((p - y)^2) / var(y)) of each column
    /// (population variance; NaN for a constant target column).
    static Eigen::VectorXd nrmse(const Eigen::MatrixXd& prediction, const Eigen::MatrixXd& target);
    /// The rows `rows` of `m`.
    static Eigen::MatrixXd rows(const Eigen::MatrixXd& m, const std::vector<Eigen::Index>& rows);

private:
    Eigen::MatrixXd m_weights;
    Eigen::RowVectorXd m_intercept;
    double m_lambda = 0.0;
};

struct RidgeReadout::Evaluation {
    RidgeReadout readout;
    Split split;
    CrossValidation crossValidation; ///< empty when one lambda was given
    double lambda = 0.0;
    Eigen::MatrixXd trainPrediction, trainTarget; ///< rows of split.trainRows
    Eigen::MatrixXd testPrediction, testTarget;   ///< rows of split.testRows
    Eigen::VectorXd trainR2, testR2;              ///< per output
};

} // namespace plexus::analysis
