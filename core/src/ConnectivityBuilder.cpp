#include "plexus/core/ConnectivityBuilder.h"

#include "plexus/core/Error.h"
#include "plexus/core/RandomStream.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>

namespace plexus::core {

namespace {

constexpr std::uint64_t kRowStream = 0x524f57;    // "ROW"
constexpr std::uint64_t kColumnStream = 0x434f4c; // "COL"

double param(const ConnectivitySpec& spec, const char* key, const std::string& where) {
    const auto it = spec.params.find(key);
    if (it == spec.params.end())
        throw Error(where + ": rule \"" + spec.rule + "\" needs parameter \"" + key + "\"");
    return it->second;
}

void checkKnown(const ConnectivitySpec& spec, std::initializer_list<const char*> keys,
                const std::string& where) {
    for (const auto& [key, value] : spec.params) {
        bool known = false;
        for (const char* k : keys)
            known = known || key == k;
        if (!known)
            throw Error(where + "." + key + ": rule \"" + spec.rule + "\" has no parameter \"" +
                        key + "\"");
    }
}

std::size_t count(const ConnectivitySpec& spec, const char* key, std::size_t limit,
                  const std::string& where) {
    const double k = param(spec, key, where);
    if (k < 0 || k != std::floor(k))
        throw Error(where + "." + key + ": must be a non-negative integer");
    if (k > static_cast<double>(limit)) {
        std::ostringstream msg;
        msg << where << "." << key << ": " << k << " exceeds the " << limit
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

/// A parameter that is a probability, in [0, 1].
double probability(const ConnectivitySpec& spec, const char* key, const std::string& where) {
    const double p = param(spec, key, where);
    if (!(p >= 0.0 && p <= 1.0))
        throw Error(where + "." + key + ": must be in [0, 1]");
    return p;
}

/// A parameter that is a length scale in um, > 0 and finite.
double length(const ConnectivitySpec& spec, const char* key, const std::string& where) {
    const double v = param(spec, key, where);
    if (!(v > 0.0) || !std::isfinite(v))
        throw Error(where + "." + key + ": must be a length > 0 um");
    return v;
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

const std::vector<std::string>& ConnectivityBuilder::rules() {
    static const std::vector<std::string> all = {
        "all_to_all",      "one_to_one",        "fixed_probability",    "fixed_indegree",
        "fixed_outdegree", "distance_gaussian", "distance_exponential", "small_world",
        "block",           "csv_edges"};
    return all;
}

bool ConnectivityBuilder::needsPositions(const std::string& rule) {
    return rule == "distance_gaussian" || rule == "distance_exponential";
}

ConnectionRows ConnectivityBuilder::build(const ConnectivitySpec& spec, std::size_t numSources,
                                          std::size_t numTargets, bool samePopulation,
                                          std::uint64_t seed, const std::string& where,
                                          const NeuronPositions* sourcePositions,
                                          const NeuronPositions* targetPositions) {
    if (numTargets > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
        throw Error(where + ": target population too large");
    const bool noAutapses = samePopulation && !spec.autapses;
    ConnectionRows rows;
    rows.rowStart.assign(numSources + 1, 0);
    const std::string rule = spec.rule;
    if (rule != "csv_edges" && !spec.file.empty())
        throw Error(where + ".file: rule \"" + rule + "\" reads no file (only csv_edges does)");

    if (rule == "all_to_all") {
        checkKnown(spec, {}, where);
        rows.targets.reserve(numSources * numTargets);
        for (std::size_t i = 0; i < numSources; ++i) {
            for (std::size_t j = 0; j < numTargets; ++j)
                if (!(noAutapses && i == j))
                    rows.targets.push_back(static_cast<std::int32_t>(j));
            rows.rowStart[i + 1] = rows.targets.size();
        }
    } else if (rule == "one_to_one") {
        checkKnown(spec, {}, where);
        if (numSources != numTargets)
            throw Error(where + ": one_to_one needs equal sizes (source " +
                        std::to_string(numSources) + ", target " + std::to_string(numTargets) +
                        ")");
        for (std::size_t i = 0; i < numSources; ++i) {
            if (!noAutapses)
                rows.targets.push_back(static_cast<std::int32_t>(i));
            rows.rowStart[i + 1] = rows.targets.size();
        }
    } else if (rule == "fixed_probability") {
        checkKnown(spec, {"p"}, where);
        const double p = param(spec, "p", where);
        if (!(p >= 0.0 && p <= 1.0))
            throw Error(where + ".p: must be in [0, 1]");
        const double expected = p * static_cast<double>(numSources) * numTargets;
        rows.targets.reserve(static_cast<std::size_t>(expected + 6 * std::sqrt(expected + 1)));
        const double logQ = std::log1p(-p);
        for (std::size_t i = 0; i < numSources && p > 0.0; ++i) {
            RandomStream rng(streamSeed(seed, kRowStream, i));
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
                if (!(noAutapses && static_cast<std::size_t>(j) == i))
                    rows.targets.push_back(static_cast<std::int32_t>(j));
            }
            rows.rowStart[i + 1] = rows.targets.size();
        }
        for (std::size_t i = 1; i <= numSources; ++i)
            rows.rowStart[i] = std::max(rows.rowStart[i], rows.rowStart[i - 1]);
    } else if (rule == "fixed_outdegree") {
        checkKnown(spec, {"k"}, where);
        const std::size_t k = count(
            spec, "k", noAutapses ? (numTargets > 0 ? numTargets - 1 : 0) : numTargets, where);
        std::vector<char> marks(numTargets, 0);
        std::vector<std::int32_t> picked;
        rows.targets.reserve(k * numSources);
        for (std::size_t i = 0; i < numSources; ++i) {
            RandomStream rng(streamSeed(seed, kRowStream, i));
            sampleDistinct(rng, numTargets, k, noAutapses ? static_cast<std::int64_t>(i) : -1,
                           marks, picked);
            rows.targets.insert(rows.targets.end(), picked.begin(), picked.end());
            rows.rowStart[i + 1] = rows.targets.size();
        }
    } else if (rule == "fixed_indegree") {
        checkKnown(spec, {"k"}, where);
        const std::size_t k = count(
            spec, "k", noAutapses ? (numSources > 0 ? numSources - 1 : 0) : numSources, where);
        // Draw the sources of each target column, then transpose into rows.
        std::vector<std::int32_t> columnSources(k * numTargets);
        std::vector<char> marks(numSources, 0);
        std::vector<std::int32_t> picked;
        std::vector<std::uint64_t> rowCount(numSources + 1, 0);
        for (std::size_t j = 0; j < numTargets; ++j) {
            RandomStream rng(streamSeed(seed, kColumnStream, j));
            sampleDistinct(rng, numSources, k, noAutapses ? static_cast<std::int64_t>(j) : -1,
                           marks, picked);
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
    } else if (rule == "distance_gaussian") {
        checkKnown(spec, {"p0", "sigma_um"}, where);
        const double p0 = probability(spec, "p0", where);
        const double sigma = length(spec, "sigma_um", where);
        requirePositions(spec, sourcePositions, numSources, "source", where);
        requirePositions(spec, targetPositions, numTargets, "target", where);
        const double scale = -1.0 / (2.0 * sigma * sigma);
        pairwise(rows, numSources, numTargets, noAutapses, seed, [&](std::size_t i, std::size_t j) {
            return p0 * std::exp(scale * sourcePositions->distanceSquared(i, *targetPositions, j));
        });
    } else if (rule == "distance_exponential") {
        checkKnown(spec, {"p0", "lambda_um"}, where);
        const double p0 = probability(spec, "p0", where);
        const double lambda = length(spec, "lambda_um", where);
        requirePositions(spec, sourcePositions, numSources, "source", where);
        requirePositions(spec, targetPositions, numTargets, "target", where);
        pairwise(rows, numSources, numTargets, noAutapses, seed, [&](std::size_t i, std::size_t j) {
            const double d = std::sqrt(sourcePositions->distanceSquared(i, *targetPositions, j));
            return p0 * std::exp(-d / lambda);
        });
    } else if (rule == "small_world") {
        checkKnown(spec, {"k", "beta"}, where);
        if (numSources != numTargets)
            throw Error(where + ": small_world needs equal sizes (source " +
                        std::to_string(numSources) + ", target " + std::to_string(numTargets) +
                        ")");
        const std::size_t n = numSources;
        const std::size_t k = count(spec, "k", n > 0 ? n - 1 : 0, where);
        if (k % 2 != 0)
            throw Error(where + ".k: must be even (k/2 ring neighbours on each side)");
        const double beta = probability(spec, "beta", where);
        std::vector<char> taken(n, 0);
        std::vector<std::int32_t> row;
        rows.targets.reserve(n * k);
        for (std::size_t i = 0; i < n; ++i) {
            RandomStream rng(streamSeed(seed, kRowStream, i));
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
    } else if (rule == "block") {
        checkKnown(spec, {"n_blocks", "p_in", "p_out"}, where);
        const std::size_t limit = std::max<std::size_t>(1, std::min(numSources, numTargets));
        const std::size_t blocks = count(spec, "n_blocks", limit, where);
        if (blocks < 1)
            throw Error(where + ".n_blocks: must be at least 1");
        const double pIn = probability(spec, "p_in", where);
        const double pOut = probability(spec, "p_out", where);
        // First target of each block: the smallest j with floor(j * blocks / numTargets) == b.
        std::vector<std::size_t> firstTarget(blocks + 1);
        for (std::size_t b = 0; b <= blocks; ++b)
            firstTarget[b] = (b * numTargets + blocks - 1) / blocks;
        for (std::size_t i = 0; i < numSources; ++i) {
            RandomStream rng(streamSeed(seed, kRowStream, i));
            const std::size_t own = i * blocks / numSources;
            const std::int64_t skip = noAutapses ? static_cast<std::int64_t>(i) : -1;
            for (std::size_t b = 0; b < blocks; ++b)
                bernoulliRange(rng, firstTarget[b], firstTarget[b + 1], b == own ? pIn : pOut, skip,
                               rows.targets);
            rows.rowStart[i + 1] = rows.targets.size();
        }
    } else if (rule == "csv_edges") {
        checkKnown(spec, {}, where);
        if (spec.file.empty() && spec.edges.size() == 0)
            throw Error(where + ".file: rule \"csv_edges\" needs an edge file");
        edgeRows(rows, spec, numSources, numTargets, noAutapses, where);
    } else {
        std::string known;
        for (const auto& name : rules())
            known += (known.empty() ? "" : ", ") + name;
        throw Error(where + ".rule: unknown connectivity rule \"" + rule + "\" (" + known + ")");
    }
    return rows;
}

} // namespace plexus::core
