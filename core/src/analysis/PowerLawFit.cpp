#include "plexus/analysis/PowerLawFit.h"

#include "plexus/core/base/Error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace plexus::analysis {

namespace {

constexpr double kAlphaLow = 1.0 + 1e-6;
constexpr double kAlphaHigh = 20.0;
constexpr std::int64_t kMaxValue = std::int64_t{1} << 53;

/// Distinct sorted values with their counts and the suffix sums that make the likelihood of
/// any tail O(1).
struct Distinct {
    std::vector<std::int64_t> values;
    std::vector<std::size_t> counts;
    std::vector<std::size_t> tailCount; ///< values >= values[j]
    std::vector<double> tailLogSum;     ///< sum of ln x over values >= values[j]

    explicit Distinct(std::vector<std::int64_t> data) {
        std::sort(data.begin(), data.end());
        for (std::size_t i = 0; i < data.size();) {
            std::size_t j = i;
            while (j < data.size() && data[j] == data[i])
                ++j;
            values.push_back(data[i]);
            counts.push_back(j - i);
            i = j;
        }
        tailCount.assign(values.size() + 1, 0);
        tailLogSum.assign(values.size() + 1, 0.0);
        for (std::size_t j = values.size(); j-- > 0;) {
            tailCount[j] = tailCount[j + 1] + counts[j];
            tailLogSum[j] =
                tailLogSum[j + 1] + static_cast<double>(counts[j]) * std::log(values[j]);
        }
    }
    /// Index of the first value >= x.
    std::size_t index(std::int64_t x) const {
        return static_cast<std::size_t>(std::lower_bound(values.begin(), values.end(), x) -
                                        values.begin());
    }
};

double logLikelihood(double alpha, double xmin, std::size_t n, double logSum) {
    return -static_cast<double>(n) * std::log(PowerLawFit::hurwitzZeta(alpha, xmin)) -
           alpha * logSum;
}

/// Golden-section maximisation of the (concave) discrete log-likelihood.
double maximiseAlpha(std::int64_t xmin, std::size_t n, double logSum) {
    const double xm = static_cast<double>(xmin);
    const double g = 0.5 * (std::sqrt(5.0) - 1.0);
    double a = kAlphaLow, b = kAlphaHigh;
    double c = b - g * (b - a), d = a + g * (b - a);
    double fc = logLikelihood(c, xm, n, logSum), fd = logLikelihood(d, xm, n, logSum);
    while (b - a > 1e-9) {
        if (fc > fd) {
            b = d;
            d = c;
            fd = fc;
            c = b - g * (b - a);
            fc = logLikelihood(c, xm, n, logSum);
        } else {
            a = c;
            c = d;
            fc = fd;
            d = a + g * (b - a);
            fd = logLikelihood(d, xm, n, logSum);
        }
    }
    return 0.5 * (a + b);
}

/// KS distance of the tail starting at distinct index j0 against (alpha, xmin = values[j0]).
double ks(const Distinct& d, std::size_t j0, double alpha) {
    const std::int64_t xmin = d.values[j0];
    const double z = PowerLawFit::hurwitzZeta(alpha, static_cast<double>(xmin));
    const double n = static_cast<double>(d.tailCount[j0]);
    double worst = 0.0;
    double below = 0.0; // empirical CDF just below the current value
    double zetaAt = z;  // zeta(alpha, x) for the current value x
    std::int64_t at = xmin;
    for (std::size_t j = j0; j < d.values.size(); ++j) {
        const std::int64_t u = d.values[j];
        // Advance zetaAt from `at` to u: by subtraction over short gaps, directly otherwise.
        if (u - at <= 64) {
            for (std::int64_t k = at; k < u; ++k)
                zetaAt -= std::pow(static_cast<double>(k), -alpha);
        } else {
            zetaAt = PowerLawFit::hurwitzZeta(alpha, static_cast<double>(u));
        }
        at = u;
        // Just below u the model CDF is 1 - zeta(alpha, u) / z, the empirical one `below`.
        worst = std::max(worst, std::fabs(below - (1.0 - zetaAt / z)));
        const double cdf = below + static_cast<double>(d.counts[j]) / n;
        const double zetaNext = zetaAt - std::pow(static_cast<double>(u), -alpha);
        worst = std::max(worst, std::fabs(cdf - (1.0 - zetaNext / z)));
        zetaAt = zetaNext;
        at = u + 1;
        below = cdf;
    }
    return worst;
}

/// `d` with `x` among its values (count 0 when it was not observed), so a tail can start there.
Distinct withValue(const Distinct& d, std::int64_t x) {
    const std::size_t j = d.index(x);
    if (j < d.values.size() && d.values[j] == x)
        return d;
    Distinct out = d;
    const auto at = [j](auto& v) { return v.begin() + static_cast<std::ptrdiff_t>(j); };
    out.values.insert(at(out.values), x);
    out.counts.insert(at(out.counts), 0);
    out.tailCount.insert(at(out.tailCount), d.tailCount[j]);
    out.tailLogSum.insert(at(out.tailLogSum), d.tailLogSum[j]);
    return out;
}

struct TailFit {
    std::size_t index = 0;
    double alpha = 0.0;
    double ks = std::numeric_limits<double>::infinity();
};

TailFit fitDistinct(const Distinct& given, const PowerLawOptions& options, const char* where) {
    const Distinct d = options.xmin > 0 ? withValue(given, options.xmin) : given;
    const std::size_t minTail = std::max<std::size_t>(options.minTail, 2);
    TailFit best;
    bool any = false;
    for (std::size_t j = 0; j + 1 < d.values.size(); ++j) {
        if (options.xmin > 0 && d.values[j] != options.xmin)
            continue;
        if (options.xmin == 0 && options.xminMax > 0 && d.values[j] > options.xminMax)
            break;
        if (d.tailCount[j] < minTail)
            break;
        const double alpha = maximiseAlpha(d.values[j], d.tailCount[j], d.tailLogSum[j]);
        const double distance = ks(d, j, alpha);
        any = true;
        if (distance < best.ks) {
            best.index = j;
            best.alpha = alpha;
            best.ks = distance;
        }
    }
    if (!any)
        throw core::Error(
            std::string(where) +
            (options.xmin > 0
                 ? ": xmin " + std::to_string(options.xmin) + " leaves too few values above it"
                 : ": too few values for a power-law fit (need " + std::to_string(minTail) +
                       " values >= xmin and two distinct values)"));
    return best;
}

} // namespace

