#pragma once

#include "PaddedBlock.h"
#include "SimdSupport.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace plexus::plugins {

/// Runs `block(i)` over the whole blocks of L::kWidth neurons in [begin, end); `block` returns
/// the spike mask of neurons i .. i + L::kWidth - 1 (bit j: neuron i + j), and the spiking
/// neurons are appended to `spikes` in ascending order. Returns where the whole blocks end.
template <class L, class Block>
inline std::size_t runBlocks(std::size_t begin, std::size_t end, std::vector<std::int32_t>& spikes,
                             Block&& block) {
    std::size_t i = begin;
    for (; i + L::kWidth <= end; i += L::kWidth) {
        const unsigned mask = block(i);
        if (mask)
            appendMaskedIndices(mask, i, spikes);
    }
    return i;
}

/// Runs the K-array kernel `block(p, i)` (p: the K arrays, i: the first neuron) over [begin, end):
/// whole blocks in place, then the last partial block through runPaddedBlock (with `pad` filling
/// the unused lanes), so every neuron takes the same arithmetic path wherever a population ends or
/// is split. `arrays` are the kernel's per-neuron arrays (inputs may be nullptr) in the order
/// `block` expects.
template <class L, std::size_t K, class Block>
inline void runPaddedBlocks(float* const (&arrays)[K], const float (&pad)[K], std::size_t begin,
                            std::size_t end, std::vector<std::int32_t>& spikes, Block&& block) {
    const std::size_t i = runBlocks<L>(begin, end, spikes, [&](std::size_t at) {
        return block(static_cast<float* const*>(arrays), at);
    });
    if (i == end)
        return;
    const unsigned mask = runPaddedBlock(
        arrays, pad, i, end - i, [&](float* const* local) { return block(local, std::size_t{0}); });
    if (mask)
        appendMaskedIndices(mask, i, spikes);
}

} // namespace plexus::plugins
