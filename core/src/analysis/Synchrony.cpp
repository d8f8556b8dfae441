#include "plexus/analysis/Synchrony.h"

#include "plexus/analysis/ActivityBuilder.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/base/RandomStream.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <string>

namespace plexus::analysis {

SampleDistribution SampleDistribution::of(std::vector<double> values, std::size_t bins) {
    SampleDistribution d;
    d.values = std::move(values);
    const std::size_t n = d.values.size();
    if (n == 0)
        return d;
    double sum = 0.0;
    for (const double v : d.values)
        sum += v;
    d.mean = sum / static_cast<double>(n);
    double ss = 0.0;
    for (const double v : d.values)
        ss += (v - d.mean) * (v - d.mean);
    d.sd = n > 1 ? std::sqrt(ss / static_cast<double>(n - 1)) : 0.0;
    bins = std::max<std::size_t>(bins, 1);
    const auto [lo, hi] = std::minmax_element(d.values.begin(), d.values.end());
    const double low = *lo, high = *hi > *lo ? *hi : *lo + 1.0;
    d.edges.resize(bins + 1);
    for (std::size_t i = 0; i <= bins; ++i)
        d.edges[i] = low + (high - low) * static_cast<double>(i) / static_cast<double>(bins);
    d.counts.assign(bins, 0);
    for (const double v : d.values) {
        auto b = static_cast<std::size_t>((v - low) / (high - low) * static_cast<double>(bins));
        ++d.counts[std::min(b, bins - 1)];
    }
    return d;
}

double Synchrony::chiSquared(const Eigen::MatrixXd& signals) {
    if (signals.rows() < 2 || signals.cols() < 1)
        return 0.0;
    const double denominator = static_cast<double>(signals.rows() - 1);
    const Eigen::MatrixXd centred = signals.rowwise() - signals.colwise().mean();
    const double meanUnitVariance = centred.colwise().squaredNorm().mean() / denominator;
    const Eigen::VectorXd population = centred.rowwise().mean();
    const double populationVariance = population.squaredNorm() / denominator;
    return meanUnitVariance > 0.0 ? populationVariance / meanUnitVariance : 0.0;
}

std::vector<double> Synchrony::pairCorrelations(const Eigen::MatrixXd& counts, std::size_t maxPairs,
                                                std::uint64_t seed, std::size_t* possible) {
    // Standardised columns of the units that vary: a correlation is then a dot product.
    std::vector<Eigen::VectorXd> z;
    for (Eigen::Index c = 0; c < counts.cols(); ++c) {
        Eigen::VectorXd v = counts.col(c).array() - counts.col(c).mean();
        const double norm = v.norm();
        if (norm > 0.0)
            z.push_back(v / norm);
    }
    const std::size_t n = z.size();
    const std::size_t pairs = n < 2 ? 0 : n * (n - 1) / 2;
    if (possible)
        *possible = pairs;
    std::vector<double> out;
    if (pairs <= maxPairs) {
        out.reserve(pairs);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = i + 1; j < n; ++j)
                out.push_back(z[i].dot(z[j]));
        return out;
    }
    core::RandomStream random(core::streamSeed(seed, 0x70616972ULL));
    std::set<std::pair<std::size_t, std::size_t>> chosen;
    while (chosen.size() < maxPairs) {
        std::size_t i = random.below(n), j = random.below(n);
        if (i == j)
            continue;
        if (i > j)
            std::swap(i, j);
        if (chosen.insert({i, j}).second)
            out.push_back(z[i].dot(z[j]));
    }
    return out;
}

std::vector<double> Synchrony::fanoFactors(const Eigen::MatrixXd& counts) {
    std::vector<double> out;
    if (counts.rows() < 2)
        return out;
    for (Eigen::Index c = 0; c < counts.cols(); ++c) {
        const double mean = counts.col(c).mean();
        if (mean <= 0.0)
            continue;
        const double variance =
            (counts.col(c).array() - mean).square().sum() / static_cast<double>(counts.rows() - 1);
        out.push_back(variance / mean);
    }
    return out;
}

SynchronyResult Synchrony::analyse(const SpikeTimes& population, const SynchronyOptions& options) {
    if (population.size < 2)
        throw core::Error("synchrony: population \"" + population.name +
                          "\" has fewer than two neurons");
    if (!(options.binMs > 0.0) || !(options.toMs - options.fromMs >= 2.0 * options.binMs))
        throw core::Error("synchrony: the window [" + std::to_string(options.fromMs) + ", " +
                          std::to_string(options.toMs) + ") ms holds fewer than two bins of " +
                          std::to_string(options.binMs) + " ms");
    const ConditionEpoch window{"all", options.fromMs, options.toMs};
    ActivityOptions countOptions;
    countOptions.binMs = options.binMs;
    const Eigen::MatrixXd counts =
        ActivityBuilder::epoch({population}, window, countOptions).values;

    SynchronyResult r;
    r.neurons = population.size;
    r.bins = static_cast<std::size_t>(counts.rows());
    if (options.kernel == SmoothingKernel::None) {
        r.chiSquared = chiSquared(counts);
    } else {
        ActivityOptions rateOptions = countOptions;
        rateOptions.kernel = options.kernel;
        rateOptions.sigmaMs = options.sigmaMs;
        rateOptions.validate();
        r.chiSquared = chiSquared(ActivityBuilder::epoch({population}, window, rateOptions).values);
    }
    r.chi = std::sqrt(r.chiSquared);
    r.correlations = SampleDistribution::of(
        pairCorrelations(counts, options.maxPairs, options.seed, &r.pairsPossible),
        options.histogramBins);
    r.pairsSampled = r.pairsPossible > options.maxPairs;
    r.fano = SampleDistribution::of(fanoFactors(counts), options.histogramBins);
    r.silentNeurons = population.size - r.fano.values.size();
    return r;
}

} // namespace plexus::analysis
