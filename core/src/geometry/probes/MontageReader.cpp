#include "plexus/geometry/probes/MontageReader.h"

#include "geometry/io/TextLines.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/base/FileReadGuard.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numbers>
#include <string>
#include <unordered_map>

namespace plexus::geometry {

namespace {

using detail::TextLines;

enum class Landmark { None, Nasion, Lpa, Rpa };

Landmark landmarkOf(std::string_view label) {
    const std::string l = TextLines::lower(label);
    if (l == "nz" || l == "nasion" || l == "fidnz") {
        return Landmark::Nasion;
    }
    if (l == "lpa" || l == "fidt9") {
        return Landmark::Lpa;
    }
    if (l == "rpa" || l == "fidt10") {
        return Landmark::Rpa;
    }
    return Landmark::None;
}

/// Collects points with their source lines, then fills a montage (checking duplicates).
class Collector {
public:
    explicit Collector(const TextLines& lines)
        : m_lines(lines) {}

    void add(std::size_t line, std::string label, const Eigen::Vector3d& p) {
        const auto [first, inserted] = m_lineOfLabel.emplace(label, line);
        if (!inserted) {
            m_lines.fail(line, "label '" + label + "' already given on line " +
                                   std::to_string(first->second + 1));
        }
        m_items.push_back({line, std::move(label), p});
    }

    std::size_t size() const { return m_items.size(); }

    /// Multiplies every point by @p factor.
    void scale(double factor) {
        for (Item& item : m_items) {
            item.p *= factor;
        }
    }

    /// Median distance of every point from the origin.
    double medianRadius() const {
        std::vector<double> r;
        for (const Item& item : m_items) {
            r.push_back(item.p.norm());
        }
        std::sort(r.begin(), r.end());
        const std::size_t n = r.size();
        if (n == 0) {
            return 0.0;
        }
        return n % 2 == 1 ? r[n / 2] : 0.5 * (r[n / 2 - 1] + r[n / 2]);
    }

    void scaleToRadius(double radiusMm) {
        const double median = medianRadius();
        if (!(median > 0.0)) {
            throw core::Error(m_lines.sourceName() + ": every point is at the origin");
        }
        scale(radiusMm / median);
    }

