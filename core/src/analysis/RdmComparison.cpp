#include "plexus/analysis/RdmComparison.h"

#include "plexus/core/base/Error.h"
#include "plexus/core/base/RandomStream.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <vector>

namespace plexus::analysis {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void checkSizes(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
    if (a.size() != b.size())
        throw core::Error("RDM comparison: " + std::to_string(a.size()) + " and " +
                          std::to_string(b.size()) + " entries");
}

/// Number of pairs within runs of equal values of a sorted sequence.
template <typename Get>
std::int64_t tiedPairs(std::size_t n, Get get) {
    std::int64_t ties = 0;
    std::size_t run = 1;
    for (std::size_t i = 1; i <= n; ++i) {
        if (i < n && get(i) == get(i - 1)) {
            ++run;
            continue;
        }
        ties += static_cast<std::int64_t>(run) * static_cast<std::int64_t>(run - 1) / 2;
        run = 1;
    }
    return ties;
}

/// Strict inversions (i < j, v_i > v_j) of v, counted by merge sort (v is sorted on return).
std::int64_t inversions(std::vector<double>& v) {
    const std::size_t n = v.size();
    std::vector<double> buffer(n);
    std::int64_t count = 0;
    for (std::size_t width = 1; width < n; width *= 2) {
        for (std::size_t lo = 0; lo < n; lo += 2 * width) {
            const std::size_t mid = std::min(lo + width, n);
            const std::size_t hi = std::min(lo + 2 * width, n);
            std::size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                if (v[j] < v[i]) {
                    count += static_cast<std::int64_t>(mid - i);
                    buffer[k++] = v[j++];
                } else {
                    buffer[k++] = v[i++];
                }
            }
            while (i < mid)
                buffer[k++] = v[i++];
            while (j < hi)
                buffer[k++] = v[j++];
        }
        std::swap(v, buffer);
    }
    return count;
}

/// Concordant minus discordant pairs and the tie counts (Knight's O(n log n) algorithm).
struct KendallCounts {
    double n0 = 0.0;         ///< all pairs
    double xTies = 0.0;      ///< pairs tied in a
    double yTies = 0.0;      ///< pairs tied in b
    double difference = 0.0; ///< concordant - discordant
};

KendallCounts kendallCounts(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
    checkSizes(a, b);
    const auto n = static_cast<std::size_t>(a.size());
    KendallCounts k;
    k.n0 = static_cast<double>(n) * static_cast<double>(n - (n > 0 ? 1 : 0)) / 2.0;
    if (n < 2)
        return k;
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) {
        const auto ii = static_cast<Eigen::Index>(i), jj = static_cast<Eigen::Index>(j);
        return a(ii) < a(jj) || (a(ii) == a(jj) && b(ii) < b(jj));
    });
    auto at = [&](const Eigen::VectorXd& v, std::size_t i) {
        return v(static_cast<Eigen::Index>(order[i]));
    };
    const std::int64_t xTies = tiedPairs(n, [&](std::size_t i) { return at(a, i); });
    // Pairs tied in both: runs of equal (a, b) in the lexicographic order.
    std::int64_t bothTies = 0;
    {
        std::size_t run = 1;
        for (std::size_t i = 1; i <= n; ++i) {
            if (i < n && at(a, i) == at(a, i - 1) && at(b, i) == at(b, i - 1)) {
                ++run;
                continue;
            }
            bothTies += static_cast<std::int64_t>(run) * static_cast<std::int64_t>(run - 1) / 2;
            run = 1;
        }
    }
    std::vector<double> ys(n);
    for (std::size_t i = 0; i < n; ++i)
        ys[i] = at(b, i);
    const std::int64_t discordant = inversions(ys); // ys is now sorted
    const std::int64_t yTies = tiedPairs(n, [&](std::size_t i) { return ys[i]; });
    const auto n0 = static_cast<std::int64_t>(n) * static_cast<std::int64_t>(n - 1) / 2;
    k.xTies = static_cast<double>(xTies);
    k.yTies = static_cast<double>(yTies);
    k.difference = static_cast<double>(n0 - xTies - yTies + bothTies - 2 * discordant);
    return k;
}

