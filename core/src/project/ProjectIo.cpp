#include "plexus/core/project/ProjectIo.h"

#include "plexus/core/base/Error.h"
#include "plexus/core/base/JsonInput.h"
#include "plexus/core/connectivity/ConnectivityRule.h"
#include "plexus/core/project/ProjectMigration.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string_view>
#include <system_error>
#include <unistd.h>

namespace plexus::core {

namespace {

using nlohmann::json;

/// Reads typed values out of a JSON document, naming the place of any problem.
class Reader {
public:
    explicit Reader(std::string origin)
        : m_origin(std::move(origin)) {}

    [[noreturn]] void fail(const std::string& path, const std::string& what) const {
        throw Error(m_origin + ": " + path + ": " + what);
    }

    static std::string describe(const json& v) {
        std::string s = v.dump();
        if (s.size() > 40)
            s = s.substr(0, 37) + "...";
        return s;
    }

    const json& object(const json& v, const std::string& path) const {
        if (!v.is_object())
            fail(path, "expected an object, got " + describe(v));
        return v;
    }

    const json& array(const json& v, const std::string& path) const {
        if (!v.is_array())
            fail(path, "expected a list, got " + describe(v));
        return v;
    }

    double number(const json& v, const std::string& path) const {
        if (!v.is_number())
            fail(path, "expected a number, got " + describe(v));
        const double d = v.get<double>();
        if (!std::isfinite(d))
            fail(path, "must be a finite number");
        return d;
    }

    std::int64_t integer(const json& v, const std::string& path) const {
        if (v.is_number_unsigned() &&
            v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
            fail(path, v.dump() + " is out of range (integers here are at most " +
                           std::to_string(INT64_MAX) + ")");
        if (v.is_number_integer())
            return v.get<std::int64_t>();
        if (v.is_number_float()) {
            const double d = v.get<double>();
            if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15)
                return static_cast<std::int64_t>(d);
        }
        fail(path, "expected an integer, got " + describe(v));
    }

    std::string string(const json& v, const std::string& path) const {
        if (!v.is_string())
            fail(path, "expected a string, got " + describe(v));
        return v.get<std::string>();
    }

    bool boolean(const json& v, const std::string& path) const {
        if (!v.is_boolean())
            fail(path, "expected true or false, got " + describe(v));
        return v.get<bool>();
    }

    /// A name: a non-empty string.
    std::string name(const json& obj, const std::string& path) const {
        if (!obj.contains("name"))
            fail(path, "missing \"name\"");
        std::string s = string(obj["name"], path + ".name");
        if (s.empty())
            fail(path + ".name", "must not be empty");
        return s;
    }

    std::map<std::string, double> numberMap(const json& v, const std::string& path) const {
        std::map<std::string, double> out;
        for (const auto& [key, value] : object(v, path).items())
            out[key] = number(value, path + "." + key);
        return out;
    }

    ValueSpec value(const json& v, const std::string& path) const {
        if (v.is_number())
            return ValueSpec::constant(number(v, path));
        object(v, path);
        if (!v.contains("dist"))
            fail(path, "expected a number or {\"dist\": ...}");
        const std::string dist = string(v["dist"], path + ".dist");
        auto field = [&](const char* key) {
            if (!v.contains(key))
                fail(path, std::string("distribution \"") + dist + "\" needs \"" + key + "\"");
            return number(v[key], path + "." + key);
        };
        if (dist == "constant")
            return ValueSpec::constant(field("value"));
        if (dist == "uniform") {
            const double lo = field("low");
            const double hi = field("high");
            if (hi < lo)
                fail(path, "uniform needs low <= high");
            return ValueSpec::uniform(lo, hi);
        }
        if (dist == "normal") {
            const double sd = field("sd");
            if (sd < 0)
                fail(path + ".sd", "must be >= 0");
            return ValueSpec::normal(field("mean"), sd);
        }
        fail(path + ".dist", "unknown distribution \"" + dist + "\" (constant, uniform, normal)");
    }

    std::vector<std::int64_t> integers(const json& v, const std::string& path) const {
        std::vector<std::int64_t> out;
        std::size_t i = 0;
        for (const auto& e : array(v, path))
            out.push_back(integer(e, path + "[" + std::to_string(i++) + "]"));
        return out;
    }

private:
    std::string m_origin;
};

json valueToJson(const ValueSpec& v) {
    switch (v.kind) {
    case ValueSpec::Kind::Constant:
        return v.a;
    case ValueSpec::Kind::Uniform:
        return {{"dist", "uniform"}, {"low", v.a}, {"high", v.b}};
    case ValueSpec::Kind::Normal:
        return {{"dist", "normal"}, {"mean", v.a}, {"sd", v.b}};
    }
    return v.a;
}

/// `name` as written in the project, resolved relative to the folder of the project file
/// `origin`.
std::filesystem::path relativeToProject(const std::string& name, const std::string& origin) {
    std::filesystem::path file(name);
    if (file.is_relative())
        file = std::filesystem::path(origin).parent_path() / file;
    return file;
}

/// Fill a spike-time stimulus from its CSV file (`time_ms,channel`, optional header line),
/// resolved relative to the project file `origin`.
void readSpikeTimes(StimulusSpec& st, const std::string& origin, const std::string& where) {
    const std::filesystem::path file = relativeToProject(st.file, origin);
    std::ifstream in(file);
    if (!in)
        throw Error(origin + ": " + where + ": cannot read spike-time file " + file.string());
    const std::string place = origin + ": " + where + ": " + file.string();
    std::string line;
    std::size_t lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty() || line[0] == '#')
            continue;
        const auto comma = line.find(',');
        const std::string first = line.substr(0, comma);
        char* end = nullptr;
        const double t = std::strtod(first.c_str(), &end);
        if (end == first.c_str() || *end != '\0') {
            if (lineNo == 1)
                continue; // header
            throw Error(place + ": line " + std::to_string(lineNo) +
                        ": expected time_ms,channel (got \"" + line + "\")");
        }
        long long channel = 0;
        if (comma != std::string::npos) {
            const std::string second = line.substr(comma + 1);
            char* end2 = nullptr;
            channel = std::strtoll(second.c_str(), &end2, 10);
            if (end2 == second.c_str() || *end2 != '\0')
                throw Error(place + ": line " + std::to_string(lineNo) +
                            ": channel must be an integer (got \"" + second + "\")");
        }
        if (!std::isfinite(t) || t < 0 || channel < 0)
            throw Error(place + ": line " + std::to_string(lineNo) +
                        ": time must be >= 0 and channel >= 0");
        st.times.push_back(t);
        st.indices.push_back(channel);
    }
}

