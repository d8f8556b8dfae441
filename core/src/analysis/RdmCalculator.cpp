#include "plexus/analysis/RdmCalculator.h"

#include "plexus/core/base/Error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace plexus::analysis {

namespace {

std::string conditionName(const std::vector<std::string>& names, Eigen::Index i) {
    return static_cast<std::size_t>(i) < names.size() ? names[static_cast<std::size_t>(i)]
                                                      : std::to_string(i);
}

/// Lower triangle of Y Y^T with Y = diag(rowScale) (X - rowShift 1^T - 1 colShift^T); empty
/// vectors leave that step out. Y is formed one block of unit columns at a time, so memory
/// stays at the conditions x conditions output plus one conditions x block buffer. With
/// `direct`, the shifts and scale are ignored and X X^T is formed in one product.
Eigen::MatrixXd blockedGram(const Eigen::MatrixXd& x, const Eigen::VectorXd& rowShift,
                            const Eigen::RowVectorXd& colShift, const Eigen::VectorXd& rowScale,
                            bool direct = false) {
    constexpr Eigen::Index kBlock = 2048;
    Eigen::MatrixXd g = Eigen::MatrixXd::Zero(x.rows(), x.rows());
    if (direct) {
        g.selfadjointView<Eigen::Lower>().rankUpdate(x);
        return g;
    }
    Eigen::MatrixXd buffer(x.rows(), std::min(kBlock, x.cols()));
    for (Eigen::Index c0 = 0; c0 < x.cols(); c0 += kBlock) {
        const Eigen::Index width = std::min(kBlock, x.cols() - c0);
        auto y = buffer.leftCols(width);
        y = x.middleCols(c0, width);
        if (rowShift.size() > 0)
            y.colwise() -= rowShift;
        if (colShift.size() > 0)
            y.rowwise() -= colShift.segment(c0, width);
        if (rowScale.size() > 0)
            y.array().colwise() *= rowScale.array();
        g.selfadjointView<Eigen::Lower>().rankUpdate(y);
    }
    return g;
}

/// Crossnobis RDM from G = sum_{m != n} U_m Sigma^-1 U_n^T over M partitions.
Rdm fromCrossProducts(const Eigen::MatrixXd& g, std::size_t m, Eigen::Index units,
                      bool normaliseByUnits, std::vector<std::string> names) {
    const Eigen::Index k = g.rows();
    double scale = 1.0 / static_cast<double>(m * (m - 1));
    if (normaliseByUnits)
        scale /= static_cast<double>(units);
    Eigen::MatrixXd d(k, k);
    for (Eigen::Index j = 0; j < k; ++j)
        for (Eigen::Index i = 0; i < k; ++i)
            d(i, j) = scale * (g(i, i) + g(j, j) - g(i, j) - g(j, i));
    d = 0.5 * (d + d.transpose()).eval();
    d.diagonal().setZero();
    return Rdm(std::move(d), std::move(names));
}

/// Euclidean norm of every row of X - rowShift 1^T, without a copy of X.
Eigen::VectorXd shiftedRowNorms(const Eigen::MatrixXd& x, const Eigen::VectorXd& rowShift) {
    Eigen::VectorXd sum = Eigen::VectorXd::Zero(x.rows());
    for (Eigen::Index c = 0; c < x.cols(); ++c)
        sum.array() += (x.col(c) - rowShift).array().square();
    return sum.cwiseSqrt();
}

/// Squared Euclidean norm of every row of X - 1 colShift^T, without a copy of X.
Eigen::VectorXd columnShiftedSquaredNorms(const Eigen::MatrixXd& x,
                                          const Eigen::RowVectorXd& colShift) {
    Eigen::VectorXd sum = Eigen::VectorXd::Zero(x.rows());
    for (Eigen::Index c = 0; c < x.cols(); ++c)
        sum.array() += (x.col(c).array() - colShift(c)).square();
    return sum;
}

/// Largest ratio |x_i|^2 / |x_i - shift|^2 over the rows: how much precision a Gram matrix of
/// the raw rows loses against one of the shifted rows (infinite for a row equal to its shift).
double offsetRatio(const Eigen::VectorXd& rawSquared, const Eigen::VectorXd& shiftedSquared) {
    double worst = 1.0;
    for (Eigen::Index i = 0; i < rawSquared.size(); ++i) {
        if (rawSquared(i) == 0.0)
            continue;
        worst = shiftedSquared(i) > 0.0 ? std::max(worst, rawSquared(i) / shiftedSquared(i))
                                        : std::numeric_limits<double>::infinity();
    }
    return worst;
}

/// Above this offset ratio the Gram matrix is formed from exactly shifted rows (about 1e-12
/// relative error at the ratio, double precision).
constexpr double kMaxOffsetRatio = 1e4;

/// 1 / norm of every row; throws naming the condition of a zero row.
Eigen::VectorXd inverseNorms(const Eigen::VectorXd& norms, const std::vector<std::string>& names,
                             const char* what) {
    for (Eigen::Index i = 0; i < norms.size(); ++i)
        if (!(norms(i) > 0.0))
            throw core::Error(std::string(what) + " distance is undefined for condition \"" +
                              conditionName(names, i) + "\": its pattern is " +
                              (std::string(what) == "correlation" ? "constant" : "all zero"));
    return norms.cwiseInverse();
}

} // namespace

