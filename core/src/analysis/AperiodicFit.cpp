#include "plexus/analysis/AperiodicFit.h"

#include "plexus/core/base/Error.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <string>

namespace plexus::analysis {

namespace {

constexpr double kLn10 = 2.302585092994046;
const double kFwhmPerSd = 2.0 * std::sqrt(2.0 * std::log(2.0));

/// Frequencies (> 0, positive power) of the range and their log10 power.
struct Points {
    Eigen::VectorXd f;
    Eigen::VectorXd y;
};

Points pointsIn(const Spectrum& s, double lowHz, double highHz, std::size_t least) {
    if (!(lowHz < highHz))
        throw core::Error("spectrum fit: the range " + std::to_string(lowHz) + "-" +
                          std::to_string(highHz) + " Hz is empty");
    std::vector<double> f, y;
    for (std::size_t i = 0; i < s.frequenciesHz.size() && i < s.power.size(); ++i) {
        const double fi = s.frequenciesHz[i];
        if (fi > 0.0 && fi >= lowHz && fi <= highHz && s.power[i] > 0.0) {
            f.push_back(fi);
            y.push_back(std::log10(s.power[i]));
        }
    }
    if (f.size() < least)
        throw core::Error("spectrum fit: " + std::to_string(f.size()) +
                          " frequencies with power in " + std::to_string(lowHz) + "-" +
                          std::to_string(highHz) + " Hz (need " + std::to_string(least) + ")");
    Points p;
    p.f = Eigen::Map<Eigen::VectorXd>(f.data(), static_cast<Eigen::Index>(f.size()));
    p.y = Eigen::Map<Eigen::VectorXd>(y.data(), static_cast<Eigen::Index>(y.size()));
    return p;
}

/// Parameters: offset, [knee], chi, then (centre, height, sd) per peak.
struct Model {
    bool knee = false;
    std::size_t peaks = 0;
    double sdMin = 0.25, sdMax = 6.0, fLow = 0.0, fHigh = 0.0;

    Eigen::Index aperiodicCount() const { return knee ? 3 : 2; }
    Eigen::Index size() const { return aperiodicCount() + 3 * static_cast<Eigen::Index>(peaks); }

