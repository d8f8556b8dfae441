#include "plexus/core/connectivity/ConnectivityBuilder.h"

#include "ConnectivityRuleBuilders.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/base/RandomStream.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>

namespace plexus::core {

namespace {

constexpr std::uint64_t kRowStream = 0x524f57;    // "ROW"
constexpr std::uint64_t kColumnStream = 0x434f4c; // "COL"

/// A count parameter (a whole number >= 0, checked from the table) that may not exceed `limit`.
std::size_t count(const ConnectivityRule::Request& request, const char* key, std::size_t limit) {
    const double k = request.param(key);
    if (k > static_cast<double>(limit)) {
        std::ostringstream msg;
        msg << request.where << "." << key << ": " << k << " exceeds the " << limit
            << " candidates available";
        throw Error(msg.str());
    }
    return static_cast<std::size_t>(k);
}

/// k distinct values from [0, n) excluding `skip` (or none when skip < 0), ascending.
/// `marks` is a zeroed scratch array of size n, left zeroed.
void sampleDistinct(RandomStream& rng, std::size_t n, std::size_t k, std::int64_t skip,
                    std::vector<char>& marks, std::vector<std::int32_t>& out) {
    out.clear();
    const std::size_t pool = skip >= 0 ? n - 1 : n;
    auto map = [&](std::uint64_t v) -> std::int32_t {
        return static_cast<std::int32_t>(skip >= 0 && static_cast<std::int64_t>(v) >= skip ? v + 1
                                                                                           : v);
    };
    if (2 * k > pool) {
        // Selection sampling (Knuth's algorithm S): visits the pool in order.
        std::size_t needed = k;
        for (std::size_t v = 0; v < pool && needed > 0; ++v) {
            if (rng.below(pool - v) < needed) {
                out.push_back(map(v));
                --needed;
            }
        }
        return;
    }
    // Floyd's algorithm.
    for (std::size_t j = pool - k; j < pool; ++j) {
        std::uint64_t t = rng.below(j + 1);
        if (marks[t])
            t = j;
        marks[t] = 1;
        out.push_back(static_cast<std::int32_t>(t));
    }
    for (auto v : out)
        marks[static_cast<std::size_t>(v)] = 0;
    std::sort(out.begin(), out.end());
    for (auto& v : out)
        v = map(static_cast<std::uint64_t>(v));
}

/// Appends each of the targets [lo, hi) but `skip` with probability p, ascending, drawing
/// geometric gaps from `rng`.
void bernoulliRange(RandomStream& rng, std::size_t lo, std::size_t hi, double p, std::int64_t skip,
                    std::vector<std::int32_t>& out) {
    if (p <= 0.0 || lo >= hi)
        return;
    if (p >= 1.0) {
        for (std::size_t j = lo; j < hi; ++j)
            if (static_cast<std::int64_t>(j) != skip)
                out.push_back(static_cast<std::int32_t>(j));
        return;
    }
    const double logQ = std::log1p(-p);
    std::size_t j = lo;
    while (j < hi) {
        const double gap = std::floor(std::log(rng.uniformPositive()) / logQ);
        if (gap >= static_cast<double>(hi - j))
            break;
        j += static_cast<std::size_t>(gap);
        if (static_cast<std::int64_t>(j) != skip)
            out.push_back(static_cast<std::int32_t>(j));
        ++j;
    }
}

/// Rows of a rule that draws each pair independently with probability `pairProbability(i, j)`.
template <typename Probability>
void pairwise(ConnectionRows& rows, std::size_t numSources, std::size_t numTargets, bool noAutapses,
              std::uint64_t seed, Probability pairProbability) {
    for (std::size_t i = 0; i < numSources; ++i) {
        RandomStream rng(streamSeed(seed, kRowStream, i));
        for (std::size_t j = 0; j < numTargets; ++j) {
            if (noAutapses && i == j)
                continue;
            const double p = pairProbability(i, j);
            if (p > 0.0 && rng.uniform() < p)
                rows.targets.push_back(static_cast<std::int32_t>(j));
        }
        rows.rowStart[i + 1] = rows.targets.size();
    }
}

void requirePositions(const ConnectivitySpec& spec, const NeuronPositions* positions,
                      std::size_t size, const char* side, const std::string& where) {
    if (positions == nullptr || positions->size() != size)
        throw Error(where + ": rule \"" + spec.rule + "\" needs the positions of the " + side +
                    " neurons (give the population a spatial layout)");
}

/// `csv_edges`: the edges of the spec, checked against the sizes and sorted into rows.
void edgeRows(ConnectionRows& rows, const ConnectivitySpec& spec, std::size_t numSources,
              std::size_t numTargets, bool noAutapses, const std::string& where) {
    const EdgeList& edges = spec.edges;
    auto fail = [&](std::size_t e, const std::string& what) {
        throw Error(where + ".file: " + spec.file + ": line " + std::to_string(edges.lines[e]) +
                    ": " + what);
    };
    const std::size_t n = edges.size();
    if (edges.targets.size() != n || edges.lines.size() != n ||
        (!edges.weights.empty() && edges.weights.size() != n) ||
        (!edges.delaysMs.empty() && edges.delaysMs.size() != n))
        throw Error(where + ".file: inconsistent edge list");
    for (std::size_t e = 0; e < n; ++e) {
        const auto s = edges.sources[e];
        const auto t = edges.targets[e];
        if (s < 0 || static_cast<std::uint64_t>(s) >= numSources)
            fail(e, "source " + std::to_string(s) + " is outside [0, " +
                        std::to_string(numSources) + ")");
        if (t < 0 || static_cast<std::uint64_t>(t) >= numTargets)
            fail(e, "target " + std::to_string(t) + " is outside [0, " +
                        std::to_string(numTargets) + ")");
        if (noAutapses && s == t)
            fail(e, "self-connection " + std::to_string(s) + " -> " + std::to_string(t) +
                        ", but autapses are off");
    }
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (edges.sources[a] != edges.sources[b])
            return edges.sources[a] < edges.sources[b];
        if (edges.targets[a] != edges.targets[b])
            return edges.targets[a] < edges.targets[b];
        return edges.lines[a] < edges.lines[b];
    });
    rows.targets.resize(n);
    if (!edges.weights.empty())
        rows.weights.resize(n);
    if (!edges.delaysMs.empty())
        rows.delaysMs.resize(n);
    std::vector<std::uint64_t> rowCount(numSources + 1, 0);
    for (std::size_t q = 0; q < n; ++q) {
        const std::size_t e = order[q];
        if (q > 0 && edges.sources[order[q - 1]] == edges.sources[e] &&
            edges.targets[order[q - 1]] == edges.targets[e])
            fail(e, "duplicate edge " + std::to_string(edges.sources[e]) + " -> " +
                        std::to_string(edges.targets[e]) + " (first on line " +
                        std::to_string(edges.lines[order[q - 1]]) + ")");
        rows.targets[q] = static_cast<std::int32_t>(edges.targets[e]);
        if (!edges.weights.empty())
            rows.weights[q] = static_cast<float>(edges.weights[e]);
        if (!edges.delaysMs.empty())
            rows.delaysMs[q] = edges.delaysMs[e];
        ++rowCount[static_cast<std::size_t>(edges.sources[e]) + 1];
    }
    for (std::size_t i = 0; i < numSources; ++i)
        rows.rowStart[i + 1] = rows.rowStart[i] + rowCount[i + 1];
}

} // namespace

