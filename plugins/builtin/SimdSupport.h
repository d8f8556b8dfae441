#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace plexus::plugins {

/// True when the CPU runs AVX2 and FMA code (checked once).
inline bool hasAvx2Fma() {
    static const bool supported = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return supported;
}

/// Append base + i for every set bit i of `mask`, in ascending order.
inline void appendMaskedIndices(unsigned mask, std::size_t base, std::vector<std::int32_t>& out) {
    while (mask) {
        out.push_back(static_cast<std::int32_t>(base + static_cast<unsigned>(__builtin_ctz(mask))));
        mask &= mask - 1;
    }
}

} // namespace plexus::plugins