    double aperiodic(const Eigen::VectorXd& p, double f) const {
        return knee ? p(0) - std::log10(p(1) + std::pow(f, p(2))) : p(0) - p(1) * std::log10(f);
    }
    double value(const Eigen::VectorXd& p, double f) const {
        double v = aperiodic(p, f);
        for (std::size_t j = 0; j < peaks; ++j) {
            const Eigen::Index b = aperiodicCount() + 3 * static_cast<Eigen::Index>(j);
            const double d = f - p(b);
            v += p(b + 1) * std::exp(-d * d / (2.0 * p(b + 2) * p(b + 2)));
        }
        return v;
    }
    void jacobianRow(const Eigen::VectorXd& p, double f, Eigen::Ref<Eigen::RowVectorXd> row) const {
        row(0) = 1.0;
        if (knee) {
            const double fc = std::pow(f, p(2));
            row(1) = -1.0 / ((p(1) + fc) * kLn10);
            row(2) = -fc * std::log(f) / ((p(1) + fc) * kLn10);
        } else {
            row(1) = -std::log10(f);
        }
        for (std::size_t j = 0; j < peaks; ++j) {
            const Eigen::Index b = aperiodicCount() + 3 * static_cast<Eigen::Index>(j);
            const double d = f - p(b), s = p(b + 2);
            const double e = std::exp(-d * d / (2.0 * s * s));
            row(b) = p(b + 1) * e * d / (s * s);
            row(b + 1) = e;
            row(b + 2) = p(b + 1) * e * d * d / (s * s * s);
        }
    }
    /// Keeps the parameters inside their limits.
    void project(Eigen::VectorXd& p) const {
        if (knee)
            p(1) = std::max(p(1), 0.0);
        for (std::size_t j = 0; j < peaks; ++j) {
            const Eigen::Index b = aperiodicCount() + 3 * static_cast<Eigen::Index>(j);
            p(b) = std::clamp(p(b), fLow, fHigh);
            p(b + 1) = std::max(p(b + 1), 0.0);
            p(b + 2) = std::clamp(p(b + 2), sdMin, sdMax);
        }
    }
    double cost(const Eigen::VectorXd& p, const Points& d) const {
        double c = 0.0;
        for (Eigen::Index i = 0; i < d.f.size(); ++i) {
            const double e = d.y(i) - value(p, d.f(i));
            c += e * e;
        }
        return c;
    }
};

/// Levenberg-Marquardt (Marquardt's diagonal scaling) with projection onto the limits.
std::size_t levenbergMarquardt(const Model& model, const Points& d, Eigen::VectorXd& p) {
    model.project(p);
    double current = model.cost(p, d);
    double lambda = 1e-3;
    std::size_t iteration = 0;
    Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> jac(d.f.size(),
                                                                               model.size());
    Eigen::VectorXd residual(d.f.size());
    for (; iteration < 500; ++iteration) {
        for (Eigen::Index i = 0; i < d.f.size(); ++i) {
            model.jacobianRow(p, d.f(i), jac.row(i));
            residual(i) = d.y(i) - model.value(p, d.f(i));
        }
        const Eigen::MatrixXd jtj = jac.transpose() * jac;
        const Eigen::VectorXd g = jac.transpose() * residual;
        bool improved = false;
        while (lambda < 1e10) {
            Eigen::MatrixXd a = jtj;
            a.diagonal().array() += lambda * (jtj.diagonal().array() + 1e-12);
            Eigen::VectorXd next = p + a.ldlt().solve(g);
            model.project(next);
            const double c = model.cost(next, d);
            if (std::isfinite(c) && c < current) {
                const double gain = current - c;
                p = next;
                lambda = std::max(lambda / 10.0, 1e-12);
                improved = gain > 1e-14 * std::max(current, 1e-300);
                current = c;
                break;
            }
            lambda *= 10.0;
        }
        if (!improved)
            break;
    }
    return iteration;
}

double standardDeviation(const Eigen::VectorXd& v) {
    if (v.size() < 2)
        return 0.0;
    return std::sqrt((v.array() - v.mean()).square().sum() / static_cast<double>(v.size() - 1));
}

} // namespace

SpectralSlope AperiodicFit::slope(const Spectrum& spectrum, double lowHz, double highHz) {
    const Points d = pointsIn(spectrum, lowHz, highHz, 2);
    const Eigen::VectorXd x = d.f.array().log10();
    const double mx = x.mean(), my = d.y.mean();
    const double sxx = (x.array() - mx).square().sum();
    const double sxy = ((x.array() - mx) * (d.y.array() - my)).sum();
    SpectralSlope s;
    s.points = static_cast<std::size_t>(d.f.size());
    if (!(sxx > 0.0))
        throw core::Error("spectrum fit: one frequency in the range");
    const double slope = sxy / sxx;
    s.exponent = -slope;
    s.offset = my - slope * mx;
    const double syy = (d.y.array() - my).square().sum();
    s.rSquared = syy > 0.0 ? sxy * sxy / (sxx * syy) : 1.0;
    return s;
}

AperiodicResult AperiodicFit::fit(const Spectrum& spectrum, const AperiodicOptions& options) {
    const Points all = pointsIn(spectrum, options.lowHz, options.highHz, 5);
    Model aperiodic;
    aperiodic.knee = options.knee;
    aperiodic.fLow = all.f.minCoeff();
    aperiodic.fHigh = all.f.maxCoeff();

    // Aperiodic part: a line in log-log to start, then refitted to the points at or below it.
    const SpectralSlope line = slope(spectrum, options.lowHz, options.highHz);
    Eigen::VectorXd ap(aperiodic.size());
    if (options.knee)
        ap << line.offset, 0.0, line.exponent;
    else
        ap << line.offset, line.exponent;
    levenbergMarquardt(aperiodic, all, ap);
    {
        std::vector<double> f, y;
        for (Eigen::Index i = 0; i < all.f.size(); ++i)
            if (all.y(i) <= aperiodic.value(ap, all.f(i))) {
                f.push_back(all.f(i));
                y.push_back(all.y(i));
            }
        if (f.size() >= static_cast<std::size_t>(aperiodic.size()) + 1) {
            Points below;
            below.f = Eigen::Map<Eigen::VectorXd>(f.data(), static_cast<Eigen::Index>(f.size()));
            below.y = Eigen::Map<Eigen::VectorXd>(y.data(), static_cast<Eigen::Index>(y.size()));
            levenbergMarquardt(aperiodic, below, ap);
        }
    }

    // Peaks of the flattened spectrum, largest first.
    const double sdMin = options.minPeakWidthHz / 2.0, sdMax = options.maxPeakWidthHz / 2.0;
    Eigen::VectorXd flat(all.f.size());
    for (Eigen::Index i = 0; i < all.f.size(); ++i)
        flat(i) = all.y(i) - aperiodic.value(ap, all.f(i));
    struct Guess {
        double centre, height, sd;
    };
    std::vector<Guess> guesses;
    while (guesses.size() < options.maxPeaks) {
        Eigen::Index at = 0;
        const double height = flat.maxCoeff(&at);
        if (height <= options.peakThreshold * standardDeviation(flat) ||
            height <= options.minPeakHeight)
            break;
        // Half-height width on the nearer side.
        Eigen::Index left = at, right = at;
        while (left > 0 && flat(left) > 0.5 * height)
            --left;
        while (right < flat.size() - 1 && flat(right) > 0.5 * height)
            ++right;
        const double halfWidth = std::min(all.f(at) - all.f(left), all.f(right) - all.f(at));
        double sd = halfWidth > 0.0 ? 2.0 * halfWidth / kFwhmPerSd : 0.5 * (sdMin + sdMax);
        sd = std::clamp(sd, sdMin, sdMax);
        guesses.push_back({all.f(at), height, sd});
        for (Eigen::Index i = 0; i < flat.size(); ++i) {
            const double d = all.f(i) - all.f(at);
            flat(i) -= height * std::exp(-d * d / (2.0 * sd * sd));
        }
    }
    // Drop peaks at the edges of the range and the lower of two overlapping ones.
    std::vector<Guess> kept;
    for (const Guess& g : guesses)
        if (g.centre - aperiodic.fLow >= g.sd && aperiodic.fHigh - g.centre >= g.sd)
            kept.push_back(g);
    std::sort(kept.begin(), kept.end(),
              [](const Guess& a, const Guess& b) { return a.centre < b.centre; });
    for (std::size_t i = 0; i + 1 < kept.size();) {
        if (kept[i + 1].centre - kept[i].centre < 0.75 * std::max(kept[i].sd, kept[i + 1].sd)) {
            kept.erase(kept.begin() + static_cast<std::ptrdiff_t>(
                                          kept[i].height < kept[i + 1].height ? i : i + 1));
        } else {
            ++i;
        }
    }

    // Joint refit of everything.
    Model full = aperiodic;
    full.peaks = kept.size();
    full.sdMin = sdMin;
    full.sdMax = sdMax;
    Eigen::VectorXd p(full.size());
    p.head(aperiodic.size()) = ap;
    for (std::size_t j = 0; j < kept.size(); ++j) {
        const Eigen::Index b = full.aperiodicCount() + 3 * static_cast<Eigen::Index>(j);
        p(b) = kept[j].centre;
        p(b + 1) = kept[j].height;
        p(b + 2) = kept[j].sd;
    }
    AperiodicResult r;
    r.iterations = levenbergMarquardt(full, all, p);
    r.offset = p(0);
    r.knee = options.knee ? p(1) : 0.0;
    r.exponent = p(options.knee ? 2 : 1);
    r.points = static_cast<std::size_t>(all.f.size());
    for (std::size_t j = 0; j < full.peaks; ++j) {
        const Eigen::Index b = full.aperiodicCount() + 3 * static_cast<Eigen::Index>(j);
        if (p(b + 1) <= 0.0)
            continue;
        r.peaks.push_back({p(b), p(b + 1), 2.0 * p(b + 2)});
    }
    std::sort(r.peaks.begin(), r.peaks.end(), [](const SpectralPeak& a, const SpectralPeak& b) {
        return a.frequencyHz < b.frequencyHz;
    });
    for (const SpectralPeak& peak : r.peaks)
        if (peak.frequencyHz >= options.alphaLowHz && peak.frequencyHz <= options.alphaHighHz &&
            (!r.hasAlpha || peak.power > r.alpha.power)) {
            r.hasAlpha = true;
            r.alpha = peak;
        }
    double ss = 0.0, absolute = 0.0;
    const double mean = all.y.mean();
    for (Eigen::Index i = 0; i < all.f.size(); ++i) {
        const double e = all.y(i) - full.value(p, all.f(i));
        ss += e * e;
        absolute += std::fabs(e);
    }
    const double total = (all.y.array() - mean).square().sum();
    r.rSquared = total > 0.0 ? 1.0 - ss / total : 1.0;
    r.meanAbsoluteError = absolute / static_cast<double>(all.f.size());
    return r;
}

} // namespace plexus::analysis
