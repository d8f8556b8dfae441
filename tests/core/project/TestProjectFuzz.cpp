// Fuzzing project input: mutants of the shipped examples (truncated, bytes flipped, nested
// deeply, numbers out of range, wrong types, duplicate names, huge sizes, broken references)
// go through the loader and the network builder. Each is refused with exactly one line that
// starts with the file's name, or loads, saves back to a file that loads the same, and builds or
// is refused the same way. Nothing crashes, hangs (ctest's timeout) or grows without bound
// (peak resident memory is checked at the end).

#include "core/TestSupport.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/build/NetworkBuilder.h"
#include "plexus/core/project/ProjectIo.h"

#include <QtTest>
#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <sys/resource.h>
#include <vector>

using namespace plexus;
using nlohmann::json;

namespace {

/// Fixed seed: every run tries the same mutants.
constexpr std::uint64_t kSeed = 0x504c5853465a5a31; // "PLXSFZZ1"
/// Mutants tried.
constexpr int kMutants = 600;
/// Networks with more neurons (populations and stimuli) than this are loaded but not built.
constexpr std::int64_t kBuildLimit = 1500;
/// The seeds are scaled down to about this many neurons each.
constexpr std::int64_t kSeedNeurons = 300;
/// Bound on the peak resident memory of the whole test, in MB.
constexpr long kPeakRssLimitMb = 256;

/// A project with file-based inputs (edge list, spike-time file), every connectivity rule,
/// a current source, plastic synapses and state recorders: the examples use none of these.
constexpr const char* kFeatureProject = R"({
  "format": "plexus-project", "formatVersion": 2, "name": "features",
  "simulation": {"dt_ms": 0.1, "duration_s": 0.1, "seed": 7, "threads": 2},
  "populations": [
    {"name": "A", "model": "lif_cuba", "size": 40, "spatial": {"shape": "grid", "extent_um": [200, 200, 0]}},
    {"name": "B", "model": "adex", "size": 40, "spatial": {"shape": "ring", "radius_um": 100}},
    {"name": "R", "model": "rate_tanh", "size": 10, "initial": {"r": {"dist": "normal", "mean": 0, "sd": 0.1}}}
  ],
  "stimuli": [
    {"name": "T", "model": "spike_times", "size": 3, "file": "train.csv"},
    {"name": "P", "model": "poisson", "size": 20, "params": {"rate_hz": 10}},
    {"name": "I", "model": "dc_current", "target": "A", "neurons": [0, 1, 2]}
  ],
  "projections": [
    {"name": "edges", "source": "T", "target": "A", "connectivity": {"rule": "csv_edges", "file": "edges.csv"}},
    {"name": "ring", "source": "B", "target": "B", "connectivity": {"rule": "small_world", "k": 4, "beta": 0.1}},
    {"name": "blocks", "source": "A", "target": "A", "connectivity": {"rule": "block", "n_blocks": 4, "p_in": 0.3, "p_out": 0.01}},
    {"name": "near", "source": "A", "target": "B", "connectivity": {"rule": "distance_gaussian", "p0": 0.5, "sigma_um": 50}},
    {"name": "out", "source": "P", "target": "B", "connectivity": {"rule": "fixed_outdegree", "k": 3},
     "weight": {"dist": "uniform", "low": 0.1, "high": 0.5}, "synapse": {"model": "stdp", "params": {}}},
    {"name": "far", "source": "P", "target": "A", "connectivity": {"rule": "fixed_probability", "p": 0.2},
     "delay_ms": {"dist": "normal", "mean": 2, "sd": 0.5}},
    {"name": "pair", "source": "B", "target": "B", "connectivity": {"rule": "one_to_one"},
     "synapse": "tsodyks_markram"},
    {"name": "rates", "source": "R", "target": "R", "connectivity": {"rule": "fixed_indegree", "k": 2},
     "synapse": "rate"}
  ],
  "recorders": [
    {"name": "vA", "type": "state", "target": "A", "variables": ["v"], "neurons": [0, 5], "interval_ms": 0.5},
    {"name": "rB", "type": "rate", "target": "B", "bin_ms": 2},
    {"name": "sP", "type": "spikes", "target": "P"}
  ]
})";