std::string at(const std::string& list, std::size_t i) {
    return list + "[" + std::to_string(i) + "]";
}

/// Keys each kind of object understands; everything else is kept in the spec's `extra`.
using KnownKeys = std::initializer_list<std::string_view>;
const KnownKeys kDocumentKeys = {"format",     "formatVersion", "name",    "description",
                                 "simulation", "populations",   "stimuli", "projections",
                                 "recorders",  "electrodes",    "layout",  "cortex",
                                 "vessels",    "protocol"};
const KnownKeys kSimulationKeys = {"dt_ms", "duration_s", "seed", "threads"};
const KnownKeys kPopulationKeys = {"name", "model", "size", "params", "initial", "spatial"};
const KnownKeys kSpatialKeys = {"shape", "extent_um", "radius_um"};
const KnownKeys kStimulusKeys = {"name",    "model",  "size",  "target",  "receptor",
                                 "neurons", "params", "times", "indices", "file"};
const KnownKeys kProjectionKeys = {"name",   "source",   "target",  "receptor", "connectivity",
                                   "weight", "delay_ms", "synapse", "modulator"};
const KnownKeys kRecorderKeys = {"name",    "type",        "target", "variables",
                                 "neurons", "interval_ms", "bin_ms"};

const KnownKeys kElectrodeKeys = {"name",       "type",        "target",        "contacts",
                                  "spacing_um", "depth_um",    "anchor_vertex", "anchor_mm",
                                  "sites",      "contacts_mm", "montage_file"};

const KnownKeys kCortexKeys = {"seed", "surface", "white_surface", "hemisphere"};
const KnownKeys kVesselKeys = {"enabled", "seed", "trees", "generations"};

bool isKnown(const std::string& key, KnownKeys known) {
    return std::find(known.begin(), known.end(), key) != known.end();
}

/// Members of `object` with keys outside `known`, or null when there are none.
json unknownMembers(const json& object, KnownKeys known) {
    json extra = nullptr;
    for (const auto& [key, value] : object.items()) {
        if (isKnown(key, known))
            continue;
        if (extra.is_null())
            extra = json::object();
        extra[key] = value;
    }
    return extra;
}

/// Writes the kept unknown members back into `object` (never over a known key).
void addUnknownMembers(json& object, const json& extra, KnownKeys known) {
    if (!extra.is_object())
        return;
    for (const auto& [key, value] : extra.items())
        if (!isKnown(key, known) && !object.contains(key))
            object[key] = value;
}

/// A population's spatial layout (format version 2). Sizes missing from the file take the
/// shape's defaults.
SpatialSpec readSpatial(const Reader& r, const json& v, const std::string& path) {
    r.object(v, path);
    if (!v.contains("shape"))
        r.fail(path, "missing \"shape\"");
    const std::string shape = r.string(v["shape"], path + ".shape");
    if (!SpatialSpec::isKnownShape(shape))
        r.fail(path + ".shape",
               "unknown shape \"" + shape + "\" (mixed, grid, random, ring, sheet)");
    SpatialSpec spatial = SpatialSpec::withShape(shape);
    if (v.contains("extent_um")) {
        const json& extent = r.array(v["extent_um"], path + ".extent_um");
        if (extent.size() != 3)
            r.fail(path + ".extent_um", "expected [x, y, z] in um (3 numbers)");
        for (std::size_t k = 0; k < 3; ++k) {
            const std::string place = path + ".extent_um[" + std::to_string(k) + "]";
            spatial.extentUm[k] = r.number(extent[k], place);
            if (spatial.extentUm[k] < 0)
                r.fail(place, "must be >= 0 um");
        }
    }
    if (v.contains("radius_um")) {
        spatial.radiusUm = r.number(v["radius_um"], path + ".radius_um");
        if (spatial.radiusUm < 0)
            r.fail(path + ".radius_um", "must be >= 0 um");
    }
    spatial.extra = unknownMembers(v, kSpatialKeys);
    return spatial;
}

json spatialToJson(const SpatialSpec& spatial) {
    json s = {{"shape", spatial.shape}};
    if (spatial.shape == "ring")
        s["radius_um"] = spatial.radiusUm;
    else if (spatial.shape != "mixed")
        s["extent_um"] = spatial.extentUm;
    addUnknownMembers(s, spatial.extra, kSpatialKeys);
    return s;
}

/// The "cortex" member.
CortexSpec readCortex(const Reader& r, const json& c) {
    r.object(c, "cortex");
    CortexSpec cortex;
    if (c.contains("seed")) {
        const std::int64_t seed = r.integer(c["seed"], "cortex.seed");
        if (seed < 0)
            r.fail("cortex.seed", "must be >= 0");
        cortex.seed = static_cast<std::uint64_t>(seed);
    }
    const auto file = [&](const char* key) {
        std::string name = r.string(c[key], std::string("cortex.") + key);
        if (name.empty())
            r.fail(std::string("cortex.") + key, "must not be empty");
        return name;
    };
    if (c.contains("surface"))
        cortex.surface = file("surface");
    if (c.contains("white_surface")) {
        cortex.whiteSurface = file("white_surface");
        if (cortex.surface.empty())
            r.fail("cortex.white_surface", "needs a \"surface\" (the pial surface)");
    }
    if (c.contains("hemisphere")) {
        cortex.hemisphere = r.string(c["hemisphere"], "cortex.hemisphere");
        if (cortex.hemisphere != "left" && cortex.hemisphere != "right")
            r.fail("cortex.hemisphere",
                   "unknown hemisphere \"" + cortex.hemisphere + "\" (left, right)");
    }
    cortex.extra = unknownMembers(c, kCortexKeys);
    return cortex;
}

json cortexToJson(const CortexSpec& cortex) {
    json c = json::object();
    if (cortex.isProcedural()) {
        c["seed"] = cortex.seed;
    } else {
        c["surface"] = cortex.surface;
        if (!cortex.whiteSurface.empty())
            c["white_surface"] = cortex.whiteSurface;
    }
    if (!cortex.hemisphere.empty())
        c["hemisphere"] = cortex.hemisphere;
    addUnknownMembers(c, cortex.extra, kCortexKeys);
    return c;
}