Rdm RdmCalculator::compute(const Eigen::MatrixXd& patterns, DistanceMetric metric,
                           std::vector<std::string> names) {
    if (metric == DistanceMetric::Crossnobis)
        throw core::Error("crossnobis needs repeated measurements (partitions), not one pattern "
                          "per condition");
    if (patterns.rows() < 1 || patterns.cols() < 1)
        throw core::Error("RDM: no patterns");
    if (!patterns.allFinite())
        throw core::Error("RDM: patterns must be finite");
    const Eigen::Index k = patterns.rows();

    // One product on the raw patterns (no copy of them) with exact corrections for the
    // centring; when offsets are large against the spread, the rows are centred exactly in
    // blocks instead, which costs a product per block.
    const auto units = static_cast<double>(patterns.cols());
    const Eigen::VectorXd rawSquared = patterns.rowwise().squaredNorm();
    Eigen::MatrixXd d(k, k);
    if (metric == DistanceMetric::Euclidean) {
        // Distances are invariant to a common shift of the units.
        const Eigen::RowVectorXd unitMeans = patterns.colwise().mean();
        const Eigen::VectorXd centredSquared = columnShiftedSquaredNorms(patterns, unitMeans);
        const bool raw = offsetRatio(rawSquared, centredSquared) <= kMaxOffsetRatio;
        const Eigen::MatrixXd g = raw ? blockedGram(patterns, {}, {}, {}, true)
                                      : blockedGram(patterns, {}, unitMeans, {});
        for (Eigen::Index j = 0; j < k; ++j)
            for (Eigen::Index i = j; i < k; ++i) {
                const double v = std::sqrt(std::max(0.0, g(i, i) + g(j, j) - 2.0 * g(i, j)));
                d(i, j) = v;
                d(j, i) = v;
            }
    } else {
        Eigen::MatrixXd g;
        if (metric == DistanceMetric::Correlation) {
            const Eigen::VectorXd means = patterns.rowwise().mean();
            const Eigen::VectorXd centredNorms = shiftedRowNorms(patterns, means);
            const Eigen::VectorXd scale = inverseNorms(centredNorms, names, "correlation");
            if (offsetRatio(rawSquared, centredNorms.cwiseAbs2()) <= kMaxOffsetRatio) {
                // (x_i - m_i).(x_j - m_j) = x_i.x_j - units m_i m_j
                g = blockedGram(patterns, {}, {}, {}, true);
                for (Eigen::Index j = 0; j < k; ++j)
                    for (Eigen::Index i = j; i < k; ++i)
                        g(i, j) = (g(i, j) - units * means(i) * means(j)) * scale(i) * scale(j);
            } else {
                g = blockedGram(patterns, means, {}, scale);
            }
        } else {
            const Eigen::VectorXd scale = inverseNorms(rawSquared.cwiseSqrt(), names, "cosine");
            g = blockedGram(patterns, {}, {}, {}, true);
            for (Eigen::Index j = 0; j < k; ++j)
                for (Eigen::Index i = j; i < k; ++i)
                    g(i, j) *= scale(i) * scale(j);
        }
        for (Eigen::Index j = 0; j < k; ++j)
            for (Eigen::Index i = j; i < k; ++i) {
                const double v = std::clamp(1.0 - g(i, j), 0.0, 2.0);
                d(i, j) = v;
                d(j, i) = v;
            }
    }
    d.diagonal().setZero();
    return Rdm(std::move(d), std::move(names));
}

