#pragma once

#include "plexus/analysis/ActivityMatrix.h"
#include "plexus/analysis/Pca.h"
#include "plexus/analysis/ShuffleControl.h"

#include <Eigen/Dense>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace plexus::analysis {

/// Where trajectory metrics are measured.
enum class MetricSpace {
    Ambient, ///< in the space of all units
    Pca      ///< in the space of the first `components` principal components
};

/// Options of TrajectoryAnalysis::run().
struct TrajectoryOptions {
    std::size_t components = 3;               ///< principal components kept for projections
    MetricSpace space = MetricSpace::Ambient; ///< where metrics are measured
    bool centre = false;        ///< Ambient: subtract the mean state over all conditions first
    std::size_t shuffles = 20;  ///< shuffled copies per control (0: no controls)
    std::uint64_t seed = 1;     ///< seed of the shuffles and of randomized PCA
    std::size_t edgePoints = 1; ///< time points averaged at each end for the convergence index
    PcaOptions pca;             ///< solver options (components is taken from above)
};

/// Geometry of one condition's trajectory.
struct ConditionTrajectory {
    std::string name;
    std::vector<double> timesMs; ///< time of each state (may be empty)
    Eigen::MatrixXd projection;  ///< states on the principal components (T x k)
    double pathLength = 0.0;
    Eigen::VectorXd curvature;  ///< turning angle per interior state (radians)
    double meanCurvature = 0.0; ///< radians
    Eigen::MatrixXd cosine;     ///< time-by-time cosine similarity (T x T)
    double meanCosineSimilarity = 0.0;
    double stability = 0.0; ///< mean cosine similarity of consecutive states
    double participationRatio = 0.0;
};

/// A summary metric over all conditions with its shuffle controls.
struct TrajectoryMetric {
    std::string name; ///< e.g. "path_length"
    double value = 0.0;
    ControlSummary timeShuffle;
    ControlSummary unitShuffle;
};

/// Trajectory geometry of population activity: PCA of all states, projection of each
/// condition, and path length, curvature, time-by-time cosine similarity, stability,
/// participation ratio and the convergence index between conditions, each summary metric with
/// shuffled-time and shuffled-unit controls (the whole pipeline, PCA included, is re-run on the
/// shuffled data).
///
/// Summary metrics: path_length, mean_curvature_rad, mean_cosine_similarity and stability are
/// means over conditions; participation_ratio is that of all states pooled; convergence_index
/// needs at least two conditions (TrajectoryMetrics::convergenceIndex()).
class TrajectoryAnalysis {
public:
    /// The result of run().
    struct Result {
        Pca pca; ///< fitted to all states pooled
        std::vector<ConditionTrajectory> conditions;
        Eigen::VectorXd conditionDistance;     ///< D(t) between conditions
        double convergenceIndex = 0.0;         ///< NaN with one condition
        double participationRatio = 0.0;       ///< all states pooled
        std::vector<TrajectoryMetric> summary; ///< summary metrics with controls
        std::size_t units = 0;                 ///< ambient dimension

        /// Summary metric by name; throws core::Error when absent.
        const TrajectoryMetric& metric(const std::string& name) const;
    };

    /// Analyse named trajectories (each T_c x units, at least 2 states).
    static Result run(const std::vector<std::string>& names,
                      const std::vector<Eigen::MatrixXd>& trajectories,
                      const TrajectoryOptions& options,
                      const std::vector<std::vector<double>>& timesMs = {});
    /// Analyse the condition trajectories of an activity matrix.
    static Result run(const ActivityMatrix& activity, const TrajectoryOptions& options);
};

} // namespace plexus::analysis
