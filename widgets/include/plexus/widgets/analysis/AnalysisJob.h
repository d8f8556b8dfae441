#pragma once

#include "plexus/analysis/ActivityOptions.h"
#include "plexus/analysis/ConditionEpoch.h"
#include "plexus/analysis/DistanceMetric.h"
#include "plexus/analysis/GeoTopology.h"
#include "plexus/analysis/InputSignal.h"
#include "plexus/analysis/PowerLawFit.h"
#include "plexus/analysis/RdmCalculator.h"
#include "plexus/analysis/RdmComparison.h"
#include "plexus/analysis/ReadoutStates.h"
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

    /// Settings of the dynamics measures (see dynamics()).
    struct DynamicsSettings {
        double avalancheBinMs = 0.0;        ///< 0: the mean inter-event interval (whole time steps)
        analysis::PowerLawOptions powerLaw; ///< xmin scan of the avalanche fits
        double branchingBinMs = 4.0;        ///< bin of the counts for the branching ratio
        std::size_t kmax = 40;              ///< largest step of the multistep regression
        double spectrumBinMs = 1.0;         ///< bin of the population rate (sampling step)
        double segmentMs = 1000.0;          ///< Welch segment (at most the span)
        double spectrumLowHz = 1.0;         ///< frequency range shown
        double spectrumHighHz = 100.0;
        double fitLowHz = 1.0;   ///< aperiodic fit range (the high end is capped at 0.8 x
        double fitHighHz = 50.0; ///< Nyquist)
    };

    /// Where the input signal of memory capacity, NARMA-10 and regression comes from.
    struct ReadoutInput {
        enum class Kind {
            Uniform, ///< analysis::InputSignal::uniform on [0, 1) (memory capacity)
            Narma,   ///< analysis::InputSignal::narma10, uniform on [0, 0.5)
            Csv      ///< analysis::InputSignal::readCsv(path): time_ms,value
        };
        Kind kind = Kind::Uniform;
        double stepMs = 5.0;    ///< sampling step of a generated signal (from 0 ms)
        std::uint64_t seed = 1; ///< seed of a generated signal
        std::string path;       ///< the CSV file
    };

    /// Settings of the readout (see readout()).
    struct ReadoutSettings {
        AnalysisResult::ReadoutTask task = AnalysisResult::ReadoutTask::Classify;
        analysis::ReadoutStates::Options states; ///< exponential filter (tau) or counts (bin)
        std::size_t folds = 5;                   ///< cross-validation folds across groups
        double testFraction = 0.2;               ///< share of the groups held out
        std::size_t delays = 20;                 ///< memory capacity: K
        std::size_t blocks = 10;                 ///< groups of an input-driven task
        std::size_t washout = 100;               ///< NARMA-10: samples skipped
        ReadoutInput input;
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
    DynamicsSettings dynamicsSettings;
    ReadoutSettings readoutSettings;
    bool computeDynamics = true;
    bool computeReadout = true;

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

    /**
     * @brief The dynamics part of run(): the spikes of all populations pooled over
     *        [statisticsStartMs, statisticsEndMs) give the avalanches
     *        (analysis::Avalanches::detect() with the time step, Avalanches::crackling()), the
     *        branching ratio (analysis::BranchingRatio::estimate() of the counts in bins of
     *        branchingBinMs) and the Welch spectrum of the population rate (Hz per neuron in
     *        bins of spectrumBinMs) with analysis::AperiodicFit::fit() over the fit range, as
     *        `plexus-cli analyze avalanches|branching|spectrum` compute them. Throws
     *        core::Error when there is nothing to analyse; a part that fails keeps its error.
     */
    AnalysisResult::Dynamics dynamics() const;

    /**
     * @brief The readout part of run(): analysis::ReadoutStates of all populations at the
     *        readout times, then analysis::ReadoutTasks. Memory capacity, NARMA-10 and
     *        regression sample the states at the input signal's times inside the statistics
     *        span (in `blocks` contiguous groups); classification takes one trial per epoch
     *        (class = its name, state at its end). Throws core::Error saying what is missing.
     */
    AnalysisResult::Readout readout() const;
    /// The input signal readout() uses (throws core::Error naming a bad CSV file).
    analysis::InputSignal readoutInput() const;
};

} // namespace plexus::widgets
