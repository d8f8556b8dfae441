#pragma once

#include <cstddef>
#include <vector>

namespace plexus::widgets {

/**
 * @brief Smooths a binned rate series with a boxcar or Gaussian kernel.
 *
 * Output i is the kernel-weighted mean of the bins around bin i. Near the ends of the data the
 * kernel is cut off and renormalised over the bins that exist, so a constant rate stays
 * constant up to the newest bin. Plain arithmetic, no Qt.
 *
 * Where output i lies in time: a symmetric kernel with an odd number of taps is centred on the
 * middle of bin i; a boxcar with an even number of taps k covers bins [i - k/2, i + k/2 - 1]
 * and is centred on the start of bin i. sampleOffsetBins() gives that offset, so the smoothed
 * value of a step at bin B is the exact boxcar-filtered step (a linear ramp of width k bins).
 */
class RateSmoother {
public:
    /// Kernel shape.
    enum class Kind {
        None,    ///< no smoothing
        Boxcar,  ///< moving average over widthBins bins (rounded, at least 1)
        Gaussian ///< Gaussian with standard deviation widthBins bins, cut at 3 sigma
    };

    /// A smoother of @p kind whose width is @p widthBins bins.
    explicit RateSmoother(Kind kind = Kind::None, double widthBins = 1.0);

    Kind kind() const { return m_kind; }
    /// Number of taps of the kernel (1 for None).
    std::size_t taps() const { return m_taps; }
    /// Bins before output i that the kernel reads (taps before the centre).
    std::size_t reachBefore() const { return m_before; }
    /// Bins after output i that the kernel reads.
    std::size_t reachAfter() const { return m_taps - 1 - m_before; }
    /// Offset of output i from the start of bin i, in bins (0.5 or 0).
    double sampleOffsetBins() const { return m_offset; }

    /**
     * @brief Writes the smoothed value of bin i of @p values (length @p count) to
     *        out[(i - first) / stride] for i = first, first + stride, ... < last.
     *
     * Only bins [first - reachBefore(), last + reachAfter()) are read, so a caller may pass
     * a slice of a longer series as long as the slice includes that margin; the slice's ends
     * are then treated as the ends of the data.
     */
    void apply(const double* values, std::size_t count, std::size_t first, std::size_t last,
               std::size_t stride, double* out) const;

private:
    Kind m_kind;
    std::size_t m_taps = 1;
    std::size_t m_before = 0;
    double m_offset = 0.5;
    std::vector<double> m_kernel{1.0}; ///< weights of the taps (Gaussian only)
};

} // namespace plexus::widgets
