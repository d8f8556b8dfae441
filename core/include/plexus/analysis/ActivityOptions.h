#pragma once

#include <string>

namespace plexus::analysis {

/// How spikes become activity values.
enum class SmoothingKernel {
    None,       ///< plain spike counts per bin
    Gaussian,   ///< rate in Hz, Gaussian kernel of standard deviation sigmaMs (centred, acausal)
    Exponential ///< rate in Hz, causal exponential kernel exp(-t/sigmaMs)/sigmaMs, t >= 0
};

/// What one column of an activity matrix stands for.
enum class UnitResolution {
    Neuron,    ///< one column per neuron ("<population>[i]")
    Population ///< one column per population: the mean over its neurons
};

/// Options that turn spike trains into an activity matrix.
struct ActivityOptions {
    double binMs = 10.0;                            ///< bin width (sampling step of smoothed rates)
    SmoothingKernel kernel = SmoothingKernel::None; ///< counting or smoothing
    double sigmaMs = 20.0;                          ///< Gaussian sd or exponential time constant
    bool ratesHz = false;                           ///< None kernel: counts (false) or Hz (true)
    UnitResolution resolution = UnitResolution::Neuron;
    double truncateSigmas = 5.0; ///< kernel support in units of sigmaMs

    /// Throws core::Error when a width or sigma is not a positive finite number.
    void validate() const;

    /// "none", "gaussian" or "exponential"; throws core::Error for other names.
    static SmoothingKernel parseKernel(const std::string& name);
    /// Name of a kernel as accepted by parseKernel().
    static std::string kernelName(SmoothingKernel kernel);
    /// "neuron" or "population"; throws core::Error for other names.
    static UnitResolution parseResolution(const std::string& name);
};

} // namespace plexus::analysis
