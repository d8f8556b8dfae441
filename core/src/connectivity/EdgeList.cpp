#include "plexus/core/connectivity/EdgeList.h"

#include "plexus/core/base/Error.h"
#include "plexus/core/base/FileReadGuard.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>

namespace plexus::core {

namespace {

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos)
        return {};
    const auto last = s.find_last_not_of(" \t");
    return s.substr(first, last - first + 1);
}

std::vector<std::string> splitFields(const std::string& line) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    while (true) {
        const auto comma = line.find(',', start);
        fields.push_back(trimmed(line.substr(start, comma - start)));
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    return fields;
}

bool parseIndex(const std::string& text, std::int64_t& out) {
    if (text.empty())
        return false;
    char* end = nullptr;
    errno = 0;
    const long long v = std::strtoll(text.c_str(), &end, 10);
    if (*end != '\0' || errno == ERANGE)
        return false;
    out = v;
    return true;
}

bool parseNumber(const std::string& text, double& out) {
    if (text.empty())
        return false;
    char* end = nullptr;
    out = std::strtod(text.c_str(), &end);
    return *end == '\0';
}

/// EdgeList::read() without the out-of-memory guard.
EdgeList readEdges(const std::filesystem::path& file, const std::string& where) {
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec))
        throw Error(file.string() + ": is a folder, expected an edge file (CSV)");
    std::ifstream in(file);
    if (!in)
        throw Error(where + ": cannot read edge file " + file.string());
    EdgeList edges;
    std::string line;
    std::size_t lineNo = 0;
    std::size_t columns = 0;
    std::size_t columnsLine = 0;
    bool seenContent = false;
    const std::string place = (where.empty() ? std::string() : where + ": ") + file.string();
    auto fail = [&](const std::string& what) {
        throw Error(place + ": line " + std::to_string(lineNo) + ": " + what);
    };
    while (std::getline(in, line)) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        const std::string text = trimmed(line);
        if (text.empty() || text[0] == '#')
            continue;
        const std::vector<std::string> fields = splitFields(text);
        std::int64_t source = 0;
        std::int64_t target = 0;
        const bool firstIsNumber = parseIndex(fields[0], source);
        if (!seenContent && !firstIsNumber) {
            seenContent = true;
            continue; // header
        }
        seenContent = true;
        if (fields.size() < 2 || fields.size() > 4)
            fail("expected source,target[,weight[,delay_ms]] (got \"" + text + "\")");
        if (columns == 0) {
            columns = fields.size();
            columnsLine = lineNo;
        } else if (fields.size() != columns) {
            fail("has " + std::to_string(fields.size()) + " columns, line " +
                 std::to_string(columnsLine) + " has " + std::to_string(columns));
        }
        if (!firstIsNumber)
            fail("source must be a whole number (got \"" + fields[0] + "\")");
        if (!parseIndex(fields[1], target))
            fail("target must be a whole number (got \"" + fields[1] + "\")");
        if (source < 0 || target < 0)
            fail("neuron indices must be >= 0");
        edges.sources.push_back(source);
        edges.targets.push_back(target);
        edges.lines.push_back(lineNo);
        if (columns >= 3) {
            double w = 0.0;
            if (!parseNumber(fields[2], w) || !std::isfinite(w))
                fail("weight must be a finite number (got \"" + fields[2] + "\")");
            edges.weights.push_back(w);
        }
        if (columns == 4) {
            double d = 0.0;
            if (!parseNumber(fields[3], d) || !std::isfinite(d) || d < 0)
                fail("delay_ms must be a number >= 0 (got \"" + fields[3] + "\")");
            edges.delaysMs.push_back(d);
        }
    }
    if (in.bad())
        throw Error(place + ": read error");
    return edges;
}

} // namespace

EdgeList EdgeList::read(const std::filesystem::path& file, const std::string& where) {
    return FileReadGuard::run(file.string(), [&] { return readEdges(file, where); });
}

} // namespace plexus::core