/// The "vessels" member.
VesselSpec readVessels(const Reader& r, const json& v) {
    r.object(v, "vessels");
    VesselSpec vessels;
    if (v.contains("enabled"))
        vessels.enabled = r.boolean(v["enabled"], "vessels.enabled");
    if (v.contains("seed")) {
        const std::int64_t seed = r.integer(v["seed"], "vessels.seed");
        if (seed < 0)
            r.fail("vessels.seed", "must be >= 0");
        vessels.seed = static_cast<std::uint64_t>(seed);
    }
    if (v.contains("trees")) {
        const std::int64_t trees = r.integer(v["trees"], "vessels.trees");
        if (trees < 1 || trees > 64)
            r.fail("vessels.trees", "must be between 1 and 64 (got " + std::to_string(trees) + ")");
        vessels.trees = static_cast<int>(trees);
    }
    if (v.contains("generations")) {
        const std::int64_t generations = r.integer(v["generations"], "vessels.generations");
        if (generations < 0 || generations > 10)
            r.fail("vessels.generations",
                   "must be between 0 and 10 (got " + std::to_string(generations) + ")");
        vessels.generations = static_cast<int>(generations);
    }
    vessels.extra = unknownMembers(v, kVesselKeys);
    return vessels;
}

json vesselsToJson(const VesselSpec& vessels) {
    json v = {{"enabled", vessels.enabled},
              {"seed", vessels.seed},
              {"trees", vessels.trees},
              {"generations", vessels.generations}};
    addUnknownMembers(v, vessels.extra, kVesselKeys);
    return v;
}

/// One electrode of the "electrodes" list.
ElectrodeSpec readElectrode(const Reader& r, const json& e, const std::string& path) {
    r.object(e, path);
    ElectrodeSpec el;
    el.name = r.name(e, path);
    if (e.contains("type")) {
        el.type = r.string(e["type"], path + ".type");
        if (!ElectrodeSpec::isKnownKind(el.type))
            r.fail(path + ".type", "unknown electrode type \"" + el.type +
                                       "\" (point, laminar, utah, eeg, thread)");
    }
    if (e.contains("target"))
        el.target = r.string(e["target"], path + ".target");
    if (e.contains("contacts")) {
        const std::int64_t n = r.integer(e["contacts"], path + ".contacts");
        if (n < 1 || n > 100000)
            r.fail(path + ".contacts",
                   "must be between 1 and 100000 (got " + std::to_string(n) + ")");
        el.contacts = static_cast<int>(n);
    }
    if (e.contains("spacing_um")) {
        el.spacingUm = r.number(e["spacing_um"], path + ".spacing_um");
        if (el.spacingUm <= 0)
            r.fail(path + ".spacing_um", "must be > 0 um");
    }
    if (e.contains("depth_um")) {
        el.depthUm = r.number(e["depth_um"], path + ".depth_um");
        if (*el.depthUm < 0)
            r.fail(path + ".depth_um", "must be >= 0 um");
    }
    if (e.contains("anchor_vertex")) {
        el.anchorVertex = r.integer(e["anchor_vertex"], path + ".anchor_vertex");
        if (*el.anchorVertex < 0)
            r.fail(path + ".anchor_vertex", "must be >= 0");
    }
    if (e.contains("anchor_mm")) {
        const json& a = r.array(e["anchor_mm"], path + ".anchor_mm");
        if (a.size() != 3)
            r.fail(path + ".anchor_mm", "expected [x, y, z] in mm (3 numbers)");
        std::array<double, 3> point{};
        for (std::size_t k = 0; k < 3; ++k)
            point[k] = r.number(a[k], at(path + ".anchor_mm", k));
        el.anchorMm = point;
    }
    if (e.contains("sites")) {
        std::size_t k = 0;
        for (const auto& s : r.array(e["sites"], path + ".sites")) {
            const std::string spath = at(path + ".sites", k++);
            r.object(s, spath);
            ElectrodeSite site;
            if (!s.contains("vertex"))
                r.fail(spath, "missing \"vertex\"");
            site.vertex = r.integer(s["vertex"], spath + ".vertex");
            if (site.vertex < 0)
                r.fail(spath + ".vertex", "must be >= 0");
            if (s.contains("depth_um")) {
                site.depthUm = r.number(s["depth_um"], spath + ".depth_um");
                if (site.depthUm < 0)
                    r.fail(spath + ".depth_um", "must be >= 0 um");
            }
            el.sites.push_back(site);
        }
    }
    if (e.contains("contacts_mm")) {
        std::size_t k = 0;
        for (const auto& c : r.array(e["contacts_mm"], path + ".contacts_mm")) {
            const std::string cpath = at(path + ".contacts_mm", k++);
            r.object(c, cpath);
            ScalpContact contact;
            if (c.contains("label"))
                contact.label = r.string(c["label"], cpath + ".label");
            for (const char* key : {"x_mm", "y_mm", "z_mm"})
                if (!c.contains(key))
                    r.fail(cpath, std::string("missing \"") + key + "\"");
            contact.xMm = r.number(c["x_mm"], cpath + ".x_mm");
            contact.yMm = r.number(c["y_mm"], cpath + ".y_mm");
            contact.zMm = r.number(c["z_mm"], cpath + ".z_mm");
            el.scalpContacts.push_back(std::move(contact));
        }
    }
    if (e.contains("montage_file"))
        el.montageFile = r.string(e["montage_file"], path + ".montage_file");
    el.extra = unknownMembers(e, kElectrodeKeys);
    return el;
}

json electrodeToJson(const ElectrodeSpec& el) {
    json e = {{"name", el.name}, {"type", el.type}};
    if (!el.target.empty())
        e["target"] = el.target;
    e["contacts"] = el.contacts;
    e["spacing_um"] = el.spacingUm;
    if (el.depthUm)
        e["depth_um"] = *el.depthUm;
    if (el.anchorVertex)
        e["anchor_vertex"] = *el.anchorVertex;
    if (el.anchorMm)
        e["anchor_mm"] = *el.anchorMm;
    if (!el.sites.empty()) {
        json sites = json::array();
        for (const ElectrodeSite& site : el.sites)
            sites.push_back({{"vertex", site.vertex}, {"depth_um", site.depthUm}});
        e["sites"] = std::move(sites);
    }
    if (!el.scalpContacts.empty()) {
        json contacts = json::array();
        for (const ScalpContact& c : el.scalpContacts)
            contacts.push_back(
                {{"label", c.label}, {"x_mm", c.xMm}, {"y_mm", c.yMm}, {"z_mm", c.zMm}});
        e["contacts_mm"] = std::move(contacts);
    }
    if (!el.montageFile.empty())
        e["montage_file"] = el.montageFile;
    addUnknownMembers(e, el.extra, kElectrodeKeys);
    return e;
}

