#include "plexus/core/engine/SynapseMatrix.h"

#include "plexus/core/base/Error.h"

#include <limits>

namespace plexus::core {

SynapseMatrix::SynapseMatrix(const ConnectionRows& rows, const std::vector<float>& weights,
                             const std::vector<std::uint16_t>& delays,
                             const std::vector<std::size_t>& boundaries)
    : m_numSources(rows.rowStart.empty() ? 0 : rows.rowStart.size() - 1)
    , m_numSynapses(rows.targets.size()) {
    const std::size_t parts = boundaries.size() - 1;
    m_partitions.resize(parts);
    // Count synapses per partition to reserve exactly.
    std::vector<std::uint64_t> perPart(parts, 0);
    for (std::size_t i = 0; i < m_numSources; ++i) {
        std::size_t k = 0;
        for (auto s = rows.rowStart[i]; s < rows.rowStart[i + 1]; ++s) {
            while (static_cast<std::size_t>(rows.targets[s]) >= boundaries[k + 1])
                ++k;
            ++perPart[k];
        }
    }
    for (std::size_t k = 0; k < parts; ++k) {
        if (perPart[k] > std::numeric_limits<std::uint32_t>::max())
            throw Error("projection too large: more than 2^32 synapses in one thread slice");
        auto& p = m_partitions[k];
        p.rowStart.assign(m_numSources + 1, 0);
        p.targets.reserve(perPart[k]);
        if (!weights.empty())
            p.weights.reserve(perPart[k]);
        if (!delays.empty())
            p.delays.reserve(perPart[k]);
    }
    for (std::size_t i = 0; i < m_numSources; ++i) {
        std::size_t k = 0;
        for (auto s = rows.rowStart[i]; s < rows.rowStart[i + 1]; ++s) {
            while (static_cast<std::size_t>(rows.targets[s]) >= boundaries[k + 1])
                ++k;
            auto& p = m_partitions[k];
            p.targets.push_back(rows.targets[s]);
            if (!weights.empty())
                p.weights.push_back(weights[s]);
            if (!delays.empty())
                p.delays.push_back(delays[s]);
        }
        for (auto& p : m_partitions)
            p.rowStart[i + 1] = static_cast<std::uint32_t>(p.targets.size());
    }
}

void SynapseMatrix::buildColumns(std::size_t numTargets) {
    for (auto& p : m_partitions) {
        p.sources.resize(p.targets.size());
        p.columnStart.assign(numTargets + 1, 0);
        for (std::size_t i = 0; i < m_numSources; ++i)
            for (auto q = p.rowStart[i]; q < p.rowStart[i + 1]; ++q) {
                p.sources[q] = static_cast<std::int32_t>(i);
                ++p.columnStart[static_cast<std::size_t>(p.targets[q]) + 1];
            }
        for (std::size_t j = 0; j < numTargets; ++j)
            p.columnStart[j + 1] += p.columnStart[j];
        p.columnSynapses.resize(p.targets.size());
        std::vector<std::uint32_t> fill(p.columnStart.begin(), p.columnStart.end() - 1);
        for (std::uint32_t q = 0; q < p.targets.size(); ++q)
            p.columnSynapses[fill[static_cast<std::size_t>(p.targets[q])]++] = q;
    }
}

void SynapseMatrix::materializeWeights(float weight) {
    for (auto& p : m_partitions)
        if (p.weights.empty())
            p.weights.assign(p.targets.size(), weight);
}

void SynapseMatrix::materializeDelays(std::uint16_t steps) {
    for (auto& p : m_partitions)
        if (p.delays.empty())
            p.delays.assign(p.targets.size(), steps);
}

std::vector<std::uint32_t> SynapseMatrix::outDegrees() const {
    std::vector<std::uint32_t> out(m_numSources, 0);
    for (const auto& p : m_partitions)
        for (std::size_t i = 0; i < m_numSources; ++i)
            out[i] += p.rowStart[i + 1] - p.rowStart[i];
    return out;
}

void SynapseMatrix::forEach(
    const std::function<void(std::size_t, std::int32_t, std::size_t, std::size_t)>& visit) const {
    for (std::size_t i = 0; i < m_numSources; ++i)
        for (std::size_t k = 0; k < m_partitions.size(); ++k) {
            const auto& p = m_partitions[k];
            for (auto s = p.rowStart[i]; s < p.rowStart[i + 1]; ++s)
                visit(i, p.targets[s], k, s);
        }
}

} // namespace plexus::core
