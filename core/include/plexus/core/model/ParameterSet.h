#pragma once

#include "plexus/core/model/ModelInfo.h"

#include <map>
#include <string>
#include <vector>

namespace plexus::core {

/// The full, validated parameter values of one model instance, in descriptor order.
class ParameterSet {
public:
    /// Model defaults overridden by `overrides`. Throws Error naming `where` and the key for
    /// unknown keys, NaN/infinite values and values outside the descriptor's range.
    static ParameterSet resolve(const ModelInfo& info,
                                const std::map<std::string, double>& overrides,
                                const std::string& where);

    /// A copy with one value changed, validated like resolve(): throws Error (naming `where`
    /// and the key) and leaves this set untouched when the value is unknown, NaN or out of
    /// range.
    ParameterSet edited(const std::string& key, double value, const std::string& where) const;

    /// Value of a parameter; throws Error for an unknown key.
    double get(const std::string& key) const;
    /// Value by descriptor index.
    double at(std::size_t index) const { return m_values.at(index); }
    /// Number of parameters.
    std::size_t size() const { return m_values.size(); }
    /// The model these values belong to.
    const ModelInfo& info() const { return *m_info; }
    /// Values as a key -> value map.
    std::map<std::string, double> toMap() const;

private:
    const ModelInfo* m_info = nullptr;
    std::vector<double> m_values;
};

} // namespace plexus::core
