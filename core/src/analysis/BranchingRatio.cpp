#include "plexus/analysis/BranchingRatio.h"

#include "plexus/core/base/Error.h"

#include <cmath>
#include <limits>
#include <string>

namespace plexus::analysis {

double BranchingRatio::regressionSlope(const std::vector<double>& activity, std::size_t k) {
    if (activity.size() <= k + 1)
        return 0.0;
    const std::size_t n = activity.size() - k;
    double mx = 0.0, my = 0.0;
    for (std::size_t t = 0; t < n; ++t) {
        mx += activity[t];
        my += activity[t + k];
    }
    mx /= static_cast<double>(n);
    my /= static_cast<double>(n);
    double sxy = 0.0, sxx = 0.0;
    for (std::size_t t = 0; t < n; ++t) {
        const double dx = activity[t] - mx;
        sxy += dx * (activity[t + k] - my);
        sxx += dx * dx;
    }
    return sxx > 0.0 ? sxy / sxx : 0.0;
}

BranchingResult BranchingRatio::estimate(const std::vector<double>& activity, std::size_t kmax) {
    if (kmax < 2)
        throw core::Error("branching ratio: kmax must be at least 2 (got " + std::to_string(kmax) +
                          ")");
    if (activity.size() < kmax + 2)
        throw core::Error("branching ratio: " + std::to_string(activity.size()) +
                          " steps are too few for kmax " + std::to_string(kmax));
    BranchingResult r;
    r.kmax = kmax;
    r.rk.resize(kmax);
    for (std::size_t k = 1; k <= kmax; ++k)
        r.rk[k - 1] = regressionSlope(activity, k);
    r.conventional = r.rk[0];
    if (r.rk[0] == 0.0 && regressionSlope(activity, 0) == 0.0)
        throw core::Error("branching ratio: the activity is constant");

    // Start: log-linear fit over the leading positive r_k.
    double sx = 0, sy = 0, sxx = 0, sxy = 0, n = 0;
    for (std::size_t k = 1; k <= kmax && r.rk[k - 1] > 0.0; ++k) {
        const double x = static_cast<double>(k), y = std::log(r.rk[k - 1]);
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
        n += 1.0;
    }
    double m = 0.5, b = std::max(r.rk[0], 1e-3) / m;
    if (n >= 2.0) {
        const double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        m = std::exp(slope);
        b = std::exp((sy - slope * sx) / n);
    }
    // Levenberg-Marquardt on sum_k (r_k - b m^k)^2.
    const auto cost = [&](double bb, double mm) {
        double c = 0.0;
        for (std::size_t k = 1; k <= kmax; ++k) {
            const double e = r.rk[k - 1] - bb * std::pow(mm, static_cast<double>(k));
            c += e * e;
        }
        return c;
    };
    double lambda = 1e-3;
    double current = cost(b, m);
    for (int iteration = 0; iteration < 200; ++iteration) {
        double jbb = 0, jbm = 0, jmm = 0, gb = 0, gm = 0;
        for (std::size_t k = 1; k <= kmax; ++k) {
            const double kk = static_cast<double>(k);
            const double mk = std::pow(m, kk);
            const double db = mk, dm = b * kk * std::pow(m, kk - 1.0);
            const double e = r.rk[k - 1] - b * mk;
            jbb += db * db;
            jbm += db * dm;
            jmm += dm * dm;
            gb += db * e;
            gm += dm * e;
        }
        bool improved = false;
        while (lambda < 1e12) {
            const double a11 = jbb * (1.0 + lambda), a22 = jmm * (1.0 + lambda), a12 = jbm;
            const double det = a11 * a22 - a12 * a12;
            if (!(std::fabs(det) > 0.0))
                break;
            const double stepB = (gb * a22 - gm * a12) / det;
            const double stepM = (a11 * gm - a12 * gb) / det;
            const double nb = b + stepB, nm = std::max(m + stepM, 1e-9);
            const double next = cost(nb, nm);
            if (next < current) {
                const bool small = std::fabs(stepM) < 1e-12 && std::fabs(stepB) < 1e-12;
                b = nb;
                m = nm;
                lambda = std::max(lambda / 10.0, 1e-12);
                improved = true;
                if (small || current - next < 1e-15 * current) {
                    current = next;
                    r.converged = true;
                    iteration = 1000;
                    break;
                }
                current = next;
                break;
            }
            lambda *= 10.0;
        }
        if (!improved) {
            r.converged = true; // no step lowers the cost: at a minimum
            break;
        }
    }
    r.m = m;
    r.b = b;
    r.tauSteps = m < 1.0 ? -1.0 / std::log(m) : std::numeric_limits<double>::infinity();
    return r;
}

} // namespace plexus::analysis