const KnownKeys kProtocolKeys = {"conditions", "trials", "trial_ms",     "iti_ms",
                                 "order",      "seed",   "perturbations"};
const KnownKeys kConditionKeys = {"name", "label", "stimuli", "stimulus_params"};
const KnownKeys kPerturbationKeys = {"kind",     "target",    "fraction",  "neurons",
                                     "start_ms", "end_ms",    "condition", "variable",
                                     "value",    "amplitude", "factor"};

PerturbationSpec readPerturbation(const Reader& r, const json& e, const std::string& path) {
    r.object(e, path);
    PerturbationSpec p;
    if (!e.contains("kind"))
        r.fail(path, "missing \"kind\" (silence, clamp, drive, scale_weights, lesion)");
    p.kind = r.string(e["kind"], path + ".kind");
    if (p.kind != "silence" && p.kind != "clamp" && p.kind != "drive" &&
        p.kind != "scale_weights" && p.kind != "lesion")
        r.fail(path + ".kind", "unknown perturbation \"" + p.kind +
                                   "\" (silence, clamp, drive, scale_weights, lesion)");
    if (!e.contains("target"))
        r.fail(path, "missing \"target\"");
    p.target = r.string(e["target"], path + ".target");
    if (p.target.empty())
        r.fail(path + ".target", "must not be empty");
    if (e.contains("fraction")) {
        p.fraction = r.number(e["fraction"], path + ".fraction");
        if (*p.fraction < 0 || *p.fraction > 1)
            r.fail(path + ".fraction", "must be in [0, 1]");
    }
    if (e.contains("neurons")) {
        if (!p.actsOnNeurons())
            r.fail(path + ".neurons", p.kind + " acts on a projection, not on neurons");
        p.neurons = r.integers(e["neurons"], path + ".neurons");
        for (std::size_t k = 0; k < p.neurons.size(); ++k)
            if (p.neurons[k] < 0)
                r.fail(at(path + ".neurons", k), "must be >= 0");
        if (p.fraction)
            r.fail(path, "give \"neurons\" or \"fraction\", not both");
    }
    if (e.contains("start_ms")) {
        p.startMs = r.number(e["start_ms"], path + ".start_ms");
        if (p.startMs < 0)
            r.fail(path + ".start_ms", "must be >= 0");
    }
    if (e.contains("end_ms")) {
        if (!p.actsOnNeurons())
            r.fail(path + ".end_ms", p.kind + " happens once, at start_ms");
        p.endMs = r.number(e["end_ms"], path + ".end_ms");
        if (*p.endMs <= p.startMs)
            r.fail(path + ".end_ms", "must be after start_ms");
    }
    if (e.contains("condition")) {
        if (!p.actsOnNeurons())
            r.fail(path + ".condition", p.kind + " happens once, at start_ms");
        p.condition = r.string(e["condition"], path + ".condition");
    }
    auto required = [&](const char* key) -> const json& {
        if (!e.contains(key))
            r.fail(path, p.kind + " needs \"" + key + "\"");
        return e[key];
    };
    if (p.kind == "clamp") {
        p.variable = r.string(required("variable"), path + ".variable");
        p.value = r.number(required("value"), path + ".value");
    } else if (p.kind == "drive") {
        p.amplitude = r.number(required("amplitude"), path + ".amplitude");
    } else if (p.kind == "scale_weights") {
        p.factor = r.number(required("factor"), path + ".factor");
    } else if (p.kind == "lesion") {
        required("fraction");
    }
    // A setting of another kind is a mistake, not an unknown member to keep.
    const std::pair<const char*, const char*> owners[] = {{"variable", "clamp"},
                                                          {"value", "clamp"},
                                                          {"amplitude", "drive"},
                                                          {"factor", "scale_weights"}};
    for (const auto& [key, kind] : owners)
        if (e.contains(key) && p.kind != kind)
            r.fail(path + "." + key, "does not apply to " + p.kind + " (only to " + kind + ")");
    p.extra = unknownMembers(e, kPerturbationKeys);
    return p;
}

json perturbationToJson(const PerturbationSpec& p) {
    json e = {{"kind", p.kind}, {"target", p.target}};
    if (p.fraction)
        e["fraction"] = *p.fraction;
    if (!p.neurons.empty())
        e["neurons"] = p.neurons;
    e["start_ms"] = p.startMs;
    if (p.endMs)
        e["end_ms"] = *p.endMs;
    if (!p.condition.empty())
        e["condition"] = p.condition;
    if (p.kind == "clamp") {
        e["variable"] = p.variable;
        e["value"] = p.value;
    }
    if (p.kind == "drive")
        e["amplitude"] = p.amplitude;
    if (p.kind == "scale_weights")
        e["factor"] = p.factor;
    addUnknownMembers(e, p.extra, kPerturbationKeys);
    return e;
}

/// Most trials a protocol may have (conditions x trials).
constexpr double kMaxTrials = 1e6;

