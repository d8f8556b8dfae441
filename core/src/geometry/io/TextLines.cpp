#include "TextLines.h"

#include "plexus/core/base/Error.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

namespace plexus::geometry::detail {

namespace {

bool isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

} // namespace

TextLines TextLines::readFile(const std::filesystem::path& path) {
    return TextLines(readText(path), path.string());
}

std::string TextLines::readText(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        throw core::Error(path.string() + ": is a directory, not a file");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw core::Error(path.string() + ": cannot open file");
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) {
        throw core::Error(path.string() + ": cannot read file");
    }
    return buffer.str();
}

TextLines::TextLines(std::string text, std::string sourceName)
    : m_text(std::move(text))
    , m_name(std::move(sourceName)) {
    std::string_view all(m_text);
    // A UTF-8 byte order mark is not part of the first line.
    if (all.substr(0, 3) == "\xEF\xBB\xBF") {
        all.remove_prefix(3);
    }
    std::size_t pos = 0;
    while (pos < all.size()) {
        std::size_t end = all.find('\n', pos);
        if (end == std::string_view::npos) {
            end = all.size();
        }
        std::string_view line = all.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        m_lines.push_back(line);
        pos = end + 1;
    }
}

std::string TextLines::where(std::size_t index) const {
    return m_name + ":" + std::to_string(index + 1) + ": ";
}

void TextLines::fail(std::size_t index, const std::string& message) const {
    throw core::Error(where(index) + message);
}

std::vector<std::string_view> TextLines::tokens(std::string_view line) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && isBlank(line[i])) {
            ++i;
        }
        const std::size_t start = i;
        while (i < line.size() && !isBlank(line[i])) {
            ++i;
        }
        if (i > start) {
            out.push_back(line.substr(start, i - start));
        }
    }
    return out;
}

std::string_view TextLines::trim(std::string_view line) {
    while (!line.empty() && isBlank(line.front())) {
        line.remove_prefix(1);
    }
    while (!line.empty() && isBlank(line.back())) {
        line.remove_suffix(1);
    }
    return line;
}

void TextLines::writeText(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) {
        throw core::Error(path.string() + ": cannot open file for writing");
    }
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) {
        throw core::Error(path.string() + ": cannot write file");
    }
}

std::string TextLines::lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool TextLines::isMmColumn(std::string_view field, std::string_view bare) {
    const std::string f = lower(field);
    return f == bare || f == std::string(bare) + "_mm";
}

std::vector<std::string> TextLines::csvFields(std::size_t index) const {
    const std::string_view text = line(index);
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false;
    bool wasQuoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
        } else if (c == '"' && trim(field).empty()) {
            quoted = true;
            wasQuoted = true;
            field.clear();
        } else if (c == ',') {
            fields.push_back(wasQuoted ? field : std::string(trim(field)));
            field.clear();
            wasQuoted = false;
        } else if (!wasQuoted || !isBlank(c)) {
            field += c;
        }
    }
    if (quoted) {
        fail(index, "unterminated quoted field");
    }
    fields.push_back(wasQuoted ? field : std::string(trim(field)));
    return fields;
}

double TextLines::number(std::size_t index, std::string_view token, std::string_view what) const {
    std::string_view t = trim(token);
    if (!t.empty() && t.front() == '+') {
        t.remove_prefix(1);
    }
    double value = 0.0;
    const auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (t.empty() || ec != std::errc() || p != t.data() + t.size() || !std::isfinite(value)) {
        fail(index, "invalid " + std::string(what) + " '" + std::string(token) + "'");
    }
    return value;
}

long long TextLines::integer(std::size_t index, std::string_view token,
                             std::string_view what) const {
    std::string_view t = trim(token);
    if (!t.empty() && t.front() == '+') {
        t.remove_prefix(1);
    }
    long long value = 0;
    const auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (t.empty() || ec != std::errc() || p != t.data() + t.size()) {
        fail(index, "invalid " + std::string(what) + " '" + std::string(token) + "'");
    }
    return value;
}

std::string TextLines::csvQuote(std::string_view field) {
    const bool needs = field.find_first_of(",\"\n\r") != std::string_view::npos ||
                       (!field.empty() && (isBlank(field.front()) || isBlank(field.back())));
    if (!needs) {
        return std::string(field);
    }
    std::string out = "\"";
    for (const char c : field) {
        if (c == '"') {
            out += '"';
        }
        out += c;
    }
    out += '"';
    return out;
}

std::string TextLines::formatNumber(double value) {
    char buffer[64];
    const auto [p, ec] = std::to_chars(buffer, buffer + sizeof(buffer), value);
    return ec == std::errc() ? std::string(buffer, p) : std::string("nan");
}

} // namespace plexus::geometry::detail
