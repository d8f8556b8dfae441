#pragma once

#include <string>

namespace plexus::core {

/**
 * @brief One parameter of a connectivity rule: what project files, the builder's checks and the
 *        inspector's fields know of it.
 *
 * The kind sets what values are allowed and how a refusal reads:
 * - Probability: a real number in [minValue, maxValue] = [0, 1] ("must be in [0, 1]");
 * - Length: a real length in um, finite and > minValue = 0 ("must be a length > 0 um");
 * - Count: a whole number >= minValue ("must be a non-negative integer", "must be at least 1"),
 *   even when `even` is set ("must be even (`evenReason`)").
 */
struct ConnectivityParameter {
    /// The kind of value a parameter takes.
    enum class Kind { Probability, Length, Count };

    std::string key;   ///< JSON key in `connectivity`, e.g. "p"
    std::string label; ///< e.g. "Connection probability"
    std::string unit;  ///< unit shown to the user, e.g. "µm"; empty for pure numbers
    std::string doc;   ///< one or two sentences shown as help
    Kind kind = Kind::Probability;
    double defaultValue = 0.0;
    double minValue = 0.0;       ///< least allowed value (exclusive for lengths)
    double maxValue = 1.0;       ///< greatest allowed value (infinity when unbounded)
    bool even = false;           ///< only even whole numbers are allowed
    std::string evenReason = {}; ///< why, shown when an odd number is refused

    /// True when only whole numbers are allowed (counts).
    bool integer() const { return kind == Kind::Count; }
    /// True when minValue itself is refused (lengths: > 0).
    bool minExclusive() const { return kind == Kind::Length; }
    /// Why @p value is refused (e.g. "must be in [0, 1]"), or an empty string when allowed.
    std::string refusal(double value) const;
};

} // namespace plexus::core