ProtocolSpec readProtocol(const Reader& r, const json& v) {
    const std::string path = "protocol";
    r.object(v, path);
    ProtocolSpec p;
    if (!v.contains("conditions"))
        r.fail(path, "missing \"conditions\"");
    std::size_t i = 0;
    for (const auto& e : r.array(v["conditions"], path + ".conditions")) {
        const std::string cpath = at(path + ".conditions", i++);
        r.object(e, cpath);
        ConditionSpec c;
        c.name = r.name(e, cpath);
        if (p.conditionIndex(c.name) >= 0)
            r.fail(cpath + ".name", "a condition called \"" + c.name + "\" already exists");
        if (e.contains("label"))
            c.label = r.string(e["label"], cpath + ".label");
        if (e.contains("stimuli")) {
            std::size_t k = 0;
            for (const auto& s : r.array(e["stimuli"], cpath + ".stimuli")) {
                const std::string spath = at(cpath + ".stimuli", k++);
                std::string name = r.string(s, spath);
                if (std::find(c.stimuli.begin(), c.stimuli.end(), name) != c.stimuli.end())
                    r.fail(spath, "stimulus \"" + name + "\" is listed twice");
                c.stimuli.push_back(std::move(name));
            }
        }
        if (e.contains("stimulus_params"))
            for (const auto& [stim, params] :
                 r.object(e["stimulus_params"], cpath + ".stimulus_params").items()) {
                const std::string ppath = cpath + ".stimulus_params." + stim;
                if (std::find(c.stimuli.begin(), c.stimuli.end(), stim) == c.stimuli.end())
                    r.fail(ppath, "\"" + stim + "\" is not one of this condition's stimuli");
                c.stimulusParams[stim] = r.numberMap(params, ppath);
            }
        c.extra = unknownMembers(e, kConditionKeys);
        p.conditions.push_back(std::move(c));
    }
    if (p.conditions.empty())
        r.fail(path + ".conditions", "needs at least one condition");
    if (v.contains("trials")) {
        const std::int64_t n = r.integer(v["trials"], path + ".trials");
        if (n < 1 || n > 1000000)
            r.fail(path + ".trials", "must be between 1 and 1000000");
        p.trials = static_cast<int>(n);
    }
    if (v.contains("trial_ms")) {
        p.trialMs = r.number(v["trial_ms"], path + ".trial_ms");
        if (p.trialMs <= 0)
            r.fail(path + ".trial_ms", "must be > 0");
    }
    if (v.contains("iti_ms")) {
        p.itiMs = r.number(v["iti_ms"], path + ".iti_ms");
        if (p.itiMs < 0)
            r.fail(path + ".iti_ms", "must be >= 0");
    }
    if (static_cast<double>(p.conditions.size()) * p.trials > kMaxTrials)
        r.fail(path + ".trials", std::to_string(p.conditions.size()) + " conditions x " +
                                     std::to_string(p.trials) + " trials is more than " +
                                     std::to_string(static_cast<int>(kMaxTrials)) + " trials");
    if (v.contains("order")) {
        p.order = r.string(v["order"], path + ".order");
        if (p.order != "blocked" && p.order != "interleaved" && p.order != "random")
            r.fail(path + ".order",
                   "unknown order \"" + p.order + "\" (blocked, interleaved, random)");
    }
    if (v.contains("seed")) {
        const std::int64_t seed = r.integer(v["seed"], path + ".seed");
        if (seed < 0)
            r.fail(path + ".seed", "must be >= 0");
        p.seed = static_cast<std::uint64_t>(seed);
    }
    if (v.contains("perturbations")) {
        std::size_t k = 0;
        for (const auto& e : r.array(v["perturbations"], path + ".perturbations")) {
            const std::string ppath = at(path + ".perturbations", k++);
            p.perturbations.push_back(readPerturbation(r, e, ppath));
            const PerturbationSpec& added = p.perturbations.back();
            if (!added.condition.empty() && p.conditionIndex(added.condition) < 0)
                r.fail(ppath + ".condition", "no condition named \"" + added.condition + "\"");
        }
    }
    p.extra = unknownMembers(v, kProtocolKeys);
    return p;
}

json protocolToJson(const ProtocolSpec& p) {
    json conditions = json::array();
    for (const ConditionSpec& c : p.conditions) {
        json e = {{"name", c.name}};
        if (!c.label.empty())
            e["label"] = c.label;
        e["stimuli"] = c.stimuli;
        if (!c.stimulusParams.empty())
            e["stimulus_params"] = c.stimulusParams;
        addUnknownMembers(e, c.extra, kConditionKeys);
        conditions.push_back(std::move(e));
    }
    json v = {{"conditions", std::move(conditions)},
              {"trials", p.trials},
              {"trial_ms", p.trialMs},
              {"iti_ms", p.itiMs},
              {"order", p.order},
              {"seed", p.seed}};
    if (!p.perturbations.empty()) {
        json list = json::array();
        for (const PerturbationSpec& q : p.perturbations)
            list.push_back(perturbationToJson(q));
        v["perturbations"] = std::move(list);
    }
    addUnknownMembers(v, p.extra, kProtocolKeys);
    return v;
}

/// Whether a member of "layout" is a node position (an object with "x" or "y").
bool isPosition(const json& entry) {
    return entry.is_object() && (entry.contains("x") || entry.contains("y"));
}

/// The "layout" object: node name -> {"x": ..., "y": ...}; other members go to layoutExtra.
void readLayout(const Reader& r, const json& v, ProjectSpec& p) {
    for (const auto& [name, entry] : r.object(v, "layout").items()) {
        const std::string path = "layout." + name;
        if (!isPosition(entry)) {
            if (p.layoutExtra.is_null())
                p.layoutExtra = json::object();
            p.layoutExtra[name] = entry;
            continue;
        }
        for (const auto& [key, member] : entry.items())
            if (key != "x" && key != "y")
                r.fail(path + "." + key, "unknown member (a node position has \"x\" and \"y\")");
        for (const char* key : {"x", "y"})
            if (!entry.contains(key))
                r.fail(path, std::string("missing \"") + key + "\"");
        p.layout[name] = {r.number(entry["x"], path + ".x"), r.number(entry["y"], path + ".y")};
    }
}

} // namespace

ProjectSpec ProjectIo::load(const std::filesystem::path& path) {
    return load(path, path.string());
}

ProjectSpec ProjectIo::load(const std::filesystem::path& path, const std::string& origin) {
    ProjectSpec project = parse(JsonInput::readText(path), origin);
    checkFiles(project, origin);
    return project;
}

void ProjectIo::checkFiles(const ProjectSpec& project, const std::string& origin) {
    if (!project.cortex.has_value())
        return;
    const auto check = [&](const std::string& name, const char* key) {
        if (name.empty())
            return;
        const std::filesystem::path file = relativeToProject(name, origin);
        std::error_code ec;
        if (!std::filesystem::is_regular_file(file, ec))
            throw Error(origin + ": cortex." + key + ": file '" + name + "' not found" +
                        (file.string() != name ? " (looked for " + file.string() + ")" : ""));
    };
    check(project.cortex->surface, "surface");
    check(project.cortex->whiteSurface, "white_surface");
}

ProjectSpec ProjectIo::parse(const std::string& text, const std::string& origin) {
    ProjectSpec project = fromJson(JsonInput::parse(text, origin), origin);
    checkReferences(project, origin);
    return project;
}

