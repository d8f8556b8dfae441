#pragma once

#include "plexus/analysis/ActivityOptions.h"
#include "plexus/analysis/ConditionEpoch.h"
#include "plexus/analysis/DistanceMetric.h"
#include "plexus/analysis/GeoTopology.h"
#include "plexus/analysis/RdmCalculator.h"
#include "plexus/analysis/RdmComparison.h"
#include "plexus/analysis/SpikeTimes.h"
#include "plexus/analysis/TrajectoryAnalysis.h"
#include "plexus/widgets/analysis/AnalysisResult.h"
#include "plexus/widgets/analysis/ModelRdm.h"
#include "plexus/widgets/live/RasterSelection.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace plexus::widgets {

class LiveRecording;

/**
 * @brief One population analysis request: a copy of the spikes it needs plus every setting,
 *        so that run() can go on a worker thread while the recording keeps growing.
 *
 * run() builds the activity matrix of the conditions with analysis::ActivityBuilder::epochs()
 * (one row per bin, repeats numbered by occurrence) and from it
 * - trajectories: analysis::TrajectoryAnalysis::run() on the matrix;
 * - RSA: analysis::RdmCalculator::compute() on the matrix (condition patterns, or the repeats
 *   for crossnobis), classical MDS of the RDM (of sqrt(max(d, 0)) for crossnobis), the
 *   comparison with every model RDM (analysis::RdmComparison::bootstrap(), and
 *   analysis::GeoTopology::bootstrap() when a geo-topological transform is set);
 * - spike statistics over [statisticsStartMs, statisticsEndMs): rate, mean CV of the ISIs
 *   (core::SpikeStatistics), Fano factor of the spike counts in fanoWindowMs windows and the
 *   pooled ISI histogram.
 * So every number equals what the core computes from the same spikes and settings.
 */
struct AnalysisJob {
    /// The copied spikes of one analysed population.
    struct PopulationSpikes {
        std::string name;
        std::size_t size = 0;              ///< neurons analysed
        std::vector<std::int64_t> steps;   ///< spike steps (ascending)
        std::vector<std::int32_t> neurons; ///< neuron of each spike, in [0, size)
    };

    std::vector<PopulationSpikes> populations;
    double dtMs = 0.1;
    std::vector<analysis::ConditionEpoch> epochs; ///< conditions (repeats share a name)
    analysis::ActivityOptions activity;
    analysis::TrajectoryOptions trajectory;
    analysis::DistanceMetric metric = analysis::DistanceMetric::Correlation;
    analysis::CrossnobisOptions crossnobis;
    analysis::ComparisonMethod comparison = analysis::ComparisonMethod::Spearman;
    std::size_t bootstraps = 500;
    double confidence = 0.95;
    std::uint64_t seed = 1;
    std::vector<ModelRdm> models;
    std::optional<analysis::GeoTopologicalThresholds> geoTopology;
    double statisticsStartMs = 0.0;
    double statisticsEndMs = 0.0;
    double isiBinMs = 2.0;
    double isiMaxMs = 200.0;
    double fanoWindowMs = 100.0;
    bool computeTrajectories = true;
    bool computeRsa = true;
    bool computeStatistics = true;

    /**
     * @brief A job over populations @p populations (indices into @p recording) and conditions
     *        @p epochs, copying only the spikes that the epochs (with the kernel's support) and
     *        the statistics span need. With a neuron range in @p restriction only those neurons
     *        of its population are copied (renumbered from 0) and the other populations are
     *        left out. The statistics span is [first epoch start, last epoch end), or the whole
     *        run without epochs. The activity's recorded span is the run so far, [0, now], so
     *        smoothed rates hold up to its ends. Other settings keep their defaults.
     */
    static AnalysisJob fromRecording(const LiveRecording& recording,
                                     const std::vector<std::size_t>& populations,
                                     const std::vector<analysis::ConditionEpoch>& epochs,
                                     const analysis::ActivityOptions& activity,
                                     const RasterSelection& restriction = {});

    /// The copied spikes as analysis::SpikeTimes (time = step x dtMs).
    std::vector<analysis::SpikeTimes> spikeTimes() const;

    /**
     * @brief Computes everything (on any thread). Stops early, with `cancelled` set, when
     *        @p cancelled becomes true (checked between the steps). Never throws: errors end up
     *        in the result's error strings.
     */
    AnalysisResult run(const std::atomic<bool>* cancelled = nullptr) const;

    /// The statistics part of run() alone.
    std::vector<AnalysisResult::PopulationStatistics> statistics() const;
};

} // namespace plexus::widgets
