#pragma once

#include "plexus/analysis/DistanceMetric.h"
#include "plexus/analysis/Rdm.h"
#include "plexus/analysis/RdmComparison.h"
#include "plexus/analysis/TrajectoryAnalysis.h"

#include <Eigen/Dense>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace plexus::widgets {

/**
 * @brief Everything one AnalysisJob computed, handed from the worker thread to the views.
 *
 * Each part (trajectories, RSA, spike statistics) is present when it could be computed;
 * otherwise its error string says why (e.g. "needs at least 2 conditions"), and the view shows
 * that message in place of the plot.
 */
struct AnalysisResult {
    /// The comparison of the data RDM with one model RDM.
    struct ModelFit {
        std::string name;                      ///< the model's name
        analysis::Rdm model;                   ///< the model RDM (for the conditions)
        analysis::ComparisonResult comparison; ///< data vs model, bootstrap interval
        std::optional<analysis::ComparisonResult> geoTopological; ///< after the GT transform
        std::string error; ///< why the model could not be compared
    };

    /// Representational similarity analysis of the conditions.
    struct Rsa {
        analysis::DistanceMetric metric = analysis::DistanceMetric::Correlation;
        analysis::Rdm rdm;                              ///< data RDM (conditions x conditions)
        Eigen::MatrixXd mds;                            ///< classical MDS, conditions x 2
        Eigen::VectorXd mdsEigenvalues;                 ///< eigenvalues of the MDS
        std::optional<analysis::Rdm> geoTopological;    ///< the GT-transformed data RDM
        std::pair<double, double> thresholds{0.0, 0.0}; ///< GT lower / upper as distances
        analysis::ComparisonMethod method = analysis::ComparisonMethod::Spearman;
        std::vector<ModelFit> models;
    };

    /// Firing statistics of one population over the analysed span.
    struct PopulationStatistics {
        std::string name;
        std::size_t neurons = 0;
        std::size_t spikes = 0;
        double rateHz = 0.0;           ///< spikes / (neurons x span)
        double meanCvIsi = 0.0;        ///< core::SpikeStatistics::meanCvIsi (>= 3 spikes)
        std::size_t cvNeurons = 0;     ///< neurons with a CV (>= 3 spikes)
        double fanoFactor = 0.0;       ///< mean over neurons of var / mean of window counts
        std::size_t fanoNeurons = 0;   ///< neurons with a Fano factor (mean count > 0)
        std::vector<double> isiCounts; ///< pooled ISI histogram (counts per bin)
        std::uint64_t isiOverflow = 0; ///< ISIs beyond the last bin
    };

    std::uint64_t id = 0;                            ///< the AnalysisRunner request that made it
    std::vector<std::string> conditions;             ///< condition names (first-appearance order)
    std::vector<std::vector<double>> repeatStartsMs; ///< start of every repeat per condition
    std::vector<double> centresMs;                   ///< mean centre time of each condition
    std::size_t units = 0;                           ///< columns of the activity matrix
    std::size_t samples = 0;                         ///< rows of the activity matrix
    std::string activityError;                       ///< the activity matrix could not be built

    std::optional<analysis::TrajectoryAnalysis::Result> trajectory;
    std::string trajectoryError;

    std::optional<Rsa> rsa;
    std::string rsaError;

    std::vector<PopulationStatistics> statistics;
    double statisticsStartMs = 0.0; ///< span of the statistics
    double statisticsEndMs = 0.0;
    double isiBinMs = 1.0;       ///< width of an ISI histogram bin
    double fanoWindowMs = 100.0; ///< counting window of the Fano factor

    bool cancelled = false; ///< the job stopped early because it was superseded
    double computeMs = 0.0; ///< time the worker spent
};

} // namespace plexus::widgets