void ProjectIo::checkReferences(const ProjectSpec& project, const std::string& origin) {
    for (std::size_t i = 0; i < project.electrodes.size(); ++i) {
        const ElectrodeSpec& el = project.electrodes[i];
        if (!el.target.empty() && project.findPopulation(el.target) == nullptr)
            throw Error(origin + ": " + at("electrodes", i) + ".target: no population named \"" +
                        el.target + "\" to record from");
    }
    if (!project.protocol)
        return;
    const ProtocolSpec& protocol = *project.protocol;
    auto fail = [&](const std::string& path, const std::string& what) {
        throw Error(origin + ": " + path + ": " + what);
    };
    for (std::size_t c = 0; c < protocol.conditions.size(); ++c) {
        const ConditionSpec& cond = protocol.conditions[c];
        const std::string path = at("protocol.conditions", c);
        for (std::size_t k = 0; k < cond.stimuli.size(); ++k)
            if (!project.findStimulus(cond.stimuli[k]))
                fail(at(path + ".stimuli", k), "unknown stimulus \"" + cond.stimuli[k] + "\"");
    }
    for (std::size_t i = 0; i < protocol.perturbations.size(); ++i) {
        const PerturbationSpec& p = protocol.perturbations[i];
        const std::string path = at("protocol.perturbations", i) + ".target";
        if (p.actsOnNeurons()) {
            if (!project.findPopulation(p.target) && !project.findStimulus(p.target))
                fail(path, "no population named \"" + p.target + "\"");
        } else if (std::none_of(project.projections.begin(), project.projections.end(),
                                [&](const ProjectionSpec& pr) { return pr.name == p.target; })) {
            fail(path, "no projection named \"" + p.target + "\"");
        }
    }
}

