#include "plexus/core/record/RunArchive.h"

#include "Hdf5Guard.h"
#include "Hdf5Reader.h"
#include "Hdf5Writer.h"
#include "plexus/Version.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/base/FileReadGuard.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <hdf5.h>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>

namespace plexus::core {

namespace {

namespace fs = std::filesystem;

constexpr const char* kFormat = "plexus-run";

// ---------------------------------------------------------------------------------------------
// Writing

/// Writes groups, datasets and attributes; every failure throws naming the file and object.
class Writer : public Hdf5Writer {
public:
    using Hdf5Writer::Hdf5Writer;

    void trials(hid_t file, const RunRecord& r) const {
        const std::string p = "/trials";
        const Hdf5Handle g = group(file, "trials", p);
        std::vector<double> start, end;
        std::vector<std::int32_t> condition, trial;
        std::vector<std::string> labels;
        for (const TrialWindow& t : r.trials) {
            if (t.condition < 0 || static_cast<std::size_t>(t.condition) >= r.conditionNames.size())
                throw Error(m_fileName + ": " + p + ": trial condition " +
                            std::to_string(t.condition) + " has no name");
            start.push_back(t.startMs);
            end.push_back(t.endMs);
            condition.push_back(t.condition);
            trial.push_back(t.trial);
            labels.push_back(t.label);
        }
        stringListAttribute(g.get(), "conditions", r.conditionNames, p);
        dataset(g.get(), "start_ms", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, start.data(), start.size(),
                0, p + "/start_ms");
        dataset(g.get(), "end_ms", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, end.data(), end.size(), 0,
                p + "/end_ms");
        dataset(g.get(), "condition", H5T_STD_I32LE, H5T_NATIVE_INT32, condition.data(),
                condition.size(), 0, p + "/condition");
        dataset(g.get(), "trial", H5T_STD_I32LE, H5T_NATIVE_INT32, trial.data(), trial.size(), 0,
                p + "/trial");
        stringListDataset(g.get(), "label", labels, p + "/label");
    }

    void namedArray(hid_t parent, const NamedArray& array, const std::string& parentPath) const {
        const std::string path = parentPath + "/" + array.name;
        if (array.name.empty() || array.name.find('/') != std::string::npos)
            throw Error(m_fileName + ": invalid array name \"" + array.name + "\" in " +
                        parentPath);
        if (array.values.size() != array.rows * array.cols)
            throw Error(
                m_fileName + ": " + path + " has " + std::to_string(array.values.size()) +
                " values, expected rows x cols = " + std::to_string(array.rows * array.cols));
        if (array.oneDimensional && array.cols != 1)
            throw Error(m_fileName + ": " + path + " is one-dimensional but has " +
                        std::to_string(array.cols) + " columns");
        const hsize_t cols = array.oneDimensional ? 0 : array.cols;
        Hdf5Handle d;
        if (array.singlePrecision) {
            const std::vector<float> values(array.values.begin(), array.values.end());
            d = dataset(parent, array.name, H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, values.data(),
                        array.rows, cols, path);
        } else {
            d = dataset(parent, array.name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, array.values.data(),
                        array.rows, cols, path);
        }
        if (!array.unit.empty())
            stringAttribute(d.get(), "unit", array.unit, path);
        if (!array.rowLabels.empty())
            stringListAttribute(d.get(), "row_labels", array.rowLabels, path);
        if (!array.columnLabels.empty())
            stringListAttribute(d.get(), "column_labels", array.columnLabels, path);
    }

