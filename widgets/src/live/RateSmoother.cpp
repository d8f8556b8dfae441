#include "plexus/widgets/live/RateSmoother.h"

#include <algorithm>
#include <cmath>

namespace plexus::widgets {

RateSmoother::RateSmoother(Kind kind, double widthBins)
    : m_kind(kind) {
    if (!std::isfinite(widthBins)) {
        widthBins = 1.0;
    }
    switch (kind) {
    case Kind::None:
        break;
    case Kind::Boxcar: {
        m_taps = static_cast<std::size_t>(std::max(1.0, std::round(widthBins)));
        m_before = m_taps / 2;
        m_offset = (m_taps % 2 == 1) ? 0.5 : 0.0;
        break;
    }
    case Kind::Gaussian: {
        const double sigma = widthBins;
        if (sigma < 0.25) {
            m_kind = Kind::None; // narrower than a bin: nothing to smooth
            break;
        }
        const auto half = static_cast<std::size_t>(std::ceil(3.0 * sigma));
        m_taps = 2 * half + 1;
        m_before = half;
        m_kernel.resize(m_taps);
        for (std::size_t k = 0; k < m_taps; ++k) {
            const double x = static_cast<double>(k) - static_cast<double>(half);
            m_kernel[k] = std::exp(-0.5 * x * x / (sigma * sigma));
        }
        break;
    }
    }
}

void RateSmoother::apply(const double* values, std::size_t count, std::size_t first,
                         std::size_t last, std::size_t stride, double* out) const {
    last = std::min(last, count);
    stride = std::max<std::size_t>(stride, 1);
    if (first >= last) {
        return;
    }
    std::size_t o = 0;
    if (m_kind == Kind::None || m_taps == 1) {
        for (std::size_t i = first; i < last; i += stride) {
            out[o++] = values[i];
        }
        return;
    }
    const std::size_t after = reachAfter();
    for (std::size_t i = first; i < last; i += stride) {
        const std::size_t lo = i >= m_before ? i - m_before : 0;
        const std::size_t hi = std::min(count, i + after + 1);
        double sum = 0.0;
        double norm = 0.0;
        if (m_kind == Kind::Boxcar) {
            for (std::size_t j = lo; j < hi; ++j) {
                sum += values[j];
            }
            norm = static_cast<double>(hi - lo);
        } else {
            // Tap k reads bin i - m_before + k.
            const std::size_t k0 = lo + m_before - i;
            for (std::size_t j = lo; j < hi; ++j) {
                const double w = m_kernel[k0 + (j - lo)];
                sum += w * values[j];
                norm += w;
            }
        }
        out[o++] = norm > 0.0 ? sum / norm : 0.0;
    }
}

} // namespace plexus::widgets