ProjectSpec ProjectIo::fromJson(const nlohmann::json& doc, const std::string& origin) {
    const Reader r(origin);
    r.object(doc, "document");
    if (!doc.contains("format") || !doc["format"].is_string() || doc["format"] != "plexus-project")
        r.fail("format", "not a Plexus project (expected \"format\": \"plexus-project\")");
    if (!doc.contains("formatVersion"))
        r.fail("formatVersion", "missing");
    ProjectSpec p;
    const std::int64_t version = r.integer(doc["formatVersion"], "formatVersion");
    if (version > ProjectSpec::currentFormatVersion)
        r.fail("formatVersion", "version " + std::to_string(version) +
                                    " is not supported: the file was written by a newer Plexus "
                                    "(this Plexus reads 1.." +
                                    std::to_string(ProjectSpec::currentFormatVersion) + ")");
    if (version < 1)
        r.fail("formatVersion", "version " + std::to_string(version) +
                                    " is not supported (this Plexus reads 1.." +
                                    std::to_string(ProjectSpec::currentFormatVersion) + ")");
    p.formatVersion = static_cast<int>(version);
    if (p.formatVersion < ProjectSpec::currentFormatVersion) {
        // Older files are migrated step by step on a copy; the file itself is never touched.
        json upgraded = doc;
        ProjectMigration::upgrade(upgraded, origin);
        return fromJson(upgraded, origin);
    }
    if (doc.contains("name"))
        p.name = r.string(doc["name"], "name");
    if (doc.contains("description"))
        p.description = r.string(doc["description"], "description");
    p.extra = unknownMembers(doc, kDocumentKeys);

    if (doc.contains("simulation")) {
        const json& s = r.object(doc["simulation"], "simulation");
        if (s.contains("dt_ms")) {
            p.simulation.dtMs = r.number(s["dt_ms"], "simulation.dt_ms");
            if (p.simulation.dtMs <= 0 || p.simulation.dtMs > 10)
                r.fail("simulation.dt_ms", "must be in (0, 10] ms");
        }
        if (s.contains("duration_s")) {
            p.simulation.durationS = r.number(s["duration_s"], "simulation.duration_s");
            if (p.simulation.durationS <= 0)
                r.fail("simulation.duration_s", "must be > 0");
        }
        const std::string problem =
            SimulationSpec::durationProblem(p.simulation.durationS, p.simulation.dtMs);
        if (!problem.empty())
            r.fail(s.contains("duration_s") ? "simulation.duration_s" : "simulation.dt_ms",
                   problem);
        if (s.contains("seed")) {
            const auto seed = r.integer(s["seed"], "simulation.seed");
            if (seed < 0)
                r.fail("simulation.seed", "must be >= 0");
            p.simulation.seed = static_cast<std::uint64_t>(seed);
        }
        if (s.contains("threads")) {
            const auto t = r.integer(s["threads"], "simulation.threads");
            if (t < 1 || t > 256)
                r.fail("simulation.threads", "must be between 1 and 256");
            p.simulation.threads = static_cast<int>(t);
        }
        p.simulation.extra = unknownMembers(s, kSimulationKeys);
    }

    std::set<std::string> names;
    auto claim = [&](const std::string& name, const std::string& path) {
        if (!names.insert(name).second)
            r.fail(path + ".name", "duplicate name \"" + name + "\"");
    };

    if (doc.contains("populations")) {
        std::size_t i = 0;
        for (const auto& e : r.array(doc["populations"], "populations")) {
            const std::string path = at("populations", i++);
            r.object(e, path);
            PopulationSpec pop;
            pop.name = r.name(e, path);
            claim(pop.name, path);
            if (!e.contains("model"))
                r.fail(path, "missing \"model\"");
            pop.model = r.string(e["model"], path + ".model");
            if (!e.contains("size"))
                r.fail(path, "missing \"size\"");
            pop.size = r.integer(e["size"], path + ".size");
            if (const std::string problem = PopulationSpec::sizeProblem(pop.size); !problem.empty())
                r.fail(path + ".size", problem);
            if (e.contains("params"))
                pop.params = r.numberMap(e["params"], path + ".params");
            if (e.contains("initial"))
                for (const auto& [key, v] : r.object(e["initial"], path + ".initial").items())
                    pop.initial[key] = r.value(v, path + ".initial." + key);
            if (e.contains("spatial"))
                pop.spatial = readSpatial(r, e["spatial"], path + ".spatial");
            pop.extra = unknownMembers(e, kPopulationKeys);
            p.populations.push_back(std::move(pop));
        }
    }

    if (doc.contains("stimuli")) {
        std::size_t i = 0;
        for (const auto& e : r.array(doc["stimuli"], "stimuli")) {
            const std::string path = at("stimuli", i++);
            r.object(e, path);
            StimulusSpec st;
            st.name = r.name(e, path);
            claim(st.name, path);
            if (!e.contains("model"))
                r.fail(path, "missing \"model\"");
            st.model = r.string(e["model"], path + ".model");
            if (e.contains("size")) {
                st.size = r.integer(e["size"], path + ".size");
                if (st.size < 0)
                    r.fail(path + ".size", "must be >= 0 (got " + std::to_string(st.size) + ")");
                if (st.size > PopulationSpec::maxSize)
                    r.fail(path + ".size", "must be at most " +
                                               std::to_string(PopulationSpec::maxSize) + " (got " +
                                               std::to_string(st.size) + ")");
            }
            if (e.contains("target"))
                st.target = r.string(e["target"], path + ".target");
            if (e.contains("receptor"))
                st.receptor = r.string(e["receptor"], path + ".receptor");
            if (e.contains("neurons"))
                st.neurons = r.integers(e["neurons"], path + ".neurons");
            if (e.contains("params"))
                st.params = r.numberMap(e["params"], path + ".params");
            if (e.contains("times")) {
                std::size_t k = 0;
                for (const auto& t : r.array(e["times"], path + ".times")) {
                    const double v = r.number(t, path + ".times[" + std::to_string(k++) + "]");
                    if (v < 0)
                        r.fail(path + ".times[" + std::to_string(k - 1) + "]", "must be >= 0");
                    st.times.push_back(v);
                }
            }
            if (e.contains("indices"))
                st.indices = r.integers(e["indices"], path + ".indices");
            if (!st.indices.empty() && st.indices.size() != st.times.size())
                r.fail(path + ".indices", "must have as many entries as \"times\"");
            if (e.contains("file")) {
                st.file = r.string(e["file"], path + ".file");
                if (!st.times.empty())
                    r.fail(path + ".file", "give either \"file\" or \"times\", not both");
                readSpikeTimes(st, origin, path + ".file");
            }
            st.extra = unknownMembers(e, kStimulusKeys);
            p.stimuli.push_back(std::move(st));
        }
    }

    if (doc.contains("projections")) {
        std::set<std::string> projectionNames;
        std::size_t i = 0;
        for (const auto& e : r.array(doc["projections"], "projections")) {
            const std::string path = at("projections", i++);
            r.object(e, path);
            ProjectionSpec pr;
            pr.name = e.contains("name") ? r.string(e["name"], path + ".name") : std::string();
            for (const char* key : {"source", "target"})
                if (!e.contains(key))
                    r.fail(path, std::string("missing \"") + key + "\"");
            pr.source = r.string(e["source"], path + ".source");
            pr.target = r.string(e["target"], path + ".target");
            if (!pr.name.empty() && !projectionNames.insert(pr.name).second)
                r.fail(path + ".name", "duplicate projection name \"" + pr.name + "\"");
            if (e.contains("receptor"))
                pr.receptor = r.string(e["receptor"], path + ".receptor");
            if (e.contains("connectivity")) {
                const json& c = r.object(e["connectivity"], path + ".connectivity");
                for (const auto& [key, v] : c.items()) {
                    const std::string cpath = path + ".connectivity." + key;
                    if (key == "rule")
                        pr.connectivity.rule = r.string(v, cpath);
                    else if (key == "autapses")
                        pr.connectivity.autapses = r.boolean(v, cpath);
                    else if (key == "file")
                        pr.connectivity.file = r.string(v, cpath);
                    else
                        pr.connectivity.params[key] = r.number(v, cpath);
                }
                const std::string cpath = path + ".connectivity";
                const ConnectivityRule* rule = ConnectivityRule::find(pr.connectivity.rule);
                if (rule != nullptr && rule->readsFile) {
                    // Without a file yet (a rule just chosen in the editor) it loads; building
                    // reports the missing file.
                    if (!pr.connectivity.file.empty())
                        pr.connectivity.edges =
                            EdgeList::read(relativeToProject(pr.connectivity.file, origin),
                                           origin + ": " + cpath + ".file");
                } else if (c.contains("file")) {
                    r.fail(cpath + ".file", "only the csv_edges rule reads a file");
                }
            }
            if (e.contains("weight"))
                pr.weight = r.value(e["weight"], path + ".weight");
            if (e.contains("delay_ms"))
                pr.delayMs = r.value(e["delay_ms"], path + ".delay_ms");
            if (e.contains("synapse")) {
                const json& syn = e["synapse"];
                if (syn.is_object()) {
                    if (!syn.contains("model"))
                        r.fail(path + ".synapse", "missing \"model\"");
                    pr.synapse = r.string(syn["model"], path + ".synapse.model");
                    if (syn.contains("params"))
                        pr.synapseParams = r.numberMap(syn["params"], path + ".synapse.params");
                } else {
                    pr.synapse = r.string(syn, path + ".synapse");
                }
            }
            if (e.contains("modulator"))
                pr.modulator = r.string(e["modulator"], path + ".modulator");
            pr.extra = unknownMembers(e, kProjectionKeys);
            p.projections.push_back(std::move(pr));
        }
        // A projection without a name is called "source->target", numbered ("E->I 2") when
        // that name is taken: names identify projections in the views and in recordings.
        for (ProjectionSpec& pr : p.projections) {
            if (!pr.name.empty())
                continue;
            const std::string base = pr.source + "->" + pr.target;
            pr.name = base;
            for (int k = 2; projectionNames.count(pr.name) > 0; ++k)
                pr.name = base + " " + std::to_string(k);
            projectionNames.insert(pr.name);
        }
    }

    if (doc.contains("recorders")) {
        std::size_t i = 0;
        for (const auto& e : r.array(doc["recorders"], "recorders")) {
            const std::string path = at("recorders", i++);
            r.object(e, path);
            RecorderSpec rec;
            rec.name = r.name(e, path);
            claim(rec.name, path);
            for (const char* key : {"type", "target"})
                if (!e.contains(key))
                    r.fail(path, std::string("missing \"") + key + "\"");
            rec.type = r.string(e["type"], path + ".type");
            if (rec.type != "spikes" && rec.type != "state" && rec.type != "rate")
                r.fail(path + ".type",
                       "unknown recorder type \"" + rec.type + "\" (spikes, state, rate)");
            rec.target = r.string(e["target"], path + ".target");
            if (e.contains("variables")) {
                std::size_t k = 0;
                for (const auto& v : r.array(e["variables"], path + ".variables"))
                    rec.variables.push_back(
                        r.string(v, path + ".variables[" + std::to_string(k++) + "]"));
            }
            if (e.contains("neurons"))
                rec.neurons = r.integers(e["neurons"], path + ".neurons");
            if (e.contains("interval_ms")) {
                rec.intervalMs = r.number(e["interval_ms"], path + ".interval_ms");
                if (rec.intervalMs <= 0)
                    r.fail(path + ".interval_ms", "must be > 0");
            }
            if (e.contains("bin_ms")) {
                rec.binMs = r.number(e["bin_ms"], path + ".bin_ms");
                if (rec.binMs <= 0)
                    r.fail(path + ".bin_ms", "must be > 0");
            }
            rec.extra = unknownMembers(e, kRecorderKeys);
            p.recorders.push_back(std::move(rec));
        }
    }

    if (doc.contains("electrodes")) {
        std::size_t i = 0;
        for (const auto& e : r.array(doc["electrodes"], "electrodes")) {
            const std::string path = at("electrodes", i++);
            ElectrodeSpec el = readElectrode(r, e, path);
            claim(el.name, path);
            p.electrodes.push_back(std::move(el));
        }
    }
    if (doc.contains("layout"))
        readLayout(r, doc["layout"], p);
    if (doc.contains("cortex"))
        p.cortex = readCortex(r, doc["cortex"]);
    if (doc.contains("vessels"))
        p.vessels = readVessels(r, doc["vessels"]);
    if (doc.contains("protocol")) {
        p.protocol = readProtocol(r, doc["protocol"]);
        // The schedule must be a run Plexus can simulate.
        const double totalMs = static_cast<double>(p.protocol->conditions.size()) *
                               p.protocol->trials * (p.protocol->trialMs + p.protocol->itiMs);
        const std::string problem =
            SimulationSpec::durationProblem(totalMs / 1000.0, p.simulation.dtMs);
        if (!problem.empty())
            r.fail("protocol", "the trial schedule: " + problem);
    }
    return p;
}

