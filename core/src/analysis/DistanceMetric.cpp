#include "plexus/analysis/DistanceMetric.h"

#include "plexus/core/base/Error.h"

namespace plexus::analysis {

std::string distanceMetricName(DistanceMetric metric) {
    switch (metric) {
    case DistanceMetric::Correlation:
        return "correlation";
    case DistanceMetric::Euclidean:
        return "euclidean";
    case DistanceMetric::Cosine:
        return "cosine";
    case DistanceMetric::Crossnobis:
        return "crossnobis";
    }
    return "correlation";
}

DistanceMetric parseDistanceMetric(const std::string& name) {
    for (const auto m : {DistanceMetric::Correlation, DistanceMetric::Euclidean,
                         DistanceMetric::Cosine, DistanceMetric::Crossnobis})
        if (name == distanceMetricName(m))
            return m;
    throw core::Error("metric: unknown distance \"" + name +
                      "\" (correlation, euclidean, cosine, crossnobis)");
}

} // namespace plexus::analysis
