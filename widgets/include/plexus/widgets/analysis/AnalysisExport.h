#pragma once

#include "plexus/widgets/analysis/AnalysisResult.h"

#include <filesystem>
#include <string>
#include <vector>

namespace plexus::widgets {

/**
 * @brief Writes the matrices of an AnalysisResult as CSV files (a header row, then one line per
 *        row; written through analysis::ActivityIo::writeMatrixCsv, non-finite values as "nan").
 *
 * Files (each only when its part of the result exists):
 * - `trajectory_projection.csv`: `condition,time_ms,pc1..pck`, one line per state of every
 *   condition (the coordinates the trajectory views draw);
 * - `trajectory_summary.csv`: `metric,value,time_shuffle_mean,time_shuffle_sd,time_shuffle_n,
 *   unit_shuffle_mean,unit_shuffle_sd,unit_shuffle_n` (controls without shuffles: nan, n = 0);
 * - `trajectory_conditions.csv`: `condition,path_length,mean_curvature_rad,stability,
 *   mean_cosine_similarity,participation_ratio`;
 * - `explained_variance.csv`: `component,variance,ratio`;
 * - `condition_distance.csv`: `time_ms,distance` (D(t) between conditions, >= 2 conditions);
 * - `rdm.csv`: `condition,<names>` (conditions x conditions);
 * - `mds.csv`: `condition,dim1,dim2`;
 * - `rdm_geotopological.csv`: the geo-topologically transformed RDM;
 * - `model_comparison.csv`: `model,value,ci_low,ci_high,sd,bootstraps` per compared model;
 * - `avalanches.csv`: `series,x,probability` (AvalancheView::table());
 * - `branching.csv`: `series,k,value` (BranchingView::table());
 * - `spectrum.csv`: `series,frequency_hz,power` (SpectrumView::table());
 * - `memory_capacity.csv`: `series,delay,r_squared` (MemoryCapacityView::table());
 * - `confusion.csv`: `true_class,<predicted classes>` counts (ConfusionMatrixView::table());
 * - `prediction.csv`: `series,time_ms,target,prediction` (PredictionView::table()).
 * The dynamics and readout files hold exactly the numbers their views draw.
 *
 * Commas, quotes and line breaks in names become '_' so that every line has the header's
 * number of fields.
 */
class AnalysisExport {
public:
    /**
     * @brief Writes the CSV files of @p result into @p directory (created when missing).
     * @return the names of the files written, in the order above.
     * @throws core::Error naming the file when one cannot be written.
     */
    static std::vector<std::string> writeCsv(const AnalysisResult& result,
                                             const std::filesystem::path& directory);
    /// True when @p result has a part writeCsv() writes.
    static bool hasData(const AnalysisResult& result);
};

} // namespace plexus::widgets
