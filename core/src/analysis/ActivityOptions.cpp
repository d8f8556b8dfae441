#include "plexus/analysis/ActivityOptions.h"

#include "plexus/core/Error.h"

#include <cmath>

namespace plexus::analysis {

void ActivityOptions::validate() const {
    if (!(binMs > 0.0) || !std::isfinite(binMs))
        throw core::Error("bin width: must be a positive number of ms");
    if (kernel != SmoothingKernel::None && (!(sigmaMs > 0.0) || !std::isfinite(sigmaMs)))
        throw core::Error("kernel sigma: must be a positive number of ms");
    if (!(truncateSigmas > 0.0) || !std::isfinite(truncateSigmas))
        throw core::Error("kernel truncation: must be a positive number of sigmas");
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