namespace rules {

void allToAll(const ConnectivityRule::Request& request, ConnectionRows& rows) {
    const std::size_t numSources = request.numSources;
    const std::size_t numTargets = request.numTargets;
    rows.targets.reserve(numSources * numTargets);
    for (std::size_t i = 0; i < numSources; ++i) {
        for (std::size_t j = 0; j < numTargets; ++j)
            if (!(request.noAutapses && i == j))
                rows.targets.push_back(static_cast<std::int32_t>(j));
        rows.rowStart[i + 1] = rows.targets.size();
    }
}

void oneToOne(const ConnectivityRule::Request& request, ConnectionRows& rows) {
    const std::size_t numSources = request.numSources;
    if (numSources != request.numTargets)
        throw Error(request.where + ": one_to_one needs equal sizes (source " +
                    std::to_string(numSources) + ", target " + std::to_string(request.numTargets) +
                    ")");
    for (std::size_t i = 0; i < numSources; ++i) {
        if (!request.noAutapses)
            rows.targets.push_back(static_cast<std::int32_t>(i));
        rows.rowStart[i + 1] = rows.targets.size();
    }
}

void fixedProbability(const ConnectivityRule::Request& request, ConnectionRows& rows) {
    const std::size_t numSources = request.numSources;
    const std::size_t numTargets = request.numTargets;
    const double p = request.param("p");
    const double expected = p * static_cast<double>(numSources) * numTargets;
    rows.targets.reserve(static_cast<std::size_t>(expected + 6 * std::sqrt(expected + 1)));
    const double logQ = std::log1p(-p);
    for (std::size_t i = 0; i < numSources && p > 0.0; ++i) {
        RandomStream rng(streamSeed(request.seed, kRowStream, i));
        std::int64_t j = -1;
        while (true) {
            if (p >= 1.0) {
                ++j;
            } else {
                const double gap = std::floor(std::log(rng.uniformPositive()) / logQ);
                if (gap >= static_cast<double>(numTargets))
                    break;
                j += 1 + static_cast<std::int64_t>(gap);
            }
            if (j >= static_cast<std::int64_t>(numTargets))
                break;
            if (!(request.noAutapses && static_cast<std::size_t>(j) == i))
                rows.targets.push_back(static_cast<std::int32_t>(j));
        }
        rows.rowStart[i + 1] = rows.targets.size();
    }
    for (std::size_t i = 1; i <= numSources; ++i)
        rows.rowStart[i] = std::max(rows.rowStart[i], rows.rowStart[i - 1]);
}

void fixedOutdegree(const ConnectivityRule::Request& request, ConnectionRows& rows) {
    const std::size_t numSources = request.numSources;
    const std::size_t numTargets = request.numTargets;
    const bool noAutapses = request.noAutapses;
    const std::size_t k =
        count(request, "k", noAutapses ? (numTargets > 0 ? numTargets - 1 : 0) : numTargets);
    std::vector<char> marks(numTargets, 0);
    std::vector<std::int32_t> picked;
    rows.targets.reserve(k * numSources);
    for (std::size_t i = 0; i < numSources; ++i) {
        RandomStream rng(streamSeed(request.seed, kRowStream, i));
        sampleDistinct(rng, numTargets, k, noAutapses ? static_cast<std::int64_t>(i) : -1, marks,
                       picked);
        rows.targets.insert(rows.targets.end(), picked.begin(), picked.end());
        rows.rowStart[i + 1] = rows.targets.size();
    }
}

void fixedIndegree(const ConnectivityRule::Request& request, ConnectionRows& rows) {
    const std::size_t numSources = request.numSources;
    const std::size_t numTargets = request.numTargets;
    const bool noAutapses = request.noAutapses;
    const std::size_t k =
        count(request, "k", noAutapses ? (numSources > 0 ? numSources - 1 : 0) : numSources);
    // Draw the sources of each target column, then transpose into rows.
    std::vector<std::int32_t> columnSources(k * numTargets);
    std::vector<char> marks(numSources, 0);
    std::vector<std::int32_t> picked;
    std::vector<std::uint64_t> rowCount(numSources + 1, 0);
    for (std::size_t j = 0; j < numTargets; ++j) {
        RandomStream rng(streamSeed(request.seed, kColumnStream, j));
        sampleDistinct(rng, numSources, k, noAutapses ? static_cast<std::int64_t>(j) : -1, marks,
                       picked);
        std::copy(picked.begin(), picked.end(), columnSources.begin() + j * k);
        for (auto s : picked)
            ++rowCount[static_cast<std::size_t>(s) + 1];
    }
    for (std::size_t i = 0; i < numSources; ++i)
        rows.rowStart[i + 1] = rows.rowStart[i] + rowCount[i + 1];
    rows.targets.resize(rows.rowStart[numSources]);
    std::vector<std::uint64_t> fill(rows.rowStart.begin(), rows.rowStart.end() - 1);
    for (std::size_t j = 0; j < numTargets; ++j)
        for (std::size_t q = 0; q < k; ++q)
            rows.targets[fill[static_cast<std::size_t>(columnSources[j * k + q])]++] =
                static_cast<std::int32_t>(j);
}

void distanceGaussian(const ConnectivityRule::Request& request, ConnectionRows& rows) {
    const double p0 = request.param("p0");
    const double sigma = request.param("sigma_um");
    const NeuronPositions& sources = *request.sourcePositions;
    const NeuronPositions& targets = *request.targetPositions;
    const double scale = -1.0 / (2.0 * sigma * sigma);
    pairwise(rows, request.numSources, request.numTargets, request.noAutapses, request.seed,
             [&](std::size_t i, std::size_t j) {
                 return p0 * std::exp(scale * sources.distanceSquared(i, targets, j));
             });
}

void distanceExponential(const ConnectivityRule::Request& request, ConnectionRows& rows) {
    const double p0 = request.param("p0");
    const double lambda = request.param("lambda_um");
    const NeuronPositions& sources = *request.sourcePositions;
    const NeuronPositions& targets = *request.targetPositions;
    pairwise(rows, request.numSources, request.numTargets, request.noAutapses, request.seed,
             [&](std::size_t i, std::size_t j) {
                 const double d = std::sqrt(sources.distanceSquared(i, targets, j));
                 return p0 * std::exp(-d / lambda);
             });
}

void smallWorld(const ConnectivityRule::Request& request, ConnectionRows& rows) {
    if (request.numSources != request.numTargets)
        throw Error(request.where + ": small_world needs equal sizes (source " +
                    std::to_string(request.numSources) + ", target " +
                    std::to_string(request.numTargets) + ")");
    const std::size_t n = request.numSources;
    const std::size_t k = count(request, "k", n > 0 ? n - 1 : 0);
    const double beta = request.param("beta");
    std::vector<char> taken(n, 0);
    std::vector<std::int32_t> row;
    rows.targets.reserve(n * k);
    for (std::size_t i = 0; i < n; ++i) {
        RandomStream rng(streamSeed(request.seed, kRowStream, i));
        row.clear();
        for (std::size_t m = 1; m <= k / 2; ++m) {
            row.push_back(static_cast<std::int32_t>((i + m) % n));
            row.push_back(static_cast<std::int32_t>((i + n - m) % n));
        }
        taken[i] = 1;
        for (auto t : row)
            taken[static_cast<std::size_t>(t)] = 1;
        const bool canRewire = k + 1 < n;
        for (auto& t : row) {
            if (!(rng.uniform() < beta) || !canRewire)
                continue;
            std::size_t fresh = 0;
            do {
                fresh = static_cast<std::size_t>(rng.below(n));
            } while (taken[fresh]);
            taken[static_cast<std::size_t>(t)] = 0;
            taken[fresh] = 1;
            t = static_cast<std::int32_t>(fresh);
        }
        taken[i] = 0;
        for (auto t : row)
            taken[static_cast<std::size_t>(t)] = 0;
        std::sort(row.begin(), row.end());
        rows.targets.insert(rows.targets.end(), row.begin(), row.end());
        rows.rowStart[i + 1] = rows.targets.size();
    }
}

void block(const ConnectivityRule::Request& request, ConnectionRows& rows) {
    const std::size_t numSources = request.numSources;
    const std::size_t numTargets = request.numTargets;
    const std::size_t limit = std::max<std::size_t>(1, std::min(numSources, numTargets));
    const std::size_t blocks = count(request, "n_blocks", limit);
    const double pIn = request.param("p_in");
    const double pOut = request.param("p_out");
    // First target of each block: the smallest j with floor(j * blocks / numTargets) == b.
    std::vector<std::size_t> firstTarget(blocks + 1);
    for (std::size_t b = 0; b <= blocks; ++b)
        firstTarget[b] = (b * numTargets + blocks - 1) / blocks;
    for (std::size_t i = 0; i < numSources; ++i) {
        RandomStream rng(streamSeed(request.seed, kRowStream, i));
        const std::size_t own = i * blocks / numSources;
        const std::int64_t skip = request.noAutapses ? static_cast<std::int64_t>(i) : -1;
        for (std::size_t b = 0; b < blocks; ++b)
            bernoulliRange(rng, firstTarget[b], firstTarget[b + 1], b == own ? pIn : pOut, skip,
                           rows.targets);
        rows.rowStart[i + 1] = rows.targets.size();
    }
}

void csvEdges(const ConnectivityRule::Request& request, ConnectionRows& rows) {
    const ConnectivitySpec& spec = request.spec;
    if (spec.file.empty() && spec.edges.size() == 0)
        throw Error(request.where + ".file: rule \"csv_edges\" needs an edge file");
    edgeRows(rows, spec, request.numSources, request.numTargets, request.noAutapses, request.where);
}

} // namespace rules

