#include "plexus/analysis/ActivityOptions.h"

#include "plexus/core/Error.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace plexus::analysis {

void ActivityOptions::validate() const {
    if (!(binMs > 0.0) || !std::isfinite(binMs))
        throw core::Error("bin width: must be a positive number of ms");
    if (kernel != SmoothingKernel::None && (!(sigmaMs > 0.0) || !std::isfinite(sigmaMs)))
        throw core::Error("kernel sigma: must be a positive number of ms");
    if (!(truncateSigmas > 0.0) || !std::isfinite(truncateSigmas))
        throw core::Error("kernel truncation: must be a positive number of sigmas");
    if (std::isnan(recordedFromMs) || std::isnan(recordedToMs) ||
        recordedFromMs == std::numeric_limits<double>::infinity() ||
        recordedToMs == -std::numeric_limits<double>::infinity() ||
        !(recordedFromMs < recordedToMs))
        throw core::Error("recorded span: must start before it ends (" +
                          std::to_string(recordedFromMs) + " to " + std::to_string(recordedToMs) +
                          " ms)");
}

namespace {

/// Raised cosine from 0 (u <= 0) to 1 (u >= 1).
double rise(double u) {
    if (u <= 0.0)
        return 0.0;
    if (u >= 1.0)
        return 1.0;
    return 0.5 - 0.5 * std::cos(std::numbers::pi * u);
}

} // namespace

double ActivityOptions::dataWeight(double timeMs) const {
    if (!(timeMs >= recordedFromMs && timeMs <= recordedToMs))
        return 0.0;
    if (kernel != SmoothingKernel::Gaussian)
        return 1.0;
    return rise((timeMs - recordedFromMs) / sigmaMs) * rise((recordedToMs - timeMs) / sigmaMs);
}

double ActivityOptions::edgeCorrection(double centreMs) const {
    if (kernel == SmoothingKernel::None)
        return 1.0;
    // The kernel K(centre - t) sees spike times t in [centre - support, centre] (causal
    // exponential) or [centre - support, centre + support] (Gaussian).
    const double support = truncateSigmas * sigmaMs;
    const double tLow = centreMs - support;
    const double tHigh = kernel == SmoothingKernel::Gaussian ? centreMs + support : centreMs;
    // Where the data weight is below 1: the span's outside and, for the Gaussian, its tapers.
    const double taper = kernel == SmoothingKernel::Gaussian ? sigmaMs : 0.0;
    const double flatLow = recordedFromMs + taper;
    const double flatHigh = recordedToMs - taper;
    if (tLow >= flatLow && tHigh <= flatHigh)
        return 1.0;
    const double lo = std::max(tLow, recordedFromMs);
    const double hi = std::min(tHigh, recordedToMs);
    if (!(hi > lo))
        return 0.0;

    // Integral of the kernel over spike times [a, b] (closed form).
    const auto kernelIntegral = [&](double a, double b) {
        if (kernel == SmoothingKernel::Gaussian) {
            const double scale = 1.0 / (sigmaMs * std::sqrt(2.0));
            return 0.5 * (std::erf((centreMs - a) * scale) - std::erf((centreMs - b) * scale));
        }
        return std::exp(-(centreMs - b) / sigmaMs) - std::exp(-(centreMs - a) / sigmaMs);
    };
    // Integral of kernel x data weight over [a, b] (Simpson's rule; both are smooth there).
    const auto taperedIntegral = [&](double a, double b) {
        constexpr int intervals = 128;
        const double h = (b - a) / intervals;
        const double z = 1.0 / (sigmaMs * std::sqrt(2.0 * std::numbers::pi));
        double sum = 0.0;
        for (int i = 0; i <= intervals; ++i) {
            const double t = a + i * h;
            const double x = (centreMs - t) / sigmaMs;
            const double f = z * std::exp(-0.5 * x * x) * dataWeight(t);
            sum += f * (i == 0 || i == intervals ? 1.0 : (i % 2 == 1 ? 4.0 : 2.0));
        }
        return sum * h / 3.0;
    };
    double inside = 0.0;
    if (taper > 0.0 && flatLow >= flatHigh) {
        inside = taperedIntegral(lo, hi); // the tapers meet: no flat part
    } else {
        const double flatA = std::clamp(flatLow, lo, hi);
        const double flatB = std::clamp(flatHigh, lo, hi);
        inside = kernelIntegral(flatA, flatB);
        if (taper > 0.0) {
            if (flatA > lo)
                inside += taperedIntegral(lo, flatA);
            if (hi > flatB)
                inside += taperedIntegral(flatB, hi);
        }
    }
    return inside > 0.0 ? kernelIntegral(tLow, tHigh) / inside : 0.0;
}

SmoothingKernel ActivityOptions::parseKernel(const std::string& name) {
    if (name == "none")
        return SmoothingKernel::None;
    if (name == "gaussian")
        return SmoothingKernel::Gaussian;
    if (name == "exponential")
        return SmoothingKernel::Exponential;
    throw core::Error("kernel: unknown kernel \"" + name + "\" (none, gaussian, exponential)");
}

std::string ActivityOptions::kernelName(SmoothingKernel kernel) {
    switch (kernel) {
    case SmoothingKernel::Gaussian:
        return "gaussian";
    case SmoothingKernel::Exponential:
        return "exponential";
    case SmoothingKernel::None:
        break;
    }
    return "none";
}

UnitResolution ActivityOptions::parseResolution(const std::string& name) {
    if (name == "neuron")
        return UnitResolution::Neuron;
    if (name == "population")
        return UnitResolution::Population;
    throw core::Error("units: unknown resolution \"" + name + "\" (neuron, population)");
}

} // namespace plexus::analysis
