#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace plexus::core {

/**
 * @brief A place in a project document that holds one number, e.g. a model parameter.
 *
 * Two spellings are accepted:
 * - dotted names, with name lookup in arrays of named objects:
 *   `populations.E.params.tau_m`, `projections.E->E.weight`, `projections.EE.connectivity.p`,
 *   `stimuli.drive.params.rate_hz`, `simulation.seed`;
 * - a JSON pointer (RFC 6901, starting with `/`): `/populations/0/params/tau_m`.
 *
 * In both, an array element is found by its `name` or by its index. The path must end at a
 * number that the document already holds (every field a project file writes is there after
 * ProjectIo::toJson()). Every failure throws Error with one line naming the path, the segment
 * that is wrong and the valid names at that place.
 */
class ParameterPath {
public:
    /// Parse `text` (dotted or JSON pointer). Throws Error for an empty path or segment.
    static ParameterPath parse(const std::string& text);

    /// The path as written.
    const std::string& text() const { return m_text; }
    /// The JSON pointer of the number this path names in `document` (names resolved to
    /// indices). Throws Error when a segment names nothing or the path does not end at a number.
    nlohmann::json::json_pointer resolve(const nlohmann::json& document) const;
    /// Set the number at this path in `document` to `value`. An integer field takes only
    /// integral values (stored as integers). Throws Error as resolve() does, or when `value`
    /// does not fit the field.
    void apply(nlohmann::json& document, double value) const;

private:
    std::string m_text;
    std::vector<std::string> m_segments;
};

} // namespace plexus::core
