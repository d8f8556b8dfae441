#include "plexus/analysis/ConditionEpochCsv.h"

#include "plexus/core/base/Error.h"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <string>

namespace plexus::analysis {

namespace {

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos)
        return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

bool number(const std::string& text, double& value) {
    const std::string t = trim(text);
    char* end = nullptr;
    value = std::strtod(t.c_str(), &end);
    return !t.empty() && *end == '\0' && std::isfinite(value);
}

} // namespace

std::vector<ConditionEpoch> ConditionEpochCsv::read(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in)
        throw core::Error(path.string() + ": cannot be opened");
    std::vector<ConditionEpoch> out;
    std::string line;
    std::size_t lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (trim(line).empty())
            continue;
        const auto a = line.find(',');
        const auto b = a == std::string::npos ? a : line.find(',', a + 1);
        const std::string where = path.string() + ":" + std::to_string(lineNo);
        ConditionEpoch e;
        const bool numbers = b != std::string::npos && number(line.substr(0, a), e.startMs) &&
                             number(line.substr(a + 1, b - a - 1), e.endMs);
        if (!numbers) {
            if (out.empty() && lineNo == 1)
                continue; // header
            throw core::Error(where + ": expected start_ms,end_ms,label");
        }
        e.name = trim(line.substr(b + 1));
        if (e.name.empty() || e.name.find(',') != std::string::npos)
            throw core::Error(where + ": expected one label without commas after start_ms,end_ms");
        e.check(where);
        out.push_back(e);
    }
    if (out.empty())
        throw core::Error(path.string() + ": no rows start_ms,end_ms,label");
    return out;
}

} // namespace plexus::analysis
