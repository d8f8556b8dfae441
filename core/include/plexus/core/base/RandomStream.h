#pragma once

#include <cmath>
#include <cstdint>

namespace plexus::core {

/// SplitMix64 finaliser: a strong 64-bit mixing function.
constexpr std::uint64_t mix64(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/// Seed of an independent stream derived from a project seed and stream keys.
constexpr std::uint64_t streamSeed(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0) {
    return mix64(mix64(mix64(seed) ^ a) ^ (b * 0xd1b54a32d192ed03ULL));
}

/// Deterministic pseudo-random stream (xoshiro256**), seeded through SplitMix64.
class RandomStream {
public:
    /// A stream for `seed`; streams with different seeds are independent.
    explicit RandomStream(std::uint64_t seed) {
        std::uint64_t x = seed;
        for (auto& s : m_s) {
            x += 0x9e3779b97f4a7c15ULL;
            s = mix64(x);
        }
    }

    /// Next 64 random bits.
    std::uint64_t next() {
        const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }

    /// Uniform on [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    /// Uniform on (0, 1].
    double uniformPositive() { return static_cast<double>((next() >> 11) + 1) * 0x1.0p-53; }
    /// Uniform on [low, high).
    double uniform(double low, double high) { return low + (high - low) * uniform(); }
    /// Uniform integer on [0, n) (n > 0), without modulo bias.
    std::uint64_t below(std::uint64_t n) {
        const unsigned __int128 m = static_cast<unsigned __int128>(next()) * n;
        return static_cast<std::uint64_t>(m >> 64);
    }
    /// Standard normal deviate (Box-Muller, both values used).
    double normal() {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare;
        }
        const double u1 = uniformPositive();
        const double u2 = uniform();
        const double r = std::sqrt(-2.0 * std::log(u1));
        m_spare = r * std::sin(6.283185307179586 * u2);
        m_hasSpare = true;
        return r * std::cos(6.283185307179586 * u2);
    }
    /// Normal deviate with the given mean and standard deviation.
    double normal(double mean, double sd) { return mean + sd * normal(); }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

    std::uint64_t m_s[4];
    double m_spare = 0.0;
    bool m_hasSpare = false;
};

} // namespace plexus::core
