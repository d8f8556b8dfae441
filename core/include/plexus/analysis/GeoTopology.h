#pragma once

#include "plexus/analysis/Rdm.h"
#include "plexus/analysis/RdmComparison.h"

#include <cstddef>
#include <cstdint>
#include <utility>

namespace plexus::analysis {

/// Thresholds of a geo-topological transform.
struct GeoTopologicalThresholds {
    double lower = 0.0;    ///< l: distances at or below become 0
    double upper = 1.0;    ///< u: distances at or above become 1
    bool quantiles = true; ///< l and u are quantiles (in [0, 1]) of the RDM's entries
};

/// Geo-topological transforms of RDMs for topological RSA (Lin & Kriegeskorte): a distance d
/// maps to 0 when d <= l, to 1 when d >= u, and to (d - l) / (u - l) in between. l = min and
/// u = max keep the geometry (up to scale); l = u gives a binary neighbourhood graph (the
/// topology). Quantile thresholds are taken over the upper-triangle entries with linear
/// interpolation (numpy's default).
class GeoTopology {
public:
    /// The thresholds (l, u) as distances for `rdm`. Throws core::Error when l > u or a
    /// quantile lies outside [0, 1].
    static std::pair<double, double> thresholdValues(const Rdm& rdm,
                                                     const GeoTopologicalThresholds& thresholds);
    /// The transformed RDM (diagonal stays 0).
    static Rdm transform(const Rdm& rdm, const GeoTopologicalThresholds& thresholds);
    /// Compare two RDMs after transforming each with its own thresholds.
    static double compare(const Rdm& a, const Rdm& b, const GeoTopologicalThresholds& thresholds,
                          ComparisonMethod method);
    /// compare() with a bootstrap interval over conditions (thresholds taken on the full RDMs).
    static ComparisonResult bootstrap(const Rdm& a, const Rdm& b,
                                      const GeoTopologicalThresholds& thresholds,
                                      ComparisonMethod method, std::size_t samples = 1000,
                                      double confidence = 0.95, std::uint64_t seed = 1);
};

} // namespace plexus::analysis
