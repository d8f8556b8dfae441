#pragma once

#include "plexus/core/base/Error.h"
#include "plexus/core/model/ParameterSet.h"

namespace plexus::plugins {

/// The hard bounds [w_min, w_max] that every learning rule keeps its weights in.
struct WeightBounds {
    float min = 0.0f;
    float max = 1.0f;

    /// w_min and w_max of @p params. Throws core::Error when w_max lies below w_min.
    static WeightBounds read(const core::ParameterSet& params) {
        WeightBounds bounds;
        bounds.min = static_cast<float>(params.get("w_min"));
        bounds.max = static_cast<float>(params.get("w_max"));
        if (bounds.max < bounds.min)
            throw core::Error("params.w_max: must not be below w_min");
        return bounds;
    }
};

/// `w` limited to [lo, hi] (lo for NaN), as float: a weight kept in its bounds.
inline float boundedWeight(double w, float lo, float hi) {
    return w >= hi ? hi : (w > lo ? static_cast<float>(w) : lo);
}

} // namespace plexus::plugins