    void meta(hid_t file, const RunRecord& r) const {
        const Hdf5Handle g = group(file, "meta", "/meta");
        const std::string p = "/meta";
        stringAttribute(g.get(), "format", kFormat, p);
        numberAttribute<std::int32_t>(g.get(), "format_version", RunArchive::formatVersion,
                                      H5T_STD_I32LE, H5T_NATIVE_INT32, p);
        stringAttribute(g.get(), "plexus_version",
                        r.plexusVersion.empty() ? std::string(PLEXUS_VERSION) : r.plexusVersion, p);
        stringAttribute(g.get(), "name", r.name, p);
        numberAttribute<std::uint64_t>(g.get(), "seed", r.seed, H5T_STD_U64LE, H5T_NATIVE_UINT64,
                                       p);
        numberAttribute<double>(g.get(), "dt_ms", r.dtMs, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, p);
        numberAttribute<double>(g.get(), "duration_ms", r.durationMs, H5T_IEEE_F64LE,
                                H5T_NATIVE_DOUBLE, p);
        numberAttribute<std::uint64_t>(g.get(), "threads", r.threads, H5T_STD_U64LE,
                                       H5T_NATIVE_UINT64, p);
        stringAttribute(g.get(), "project_hash", r.projectHash, p);
        stringDataset(g.get(), "project_json", r.projectJson, "/meta/project_json");
    }

    void population(hid_t parent, const RunRecord::PopulationData& pop) const {
        const std::string p = "/populations/" + pop.name;
        if (pop.name.empty() || pop.name.find('/') != std::string::npos || pop.name == "." ||
            pop.name == "..")
            throw Error(m_fileName + ": invalid population name \"" + pop.name + "\"");
        const Hdf5Handle g = group(parent, pop.name, p);
        numberAttribute<std::uint64_t>(g.get(), "size", pop.size, H5T_STD_U64LE, H5T_NATIVE_UINT64,
                                       p);
        stringAttribute(g.get(), "model", pop.model, p);
        numberAttribute<std::int32_t>(g.get(), "stimulus", pop.stimulus ? 1 : 0, H5T_STD_I32LE,
                                      H5T_NATIVE_INT32, p);
        for (std::size_t i = 0; i < pop.spikes.size(); ++i) {
            const auto& s = pop.spikes[i];
            if (s.timesMs.size() != s.neurons.size())
                throw Error(m_fileName + ": " + p + ": spike times and neurons differ in length");
            const std::string name = i == 0 ? "spikes" : "spikes_" + s.recorder;
            const std::string sp = p + "/" + name;
            const Hdf5Handle sg = group(g.get(), name, sp);
            stringAttribute(sg.get(), "recorder", s.recorder, sp);
            dataset(sg.get(), "times_ms", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, s.timesMs.data(),
                    s.timesMs.size(), 0, sp + "/times_ms");
            dataset(sg.get(), "neurons", H5T_STD_I32LE, H5T_NATIVE_INT32, s.neurons.data(),
                    s.neurons.size(), 0, sp + "/neurons");
        }
        for (std::size_t i = 0; i < pop.states.size(); ++i) {
            const auto& t = pop.states[i];
            const std::string name = i == 0 ? "state" : "state_" + t.recorder;
            const std::string sp = p + "/" + name;
            if (t.values.size() != t.variables.size())
                throw Error(m_fileName + ": " + sp + ": one value block per variable expected");
            const Hdf5Handle sg = group(g.get(), name, sp);
            stringAttribute(sg.get(), "recorder", t.recorder, sp);
            numberAttribute<double>(sg.get(), "interval_ms", t.intervalMs, H5T_IEEE_F64LE,
                                    H5T_NATIVE_DOUBLE, sp);
            stringListAttribute(sg.get(), "variables", t.variables, sp);
            dataset(sg.get(), "t_ms", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, t.timesMs.data(),
                    t.timesMs.size(), 0, sp + "/t_ms");
            dataset(sg.get(), "neurons", H5T_STD_I32LE, H5T_NATIVE_INT32, t.neurons.data(),
                    t.neurons.size(), 0, sp + "/neurons");
            for (std::size_t v = 0; v < t.variables.size(); ++v) {
                const std::string& var = t.variables[v];
                if (var.empty() || var.find('/') != std::string::npos || var == "t_ms" ||
                    var == "neurons")
                    throw Error(m_fileName + ": " + sp + ": invalid variable name \"" + var + "\"");
                if (t.values[v].size() != t.timesMs.size() * t.neurons.size())
                    throw Error(m_fileName + ": " + sp + "/" + var +
                                ": expected samples x neurons values");
                dataset(sg.get(), var, H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, t.values[v].data(),
                        t.timesMs.size(), t.neurons.size(), sp + "/" + var);
            }
        }
        for (std::size_t i = 0; i < pop.rates.size(); ++i) {
            const auto& t = pop.rates[i];
            if (t.timesMs.size() != t.rateHz.size())
                throw Error(m_fileName + ": " + p + ": rate times and values differ in length");
            const std::string name = i == 0 ? "rate" : "rate_" + t.recorder;
            const std::string sp = p + "/" + name;
            const Hdf5Handle sg = group(g.get(), name, sp);
            stringAttribute(sg.get(), "recorder", t.recorder, sp);
            numberAttribute<double>(sg.get(), "bin_ms", t.binMs, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                                    sp);
            dataset(sg.get(), "t_ms", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, t.timesMs.data(),
                    t.timesMs.size(), 0, sp + "/t_ms");
            dataset(sg.get(), "hz", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, t.rateHz.data(),
                    t.rateHz.size(), 0, sp + "/hz");
        }
    }

