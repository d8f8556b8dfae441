#include "plexus/analysis/Avalanches.h"

#include "plexus/core/base/Error.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

namespace plexus::analysis {

double Avalanches::meanInterEventInterval(const std::vector<double>& timesMs) {
    if (timesMs.size() < 2)
        return 0.0;
    const auto [lo, hi] = std::minmax_element(timesMs.begin(), timesMs.end());
    return (*hi - *lo) / static_cast<double>(timesMs.size() - 1);
}

AvalancheResult Avalanches::fromCounts(const std::vector<std::int64_t>& counts) {
    AvalancheResult r;
    r.bins = counts.size();
    std::size_t i = 0;
    while (i < counts.size()) {
        if (counts[i] == 0) {
            ++i;
            continue;
        }
        std::size_t j = i;
        std::int64_t size = 0;
        while (j < counts.size() && counts[j] != 0)
            size += counts[j++];
        r.events += static_cast<std::size_t>(size);
        if (i == 0 || j == counts.size()) {
            ++r.incomplete;
        } else {
            r.sizes.push_back(size);
            r.durations.push_back(static_cast<std::int64_t>(j - i));
            r.startBins.push_back(i);
        }
        i = j;
    }
    return r;
}

AvalancheResult Avalanches::detect(const std::vector<double>& timesMs,
                                   const AvalancheOptions& options) {
    std::vector<double> inside;
    for (const double t : timesMs)
        if (t >= options.fromMs && t < options.toMs)
            inside.push_back(t);
    const double to =
        std::isfinite(options.toMs)
            ? options.toMs
            : (inside.empty() ? options.fromMs : *std::max_element(inside.begin(), inside.end()));
    if (!std::isfinite(options.fromMs) || !(to >= options.fromMs))
        throw core::Error("avalanches: the window [" + std::to_string(options.fromMs) + ", " +
                          std::to_string(to) + ") ms is empty");
    double bin = options.binMs;
    if (bin == 0.0) {
        bin = meanInterEventInterval(inside);
        if (!(bin > 0.0))
            throw core::Error("avalanches: the default bin width (mean inter-event interval) "
                              "needs at least two events at different times in the window");
        if (options.timeStepMs > 0.0)
            bin = options.timeStepMs * std::ceil(bin / options.timeStepMs - 1e-9);
    }
    if (!(bin > 0.0) || !std::isfinite(bin))
        throw core::Error("avalanches: bin width must be a positive number of ms");
    // Bins [from + b bin, from + (b + 1) bin) covering the window (the last one may be partial);
    // an open-ended window ends with the bin of the last event.
    const double span = (to - options.fromMs) / bin;
    if (span > static_cast<double>(std::size_t{1} << 31))
        throw core::Error("avalanches: bin width " + std::to_string(bin) +
                          " ms makes too many bins for the window");
    const auto bins = static_cast<std::size_t>(
        std::isfinite(options.toMs) ? std::ceil(span - 1e-9) : std::floor(span) + 1.0);
    std::vector<std::int64_t> counts(bins, 0);
    for (const double t : inside) {
        const auto b = static_cast<std::size_t>(std::floor((t - options.fromMs) / bin));
        if (b < bins)
            ++counts[b];
    }
    AvalancheResult r = fromCounts(counts);
    r.binMs = bin;
    return r;
}

CracklingNoise Avalanches::crackling(const AvalancheResult& avalanches,
                                     const PowerLawOptions& options) {
    CracklingNoise c;
    try {
        c.sizes = PowerLawFit::fit(avalanches.sizes, options);
    } catch (const core::Error& e) {
        throw core::Error(std::string("avalanche sizes: ") + e.what());
    }
    try {
        c.durations = PowerLawFit::fit(avalanches.durations, options);
    } catch (const core::Error& e) {
        throw core::Error(std::string("avalanche durations: ") + e.what());
    }
    c.predictedExponent = (c.durations.alpha - 1.0) / (c.sizes.alpha - 1.0);
    std::map<std::int64_t, std::pair<double, std::size_t>> bySize;
    for (std::size_t i = 0; i < avalanches.sizes.size(); ++i) {
        auto& [sum, n] = bySize[avalanches.durations[i]];
        sum += static_cast<double>(avalanches.sizes[i]);
        ++n;
    }
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (const auto& [duration, sn] : bySize) {
        const double mean = sn.first / static_cast<double>(sn.second);
        c.meanSizeDurations.push_back(duration);
        c.meanSizes.push_back(mean);
        if (duration < c.durations.xmin)
            continue;
        const double x = std::log10(static_cast<double>(duration)), y = std::log10(mean);
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
        ++c.durationsUsed;
    }
    const double n = static_cast<double>(c.durationsUsed);
    const double denominator = n * sxx - sx * sx;
    if (c.durationsUsed < 2 || denominator <= 0.0)
        throw core::Error("avalanches: fewer than two distinct durations >= the duration xmin; "
                          "the size-duration exponent cannot be fitted");
    c.fittedExponent = (n * sxy - sx * sy) / denominator;
    c.fittedIntercept = (sy - c.fittedExponent * sx) / n;
    return c;
}

} // namespace plexus::analysis