const std::vector<std::string>& ConnectivityBuilder::rules() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const ConnectivityRule& rule : ConnectivityRule::all())
            out.push_back(rule.name);
        return out;
    }();
    return names;
}

bool ConnectivityBuilder::needsPositions(const std::string& rule) {
    const ConnectivityRule* found = ConnectivityRule::find(rule);
    return found != nullptr && found->needsPositions;
}

ConnectionRows ConnectivityBuilder::build(const ConnectivitySpec& spec, std::size_t numSources,
                                          std::size_t numTargets, bool samePopulation,
                                          std::uint64_t seed, const std::string& where,
                                          const NeuronPositions* sourcePositions,
                                          const NeuronPositions* targetPositions) {
    if (numTargets > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
        throw Error(where + ": target population too large");
    const ConnectivityRule& rule = ConnectivityRule::check(spec, where);
    if (rule.needsPositions) {
        requirePositions(spec, sourcePositions, numSources, "source", where);
        requirePositions(spec, targetPositions, numTargets, "target", where);
    }
    ConnectionRows rows;
    rows.rowStart.assign(numSources + 1, 0);
    const ConnectivityRule::Request request{
        spec, numSources, numTargets,      samePopulation && !spec.autapses,
        seed, where,      sourcePositions, targetPositions};
    rule.build(request, rows);
    return rows;
}

} // namespace plexus::core