    void record(hid_t file, const RunRecord& r) const {
        meta(file, r);
        {
            const Hdf5Handle g = group(file, "populations", "/populations");
            for (const auto& pop : r.populations)
                population(g.get(), pop);
        }
        {
            const Hdf5Handle g = group(file, "electrodes", "/electrodes");
            for (const auto& e : r.electrodes) {
                if (e.name.empty() || e.name.find('/') != std::string::npos)
                    throw Error(m_fileName + ": invalid electrode name \"" + e.name + "\"");
                const Hdf5Handle eg = group(g.get(), e.name, "/electrodes/" + e.name);
                for (const auto& a : e.arrays)
                    namedArray(eg.get(), a, "/electrodes/" + e.name);
            }
        }
        {
            const Hdf5Handle g = group(file, "analysis", "/analysis");
            for (const auto& a : r.analysis)
                namedArray(g.get(), a, "/analysis");
        }
        if (!r.trials.empty() || !r.conditionNames.empty())
            trials(file, r);
    }
};

// ---------------------------------------------------------------------------------------------
// Reading

/// Reads groups, datasets and attributes; every failure throws naming the file and object.
/// Every size the file declares is checked against the file's size before room is made.
class Reader : public Hdf5Reader {
public:
    using Hdf5Reader::Hdf5Reader;

    /// The /trials table (archives without one have no trials).
    void trials(hid_t file, RunRecord& r) const {
        const std::string p = "/trials";
        const Hdf5Handle g = group(file, "trials", p);
        r.conditionNames = stringListAttribute(g.get(), "conditions", p);
        const auto start = numbers<double>(g.get(), "start_ms", H5T_NATIVE_DOUBLE, p + "/start_ms");
        const auto end = numbers<double>(g.get(), "end_ms", H5T_NATIVE_DOUBLE, p + "/end_ms");
        const auto condition =
            numbers<std::int32_t>(g.get(), "condition", H5T_NATIVE_INT32, p + "/condition");
        const auto trial = numbers<std::int32_t>(g.get(), "trial", H5T_NATIVE_INT32, p + "/trial");
        const auto labels = stringListDataset(g.get(), "label", p + "/label");
        const std::size_t n = start.size();
        if (end.size() != n || condition.size() != n || trial.size() != n || labels.size() != n)
            fail(p + ": start_ms, end_ms, condition, trial and label differ in length");
        for (std::size_t k = 0; k < n; ++k) {
            if (condition[k] < 0 ||
                static_cast<std::size_t>(condition[k]) >= r.conditionNames.size())
                fail(p + "/condition: row " + std::to_string(k) + " names condition " +
                     std::to_string(condition[k]) + ", but @conditions has " +
                     std::to_string(r.conditionNames.size()));
            r.trials.push_back({start[k], end[k], condition[k], trial[k], labels[k]});
        }
    }

