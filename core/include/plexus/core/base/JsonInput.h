#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace plexus::core {

/**
 * @brief The one way JSON from outside (project files, the clipboard, run folders, run
 * archives) is read.
 *
 * Before nlohmann's parser sees the text, a scan refuses what would later crash or silently
 * change the document:
 * - nesting deeper than maxDepth levels (copying, printing and dumping a JSON value recurse
 *   once per level; 10^5 levels overflow the stack);
 * - integers that do not fit in 64 bits (the parser would turn them into rounded floating-point
 *   numbers, and saving would write other digits than the user's);
 * - numbers beyond the range of a double (`1e999`).
 *
 * Every problem, including malformed JSON, throws Error with one line that starts with the
 * origin and, where the place is known, the line and column (counted in characters from 1):
 * `cuba.json: line 3, column 12: nesting deeper than 256 levels`.
 */
class JsonInput {
public:
    /// Deepest nesting of arrays and objects accepted.
    static constexpr int maxDepth = 256;

    /// Parse @p text; @p origin (a file name, "clipboard") starts every error message.
    static nlohmann::json parse(std::string_view text, const std::string& origin);
    /// Read and parse the file @p path (errors start with the path).
    static nlohmann::json read(const std::filesystem::path& path);
    /// The whole file @p path as text; throws Error naming it when it cannot be read.
    static std::string readText(const std::filesystem::path& path);
};

} // namespace plexus::core
