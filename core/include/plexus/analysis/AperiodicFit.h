#pragma once

#include "plexus/analysis/PowerSpectrum.h"

#include <cstddef>
#include <vector>

namespace plexus::analysis {

/// A straight line fitted to log10 power against log10 frequency.
struct SpectralSlope {
    double exponent = 0.0; ///< chi = -slope
    double offset = 0.0;   ///< log10 power at 1 Hz
    double rSquared = 0.0;
    std::size_t points = 0; ///< frequencies in the range
};

/// Options of AperiodicFit::fit().
struct AperiodicOptions {
    double lowHz = 2.0;   ///< fitted frequency range
    double highHz = 40.0; ///< (inclusive)
    bool knee = false;    ///< fit offset - log10(knee + f^chi) instead of offset - chi log10 f
    std::size_t maxPeaks = 6;
    /// A peak must rise above the aperiodic fit by this many standard deviations of the
    /// flattened spectrum (what is left after the peaks found so far) ...
    double peakThreshold = 2.0;
    double minPeakHeight = 0.0;  ///< ... and by at least this much (log10 power)
    double minPeakWidthHz = 0.5; ///< bandwidth (2 sd) limits of a peak
    double maxPeakWidthHz = 12.0;
    double alphaLowHz = 8.0; ///< band of the alpha peak
    double alphaHighHz = 13.0;
};

/// A Gaussian peak of the log power spectrum above the aperiodic component.
struct SpectralPeak {
    double frequencyHz = 0.0; ///< centre
    double power = 0.0;       ///< height above the aperiodic fit (log10 power)
    double bandwidthHz = 0.0; ///< 2 standard deviations of the Gaussian
};

/// The aperiodic + peaks model of a spectrum.
struct AperiodicResult {
    double offset = 0.0;
    double knee = 0.0;               ///< 0 without the knee
    double exponent = 0.0;           ///< aperiodic exponent chi
    std::vector<SpectralPeak> peaks; ///< by frequency
    bool hasAlpha = false;           ///< a peak lies in the alpha band
    SpectralPeak alpha;              ///< the highest peak in the alpha band
    double rSquared = 0.0;           ///< of the full model in log10 power
    double meanAbsoluteError = 0.0;  ///< in log10 power
    std::size_t points = 0;          ///< frequencies fitted
    std::size_t iterations = 0;      ///< Levenberg-Marquardt iterations of the joint fit
};

/**
 * @brief The aperiodic (1/f^chi) exponent of a power spectrum, two ways.
 *
 * slope(): a straight line through log10 power against log10 frequency over a range, as Gao,
 * Peterson & Voytek (2017), "Inferring synaptic excitation/inhibition balance from field
 * potentials", NeuroImage 158:70-78 (fitted over 30-50 Hz).
 *
 * fit(): the model of Donoghue et al. (2020), "Parameterizing neural power spectra into
 * periodic and aperiodic components", Nat Neurosci 23:1655-1665 (FOOOF): log10 P(f) =
 * offset - log10(knee + f^chi) + sum_j h_j exp(-(f - c_j)^2 / (2 s_j^2)). The aperiodic part is
 * fitted first, then again to the points at or below that first fit (robust to peaks); peaks
 * are then taken one by one at the maximum of the flattened spectrum while it exceeds
 * peakThreshold standard deviations (and minPeakHeight), each given a width from its half
 * height and subtracted; peaks within one sd of the range's edges are dropped, of two peaks
 * closer than 0.75 sd the lower. All parameters are finally refitted jointly by
 * Levenberg-Marquardt (Eigen), keeping widths within their limits and heights positive.
 */
class AperiodicFit {
public:
    /// Line through log10 power over [lowHz, highHz]. Throws core::Error when fewer than two
    /// frequencies > 0 with positive power lie in the range.
    static SpectralSlope slope(const Spectrum& spectrum, double lowHz, double highHz);
    /// The aperiodic + peaks model. Throws core::Error when the range holds fewer than 5
    /// frequencies > 0 with positive power, or the range is inverted.
    static AperiodicResult fit(const Spectrum& spectrum, const AperiodicOptions& options = {});
};

} // namespace plexus::analysis
