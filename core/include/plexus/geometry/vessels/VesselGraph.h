#pragma once

#include "plexus/geometry/probes/ElectrodeArray.h"

#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace plexus::geometry {

/**
 * @brief Blood vessels as a graph: nodes at 3D positions (mm) joined by straight cylindrical
 * segments (edges) with a radius (mm).
 *
 * Each edge is modelled as a capsule (the set of points within its radius of the segment), so
 * the distance from a point to the vessel wall is the point-to-segment distance minus the
 * radius (negative inside the vessel). The graph is the union of its capsules.
 *
 * CSV files (millimetres; headers required, column names case-insensitive, extra columns
 * ignored, blank lines and '#' lines skipped):
 * - nodes: `id,x_mm,y_mm,z_mm` (or `id,x,y,z`); ids are unique integers in any order;
 * - edges: `from,to,radius_mm` (or `radius`); from/to are node ids, radius > 0.
 * Errors name "file:line". Writing numbers the nodes 0..n-1.
 */
class VesselGraph {
public:
    /// A vessel segment between two nodes.
    struct Edge {
        std::int32_t from = 0;
        std::int32_t to = 0;
        double radiusMm = 0.0;
    };

    /// The nearest vessel to a query.
    struct Nearest {
        /// Distance to the vessel wall (mm): axis distance minus radius; negative inside;
        /// +infinity when the graph has no edges.
        double distance = std::numeric_limits<double>::infinity();
        std::int64_t edge = -1;                            ///< nearest edge, -1 if none
        Eigen::Vector3d onAxis = Eigen::Vector3d::Zero();  ///< closest point on its axis
        Eigen::Vector3d onQuery = Eigen::Vector3d::Zero(); ///< closest point of the query
    };

    /// A point closer to a vessel wall than the margin.
    struct Violation {
        std::int64_t point = 0; ///< row of the queried points
        std::int64_t edge = 0;  ///< nearest edge
        double distance = 0.0;  ///< wall distance (mm), < margin
    };

    /// An electrode contact or shank closer to a vessel wall than the margin.
    struct ElectrodeViolation {
        int array = 0;         ///< index into the arrays passed
        int contact = -1;      ///< contact index, or -1 for a shank
        int shank = -1;        ///< shank index when contact is -1
        std::int64_t edge = 0; ///< nearest edge
        double distance = 0.0; ///< wall distance (mm), < margin
    };

    /// Adds a node at @p positionMm and returns its index; throws core::Error when not finite.
    std::int32_t addNode(const Eigen::Vector3d& positionMm);
    /// Adds an edge and returns its index; throws core::Error for unknown nodes, a loop
    /// (from == to) or a radius that is not positive and finite.
    std::int64_t addEdge(std::int32_t from, std::int32_t to, double radiusMm);

    /// Number of nodes.
    std::int64_t nodeCount() const { return static_cast<std::int64_t>(m_nodes.size()); }
    /// Number of edges.
    std::int64_t edgeCount() const { return static_cast<std::int64_t>(m_edges.size()); }
    /// Node positions (mm).
    const std::vector<Eigen::Vector3d>& nodes() const { return m_nodes; }
    /// Edges.
    const std::vector<Edge>& edges() const { return m_edges; }
    /// Number of edges meeting at each node.
    std::vector<int> degrees() const;
    /// Axis-aligned bounds of the capsules: (min x, max x, min y, max y, min z, max z).
    std::array<double, 6> bounds() const;

    /// Wall distance from @p p to the nearest vessel (see Nearest).
    Nearest nearestToPoint(const Eigen::Vector3d& p) const;
    /// nearestToPoint(p).distance.
    double distanceToSurface(const Eigen::Vector3d& p) const { return nearestToPoint(p).distance; }
    /// Wall distance from the segment [@p a, @p b] (e.g. an electrode track) to the nearest
    /// vessel.
    Nearest nearestToSegment(const Eigen::Vector3d& a, const Eigen::Vector3d& b) const;

    /// Every row of @p points (mm) whose wall distance is below @p marginMm, with its nearest
    /// edge, in row order.
    std::vector<Violation> violations(const Eigen::MatrixX3d& points, double marginMm) const;
    /**
     * @brief Every contact (and, with @p includeShanks, every shank) of @p arrays whose wall
     * distance is below @p marginMm; ordered by array, then contacts, then shanks.
     */
    std::vector<ElectrodeViolation> violations(const std::vector<ElectrodeArray>& arrays,
                                               double marginMm, bool includeShanks = true) const;

    /// Parses nodes and edges CSV texts (@p nodesName / @p edgesName name them in errors).
    static VesselGraph fromCsv(std::string_view nodesText, const std::string& nodesName,
                               std::string_view edgesText, const std::string& edgesName);
    /// Reads the two CSV files.
    static VesselGraph readCsv(const std::filesystem::path& nodesPath,
                               const std::filesystem::path& edgesPath);
    /// The nodes CSV text.
    std::string nodesCsv() const;
    /// The edges CSV text.
    std::string edgesCsv() const;
    /// Writes the two CSV files; throws core::Error naming a file that cannot be written.
    void writeCsv(const std::filesystem::path& nodesPath,
                  const std::filesystem::path& edgesPath) const;

private:
    std::vector<Eigen::Vector3d> m_nodes;
    std::vector<Edge> m_edges;
    std::vector<Eigen::Vector3d> m_boxLo; // per edge: capsule bounds
    std::vector<Eigen::Vector3d> m_boxHi;
};

} // namespace plexus::geometry
