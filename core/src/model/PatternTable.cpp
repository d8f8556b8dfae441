#include "plexus/core/model/PatternTable.h"

#include "plexus/core/base/Error.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <zlib.h>

namespace plexus::core {

namespace {

/// The cells of `line` as numbers; false when one is not a finite number.
bool parseRow(const std::string& line, std::vector<double>& out) {
    out.clear();
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = line.find(',', start);
        const std::size_t stop = comma == std::string::npos ? line.size() : comma;
        std::size_t a = start, b = stop;
        while (a < b && (line[a] == ' ' || line[a] == '\t'))
            ++a;
        while (b > a && (line[b - 1] == ' ' || line[b - 1] == '\t'))
            --b;
        double v = 0.0;
        const char* first = line.data() + a;
        const char* last = line.data() + b;
        if (a < b && *first == '+')
            ++first;
        const auto [ptr, ec] = std::from_chars(first, last, v);
        if (a == b || ec != std::errc() || ptr != last || !std::isfinite(v))
            return false;
        out.push_back(v);
        if (comma == std::string::npos)
            return true;
        start = comma + 1;
    }
}

} // namespace

PatternTable PatternTable::read(const std::filesystem::path& path) {
    const std::string name = path.string();
    gzFile file = gzopen(name.c_str(), "rb");
    if (!file)
        throw Error(name + ": cannot be opened");
    PatternTable table;
    std::string line;
    std::vector<double> cells;
    std::size_t lineNo = 0;
    char buffer[8192];
    bool done = false;
    std::string error;
    while (!done && error.empty()) {
        line.clear();
        // One line, however long, in pieces of the buffer.
        while (true) {
            if (!gzgets(file, buffer, sizeof(buffer))) {
                int code = 0;
                gzerror(file, &code);
                if (code != Z_OK && code != Z_STREAM_END)
                    error = name + ": cannot be read (corrupt compressed data?)";
                done = true;
                break;
            }
            line += buffer;
            if (!line.empty() && line.back() == '\n')
                break;
        }
        if (line.empty())
            break;
        ++lineNo;
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
            line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos)
            continue;
        if (!parseRow(line, cells)) {
            if (lineNo == 1)
                continue; // header
            error = name + ":" + std::to_string(lineNo) + ": expected comma-separated numbers";
            break;
        }
        if (table.m_rows == 0) {
            table.m_columns = cells.size();
        } else if (cells.size() != table.m_columns) {
            error = name + ":" + std::to_string(lineNo) + ": " + std::to_string(cells.size()) +
                    " columns, the first row has " + std::to_string(table.m_columns);
            break;
        }
        table.m_values.insert(table.m_values.end(), cells.begin(), cells.end());
        ++table.m_rows;
    }
    gzclose(file);
    if (!error.empty())
        throw Error(error);
    if (table.m_rows == 0)
        throw Error(name + ": no rows of numbers");
    return table;
}

double PatternTable::maxValue(std::size_t skip) const {
    double best = -std::numeric_limits<double>::infinity();
    for (std::size_t r = 0; r < m_rows; ++r)
        for (std::size_t c = 0; c < m_columns; ++c)
            if (c != skip)
                best = std::max(best, at(r, c));
    return best;
}

} // namespace plexus::core
