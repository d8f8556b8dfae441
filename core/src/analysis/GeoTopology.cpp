#include "plexus/analysis/GeoTopology.h"

#include "plexus/core/base/Error.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace plexus::analysis {

namespace {

double quantile(const std::vector<double>& sorted, double q) {
    const double pos = q * static_cast<double>(sorted.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (pos - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

} // namespace

std::pair<double, double> GeoTopology::thresholdValues(const Rdm& rdm,
                                                       const GeoTopologicalThresholds& t) {
    if (!std::isfinite(t.lower) || !std::isfinite(t.upper) || t.lower > t.upper)
        throw core::Error("geo-topological transform: need finite thresholds with lower <= upper");
    if (!t.quantiles)
        return {t.lower, t.upper};
    if (t.lower < 0.0 || t.upper > 1.0)
        throw core::Error("geo-topological transform: quantile thresholds must lie in [0, 1]");
    const Eigen::VectorXd entries = rdm.upperTriangle();
    if (entries.size() == 0)
        return {0.0, 0.0};
    std::vector<double> sorted(entries.data(), entries.data() + entries.size());
    std::sort(sorted.begin(), sorted.end());
    return {quantile(sorted, t.lower), quantile(sorted, t.upper)};
}

Rdm GeoTopology::transform(const Rdm& rdm, const GeoTopologicalThresholds& thresholds) {
    const auto [l, u] = thresholdValues(rdm, thresholds);
    Eigen::MatrixXd d = rdm.matrix();
    for (Eigen::Index j = 0; j < d.cols(); ++j)
        for (Eigen::Index i = 0; i < d.rows(); ++i) {
            const double v = d(i, j);
            if (i == j || v <= l)
                d(i, j) = 0.0;
            else if (v >= u)
                d(i, j) = 1.0;
            else
                d(i, j) = (v - l) / (u - l);
        }
    return Rdm(std::move(d), rdm.names());
}

double GeoTopology::compare(const Rdm& a, const Rdm& b, const GeoTopologicalThresholds& t,
                            ComparisonMethod method) {
    return RdmComparison::compare(transform(a, t), transform(b, t), method);
}

ComparisonResult GeoTopology::bootstrap(const Rdm& a, const Rdm& b,
                                        const GeoTopologicalThresholds& t, ComparisonMethod method,
                                        std::size_t samples, double confidence,
                                        std::uint64_t seed) {
    return RdmComparison::bootstrap(transform(a, t), transform(b, t), method, samples, confidence,
                                    seed);
}

} // namespace plexus::analysis
