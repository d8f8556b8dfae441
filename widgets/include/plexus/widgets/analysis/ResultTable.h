#pragma once

#include <Eigen/Dense>
#include <string>
#include <vector>

namespace plexus::widgets {

/**
 * @brief The numbers behind one analysis plot as one tidy table: a text column (the series a
 *        row belongs to, or a class name) and numeric columns. The views draw from it and
 *        AnalysisExport writes it, so the CSV holds exactly the plotted numbers.
 */
struct ResultTable {
    std::string firstColumn = "series"; ///< header of the text column
    std::vector<std::string> columns;   ///< headers of the numeric columns
    std::vector<std::string> rowNames;  ///< text column, one per row
    Eigen::MatrixXd values;             ///< rows x columns

    /// Appends a row named @p name with @p row (one value per column).
    void add(const std::string& name, const std::vector<double>& row) {
        rowNames.push_back(name);
        values.conservativeResize(static_cast<Eigen::Index>(rowNames.size()),
                                  static_cast<Eigen::Index>(columns.size()));
        for (std::size_t c = 0; c < columns.size() && c < row.size(); ++c) {
            values(values.rows() - 1, static_cast<Eigen::Index>(c)) = row[c];
        }
    }
    /// Values of column @p column over the rows named @p name, in row order.
    std::vector<double> column(const std::string& name, std::size_t column) const {
        std::vector<double> out;
        for (std::size_t r = 0; r < rowNames.size(); ++r) {
            if (rowNames[r] == name) {
                out.push_back(
                    values(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(column)));
            }
        }
        return out;
    }
};

} // namespace plexus::widgets
