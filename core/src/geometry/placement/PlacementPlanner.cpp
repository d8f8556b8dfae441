#include "plexus/geometry/placement/PlacementPlanner.h"

#include "plexus/core/base/Error.h"
#include "plexus/geometry/surface/VertexLocator.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <numbers>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace plexus::geometry {

namespace {

/// Tracks must clear the margin by this much (mm) so that rounding in the independent check
/// (point vs segment distance) cannot flag a planned site.
constexpr double kClearance = 1e-9;

Eigen::Vector3d tipOf(const Eigen::Vector3d& entry, const Eigen::Vector3d& outward, double depth) {
    return entry - depth * outward;
}

void require(bool ok, const std::string& message) {
    if (!ok) {
        throw core::Error("placement planner: " + message);
    }
}

std::vector<std::int64_t> unique(const std::vector<std::int64_t>& in) {
    std::vector<std::int64_t> out;
    std::unordered_set<std::int64_t> seen;
    for (const std::int64_t v : in) {
        if (seen.insert(v).second) {
            out.push_back(v);
        }
    }
    return out;
}

} // namespace

PlacementPlanner::PlacementPlanner(const SurfaceMesh& mesh,
                                   std::vector<std::int64_t> targetVertices,
                                   const VesselGraph& vessels, const Options& options)
    : PlacementPlanner(mesh, std::move(targetVertices), vessels, options, std::nullopt,
                       VisualTarget{}) {}

PlacementPlanner::PlacementPlanner(const SurfaceMesh& mesh,
                                   std::vector<std::int64_t> targetVertices,
                                   const VesselGraph& vessels, const Options& options,
                                   std::optional<RetinotopicMap> map,
                                   const VisualTarget& visualTarget)
    : m_mesh(mesh)
    , m_targets(unique(targetVertices))
    , m_vessels(vessels)
    , m_options(options)
    , m_map(std::move(map))
    , m_visual(visualTarget) {
    const Options& o = m_options;
    require(mesh.hasNormals(), "the mesh has no normals");
    require(!m_targets.empty(), "the target region has no vertices");
    for (const std::vector<std::int64_t>* list :
         {&std::as_const(m_targets), &o.candidateVertices}) {
        for (const std::int64_t v : *list) {
            require(v >= 0 && v < mesh.vertexCount(),
                    "vertex " + std::to_string(v) + " is not in the mesh (" +
                        std::to_string(mesh.vertexCount()) + " vertices)");
        }
    }
    require(o.maxSites >= 1, "maxSites must be at least 1");
    require(!std::isnan(o.maxTotalInsertionMm) && o.maxTotalInsertionMm >= 0.0,
            "maxTotalInsertionMm must be >= 0");
    require(std::isfinite(o.coverageRadiusMm) && o.coverageRadiusMm > 0.0,
            "coverageRadiusMm must be positive");
    require(std::isfinite(o.vesselMarginMm) && o.vesselMarginMm >= 0.0,
            "vesselMarginMm must be >= 0");
    require(std::isfinite(o.minDepthMm) && std::isfinite(o.maxDepthMm) &&
                std::isfinite(o.preferredDepthMm) && o.minDepthMm >= 0.0 &&
                o.minDepthMm <= o.maxDepthMm,
            "depth limits must satisfy 0 <= minDepthMm <= maxDepthMm");
    require(std::isfinite(o.minSeparationMm) && o.minSeparationMm >= 0.0,
            "minSeparationMm must be >= 0");
    require(o.maxPasses >= 0, "maxPasses must be >= 0");
    require(o.objective != Objective::Phosphene || m_map.has_value(),
            "the phosphene objective needs a retinotopic map");
    if (m_map) {
        require(m_visual.centreDeg.allFinite() && std::isfinite(m_visual.radiusDeg) &&
                    m_visual.radiusDeg > 0.0 && m_visual.samples >= 1,
                "the visual target needs a finite centre, a positive radius and samples >= 1");
        const double h = m_visual.radiusDeg * std::sqrt(std::numbers::pi / m_visual.samples);
        const int n = static_cast<int>(std::ceil(m_visual.radiusDeg / h));
        for (int j = -n; j <= n; ++j) {
            for (int i = -n; i <= n; ++i) {
                const Eigen::Vector2d d(i * h, j * h);
                if (d.norm() <= m_visual.radiusDeg) {
                    m_samples.push_back(m_visual.centreDeg + d);
                }
            }
        }
    }
    const std::vector<std::int64_t> candidates =
        unique(o.candidateVertices.empty() ? m_targets : o.candidateVertices);
    m_candidates.reserve(candidates.size());
    for (const std::int64_t v : candidates) {
        m_candidates.push_back(makeCandidate(v));
    }
    m_itemCount =
        static_cast<int>(o.objective == Objective::Coverage ? m_targets.size() : m_samples.size());
}