nlohmann::json ProjectIo::toJson(const ProjectSpec& p) {
    json doc;
    doc["format"] = "plexus-project";
    doc["formatVersion"] = ProjectSpec::currentFormatVersion;
    doc["name"] = p.name;
    if (!p.description.empty())
        doc["description"] = p.description;
    doc["simulation"] = {{"dt_ms", p.simulation.dtMs},
                         {"duration_s", p.simulation.durationS},
                         {"seed", p.simulation.seed},
                         {"threads", p.simulation.threads}};
    addUnknownMembers(doc["simulation"], p.simulation.extra, kSimulationKeys);
    json pops = json::array();
    for (const auto& pop : p.populations) {
        json e = {{"name", pop.name}, {"model", pop.model}, {"size", pop.size}};
        if (!pop.params.empty())
            e["params"] = pop.params;
        if (!pop.initial.empty()) {
            json init = json::object();
            for (const auto& [key, v] : pop.initial)
                init[key] = valueToJson(v);
            e["initial"] = init;
        }
        if (pop.spatial.hasPositions() || pop.spatial.extra.is_object())
            e["spatial"] = spatialToJson(pop.spatial);
        addUnknownMembers(e, pop.extra, kPopulationKeys);
        pops.push_back(std::move(e));
    }
    doc["populations"] = std::move(pops);
    json stims = json::array();
    for (const auto& st : p.stimuli) {
        json e = {{"name", st.name}, {"model", st.model}};
        if (st.size > 0)
            e["size"] = st.size;
        if (!st.target.empty())
            e["target"] = st.target;
        if (!st.receptor.empty())
            e["receptor"] = st.receptor;
        if (!st.neurons.empty())
            e["neurons"] = st.neurons;
        if (!st.params.empty())
            e["params"] = st.params;
        if (!st.file.empty()) {
            e["file"] = st.file;
        } else {
            if (!st.times.empty())
                e["times"] = st.times;
            if (!st.indices.empty())
                e["indices"] = st.indices;
        }
        addUnknownMembers(e, st.extra, kStimulusKeys);
        stims.push_back(std::move(e));
    }
    doc["stimuli"] = std::move(stims);
    json projs = json::array();
    for (const auto& pr : p.projections) {
        json conn = {{"rule", pr.connectivity.rule}};
        for (const auto& [key, v] : pr.connectivity.params)
            conn[key] = v;
        if (!pr.connectivity.autapses)
            conn["autapses"] = false;
        if (!pr.connectivity.file.empty())
            conn["file"] = pr.connectivity.file;
        projs.push_back(
            {{"name", pr.name},
             {"source", pr.source},
             {"target", pr.target},
             {"receptor", pr.receptor},
             {"connectivity", conn},
             {"weight", valueToJson(pr.weight)},
             {"delay_ms", valueToJson(pr.delayMs)},
             {"synapse", pr.synapseParams.empty()
                             ? json(pr.synapse)
                             : json{{"model", pr.synapse}, {"params", pr.synapseParams}}}});
        if (!pr.modulator.empty())
            projs.back()["modulator"] = pr.modulator;
        addUnknownMembers(projs.back(), pr.extra, kProjectionKeys);
    }
    doc["projections"] = std::move(projs);
    json recs = json::array();
    for (const auto& rec : p.recorders) {
        json e = {{"name", rec.name}, {"type", rec.type}, {"target", rec.target}};
        if (rec.type == "state") {
            e["variables"] = rec.variables;
            e["neurons"] = rec.neurons;
            e["interval_ms"] = rec.intervalMs;
        }
        if (rec.type == "rate")
            e["bin_ms"] = rec.binMs;
        addUnknownMembers(e, rec.extra, kRecorderKeys);
        recs.push_back(std::move(e));
    }
    doc["recorders"] = std::move(recs);
    if (!p.electrodes.empty()) {
        json electrodes = json::array();
        for (const auto& el : p.electrodes)
            electrodes.push_back(electrodeToJson(el));
        doc["electrodes"] = std::move(electrodes);
    }
    if (!p.layout.empty() || p.layoutExtra.is_object()) {
        json layout = json::object();
        if (p.layoutExtra.is_object())
            for (const auto& [name, entry] : p.layoutExtra.items())
                if (!isPosition(entry))
                    layout[name] = entry;
        for (const auto& [name, position] : p.layout)
            layout[name] = {{"x", position.x}, {"y", position.y}};
        doc["layout"] = std::move(layout);
    }
    if (p.cortex.has_value())
        doc["cortex"] = cortexToJson(*p.cortex);
    if (p.vessels.has_value())
        doc["vessels"] = vesselsToJson(*p.vessels);
    if (p.protocol.has_value())
        doc["protocol"] = protocolToJson(*p.protocol);
    addUnknownMembers(doc, p.extra, kDocumentKeys);
    return doc;
}

void ProjectIo::save(const ProjectSpec& project, const std::filesystem::path& path) {
    const std::string text = toJson(project).dump(2) + "\n";
    std::filesystem::path tmp = path;
    tmp += ".tmp-" + std::to_string(::getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out)
            throw Error(path.string() + ": cannot write (cannot create " + tmp.string() + ")");
        out << text;
        out.flush();
        if (!out) {
            std::error_code ignore;
            std::filesystem::remove(tmp, ignore);
            throw Error(path.string() + ": write failed");
        }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::error_code ignore;
        std::filesystem::remove(tmp, ignore);
        throw Error(path.string() + ": cannot replace file (" + ec.message() + ")");
    }
}

} // namespace plexus::core
