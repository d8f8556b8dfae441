#include "plexus/core/record/SweepArchive.h"

#include "Hdf5Guard.h"
#include "Hdf5Reader.h"
#include "Hdf5Writer.h"
#include "plexus/Version.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/record/RunArchive.h"
#include "plexus/core/record/RunRecord.h"

#include <cmath>
#include <hdf5.h>
#include <limits>
#include <mutex>
#include <system_error>

namespace plexus::core {

namespace {

namespace fs = std::filesystem;

constexpr const char* kFormat = "plexus-sweep";

/// The columns of /points: each as long as /points/index.
class SweepReader : public Hdf5Reader {
public:
    using Hdf5Reader::Hdf5Reader;

    /// The string attribute /sweep@name, which must exist.
    std::string required(hid_t object, const std::string& name) const {
        const auto value = stringAttribute(object, name, "/sweep");
        if (!value)
            fail("missing attribute /sweep@" + name);
        return *value;
    }

    template <typename T>
    std::vector<T> column(hid_t parent, const std::string& name, std::size_t rows,
                          hid_t memType) const {
        auto values = numbers<T>(parent, name, memType, "/points/" + name);
        requireRows(name, values.size(), rows);
        return values;
    }

    std::vector<std::string> textColumn(hid_t parent, const std::string& name,
                                        std::size_t rows) const {
        auto values = stringListDataset(parent, name, "/points/" + name);
        requireRows(name, values.size(), rows);
        return values;
    }

private:
    void requireRows(const std::string& name, std::size_t got, std::size_t rows) const {
        if (got != rows)
            fail("/points/" + name + " has " + std::to_string(got) + " rows, /points/index " +
                 std::to_string(rows));
    }
};

void writeFile(const SweepArchive& a, const std::string& file, const std::string& name) {
    const Hdf5Writer w(name);
    Hdf5Handle f(H5Fcreate(file.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose);
    if (!f.valid())
        throw Error(name + ": cannot be created");
    {
        const Hdf5Handle g = w.group(f.get(), "sweep", "/sweep");
        w.stringAttribute(g.get(), "format", kFormat, "/sweep");
        w.numberAttribute<std::int32_t>(g.get(), "format_version", SweepArchive::formatVersion,
                                        H5T_STD_I32LE, H5T_NATIVE_INT32, "/sweep");
        w.stringAttribute(g.get(), "plexus_version", PLEXUS_VERSION, "/sweep");
        w.stringAttribute(g.get(), "definition", a.definition, "/sweep");
        w.stringAttribute(g.get(), "hash", a.hash, "/sweep");
        w.stringAttribute(g.get(), "project", a.project, "/sweep");
        w.stringListAttribute(g.get(), "parameters", a.parameters, "/sweep");
        w.stringListAttribute(g.get(), "metrics", a.metrics, "/sweep");
    }
    const Hdf5Handle g = w.group(f.get(), "points", "/points");
    const std::size_t n = a.points.size();
    std::vector<std::int64_t> index(n), repeat(n);
    std::vector<std::uint64_t> seed(n);
    std::vector<double> wall(n);
    std::vector<std::string> status(n), error(n), summary(n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto& p = a.points[i];
        if (p.values.size() != a.parameters.size() || p.metrics.size() != a.metrics.size())
            throw Error(name + ": row " + std::to_string(i) + " does not match the columns");
        index[i] = p.index;
        repeat[i] = p.repeat;
        seed[i] = p.seed;
        wall[i] = p.wallS;
        status[i] = p.status;
        error[i] = p.error;
        summary[i] = p.summary;
    }
    w.dataset(g.get(), "index", H5T_STD_I64LE, H5T_NATIVE_INT64, index.data(), n, 0,
              "/points/index");
    w.dataset(g.get(), "repeat", H5T_STD_I64LE, H5T_NATIVE_INT64, repeat.data(), n, 0,
              "/points/repeat");
    w.dataset(g.get(), "seed", H5T_STD_U64LE, H5T_NATIVE_UINT64, seed.data(), n, 0, "/points/seed");
    std::vector<double> values(n);
    for (std::size_t c = 0; c < a.parameters.size(); ++c) {
        for (std::size_t i = 0; i < n; ++i)
            values[i] = a.points[i].values[c];
        w.dataset(g.get(), SweepArchive::columnName(a.parameters[c]), H5T_IEEE_F64LE,
                  H5T_NATIVE_DOUBLE, values.data(), n, 0,
                  "/points/" + SweepArchive::columnName(a.parameters[c]));
    }
    w.stringListDataset(g.get(), "status", status, "/points/status");
    w.stringListDataset(g.get(), "error", error, "/points/error");
    w.dataset(g.get(), "wall_s", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, wall.data(), n, 0,
              "/points/wall_s");
    for (std::size_t c = 0; c < a.metrics.size(); ++c) {
        for (std::size_t i = 0; i < n; ++i)
            values[i] = a.points[i].metrics[c];
        w.dataset(g.get(), a.metrics[c], H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, values.data(), n, 0,
                  "/points/" + a.metrics[c]);
    }
    w.stringListDataset(g.get(), "summary", summary, "/points/summary");
    if (!f.reset())
        throw Error(name + ": cannot be written (closing the file failed)");
}

} // namespace

std::string SweepArchive::columnName(const std::string& parameterPath) {
    std::string name = parameterPath;
    for (char& c : name)
        if (c == '/')
            c = '.';
    if (!name.empty() && name.front() == '.')
        name.erase(0, 1);
    return name;
}

std::string SweepArchive::hashOf(const std::string& definition, const std::string& project) {
    return RunRecord::hashProject(definition + "\n" + project);
}

void SweepArchive::write(const std::filesystem::path& path) const {
    const Hdf5Guard guard;
    const std::string name = path.string();
    fs::path temporary = path;
    temporary += ".part";
    try {
        writeFile(*this, temporary.string(), name);
    } catch (...) {
        std::error_code ec;
        fs::remove(temporary, ec);
        throw;
    }
    std::error_code ec;
    fs::rename(temporary, path, ec);
    if (ec) {
        fs::remove(temporary, ec);
        throw Error(name + ": cannot be written (" + ec.message() + ")");
    }
}

SweepArchive SweepArchive::read(const std::filesystem::path& path) {
    const std::string name = path.string();
    if (!fs::exists(path))
        throw Error(name + ": file not found");
    if (!RunArchive::isHdf5File(path))
        throw Error(name + ": not an HDF5 file (a sweep archive of plexus-cli sweep)");
    const Hdf5Guard guard;
    const SweepReader r(path);
    const Hdf5Handle f(H5Fopen(name.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
    if (!f.valid())
        throw Error(name + ": cannot be opened as HDF5");
    if (Hdf5Reader::kind(f.get(), "sweep") != H5I_GROUP)
        throw Error(name + ": not a Plexus sweep archive (no /sweep group)");
    SweepArchive a;
    {
        const Hdf5Handle g = r.group(f.get(), "sweep", "/sweep");
        if (r.stringAttribute(g.get(), "format", "/sweep") != kFormat)
            throw Error(name + ": not a Plexus sweep archive (/sweep@format is not \"" +
                        std::string(kFormat) + "\")");
        a.definition = r.required(g.get(), "definition");
        a.hash = r.required(g.get(), "hash");
        a.project = r.required(g.get(), "project");
        a.parameters = r.stringListAttribute(g.get(), "parameters", "/sweep");
        a.metrics = r.stringListAttribute(g.get(), "metrics", "/sweep");
    }
    const Hdf5Handle g = r.group(f.get(), "points", "/points");
    const auto index = r.numbers<std::int64_t>(g.get(), "index", H5T_NATIVE_INT64, "/points/index");
    const std::size_t rows = index.size();
    const auto repeat = r.column<std::int64_t>(g.get(), "repeat", rows, H5T_NATIVE_INT64);
    const auto seed = r.column<std::uint64_t>(g.get(), "seed", rows, H5T_NATIVE_UINT64);
    const auto wall = r.column<double>(g.get(), "wall_s", rows, H5T_NATIVE_DOUBLE);
    const auto status = r.textColumn(g.get(), "status", rows);
    const auto error = r.textColumn(g.get(), "error", rows);
    const auto summary = r.textColumn(g.get(), "summary", rows);
    a.points.resize(rows);
    for (std::size_t i = 0; i < rows; ++i) {
        auto& p = a.points[i];
        p.index = index[i];
        p.repeat = repeat[i];
        p.seed = seed[i];
        p.wallS = wall[i];
        p.status = status[i];
        p.error = error[i];
        p.summary = summary[i];
    }
    for (const auto& parameter : a.parameters) {
        const auto v = r.column<double>(g.get(), columnName(parameter), rows, H5T_NATIVE_DOUBLE);
        for (std::size_t i = 0; i < rows; ++i)
            a.points[i].values.push_back(v[i]);
    }
    for (const auto& metric : a.metrics) {
        const auto v = r.column<double>(g.get(), metric, rows, H5T_NATIVE_DOUBLE);
        for (std::size_t i = 0; i < rows; ++i)
            a.points[i].metrics.push_back(v[i]);
    }
    return a;
}

} // namespace plexus::core