double PlacementPlanner::plannedDepth(std::int64_t vertex) const {
    const Options& o = m_options;
    if (vertex < 0 || vertex >= m_mesh.vertexCount()) {
        return -1.0;
    }
    const Eigen::Vector3d n = m_mesh.normals().row(vertex).cast<double>().transpose();
    if (!(n.norm() > 0.5)) {
        return -1.0;
    }
    double maxDepth = o.maxDepthMm;
    if (const Eigen::VectorXf* thickness = m_mesh.scalar(SurfaceMesh::kThickness)) {
        maxDepth = std::min(maxDepth, static_cast<double>((*thickness)[vertex]));
    }
    if (!(maxDepth >= o.minDepthMm)) {
        return -1.0;
    }
    const double wanted = std::clamp(o.preferredDepthMm, o.minDepthMm, maxDepth);
    if (m_vessels.edgeCount() == 0) {
        return wanted;
    }
    const Eigen::Vector3d entry = m_mesh.vertices().row(vertex).cast<double>().transpose();
    const double need = o.vesselMarginMm + kClearance;
    const auto safe = [&](double depth) {
        return m_vessels.nearestToSegment(entry, tipOf(entry, n, depth)).distance >= need;
    };
    if (safe(wanted)) {
        return wanted;
    }
    if (!safe(0.0)) {
        return -1.0;
    }
    // The track distance never grows with depth: bisect for the deepest safe depth.
    double lo = 0.0;
    double hi = wanted;
    for (int k = 0; k < 60 && hi - lo > 1e-9; ++k) {
        const double mid = 0.5 * (lo + hi);
        (safe(mid) ? lo : hi) = mid;
    }
    return lo >= o.minDepthMm ? lo : -1.0;
}

PlacementPlanner::Candidate PlacementPlanner::makeCandidate(std::int64_t vertex) const {
    const Options& o = m_options;
    Candidate c;
    c.vertex = vertex;
    const double depth = plannedDepth(vertex);
    c.feasible = depth >= 0.0;
    const Eigen::Vector3d n = m_mesh.normals().row(vertex).cast<double>().transpose();
    c.site.vertex = vertex;
    c.site.entry = m_mesh.vertices().row(vertex).cast<double>().transpose();
    c.site.depthMm =
        c.feasible ? depth : std::clamp(o.preferredDepthMm, o.minDepthMm, o.maxDepthMm);
    c.site.contact = tipOf(c.site.entry, n, c.site.depthMm);
    const double r2 = o.coverageRadiusMm * o.coverageRadiusMm;
    for (std::size_t t = 0; t < m_targets.size(); ++t) {
        const Eigen::Vector3d x = m_mesh.vertices().row(m_targets[t]).cast<double>().transpose();
        if ((x - c.site.entry).squaredNorm() <= r2) {
            c.coverItems.push_back(static_cast<std::int32_t>(t));
        }
    }
    if (m_map) {
        c.site.visualDeg = m_map->visualField(c.site.contact);
        c.site.phospheneRadiusDeg = m_map->phospheneRadius(c.site.visualDeg.norm());
        for (std::size_t s = 0; s < m_samples.size(); ++s) {
            if ((m_samples[s] - c.site.visualDeg).norm() <= c.site.phospheneRadiusDeg) {
                c.phospheneItems.push_back(static_cast<std::int32_t>(s));
            }
        }
    }
    return c;
}

