#include "plexus/geometry/vessels/VesselGraph.h"

#include "geometry/io/TextLines.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/base/FileReadGuard.h"
#include "plexus/geometry/vessels/SegmentDistance.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <unordered_map>

namespace plexus::geometry {

namespace {

using detail::TextLines;

/// Distance between two axis-aligned boxes (0 when they overlap).
double boxDistance(const Eigen::Vector3d& lo1, const Eigen::Vector3d& hi1,
                   const Eigen::Vector3d& lo2, const Eigen::Vector3d& hi2) {
    const Eigen::Vector3d gap = (lo2 - hi1).cwiseMax(lo1 - hi2).cwiseMax(Eigen::Vector3d::Zero());
    return gap.norm();
}

bool skippable(std::string_view line) {
    const std::string_view t = TextLines::trim(line);
    return t.empty() || t.front() == '#';
}

} // namespace

std::int32_t VesselGraph::addNode(const Eigen::Vector3d& positionMm) {
    if (!positionMm.allFinite()) {
        throw core::Error("vessel node " + std::to_string(m_nodes.size()) +
                          ": coordinates are not finite");
    }
    m_nodes.push_back(positionMm);
    return static_cast<std::int32_t>(m_nodes.size() - 1);
}

std::int64_t VesselGraph::addEdge(std::int32_t from, std::int32_t to, double radiusMm) {
    const auto n = static_cast<std::int32_t>(m_nodes.size());
    const std::string where = "vessel edge " + std::to_string(m_edges.size()) + ": ";
    if (from < 0 || from >= n || to < 0 || to >= n) {
        throw core::Error(where + "node " + std::to_string(from < 0 || from >= n ? from : to) +
                          " does not exist (" + std::to_string(n) + " nodes)");
    }
    if (from == to) {
        throw core::Error(where + "joins node " + std::to_string(from) + " to itself");
    }
    if (!std::isfinite(radiusMm) || radiusMm <= 0.0) {
        throw core::Error(where + "radius must be positive, got " +
                          TextLines::formatNumber(radiusMm));
    }
    m_edges.push_back({from, to, radiusMm});
    const Eigen::Vector3d& a = m_nodes[static_cast<std::size_t>(from)];
    const Eigen::Vector3d& b = m_nodes[static_cast<std::size_t>(to)];
    m_boxLo.push_back((a.cwiseMin(b).array() - radiusMm).matrix());
    m_boxHi.push_back((a.cwiseMax(b).array() + radiusMm).matrix());
    return static_cast<std::int64_t>(m_edges.size() - 1);
}

std::vector<int> VesselGraph::degrees() const {
    std::vector<int> d(m_nodes.size(), 0);
    for (const Edge& e : m_edges) {
        ++d[static_cast<std::size_t>(e.from)];
        ++d[static_cast<std::size_t>(e.to)];
    }
    return d;
}

std::array<double, 6> VesselGraph::bounds() const {
    if (m_edges.empty() && m_nodes.empty()) {
        return {0, 0, 0, 0, 0, 0};
    }
    Eigen::Vector3d lo = Eigen::Vector3d::Constant(std::numeric_limits<double>::infinity());
    Eigen::Vector3d hi = -lo;
    for (const Eigen::Vector3d& p : m_nodes) {
        lo = lo.cwiseMin(p);
        hi = hi.cwiseMax(p);
    }
    for (std::size_t e = 0; e < m_edges.size(); ++e) {
        lo = lo.cwiseMin(m_boxLo[e]);
        hi = hi.cwiseMax(m_boxHi[e]);
    }
    return {lo.x(), hi.x(), lo.y(), hi.y(), lo.z(), hi.z()};
}

VesselGraph::Nearest VesselGraph::nearestToPoint(const Eigen::Vector3d& p) const {
    Nearest best;
    best.onQuery = p;
    for (std::size_t e = 0; e < m_edges.size(); ++e) {
        // The capsule lies inside its box, so the box distance bounds the wall distance.
        if (boxDistance(p, p, m_boxLo[e], m_boxHi[e]) >= best.distance) {
            continue;
        }
        const Edge& edge = m_edges[e];
        const Eigen::Vector3d& a = m_nodes[static_cast<std::size_t>(edge.from)];
        const Eigen::Vector3d& b = m_nodes[static_cast<std::size_t>(edge.to)];
        double t = 0.0;
        const double d = SegmentDistance::pointToSegment(p, a, b, &t) - edge.radiusMm;
        if (d < best.distance) {
            best.distance = d;
            best.edge = static_cast<std::int64_t>(e);
            best.onAxis = a + t * (b - a);
        }
    }
    return best;
}

VesselGraph::Nearest VesselGraph::nearestToSegment(const Eigen::Vector3d& a,
                                                   const Eigen::Vector3d& b) const {
    Nearest best;
    best.onQuery = a;
    const Eigen::Vector3d lo = a.cwiseMin(b);
    const Eigen::Vector3d hi = a.cwiseMax(b);
    for (std::size_t e = 0; e < m_edges.size(); ++e) {
        if (boxDistance(lo, hi, m_boxLo[e], m_boxHi[e]) >= best.distance) {
            continue;
        }
        const Edge& edge = m_edges[e];
        const SegmentDistance::Result r =
            SegmentDistance::segmentToSegment(a, b, m_nodes[static_cast<std::size_t>(edge.from)],
                                              m_nodes[static_cast<std::size_t>(edge.to)]);
        const double d = r.distance - edge.radiusMm;
        if (d < best.distance) {
            best.distance = d;
            best.edge = static_cast<std::int64_t>(e);
            best.onAxis = r.onSecond;
            best.onQuery = r.onFirst;
        }
    }
    return best;
}

std::vector<VesselGraph::Violation> VesselGraph::violations(const Eigen::MatrixX3d& points,
                                                            double marginMm) const {
    std::vector<Violation> out;
    for (Eigen::Index i = 0; i < points.rows(); ++i) {
        const Nearest n = nearestToPoint(points.row(i).transpose());
        if (n.edge >= 0 && n.distance < marginMm) {
            out.push_back({static_cast<std::int64_t>(i), n.edge, n.distance});
        }
    }
    return out;
}

std::vector<VesselGraph::ElectrodeViolation>
VesselGraph::violations(const std::vector<ElectrodeArray>& arrays, double marginMm,
                        bool includeShanks) const {
    std::vector<ElectrodeViolation> out;
    for (std::size_t a = 0; a < arrays.size(); ++a) {
        const ElectrodeArray& array = arrays[a];
        for (int c = 0; c < array.contactCount(); ++c) {
            const Nearest n = nearestToPoint(array.contact(c).position);
            if (n.edge >= 0 && n.distance < marginMm) {
                out.push_back({static_cast<int>(a), c, -1, n.edge, n.distance});
            }
        }
        if (!includeShanks) {
            continue;
        }
        for (std::size_t s = 0; s < array.shanks().size(); ++s) {
            const ElectrodeArray::Shank& shank = array.shanks()[s];
            const Nearest n = nearestToSegment(shank.entry, shank.tip);
            if (n.edge >= 0 && n.distance < marginMm) {
                out.push_back({static_cast<int>(a), -1, static_cast<int>(s), n.edge, n.distance});
            }
        }
    }
    return out;
}

VesselGraph VesselGraph::fromCsv(std::string_view nodesText, const std::string& nodesName,
                                 std::string_view edgesText, const std::string& edgesName) {
    VesselGraph graph;
    std::unordered_map<long long, std::int32_t> index;
    std::unordered_map<long long, std::size_t> lineOf;
    {
        const TextLines lines{std::string(nodesText), nodesName};
        bool header = false;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (skippable(lines.line(i))) {
                continue;
            }
            const std::vector<std::string> f = lines.csvFields(i);
            if (!header) {
                if (f.size() < 4 || TextLines::lower(f[0]) != "id" ||
                    !TextLines::isMmColumn(f[1], "x") || !TextLines::isMmColumn(f[2], "y") ||
                    !TextLines::isMmColumn(f[3], "z")) {
                    lines.fail(i, "expected the header 'id,x_mm,y_mm,z_mm'");
                }
                header = true;
                continue;
            }
            if (f.size() < 4) {
                lines.fail(i, "expected 4 fields (id, x, y, z), found " + std::to_string(f.size()));
            }
            const long long id = lines.integer(i, f[0], "node id");
            const Eigen::Vector3d p(lines.number(i, f[1], "x coordinate"),
                                    lines.number(i, f[2], "y coordinate"),
                                    lines.number(i, f[3], "z coordinate"));
            if (const auto it = lineOf.find(id); it != lineOf.end()) {
                lines.fail(i, "node id " + std::to_string(id) + " already defined on line " +
                                  std::to_string(it->second + 1));
            }
            lineOf[id] = i;
            index[id] = graph.addNode(p);
        }
        if (!header) {
            throw core::Error(nodesName + ": no header line 'id,x_mm,y_mm,z_mm'");
        }
    }
    const TextLines lines{std::string(edgesText), edgesName};
    bool header = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (skippable(lines.line(i))) {
            continue;
        }
        const std::vector<std::string> f = lines.csvFields(i);
        if (!header) {
            if (f.size() < 3 || TextLines::lower(f[0]) != "from" ||
                TextLines::lower(f[1]) != "to" || !TextLines::isMmColumn(f[2], "radius")) {
                lines.fail(i, "expected the header 'from,to,radius_mm'");
            }
            header = true;
            continue;
        }
        if (f.size() < 3) {
            lines.fail(i,
                       "expected 3 fields (from, to, radius), found " + std::to_string(f.size()));
        }
        const long long from = lines.integer(i, f[0], "node id");
        const long long to = lines.integer(i, f[1], "node id");
        const double radius = lines.number(i, f[2], "radius");
        for (const long long id : {from, to}) {
            if (!index.count(id)) {
                lines.fail(i,
                           "unknown node id " + std::to_string(id) + " (not in " + nodesName + ")");
            }
        }
        if (from == to) {
            lines.fail(i, "edge joins node " + std::to_string(from) + " to itself");
        }
        if (radius <= 0.0) {
            lines.fail(i, "radius must be positive, got " + std::string(f[2]));
        }
        graph.addEdge(index[from], index[to], radius);
    }
    if (!header) {
        throw core::Error(edgesName + ": no header line 'from,to,radius_mm'");
    }
    return graph;
}

