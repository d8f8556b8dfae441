#pragma once

// Private helper of the electrode, montage and vessel readers: a text file split into numbered
// lines, with tokenising and number parsing whose errors name "file:line".

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace plexus::geometry::detail {

/// A text file held in memory, split into lines (numbered from 1; "\r\n" accepted).
class TextLines {
public:
    /// The whole text of @p path; throws core::Error naming it when it cannot be read.
    static std::string readText(const std::filesystem::path& path);
    /// Writes @p text to @p path (replacing it); throws core::Error naming it on failure.
    static void writeText(const std::filesystem::path& path, const std::string& text);
    /// Reads @p path; throws core::Error naming it when it cannot be read.
    static TextLines readFile(const std::filesystem::path& path);
    /// Splits @p text; @p sourceName names it in error messages.
    TextLines(std::string text, std::string sourceName);

    /// Number of lines.
    std::size_t size() const { return m_lines.size(); }
    /// Line @p index (0-based) without its line break.
    std::string_view line(std::size_t index) const { return m_lines[index]; }
    /// The name used in error messages.
    const std::string& sourceName() const { return m_name; }
    /// "name:line: " for line @p index (0-based).
    std::string where(std::size_t index) const;
    /// Throws core::Error "name:line: message".
    [[noreturn]] void fail(std::size_t index, const std::string& message) const;

    /// Whitespace-separated tokens of @p line.
    static std::vector<std::string_view> tokens(std::string_view line);
    /// Comma-separated fields of @p line (RFC 4180 quotes: "a,b" and "" inside quotes), trimmed
    /// of surrounding blanks; throws on an unterminated quote.
    std::vector<std::string> csvFields(std::size_t index) const;
    /// @p line without leading and trailing blanks.
    static std::string_view trim(std::string_view line);
    /// @p text in lower case (ASCII).
    static std::string lower(std::string_view text);
    /// True when CSV header @p field is @p bare or @p bare + "_mm", case-insensitively
    /// ("x", "X_mm").
    static bool isMmColumn(std::string_view field, std::string_view bare);

    /// @p token as a finite double; throws "name:line: invalid <what> 'token'" otherwise.
    double number(std::size_t index, std::string_view token, std::string_view what) const;
    /// @p token as an integer; throws "name:line: invalid <what> 'token'" otherwise.
    long long integer(std::size_t index, std::string_view token, std::string_view what) const;

    /// A CSV field: quoted when it holds a comma, a quote or surrounding blanks.
    static std::string csvQuote(std::string_view field);
    /// Shortest decimal text of @p value that reads back to the same double.
    static std::string formatNumber(double value);

private:
    std::string m_text;
    std::string m_name;
    std::vector<std::string_view> m_lines;
};

} // namespace plexus::geometry::detail
