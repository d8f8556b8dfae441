#include "CommandOptions.h"

#include "plexus/core/base/Error.h"

#include <cmath>
#include <cstdlib>

namespace plexus::app {

using core::Error;

CommandOptions::CommandOptions(const std::vector<std::string>& args,
                               const std::set<std::string>& values,
                               const std::set<std::string>& flags, const std::string& command) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.rfind("--", 0) != 0) {
            m_positional.push_back(a);
        } else if (values.count(a)) {
            if (i + 1 >= args.size())
                throw Error(a + ": missing value");
            m_values[a] = args[++i];
        } else if (flags.count(a)) {
            m_flags.insert(a);
        } else {
            throw Error(a + ": unknown option" + (command.empty() ? "" : " (" + command + ")"));
        }
    }
}

std::string CommandOptions::text(const std::string& key, const std::string& fallback) const {
    const auto it = m_values.find(key);
    return it == m_values.end() ? fallback : it->second;
}

double CommandOptions::number(const std::string& key, double fallback) const {
    if (!has(key))
        return fallback;
    const std::string t = text(key);
    char* end = nullptr;
    const double v = std::strtod(t.c_str(), &end);
    if (t.empty() || *end != '\0' || !std::isfinite(v))
        throw Error(key + ": \"" + t + "\" is not a number");
    return v;
}

double CommandOptions::positive(const std::string& key, double fallback) const {
    const double v = number(key, fallback);
    if (!(v > 0.0))
        throw Error(key + ": must be positive (got " + text(key) + ")");
    return v;
}

std::size_t CommandOptions::integer(const std::string& key, std::size_t fallback, std::size_t min,
                                    std::size_t max) const {
    const double v = number(key, static_cast<double>(fallback));
    if (v != std::floor(v) || v < static_cast<double>(min) || v > static_cast<double>(max))
        throw Error(key + ": must be an integer in [" + std::to_string(min) + ", " +
                    std::to_string(max) + "] (got " +
                    (has(key) ? text(key) : std::to_string(fallback) + ", the default") + ")");
    return static_cast<std::size_t>(v);
}

} // namespace plexus::app
