#pragma once

// SIMD lanes for the neuron kernels of the built-in models. A kernel is written once as a
// template over a lane type L and instantiated twice: with ScalarLanes (one neuron at a time,
// portable) and with Avx2Lanes (eight neurons per AVX2 register). Both types offer the same
// static operations, so the kernel text is shared and only the arithmetic width differs.
//
// L::fma(a, b, c) is a * b + c: a single fused instruction on AVX2, a multiply and an add in
// the scalar build (no FMA on the CPUs that take it). min/max return their second argument when
// either is NaN on both targets (x86 semantics), so max(x, lo) maps NaN to lo. A mask M selects
// per lane: select(m, t, f) is t where m holds and f elsewhere.
//
// The AVX2 instantiation must be called from a function compiled for AVX2 and FMA that inlines
// everything: PLEXUS_AVX2_KERNEL on it (the groups' updateAvx2). Pass the kernel constants and
// array pointers as local copies, so the compiler sees that the stores cannot change them and
// keeps them in registers. KernelDriver.h runs a kernel over a range of neurons.

#include "SimdMath.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <immintrin.h>

// The AVX2 instantiation passes __m256 between functions that are all inlined into one
// AVX2-compiled caller; GCC's note that such values change the ABI outside AVX2 code does not
// apply to them.
#pragma GCC diagnostic ignored "-Wpsabi"

/// Attributes of a function that runs an AVX2 instantiation of a kernel: compiled for AVX2 and
/// FMA, with every call inside (the kernel template and the lane operations) inlined.
#define PLEXUS_AVX2_KERNEL __attribute__((target("avx2,fma"), flatten))

namespace plexus::plugins {

/// One lane per neuron: the portable path.
struct ScalarLanes {
    using V = float; ///< values of the lanes
    using M = bool;  ///< per-lane condition
    static constexpr std::size_t kWidth = 1;

    static V load(const float* p) { return *p; }
    static void store(float* p, V x) { *p = x; }
    static V set(float x) { return x; }
    static V zero() { return 0.0f; }
    static V add(V a, V b) { return a + b; }
    static V sub(V a, V b) { return a - b; }
    static V mul(V a, V b) { return a * b; }
    static V div(V a, V b) { return a / b; }
    static V abs(V a) { return std::fabs(a); }
    static V fma(V a, V b, V c) { return a * b + c; }  ///< a b + c
    static V fnma(V a, V b, V c) { return c - a * b; } ///< c - a b
    static V fms(V a, V b, V c) { return a * b - c; }  ///< a b - c
    static V min(V a, V b) { return a < b ? a : b; }
    static V max(V a, V b) { return a > b ? a : b; }
    static V exp(V x) { return simd::clampedExp(x); }
    static V expm1(V x) { return simd::clampedExpm1(x); }
    static M gt(V a, V b) { return a > b; }
    static M ge(V a, V b) { return a >= b; }
    static M lt(V a, V b) { return a < b; }
    static M all(bool on) { return on; }
    static M none() { return false; }
    static M maskAnd(M a, M b) { return a && b; }
    static M maskOr(M a, M b) { return a || b; }
    static M andNot(M a, M b) { return !a && b; } ///< b and not a
    static V select(M m, V t, V f) { return m ? t : f; }
    static unsigned bits(M m) { return m ? 1u : 0u; }

    using I = int; ///< per-lane table index
    static I truncate(V x) { return static_cast<int>(x); }
    static I minIndex(I a, int b) { return a < b ? a : b; }
    static V toFloat(I a) { return static_cast<float>(a); }
    static V gather(const float* table, I index) { return table[index]; }
};

/// Eight lanes in one AVX2 register.
struct Avx2Lanes {
    using V = __m256;
    using M = __m256;
    static constexpr std::size_t kWidth = 8;

#define PLEXUS_LANE static inline __attribute__((target("avx2,fma")))
    PLEXUS_LANE V load(const float* p) {
        return _mm256_loadu_ps(p);
    }
    PLEXUS_LANE void store(float* p, V x) {
        _mm256_storeu_ps(p, x);
    }
    PLEXUS_LANE V set(float x) {
        return _mm256_set1_ps(x);
    }
    PLEXUS_LANE V zero() {
        return _mm256_setzero_ps();
    }
    PLEXUS_LANE V add(V a, V b) {
        return _mm256_add_ps(a, b);
    }
    PLEXUS_LANE V sub(V a, V b) {
        return _mm256_sub_ps(a, b);
    }
    PLEXUS_LANE V mul(V a, V b) {
        return _mm256_mul_ps(a, b);
    }
    PLEXUS_LANE V div(V a, V b) {
        return _mm256_div_ps(a, b);
    }
    PLEXUS_LANE V abs(V a) {
        return _mm256_andnot_ps(_mm256_set1_ps(-0.0f), a);
    }
    PLEXUS_LANE V fma(V a, V b, V c) {
        return _mm256_fmadd_ps(a, b, c);
    }
    PLEXUS_LANE V fnma(V a, V b, V c) {
        return _mm256_fnmadd_ps(a, b, c);
    }
    PLEXUS_LANE V fms(V a, V b, V c) {
        return _mm256_fmsub_ps(a, b, c);
    }
    PLEXUS_LANE V min(V a, V b) {
        return _mm256_min_ps(a, b);
    }
    PLEXUS_LANE V max(V a, V b) {
        return _mm256_max_ps(a, b);
    }
    PLEXUS_LANE V exp(V x) {
        return simd::expAvx2(x);
    }
    PLEXUS_LANE V expm1(V x) {
        return simd::expm1Avx2(x);
    }
    PLEXUS_LANE M gt(V a, V b) {
        return _mm256_cmp_ps(a, b, _CMP_GT_OQ);
    }
    PLEXUS_LANE M ge(V a, V b) {
        return _mm256_cmp_ps(a, b, _CMP_GE_OQ);
    }
    PLEXUS_LANE M lt(V a, V b) {
        return _mm256_cmp_ps(a, b, _CMP_LT_OQ);
    }
    PLEXUS_LANE M all(bool on) {
        return on ? _mm256_castsi256_ps(_mm256_set1_epi32(-1)) : _mm256_setzero_ps();
    }
    PLEXUS_LANE M none() {
        return _mm256_setzero_ps();
    }
    PLEXUS_LANE M maskAnd(M a, M b) {
        return _mm256_and_ps(a, b);
    }
    PLEXUS_LANE M maskOr(M a, M b) {
        return _mm256_or_ps(a, b);
    }
    PLEXUS_LANE M andNot(M a, M b) {
        return _mm256_andnot_ps(a, b);
    }
    PLEXUS_LANE V select(M m, V t, V f) {
        return _mm256_blendv_ps(f, t, m);
    }
    PLEXUS_LANE unsigned bits(M m) {
        return static_cast<unsigned>(_mm256_movemask_ps(m));
    }

    using I = __m256i; ///< per-lane table index
    PLEXUS_LANE I truncate(V x) {
        return _mm256_cvttps_epi32(x);
    }
    PLEXUS_LANE I minIndex(I a, int b) {
        return _mm256_min_epi32(a, _mm256_set1_epi32(b));
    }
    PLEXUS_LANE V toFloat(I a) {
        return _mm256_cvtepi32_ps(a);
    }
    PLEXUS_LANE V gather(const float* table, I index) {
        return _mm256_i32gather_ps(table, index, 4);
    }
#undef PLEXUS_LANE
};

} // namespace plexus::plugins