    NamedArray namedArray(hid_t parent, const std::string& name, const std::string& path) const {
        NamedArray a;
        a.name = name;
        a.values = numbers<double>(parent, name, H5T_NATIVE_DOUBLE, path, &a.rows, &a.cols,
                                   &a.singlePrecision, &a.oneDimensional);
        const Hdf5Handle d(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), H5Dclose);
        a.unit = stringAttribute(d.get(), "unit", path).value_or("");
        a.rowLabels = stringListAttribute(d.get(), "row_labels", path);
        a.columnLabels = stringListAttribute(d.get(), "column_labels", path);
        return a;
    }

    /// Every dataset of a group as a NamedArray (subgroups are skipped).
    std::vector<NamedArray> arrays(hid_t g, const std::string& path) const {
        std::vector<NamedArray> out;
        for (const auto& name : children(g, path))
            if (kind(g, name) == H5I_DATASET)
                out.push_back(namedArray(g, name, path + "/" + name));
        return out;
    }

    static bool isKind(const std::string& name, const std::string& kind) {
        return name == kind || name.rfind(kind + "_", 0) == 0;
    }

    RunRecord::PopulationData population(hid_t parent, const std::string& name) const {
        const std::string p = "/populations/" + name;
        const Hdf5Handle g = group(parent, name, p);
        RunRecord::PopulationData pop;
        pop.name = name;
        pop.model = stringAttribute(g.get(), "model", p).value_or("");
        pop.stimulus =
            numberAttribute<std::int32_t>(g.get(), "stimulus", H5T_NATIVE_INT32, p).value_or(0) !=
            0;
        const auto size = numberAttribute<std::uint64_t>(g.get(), "size", H5T_NATIVE_UINT64, p);
        std::int64_t maxNeuron = -1;
        for (const auto& child : children(g.get(), p)) {
            const std::string sp = p + "/" + child;
            if (kind(g.get(), child) != H5I_GROUP)
                continue;
            const Hdf5Handle sg = group(g.get(), child, sp);
            const std::string recorder = stringAttribute(sg.get(), "recorder", sp).value_or(child);
            if (isKind(child, "spikes")) {
                RunRecord::Spikes s;
                s.recorder = recorder;
                s.timesMs =
                    numbers<double>(sg.get(), "times_ms", H5T_NATIVE_DOUBLE, sp + "/times_ms");
                s.neurons =
                    numbers<std::int32_t>(sg.get(), "neurons", H5T_NATIVE_INT32, sp + "/neurons");
                if (s.timesMs.size() != s.neurons.size())
                    fail(sp + ": times_ms has " + std::to_string(s.timesMs.size()) +
                         " entries, neurons " + std::to_string(s.neurons.size()));
                for (const auto n : s.neurons) {
                    if (n < 0)
                        fail(sp + "/neurons: negative neuron index " + std::to_string(n));
                    maxNeuron = std::max<std::int64_t>(maxNeuron, n);
                }
                pop.spikes.push_back(std::move(s));
            } else if (isKind(child, "state")) {
                RunRecord::StateTrace t;
                t.recorder = recorder;
                t.intervalMs =
                    numberAttribute<double>(sg.get(), "interval_ms", H5T_NATIVE_DOUBLE, sp)
                        .value_or(0.0);
                t.timesMs = numbers<double>(sg.get(), "t_ms", H5T_NATIVE_DOUBLE, sp + "/t_ms");
                t.neurons =
                    numbers<std::int32_t>(sg.get(), "neurons", H5T_NATIVE_INT32, sp + "/neurons");
                t.variables = stringListAttribute(sg.get(), "variables", sp);
                if (t.variables.empty())
                    for (const auto& v : children(sg.get(), sp))
                        if (v != "t_ms" && v != "neurons" && kind(sg.get(), v) == H5I_DATASET)
                            t.variables.push_back(v);
                for (const auto& v : t.variables) {
                    std::size_t rows = 0, cols = 0;
                    auto values =
                        numbers<float>(sg.get(), v, H5T_NATIVE_FLOAT, sp + "/" + v, &rows, &cols);
                    if (rows != t.timesMs.size() || cols != t.neurons.size())
                        fail(sp + "/" + v + ": shape " + std::to_string(rows) + " x " +
                             std::to_string(cols) +
                             ", expected samples x neurons = " + std::to_string(t.timesMs.size()) +
                             " x " + std::to_string(t.neurons.size()));
                    t.values.push_back(std::move(values));
                }
                pop.states.push_back(std::move(t));
            } else if (isKind(child, "rate")) {
                RunRecord::RateTrace t;
                t.recorder = recorder;
                t.binMs = numberAttribute<double>(sg.get(), "bin_ms", H5T_NATIVE_DOUBLE, sp)
                              .value_or(0.0);
                t.timesMs = numbers<double>(sg.get(), "t_ms", H5T_NATIVE_DOUBLE, sp + "/t_ms");
                t.rateHz = numbers<double>(sg.get(), "hz", H5T_NATIVE_DOUBLE, sp + "/hz");
                if (t.timesMs.size() != t.rateHz.size())
                    fail(sp + ": t_ms has " + std::to_string(t.timesMs.size()) + " entries, hz " +
                         std::to_string(t.rateHz.size()));
                pop.rates.push_back(std::move(t));
            }
        }
        pop.size = size ? static_cast<std::size_t>(*size) : static_cast<std::size_t>(maxNeuron + 1);
        if (static_cast<std::int64_t>(pop.size) <= maxNeuron)
            fail(p + ": neuron index " + std::to_string(maxNeuron) + " out of range for size " +
                 std::to_string(pop.size));
        return pop;
    }

