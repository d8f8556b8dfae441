#pragma once

#include <string>

namespace plexus::core {

/// A scalar given either as a constant or as a distribution to draw from
/// (weights, delays, initial state).
struct ValueSpec {
    /// How the value is produced.
    enum class Kind { Constant, Uniform, Normal };

    Kind kind = Kind::Constant;
    double a = 0.0; ///< constant value, uniform low bound or normal mean
    double b = 0.0; ///< uniform high bound or normal standard deviation

    /// A constant value.
    static ValueSpec constant(double value) { return {Kind::Constant, value, 0.0}; }
    /// Uniform on [low, high).
    static ValueSpec uniform(double low, double high) { return {Kind::Uniform, low, high}; }
    /// Normal with the given mean and standard deviation.
    static ValueSpec normal(double mean, double sd) { return {Kind::Normal, mean, sd}; }

    /// True when every draw gives the same value.
    bool isConstant() const { return kind == Kind::Constant || (kind == Kind::Normal && b == 0.0); }
    /// Mean of the distribution.
    double mean() const { return kind == Kind::Uniform ? 0.5 * (a + b) : a; }
    /// Human-readable form, e.g. "1.62", "U(-60, -50)", "N(4, 1.5)".
    std::string toString() const;

    bool operator==(const ValueSpec&) const = default;
};

} // namespace plexus::core