double PowerLawFit::hurwitzZeta(double s, double q) {
    // Direct sum up to a = q + N >= 12 + s, then the Euler-Maclaurin tail with five Bernoulli
    // terms: a^(1-s)/(s-1) + a^-s/2 + sum_j B_2j/(2j)! s(s+1)...(s+2j-2) a^(-s-2j+1).
    double sum = 0.0;
    double a = q;
    while (a < 12.0 + s) {
        sum += std::pow(a, -s);
        a += 1.0;
    }
    static constexpr double kB[] = {1.0 / 6.0, -1.0 / 30.0, 1.0 / 42.0, -1.0 / 30.0, 5.0 / 66.0};
    double tail = std::pow(a, 1.0 - s) / (s - 1.0) + 0.5 * std::pow(a, -s);
    double rising = s; // s (s+1) ... (s + 2j - 2)
    double power = std::pow(a, -s - 1.0);
    double factorial = 2.0; // (2j)!
    for (int j = 1; j <= 5; ++j) {
        tail += kB[j - 1] / factorial * rising * power;
        rising *= (s + 2.0 * j - 1.0) * (s + 2.0 * j);
        power /= a * a;
        factorial *= (2.0 * j + 1.0) * (2.0 * j + 2.0);
    }
    return sum + tail;
}

double PowerLawFit::alphaFor(const std::vector<std::int64_t>& data, std::int64_t xmin) {
    const Distinct d(data);
    const std::size_t j = d.index(xmin);
    if (j >= d.values.size() || d.tailCount[j] < 2)
        throw core::Error("power-law fit: fewer than two values >= xmin " + std::to_string(xmin));
    return maximiseAlpha(xmin, d.tailCount[j], d.tailLogSum[j]);
}

