// plexus-cli and run archives (HDF5): `run --h5` writes an archive that h5py reads (checked
// against the JSON summary and the CSV recordings of the same run), `analyze` reads it without
// re-simulating and can write its matrices into it, bad archives fail with one line.

#include "TestProcess.h"
#include "plexus/core/record/RunArchive.h"

#include <QtTest>
#include <nlohmann/json.hpp>

namespace {

using Result = plexus::tests::ProcessResult;

Result runProcess(const QString& program, const QStringList& args) {
    return plexus::tests::runProcess(program, args);
}

Result runCli(const QStringList& args) {
    return runProcess(PLEXUS_CLI, args);
}

/// Debian's python3 with h5py (see DESIGN.md: the first python3 on PATH lacks Debian's modules).
bool haveH5py() {
    return QFile::exists(PLEXUS_PYTHON) &&
           runProcess(PLEXUS_PYTHON, {"-c", "import h5py"}).exitCode == 0;
}

/// The CUBA example with a state recorder (v of E neurons 0, 5, 7 every 1 ms) and a rate
/// recorder added, written to `dir`.
QString projectWithRecorders(const QTemporaryDir& dir) {
    QFile in(PLEXUS_SOURCE_DIR "/resources/examples/cuba.json");
    in.open(QIODevice::ReadOnly);
    auto project = nlohmann::json::parse(in.readAll().toStdString());
    project["recorders"].push_back({{"name", "vm_E"},
                                    {"type", "state"},
                                    {"target", "E"},
                                    {"variables", {"v"}},
                                    {"neurons", {0, 5, 7}},
                                    {"interval_ms", 1.0}});
    project["recorders"].push_back(
        {{"name", "rate_E"}, {"type", "rate"}, {"target", "E"}, {"bin_ms", 5.0}});
    const QString path = dir.filePath("project.json");
    QFile out(path);
    out.open(QIODevice::WriteOnly);
    out.write(QByteArray::fromStdString(project.dump()));
    return path;
}

/// Value of row `row` (0-based, after the header) and column `column` of a CSV file.
double csvValue(const QString& path, int row, int column) {
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    f.readLine();
    for (int r = 0; r < row; ++r)
        f.readLine();
    return f.readLine().trimmed().split(',').value(column).toDouble();
}

} // namespace