Rdm RdmCalculator::compute(const ActivityMatrix& activity, DistanceMetric metric,
                           const CrossnobisOptions& options) {
    activity.validate("RDM");
    if (metric == DistanceMetric::Crossnobis)
        return crossnobis(activity.values, activity.conditionIndices(), activity.repeatPartitions(),
                          options, activity.conditionNames());
    return compute(activity.conditionPatterns(), metric, activity.conditionNames());
}

Rdm RdmCalculator::crossnobis(const Eigen::MatrixXd& samples, const std::vector<int>& conditions,
                              const std::vector<int>& partitions, const CrossnobisOptions& options,
                              std::vector<std::string> names, double* shrinkageUsed) {
    const auto n = static_cast<std::size_t>(samples.rows());
    if (conditions.size() != n || partitions.size() != n)
        throw core::Error("crossnobis: need one condition and one partition index per sample");
    if (!samples.allFinite())
        throw core::Error("crossnobis: samples must be finite");
    int maxCondition = -1;
    for (const int c : conditions) {
        if (c < 0)
            throw core::Error("crossnobis: negative condition index");
        maxCondition = std::max(maxCondition, c);
    }
    const auto k = static_cast<Eigen::Index>(maxCondition + 1);
    std::map<int, std::size_t> partitionSlot;
    for (const int p : partitions)
        partitionSlot.emplace(p, 0);
    std::size_t m = 0;
    for (auto& [p, slot] : partitionSlot)
        slot = m++;
    if (m < 2)
        throw core::Error("crossnobis: needs at least 2 partitions (independent repeats of the "
                          "conditions), found " +
                          std::to_string(m));
    if (names.empty())
        for (Eigen::Index i = 0; i < k; ++i)
            names.push_back(std::to_string(i));

    const Eigen::Index units = samples.cols();
    std::vector<Eigen::MatrixXd> means(m, Eigen::MatrixXd::Zero(k, units));
    std::vector<Eigen::VectorXd> counts(m, Eigen::VectorXd::Zero(k));
    for (std::size_t r = 0; r < n; ++r) {
        const std::size_t slot = partitionSlot[partitions[r]];
        const int c = conditions[r];
        means[slot].row(c) += samples.row(static_cast<Eigen::Index>(r));
        counts[slot](c) += 1.0;
    }
    for (const auto& [p, slot] : partitionSlot)
        for (Eigen::Index c = 0; c < k; ++c) {
            if (counts[slot](c) == 0.0)
                throw core::Error("crossnobis: condition \"" + conditionName(names, c) +
                                  "\" is missing from partition " + std::to_string(p) +
                                  " (every condition must occur in every partition)");
            means[slot].row(c) /= counts[slot](c);
        }
    double fewest = counts.front().minCoeff();
    for (const auto& c : counts)
        fewest = std::min(fewest, c.minCoeff());

    if (options.noise == NoiseShrinkage::Identity) {
        if (shrinkageUsed)
            *shrinkageUsed = 1.0;
        return crossnobis(means, NoiseCovariance(), options.normaliseByUnits, std::move(names));
    }
    if (fewest >= 2.0) {
        // Residuals about the condition-and-partition means are independent of those means,
        // so the whitened cross-partition products stay unbiased.
        Eigen::MatrixXd residuals(samples.rows(), units);
        for (std::size_t r = 0; r < n; ++r)
            residuals.row(static_cast<Eigen::Index>(r)) =
                samples.row(static_cast<Eigen::Index>(r)) -
                means[partitionSlot[partitions[r]]].row(conditions[r]);
        const auto noise = NoiseCovariance::estimate(
            residuals,
            static_cast<double>(n) - static_cast<double>(static_cast<std::size_t>(k) * m),
            options.noise, options.shrinkage);
        if (shrinkageUsed)
            *shrinkageUsed = noise.shrinkage();
        return crossnobis(means, noise, options.normaliseByUnits, std::move(names));
    }
    // One sample per cell: a noise estimate from residuals that include partitions m or n
    // would correlate with their means and bias the product of m and n upwards. Each pair of
    // partitions is therefore whitened with the noise of the other partitions only.
    if (m < 4)
        throw core::Error("crossnobis: estimating the noise covariance needs at least 2 samples "
                          "per condition in every partition, or at least 4 partitions (found " +
                          std::to_string(m) +
                          " partitions of single samples); add repeats or "
                          "use identity noise");
    std::vector<std::size_t> slotOfRow(n);
    for (std::size_t r = 0; r < n; ++r)
        slotOfRow[r] = partitionSlot[partitions[r]];
    Eigen::MatrixXd cross = Eigen::MatrixXd::Zero(k, k);
    double shrinkageSum = 0.0;
    std::size_t pairs = 0;
    for (std::size_t a = 0; a < m; ++a)
        for (std::size_t b = a + 1; b < m; ++b) {
            Eigen::MatrixXd held = Eigen::MatrixXd::Zero(k, units);
            Eigen::VectorXd heldCount = Eigen::VectorXd::Zero(k);
            std::vector<Eigen::Index> rows;
            for (std::size_t r = 0; r < n; ++r)
                if (slotOfRow[r] != a && slotOfRow[r] != b) {
                    rows.push_back(static_cast<Eigen::Index>(r));
                    held.row(conditions[r]) += samples.row(static_cast<Eigen::Index>(r));
                    heldCount(conditions[r]) += 1.0;
                }
            for (Eigen::Index c = 0; c < k; ++c)
                held.row(c) /= heldCount(c);
            Eigen::MatrixXd residuals(static_cast<Eigen::Index>(rows.size()), units);
            for (std::size_t i = 0; i < rows.size(); ++i)
                residuals.row(static_cast<Eigen::Index>(i)) =
                    samples.row(rows[i]) - held.row(conditions[static_cast<std::size_t>(rows[i])]);
            const auto noise = NoiseCovariance::estimate(
                residuals, static_cast<double>(rows.size()) - static_cast<double>(k), options.noise,
                options.shrinkage);
            shrinkageSum += noise.shrinkage();
            ++pairs;
            const Eigen::MatrixXd product = means[a] * noise.applyInverse(means[b]).transpose();
            cross += product + product.transpose();
        }
    if (shrinkageUsed)
        *shrinkageUsed = shrinkageSum / static_cast<double>(pairs);
    return fromCrossProducts(cross, m, units, options.normaliseByUnits, std::move(names));
}