const std::vector<std::int32_t>& PlacementPlanner::items(const Candidate& c) const {
    return m_options.objective == Objective::Coverage ? c.coverItems : c.phospheneItems;
}

PlacementPlanner::Layout PlacementPlanner::finish(std::vector<Site> sites) const {
    Layout layout;
    layout.sites = std::move(sites);
    const double r2 = m_options.coverageRadiusMm * m_options.coverageRadiusMm;
    int covered = 0;
    for (const std::int64_t t : m_targets) {
        const Eigen::Vector3d x = m_mesh.vertices().row(t).cast<double>().transpose();
        for (const Site& s : layout.sites) {
            if ((x - s.entry).squaredNorm() <= r2) {
                ++covered;
                break;
            }
        }
    }
    layout.coverage = static_cast<double>(covered) / static_cast<double>(m_targets.size());
    if (m_map && !m_samples.empty()) {
        int inside = 0;
        double error = 0.0;
        for (const Eigen::Vector2d& p : m_samples) {
            double nearest = std::numeric_limits<double>::infinity();
            bool in = false;
            for (const Site& s : layout.sites) {
                const double d = (p - s.visualDeg).norm();
                in = in || d <= s.phospheneRadiusDeg;
                nearest = std::min(nearest, std::max(0.0, d - s.phospheneRadiusDeg));
            }
            inside += in ? 1 : 0;
            error += nearest;
        }
        layout.phospheneCoverage =
            static_cast<double>(inside) / static_cast<double>(m_samples.size());
        layout.perceptErrorDeg = error / static_cast<double>(m_samples.size());
    }
    for (const Site& s : layout.sites) {
        layout.totalInsertionMm += s.depthMm;
    }
    layout.violations =
        m_vessels.violations({toElectrodeArray(layout, "plan")}, m_options.vesselMarginMm, true);
    return layout;
}

double PlacementPlanner::objectiveOf(const std::vector<int>& chosen) const {
    if (m_itemCount == 0) {
        return 0.0;
    }
    std::vector<char> hit(static_cast<std::size_t>(m_itemCount), 0);
    int count = 0;
    for (const int c : chosen) {
        for (const std::int32_t it : items(m_candidates[static_cast<std::size_t>(c)])) {
            if (!hit[static_cast<std::size_t>(it)]) {
                hit[static_cast<std::size_t>(it)] = 1;
                ++count;
            }
        }
    }
    return static_cast<double>(count) / m_itemCount;
}

