#include "plexus/widgets/analysis/ModelRdm.h"

#include "plexus/core/base/Error.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <utility>

namespace plexus::widgets {

ModelRdm ModelRdm::timeDistance() {
    ModelRdm model;
    model.kind = Kind::TimeDistance;
    model.name = "time distance";
    return model;
}

ModelRdm ModelRdm::category() {
    ModelRdm model;
    model.kind = Kind::Category;
    model.name = "category";
    return model;
}

ModelRdm ModelRdm::fromMatrix(std::string name, Eigen::MatrixXd matrix) {
    ModelRdm model;
    model.kind = Kind::Matrix;
    model.name = std::move(name);
    model.matrix = std::move(matrix);
    return model;
}

std::string ModelRdm::categoryOf(const std::string& name) {
    const std::size_t cut = name.find_first_of("_-. ");
    if (cut != std::string::npos && cut > 0) {
        return name.substr(0, cut);
    }
    std::size_t end = name.size();
    while (end > 0 && std::isdigit(static_cast<unsigned char>(name[end - 1])) != 0) {
        --end;
    }
    return end > 0 ? name.substr(0, end) : name;
}

analysis::Rdm ModelRdm::build(const std::vector<std::string>& names,
                              const std::vector<double>& centresMs) const {
    const auto n = static_cast<Eigen::Index>(names.size());
    Eigen::MatrixXd m = Eigen::MatrixXd::Zero(n, n);
    switch (kind) {
    case Kind::TimeDistance:
        if (centresMs.size() != names.size()) {
            throw core::Error("model \"" + name + "\": no time for every condition");
        }
        for (Eigen::Index i = 0; i < n; ++i) {
            for (Eigen::Index j = 0; j < n; ++j) {
                m(i, j) = std::abs(centresMs[static_cast<std::size_t>(i)] -
                                   centresMs[static_cast<std::size_t>(j)]);
            }
        }
        break;
    case Kind::Category:
        for (Eigen::Index i = 0; i < n; ++i) {
            for (Eigen::Index j = 0; j < n; ++j) {
                m(i, j) = categoryOf(names[static_cast<std::size_t>(i)]) ==
                                  categoryOf(names[static_cast<std::size_t>(j)])
                              ? 0.0
                              : 1.0;
            }
        }
        break;
    case Kind::Matrix:
        if (matrix.rows() != n || matrix.cols() != n) {
            throw core::Error("model \"" + name + "\": " + std::to_string(matrix.rows()) + " x " +
                              std::to_string(matrix.cols()) + " matrix for " + std::to_string(n) +
                              " conditions");
        }
        if (!matrix.allFinite()) {
            throw core::Error("model \"" + name + "\": non-finite entries");
        }
        if (n > 0 && (matrix - matrix.transpose()).cwiseAbs().maxCoeff() >
                         1e-9 * std::max(1.0, matrix.cwiseAbs().maxCoeff())) {
            throw core::Error("model \"" + name + "\": not symmetric");
        }
        m = matrix;
        m.diagonal().setZero();
        break;
    }
    return analysis::Rdm(std::move(m), names);
}

} // namespace plexus::widgets
