#pragma once

#include "plexus/core/connectivity/SpatialSpec.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace plexus::core {

/// 3D positions (micrometres) of the neurons of a population, structure of arrays.
///
/// Computed deterministically from a SpatialSpec, a neuron count and a seed; shapes without
/// randomness (grid, ring) ignore the seed. NetworkBuilder seeds population k with
/// `streamSeed(projectSeed, NeuronPositions::streamKey, k)`, so any view that wants the same
/// positions can compute them the same way.
class NeuronPositions {
public:
    /// Stream key of the position seed (see the class documentation).
    static constexpr std::uint64_t streamKey = 0x504f53; // "POS"

    /// No neurons.
    NeuronPositions() = default;

    /**
     * @brief Positions of `count` neurons laid out as `spatial` says, centred on the origin.
     *
     * grid: row-major on ceil(sqrt(count)) columns, each neuron in the centre of its cell of
     * the x-y extent; random and sheet: uniform in the extent box; ring: neuron i at angle
     * 2 pi i / count on a circle of radius radiusUm; mixed: every neuron at the origin.
     */
    static NeuronPositions generate(const SpatialSpec& spatial, std::size_t count,
                                    std::uint64_t seed);

    /// Number of neurons.
    std::size_t size() const { return m_x.size(); }
    /// x coordinate of neuron i, in um.
    double x(std::size_t i) const { return m_x[i]; }
    /// y coordinate of neuron i, in um.
    double y(std::size_t i) const { return m_y[i]; }
    /// z coordinate of neuron i, in um.
    double z(std::size_t i) const { return m_z[i]; }
    /// Squared Euclidean distance (um^2) from neuron i here to neuron j of `other`.
    double distanceSquared(std::size_t i, const NeuronPositions& other, std::size_t j) const {
        const double dx = m_x[i] - other.m_x[j];
        const double dy = m_y[i] - other.m_y[j];
        const double dz = m_z[i] - other.m_z[j];
        return dx * dx + dy * dy + dz * dz;
    }

private:
    std::vector<double> m_x;
    std::vector<double> m_y;
    std::vector<double> m_z;
};

} // namespace plexus::core
