#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace plexus::plugins {

/// True when the CPU runs AVX2 and FMA code (checked once).
inline bool hasAvx2Fma() {
    static const bool supported = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return supported;
}

/// True when the AVX2 kernels are to run: the CPU runs AVX2 and FMA and the environment does not
/// ask for the portable path with PLEXUS_SIMD=scalar. Populations read it when they are built.
inline bool useAvx2Kernels() {
    const char* choice = std::getenv("PLEXUS_SIMD");
    if (choice && std::strcmp(choice, "scalar") == 0)
        return false;
    return hasAvx2Fma();
}

/// Append base + i for every set bit i of `mask`, in ascending order.
inline void appendMaskedIndices(unsigned mask, std::size_t base, std::vector<std::int32_t>& out) {
    while (mask) {
        out.push_back(static_cast<std::int32_t>(base + static_cast<unsigned>(__builtin_ctz(mask))));
        mask &= mask - 1;
    }
}

} // namespace plexus::plugins