std::vector<int> PlacementPlanner::improve(std::vector<int> chosen) const {
    const Options& o = m_options;
    const int nc = static_cast<int>(m_candidates.size());
    const auto cand = [&](int c) -> const Candidate& {
        return m_candidates[static_cast<std::size_t>(c)];
    };
    std::vector<int> count(static_cast<std::size_t>(m_itemCount), 0);
    std::vector<char> inChosen(static_cast<std::size_t>(nc), 0);
    double total = 0.0;
    for (const int c : chosen) {
        inChosen[static_cast<std::size_t>(c)] = 1;
        total += cand(c).site.depthMm;
        for (const std::int32_t it : items(cand(c))) {
            ++count[static_cast<std::size_t>(it)];
        }
    }
    const double sep2 = o.minSeparationMm * o.minSeparationMm;
    // May candidate c join the chosen sites when site `excluded` (-1: none) leaves?
    const auto allowed = [&](int c, int excluded) {
        const Candidate& k = cand(c);
        if (!k.feasible || inChosen[static_cast<std::size_t>(c)]) {
            return false;
        }
        const double leaving = excluded >= 0 ? cand(excluded).site.depthMm : 0.0;
        if (total - leaving + k.site.depthMm > o.maxTotalInsertionMm * (1.0 + 1e-12)) {
            return false;
        }
        if (sep2 > 0.0) {
            for (const int j : chosen) {
                if (j != excluded && (cand(j).site.entry - k.site.entry).squaredNorm() < sep2) {
                    return false;
                }
            }
        }
        return true;
    };
    const auto add = [&](int c) {
        chosen.push_back(c);
        inChosen[static_cast<std::size_t>(c)] = 1;
        total += cand(c).site.depthMm;
        for (const std::int32_t it : items(cand(c))) {
            ++count[static_cast<std::size_t>(it)];
        }
    };
    const auto fill = [&] {
        bool added = false;
        while (static_cast<int>(chosen.size()) < o.maxSites) {
            int best = -1;
            int bestGain = 0;
            for (int c = 0; c < nc; ++c) {
                if (!allowed(c, -1)) {
                    continue;
                }
                int gain = 0;
                for (const std::int32_t it : items(cand(c))) {
                    gain += count[static_cast<std::size_t>(it)] == 0 ? 1 : 0;
                }
                if (gain > bestGain) {
                    bestGain = gain;
                    best = c;
                }
            }
            if (best < 0) {
                break;
            }
            add(best);
            added = true;
        }
        return added;
    };
    fill();
    std::vector<int> stamp(static_cast<std::size_t>(m_itemCount), -1);
    for (int pass = 0; pass < o.maxPasses; ++pass) {
        bool improved = false;
        for (std::size_t i = 0; i < chosen.size(); ++i) {
            const int s = chosen[i];
            int loss = 0;
            for (const std::int32_t it : items(cand(s))) {
                stamp[static_cast<std::size_t>(it)] = s;
                loss += count[static_cast<std::size_t>(it)] == 1 ? 1 : 0;
            }
            int best = -1;
            int bestDelta = 0;
            for (int c = 0; c < nc; ++c) {
                if (c == s || !allowed(c, s)) {
                    continue;
                }
                int gain = 0;
                for (const std::int32_t it : items(cand(c))) {
                    const int k = count[static_cast<std::size_t>(it)];
                    gain +=
                        (k == 0 || (k == 1 && stamp[static_cast<std::size_t>(it)] == s)) ? 1 : 0;
                }
                if (gain - loss > bestDelta) {
                    bestDelta = gain - loss;
                    best = c;
                }
            }
            for (const std::int32_t it : items(cand(s))) {
                stamp[static_cast<std::size_t>(it)] = -1;
            }
            if (best >= 0) {
                for (const std::int32_t it : items(cand(s))) {
                    --count[static_cast<std::size_t>(it)];
                }
                inChosen[static_cast<std::size_t>(s)] = 0;
                total -= cand(s).site.depthMm;
                for (const std::int32_t it : items(cand(best))) {
                    ++count[static_cast<std::size_t>(it)];
                }
                inChosen[static_cast<std::size_t>(best)] = 1;
                total += cand(best).site.depthMm;
                chosen[i] = best;
                improved = true;
            }
        }
        improved = fill() || improved;
        if (!improved) {
            break;
        }
    }
    return chosen;
}