VesselGraph VesselGraph::readCsv(const std::filesystem::path& nodesPath,
                                 const std::filesystem::path& edgesPath) {
    // Out of memory is blamed on the larger of the two files.
    const std::string larger =
        core::FileReadGuard::fileSize(edgesPath) > core::FileReadGuard::fileSize(nodesPath)
            ? edgesPath.string()
            : nodesPath.string();
    return core::FileReadGuard::run(larger, [&] {
        return fromCsv(TextLines::readText(nodesPath), nodesPath.string(),
                       TextLines::readText(edgesPath), edgesPath.string());
    });
}

std::string VesselGraph::nodesCsv() const {
    std::string out = "id,x_mm,y_mm,z_mm\n";
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        out += std::to_string(i);
        for (int k = 0; k < 3; ++k) {
            out += ',';
            out += TextLines::formatNumber(m_nodes[i][k]);
        }
        out += '\n';
    }
    return out;
}

std::string VesselGraph::edgesCsv() const {
    std::string out = "from,to,radius_mm\n";
    for (const Edge& e : m_edges) {
        out += std::to_string(e.from) + ',' + std::to_string(e.to) + ',' +
               TextLines::formatNumber(e.radiusMm) + '\n';
    }
    return out;
}

void VesselGraph::writeCsv(const std::filesystem::path& nodesPath,
                           const std::filesystem::path& edgesPath) const {
    TextLines::writeText(nodesPath, nodesCsv());
    TextLines::writeText(edgesPath, edgesCsv());
}

} // namespace plexus::geometry
