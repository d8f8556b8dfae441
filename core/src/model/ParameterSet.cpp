#include "plexus/core/model/ParameterSet.h"

#include "plexus/core/base/Error.h"

#include <cmath>
#include <sstream>

namespace plexus::core {

namespace {
std::string formatNumber(double v) {
    std::ostringstream out;
    out << v;
    return out.str();
}
} // namespace

ParameterSet ParameterSet::resolve(const ModelInfo& info,
                                   const std::map<std::string, double>& overrides,
                                   const std::string& where) {
    ParameterSet set;
    set.m_info = &info;
    set.m_values.reserve(info.parameters.size());
    for (const auto& d : info.parameters)
        set.m_values.push_back(d.defaultValue);
    for (const auto& [key, value] : overrides) {
        const auto index = info.parameterIndex(key);
        if (!index) {
            std::string known;
            for (const auto& d : info.parameters)
                known += (known.empty() ? "" : ", ") + d.key;
            throw Error(where + "." + key + ": model \"" + info.name + "\" has no parameter \"" +
                        key + "\" (known: " + known + ")");
        }
        const ParameterDescriptor& d = info.parameters[*index];
        if (!std::isfinite(value))
            throw Error(where + "." + key + ": must be a finite number");
        if (value < d.minValue || value > d.maxValue)
            throw Error(where + "." + key + ": " + formatNumber(value) + " " + d.unit +
                        " is outside the allowed range [" + formatNumber(d.minValue) + ", " +
                        formatNumber(d.maxValue) + "]");
        set.m_values[*index] = value;
    }
    return set;
}

ParameterSet ParameterSet::edited(const std::string& key, double value,
                                  const std::string& where) const {
    std::map<std::string, double> values = toMap();
    values[key] = value;
    return resolve(*m_info, values, where);
}

double ParameterSet::get(const std::string& key) const {
    const auto index = m_info ? m_info->parameterIndex(key) : std::nullopt;
    if (!index)
        throw Error("unknown parameter \"" + key + "\"");
    return m_values[*index];
}

std::map<std::string, double> ParameterSet::toMap() const {
    std::map<std::string, double> out;
    for (std::size_t i = 0; i < m_values.size(); ++i)
        out[m_info->parameters[i].key] = m_values[i];
    return out;
}

} // namespace plexus::core
