#pragma once

#include "plexus/analysis/Rdm.h"

#include <Eigen/Dense>
#include <string>
#include <vector>

namespace plexus::widgets {

/**
 * @brief A model RDM that the data RDM of the RSA view is compared with: a hypothesis about
 *        which conditions should be represented alike.
 *
 * Built for the conditions of each analysis (their names and centre times), so the same model
 * follows edits of the condition table:
 * - TimeDistance: |c_i - c_j|, the distance between the conditions' centre times (ms; the mean
 *   over the repeats of a condition), i.e. "conditions close in time look alike";
 * - Category: 0 for two conditions of the same category (categoryOf() of their names), 1
 *   otherwise;
 * - Matrix: a fixed conditions x conditions matrix (e.g. read from a CSV file).
 */
struct ModelRdm {
    /// Where the dissimilarities come from.
    enum class Kind { TimeDistance, Category, Matrix };

    Kind kind = Kind::TimeDistance;
    std::string name;       ///< shown in the comparison chart
    Eigen::MatrixXd matrix; ///< Matrix: the dissimilarities

    /// The time distance model ("time distance").
    static ModelRdm timeDistance();
    /// The categorical model over name prefixes ("category").
    static ModelRdm category();
    /// A fixed matrix called @p name.
    static ModelRdm fromMatrix(std::string name, Eigen::MatrixXd matrix);

    /**
     * @brief The model RDM for conditions @p names with centre times @p centresMs. Throws
     *        core::Error when a Matrix model does not match the number of conditions or is
     *        not a symmetric matrix of finite values.
     */
    analysis::Rdm build(const std::vector<std::string>& names,
                        const std::vector<double>& centresMs) const;

    /**
     * @brief Category of a condition name: the part before the first '_', '-', '.' or ' ' when
     *        there is one, else the name without trailing digits ("left_2" and "left3" ->
     *        "left"); the whole name when that would leave nothing.
     */
    static std::string categoryOf(const std::string& name);
};

} // namespace plexus::widgets
