#include "plexus/core/base/MatrixCsv.h"

#include "plexus/core/base/Error.h"

#include <cmath>
#include <memory>

namespace plexus::core {

namespace {

struct FileCloser {
    void operator()(std::FILE* f) const {
        if (f)
            std::fclose(f);
    }
};

} // namespace

void MatrixCsv::writeValue(std::FILE* file, double value) {
    if (std::isfinite(value))
        std::fprintf(file, "%.17g", value);
    else
        std::fputs("nan", file);
}

void MatrixCsv::write(const Eigen::MatrixXd& matrix, const std::vector<std::string>& columns,
                      const std::filesystem::path& path, const std::vector<std::string>& rowNames,
                      const std::string& firstHeader) {
    std::unique_ptr<std::FILE, FileCloser> f(std::fopen(path.c_str(), "w"));
    if (!f)
        throw Error(path.string() + ": cannot be written");
    const bool named = !rowNames.empty();
    if (!columns.empty()) {
        bool first = true;
        if (named) {
            std::fputs(firstHeader.c_str(), f.get());
            first = false;
        }
        for (const auto& c : columns) {
            if (!first)
                std::fputc(',', f.get());
            std::fputs(c.c_str(), f.get());
            first = false;
        }
        std::fputc('\n', f.get());
    }
    for (Eigen::Index r = 0; r < matrix.rows(); ++r) {
        if (named)
            std::fprintf(f.get(), "%s,", rowNames.at(static_cast<std::size_t>(r)).c_str());
        for (Eigen::Index c = 0; c < matrix.cols(); ++c) {
            if (c > 0)
                std::fputc(',', f.get());
            writeValue(f.get(), matrix(r, c));
        }
        std::fputc('\n', f.get());
    }
    if (std::fflush(f.get()) != 0 || std::ferror(f.get()))
        throw Error(path.string() + ": write failed");
}

} // namespace plexus::core