double PowerLawFit::ksDistance(const std::vector<std::int64_t>& data, double alpha,
                               std::int64_t xmin) {
    const Distinct d(data);
    const std::size_t j = d.index(xmin);
    if (j >= d.values.size())
        throw core::Error("power-law fit: no values >= xmin " + std::to_string(xmin));
    return ks(withValue(d, xmin), j, alpha);
}

std::int64_t PowerLawFit::sample(double alpha, std::int64_t xmin, core::RandomStream& random) {
    const double z = hurwitzZeta(alpha, static_cast<double>(xmin));
    // Smallest x >= xmin with P(X > x) = zeta(alpha, x + 1) / z <= u.
    const double target = random.uniformPositive() * z;
    double zeta = z;
    std::int64_t x = xmin;
    for (int step = 0; step < 64; ++step, ++x) {
        zeta -= std::pow(static_cast<double>(x), -alpha);
        if (zeta <= target)
            return x;
    }
    // Beyond the walk: bracket by doubling, then bisect on zeta(alpha, x + 1) <= target.
    std::int64_t low = x - 1, high = x;
    while (hurwitzZeta(alpha, static_cast<double>(high) + 1.0) > target) {
        low = high;
        if (high >= kMaxValue / 2)
            return kMaxValue;
        high *= 2;
    }
    while (high - low > 1) {
        const std::int64_t mid = low + (high - low) / 2;
        if (hurwitzZeta(alpha, static_cast<double>(mid) + 1.0) > target)
            low = mid;
        else
            high = mid;
    }
    return high;
}

PowerLawResult PowerLawFit::fit(const std::vector<std::int64_t>& data,
                                const PowerLawOptions& options) {
    for (const std::int64_t v : data)
        if (v < 1)
            throw core::Error("power-law fit: value " + std::to_string(v) +
                              " is not a positive integer");
    const Distinct d = options.xmin > 0 ? withValue(Distinct(data), options.xmin) : Distinct(data);
    const TailFit best = fitDistinct(d, options, "power-law fit");
    PowerLawResult r;
    r.alpha = best.alpha;
    r.xmin = d.values[best.index];
    r.ks = best.ks;
    r.samples = data.size();
    r.tail = d.tailCount[best.index];
    r.alphaError = (r.alpha - 1.0) / std::sqrt(static_cast<double>(r.tail));
    r.logLikelihood =
        logLikelihood(r.alpha, static_cast<double>(r.xmin), r.tail, d.tailLogSum[best.index]);
    if (options.bootstrap == 0)
        return r;

    // Semi-parametric bootstrap (Clauset et al. 2009, section 4.1).
    std::vector<std::int64_t> body(data.size() - r.tail);
    {
        std::size_t i = 0;
        for (std::size_t j = 0; j < best.index; ++j)
            for (std::size_t c = 0; c < d.counts[j]; ++c)
                body[i++] = d.values[j];
    }
    const double tailFraction = static_cast<double>(r.tail) / static_cast<double>(r.samples);
    std::size_t atLeast = 0;
    std::vector<std::int64_t> synthetic(data.size());
    for (std::size_t draw = 0; draw < options.bootstrap; ++draw) {
        core::RandomStream random(core::streamSeed(options.seed, 0x706f776572ULL, draw));
        for (auto& v : synthetic)
            v = body.empty() || random.uniform() < tailFraction ? sample(r.alpha, r.xmin, random)
                                                                : body[random.below(body.size())];
        double distance = std::numeric_limits<double>::infinity();
        try {
            distance = fitDistinct(Distinct(synthetic), options, "power-law bootstrap").ks;
        } catch (const core::Error&) {
            // A synthetic set too small to fit counts as no better than the data.
        }
        if (distance >= r.ks)
            ++atLeast;
    }
    r.draws = options.bootstrap;
    r.pValue = static_cast<double>(atLeast) / static_cast<double>(options.bootstrap);
    return r;
}

} // namespace plexus::analysis
