#include "plexus/analysis/ActivityBuilder.h"

#include "plexus/core/base/Error.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace plexus::analysis {

namespace {

constexpr double kInvSqrt2Pi = 0.3989422804014327;

/// Spikes of one population in time order.
struct SortedSpikes {
    std::vector<double> times;
    std::vector<std::int32_t> neurons;
    std::size_t size = 0;
};

SortedSpikes sortSpikes(const SpikeTimes& s) {
    if (s.timesMs.size() != s.neurons.size())
        throw core::Error("spikes \"" + s.name + "\": " + std::to_string(s.timesMs.size()) +
                          " times for " + std::to_string(s.neurons.size()) + " neurons");
    SortedSpikes out;
    out.size = s.size;
    if (std::is_sorted(s.timesMs.begin(), s.timesMs.end())) {
        out.times = s.timesMs;
        out.neurons = s.neurons;
        return out;
    }
    std::vector<std::size_t> order(s.timesMs.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return s.timesMs[a] < s.timesMs[b]; });
    out.times.reserve(order.size());
    out.neurons.reserve(order.size());
    for (const auto i : order) {
        out.times.push_back(s.timesMs[i]);
        out.neurons.push_back(s.neurons[i]);
    }
    return out;
}

std::vector<SortedSpikes> sortAll(const std::vector<SpikeTimes>& populations) {
    std::vector<SortedSpikes> out;
    out.reserve(populations.size());
    for (const auto& p : populations)
        out.push_back(sortSpikes(p));
    return out;
}

Eigen::Index unitCount(const std::vector<SortedSpikes>& pops, UnitResolution resolution) {
    if (resolution == UnitResolution::Population)
        return static_cast<Eigen::Index>(pops.size());
    std::size_t n = 0;
    for (const auto& p : pops)
        n += p.size;
    return static_cast<Eigen::Index>(n);
}

std::size_t binCount(const ConditionEpoch& e, const ActivityOptions& o) {
    const double n = std::floor(e.durationMs() / o.binMs + 1e-9);
    if (n < 1.0)
        throw core::Error("condition \"" + e.name + "\": shorter than one bin (" +
                          std::to_string(e.durationMs()) + " ms < " + std::to_string(o.binMs) +
                          " ms)");
    return static_cast<std::size_t>(n);
}

/// A bin whose kernel reaches an end of the recorded span: its own width and factor.
struct EdgeBin {
    std::int64_t bin = 0;
    double centreMs = 0.0;
    double widthMs = 0.0;
    double factor = 1.0;
};

/// The bins of an epoch that need the edge handling of ActivityOptions (none for counts or
/// an unbounded span); @p edge flags them.
std::vector<EdgeBin> edgeBins(double startMs, std::size_t bins, const ActivityOptions& o,
                              std::vector<char>& edge) {
    std::vector<EdgeBin> out;
    edge.assign(bins, 0);
    if (o.kernel == SmoothingKernel::None)
        return out;
    for (std::size_t b = 0; b < bins; ++b) {
        const double centre = startMs + (static_cast<double>(b) + 0.5) * o.binMs;
        const ActivityOptions::EdgeKernel kernel = o.edgeKernelAt(centre);
        if (kernel.widthMs != o.sigmaMs || kernel.factor != 1.0) {
            out.push_back({static_cast<std::int64_t>(b), centre, kernel.widthMs, kernel.factor});
            edge[b] = 1;
        }
    }
    return out;
}

