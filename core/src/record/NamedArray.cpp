#include "plexus/core/record/NamedArray.h"

namespace plexus::core {

NamedArray NamedArray::fromMatrix(const std::string& name, const Eigen::MatrixXd& matrix) {
    NamedArray a;
    a.name = name;
    a.rows = static_cast<std::size_t>(matrix.rows());
    a.cols = static_cast<std::size_t>(matrix.cols());
    a.values.resize(a.rows * a.cols);
    for (std::size_t r = 0; r < a.rows; ++r)
        for (std::size_t c = 0; c < a.cols; ++c)
            a.values[r * a.cols + c] =
                matrix(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c));
    return a;
}

Eigen::MatrixXd NamedArray::toMatrix() const {
    Eigen::MatrixXd m(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t c = 0; c < cols; ++c)
            m(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = at(r, c);
    return m;
}

} // namespace plexus::core
