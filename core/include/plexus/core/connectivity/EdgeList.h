#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace plexus::core {

/**
 * @brief Explicit synapses read from a CSV edge file (connectivity rule `csv_edges`).
 *
 * One edge per line: `source,target[,weight[,delay_ms]]` with zero-based neuron indices. The
 * first line may be a header; blank lines and lines starting with `#` are skipped. Every edge
 * line has the same number of columns. The file line of each edge is kept so that later checks
 * (indices out of range, duplicates) can name it.
 */
struct EdgeList {
    std::vector<std::int64_t> sources;
    std::vector<std::int64_t> targets;
    std::vector<double> weights;    ///< per edge, or empty when the file has no weight column
    std::vector<double> delaysMs;   ///< per edge, or empty when the file has no delay column
    std::vector<std::size_t> lines; ///< file line of each edge (1-based)

    /// Number of edges.
    std::size_t size() const { return sources.size(); }

    /**
     * @brief Reads an edge file.
     * @param file  path of the file (already resolved against the project folder)
     * @param where place that refers to the file (`cuba.json: projections[2].connectivity.file`);
     *              every error starts with it
     * @throws Error naming `where: file: line N` for a malformed line, or `where` when the
     *         file cannot be read
     */
    static EdgeList read(const std::filesystem::path& file, const std::string& where);

    bool operator==(const EdgeList&) const = default;
};

} // namespace plexus::core