/// Add the activity of one population over `bins` bins from `startMs` into `out`.
void accumulate(const SortedSpikes& pop, double startMs, std::size_t bins, const ActivityOptions& o,
                const std::vector<EdgeBin>& edges, const std::vector<char>& edge,
                Eigen::Index column0, Eigen::MatrixXd& out) {
    const bool perPopulation = o.resolution == UnitResolution::Population;
    const double weight =
        perPopulation ? (pop.size > 0 ? 1.0 / static_cast<double>(pop.size) : 0.0) : 1.0;
    const double endMs = startMs + static_cast<double>(bins) * o.binMs;
    const auto nBins = static_cast<std::int64_t>(bins);
    double lowMs = startMs;
    double highMs = endMs;
    const double support = o.truncateSigmas * o.sigmaMs;
    if (o.kernel == SmoothingKernel::Gaussian) {
        lowMs -= support;
        highMs += support;
    } else if (o.kernel == SmoothingKernel::Exponential) {
        lowMs -= support;
    }
    const auto column = [&](std::int32_t neuron) { return column0 + (perPopulation ? 0 : neuron); };
    const auto valid = [&](std::int32_t neuron) {
        return neuron >= 0 && static_cast<std::size_t>(neuron) < pop.size;
    };
    const auto first = std::lower_bound(pop.times.begin(), pop.times.end(), lowMs);
    const auto last = std::lower_bound(first, pop.times.end(), highMs);
    for (auto it = first; it != last; ++it) {
        const auto k = static_cast<std::size_t>(it - pop.times.begin());
        const std::int32_t neuron = pop.neurons[k];
        if (!valid(neuron))
            continue;
        const Eigen::Index col = column(neuron);
        const double t = *it;
        if (o.kernel == SmoothingKernel::None) {
            auto b = static_cast<std::int64_t>(std::floor((t - startMs) / o.binMs));
            b = std::clamp<std::int64_t>(b, 0, nBins - 1);
            out(b, col) += weight;
            continue;
        }
        // Bins whose centre c_b = start + (b + 0.5) bin lies in the kernel's support; the
        // data cover their whole kernel (edge bins follow below).
        const double rel = (t - startMs) / o.binMs - 0.5;
        std::int64_t bLow = 0;
        std::int64_t bHigh = 0;
        if (o.kernel == SmoothingKernel::Gaussian) {
            bLow = static_cast<std::int64_t>(std::ceil(rel - support / o.binMs));
            bHigh = static_cast<std::int64_t>(std::floor(rel + support / o.binMs));
        } else {
            bLow = static_cast<std::int64_t>(std::ceil(rel));
            bHigh = static_cast<std::int64_t>(std::floor(rel + support / o.binMs));
        }
        bLow = std::max<std::int64_t>(bLow, 0);
        bHigh = std::min<std::int64_t>(bHigh, nBins - 1);
        for (std::int64_t b = bLow; b <= bHigh; ++b) {
            if (edge[static_cast<std::size_t>(b)] != 0)
                continue;
            const double x = startMs + (static_cast<double>(b) + 0.5) * o.binMs - t;
            double v = 0.0;
            if (o.kernel == SmoothingKernel::Gaussian) {
                const double z = x / o.sigmaMs;
                v = kInvSqrt2Pi / o.sigmaMs * std::exp(-0.5 * z * z);
            } else if (x >= 0.0) {
                v = std::exp(-x / o.sigmaMs) / o.sigmaMs;
            }
            out(b, col) += weight * 1000.0 * v;
        }
    }
    // Bins near the ends of the recorded span: their own kernel width, the data weights and
    // the factor that makes the sum a weighted mean.
    for (const EdgeBin& e : edges) {
        const double reach = o.truncateSigmas * e.widthMs;
        const double from = e.centreMs - reach;
        const double to = o.kernel == SmoothingKernel::Gaussian ? e.centreMs + reach : e.centreMs;
        const auto begin = std::lower_bound(pop.times.begin(), pop.times.end(), from);
        for (auto it = begin; it != pop.times.end() && *it <= to; ++it) {
            const std::int32_t neuron =
                pop.neurons[static_cast<std::size_t>(it - pop.times.begin())];
            if (!valid(neuron))
                continue;
            const double v = o.kernelAt(e.centreMs - *it, e.widthMs) * o.dataWeight(*it);
            out(e.bin, column(neuron)) += weight * 1000.0 * e.factor * v;
        }
    }
}