    EegMontage montage() const {
        EegMontage m;
        for (const Item& item : m_items) {
            switch (landmarkOf(item.label)) {
            case Landmark::Nasion:
                m.fiducials().nasion = item.p;
                break;
            case Landmark::Lpa:
                m.fiducials().lpa = item.p;
                break;
            case Landmark::Rpa:
                m.fiducials().rpa = item.p;
                break;
            case Landmark::None:
                m.addChannel(item.label, item.p);
                break;
            }
        }
        if (m.channelCount() == 0) {
            throw core::Error(m_lines.sourceName() + ": no electrode positions");
        }
        return m;
    }

private:
    struct Item {
        std::size_t line;
        std::string label;
        Eigen::Vector3d p;
    };
    const TextLines& m_lines;
    std::vector<Item> m_items;
    std::unordered_map<std::string, std::size_t> m_lineOfLabel; ///< label -> its first line
};

bool skippable(std::string_view line) {
    const std::string_view t = TextLines::trim(line);
    return t.empty() || t.front() == '#';
}

void checkRadius(const MontageReader::Options& options, const std::string& source) {
    if (!std::isfinite(options.headRadiusMm) || options.headRadiusMm <= 0.0) {
        throw core::Error(source + ": head radius must be positive");
    }
}

} // namespace

MontageReader::Format MontageReader::detect(const std::filesystem::path& path) {
    const std::string ext = TextLines::lower(path.extension().string());
    if (ext == ".elc") {
        return Format::Elc;
    }
    if (ext == ".sfp") {
        return Format::Sfp;
    }
    if (ext == ".txt") {
        return Format::ThetaPhiTxt;
    }
    if (ext == ".csd") {
        return Format::Csd;
    }
    return Format::Unknown;
}

std::vector<std::string> MontageReader::readablePatterns() {
    return {"*.elc", "*.sfp", "*.txt", "*.csd"};
}

EegMontage MontageReader::read(const std::filesystem::path& path) {
    return read(path, Options{});
}

namespace {

/// MontageReader::read() without the out-of-memory guard.
EegMontage readMontage(const std::filesystem::path& path, const MontageReader::Options& options) {
    using Format = MontageReader::Format;
    const Format format = MontageReader::detect(path);
    if (format == Format::Unknown) {
        throw core::Error(path.string() +
                          ": unknown EEG montage format (expected .elc, .sfp, .txt or .csd)");
    }
    const std::string text = TextLines::readText(path);
    switch (format) {
    case Format::Elc:
        return MontageReader::parseElc(text, path.string());
    case Format::Sfp:
        return MontageReader::parseSfp(text, path.string(), options);
    case Format::ThetaPhiTxt:
        return MontageReader::parseThetaPhi(text, path.string(), options);
    case Format::Csd:
        return MontageReader::parseCsd(text, path.string(), options);
    case Format::Unknown:
        break;
    }
    return {};
}

} // namespace

EegMontage MontageReader::read(const std::filesystem::path& path, const Options& options) {
    return core::FileReadGuard::run(path.string(), [&] { return readMontage(path, options); });
}

EegMontage MontageReader::parseElc(std::string_view text, const std::string& sourceName) {
    const TextLines lines{std::string(text), sourceName};
    double unitMm = 0.0;
    long long declared = -1;
    std::size_t declaredLine = 0;
    std::size_t i = 0;
    // Header, up to "Positions".
    bool positionsFound = false;
    for (; i < lines.size(); ++i) {
        if (skippable(lines.line(i))) {
            continue;
        }
        const auto t = TextLines::tokens(lines.line(i));
        const std::string key = TextLines::lower(t[0]);
        if (key == "unitposition") {
            if (t.size() < 2) {
                lines.fail(i, "UnitPosition needs a unit");
            }
            const std::string unit = TextLines::lower(t[1]);
            if (unit == "mm") {
                unitMm = 1.0;
            } else if (unit == "cm") {
                unitMm = 10.0;
            } else if (unit == "m") {
                unitMm = 1000.0;
            } else {
                lines.fail(i, "unknown unit '" + std::string(t[1]) + "' (expected mm, cm or m)");
            }
        } else if (key == "numberpositions=" || key == "numberpositions") {
            if (t.size() < 2) {
                lines.fail(i, "NumberPositions needs a count");
            }
            declared = lines.integer(i, t[1], "number of positions");
            if (declared < 1) {
                lines.fail(i, "NumberPositions must be positive");
            }
            declaredLine = i;
        } else if (key == "positions") {
            positionsFound = true;
            ++i;
            break;
        }
    }
    if (!positionsFound) {
        throw core::Error(sourceName + ": no 'Positions' section (is this an ASA .elc file?)");
    }
    if (unitMm == 0.0) {
        throw core::Error(sourceName + ": no 'UnitPosition' line before 'Positions'");
    }
    struct Row {
        std::size_t line;
        std::string label;
        Eigen::Vector3d p;
    };
    std::vector<Row> rows;
    bool labelsFound = false;
    for (; i < lines.size(); ++i) {
        if (skippable(lines.line(i))) {
            continue;
        }
        std::string_view body = lines.line(i);
        std::string label;
        const std::size_t colon = body.find(':');
        if (colon != std::string_view::npos) {
            label = std::string(TextLines::trim(body.substr(0, colon)));
            body = body.substr(colon + 1);
        }
        const auto t = TextLines::tokens(body);
        if (colon == std::string_view::npos && t.size() == 1 &&
            TextLines::lower(t[0]) == "labels") {
            labelsFound = true;
            ++i;
            break;
        }
        if (t.size() != 3) {
            lines.fail(i, "expected three coordinates 'x y z', found " + std::to_string(t.size()) +
                              " fields");
        }
        Eigen::Vector3d p(lines.number(i, t[0], "x coordinate"),
                          lines.number(i, t[1], "y coordinate"),
                          lines.number(i, t[2], "z coordinate"));
        rows.push_back({i, label, p * unitMm});
    }
    if (declared >= 0 && static_cast<long long>(rows.size()) != declared) {
        lines.fail(declaredLine, "NumberPositions says " + std::to_string(declared) + " but " +
                                     std::to_string(rows.size()) + " positions follow");
    }
    std::size_t next = 0;
    while (next < rows.size() && !rows[next].label.empty()) {
        ++next;
    }
    if (next < rows.size()) {
        if (!labelsFound) {
            throw core::Error(sourceName + ": no 'Labels' section after the positions");
        }
        for (; i < lines.size() && next < rows.size(); ++i) {
            if (skippable(lines.line(i))) {
                continue;
            }
            for (const std::string_view label : TextLines::tokens(lines.line(i))) {
                if (next == rows.size()) {
                    lines.fail(i,
                               "more labels than positions (" + std::to_string(rows.size()) + ")");
                }
                rows[next++].label = std::string(label);
                while (next < rows.size() && !rows[next].label.empty()) {
                    ++next;
                }
            }
        }
        if (next < rows.size()) {
            throw core::Error(sourceName + ": " + std::to_string(rows.size()) +
                              " positions but only " + std::to_string(next) + " labels");
        }
    }
    Collector collector(lines);
    for (Row& row : rows) {
        collector.add(row.line, std::move(row.label), row.p);
    }
    return collector.montage();
}

EegMontage MontageReader::parseSfp(std::string_view text, const std::string& sourceName,
                                   const Options& options) {
    checkRadius(options, sourceName);
    const TextLines lines{std::string(text), sourceName};
    Collector collector(lines);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (skippable(lines.line(i))) {
            continue;
        }
        const auto t = TextLines::tokens(lines.line(i));
        if (t.size() != 4) {
            lines.fail(i, "expected 'label x y z', found " + std::to_string(t.size()) + " fields");
        }
        const Eigen::Vector3d p(lines.number(i, t[1], "x coordinate"),
                                lines.number(i, t[2], "y coordinate"),
                                lines.number(i, t[3], "z coordinate"));
        if (TextLines::lower(t[0]) == "headshape") {
            continue;
        }
        collector.add(i, std::string(t[0]), p);
    }
    if (collector.size() == 0) {
        throw core::Error(sourceName + ": no electrode positions");
    }
    collector.scaleToRadius(options.headRadiusMm);
    return collector.montage();
}

