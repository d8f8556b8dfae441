#pragma once

#include "plexus/analysis/RidgeReadout.h"

#include <Eigen/Dense>
#include <cstddef>
#include <vector>

namespace plexus::analysis {

/// The benchmark tasks of reservoir computing, each a ridge readout (RidgeReadout::trainTest:
/// split by group, lambda by cross-validation across groups) scored on the held-out groups.
///
/// Convention for input-driven tasks: row n of `states` is the state at the time of input sample
/// n, before u(n) acts (states sampled at the start of each input step), so it has seen
/// u(0) .. u(n - 1). Delay k = 1 is then the most recent input.
class ReadoutTasks {
public:
    /// Memory capacity (Jaeger 2001, "Short term memory in echo state networks", GMD Report
    /// 152): for each delay k = 1..K a readout trained to reproduce u(n - k); the memory function
    /// m(k) is the squared correlation between its output and u(n - k) on test data and
    /// MC = sum_k m(k). For a linear network of N units with generic input weights MC -> N
    /// (Jaeger 2001, Prop. 2; White, Lee & Sompolinsky 2004, PRL 92:148102).
    struct MemoryCapacity {
        std::vector<double> curve; ///< m(k) for k = 1..K
        double total = 0.0;        ///< MC = sum of the curve
        double lambda = 0.0;       ///< lambda used (shared by all delays)
        std::size_t trainSamples = 0, testSamples = 0;
        RidgeReadout::CrossValidation crossValidation; ///< empty when one lambda was given
    };

    /// Regression of one target: scores on both sides.
    struct Regression {
        double trainR2 = 0.0, testR2 = 0.0;
        double trainNrmse = 0.0, testNrmse = 0.0;
        double lambda = 0.0;
        std::size_t trainSamples = 0, testSamples = 0;
        RidgeReadout::CrossValidation crossValidation; ///< empty when one lambda was given
        Eigen::VectorXd testPrediction, testTarget;
        std::vector<Eigen::Index> testRows; ///< rows of the test samples
    };

    /// Classification of conditions by one-vs-rest ridge readouts and argmax.
    struct Classification {
        double trainAccuracy = 0.0, testAccuracy = 0.0;
        double chance = 0.0; ///< share of the most frequent class among the test samples
        /// Test samples: rows = true class, columns = predicted class.
        Eigen::MatrixXi confusion;
        double lambda = 0.0;
        std::size_t trainSamples = 0, testSamples = 0;
        RidgeReadout::CrossValidation crossValidation; ///< empty when one lambda was given
        std::vector<Eigen::Index> testRows;            ///< rows of the test samples
        std::vector<int> testPredictions;              ///< predicted class of each test sample
    };

    /// Memory capacity of `states` (samples x features) driven by `input` (one value per
    /// sample). Rows n >= maxDelay are used. Throws core::Error when the sizes differ or fewer
    /// than maxDelay + 2 samples exist.
    static MemoryCapacity memoryCapacity(const Eigen::MatrixXd& states,
                                         const Eigen::VectorXd& input,
                                         const std::vector<int>& groups, std::size_t maxDelay,
                                         const RidgeReadout::Options& options);

    /// The NARMA-10 target of input u (Atiya & Parlos 2000, IEEE Trans. Neural Networks 11:697,
    /// in the form of Jaeger 2003, NIPS 15):
    /// y(n+1) = 0.3 y(n) + 0.05 y(n) sum_{i=0}^{9} y(n-i) + 1.5 u(n-9) u(n) + 0.1, y = 0 for n
    /// < 10. y(n) depends on inputs up to u(n - 1), matching the states convention above.
    static Eigen::VectorXd narma10Target(const Eigen::VectorXd& input);

    /// NARMA-10: regression of narma10Target(input) from `states`, skipping the first `washout`
    /// samples (transient of the target and of the network).
    static Regression narma10(const Eigen::MatrixXd& states, const Eigen::VectorXd& input,
                              const std::vector<int>& groups, std::size_t washout,
                              const RidgeReadout::Options& options);

    /// Regression of any recorded signal (one value per sample): R^2 and NRMSE.
    static Regression regress(const Eigen::MatrixXd& states, const Eigen::VectorXd& target,
                              const std::vector<int>& groups, const RidgeReadout::Options& options);

    /// Classification of `labels` (class index in [0, classes) per sample).
    static Classification classify(const Eigen::MatrixXd& states, const std::vector<int>& labels,
                                   std::size_t classes, const std::vector<int>& groups,
                                   const RidgeReadout::Options& options);
    /// classify() on a given split (RidgeReadout::trainTest with a split): e.g. trained on the
    /// training trials of a protocol and tested on its test trials.
    static Classification classify(const Eigen::MatrixXd& states, const std::vector<int>& labels,
                                   std::size_t classes, const std::vector<int>& groups,
                                   const RidgeReadout::Split& split,
                                   const RidgeReadout::Options& options);
};

} // namespace plexus::analysis