ActivityMatrix buildEpoch(const std::vector<SortedSpikes>& pops,
                          const std::vector<std::string>& names, const ConditionEpoch& e,
                          const ActivityOptions& o, int repeat) {
    const std::size_t bins = binCount(e, o);
    ActivityMatrix m;
    m.values =
        Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(bins), unitCount(pops, o.resolution));
    std::vector<char> edge;
    const std::vector<EdgeBin> edges = edgeBins(e.startMs, bins, o, edge);
    Eigen::Index column = 0;
    for (const auto& p : pops) {
        accumulate(p, e.startMs, bins, o, edges, edge, column, m.values);
        column +=
            o.resolution == UnitResolution::Population ? 1 : static_cast<Eigen::Index>(p.size);
    }
    if (o.kernel == SmoothingKernel::None && o.ratesHz)
        m.values *= 1000.0 / o.binMs;
    m.unitNames = names;
    m.conditions.assign(bins, e.name);
    m.partitions.assign(bins, repeat);
    m.timesMs.resize(bins);
    for (std::size_t b = 0; b < bins; ++b)
        m.timesMs[b] = e.startMs + (static_cast<double>(b) + 0.5) * o.binMs;
    return m;
}

} // namespace

std::vector<std::string> ActivityBuilder::unitNames(const std::vector<SpikeTimes>& populations,
                                                    UnitResolution resolution) {
    std::vector<std::string> names;
    for (const auto& p : populations) {
        if (resolution == UnitResolution::Population) {
            names.push_back(p.name);
            continue;
        }
        for (std::size_t i = 0; i < p.size; ++i)
            names.push_back(p.name + "[" + std::to_string(i) + "]");
    }
    return names;
}

ActivityMatrix ActivityBuilder::epoch(const std::vector<SpikeTimes>& populations,
                                      const ConditionEpoch& e, const ActivityOptions& options,
                                      int repeat) {
    options.validate();
    return buildEpoch(sortAll(populations), unitNames(populations, options.resolution), e, options,
                      repeat);
}

ActivityMatrix ActivityBuilder::epochs(const std::vector<SpikeTimes>& populations,
                                       const std::vector<ConditionEpoch>& epochs,
                                       const ActivityOptions& options) {
    options.validate();
    const auto pops = sortAll(populations);
    const auto names = unitNames(populations, options.resolution);
    std::map<std::string, int> repeats;
    std::vector<ActivityMatrix> parts;
    for (const auto& e : epochs)
        parts.push_back(buildEpoch(pops, names, e, options, repeats[e.name]++));
    return ActivityMatrix::stackRows(parts);
}

ActivityMatrix ActivityBuilder::epochMeans(const std::vector<SpikeTimes>& populations,
                                           const std::vector<ConditionEpoch>& epochs,
                                           const ActivityOptions& options) {
    options.validate();
    const auto pops = sortAll(populations);
    ActivityMatrix out;
    out.unitNames = unitNames(populations, options.resolution);
    out.values = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(epochs.size()),
                                       unitCount(pops, options.resolution));
    std::map<std::string, int> repeats;
    for (std::size_t i = 0; i < epochs.size(); ++i) {
        const auto& e = epochs[i];
        const auto row = static_cast<Eigen::Index>(i);
        if (options.kernel == SmoothingKernel::None) {
            // One bin spanning the whole epoch gives its exact count.
            ActivityOptions whole = options;
            whole.binMs = e.durationMs();
            whole.ratesHz = false;
            const ActivityMatrix m = buildEpoch(pops, out.unitNames, e, whole, 0);
            const double scale =
                options.ratesHz ? 1000.0 / e.durationMs() : options.binMs / e.durationMs();
            out.values.row(row) = m.values.row(0) * scale;
        } else {
            const ActivityMatrix m = buildEpoch(pops, out.unitNames, e, options, 0);
            out.values.row(row) = m.values.colwise().mean();
        }
        out.conditions.push_back(e.name);
        out.partitions.push_back(repeats[e.name]++);
        out.timesMs.push_back(0.5 * (e.startMs + e.endMs));
    }
    return out;
}

} // namespace plexus::analysis
