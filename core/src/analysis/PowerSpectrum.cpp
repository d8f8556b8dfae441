#include "plexus/analysis/PowerSpectrum.h"

#include "plexus/core/base/Error.h"

#include <cmath>
#include <complex>
#include <string>
#include <unsupported/Eigen/FFT>

namespace plexus::analysis {

std::vector<double> PowerSpectrum::hann(std::size_t length) {
    std::vector<double> w(length);
    const double pi = 3.14159265358979323846;
    for (std::size_t n = 0; n < length; ++n)
        w[n] =
            0.5 - 0.5 * std::cos(2.0 * pi * static_cast<double>(n) / static_cast<double>(length));
    return w;
}

Spectrum PowerSpectrum::welch(const std::vector<double>& signal, const WelchOptions& options) {
    if (signal.size() < 2)
        throw core::Error("spectrum: the signal has fewer than two samples");
    if (!(options.sampleRateHz > 0.0) || !std::isfinite(options.sampleRateHz))
        throw core::Error("spectrum: the sample rate must be a positive number of Hz");
    for (const double v : signal)
        if (!std::isfinite(v))
            throw core::Error("spectrum: the signal holds a value that is not finite");
    const std::size_t length = std::min(options.segmentLength, signal.size());
    if (length < 2)
        throw core::Error("spectrum: the segment must hold at least 2 samples");
    const std::size_t overlap =
        options.overlap < 0 ? length / 2 : static_cast<std::size_t>(options.overlap);
    if (overlap >= length)
        throw core::Error("spectrum: overlap " + std::to_string(overlap) +
                          " must be smaller than the segment (" + std::to_string(length) +
                          " samples)");
    const std::size_t step = length - overlap;
    const std::size_t segments = (signal.size() - overlap) / step;

    const std::vector<double> window = hann(length);
    double windowPower = 0.0;
    for (const double w : window)
        windowPower += w * w;
    const double scale = 1.0 / (options.sampleRateHz * windowPower);
    const std::size_t bins = length / 2 + 1;

    Spectrum s;
    s.segments = segments;
    s.segmentLength = length;
    s.overlap = overlap;
    s.power.assign(bins, 0.0);
    s.frequenciesHz.resize(bins);
    for (std::size_t k = 0; k < bins; ++k)
        s.frequenciesHz[k] =
            static_cast<double>(k) * options.sampleRateHz / static_cast<double>(length);

    Eigen::FFT<double> fft;
    std::vector<double> segment(length);
    std::vector<std::complex<double>> transform;
    for (std::size_t i = 0; i < segments; ++i) {
        const double* x = signal.data() + i * step;
        double mean = 0.0;
        for (std::size_t n = 0; n < length; ++n)
            mean += x[n];
        mean /= static_cast<double>(length);
        for (std::size_t n = 0; n < length; ++n)
            segment[n] = (x[n] - mean) * window[n];
        fft.fwd(transform, segment);
        for (std::size_t k = 0; k < bins; ++k)
            s.power[k] += std::norm(transform[k]);
    }
    for (std::size_t k = 0; k < bins; ++k) {
        const bool unpaired = k == 0 || (length % 2 == 0 && k == length / 2);
        s.power[k] *= scale * (unpaired ? 1.0 : 2.0) / static_cast<double>(segments);
    }
    return s;
}

} // namespace plexus::analysis