/// A project document scaled down to about kSeedNeurons neurons, still building: sizes
/// shrink by one factor, recorded neurons and degrees stay within the new sizes.
json scaledDown(json doc) {
    std::int64_t total = 0;
    for (const auto& p : doc["populations"])
        total += p["size"].get<std::int64_t>();
    const std::int64_t factor =
        std::max<std::int64_t>(1, (total + kSeedNeurons - 1) / kSeedNeurons);
    std::map<std::string, std::int64_t> sizes;
    for (auto& p : doc["populations"]) {
        p["size"] = std::max<std::int64_t>(1, p["size"].get<std::int64_t>() / factor);
        sizes[p["name"].get<std::string>()] = p["size"].get<std::int64_t>();
    }
    if (doc.contains("stimuli"))
        for (auto& s : doc["stimuli"]) {
            if (s.contains("size") && !s.contains("indices") && !s.contains("file"))
                s["size"] = std::max<std::int64_t>(1, s["size"].get<std::int64_t>() / factor);
            if (s.contains("size"))
                sizes[s["name"].get<std::string>()] = s["size"].get<std::int64_t>();
            if (s.contains("neurons") && s.contains("target") && sizes.count(s["target"]))
                s["neurons"] = json::array({0});
        }
    if (doc.contains("recorders"))
        for (auto& r : doc["recorders"])
            if (r.contains("neurons"))
                r["neurons"] = json::array({0});
    if (doc.contains("projections"))
        for (auto& p : doc["projections"]) {
            auto& c = p["connectivity"];
            // An edge list names neurons of the full-size populations: a random rule instead.
            if (factor > 1 && c.contains("file"))
                c = json{{"rule", "fixed_probability"}, {"p", 0.1}};
            if (c.contains("k")) {
                const std::int64_t n = std::min(sizes[p["source"].get<std::string>()],
                                                sizes[p["target"].get<std::string>()]);
                c["k"] = std::max<std::int64_t>(1, std::min(c["k"].get<std::int64_t>(), n / 2));
            }
        }
    return doc;
}

/// Positions of the number tokens of @p text outside strings: [begin, end).
std::vector<std::pair<std::size_t, std::size_t>> numberSpans(const std::string& text) {
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') {
            for (++i; i < text.size() && text[i] != '"'; ++i)
                if (text[i] == '\\')
                    ++i;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            std::size_t end = i;
            while (end < text.size() &&
                   std::string_view("0123456789+-.eE").find(text[end]) != std::string_view::npos)
                ++end;
            spans.push_back({i, end});
            i = end - 1;
        }
    }
    return spans;
}

/// Makes the mutants, all from one random stream.
class Mutator {
public:
    explicit Mutator(std::vector<json> seeds)
        : m_seeds(std::move(seeds))
        , m_rng(kSeed) {}