PlacementPlanner::Layout PlacementPlanner::baseline() const {
    const Options& o = m_options;
    const auto nt = static_cast<Eigen::Index>(m_targets.size());
    Eigen::MatrixX3d p(nt, 3);
    for (Eigen::Index t = 0; t < nt; ++t) {
        p.row(t) = m_mesh.vertices().row(m_targets[static_cast<std::size_t>(t)]).cast<double>();
    }
    const Eigen::RowVector3d mean = p.colwise().mean();
    const Eigen::MatrixX3d centred = p.rowwise() - mean;
    const Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> eig(centred.transpose() * centred);
    Eigen::Vector3d e1 = eig.eigenvectors().col(2);
    Eigen::Vector3d e2 = eig.eigenvectors().col(1);
    for (Eigen::Vector3d* e : {&e1, &e2}) {
        Eigen::Index k = 0;
        e->cwiseAbs().maxCoeff(&k);
        if ((*e)[k] < 0.0) {
            *e = -*e;
        }
    }
    const auto project = [&](const Eigen::Vector3d& x) {
        const Eigen::Vector3d d = x - mean.transpose();
        return Eigen::Vector2d(d.dot(e1), d.dot(e2));
    };
    SurfaceMesh::Vertices targets2(nt, 3);
    Eigen::Vector2d lo = Eigen::Vector2d::Constant(std::numeric_limits<double>::infinity());
    Eigen::Vector2d hi = -lo;
    for (Eigen::Index t = 0; t < nt; ++t) {
        const Eigen::Vector2d q = project(p.row(t).transpose());
        targets2.row(t) << static_cast<float>(q.x()), static_cast<float>(q.y()), 0.0f;
        lo = lo.cwiseMin(q);
        hi = hi.cwiseMax(q);
    }
    const auto nc = static_cast<Eigen::Index>(m_candidates.size());
    SurfaceMesh::Vertices candidates2(nc, 3);
    for (Eigen::Index c = 0; c < nc; ++c) {
        const Eigen::Vector2d q = project(m_candidates[static_cast<std::size_t>(c)].site.entry);
        candidates2.row(c) << static_cast<float>(q.x()), static_cast<float>(q.y()), 0.0f;
    }
    const VertexLocator targetLocator(targets2);
    const VertexLocator candidateLocator(candidates2);
    const Eigen::Vector2d mid = 0.5 * (lo + hi);
    const double extent = std::max({hi.x() - lo.x(), hi.y() - lo.y(), 1e-6});
    const double slack = m_mesh.triangleCount() > 0 ? 0.5 * m_mesh.meanEdgeLength() : 0.0;

    struct Grid {
        double spacing = 0.0;
        int nodes = 0;
        std::vector<int> sites; // candidate indices, distinct, node order
    };
    // A square grid of spacing s centred on the target's bounding rectangle; the nodes
    // within half a spacing of a target vertex are inside the target.
    const auto gridAt = [&](double s) {
        Grid g;
        g.spacing = s;
        const int nx = static_cast<int>(std::floor((hi.x() - lo.x()) / s + 1e-9)) + 1;
        const int ny = static_cast<int>(std::floor((hi.y() - lo.y()) / s + 1e-9)) + 1;
        std::unordered_set<int> used;
        for (int j = 0; j < ny; ++j) {
            for (int i = 0; i < nx; ++i) {
                const Eigen::Vector3f node(static_cast<float>(mid.x() + (i - 0.5 * (nx - 1)) * s),
                                           static_cast<float>(mid.y() + (j - 0.5 * (ny - 1)) * s),
                                           0.0f);
                const auto inside = targetLocator.nearest(node);
                if (!inside || inside->distance > 0.5 * s + slack) {
                    continue;
                }
                ++g.nodes;
                const auto snap = candidateLocator.nearest(node);
                if (snap && used.insert(static_cast<int>(snap->index)).second) {
                    g.sites.push_back(static_cast<int>(snap->index));
                }
            }
        }
        return g;
    };
    // The smallest spacing (on a geometric scan) with at most maxSites nodes in the target.
    Grid best = gridAt(2.0 * extent + 1.0);
    const double smallest = extent / (4.0 * (std::sqrt(static_cast<double>(o.maxSites)) + 1.0));
    for (double s = 2.0 * extent; s >= smallest; s *= 0.98) {
        Grid g = gridAt(s);
        if (g.nodes <= o.maxSites) {
            best = std::move(g);
        } else if (g.nodes > 4 * o.maxSites) {
            break;
        }
    }

    // Repair: keep, move or drop each grid site so that every constraint holds.
    const double sep2 = o.minSeparationMm * o.minSeparationMm;
    std::vector<int> chosen;
    double total = 0.0;
    const auto allowed = [&](int c) {
        const Candidate& k = m_candidates[static_cast<std::size_t>(c)];
        if (!k.feasible || std::find(chosen.begin(), chosen.end(), c) != chosen.end() ||
            total + k.site.depthMm > o.maxTotalInsertionMm * (1.0 + 1e-12)) {
            return false;
        }
        for (const int j : chosen) {
            if ((m_candidates[static_cast<std::size_t>(j)].site.entry - k.site.entry)
                    .squaredNorm() < sep2) {
                return false;
            }
        }
        return true;
    };
    Layout layout;
    for (const int c : best.sites) {
        int pick = allowed(c) ? c : -1;
        if (pick < 0) {
            const Eigen::Vector3d origin = m_candidates[static_cast<std::size_t>(c)].site.entry;
            double bestD = 0.5 * best.spacing;
            for (int k = 0; k < static_cast<int>(nc); ++k) {
                const double d =
                    (m_candidates[static_cast<std::size_t>(k)].site.entry - origin).norm();
                if (d <= bestD && allowed(k)) {
                    bestD = d;
                    pick = k;
                }
            }
            ++(pick >= 0 ? layout.movedSites : layout.droppedSites);
        }
        if (pick >= 0) {
            chosen.push_back(pick);
            total += m_candidates[static_cast<std::size_t>(pick)].site.depthMm;
        }
    }
    std::vector<Site> sites;
    for (const int c : chosen) {
        sites.push_back(m_candidates[static_cast<std::size_t>(c)].site);
    }
    Layout out = finish(std::move(sites));
    out.movedSites = layout.movedSites;
    out.droppedSites = layout.droppedSites;
    out.gridNodes = best.nodes;
    out.gridSpacingMm = best.spacing;
    return out;
}