Rdm RdmCalculator::crossnobis(const std::vector<Eigen::MatrixXd>& partitionMeans,
                              const NoiseCovariance& noise, bool normaliseByUnits,
                              std::vector<std::string> names) {
    const std::size_t m = partitionMeans.size();
    if (m < 2)
        throw core::Error("crossnobis: needs at least 2 partitions");
    const Eigen::Index k = partitionMeans.front().rows();
    const Eigen::Index units = partitionMeans.front().cols();
    // sum_{m != n} U_m Sigma^-1 U_n^T = (sum U_m) (sum V_n)^T - sum U_m V_m^T, V = U Sigma^-1.
    Eigen::MatrixXd sumU = Eigen::MatrixXd::Zero(k, units);
    Eigen::MatrixXd sumV = Eigen::MatrixXd::Zero(k, units);
    Eigen::MatrixXd diagonalTerms = Eigen::MatrixXd::Zero(k, k);
    for (const auto& u : partitionMeans) {
        if (u.rows() != k || u.cols() != units)
            throw core::Error("crossnobis: partitions differ in shape");
        const Eigen::MatrixXd v = noise.applyInverse(u);
        sumU += u;
        sumV += v;
        diagonalTerms.noalias() += u * v.transpose();
    }
    return fromCrossProducts(sumU * sumV.transpose() - diagonalTerms, m, units, normaliseByUnits,
                             std::move(names));
}

} // namespace plexus::analysis
