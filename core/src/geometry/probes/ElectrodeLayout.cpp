#include "plexus/geometry/probes/ElectrodeLayout.h"

#include "geometry/io/TextLines.h"
#include "plexus/core/base/Error.h"

#include <cmath>
#include <numbers>

namespace plexus::geometry {

namespace {

constexpr double kMmPerUm = 1e-3;

std::string num(double value) {
    return detail::TextLines::formatNumber(value);
}

/// "<a><i><b><j>", e.g. "r3c7" (built by appending: GCC 12 warns falsely on "r" + string).
std::string label(char a, long long i, char b, long long j) {
    std::string out(1, a);
    out += std::to_string(i);
    out += b;
    out += std::to_string(j);
    return out;
}

void requirePositive(const std::string& name, const char* what, double value) {
    if (!std::isfinite(value) || value <= 0.0) {
        throw core::Error("electrode '" + name + "': " + what + " must be positive, got " +
                          num(value));
    }
}

void requireCount(const std::string& name, const char* what, int value) {
    if (value < 1) {
        throw core::Error("electrode '" + name + "': " + what + " must be at least 1, got " +
                          std::to_string(value));
    }
}

} // namespace

ElectrodeArray ElectrodeLayout::point(const std::string& name, const Eigen::Vector3d& position) {
    ElectrodeArray array(name, ElectrodeArray::Type::Point);
    array.addContact({"0", position, -1});
    return array;
}

ElectrodeArray ElectrodeLayout::point(const std::string& name, const SurfaceAnchor& anchor,
                                      double depthUm) {
    if (!std::isfinite(depthUm) || depthUm < 0.0) {
        throw core::Error("electrode '" + name + "': depth must be >= 0 um, got " + num(depthUm));
    }
    ElectrodeArray array(name, ElectrodeArray::Type::Point);
    const Eigen::Vector3d tip = anchor.atDepth(depthUm * kMmPerUm);
    const int shank = array.addShank({anchor.point(), tip});
    array.addContact({"0", tip, shank});
    return array;
}

ElectrodeArray ElectrodeLayout::laminar(const std::string& name, const SurfaceAnchor& anchor,
                                        const LaminarOptions& options) {
    requireCount(name, "contacts", options.contacts);
    requirePositive(name, "spacingUm", options.spacingUm);
    requirePositive(name, "tipDepthUm", options.tipDepthUm);
    const double spanUm = (options.contacts - 1) * options.spacingUm;
    if (spanUm > options.tipDepthUm + 1e-9) {
        throw core::Error("electrode '" + name + "': " + std::to_string(options.contacts) +
                          " contacts at " + num(options.spacingUm) +
                          " um need a tip depth of at least " + num(spanUm) + " um, got " +
                          num(options.tipDepthUm));
    }
    ElectrodeArray array(name, ElectrodeArray::Type::Laminar);
    const int shank =
        array.addShank({anchor.point(), anchor.atDepth(options.tipDepthUm * kMmPerUm)});
    for (int k = 0; k < options.contacts; ++k) {
        const double depthUm = options.tipDepthUm - (options.contacts - 1 - k) * options.spacingUm;
        array.addContact({std::to_string(k), anchor.atDepth(depthUm * kMmPerUm), shank});
    }
    return array;
}

ElectrodeArray ElectrodeLayout::utah(const std::string& name, const SurfaceAnchor& anchor,
                                     const UtahOptions& options) {
    requireCount(name, "rows", options.rows);
    requireCount(name, "columns", options.columns);
    requirePositive(name, "pitchUm", options.pitchUm);
    requirePositive(name, "shankLengthUm", options.shankLengthUm);
    if (!std::isfinite(options.rotationDeg)) {
        throw core::Error("electrode '" + name + "': rotationDeg is not finite");
    }
    Eigen::Vector3d u;
    Eigen::Vector3d v;
    anchor.tangentFrame(u, v, options.rotationDeg * std::numbers::pi / 180.0);
    const double pitch = options.pitchUm * kMmPerUm;
    const Eigen::Vector3d down = anchor.inwardNormal() * (options.shankLengthUm * kMmPerUm);
    ElectrodeArray array(name, ElectrodeArray::Type::Utah);
    for (int r = 0; r < options.rows; ++r) {
        for (int c = 0; c < options.columns; ++c) {
            const bool corner =
                (r == 0 || r == options.rows - 1) && (c == 0 || c == options.columns - 1);
            if (options.skipCorners && corner && options.rows > 1 && options.columns > 1) {
                continue;
            }
            const Eigen::Vector3d entry = anchor.point() +
                                          (c - 0.5 * (options.columns - 1)) * pitch * u +
                                          (r - 0.5 * (options.rows - 1)) * pitch * v;
            const int shank = array.addShank({entry, entry + down});
            array.addContact({label('r', r, 'c', c), entry + down, shank});
        }
    }
    return array;
}

ElectrodeArray ElectrodeLayout::threads(const std::string& name,
                                        const std::vector<ThreadInsertion>& insertions,
                                        const ThreadOptions& options,
                                        const InsertionBudget& budget) {
    requireCount(name, "contactsPerThread", options.contactsPerThread);
    requirePositive(name, "spacingUm", options.spacingUm);
    if (static_cast<long long>(insertions.size()) > budget.maxThreads) {
        throw core::Error("electrode '" + name + "': " + std::to_string(insertions.size()) +
                          " threads exceed the insertion budget of " +
                          std::to_string(budget.maxThreads));
    }
    double totalMm = 0.0;
    for (std::size_t t = 0; t < insertions.size(); ++t) {
        const double depthUm = insertions[t].depthUm;
        if (!std::isfinite(depthUm) || depthUm < 0.0) {
            throw core::Error("electrode '" + name + "', thread " + std::to_string(t) +
                              ": depth must be >= 0 um, got " + num(depthUm));
        }
        totalMm += depthUm * kMmPerUm;
    }
    if (totalMm > budget.maxTotalLengthMm * (1.0 + 1e-12)) {
        throw core::Error("electrode '" + name + "': total insertion length " + num(totalMm) +
                          " mm exceeds the budget of " + num(budget.maxTotalLengthMm) + " mm");
    }
    ElectrodeArray array(name, ElectrodeArray::Type::Thread);
    for (std::size_t t = 0; t < insertions.size(); ++t) {
        const SurfaceAnchor& anchor = insertions[t].anchor;
        const double depthUm = insertions[t].depthUm;
        const int shank = array.addShank({anchor.point(), anchor.atDepth(depthUm * kMmPerUm)});
        const auto fit = static_cast<long long>(std::floor(depthUm / options.spacingUm + 1e-9)) + 1;
        const auto count = std::min<long long>(options.contactsPerThread, fit);
        for (long long k = 0; k < count; ++k) {
            const double d = depthUm - static_cast<double>(k) * options.spacingUm;
            array.addContact({label('t', static_cast<long long>(t), 'c', k),
                              anchor.atDepth(d * kMmPerUm), shank});
        }
    }
    return array;
}

} // namespace plexus::geometry