PlacementPlanner::Layout PlacementPlanner::optimise() const {
    return optimiseFrom(m_options.seedWithBaseline ? baseline() : Layout{});
}

PlacementPlanner::Layout PlacementPlanner::optimiseFrom(const Layout& base) const {
    const std::vector<int> fromScratch = improve({});
    if (!m_options.seedWithBaseline) {
        std::vector<Site> sites;
        for (const int c : fromScratch) {
            sites.push_back(m_candidates[static_cast<std::size_t>(c)].site);
        }
        return finish(std::move(sites));
    }
    std::vector<int> seeded;
    std::unordered_map<std::int64_t, int> index;
    for (std::size_t c = 0; c < m_candidates.size(); ++c) {
        index.emplace(m_candidates[c].vertex, static_cast<int>(c));
    }
    for (const Site& s : base.sites) {
        seeded.push_back(index.at(s.vertex));
    }
    seeded = improve(std::move(seeded));
    const std::vector<int>& chosen =
        objectiveOf(seeded) > objectiveOf(fromScratch) ? seeded : fromScratch;
    std::vector<Site> sites;
    for (const int c : chosen) {
        sites.push_back(m_candidates[static_cast<std::size_t>(c)].site);
    }
    return finish(std::move(sites));
}

PlacementPlanner::Result PlacementPlanner::plan() const {
    Result result;
    result.baseline = baseline();
    result.optimised = optimiseFrom(result.baseline);
    return result;
}

PlacementPlanner::Layout
PlacementPlanner::evaluate(const std::vector<std::int64_t>& vertices) const {
    std::vector<Site> sites;
    for (const std::int64_t v : vertices) {
        require(v >= 0 && v < m_mesh.vertexCount(),
                "vertex " + std::to_string(v) + " is not in the mesh");
        sites.push_back(makeCandidate(v).site);
    }
    return finish(std::move(sites));
}

ElectrodeArray PlacementPlanner::toElectrodeArray(const Layout& layout, const std::string& name) {
    ElectrodeArray array(name, ElectrodeArray::Type::Thread);
    for (std::size_t i = 0; i < layout.sites.size(); ++i) {
        const Site& s = layout.sites[i];
        const int shank = array.addShank({s.entry, s.contact});
        std::string label(1, 's');
        label += std::to_string(i);
        array.addContact({std::move(label), s.contact, shank});
    }
    return array;
}

} // namespace plexus::geometry
