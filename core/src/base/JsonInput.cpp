#include "plexus/core/base/JsonInput.h"

#include "plexus/core/base/Error.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <fstream>
#include <new>
#include <sstream>
#include <system_error>

namespace plexus::core {

namespace {

/// Longest excerpt of a number or a parser message quoted in an error.
constexpr std::size_t kQuoteLimit = 160;

/// "line L, column C" of byte @p offset of @p text (columns count characters, not bytes).
std::string placeOf(std::string_view text, std::size_t offset) {
    std::size_t line = 1;
    std::size_t column = 1;
    offset = std::min(offset, text.size());
    for (std::size_t i = 0; i < offset; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++line;
            column = 1;
        } else if ((c & 0xC0) != 0x80) { // not a UTF-8 continuation byte
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

/// @p text, shortened to its beginning and its length when it is very long.
std::string shortened(std::string_view text) {
    if (text.size() <= kQuoteLimit)
        return std::string(text);
    return std::string(text.substr(0, 40)) + "... (" + std::to_string(text.size()) + " characters)";
}

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

bool isNumberChar(char c) {
    return isDigit(c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

/// True when @p token is a number as JSON writes it: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
bool isJsonNumber(std::string_view token) {
    std::size_t i = 0;
    const std::size_t n = token.size();
    auto digits = [&] {
        const std::size_t start = i;
        while (i < n && isDigit(token[i]))
            ++i;
        return i > start;
    };
    if (i < n && token[i] == '-')
        ++i;
    if (i < n && token[i] == '0')
        ++i;
    else if (!digits())
        return false;
    if (i < n && token[i] == '.') {
        ++i;
        if (!digits())
            return false;
    }
    if (i < n && (token[i] == 'e' || token[i] == 'E')) {
        ++i;
        if (i < n && (token[i] == '+' || token[i] == '-'))
            ++i;
        if (!digits())
            return false;
    }
    return i == n;
}

/// Decimal exponent of the leading digit of a floating-point @p token (1e3 and 1234.5: 3),
/// saturated far beyond the range of a double. Only called for tokens that are not zero.
long long decimalExponent(std::string_view token) {
    std::size_t i = token.front() == '-' ? 1 : 0;
    const std::size_t mark = token.find_first_of("eE");
    const std::string_view mantissa =
        token.substr(i, (mark == std::string_view::npos ? token.size() : mark) - i);
    const std::size_t point = std::min(mantissa.find('.'), mantissa.size());
    const std::size_t first = mantissa.find_first_of("123456789");
    if (first == std::string_view::npos)
        return 0;
    long long exponent = first < point ? static_cast<long long>(point - first) - 1
                                       : -static_cast<long long>(first - point);
    if (mark != std::string_view::npos) {
        std::size_t k = mark + 1;
        const bool negative = token[k] == '-';
        if (token[k] == '+' || token[k] == '-')
            ++k;
        long long written = 0;
        for (; k < token.size(); ++k)
            written = std::min<long long>(written * 10 + (token[k] - '0'), 1'000'000'000);
        exponent += negative ? -written : written;
    }
    return exponent;
}

/// The reason @p token (a JSON number) cannot be read faithfully, or "" when it can.
std::string numberProblem(std::string_view token) {
    const char* first = token.data();
    const char* last = token.data() + token.size();
    if (token.find_first_of(".eE") == std::string_view::npos) {
        // Integers: nlohmann keeps 64-bit ones exactly and rounds longer ones to a double.
        std::errc ec{};
        if (token.front() == '-') {
            std::int64_t value = 0;
            ec = std::from_chars(first, last, value).ec;
        } else {
            std::uint64_t value = 0;
            ec = std::from_chars(first, last, value).ec;
        }
        if (ec == std::errc::result_out_of_range)
            return "integer " + shortened(token) +
                   " is out of range (integers must lie in [-9223372036854775808, "
                   "18446744073709551615])";
        return {};
    }
    double value = 0.0;
    const auto result = std::from_chars(first, last, value);
    // Out of range is either beyond the largest double or below the smallest (read as 0).
    if (result.ec == std::errc::result_out_of_range && decimalExponent(token) > 0)
        return "number " + shortened(token) + " is out of range (beyond +-1.8e308)";
    return {};
}

/// Refuses nesting deeper than JsonInput::maxDepth and numbers the parser would not keep
/// as written. Strings are skipped; anything malformed is left to the parser.
void scan(std::string_view text, const std::string& origin) {
    auto fail = [&](std::size_t offset, const std::string& what) {
        throw Error(origin + ": " + placeOf(text, offset) + ": " + what);
    };
    int depth = 0;
    const std::size_t n = text.size();
    for (std::size_t i = 0; i < n; ++i) {
        const char c = text[i];
        if (c == '"') {
            for (++i; i < n && text[i] != '"'; ++i)
                if (text[i] == '\\')
                    ++i;
        } else if (c == '[' || c == '{') {
            if (++depth > JsonInput::maxDepth)
                fail(i, "nesting deeper than " + std::to_string(JsonInput::maxDepth) +
                            " levels of lists and objects");
        } else if (c == ']' || c == '}') {
            depth = std::max(0, depth - 1);
        } else if (c == '-' || isDigit(c)) {
            std::size_t end = i;
            while (end < n && isNumberChar(text[end]))
                ++end;
            const std::string_view token = text.substr(i, end - i);
            if (isJsonNumber(token))
                if (const std::string problem = numberProblem(token); !problem.empty())
                    fail(i, problem);
            i = end - 1;
        }
    }
}

/// The parser's message without its "[json.exception...]" prefix and position, shortened.
std::string parserMessage(const std::string& what) {
    std::string message = what;
    if (const auto pos = message.find("syntax error"); pos != std::string::npos)
        message = message.substr(pos);
    else if (const auto close = message.find("] "); close != std::string::npos)
        message = message.substr(close + 2);
    std::replace(message.begin(), message.end(), '\n', ' ');
    if (message.size() > kQuoteLimit)
        message = message.substr(0, kQuoteLimit) + "...";
    return message;
}

} // namespace

nlohmann::json JsonInput::parse(std::string_view text, const std::string& origin) {
    try {
        scan(text, origin);
        return nlohmann::json::parse(text.begin(), text.end());
    } catch (const Error&) {
        throw;
    } catch (const nlohmann::json::parse_error& e) {
        const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
        throw Error(origin + ": " + placeOf(text, offset) + ": malformed JSON (" +
                    parserMessage(e.what()) + ")");
    } catch (const std::bad_alloc&) {
        throw Error(origin + ": out of memory while reading the JSON document");
    } catch (const std::exception& e) {
        throw Error(origin + ": malformed JSON (" + parserMessage(e.what()) + ")");
    }
}

std::string JsonInput::readText(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw Error(path.string() + ": no such file");
    if (std::filesystem::is_directory(path, ec))
        throw Error(path.string() + ": is a directory, not a file");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path.string() + ": cannot be opened for reading");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad())
        throw Error(path.string() + ": read error");
    return text.str();
}

nlohmann::json JsonInput::read(const std::filesystem::path& path) {
    return parse(readText(path), path.string());
}

} // namespace plexus::core