class TestCliArchive : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_archive;
    QString m_folder;
    nlohmann::json m_summary;

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_archive = m_dir.filePath("run.h5");
        m_folder = m_dir.filePath("csv");
        const auto r = runCli({"run", projectWithRecorders(m_dir), "--duration", "0.3", "--seed",
                               "4", "--out", m_folder, "--h5", m_archive});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        m_summary = nlohmann::json::parse(r.out.toStdString());
    }

    void archiveMatchesSummaryAndCsv() {
        // Read back with the core reader.
        const auto record = plexus::core::RunArchive::read(m_archive.toStdString());
        QCOMPARE(record.seed, std::uint64_t(4));
        QCOMPARE(record.durationMs, 300.0);
        QCOMPARE(record.name, m_summary["name"].get<std::string>());
        QCOMPARE(record.plexusVersion, m_summary["plexus_version"].get<std::string>());
        for (const auto& p : m_summary["populations"]) {
            const auto* pop = record.population(p["name"].get<std::string>());
            QVERIFY(pop);
            QCOMPARE(pop->size, p["n"].get<std::size_t>());
            QCOMPARE(pop->spikes.at(0).timesMs.size(), p["spikes"].get<std::size_t>());
        }
        const auto& trace = record.population("E")->states.at(0);
        QCOMPARE(trace.timesMs.size(), std::size_t(300));
        // The CSV prints %.6g: row 3 is t = 4 ms, column 2 is v[5].
        QVERIFY(qAbs(trace.values[0][3 * 3 + 1] - csvValue(m_folder + "/state_vm_E.csv", 3, 2)) <
                1e-3);
    }

    void h5pyReadsTheArchive() {
        if (!haveH5py())
            QSKIP("/usr/bin/python3 with h5py (python3-h5py) is not installed");
        const char* script = R"(
import h5py, json, sys
with h5py.File(sys.argv[1], "r") as f:
    meta = f["meta"].attrs
    out = {"format": meta["format"], "version": int(meta["format_version"]),
           "seed": int(meta["seed"]), "dt_ms": float(meta["dt_ms"]),
           "duration_ms": float(meta["duration_ms"]),
           "project": json.loads(f["meta/project_json"].asstr()[()])["name"],
           "spikes": {n: int(g["spikes/times_ms"].shape[0]) for n, g in f["populations"].items()},
           "neurons_dtype": str(f["populations/E/spikes/neurons"].dtype),
           "max_neuron": int(f["populations/E/spikes/neurons"][:].max()),
           "v_shape": list(f["populations/E/state/v"].shape),
           "v": float(f["populations/E/state/v"][3, 1]),
           "v_neuron": int(f["populations/E/state/neurons"][1]),
           "v_t": float(f["populations/E/state/t_ms"][3]),
           "rate_bins": int(f["populations/E/rate/hz"].shape[0])}
print(json.dumps(out))
)";
        const auto r = runProcess(PLEXUS_PYTHON, {"-c", script, m_archive});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto py = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(py["format"], "plexus-run");
        QCOMPARE(py["version"], 1);
        QCOMPARE(py["seed"], m_summary["seed"]);
        QCOMPARE(py["dt_ms"].get<double>(), m_summary["dt_ms"].get<double>());
        QCOMPARE(py["duration_ms"].get<double>(), 1000.0 * m_summary["duration_s"].get<double>());
        QCOMPARE(py["project"], m_summary["name"]);
        for (const auto& p : m_summary["populations"])
            QCOMPARE(py["spikes"][p["name"].get<std::string>()], p["spikes"]);
        QCOMPARE(py["neurons_dtype"], "int32");
        QVERIFY(py["max_neuron"].get<int>() < 3200);
        QCOMPARE(py["v_shape"], nlohmann::json::array({300, 3}));
        QCOMPARE(py["v_neuron"], 5);
        QCOMPARE(py["v_t"].get<double>(), 4.0);
        QVERIFY(qAbs(py["v"].get<double>() - csvValue(m_folder + "/state_vm_E.csv", 3, 2)) < 1e-3);
        // Exactly the value the core reader gives (float32 -> double).
        const auto record = plexus::core::RunArchive::read(m_archive.toStdString());
        QCOMPARE(py["v"].get<double>(),
                 static_cast<double>(record.population("E")->states[0].values[0][3 * 3 + 1]));
        QCOMPARE(py["rate_bins"], 60);
    }

    void analyzeReadsTheArchiveWithoutSimulating() {
        const QStringList options = {"--conditions", "a:0-100,b:100-200,c:200-300", "--bootstrap",
                                     "0"};
        const auto fromArchive = runCli(QStringList{"analyze", "rsa", m_archive} + options);
        const auto fromFolder = runCli(QStringList{"analyze", "rsa", m_folder} + options);
        QVERIFY2(fromArchive.exitCode == 0, qPrintable(fromArchive.err));
        QVERIFY2(fromFolder.exitCode == 0, qPrintable(fromFolder.err));
        const auto a = nlohmann::json::parse(fromArchive.out.toStdString());
        const auto b = nlohmann::json::parse(fromFolder.out.toStdString());
        QCOMPARE(a["input_kind"], "archive");
        QCOMPARE(a["units"], b["units"]);
        QCOMPARE(a["units"], 4000);
        QCOMPARE(a["conditions"], b["conditions"]);
        for (const char* key : {"mean", "min", "max"})
            QVERIFY(qAbs(a["rdm"][key].get<double>() - b["rdm"][key].get<double>()) < 1e-9);

        const auto trajectory = runCli({"analyze", "trajectory", m_archive, "--units", "population",
                                        "--population", "E,I", "--shuffles", "2"});
        QVERIFY2(trajectory.exitCode == 0, qPrintable(trajectory.err));
        QCOMPARE(nlohmann::json::parse(trajectory.out.toStdString())["units"], 2);
    }

    void analyzeWritesMatricesIntoTheArchive() {
        const QString copy = m_dir.filePath("copy.h5");
        QVERIFY(QFile::copy(m_archive, copy));
        const auto r = runCli({"analyze", "rsa", copy, "--conditions", "a:0-150,b:150-300",
                               "--bootstrap", "0", "--out", copy});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto out = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(out["files"], nlohmann::json::array({"/analysis/rdm", "/analysis/mds"}));
        const auto record = plexus::core::RunArchive::read(copy.toStdString());
        QCOMPARE(record.analysis.size(), std::size_t(2));
        QCOMPARE(record.analysis[0].name, std::string("rdm"));
        QCOMPARE(record.analysis[0].rows, std::size_t(2));
        QCOMPARE(record.analysis[0].rowLabels, (std::vector<std::string>{"a", "b"}));
        QCOMPARE(record.analysis[0].at(0, 1), out["rdm"]["mean"].get<double>());
        // The recordings are still there.
        QCOMPARE(record.population("E")->spikes.at(0).timesMs.size(),
                 m_summary["populations"][0]["spikes"].get<std::size_t>());
    }

    void badArchiveFailsWithOneLine() {
        QTemporaryDir dir;
        QFile text(dir.filePath("text.h5"));
        text.open(QIODevice::WriteOnly);
        text.write("not hdf5\n");
        text.close();
        QFile good(m_archive);
        good.open(QIODevice::ReadOnly);
        QFile truncated(dir.filePath("truncated.h5"));
        truncated.open(QIODevice::WriteOnly);
        truncated.write(good.read(good.size() / 3));
        truncated.close();

        struct Case {
            QString file;
            QString expected;
        };
        QList<Case> cases = {
            {dir.filePath("missing.h5"), "missing.h5: no such file"},
            {text.fileName(), "text.h5: not an HDF5 file"},
            {truncated.fileName(), "truncated.h5: cannot be opened as HDF5"},
        };
        if (haveH5py()) {
            const auto r =
                runProcess(PLEXUS_PYTHON,
                           {"-c",
                            "import h5py, sys\n"
                            "with h5py.File(sys.argv[1], 'w') as f: f['x'] = [1, 2]\n"
                            "with h5py.File(sys.argv[2], 'w') as f:\n"
                            "    m = f.create_group('meta')\n"
                            "    m.attrs.update(format='plexus-run', format_version=1, dt_ms=0.1,\n"
                            "                   duration_ms=10.0)\n"
                            "    f['populations/E/spikes/times_ms'] = [1.0]\n",
                            dir.filePath("foreign.h5"), dir.filePath("partial.h5")});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            cases.append({dir.filePath("foreign.h5"),
                          "foreign.h5: not a Plexus run archive (missing group /meta)"});
            cases.append({dir.filePath("partial.h5"),
                          "partial.h5: missing dataset /populations/E/spikes/neurons"});
        }
        for (const auto& c : cases) {
            const auto r = runCli({"analyze", "rsa", c.file});
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains(c.expected), qPrintable(r.err));
            QVERIFY2(r.err.startsWith("plexus-cli: error: " + c.file), qPrintable(r.err));
            QCOMPARE(r.err.count('\n'), 1); // one line: no HDF5-DIAG error stack
        }
        // An archive that cannot be written is reported in one line, before the run.
        const auto r = runCli({"run", PLEXUS_SOURCE_DIR "/resources/examples/cuba.json",
                               "--duration", "0.01", "--h5", "/nonexistent-plexus/run.h5"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("--h5: /nonexistent-plexus/run.h5: folder /nonexistent-plexus does "
                                "not exist"),
                 qPrintable(r.err));
        QCOMPARE(r.err.count('\n'), 1);
    }
};

QTEST_GUILESS_MAIN(TestCliArchive)
#include "TestCliArchive.moc"
