#include "plexus/analysis/TrajectoryAnalysis.h"

#include "plexus/analysis/TrajectoryMetrics.h"
#include "plexus/core/base/Error.h"

#include <cmath>
#include <limits>

namespace plexus::analysis {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

const char* const kMetricNames[] = {"path_length", "mean_curvature_rad",  "mean_cosine_similarity",
                                    "stability",   "participation_ratio", "convergence_index"};

Eigen::MatrixXd stack(const std::vector<Eigen::MatrixXd>& parts) {
    Eigen::Index rows = 0;
    for (const auto& p : parts)
        rows += p.rows();
    Eigen::MatrixXd out(rows, parts.front().cols());
    Eigen::Index at = 0;
    for (const auto& p : parts) {
        out.middleRows(at, p.rows()) = p;
        at += p.rows();
    }
    return out;
}

double finiteMean(const std::vector<double>& values) {
    double sum = 0.0;
    std::size_t count = 0;
    for (const double v : values)
        if (std::isfinite(v)) {
            sum += v;
            ++count;
        }
    return count > 0 ? sum / static_cast<double>(count) : kNaN;
}

PcaOptions pcaOptions(const TrajectoryOptions& o) {
    PcaOptions p = o.pca;
    p.components = o.components;
    p.seed = o.seed;
    return p;
}

/// The trajectories in the space where metrics are measured.
std::vector<Eigen::MatrixXd> metricSpace(const std::vector<Eigen::MatrixXd>& x,
                                         const TrajectoryOptions& o, const Pca* fitted) {
    if (o.space == MetricSpace::Pca) {
        const Pca pca = fitted ? *fitted : Pca::fit(stack(x), pcaOptions(o));
        std::vector<Eigen::MatrixXd> out;
        for (const auto& t : x)
            out.push_back(pca.transform(t));
        return out;
    }
    if (!o.centre)
        return x;
    const Eigen::RowVectorXd mean = stack(x).colwise().mean();
    std::vector<Eigen::MatrixXd> out;
    for (const auto& t : x)
        out.push_back(t.rowwise() - mean);
    return out;
}

/// Summary metrics (kMetricNames order) of trajectories already in the metric space.
std::vector<double> summaryMetrics(const std::vector<Eigen::MatrixXd>& m, std::size_t edgePoints) {
    std::vector<double> length, curvature, cosine, stability;
    for (const auto& t : m) {
        length.push_back(TrajectoryMetrics::pathLength(t));
        curvature.push_back(TrajectoryMetrics::meanCurvature(t));
        cosine.push_back(TrajectoryMetrics::meanCosineSimilarity(t));
        stability.push_back(TrajectoryMetrics::stability(t));
    }
    return {finiteMean(length),
            finiteMean(curvature),
            finiteMean(cosine),
            finiteMean(stability),
            TrajectoryMetrics::participationRatio(stack(m)),
            m.size() >= 2 ? TrajectoryMetrics::convergenceIndex(m, edgePoints) : kNaN};
}

} // namespace

const TrajectoryMetric& TrajectoryAnalysis::Result::metric(const std::string& name) const {
    for (const auto& m : summary)
        if (m.name == name)
            return m;
    throw core::Error("trajectory: no metric \"" + name + "\"");
}

TrajectoryAnalysis::Result TrajectoryAnalysis::run(const std::vector<std::string>& names,
                                                   const std::vector<Eigen::MatrixXd>& x,
                                                   const TrajectoryOptions& options,
                                                   const std::vector<std::vector<double>>& times) {
    if (x.empty())
        throw core::Error("trajectory: no condition to analyse");
    if (names.size() != x.size())
        throw core::Error("trajectory: " + std::to_string(names.size()) + " names for " +
                          std::to_string(x.size()) + " trajectories");
    for (std::size_t c = 0; c < x.size(); ++c) {
        if (x[c].rows() < 2)
            throw core::Error("trajectory: condition \"" + names[c] +
                              "\" has fewer than 2 time points");
        if (x[c].cols() != x.front().cols())
            throw core::Error("trajectory: condition \"" + names[c] +
                              "\" has a different number of units");
        if (!x[c].allFinite())
            throw core::Error("trajectory: condition \"" + names[c] + "\" has non-finite values");
    }

    Result r;
    r.units = static_cast<std::size_t>(x.front().cols());
    r.pca = Pca::fit(stack(x), pcaOptions(options));
    const auto m = metricSpace(x, options, &r.pca);

    for (std::size_t c = 0; c < x.size(); ++c) {
        ConditionTrajectory t;
        t.name = names[c];
        if (c < times.size())
            t.timesMs = times[c];
        t.projection = r.pca.transform(x[c]);
        t.pathLength = TrajectoryMetrics::pathLength(m[c]);
        t.curvature = TrajectoryMetrics::curvature(m[c]);
        t.meanCurvature = TrajectoryMetrics::meanCurvature(m[c]);
        t.cosine = TrajectoryMetrics::cosineSimilarity(m[c]);
        t.meanCosineSimilarity = TrajectoryMetrics::meanCosineSimilarity(m[c]);
        t.stability = TrajectoryMetrics::stability(m[c]);
        t.participationRatio = TrajectoryMetrics::participationRatio(m[c]);
        r.conditions.push_back(std::move(t));
    }
    r.conditionDistance = TrajectoryMetrics::conditionDistance(m);
    const auto values = summaryMetrics(m, options.edgePoints);
    r.participationRatio = values[4];
    r.convergenceIndex = values[5];

    const ShuffleControl::Metrics pipeline = [&](const std::vector<Eigen::MatrixXd>& shuffled) {
        return summaryMetrics(metricSpace(shuffled, options, nullptr), options.edgePoints);
    };
    std::vector<ControlSummary> timeControl, unitControl;
    if (options.shuffles > 0) {
        timeControl =
            ShuffleControl::run(x, ShuffleKind::Time, options.shuffles, options.seed, pipeline);
        unitControl =
            ShuffleControl::run(x, ShuffleKind::Units, options.shuffles, options.seed, pipeline);
    }
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i == 5 && x.size() < 2)
            continue;
        TrajectoryMetric metric;
        metric.name = kMetricNames[i];
        metric.value = values[i];
        if (i < timeControl.size())
            metric.timeShuffle = timeControl[i];
        if (i < unitControl.size())
            metric.unitShuffle = unitControl[i];
        r.summary.push_back(metric);
    }
    return r;
}

TrajectoryAnalysis::Result TrajectoryAnalysis::run(const ActivityMatrix& activity,
                                                   const TrajectoryOptions& options) {
    activity.validate("trajectory");
    return run(activity.conditionNames(), activity.conditionTrajectories(), options,
               activity.conditionTimes());
}

} // namespace plexus::analysis
