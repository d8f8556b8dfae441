#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace plexus::app {

/// The arguments of one plexus-cli command: positional arguments, `--key value` options and
/// `--flag` switches, with checked conversions. Every error is one line naming the option.
class CommandOptions {
public:
    /// Parse @p args against the options that take a value (@p values) and the flags
    /// (@p flags). Throws core::Error for an unknown option (naming @p command when given) and
    /// for an option whose value is missing.
    CommandOptions(const std::vector<std::string>& args, const std::set<std::string>& values,
                   const std::set<std::string>& flags = {}, const std::string& command = {});

    /// The arguments that are not options, in order.
    const std::vector<std::string>& positional() const { return m_positional; }
    /// True when the option was given a value.
    bool has(const std::string& key) const { return m_values.count(key) > 0; }
    /// True when the flag was given.
    bool flag(const std::string& key) const { return m_flags.count(key) > 0; }
    /// The option's text, or @p fallback.
    std::string text(const std::string& key, const std::string& fallback = {}) const;
    /// The option as a finite number, or @p fallback; throws naming the option otherwise.
    double number(const std::string& key, double fallback) const;
    /// number(), refused unless > 0.
    double positive(const std::string& key, double fallback) const;
    /// The option as an integer in [min, max], or @p fallback (which must lie there too: a
    /// range that depends on the input may exclude the default).
    std::size_t integer(const std::string& key, std::size_t fallback, std::size_t min,
                        std::size_t max) const;

private:
    std::vector<std::string> m_positional;
    std::map<std::string, std::string> m_values;
    std::set<std::string> m_flags;
};

} // namespace plexus::app
