#pragma once

#include <string>

namespace plexus::analysis {

/// Dissimilarity measures of representational dissimilarity matrices.
enum class DistanceMetric {
    Correlation, ///< 1 - Pearson correlation of two patterns (across units)
    Euclidean,   ///< Euclidean distance (not squared)
    Cosine,      ///< 1 - cosine similarity
    Crossnobis   ///< cross-validated squared Mahalanobis distance (needs repeats)
};

/// Name of a metric: "correlation", "euclidean", "cosine" or "crossnobis".
std::string distanceMetricName(DistanceMetric metric);
/// Parse a metric name; throws core::Error listing the accepted names.
DistanceMetric parseDistanceMetric(const std::string& name);

} // namespace plexus::analysis