double percentile(std::vector<double> sorted, double q) {
    if (sorted.empty())
        return kNaN;
    std::sort(sorted.begin(), sorted.end());
    const double pos = q * static_cast<double>(sorted.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (pos - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

} // namespace

Eigen::VectorXd RdmComparison::ranks(const Eigen::VectorXd& v) {
    const auto n = static_cast<std::size_t>(v.size());
    std::vector<Eigen::Index> order(n);
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    std::sort(order.begin(), order.end(),
              [&](Eigen::Index i, Eigen::Index j) { return v(i) < v(j); });
    Eigen::VectorXd r(v.size());
    std::size_t i = 0;
    while (i < n) {
        std::size_t j = i + 1;
        while (j < n && v(order[j]) == v(order[i]))
            ++j;
        const double rank = 0.5 * static_cast<double>(i + 1 + j); // mean of ranks i+1 .. j
        for (std::size_t k = i; k < j; ++k)
            r(order[k]) = rank;
        i = j;
    }
    return r;
}

double RdmComparison::pearson(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
    checkSizes(a, b);
    if (a.size() < 2)
        return kNaN;
    const Eigen::VectorXd x = a.array() - a.mean();
    const Eigen::VectorXd y = b.array() - b.mean();
    const double nx = x.norm();
    const double ny = y.norm();
    if (!(nx > 0.0) || !(ny > 0.0))
        return kNaN;
    return std::clamp(x.dot(y) / (nx * ny), -1.0, 1.0);
}

double RdmComparison::spearman(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
    checkSizes(a, b);
    return pearson(ranks(a), ranks(b));
}

double RdmComparison::kendallTauA(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
    const auto k = kendallCounts(a, b);
    return k.n0 > 0.0 ? k.difference / k.n0 : kNaN;
}

double RdmComparison::kendallTauB(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
    const auto k = kendallCounts(a, b);
    const double denominator = std::sqrt((k.n0 - k.xTies) * (k.n0 - k.yTies));
    return denominator > 0.0 ? k.difference / denominator : kNaN;
}

double RdmComparison::cosine(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
    checkSizes(a, b);
    const double na = a.norm();
    const double nb = b.norm();
    if (!(na > 0.0) || !(nb > 0.0))
        return kNaN;
    return std::clamp(a.dot(b) / (na * nb), -1.0, 1.0);
}

double RdmComparison::compare(const Eigen::VectorXd& a, const Eigen::VectorXd& b,
                              ComparisonMethod method) {
    switch (method) {
    case ComparisonMethod::Spearman:
        return spearman(a, b);
    case ComparisonMethod::KendallTauA:
        return kendallTauA(a, b);
    case ComparisonMethod::Cosine:
        return cosine(a, b);
    case ComparisonMethod::Pearson:
        return pearson(a, b);
    }
    return kNaN;
}

double RdmComparison::compare(const Rdm& a, const Rdm& b, ComparisonMethod method) {
    if (a.size() != b.size())
        throw core::Error("RDM comparison: RDMs of " + std::to_string(a.size()) + " and " +
                          std::to_string(b.size()) + " conditions");
    return compare(a.upperTriangle(), b.upperTriangle(), method);
}

ComparisonResult RdmComparison::bootstrap(const Rdm& a, const Rdm& b, ComparisonMethod method,
                                          std::size_t samples, double confidence,
                                          std::uint64_t seed) {
    if (!(confidence > 0.0 && confidence < 1.0))
        throw core::Error("RDM comparison: confidence must lie in (0, 1)");
    ComparisonResult r;
    r.value = compare(a, b, method);
    r.confidence = confidence;
    const std::size_t k = a.size();
    core::RandomStream random(seed);
    std::vector<double> values;
    values.reserve(samples);
    std::vector<std::size_t> pick(k);
    std::vector<double> va, vb;
    for (std::size_t s = 0; s < samples; ++s) {
        for (auto& p : pick)
            p = static_cast<std::size_t>(random.below(k));
        va.clear();
        vb.clear();
        for (std::size_t i = 0; i < k; ++i)
            for (std::size_t j = i + 1; j < k; ++j) {
                if (pick[i] == pick[j])
                    continue;
                va.push_back(a(pick[i], pick[j]));
                vb.push_back(b(pick[i], pick[j]));
            }
        const double v = compare(
            Eigen::Map<const Eigen::VectorXd>(va.data(), static_cast<Eigen::Index>(va.size())),
            Eigen::Map<const Eigen::VectorXd>(vb.data(), static_cast<Eigen::Index>(vb.size())),
            method);
        if (std::isfinite(v))
            values.push_back(v);
    }
    r.bootstraps = values.size();
    if (values.empty()) {
        r.ciLow = r.ciHigh = r.sd = kNaN;
        return r;
    }
    const double alpha = 0.5 * (1.0 - confidence);
    r.ciLow = percentile(values, alpha);
    r.ciHigh = percentile(values, 1.0 - alpha);
    double mean = 0.0;
    for (const double v : values)
        mean += v;
    mean /= static_cast<double>(values.size());
    double ss = 0.0;
    for (const double v : values)
        ss += (v - mean) * (v - mean);
    r.sd = values.size() > 1 ? std::sqrt(ss / static_cast<double>(values.size() - 1)) : 0.0;
    return r;
}

std::string RdmComparison::methodName(ComparisonMethod method) {
    switch (method) {
    case ComparisonMethod::Spearman:
        return "spearman";
    case ComparisonMethod::KendallTauA:
        return "kendall-tau-a";
    case ComparisonMethod::Cosine:
        return "cosine";
    case ComparisonMethod::Pearson:
        return "pearson";
    }
    return "spearman";
}

ComparisonMethod RdmComparison::parseMethod(const std::string& name) {
    if (name == "kendall" || name == "tau-a" || name == "kendall-tau-a")
        return ComparisonMethod::KendallTauA;
    if (name == "spearman")
        return ComparisonMethod::Spearman;
    if (name == "cosine")
        return ComparisonMethod::Cosine;
    if (name == "pearson")
        return ComparisonMethod::Pearson;
    throw core::Error("compare: unknown RDM comparison \"" + name +
                      "\" (spearman, kendall-tau-a, cosine, pearson)");
}

} // namespace plexus::analysis
