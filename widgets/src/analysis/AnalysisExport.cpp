#include "plexus/widgets/analysis/AnalysisExport.h"

#include "plexus/analysis/ActivityIo.h"
#include "plexus/core/base/Error.h"
#include "plexus/widgets/analysis/AvalancheView.h"
#include "plexus/widgets/analysis/BranchingView.h"
#include "plexus/widgets/analysis/ConfusionMatrixView.h"
#include "plexus/widgets/analysis/MemoryCapacityView.h"
#include "plexus/widgets/analysis/PredictionView.h"
#include "plexus/widgets/analysis/SpectrumView.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <system_error>

namespace plexus::widgets {

namespace {

using analysis::ActivityIo;

/// @p name without the characters that would break a CSV line.
std::string csvName(std::string name) {
    for (char& c : name) {
        if (c == ',' || c == '"' || c == '\n' || c == '\r') {
            c = '_';
        }
    }
    return name;
}

std::vector<std::string> csvNames(const std::vector<std::string>& names) {
    std::vector<std::string> out;
    out.reserve(names.size());
    for (const auto& n : names) {
        out.push_back(csvName(n));
    }
    return out;
}

/// A shuffle control as mean, sd, n (nan, nan, 0 without shuffles).
void putControl(Eigen::MatrixXd& m, Eigen::Index row, Eigen::Index col,
                const analysis::ControlSummary& c) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    m(row, col) = c.count > 0 ? c.mean : nan;
    m(row, col + 1) = c.count > 0 ? c.sd : nan;
    m(row, col + 2) = static_cast<double>(c.count);
}

} // namespace

