#pragma once

#include "plexus/core/base/AlignedVector.h"

#include <cstddef>
#include <cstdint>

namespace plexus::core {

/// Per-population delay ring: for each future step (modulo the slot count) and each receptor,
/// one float per neuron accumulating what arrives at that step.
class InputRing {
public:
    InputRing() = default;
    /// `slots` >= the largest delay in steps; `receptors` input ports; `size` neurons.
    InputRing(std::size_t slots, std::size_t receptors, std::size_t size);

    /// Array (one float per neuron) of receptor `receptor` for arrival step `step`.
    float* at(std::int64_t step, std::size_t receptor) {
        return m_data.data() +
               (static_cast<std::size_t>(step % static_cast<std::int64_t>(m_slots)) * m_receptors +
                receptor) *
                   m_stride;
    }
    /// Zero neurons [begin, end) of every receptor of arrival step `step`.
    void clear(std::int64_t step, std::size_t begin, std::size_t end);
    /// Zero everything.
    void clearAll();

    std::size_t slotCount() const { return m_slots; }
    std::size_t receptors() const { return m_receptors; }

private:
    std::size_t m_slots = 1;
    std::size_t m_receptors = 0;
    std::size_t m_stride = 0;
    AlignedVector<float> m_data;
};

} // namespace plexus::core
