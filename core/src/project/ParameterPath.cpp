#include "plexus/core/project/ParameterPath.h"

#include "plexus/core/base/Error.h"

#include <cmath>
#include <cstdint>

namespace plexus::core {

namespace {

/// "a, b, c" of the keys of an object or the names (else indices) of an array's elements.
std::string validNames(const nlohmann::json& node) {
    std::string names;
    const auto add = [&names](const std::string& n) { names += (names.empty() ? "" : ", ") + n; };
    if (node.is_object()) {
        for (auto it = node.begin(); it != node.end(); ++it)
            add(it.key());
    } else if (node.is_array()) {
        for (std::size_t i = 0; i < node.size(); ++i) {
            const auto& e = node[i];
            if (e.is_object() && e.contains("name") && e["name"].is_string())
                add(e["name"].get<std::string>());
            else
                add(std::to_string(i));
        }
    }
    return names.empty() ? "none" : names;
}

/// Index of `segment` as a whole number, or -1.
long indexOf(const std::string& segment) {
    if (segment.empty() || segment.size() > 9)
        return -1;
    for (const char c : segment)
        if (c < '0' || c > '9')
            return -1;
    return std::stol(segment);
}

} // namespace

ParameterPath ParameterPath::parse(const std::string& text) {
    ParameterPath path;
    path.m_text = text;
    if (text.empty())
        throw Error("parameter path is empty");
    if (text.front() == '/') {
        // RFC 6901: "/a/b~1c" -> a, b/c.
        std::size_t start = 1;
        while (true) {
            const std::size_t end = text.find('/', start);
            std::string s = text.substr(start, end == std::string::npos ? end : end - start);
            std::string unescaped;
            for (std::size_t i = 0; i < s.size(); ++i) {
                if (s[i] == '~' && i + 1 < s.size() && (s[i + 1] == '0' || s[i + 1] == '1')) {
                    unescaped += s[i + 1] == '0' ? '~' : '/';
                    ++i;
                } else {
                    unescaped += s[i];
                }
            }
            path.m_segments.push_back(unescaped);
            if (end == std::string::npos)
                break;
            start = end + 1;
        }
    } else {
        std::size_t start = 0;
        while (true) {
            const std::size_t end = text.find('.', start);
            path.m_segments.push_back(
                text.substr(start, end == std::string::npos ? end : end - start));
            if (end == std::string::npos)
                break;
            start = end + 1;
        }
    }
    for (const auto& s : path.m_segments)
        if (s.empty())
            throw Error("parameter path " + text + ": empty segment");
    return path;
}

nlohmann::json::json_pointer ParameterPath::resolve(const nlohmann::json& document) const {
    nlohmann::json::json_pointer pointer;
    const nlohmann::json* node = &document;
    std::string where = "the project";
    for (const auto& segment : m_segments) {
        if (node->is_object()) {
            if (!node->contains(segment))
                throw Error("parameter path " + m_text + ": no \"" + segment + "\" in " + where +
                            " (" + validNames(*node) + ")");
            pointer /= segment;
            node = &(*node)[segment];
        } else if (node->is_array()) {
            long found = -1;
            for (std::size_t i = 0; i < node->size() && found < 0; ++i) {
                const auto& e = (*node)[i];
                if (e.is_object() && e.contains("name") && e["name"] == segment)
                    found = static_cast<long>(i);
            }
            if (found < 0) {
                const long index = indexOf(segment);
                if (index >= 0 && static_cast<std::size_t>(index) < node->size())
                    found = index;
            }
            if (found < 0)
                throw Error("parameter path " + m_text + ": no \"" + segment + "\" in " + where +
                            " (" + validNames(*node) + ")");
            pointer /= static_cast<std::size_t>(found);
            node = &(*node)[static_cast<std::size_t>(found)];
        } else {
            throw Error("parameter path " + m_text + ": " + where +
                        " is a single value, it has no \"" + segment + "\"");
        }
        where = segment;
    }
    if (!node->is_number())
        throw Error("parameter path " + m_text + ": " + where + " is not a number (" +
                    (node->is_object() || node->is_array() ? "it holds " + validNames(*node)
                                                           : std::string(node->type_name())) +
                    ")");
    return pointer;
}

void ParameterPath::apply(nlohmann::json& document, double value) const {
    const auto pointer = resolve(document);
    nlohmann::json& target = document[pointer];
    if (!std::isfinite(value))
        throw Error("parameter path " + m_text + ": value is not a finite number");
    if (target.is_number_integer()) {
        if (value != std::floor(value) || std::fabs(value) > 9007199254740992.0)
            throw Error("parameter path " + m_text + ": takes whole numbers (got " +
                        nlohmann::json(value).dump() + ")");
        if (target.is_number_unsigned() && value >= 0)
            target = static_cast<std::uint64_t>(value);
        else
            target = static_cast<std::int64_t>(value);
    } else {
        target = value;
    }
}

} // namespace plexus::core
