#pragma once

#include <cstddef>

namespace plexus::plugins {

/// Runs an eight-lane block kernel on the last `count` (< 8) neurons starting at `first`.
///
/// The K per-neuron arrays (state and inputs; an input may be nullptr) are copied into local
/// eight-float buffers, padded with `pad`, the kernel runs on lane 0 of the buffers, and the
/// first `count` lanes are copied back. A partial block thus takes exactly the arithmetic path
/// of a full one, so a neuron's result never depends on where a population ends or is split.
/// `kernel(float* const* buffers)` receives K buffer pointers (nullptr where the array is
/// nullptr) and returns its spike mask; the masked result for the valid lanes is returned.
template <std::size_t K, class Kernel>
unsigned runPaddedBlock(float* const (&arrays)[K], const float (&pad)[K], std::size_t first,
                        std::size_t count, Kernel&& kernel) {
    alignas(32) float buffer[K][8];
    float* local[K];
    for (std::size_t k = 0; k < K; ++k) {
        for (std::size_t j = 0; j < 8; ++j)
            buffer[k][j] = (arrays[k] && j < count) ? arrays[k][first + j] : pad[k];
        local[k] = arrays[k] ? buffer[k] : nullptr;
    }
    const unsigned mask = kernel(static_cast<float* const*>(local)) & ((1u << count) - 1u);
    for (std::size_t k = 0; k < K; ++k)
        if (arrays[k])
            for (std::size_t j = 0; j < count; ++j)
                arrays[k][first + j] = buffer[k][j];
    return mask;
}

} // namespace plexus::plugins
