#include "plexus/analysis/ActivityOptions.h"

#include "plexus/core/base/Error.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <utility>
#include <vector>

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

/// Integrals over spike times of the kernel times the data weight, and of its square.
struct Moments {
    double weight = 0.0;
    double square = 0.0;
};

} // namespace

double ActivityOptions::dataWeight(double timeMs) const {
    if (!(timeMs >= recordedFromMs && timeMs <= recordedToMs))
        return 0.0;
    if (kernel != SmoothingKernel::Gaussian)
        return 1.0;
    return rise((timeMs - recordedFromMs) / sigmaMs) * rise((recordedToMs - timeMs) / sigmaMs);
}

double ActivityOptions::kernelAt(double lagMs, double widthMs) const {
    const double x = lagMs / widthMs;
    if (kernel == SmoothingKernel::Gaussian) {
        return std::abs(x) <= truncateSigmas
                   ? std::exp(-0.5 * x * x) / (widthMs * std::sqrt(2.0 * std::numbers::pi))
                   : 0.0;
    }
    if (kernel == SmoothingKernel::Exponential)
        return x >= 0.0 && x <= truncateSigmas ? std::exp(-x) / widthMs : 0.0;
    return 0.0;
}

double ActivityOptions::maxSupportMs() const {
    const bool bounded = std::isfinite(recordedFromMs) || std::isfinite(recordedToMs);
    return truncateSigmas * sigmaMs * (bounded ? kMaxEdgeWidening : 1.0);
}

namespace {

/// Spike times the kernel of width @p width at @p centre sees: [low, high].
std::pair<double, double> window(const ActivityOptions& o, double centre, double width) {
    const double support = o.truncateSigmas * width;
    return {centre - support, o.kernel == SmoothingKernel::Gaussian ? centre + support : centre};
}

/// True when the data cover the whole kernel of width sigma at @p centre with weight 1.
bool covered(const ActivityOptions& o, double centre) {
    const auto [low, high] = window(o, centre, o.sigmaMs);
    const double taper = o.kernel == SmoothingKernel::Gaussian ? o.sigmaMs : 0.0;
    return low >= o.recordedFromMs + taper && high <= o.recordedToMs - taper;
}

/// Moments of the weights kernel x data weight at @p centre for kernel width @p width
/// (Simpson's rule over the part of the kernel inside the recorded span, in pieces on which
/// the integrand is smooth: split where the fade of the data weights ends).
Moments moments(const ActivityOptions& o, double centre, double width) {
    auto [low, high] = window(o, centre, width);
    low = std::max(low, o.recordedFromMs);
    high = std::min(high, o.recordedToMs);
    Moments m;
    if (!(high > low))
        return m;
    std::vector<double> knots = {low, high};
    if (o.kernel == SmoothingKernel::Gaussian) {
        for (const double knot :
             {o.recordedFromMs + o.sigmaMs, o.recordedToMs - o.sigmaMs, centre}) {
            if (knot > low && knot < high)
                knots.push_back(knot);
        }
    }
    std::sort(knots.begin(), knots.end());
    constexpr int intervals = 64;
    for (std::size_t k = 0; k + 1 < knots.size(); ++k) {
        const double h = (knots[k + 1] - knots[k]) / intervals;
        Moments piece;
        for (int i = 0; i <= intervals; ++i) {
            const double t = knots[k] + i * h;
            const double f = o.kernelAt(centre - t, width) * o.dataWeight(t);
            const double simpson = i == 0 || i == intervals ? 1.0 : (i % 2 == 1 ? 4.0 : 2.0);
            piece.weight += simpson * f;
            piece.square += simpson * f * f;
        }
        m.weight += piece.weight * h / 3.0;
        m.square += piece.square * h / 3.0;
    }
    return m;
}

/// Weight of the whole truncated kernel (of any width).
double fullWeight(const ActivityOptions& o) {
    return o.kernel == SmoothingKernel::Gaussian ? std::erf(o.truncateSigmas / std::sqrt(2.0))
                                                 : 1.0 - std::exp(-o.truncateSigmas);
}

/// Effective number of spikes (in ms of data) of the whole kernel of width sigma.
double fullSampleMs(const ActivityOptions& o) {
    const double t = o.truncateSigmas;
    if (o.kernel == SmoothingKernel::Gaussian) {
        // (erf(T/sqrt 2))^2 / (erf(T) / (2 sqrt(pi) sigma))
        return std::pow(std::erf(t / std::sqrt(2.0)), 2) * 2.0 * std::sqrt(std::numbers::pi) *
               o.sigmaMs / std::erf(t);
    }
    // (1 - e^-T)^2 / ((1 - e^-2T) / (2 tau))
    return std::pow(1.0 - std::exp(-t), 2) * 2.0 * o.sigmaMs / (1.0 - std::exp(-2.0 * t));
}

} // namespace

ActivityOptions::EdgeKernel ActivityOptions::edgeKernelAt(double centreMs) const {
    EdgeKernel edge;
    edge.widthMs = sigmaMs;
    if (kernel == SmoothingKernel::None || covered(*this, centreMs))
        return edge;
    const double target = fullSampleMs(*this);
    Moments atWidth;
    const auto sample = [&](double width) {
        atWidth = moments(*this, centreMs, width);
        return atWidth.square > 0.0 ? atWidth.weight * atWidth.weight / atWidth.square : 0.0;
    };
    double width = sigmaMs;
    if (sample(sigmaMs) < target) {
        double low = sigmaMs;
        double high = kMaxEdgeWidening * sigmaMs;
        if (sample(high) >= target) {
            for (int i = 0; i < 24; ++i) {
                const double middle = 0.5 * (low + high);
                (sample(middle) < target ? low : high) = middle;
            }
        }
        width = high;
    }
    const Moments m = moments(*this, centreMs, width);
    edge.widthMs = width;
    edge.factor = m.weight > 0.0 ? fullWeight(*this) / m.weight : 0.0;
    return edge;
}

double ActivityOptions::kernelWidthAt(double centreMs) const {
    return edgeKernelAt(centreMs).widthMs;
}

double ActivityOptions::edgeCorrection(double centreMs) const {
    return edgeKernelAt(centreMs).factor;
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
