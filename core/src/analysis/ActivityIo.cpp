#include "plexus/analysis/ActivityIo.h"

#include "plexus/analysis/NpyFile.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/base/MatrixCsv.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>

namespace plexus::analysis {

namespace {

std::string trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos)
        return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    std::string out(s.substr(b, e - b + 1));
    if (out.size() >= 2 && out.front() == '"' && out.back() == '"')
        out = out.substr(1, out.size() - 2);
    return out;
}

std::vector<std::string> splitCsv(const std::string& line) {
    std::vector<std::string> cells;
    std::size_t pos = 0;
    while (true) {
        const auto comma = line.find(',', pos);
        cells.push_back(trim(std::string_view(line).substr(
            pos, comma == std::string::npos ? std::string::npos : comma - pos)));
        if (comma == std::string::npos)
            break;
        pos = comma + 1;
    }
    return cells;
}

std::optional<double> parseDouble(const std::string& text) {
    if (text.empty())
        return std::nullopt;
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    if (*begin == '+')
        ++begin;
    double v = 0.0;
    const auto [ptr, ec] = std::from_chars(begin, end, v);
    if (ec != std::errc() || ptr != end)
        return std::nullopt;
    return v;
}

/// Default name of unit u: "u<index>".
std::string defaultUnitName(std::size_t u) {
    std::string name = "u";
    name += std::to_string(u);
    return name;
}

bool isBlank(const std::string& line) {
    return line.find_first_not_of(" \t\r\n") == std::string::npos;
}

std::string cellWhere(const std::string& file, std::size_t line, std::size_t column,
                      const std::string& name) {
    return file + ":" + std::to_string(line) + ": column " + std::to_string(column) + " (\"" +
           name + "\")";
}

struct FileCloser {
    void operator()(std::FILE* f) const {
        if (f)
            std::fclose(f);
    }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

File openForWriting(const std::filesystem::path& path) {
    File f(std::fopen(path.c_str(), "w"));
    if (!f)
        throw core::Error(path.string() + ": cannot be written");
    return f;
}

void finish(File& f, const std::filesystem::path& path) {
    if (std::fflush(f.get()) != 0 || std::ferror(f.get()))
        throw core::Error(path.string() + ": write failed");
    f.reset();
}

} // namespace

ActivityMatrix ActivityIo::readCsv(const std::filesystem::path& path) {
    const std::string file = path.string();
    std::ifstream in(path);
    if (!in)
        throw core::Error(file + ": cannot be opened");
    std::string line;
    std::size_t lineNo = 0;
    std::vector<std::string> header;
    while (std::getline(in, line)) {
        ++lineNo;
        if (!isBlank(line)) {
            header = splitCsv(line);
            break;
        }
    }
    if (header.empty())
        throw core::Error(file + ": empty file (expected a header row of unit names)");

    enum class Kind { Unit, Time, Condition, Partition };
    std::vector<Kind> kinds;
    ActivityMatrix m;
    bool hasTime = false, hasCondition = false, hasPartition = false;
    for (std::size_t c = 0; c < header.size(); ++c) {
        const auto& name = header[c];
        if (name.empty())
            throw core::Error(file + ":" + std::to_string(lineNo) + ": column " +
                              std::to_string(c + 1) + " has an empty name");
        Kind k = Kind::Unit;
        bool* flag = nullptr;
        if (name == "time_ms") {
            k = Kind::Time;
            flag = &hasTime;
        } else if (name == "condition") {
            k = Kind::Condition;
            flag = &hasCondition;
        } else if (name == "partition") {
            k = Kind::Partition;
            flag = &hasPartition;
        }
        if (flag) {
            if (*flag)
                throw core::Error(file + ":" + std::to_string(lineNo) + ": column " +
                                  std::to_string(c + 1) + ": duplicate column \"" + name + "\"");
            *flag = true;
        } else {
            m.unitNames.push_back(name);
        }
        kinds.push_back(k);
    }
    if (m.unitNames.empty())
        throw core::Error(file + ":" + std::to_string(lineNo) + ": no unit columns in the header");

    std::vector<double> data;
    std::size_t rows = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (isBlank(line))
            continue;
        const auto cells = splitCsv(line);
        if (cells.size() != header.size())
            throw core::Error(file + ":" + std::to_string(lineNo) + ": expected " +
                              std::to_string(header.size()) + " columns, found " +
                              std::to_string(cells.size()));
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const auto& cell = cells[c];
            if (kinds[c] == Kind::Condition) {
                if (cell.empty())
                    throw core::Error(cellWhere(file, lineNo, c + 1, header[c]) +
                                      ": empty condition label");
                m.conditions.push_back(cell);
                continue;
            }
            if (cell.empty())
                throw core::Error(cellWhere(file, lineNo, c + 1, header[c]) + ": empty cell");
            const auto v = parseDouble(cell);
            if (!v)
                throw core::Error(cellWhere(file, lineNo, c + 1, header[c]) + ": \"" + cell +
                                  "\" is not a number");
            if (!std::isfinite(*v))
                throw core::Error(cellWhere(file, lineNo, c + 1, header[c]) + ": \"" + cell +
                                  "\" is not a finite number");
            if (kinds[c] == Kind::Time) {
                m.timesMs.push_back(*v);
            } else if (kinds[c] == Kind::Partition) {
                if (*v != std::floor(*v) || std::fabs(*v) > 1e9)
                    throw core::Error(cellWhere(file, lineNo, c + 1, header[c]) + ": \"" + cell +
                                      "\" is not an integer");
                m.partitions.push_back(static_cast<int>(*v));
            } else {
                data.push_back(*v);
            }
        }
        ++rows;
    }
    if (rows == 0)
        throw core::Error(file + ": no data rows after the header");
    const auto units = static_cast<Eigen::Index>(m.unitNames.size());
    m.values =
        Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
            data.data(), static_cast<Eigen::Index>(rows), units);
    return m;
}

