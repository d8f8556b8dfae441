#include "plexus/geometry/probes/ElectrodeCsv.h"

#include "geometry/io/TextLines.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/base/FileReadGuard.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>

namespace plexus::geometry {

using detail::TextLines;

std::string ElectrodeCsv::toCsv(const std::vector<ElectrodeArray>& arrays) {
    std::string out = "name,contact,x_mm,y_mm,z_mm\n";
    for (const ElectrodeArray& array : arrays) {
        for (const ElectrodeArray::Contact& c : array.contacts()) {
            out += TextLines::csvQuote(array.name());
            out += ',';
            out += TextLines::csvQuote(c.label);
            for (int k = 0; k < 3; ++k) {
                out += ',';
                out += TextLines::formatNumber(c.position[k]);
            }
            out += '\n';
        }
    }
    return out;
}

void ElectrodeCsv::write(const std::filesystem::path& path,
                         const std::vector<ElectrodeArray>& arrays) {
    TextLines::writeText(path, toCsv(arrays));
}

std::vector<ElectrodeArray> ElectrodeCsv::fromCsv(std::string_view text,
                                                  const std::string& sourceName) {
    const detail::TextLines lines{std::string(text), sourceName};
    std::vector<ElectrodeArray> arrays;
    std::map<std::string, std::size_t> byName;
    bool headerSeen = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string_view raw = detail::TextLines::trim(lines.line(i));
        if (raw.empty() || raw.front() == '#') {
            continue;
        }
        const std::vector<std::string> f = lines.csvFields(i);
        if (!headerSeen) {
            if (f.size() < 5 || TextLines::lower(f[0]) != "name" ||
                TextLines::lower(f[1]) != "contact" || !TextLines::isMmColumn(f[2], "x") ||
                !TextLines::isMmColumn(f[3], "y") || !TextLines::isMmColumn(f[4], "z")) {
                lines.fail(i, "expected the header 'name,contact,x_mm,y_mm,z_mm'");
            }
            headerSeen = true;
            continue;
        }
        if (f.size() < 5) {
            lines.fail(i, "expected 5 fields (name, contact, x, y, z), found " +
                              std::to_string(f.size()));
        }
        if (f[0].empty()) {
            lines.fail(i, "empty electrode name");
        }
        if (f[1].empty()) {
            lines.fail(i, "empty contact label");
        }
        Eigen::Vector3d p;
        p.x() = lines.number(i, f[2], "x coordinate");
        p.y() = lines.number(i, f[3], "y coordinate");
        p.z() = lines.number(i, f[4], "z coordinate");
        auto it = byName.find(f[0]);
        if (it == byName.end()) {
            it = byName.emplace(f[0], arrays.size()).first;
            arrays.emplace_back(f[0], ElectrodeArray::Type::Custom);
        }
        ElectrodeArray& array = arrays[it->second];
        if (array.indexOf(f[1]) >= 0) {
            lines.fail(i, "electrode '" + f[0] + "' lists contact '" + f[1] + "' twice");
        }
        array.addContact({f[1], p, -1});
    }
    if (!headerSeen) {
        throw core::Error(sourceName + ": no header line 'name,contact,x_mm,y_mm,z_mm'");
    }
    for (ElectrodeArray& a : arrays) {
        if (a.contactCount() == 1) {
            ElectrodeArray single(a.name(), ElectrodeArray::Type::Point);
            single.addContact(a.contact(0));
            a = std::move(single);
        }
    }
    return arrays;
}

std::vector<ElectrodeArray> ElectrodeCsv::read(const std::filesystem::path& path) {
    return core::FileReadGuard::run(
        path.string(), [&] { return fromCsv(detail::TextLines::readText(path), path.string()); });
}

} // namespace plexus::geometry