    /// Checks /meta and returns the open meta group.
    Hdf5Handle checkMeta(hid_t file) const {
        if (kind(file, "meta") != H5I_GROUP)
            fail("not a Plexus run archive (missing group /meta)");
        Hdf5Handle meta = group(file, "meta", "/meta");
        const auto format = stringAttribute(meta.get(), "format", "/meta");
        if (!format)
            fail("not a Plexus run archive (missing attribute /meta@format)");
        if (*format != kFormat)
            fail("not a Plexus run archive (/meta@format is \"" + *format + "\", expected \"" +
                 kFormat + "\")");
        const auto version =
            numberAttribute<std::int32_t>(meta.get(), "format_version", H5T_NATIVE_INT32, "/meta");
        if (!version)
            fail("missing attribute /meta@format_version");
        if (*version > RunArchive::formatVersion || *version < 1)
            fail("archive format version " + std::to_string(*version) +
                 " is not supported (this Plexus reads up to " +
                 std::to_string(RunArchive::formatVersion) + ")");
        return meta;
    }

    RunRecord record(hid_t file) const {
        RunRecord r;
        {
            const Hdf5Handle meta = checkMeta(file);
            const std::string p = "/meta";
            r.plexusVersion = stringAttribute(meta.get(), "plexus_version", p).value_or("");
            r.name = stringAttribute(meta.get(), "name", p).value_or("");
            r.seed = numberAttribute<std::uint64_t>(meta.get(), "seed", H5T_NATIVE_UINT64, p)
                         .value_or(0);
            const auto dt = numberAttribute<double>(meta.get(), "dt_ms", H5T_NATIVE_DOUBLE, p);
            if (!dt)
                fail("missing attribute /meta@dt_ms");
            r.dtMs = *dt;
            const auto duration =
                numberAttribute<double>(meta.get(), "duration_ms", H5T_NATIVE_DOUBLE, p);
            if (!duration)
                fail("missing attribute /meta@duration_ms");
            r.durationMs = *duration;
            r.threads = static_cast<std::size_t>(
                numberAttribute<std::uint64_t>(meta.get(), "threads", H5T_NATIVE_UINT64, p)
                    .value_or(1));
            r.projectHash = stringAttribute(meta.get(), "project_hash", p).value_or("");
            if (exists(meta.get(), "project_json"))
                r.projectJson = stringDataset(meta.get(), "project_json", "/meta/project_json");
        }
        {
            const Hdf5Handle g = group(file, "populations", "/populations");
            for (const auto& name : children(g.get(), "/populations"))
                r.populations.push_back(population(g.get(), name));
        }
        if (exists(file, "electrodes")) {
            const Hdf5Handle g = group(file, "electrodes", "/electrodes");
            for (const auto& name : children(g.get(), "/electrodes")) {
                if (kind(g.get(), name) != H5I_GROUP)
                    continue;
                const Hdf5Handle eg = group(g.get(), name, "/electrodes/" + name);
                r.electrodes.push_back({name, arrays(eg.get(), "/electrodes/" + name)});
            }
        }
        if (exists(file, "analysis")) {
            const Hdf5Handle g = group(file, "analysis", "/analysis");
            r.analysis = arrays(g.get(), "/analysis");
        }
        if (exists(file, "trials"))
            trials(file, r);
        return r;
    }
};

/// Opens an existing file, with a clear error when it is missing or not HDF5.
Hdf5Handle openFile(const fs::path& path, unsigned flags) {
    const std::string name = path.string();
    std::error_code ec;
    if (!fs::exists(path, ec))
        throw Error(name + ": no such file");
    if (fs::is_directory(path, ec))
        throw Error(name + ": is a folder, expected an HDF5 run archive (.h5)");
    if (!RunArchive::isHdf5File(path) || H5Fis_hdf5(name.c_str()) <= 0)
        throw Error(name + ": not an HDF5 file (expected a Plexus run archive)");
    Hdf5Handle file(H5Fopen(name.c_str(), flags, H5P_DEFAULT), H5Fclose);
    if (!file.valid())
        throw Error(name + ": cannot be opened as HDF5 (truncated or corrupt file?)");
    return file;
}

/// Creates a new HDF5 file at `path` and writes `record` into it.
void writeFile(const RunRecord& record, const fs::path& path, const std::string& shownName) {
    Hdf5Handle file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose);
    if (!file.valid())
        throw Error(shownName + ": cannot be created");
    Writer(shownName).record(file.get(), record);
    if (!file.reset())
        throw Error(shownName + ": write failed (disk full?)");
}

} // namespace