EegMontage MontageReader::parseThetaPhi(std::string_view text, const std::string& sourceName,
                                        const Options& options) {
    checkRadius(options, sourceName);
    const TextLines lines{std::string(text), sourceName};
    Collector collector(lines);
    bool header = false;
    const double toRad = std::numbers::pi / 180.0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (skippable(lines.line(i))) {
            continue;
        }
        const auto t = TextLines::tokens(lines.line(i));
        if (!header) {
            if (t.size() != 3 || TextLines::lower(t[1]) != "theta" ||
                TextLines::lower(t[2]) != "phi") {
                lines.fail(i, "expected the header '<label> Theta Phi'");
            }
            header = true;
            continue;
        }
        if (t.size() != 3) {
            lines.fail(i,
                       "expected 'label theta phi', found " + std::to_string(t.size()) + " fields");
        }
        const double theta = lines.number(i, t[1], "theta") * toRad;
        const double phi = lines.number(i, t[2], "phi") * toRad;
        const double r = options.headRadiusMm;
        collector.add(i, std::string(t[0]),
                      Eigen::Vector3d(r * std::sin(theta) * std::cos(phi),
                                      r * std::sin(theta) * std::sin(phi), r * std::cos(theta)));
    }
    if (!header) {
        throw core::Error(sourceName + ": empty file (expected the header '<label> Theta Phi')");
    }
    return collector.montage();
}

EegMontage MontageReader::parseCsd(std::string_view text, const std::string& sourceName,
                                   const Options& options) {
    checkRadius(options, sourceName);
    const TextLines lines{std::string(text), sourceName};
    Collector collector(lines);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string_view t0 = TextLines::trim(lines.line(i));
        if (t0.empty() || t0.substr(0, 2) == "//") {
            continue;
        }
        const auto t = TextLines::tokens(lines.line(i));
        if (t.size() != 8) {
            lines.fail(i, "expected 'label theta phi radius x y z off', found " +
                              std::to_string(t.size()) + " fields");
        }
        for (std::size_t k = 1; k < 8; ++k) {
            lines.number(i, t[k], "number");
        }
        collector.add(i, std::string(t[0]),
                      Eigen::Vector3d(lines.number(i, t[4], "x coordinate"),
                                      lines.number(i, t[5], "y coordinate"),
                                      lines.number(i, t[6], "z coordinate")));
    }
    if (collector.size() == 0) {
        throw core::Error(sourceName + ": no electrode positions");
    }
    collector.scaleToRadius(options.headRadiusMm);
    return collector.montage();
}

} // namespace plexus::geometry