ActivityMatrix ActivityIo::readNpy(const std::filesystem::path& path) {
    const auto a = NpyFile::read(path);
    const std::string file = path.string();
    ActivityMatrix m;
    std::size_t conditions = 1, samples = 0, units = 0;
    if (a.shape.size() == 2) {
        samples = a.shape[0];
        units = a.shape[1];
    } else if (a.shape.size() == 3) {
        conditions = a.shape[0];
        samples = a.shape[1];
        units = a.shape[2];
    } else {
        throw core::Error(file +
                          ": expected a 2-D (samples x units) or 3-D (conditions x samples "
                          "x units) array, got " +
                          std::to_string(a.shape.size()) + " dimensions");
    }
    if (conditions * samples == 0 || units == 0)
        throw core::Error(file + ": the array is empty");
    const auto rows = static_cast<Eigen::Index>(conditions * samples);
    m.values =
        Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
            a.data.data(), rows, static_cast<Eigen::Index>(units));
    if (!m.values.allFinite())
        throw core::Error(file + ": the array holds NaN or infinite values");
    for (std::size_t u = 0; u < units; ++u)
        m.unitNames.push_back(defaultUnitName(u));
    if (a.shape.size() == 3)
        for (std::size_t c = 0; c < conditions; ++c)
            m.conditions.insert(m.conditions.end(), samples, std::to_string(c));
    return m;
}

ActivityMatrix ActivityIo::read(const std::filesystem::path& path) {
    const auto ext = path.extension().string();
    if (ext == ".csv" || ext == ".CSV")
        return readCsv(path);
    if (ext == ".npy" || ext == ".NPY")
        return readNpy(path);
    throw core::Error(path.string() + ": unknown activity file type (expected .csv or .npy)");
}

void ActivityIo::writeCsv(const ActivityMatrix& a, const std::filesystem::path& path) {
    a.validate(path.string());
    File f = openForWriting(path);
    std::vector<std::string> header;
    if (!a.timesMs.empty())
        header.push_back("time_ms");
    if (!a.conditions.empty())
        header.push_back("condition");
    if (!a.partitions.empty())
        header.push_back("partition");
    for (std::size_t u = 0; u < a.units(); ++u)
        header.push_back(a.unitNames.empty() ? defaultUnitName(u) : a.unitNames[u]);
    for (std::size_t i = 0; i < header.size(); ++i)
        std::fprintf(f.get(), i == 0 ? "%s" : ",%s", header[i].c_str());
    std::fputc('\n', f.get());
    for (std::size_t r = 0; r < a.samples(); ++r) {
        bool first = true;
        auto sep = [&] {
            if (!first)
                std::fputc(',', f.get());
            first = false;
        };
        if (!a.timesMs.empty()) {
            sep();
            core::MatrixCsv::writeValue(f.get(), a.timesMs[r]);
        }
        if (!a.conditions.empty()) {
            sep();
            std::fputs(a.conditions[r].c_str(), f.get());
        }
        if (!a.partitions.empty()) {
            sep();
            std::fprintf(f.get(), "%d", a.partitions[r]);
        }
        for (Eigen::Index u = 0; u < a.values.cols(); ++u) {
            sep();
            core::MatrixCsv::writeValue(f.get(), a.values(static_cast<Eigen::Index>(r), u));
        }
        std::fputc('\n', f.get());
    }
    finish(f, path);
}