std::string RunArchive::libraryVersion() {
    unsigned major = 0;
    unsigned minor = 0;
    unsigned release = 0;
    if (H5get_libversion(&major, &minor, &release) < 0)
        return "unknown";
    return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(release);
}

bool RunArchive::isHdf5File(const std::filesystem::path& path) {
    // The signature sits at byte 0 (or 512, 1024, ... with a user block); Plexus writes none.
    std::ifstream in(path, std::ios::binary);
    char magic[8] = {};
    in.read(magic, 8);
    return in && std::memcmp(magic, "\x89HDF\r\n\x1a\n", 8) == 0;
}

void RunArchive::write(const RunRecord& record, const std::filesystem::path& path) {
    const Hdf5Guard guard;
    const std::string name = path.string();
    fs::path temporary = path;
    temporary += ".part";
    try {
        writeFile(record, temporary, name);
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

RunRecord RunArchive::read(const std::filesystem::path& path) {
    return FileReadGuard::run(path.string(), [&] {
        const Hdf5Guard guard;
        const Hdf5Handle file = openFile(path, H5F_ACC_RDONLY);
        return Reader(path).record(file.get());
    });
}

void RunArchive::writeAnalysis(const std::vector<NamedArray>& arrays,
                               const std::filesystem::path& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) {
        RunRecord r;
        r.analysis = arrays;
        write(r, path);
        return;
    }
    const Hdf5Guard guard;
    const std::string name = path.string();
    Hdf5Handle file = openFile(path, H5F_ACC_RDWR);
    const Reader reader(path);
    reader.checkMeta(file.get());
    const Writer writer(name);
    Hdf5Handle g;
    if (Reader::exists(file.get(), "analysis"))
        g = reader.group(file.get(), "analysis", "/analysis");
    else
        g = writer.group(file.get(), "analysis", "/analysis");
    for (const auto& a : arrays) {
        if (Reader::exists(g.get(), a.name) && H5Ldelete(g.get(), a.name.c_str(), H5P_DEFAULT) < 0)
            throw Error(name + ": cannot replace /analysis/" + a.name);
        writer.namedArray(g.get(), a, "/analysis");
    }
    g.reset();
    if (!file.reset())
        throw Error(name + ": write failed (disk full?)");
}

} // namespace plexus::core