    /// The @p index-th mutant and a description of what was done.
    std::pair<std::string, std::string> next(int index) {
        const json& seed = m_seeds[below(m_seeds.size())];
        std::string text = seed.dump(below(2) == 0 ? -1 : 2);
        switch (index % 9) {
        case 0: {
            const std::size_t at = below(text.size());
            return {text.substr(0, at), "truncated at byte " + std::to_string(at)};
        }
        case 1: {
            const std::size_t flips = 1 + below(8);
            for (std::size_t k = 0; k < flips; ++k)
                text[below(text.size())] = static_cast<char>(below(256));
            return {text, std::to_string(flips) + " bytes flipped"};
        }
        case 2: {
            static const std::size_t depths[] = {257, 300, 5000, 100000};
            const std::size_t depth = depths[below(4)];
            const bool closed = below(2) == 0;
            return {replaceNumber(text, std::string(depth, '[') +
                                            (closed ? std::string(depth, ']') : std::string())),
                    "nested " + std::to_string(depth) + " deep" + (closed ? "" : ", unclosed")};
        }
        case 3: {
            static const char* numbers[] = {"1e999",
                                            "-1e309",
                                            "1e308",
                                            "-1e308",
                                            "1e-999",
                                            "NaN",
                                            "Infinity",
                                            "-0",
                                            "18446744073709551615",
                                            "18446744073709551616",
                                            "-9223372036854775809",
                                            "9223372036854775807",
                                            "4294967296",
                                            "2147483648",
                                            "1e20"};
            std::string number = below(8) == 0 ? std::string(400, '9') : numbers[below(15)];
            return {replaceNumber(text, number), "a number became " + number.substr(0, 24)};
        }
        case 4: {
            static const json values[] = {
                "text", nullptr, true,  json::array(), json::object(), json::array({1, "a"}),
                -1,     1.5,     1e300, "lif_cuba"};
            json doc = seed;
            const std::string path = replaceRandomValue(doc, values[below(10)]);
            return {doc.dump(), "wrong type at " + path};
        }
        case 5: {
            json doc = seed;
            return {doc.dump(), duplicateName(doc)};
        }
        case 6: {
            static const char* sizes[] = {"0",
                                          "-1",
                                          "1",
                                          "100000000",
                                          "100000001",
                                          "2147483648",
                                          "9223372036854775807",
                                          "18446744073709551615",
                                          "1.5",
                                          "1e20",
                                          "\"10\""};
            json doc = seed;
            const char* list = below(3) == 0 && doc.contains("stimuli") && !doc["stimuli"].empty()
                                   ? "stimuli"
                                   : "populations";
            auto& entries = doc[list];
            const std::size_t which = below(entries.size());
            entries[which]["size"] = "@SIZE@";
            const std::string size = sizes[below(11)];
            std::string out = doc.dump();
            out.replace(out.find("\"@SIZE@\""), 8, size);
            return {out, std::string(list) + "[" + std::to_string(which) + "].size = " + size};
        }
        case 7: {
            json doc = seed;
            return {doc.dump(), brokenReference(doc)};
        }
        default: {
            json doc = seed;
            static const double extremes[] = {-1e308, 1e308, 0.0, -0.0, 1e-320, -1.0, 1e9, 65536};
            const double value = extremes[below(8)];
            const std::string path = replaceRandomNumber(doc, value);
            return {doc.dump(), "number at " + path + " = " + json(value).dump()};
        }
        }
    }

private:
    std::size_t below(std::size_t n) { return n == 0 ? 0 : m_rng() % n; }

    /// @p text with a random number token (or, without one, its first value) replaced.
    std::string replaceNumber(std::string text, const std::string& with) {
        const auto spans = numberSpans(text);
        if (spans.empty())
            return with;
        const auto [begin, end] = spans[below(spans.size())];
        return text.replace(begin, end - begin, with);
    }

    /// Every value of @p doc (depth first) with its JSON path.
    static void collect(json& v, const std::string& path,
                        std::vector<std::pair<json*, std::string>>& out) {
        out.push_back({&v, path});
        if (v.is_object()) {
            for (auto it = v.begin(); it != v.end(); ++it)
                collect(it.value(), path + "." + it.key(), out);
        } else if (v.is_array()) {
            for (std::size_t i = 0; i < v.size(); ++i)
                collect(v[i], path + "[" + std::to_string(i) + "]", out);
        }
    }

    std::string replaceRandomValue(json& doc, const json& with) {
        std::vector<std::pair<json*, std::string>> all;
        collect(doc, "", all);
        auto& [value, path] = all[1 + below(all.size() - 1)];
        *value = with;
        return path;
    }

