#pragma once

// Paths of the plugins built for these tests, and the QIF model's analytic firing times.

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

// No Qt headers here: Qt's `slots` macro must not precede the core's headers.

namespace plexus::tests {

/// Folder holding only the file `path` (each fixture plugin is built alone in its folder).
inline std::string folderOf(const char* path) {
    return std::filesystem::path(path).parent_path().string();
}

/// Canonical form of a plugin path, as the loader reports it.
inline std::string canonical(const char* path) {
    std::error_code ec;
    const auto result = std::filesystem::canonical(path, ec);
    return ec ? std::string(path) : result.string();
}

/// The bytes of the file `path` (empty when it cannot be read).
inline std::string fileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Writes `bytes` to `path` (replacing it); false when it cannot be written.
inline bool writeBytes(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return static_cast<bool>(out);
}

/// Parameters of qif_example (its defaults unless changed).
struct QifParameters {
    double tauM = 10.0, deltaV = 15.0, vRest = -65.0, vCrit = -50.0, vPeak = 0.0, vReset = -70.0;
    double cM = 250.0;

    /// Time (ms) for v to go from v0 to v1 under a constant current `currentPa`, from the
    /// closed-form solution of dv/dt = (v - v_rest)(v - v_crit) / (tau_m delta_v) + I / c_m
    /// above the rheobase: t = tau delta / w (atan((v1 - m) / w) - atan((v0 - m) / w)) with
    /// m = (v_rest + v_crit) / 2 and w^2 = I tau delta / c_m - (v_crit - v_rest)^2 / 4.
    double travelTime(double currentPa, double v0, double v1) const {
        const double tauDelta = tauM * deltaV;
        const double mid = 0.5 * (vRest + vCrit);
        const double half = 0.5 * (vCrit - vRest);
        const double w = std::sqrt(currentPa / cM * tauDelta - half * half);
        return tauDelta / w * (std::atan((v1 - mid) / w) - std::atan((v0 - mid) / w));
    }

    /// Smallest constant current (pA) that makes the neuron fire.
    double rheobase() const {
        const double half = 0.5 * (vCrit - vRest);
        return cM * half * half / (tauM * deltaV);
    }
};

} // namespace plexus::tests