std::vector<std::string> AnalysisExport::writeCsv(const AnalysisResult& result,
                                                  const std::filesystem::path& directory) {
    std::error_code ec;
    std::filesystem::create_directories(directory, ec);
    if (ec) {
        throw core::Error(directory.string() + ": cannot create the folder: " + ec.message());
    }
    std::vector<std::string> files;
    const auto write = [&](const Eigen::MatrixXd& matrix, const std::vector<std::string>& columns,
                           const std::string& file, const std::vector<std::string>& rows,
                           const std::string& first) {
        ActivityIo::writeMatrixCsv(matrix, columns, directory / file, rows, first);
        files.push_back(file);
    };

    if (result.trajectory) {
        const auto& traj = *result.trajectory;
        const Eigen::Index k = traj.pca.components().cols();
        std::vector<std::string> pcNames;
        for (Eigen::Index i = 0; i < k; ++i) {
            pcNames.push_back("pc" + std::to_string(i + 1));
        }

        // Coordinates: condition, time, PCs.
        Eigen::Index total = 0;
        for (const auto& c : traj.conditions) {
            total += c.projection.rows();
        }
        Eigen::MatrixXd coords = Eigen::MatrixXd::Zero(total, k + 1);
        std::vector<std::string> rowNames;
        rowNames.reserve(static_cast<std::size_t>(total));
        Eigen::Index row = 0;
        for (const auto& c : traj.conditions) {
            const std::string name = csvName(c.name);
            for (Eigen::Index t = 0; t < c.projection.rows(); ++t, ++row) {
                coords(row, 0) = static_cast<std::size_t>(t) < c.timesMs.size()
                                     ? c.timesMs[static_cast<std::size_t>(t)]
                                     : static_cast<double>(t);
                for (Eigen::Index j = 0; j < std::min(k, c.projection.cols()); ++j) {
                    coords(row, j + 1) = c.projection(t, j);
                }
                rowNames.push_back(name);
            }
        }
        std::vector<std::string> columns = {"time_ms"};
        columns.insert(columns.end(), pcNames.begin(), pcNames.end());
        write(coords, columns, "trajectory_projection.csv", rowNames, "condition");

        // Summary metrics with their controls.
        Eigen::MatrixXd summary(static_cast<Eigen::Index>(traj.summary.size()), 7);
        std::vector<std::string> metricNames;
        for (std::size_t i = 0; i < traj.summary.size(); ++i) {
            const auto& m = traj.summary[i];
            const auto r = static_cast<Eigen::Index>(i);
            summary(r, 0) = m.value;
            putControl(summary, r, 1, m.timeShuffle);
            putControl(summary, r, 4, m.unitShuffle);
            metricNames.push_back(csvName(m.name));
        }
        write(summary,
              {"value", "time_shuffle_mean", "time_shuffle_sd", "time_shuffle_n",
               "unit_shuffle_mean", "unit_shuffle_sd", "unit_shuffle_n"},
              "trajectory_summary.csv", metricNames, "metric");

        // Per-condition metrics.
        Eigen::MatrixXd perCondition(static_cast<Eigen::Index>(traj.conditions.size()), 5);
        std::vector<std::string> conditionNames;
        for (std::size_t i = 0; i < traj.conditions.size(); ++i) {
            const auto& c = traj.conditions[i];
            perCondition.row(static_cast<Eigen::Index>(i)) << c.pathLength, c.meanCurvature,
                c.stability, c.meanCosineSimilarity, c.participationRatio;
            conditionNames.push_back(csvName(c.name));
        }
        write(perCondition,
              {"path_length", "mean_curvature_rad", "stability", "mean_cosine_similarity",
               "participation_ratio"},
              "trajectory_conditions.csv", conditionNames, "condition");

        Eigen::MatrixXd variance =
            Eigen::MatrixXd::Constant(k, 2, std::numeric_limits<double>::quiet_NaN());
        const Eigen::VectorXd& var = traj.pca.explainedVariance();
        const Eigen::VectorXd ratio = traj.pca.explainedVarianceRatio();
        for (Eigen::Index i = 0; i < k; ++i) {
            if (i < var.size()) {
                variance(i, 0) = var(i);
            }
            if (i < ratio.size()) {
                variance(i, 1) = ratio(i);
            }
        }
        write(variance, {"variance", "ratio"}, "explained_variance.csv", pcNames, "component");

        if (traj.conditionDistance.size() > 0 && !traj.conditions.empty()) {
            const auto& times = traj.conditions.front().timesMs;
            Eigen::MatrixXd distance(traj.conditionDistance.size(), 2);
            for (Eigen::Index t = 0; t < distance.rows(); ++t) {
                distance(t, 0) = static_cast<std::size_t>(t) < times.size()
                                     ? times[static_cast<std::size_t>(t)]
                                     : static_cast<double>(t);
                distance(t, 1) = traj.conditionDistance(t);
            }
            write(distance, {"time_ms", "distance"}, "condition_distance.csv", {}, "");
        }
    }

    if (result.rsa) {
        const auto& rsa = *result.rsa;
        const std::vector<std::string> names = csvNames(rsa.rdm.names());
        write(rsa.rdm.matrix(), names, "rdm.csv", names, "condition");
        if (rsa.mds.size() > 0) {
            std::vector<std::string> dims;
            for (Eigen::Index i = 0; i < rsa.mds.cols(); ++i) {
                dims.push_back("dim" + std::to_string(i + 1));
            }
            write(rsa.mds, dims, "mds.csv", names, "condition");
        }
        if (rsa.geoTopological) {
            write(rsa.geoTopological->matrix(), names, "rdm_geotopological.csv", names,
                  "condition");
        }
        std::vector<std::string> modelNames;
        std::vector<const analysis::ComparisonResult*> comparisons;
        for (const auto& fit : rsa.models) {
            if (fit.error.empty()) {
                modelNames.push_back(csvName(fit.name));
                comparisons.push_back(&fit.comparison);
            }
        }
        if (!comparisons.empty()) {
            Eigen::MatrixXd table(static_cast<Eigen::Index>(comparisons.size()), 5);
            for (std::size_t i = 0; i < comparisons.size(); ++i) {
                const auto& c = *comparisons[i];
                table.row(static_cast<Eigen::Index>(i)) << c.value, c.ciLow, c.ciHigh, c.sd,
                    static_cast<double>(c.bootstraps);
            }
            write(table, {"value", "ci_low", "ci_high", "sd", "bootstraps"}, "model_comparison.csv",
                  modelNames, "model");
        }
    }
    // The dynamics and readout plots: each view's table, as drawn.
    const auto writeTable = [&](const ResultTable& table, const std::string& file) {
        if (table.rowNames.empty()) {
            return;
        }
        write(table.values, csvNames(table.columns), file, csvNames(table.rowNames),
              table.firstColumn);
    };
    if (result.dynamics) {
        writeTable(AvalancheView::table(*result.dynamics), "avalanches.csv");
        writeTable(BranchingView::table(*result.dynamics), "branching.csv");
        writeTable(SpectrumView::table(*result.dynamics), "spectrum.csv");
    }
    if (result.readout) {
        writeTable(MemoryCapacityView::table(*result.readout), "memory_capacity.csv");
        writeTable(ConfusionMatrixView::table(*result.readout), "confusion.csv");
        writeTable(PredictionView::table(*result.readout), "prediction.csv");
    }
    return files;
}

bool AnalysisExport::hasData(const AnalysisResult& result) {
    return result.trajectory || result.rsa || result.dynamics || result.readout;
}

} // namespace plexus::widgets