    std::string replaceRandomNumber(json& doc, double with) {
        std::vector<std::pair<json*, std::string>> numbers;
        std::vector<std::pair<json*, std::string>> all;
        collect(doc, "", all);
        for (auto& entry : all)
            if (entry.first->is_number())
                numbers.push_back(entry);
        auto& [value, path] = numbers[below(numbers.size())];
        *value = with;
        return path;
    }

    std::string duplicateName(json& doc) {
        static const char* lists[] = {"populations", "projections", "stimuli", "recorders"};
        const char* list = lists[below(4)];
        if (!doc.contains(list) || doc[list].empty())
            list = "populations";
        json& entries = doc[list];
        const std::size_t which = below(entries.size());
        if (below(2) == 0 || entries.size() < 2) {
            entries.push_back(entries[which]); // an exact copy
            return std::string("copy of ") + list + "[" + std::to_string(which) + "]";
        }
        const std::size_t other = (which + 1 + below(entries.size() - 1)) % entries.size();
        if (entries[which].contains("name"))
            entries[other]["name"] = entries[which]["name"];
        else
            entries[other].erase("name");
        return std::string(list) + "[" + std::to_string(other) + "] renamed like [" +
               std::to_string(which) + "]";
    }

    std::string brokenReference(json& doc) {
        static const char* keys[] = {"source",   "target",  "model",     "rule",
                                     "receptor", "synapse", "modulator", "type"};
        static const char* names[] = {"",        "nope",    "E",      "I",         "lif_cuba",
                                      "poisson", "stdp",    "static", "csv_edges", "exc",
                                      "inh",     "current", "spikes"};
        std::vector<std::pair<json*, std::string>> all;
        collect(doc, "", all);
        std::vector<std::pair<json*, std::string>> candidates;
        const std::string key = keys[below(8)];
        for (auto& entry : all)
            if (entry.second.size() > key.size() &&
                entry.second.compare(entry.second.size() - key.size() - 1, std::string::npos,
                                     "." + key) == 0)
                candidates.push_back(entry);
        if (candidates.empty()) {
            doc["simulation"]["dt_ms"] = below(2) == 0 ? 1e-9 : 10.0;
            doc["simulation"]["threads"] = below(300);
            return "extreme simulation settings";
        }
        auto& [value, path] = candidates[below(candidates.size())];
        const std::string name = names[below(13)];
        *value = name;
        return path + " = \"" + name + "\"";
    }

    std::vector<json> m_seeds;
    std::mt19937_64 m_rng;
};

/// Peak resident memory of this process so far, in MB.
long peakRssMb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024; // kB on Linux
}

} // namespace

class TestProjectFuzz : public QObject {
    Q_OBJECT

private slots:
    void mutantsAreRefusedWithOneLineOrWork() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        {
            QFile edges(dir.filePath("edges.csv"));
            QVERIFY(edges.open(QIODevice::WriteOnly));
            edges.write("source,target,weight,delay_ms\n0,1,0.5,1.0\n2,3,0.25,2.5\n1,39,1.0,0.1\n");
            QFile train(dir.filePath("train.csv"));
            QVERIFY(train.open(QIODevice::WriteOnly));
            train.write("time_ms,channel\n1.0,0\n2.5,2\n3.0,1\n");
        }
        // Mutants are read as if from this file, so the relative CSV files are found (the
        // examples' own data files too).
        const std::string origin = dir.filePath("mutant.json").toStdString();
        const QDir examples(PLEXUS_SOURCE_DIR "/resources/examples");
        for (const QString& name : examples.entryList({"*.csv"}, QDir::Files, QDir::Name)) {
            QVERIFY(QFile::copy(examples.filePath(name), dir.filePath(name)));
        }

