#include "plexus/core/record/SweepArchive.h"

#include "Hdf5Guard.h"
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

/// Owns an HDF5 identifier.
class Id {
public:
    Id(hid_t id, herr_t (*closer)(hid_t))
        : m_id(id)
        , m_close(closer) {}
    Id(Id&& other) noexcept
        : m_id(other.m_id)
        , m_close(other.m_close) {
        other.m_id = -1;
    }
    ~Id() {
        if (m_id >= 0)
            m_close(m_id);
    }
    Id(const Id&) = delete;
    Id& operator=(const Id&) = delete;
    Id& operator=(Id&&) = delete;
    hid_t get() const { return m_id; }
    bool valid() const { return m_id >= 0; }
    /// Close now; false when closing failed (e.g. the file could not be flushed).
    bool close() {
        const bool ok = m_id < 0 || m_close(m_id) >= 0;
        m_id = -1;
        return ok;
    }

private:
    hid_t m_id;
    herr_t (*m_close)(hid_t);
};

Id stringType() {
    Id t(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(t.get(), H5T_VARIABLE);
    H5Tset_cset(t.get(), H5T_CSET_UTF8);
    return t;
}

class Writer {
public:
    explicit Writer(std::string file)
        : m_file(std::move(file)) {}
    [[noreturn]] void fail(const std::string& what) const {
        throw Error(m_file + ": cannot write " + what);
    }
    void stringAttribute(hid_t object, const std::string& name, const std::string& value) const {
        const Id type = stringType();
        const Id space(H5Screate(H5S_SCALAR), H5Sclose);
        const Id a(
            H5Acreate2(object, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
            H5Aclose);
        const char* text = value.c_str();
        if (!a.valid() || H5Awrite(a.get(), type.get(), &text) < 0)
            fail("attribute " + name);
    }
    void listAttribute(hid_t object, const std::string& name,
                       const std::vector<std::string>& values) const {
        const Id type = stringType();
        const hsize_t n = values.size();
        const Id space(H5Screate_simple(1, &n, nullptr), H5Sclose);
        const Id a(
            H5Acreate2(object, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
            H5Aclose);
        std::vector<const char*> texts;
        for (const auto& v : values)
            texts.push_back(v.c_str());
        if (!a.valid() || (n > 0 && H5Awrite(a.get(), type.get(), texts.data()) < 0))
            fail("attribute " + name);
    }
    void intAttribute(hid_t object, const std::string& name, std::int32_t value) const {
        const Id space(H5Screate(H5S_SCALAR), H5Sclose);
        const Id a(
            H5Acreate2(object, name.c_str(), H5T_STD_I32LE, space.get(), H5P_DEFAULT, H5P_DEFAULT),
            H5Aclose);
        if (!a.valid() || H5Awrite(a.get(), H5T_NATIVE_INT32, &value) < 0)
            fail("attribute " + name);
    }
    void column(hid_t parent, const std::string& name, hid_t fileType, hid_t memType,
                const void* data, std::size_t count) const {
        const hsize_t n = count;
        const Id space(H5Screate_simple(1, &n, nullptr), H5Sclose);
        const Id d(H5Dcreate2(parent, name.c_str(), fileType, space.get(), H5P_DEFAULT, H5P_DEFAULT,
                              H5P_DEFAULT),
                   H5Dclose);
        if (!d.valid() ||
            (n > 0 && H5Dwrite(d.get(), memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0))
            fail("/points/" + name);
    }
    void textColumn(hid_t parent, const std::string& name,
                    const std::vector<std::string>& values) const {
        const Id type = stringType();
        std::vector<const char*> texts;
        for (const auto& v : values)
            texts.push_back(v.c_str());
        column(parent, name, type.get(), type.get(), texts.data(), texts.size());
    }

private:
    std::string m_file;
};

class Reader {
public:
    explicit Reader(std::string file)
        : m_file(std::move(file)) {}
    [[noreturn]] void fail(const std::string& what) const {
        throw Error(m_file + ": not a valid Plexus sweep archive (" + what + ")");
    }
    std::string stringAttribute(hid_t object, const std::string& name) const {
        if (H5Aexists(object, name.c_str()) <= 0)
            fail("missing attribute /sweep@" + name);
        const Id a(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose);
        const Id type(H5Aget_type(a.get()), H5Tclose);
        if (!a.valid() || !type.valid() || H5Tget_class(type.get()) != H5T_STRING ||
            H5Tis_variable_str(type.get()) <= 0)
            fail("/sweep@" + name + " is not a string");
        const Id mem = stringType();
        char* text = nullptr;
        if (H5Aread(a.get(), mem.get(), &text) < 0)
            fail("cannot read /sweep@" + name);
        std::string out = text ? text : "";
        H5free_memory(text);
        return out;
    }
    std::vector<std::string> listAttribute(hid_t object, const std::string& name) const {
        std::vector<std::string> out;
        if (H5Aexists(object, name.c_str()) <= 0)
            fail("missing attribute /sweep@" + name);
        const Id a(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose);
        const Id type(H5Aget_type(a.get()), H5Tclose);
        const Id space(H5Aget_space(a.get()), H5Sclose);
        if (!a.valid() || !type.valid() || H5Tget_class(type.get()) != H5T_STRING ||
            H5Tis_variable_str(type.get()) <= 0)
            fail("/sweep@" + name + " is not a list of strings");
        const hssize_t n = H5Sget_simple_extent_npoints(space.get());
        if (n <= 0)
            return out;
        std::vector<char*> texts(static_cast<std::size_t>(n), nullptr);
        const Id mem = stringType();
        if (H5Aread(a.get(), mem.get(), texts.data()) < 0)
            fail("cannot read /sweep@" + name);
        for (char* t : texts) {
            out.emplace_back(t ? t : "");
            H5free_memory(t);
        }
        return out;
    }
    /// Opens /points/<name> as a 1-D dataset of `rows` values of class `cls`.
    Id open(hid_t parent, const std::string& name, std::size_t rows, H5T_class_t cls) const {
        if (H5Lexists(parent, name.c_str(), H5P_DEFAULT) <= 0)
            fail("missing dataset /points/" + name);
        Id d(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), H5Dclose);
        const Id type(H5Dget_type(d.get()), H5Tclose);
        const Id space(H5Dget_space(d.get()), H5Sclose);
        if (!d.valid() || !type.valid() || H5Tget_class(type.get()) != cls ||
            H5Sget_simple_extent_ndims(space.get()) != 1 ||
            H5Sget_simple_extent_npoints(space.get()) != static_cast<hssize_t>(rows))
            fail("/points/" + name + " is not a column of " + std::to_string(rows) + " values");
        return d;
    }
    template <typename T>
    std::vector<T> column(hid_t parent, const std::string& name, std::size_t rows, H5T_class_t cls,
                          hid_t memType) const {
        const Id d = open(parent, name, rows, cls);
        std::vector<T> out(rows);
        if (rows > 0 && H5Dread(d.get(), memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0)
            fail("cannot read /points/" + name);
        return out;
    }
    std::vector<std::string> textColumn(hid_t parent, const std::string& name,
                                        std::size_t rows) const {
        const Id d = open(parent, name, rows, H5T_STRING);
        std::vector<char*> texts(rows, nullptr);
        const Id mem = stringType();
        if (rows > 0 &&
            H5Dread(d.get(), mem.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, texts.data()) < 0)
            fail("cannot read /points/" + name);
        std::vector<std::string> out;
        for (char* t : texts) {
            out.emplace_back(t ? t : "");
            H5free_memory(t);
        }
        return out;
    }

private:
    std::string m_file;
};

void writeFile(const SweepArchive& a, const std::string& file, const std::string& name) {
    const Writer w(name);
    Id f(H5Fcreate(file.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose);
    if (!f.valid())
        throw Error(name + ": cannot be created");
    {
        const Id g(H5Gcreate2(f.get(), "sweep", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
        if (!g.valid())
            w.fail("/sweep");
        w.stringAttribute(g.get(), "format", kFormat);
        w.intAttribute(g.get(), "format_version", SweepArchive::formatVersion);
        w.stringAttribute(g.get(), "plexus_version", PLEXUS_VERSION);
        w.stringAttribute(g.get(), "definition", a.definition);
        w.stringAttribute(g.get(), "hash", a.hash);
        w.stringAttribute(g.get(), "project", a.project);
        w.listAttribute(g.get(), "parameters", a.parameters);
        w.listAttribute(g.get(), "metrics", a.metrics);
    }
    const Id g(H5Gcreate2(f.get(), "points", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
    if (!g.valid())
        w.fail("/points");
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
    w.column(g.get(), "index", H5T_STD_I64LE, H5T_NATIVE_INT64, index.data(), n);
    w.column(g.get(), "repeat", H5T_STD_I64LE, H5T_NATIVE_INT64, repeat.data(), n);
    w.column(g.get(), "seed", H5T_STD_U64LE, H5T_NATIVE_UINT64, seed.data(), n);
    std::vector<double> values(n);
    for (std::size_t c = 0; c < a.parameters.size(); ++c) {
        for (std::size_t i = 0; i < n; ++i)
            values[i] = a.points[i].values[c];
        w.column(g.get(), SweepArchive::columnName(a.parameters[c]), H5T_IEEE_F64LE,
                 H5T_NATIVE_DOUBLE, values.data(), n);
    }
    w.textColumn(g.get(), "status", status);
    w.textColumn(g.get(), "error", error);
    w.column(g.get(), "wall_s", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, wall.data(), n);
    for (std::size_t c = 0; c < a.metrics.size(); ++c) {
        for (std::size_t i = 0; i < n; ++i)
            values[i] = a.points[i].metrics[c];
        w.column(g.get(), a.metrics[c], H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, values.data(), n);
    }
    w.textColumn(g.get(), "summary", summary);
    if (!f.close())
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
    const Reader r(name);
    const Id f(H5Fopen(name.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
    if (!f.valid())
        throw Error(name + ": cannot be opened as HDF5");
    if (H5Lexists(f.get(), "sweep", H5P_DEFAULT) <= 0)
        throw Error(name + ": not a Plexus sweep archive (no /sweep group)");
    SweepArchive a;
    std::size_t rows = 0;
    {
        const Id g(H5Gopen2(f.get(), "sweep", H5P_DEFAULT), H5Gclose);
        if (!g.valid() || H5Aexists(g.get(), "format") <= 0 ||
            r.stringAttribute(g.get(), "format") != kFormat)
            throw Error(name + ": not a Plexus sweep archive (/sweep@format is not \"" +
                        std::string(kFormat) + "\")");
        a.definition = r.stringAttribute(g.get(), "definition");
        a.hash = r.stringAttribute(g.get(), "hash");
        a.project = r.stringAttribute(g.get(), "project");
        a.parameters = r.listAttribute(g.get(), "parameters");
        a.metrics = r.listAttribute(g.get(), "metrics");
    }
    if (H5Lexists(f.get(), "points", H5P_DEFAULT) <= 0)
        r.fail("missing group /points");
    const Id g(H5Gopen2(f.get(), "points", H5P_DEFAULT), H5Gclose);
    if (!g.valid() || H5Lexists(g.get(), "index", H5P_DEFAULT) <= 0)
        r.fail("missing dataset /points/index");
    {
        const Id d(H5Dopen2(g.get(), "index", H5P_DEFAULT), H5Dclose);
        const Id space(H5Dget_space(d.get()), H5Sclose);
        const hssize_t n = H5Sget_simple_extent_npoints(space.get());
        if (!d.valid() || n < 0)
            r.fail("cannot read /points/index");
        rows = static_cast<std::size_t>(n);
    }
    const auto index =
        r.column<std::int64_t>(g.get(), "index", rows, H5T_INTEGER, H5T_NATIVE_INT64);
    const auto repeat =
        r.column<std::int64_t>(g.get(), "repeat", rows, H5T_INTEGER, H5T_NATIVE_INT64);
    const auto seed =
        r.column<std::uint64_t>(g.get(), "seed", rows, H5T_INTEGER, H5T_NATIVE_UINT64);
    const auto wall = r.column<double>(g.get(), "wall_s", rows, H5T_FLOAT, H5T_NATIVE_DOUBLE);
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
        const auto v =
            r.column<double>(g.get(), columnName(parameter), rows, H5T_FLOAT, H5T_NATIVE_DOUBLE);
        for (std::size_t i = 0; i < rows; ++i)
            a.points[i].values.push_back(v[i]);
    }
    for (const auto& metric : a.metrics) {
        const auto v = r.column<double>(g.get(), metric, rows, H5T_FLOAT, H5T_NATIVE_DOUBLE);
        for (std::size_t i = 0; i < rows; ++i)
            a.points[i].metrics.push_back(v[i]);
    }
    return a;
}

} // namespace plexus::core
