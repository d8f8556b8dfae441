#pragma once

#include <limits>
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
    /// Start of the span the spikes were recorded over (ms; -infinity: unbounded).
    double recordedFromMs = -std::numeric_limits<double>::infinity();
    /// End of the span the spikes were recorded over (ms; +infinity: unbounded).
    double recordedToMs = std::numeric_limits<double>::infinity();

    /// Throws core::Error when a width or sigma is not a positive finite number, or the
    /// recorded span is not a (possibly unbounded) interval with recordedFromMs < recordedToMs.
    void validate() const;

    /// Most the kernel widens near the ends of the recorded span (see kernelWidthAt()).
    static constexpr double kMaxEdgeWidening = 4.0;

    /**
     * @brief Weight of a spike at @p timeMs in a smoothed rate: 0 outside the recorded span,
     * otherwise 1 except, for the Gaussian kernel, within sigmaMs of a (finite) end of the
     * span, where it rises from 0 at the end to 1 as a raised cosine, 0.5 - 0.5 cos(pi d /
     * sigma) at distance d from the end (the product of both ends when they are closer).
     *
     * Spikes are only known inside the span, so a kernel that reaches past an end sees part
     * of its window empty. The taper makes the data fade out smoothly instead of stopping
     * abruptly: a hard cut where the kernel is still high turns the exact timing of the last
     * spikes of regular trains into large swings of the rate.
     */
    double dataWeight(double timeMs) const;

    /// The kernel at lag @p lagMs (bin centre minus spike time) for width @p widthMs (sd or
    /// time constant), per ms: 0 beyond truncateSigmas widths (and before 0 for the causal
    /// exponential).
    double kernelAt(double lagMs, double widthMs) const;

    /**
     * @brief Width (sd or time constant, ms) of the kernel at bin centre @p centreMs:
     * sigmaMs where the data cover the whole kernel; nearer the ends of the recorded span it
     * widens, up to kMaxEdgeWidening x sigmaMs, until the weights w(t) = kernelAt(centre - t)
     * x dataWeight(t) count as many spikes as in the middle (the same effective number,
     * (integral of w)^2 / integral of w^2). So the rate is not noisier at the ends, at the cost
     * of averaging further back (or forward).
     */
    double kernelWidthAt(double centreMs) const;

    /**
     * @brief The factor that makes a smoothed rate at bin centre @p centreMs a weighted mean
     * of the rate: (weight of the whole truncated kernel) / (integral over t of
     * kernelAt(centreMs - t, kernelWidthAt(centreMs)) x dataWeight(t)). 1 where the data cover
     * the whole kernel (and for SmoothingKernel::None), larger near the ends of the span, 0
     * where no part of the kernel is inside it.
     *
     * With it (and the data weights and widths above), a constant rate stays constant up to
     * the ends of the recording, instead of falling to half.
     */
    double edgeCorrection(double centreMs) const;

    /// The kernel at a bin centre: its width and the factor of edgeCorrection().
    struct EdgeKernel {
        double widthMs = 0.0; ///< kernelWidthAt()
        double factor = 1.0;  ///< edgeCorrection()
    };
    /// kernelWidthAt() and edgeCorrection() of @p centreMs in one go.
    EdgeKernel edgeKernelAt(double centreMs) const;

    /// Farthest a spike can be from a bin centre and still count (ms): truncateSigmas x
    /// sigmaMs, times kMaxEdgeWidening when the recorded span is bounded.
    double maxSupportMs() const;

    /// "none", "gaussian" or "exponential"; throws core::Error for other names.
    static SmoothingKernel parseKernel(const std::string& name);
    /// Name of a kernel as accepted by parseKernel().
    static std::string kernelName(SmoothingKernel kernel);
    /// "neuron" or "population"; throws core::Error for other names.
    static UnitResolution parseResolution(const std::string& name);
};

} // namespace plexus::analysis
