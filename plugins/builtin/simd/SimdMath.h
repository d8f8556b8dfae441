#pragma once

// Vectorised elementary functions for the AVX2 kernels of the built-in models.
//
// expm1Avx2 and expAvx2 share one argument reduction (x = k ln 2 + r, |r| <= ln 2 / 2) and the
// minimax polynomial of Cephes' expf, so exp(r) - 1 is evaluated without cancellation. Against
// double-precision std::expm1 / std::exp on [-87, 88] (including |x| down to 1e-30) the maximum
// relative error is 1.2e-7, about one float ulp (tests/plugins/simd/TestSimdMath.cpp checks it).
// Arguments are clamped to [-87, 88], so results are always finite (expm1 >= -1, exp <= 1.65e38).

#include <cmath>
#include <immintrin.h>

namespace plexus::plugins::simd {

/// Coefficients of the polynomial P in exp(r) = 1 + r + r^2 P(r) on |r| <= ln 2 / 2.
inline constexpr float kExpP0 = 1.9875691500e-4f;
inline constexpr float kExpP1 = 1.3981999507e-3f;
inline constexpr float kExpP2 = 8.3334519073e-3f;
inline constexpr float kExpP3 = 4.1665795894e-2f;
inline constexpr float kExpP4 = 1.6666665459e-1f;
inline constexpr float kExpP5 = 5.0000001201e-1f;
inline constexpr float kLog2e = 1.44269504088896341f;
inline constexpr float kLn2Hi = 0.693359375f;
inline constexpr float kLn2Lo = -2.12194440e-4f;
inline constexpr float kExpMin = -87.0f;
inline constexpr float kExpMax = 88.0f;

/// exp(x) - 1 and 2^k for eight lanes, sharing the reduction; `twoK` receives 2^k.
__attribute__((target("avx2,fma"))) inline __m256 expm1Parts(__m256 x, __m256& twoK) {
    x = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(kExpMin)), _mm256_set1_ps(kExpMax));
    const __m256 k = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(kLog2e)),
                                     _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256 r = _mm256_fnmadd_ps(k, _mm256_set1_ps(kLn2Hi), x);
    r = _mm256_fnmadd_ps(k, _mm256_set1_ps(kLn2Lo), r);
    __m256 p = _mm256_set1_ps(kExpP0);
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(kExpP1));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(kExpP2));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(kExpP3));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(kExpP4));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(kExpP5));
    const __m256 em1 = _mm256_fmadd_ps(_mm256_mul_ps(r, r), p, r); // exp(r) - 1
    const __m256i bits =
        _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(k), _mm256_set1_epi32(127)), 23);
    twoK = _mm256_castsi256_ps(bits);
    return em1;
}

/// exp(x) - 1 for eight lanes, accurate also for small |x|.
__attribute__((target("avx2,fma"))) inline __m256 expm1Avx2(__m256 x) {
    __m256 twoK;
    const __m256 em1 = expm1Parts(x, twoK);
    // 2^k (exp(r) - 1) + (2^k - 1): exact when k = 0, no cancellation otherwise.
    return _mm256_fmadd_ps(twoK, em1, _mm256_sub_ps(twoK, _mm256_set1_ps(1.0f)));
}

/// exp(x) for eight lanes.
__attribute__((target("avx2,fma"))) inline __m256 expAvx2(__m256 x) {
    __m256 twoK;
    const __m256 em1 = expm1Parts(x, twoK);
    return _mm256_fmadd_ps(twoK, em1, twoK);
}

/// Scalar exp with the same argument clamp as expAvx2 (for the portable fallback paths).
inline float clampedExp(float x) {
    return std::exp(std::fmin(std::fmax(x, kExpMin), kExpMax));
}

/// Scalar expm1 with the same argument clamp as expm1Avx2.
inline float clampedExpm1(float x) {
    return std::expm1(std::fmin(std::fmax(x, kExpMin), kExpMax));
}

} // namespace plexus::plugins::simd
