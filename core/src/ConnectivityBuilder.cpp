#include "plexus/core/ConnectivityBuilder.h"

#include "plexus/core/Error.h"
#include "plexus/core/RandomStream.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace plexus::core {

namespace {

constexpr std::uint64_t kRowStream = 0x524f57; // "ROW"
constexpr std::uint64_t kColumnStream = 0x434f4c; // "COL"

double param(const ConnectivitySpec& spec, const char* key, const std::string& where)
{
    const auto it = spec.params.find(key);
    if (it == spec.params.end())
        throw Error(where + ": rule \"" + spec.rule + "\" needs parameter \"" + key + "\"");
    return it->second;
}

void checkKnown(const ConnectivitySpec& spec, std::initializer_list<const char*> keys,
                const std::string& where)
{
    for (const auto& [key, value] : spec.params) {
        bool known = false;
        for (const char* k : keys)
            known = known || key == k;
        if (!known)
            throw Error(where + "." + key + ": rule \"" + spec.rule +
                        "\" has no parameter \"" + key + "\"");
    }
}

std::size_t count(const ConnectivitySpec& spec, const char* key, std::size_t limit,
                  const std::string& where)
{
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
                    std::vector<char>& marks, std::vector<std::int32_t>& out)
{
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

} // namespace

ConnectionRows ConnectivityBuilder::build(const ConnectivitySpec& spec, std::size_t numSources,
                                          std::size_t numTargets, bool samePopulation,
                                          std::uint64_t seed, const std::string& where)
{
    if (numTargets > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
        throw Error(where + ": target population too large");
    const bool noAutapses = samePopulation && !spec.autapses;
    ConnectionRows rows;
    rows.rowStart.assign(numSources + 1, 0);
    const std::string rule = spec.rule;

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
        const std::size_t k =
            count(spec, "k", noAutapses ? (numTargets > 0 ? numTargets - 1 : 0) : numTargets, where);
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
        const std::size_t k =
            count(spec, "k", noAutapses ? (numSources > 0 ? numSources - 1 : 0) : numSources, where);
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
    } else {
        throw Error(where + ".rule: unknown connectivity rule \"" + rule +
                    "\" (all_to_all, one_to_one, fixed_probability, fixed_indegree, "
                    "fixed_outdegree)");
    }
    return rows;
}

} // namespace plexus::core
