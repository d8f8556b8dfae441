#pragma once

#include <cstddef>
#include <vector>

namespace plexus::analysis {

/// Options of PowerSpectrum::welch().
struct WelchOptions {
    double sampleRateHz = 1000.0;    ///< sampling rate of the signal
    std::size_t segmentLength = 256; ///< samples per segment (the signal length when shorter)
    /// Samples shared by consecutive segments; negative: half a segment.
    long overlap = -1;
};

/// A one-sided power spectral density.
struct Spectrum {
    std::vector<double> frequenciesHz; ///< 0, df, ..., sampleRate / 2 (or below for odd segments)
    std::vector<double> power;         ///< density, signal unit^2 / Hz
    std::size_t segments = 0;          ///< segments averaged
    std::size_t segmentLength = 0;     ///< samples per segment used
    std::size_t overlap = 0;           ///< samples shared by consecutive segments
};

/**
 * @brief Welch's averaged periodogram (Welch 1967, IEEE Trans Audio Electroacoust 15:70).
 *
 * The signal is cut into segments of segmentLength samples whose starts are
 * segmentLength - overlap samples apart (trailing samples that fill no segment are left out);
 * each segment has its mean removed, is multiplied by a periodic Hann window
 * w[n] = 0.5 - 0.5 cos(2 pi n / L) and Fourier transformed; |X(f)|^2 / (fs sum w^2) is doubled
 * at every frequency but 0 and Nyquist and averaged over segments. This is
 * scipy.signal.welch(x, fs, window='hann', nperseg, noverlap, detrend='constant',
 * scaling='density', return_onesided=True, average='mean').
 */
class PowerSpectrum {
public:
    /// Spectrum of `signal` (at least 2 samples). Throws core::Error for a shorter signal, a
    /// non-positive rate, a segment shorter than 2 samples or an overlap >= the segment.
    static Spectrum welch(const std::vector<double>& signal, const WelchOptions& options = {});
    /// Periodic Hann window of `length` samples.
    static std::vector<double> hann(std::size_t length);
};

} // namespace plexus::analysis