void ActivityIo::writeMatrixCsv(const Eigen::MatrixXd& matrix,
                                const std::vector<std::string>& columns,
                                const std::filesystem::path& path,
                                const std::vector<std::string>& rowNames,
                                const std::string& firstHeader) {
    core::MatrixCsv::write(matrix, columns, path, rowNames, firstHeader);
}

Eigen::MatrixXd ActivityIo::readSquareMatrix(const std::filesystem::path& path,
                                             std::vector<std::string>* names) {
    const std::string file = path.string();
    Eigen::MatrixXd m;
    std::vector<std::string> found;
    const auto ext = path.extension().string();
    if (ext == ".npy" || ext == ".NPY") {
        const auto a = NpyFile::read(path);
        if (a.shape.size() != 2 || a.shape[0] != a.shape[1])
            throw core::Error(file + ": expected a square 2-D array");
        const auto n = static_cast<Eigen::Index>(a.shape[0]);
        m = Eigen::Map<
            const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
            a.data.data(), n, n);
    } else {
        std::ifstream in(path);
        if (!in)
            throw core::Error(file + ": cannot be opened");
        std::string line;
        std::size_t lineNo = 0;
        std::vector<std::string> header;
        std::vector<std::vector<double>> rows;
        std::vector<std::string> rowNames;
        while (std::getline(in, line)) {
            ++lineNo;
            if (isBlank(line))
                continue;
            auto cells = splitCsv(line);
            if (rows.empty() && header.empty()) {
                bool numeric = true;
                for (const auto& c : cells)
                    numeric = numeric && parseDouble(c).has_value();
                if (!numeric) {
                    header = cells;
                    continue;
                }
            }
            std::size_t first = 0;
            if (!cells.empty() && !parseDouble(cells[0]).has_value()) {
                rowNames.push_back(cells[0]);
                first = 1;
            }
            std::vector<double> row;
            for (std::size_t c = first; c < cells.size(); ++c) {
                const auto v = parseDouble(cells[c]);
                if (!v || !std::isfinite(*v))
                    throw core::Error(file + ":" + std::to_string(lineNo) + ": column " +
                                      std::to_string(c + 1) + ": \"" + cells[c] +
                                      "\" is not a finite number");
                row.push_back(*v);
            }
            if (!rows.empty() && row.size() != rows.front().size())
                throw core::Error(file + ":" + std::to_string(lineNo) + ": expected " +
                                  std::to_string(rows.front().size()) + " values, found " +
                                  std::to_string(row.size()));
            rows.push_back(std::move(row));
        }
        const auto n = static_cast<Eigen::Index>(rows.size());
        if (n == 0 || static_cast<Eigen::Index>(rows.front().size()) != n)
            throw core::Error(file + ": expected a square matrix (" + std::to_string(n) +
                              " rows of " + std::to_string(rows.empty() ? 0 : rows.front().size()) +
                              " values)");
        m.resize(n, n);
        for (Eigen::Index r = 0; r < n; ++r)
            for (Eigen::Index c = 0; c < n; ++c)
                m(r, c) = rows[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)];
        if (header.size() == static_cast<std::size_t>(n) + 1)
            found.assign(header.begin() + 1, header.end());
        else if (header.size() == static_cast<std::size_t>(n))
            found = header;
        else if (rowNames.size() == static_cast<std::size_t>(n))
            found = rowNames;
    }
    if (names)
        *names = found;
    return m;
}

} // namespace plexus::analysis