        std::vector<json> seeds;
        for (const QString& name : examples.entryList({"*.json"}, QDir::Files, QDir::Name)) {
            QFile file(examples.filePath(name));
            QVERIFY(file.open(QIODevice::ReadOnly));
            seeds.push_back(scaledDown(json::parse(file.readAll().toStdString())));
        }
        QVERIFY(seeds.size() >= 5);
        seeds.push_back(json::parse(kFeatureProject));
        // The unmutated seeds load and build: the mutants start from working projects.
        for (const json& seed : seeds) {
            core::BuildOptions options;
            options.origin = origin;
            try {
                core::NetworkBuilder::build(core::ProjectIo::parse(seed.dump(), origin),
                                            tests::builtinRegistry(), options);
            } catch (const std::exception& e) {
                QFAIL(
                    qPrintable(QString("seed %1: %2")
                                   .arg(QString::fromStdString(seed.value("name", "")), e.what())));
            }
        }

        Mutator mutator(seeds);
        int refusedAtLoad = 0;
        int refusedAtBuild = 0;
        int built = 0;
        int tooLarge = 0;
        auto checkLine = [&](const std::string& message, const std::string& what) {
            const bool ok = message.rfind(origin + ": ", 0) == 0 &&
                            message.find('\n') == std::string::npos &&
                            message.size() > origin.size() + 2;
            if (!ok)
                QTest::qFail(qPrintable(QString("%1: not one line starting with the file: \"%2\"")
                                            .arg(QString::fromStdString(what),
                                                 QString::fromStdString(message))),
                             __FILE__, __LINE__);
            return ok;
        };
        for (int i = 0; i < kMutants; ++i) {
            const auto [text, what] = mutator.next(i);
            const std::string label = "mutant " + std::to_string(i) + " (" + what + ")";
            core::ProjectSpec spec;
            try {
                spec = core::ProjectIo::parse(text, origin);
            } catch (const core::Error& e) {
                if (!checkLine(e.what(), label))
                    return;
                ++refusedAtLoad;
                continue;
            } catch (const std::exception& e) {
                QFAIL(qPrintable(QString::fromStdString(label + ": loading threw " + e.what())));
            }
            // A project that loads saves to a file that loads the same.
            try {
                const auto again =
                    core::ProjectIo::parse(core::ProjectIo::toJson(spec).dump(2), origin);
                QVERIFY2(core::ProjectIo::toJson(again) == core::ProjectIo::toJson(spec),
                         label.c_str());
            } catch (const std::exception& e) {
                QFAIL(qPrintable(QString::fromStdString(label + ": saved copy: " + e.what())));
            }
            std::int64_t neurons = 0;
            for (const auto& p : spec.populations)
                neurons += p.size;
            for (const auto& s : spec.stimuli)
                neurons += std::max<std::int64_t>(s.size, 0);
            if (neurons > kBuildLimit) {
                ++tooLarge;
                continue;
            }
            core::BuildOptions options;
            options.origin = origin;
            try {
                core::NetworkBuilder::build(spec, tests::builtinRegistry(), options);
                ++built;
            } catch (const core::Error& e) {
                if (!checkLine(e.what(), label))
                    return;
                ++refusedAtBuild;
            } catch (const std::exception& e) {
                QFAIL(qPrintable(QString::fromStdString(label + ": building threw " + e.what())));
            }
        }
        const long peak = peakRssMb();
        qInfo("%d mutants: %d refused when loading, %d when building, %d built, %d loaded but "
              "too large to build here; peak RSS %ld MB",
              kMutants, refusedAtLoad, refusedAtBuild, built, tooLarge, peak);
        // Every outcome happens, so the mutants really exercise loading and building.
        QVERIFY(refusedAtLoad >= kMutants / 3);
        QVERIFY(refusedAtBuild >= 10);
        QVERIFY(built >= 30);
        QCOMPARE(refusedAtLoad + refusedAtBuild + built + tooLarge, kMutants);
        QVERIFY2(peak < kPeakRssLimitMb, qPrintable(QString("peak RSS %1 MB").arg(peak)));
    }
};

QTEST_APPLESS_MAIN(TestProjectFuzz)
#include "TestProjectFuzz.moc"
