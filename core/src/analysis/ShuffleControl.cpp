#include "plexus/analysis/ShuffleControl.h"

#include <cmath>
#include <numeric>

namespace plexus::analysis {

namespace {

void permute(std::vector<Eigen::Index>& order, core::RandomStream& random) {
    for (std::size_t i = order.size(); i > 1; --i)
        std::swap(order[i - 1], order[random.below(i)]);
}

} // namespace

Eigen::MatrixXd ShuffleControl::shuffleTime(const Eigen::MatrixXd& x, core::RandomStream& random) {
    std::vector<Eigen::Index> order(static_cast<std::size_t>(x.rows()));
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    permute(order, random);
    Eigen::MatrixXd out(x.rows(), x.cols());
    for (Eigen::Index r = 0; r < x.rows(); ++r)
        out.row(r) = x.row(order[static_cast<std::size_t>(r)]);
    return out;
}

Eigen::MatrixXd ShuffleControl::shuffleUnits(const Eigen::MatrixXd& x, core::RandomStream& random) {
    Eigen::MatrixXd out(x.rows(), x.cols());
    std::vector<Eigen::Index> order(static_cast<std::size_t>(x.cols()));
    for (Eigen::Index r = 0; r < x.rows(); ++r) {
        std::iota(order.begin(), order.end(), Eigen::Index{0});
        permute(order, random);
        for (Eigen::Index c = 0; c < x.cols(); ++c)
            out(r, c) = x(r, order[static_cast<std::size_t>(c)]);
    }
    return out;
}

std::vector<Eigen::MatrixXd> ShuffleControl::shuffle(const std::vector<Eigen::MatrixXd>& x,
                                                     ShuffleKind kind, core::RandomStream& random) {
    std::vector<Eigen::MatrixXd> out;
    out.reserve(x.size());
    for (const auto& t : x)
        out.push_back(kind == ShuffleKind::Time ? shuffleTime(t, random) : shuffleUnits(t, random));
    return out;
}

std::vector<ControlSummary> ShuffleControl::run(const std::vector<Eigen::MatrixXd>& trajectories,
                                                ShuffleKind kind, std::size_t shuffles,
                                                std::uint64_t seed, const Metrics& metrics) {
    core::RandomStream random(core::streamSeed(seed, kind == ShuffleKind::Time ? 1 : 2));
    std::vector<ControlSummary> out;
    std::vector<double> m2; // Welford sums of squared deviations
    for (std::size_t s = 0; s < shuffles; ++s) {
        const auto values = metrics(shuffle(trajectories, kind, random));
        if (out.empty()) {
            out.resize(values.size());
            m2.assign(values.size(), 0.0);
        }
        for (std::size_t i = 0; i < values.size() && i < out.size(); ++i) {
            if (!std::isfinite(values[i]))
                continue;
            auto& c = out[i];
            ++c.count;
            const double delta = values[i] - c.mean;
            c.mean += delta / static_cast<double>(c.count);
            m2[i] += delta * (values[i] - c.mean);
        }
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
        auto& c = out[i];
        if (c.count == 0)
            c.mean = std::nan("");
        c.sd = c.count > 1 ? std::sqrt(m2[i] / static_cast<double>(c.count - 1)) : 0.0;
    }
    return out;
}

std::string ShuffleControl::kindName(ShuffleKind kind) {
    return kind == ShuffleKind::Time ? "time" : "units";
}

} // namespace plexus::analysis
