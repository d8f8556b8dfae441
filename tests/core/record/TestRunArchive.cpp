// Run archives (HDF5): write -> read -> compare exactly, for a hand-made record (every kind of
// recording, electrodes, analysis matrices) and for a simulated network; clear one-line errors
// for missing, non-HDF5, truncated and non-Plexus files, with HDF5's own error printing off.

#include "PeakRss.h"
#include "core/TestSupport.h"
#include "plexus/analysis/ArchiveSpikes.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/project/ProjectIo.h"
#include "plexus/core/project/StandardNetworks.h"
#include "plexus/core/record/RunArchive.h"
#include "plexus/core/record/RunRecord.h"

#include <QtTest>
#include <cstdio>
#include <fcntl.h>
#include <functional>
#include <hdf5.h>
#include <unistd.h>

using namespace plexus;

namespace {

/// A record with every kind of content, including empty and awkward cases.
core::RunRecord sampleRecord() {
    core::RunRecord r;
    r.plexusVersion = "9.8.7";
    r.name = "Sample ünïcode";
    r.seed = (std::uint64_t{1} << 60) + 12345; // beyond double precision
    r.dtMs = 0.025;
    r.durationMs = 123.45;
    r.threads = 3;
    r.projectJson = R"({"format": "plexus-project", "name": "Sample"})";
    r.projectHash = core::RunRecord::hashProject(r.projectJson);

    core::RunRecord::PopulationData e;
    e.name = "E";
    e.model = "lif_cuba";
    e.size = 10;
    e.spikes.push_back({"spikes_E", {0.1, 0.1, 1.0 / 3.0, 99.975}, {0, 9, 4, 4}});
    core::RunRecord::StateTrace v;
    v.recorder = "vm";
    v.intervalMs = 0.5;
    v.neurons = {1, 3};
    v.timesMs = {0.5, 1.0, 1.5};
    v.variables = {"v", "g_e"};
    v.values = {{-65.0f, -64.5f, -63.25f, -62.125f, 1e-7f, -0.0f},
                {0.0f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f}};
    e.states.push_back(v);
    v.recorder = "vm_late"; // a second state recorder on the same population
    v.neurons = {7};
    v.timesMs = {2.0};
    v.variables = {"v"};
    v.values = {{-50.0f}};
    e.states.push_back(v);
    e.rates.push_back({"rate_E", 5.0, {0.0, 5.0, 10.0}, {12.5, 0.0, 1.0 / 7.0}});
    r.populations.push_back(e);

    core::RunRecord::PopulationData silent;
    silent.name = "Silent";
    silent.model = "poisson";
    silent.size = 4;
    silent.stimulus = true;
    silent.spikes.push_back({"Silent", {}, {}});
    r.populations.push_back(silent);

    core::RunRecord::PopulationData unrecorded;
    unrecorded.name = "I";
    unrecorded.model = "lif_cuba";
    unrecorded.size = 2;
    r.populations.push_back(unrecorded);

    core::NamedArray lfp;
    lfp.name = "lfp_uv";
    lfp.rows = 2;
    lfp.cols = 3;
    lfp.values = {1.5, -2.25, 3.0, 0.125, 5.0, -6.5};
    lfp.singlePrecision = true;
    lfp.unit = "uV";
    lfp.columnLabels = {"c0", "c1", "c2"};
    core::NamedArray mua =
        core::NamedArray::fromMatrix("mua", Eigen::MatrixXd::Constant(2, 3, 0.1));
    core::NamedArray times;
    times.name = "t_ms";
    times.rows = 2;
    times.cols = 1;
    times.values = {1.0, 2.0};
    times.oneDimensional = true;
    r.electrodes.push_back({"utah", {lfp, mua, times}});

    Eigen::MatrixXd rdm(3, 3);
    rdm << 0, 0.2, 0.4, 0.2, 0, 1.0 / 3.0, 0.4, 1.0 / 3.0, 0;
    auto a = core::NamedArray::fromMatrix("rdm", rdm);
    a.rowLabels = a.columnLabels = {"a", "b", "c"};
    r.analysis.push_back(a);
    return r;
}

/// The message of the core::Error thrown by `f` (empty when none is thrown).
QString errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const core::Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

/// Runs `f` with standard error redirected to a file and returns what was written to it.
QByteArray captureStderr(const std::function<void()>& f, const QString& file) {
    std::fflush(stderr);
    const int saved = dup(2);
    const int fd = open(file.toLocal8Bit().constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(fd, 2);
    close(fd);
    f();
    std::fflush(stderr);
    dup2(saved, 2);
    close(saved);
    QFile in(file);
    in.open(QIODevice::ReadOnly);
    return in.readAll();
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}

/// Adds to the archive `path` a chunked dataset `group`/`name` of `rows` x `cols` doubles
/// without writing any of them (HDF5 then stores nothing for it), deflated when `deflate`.
bool addUnwrittenDataset(const QString& path, const char* group, const char* name, hsize_t rows,
                         hsize_t cols, bool deflate) {
    const hid_t file = H5Fopen(path.toLocal8Bit().constData(), H5F_ACC_RDWR, H5P_DEFAULT);
    if (file < 0)
        return false;
    const hid_t g = H5Gopen2(file, group, H5P_DEFAULT);
    const hsize_t dims[2] = {rows, cols};
    const int rank = cols > 1 ? 2 : 1;
    const hid_t space = H5Screate_simple(rank, dims, nullptr);
    const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    const hsize_t chunk[2] = {1024, 1};
    H5Pset_chunk(dcpl, rank, chunk);
    if (deflate)
        H5Pset_deflate(dcpl, 4);
    const hid_t d = H5Dcreate2(g, name, H5T_IEEE_F64LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    const bool ok = g >= 0 && space >= 0 && d >= 0;
    H5Dclose(d);
    H5Pclose(dcpl);
    H5Sclose(space);
    H5Gclose(g);
    return H5Fclose(file) >= 0 && ok;
}

void writeAll(const QString& path, const QByteArray& data) {
    QFile f(path);
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(data);
}

} // namespace

class TestRunArchive : public QObject {
    Q_OBJECT

private slots:
    void handMadeRecordRoundTripsExactly() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("sample.h5").toStdString();
        const auto written = sampleRecord();
        core::RunArchive::write(written, path);
        QVERIFY(core::RunArchive::isHdf5File(path));
        QVERIFY(!QFile::exists(dir.filePath("sample.h5.part")));
        const auto read = core::RunArchive::read(path);

        QCOMPARE(read.plexusVersion, written.plexusVersion);
        QCOMPARE(read.name, written.name);
        QCOMPARE(read.seed, written.seed);
        QCOMPARE(read.dtMs, written.dtMs);
        QCOMPARE(read.durationMs, written.durationMs);
        QCOMPARE(read.threads, written.threads);
        QCOMPARE(read.projectJson, written.projectJson);
        QCOMPARE(read.projectHash, written.projectHash);
        QCOMPARE(read.populations.size(), std::size_t(3));
        // Population order is the order written, not alphabetical.
        QCOMPARE(read.populations[0].name, std::string("E"));
        QCOMPARE(read.populations[1].name, std::string("Silent"));
        QCOMPARE(read.populations[2].name, std::string("I"));
        const auto& e = read.populations[0];
        QCOMPARE(e.spikes.size(), std::size_t(1));
        QCOMPARE(e.spikes[0].timesMs, written.populations[0].spikes[0].timesMs);
        QCOMPARE(e.spikes[0].neurons, written.populations[0].spikes[0].neurons);
        QCOMPARE(e.states.size(), std::size_t(2));
        QCOMPARE(e.states[0].variables, (std::vector<std::string>{"v", "g_e"}));
        QCOMPARE(e.states[0].values, written.populations[0].states[0].values);
        QVERIFY(std::signbit(e.states[0].values[0][5])); // -0.0f kept bit for bit
        QCOMPARE(e.states[1].recorder, std::string("vm_late"));
        QCOMPARE(e.rates[0].rateHz, written.populations[0].rates[0].rateHz);
        QCOMPARE(read.populations[1].stimulus, true);
        QVERIFY(read.populations[1].spikes[0].timesMs.empty());
        QCOMPARE(read.electrodes.size(), std::size_t(1));
        QCOMPARE(read.electrodes[0].arrays[0].unit, std::string("uV"));
        QVERIFY(read.electrodes[0].arrays[0].singlePrecision);
        QVERIFY(!read.electrodes[0].arrays[1].oneDimensional);
        QVERIFY(read.electrodes[0].arrays[2].oneDimensional);
        QCOMPARE(read.analysis[0].rowLabels, (std::vector<std::string>{"a", "b", "c"}));
        // And everything else, field by field.
        QVERIFY(read == written);
    }

    void simulatedRunRoundTripsExactly() {
        auto project = core::StandardNetworks::cuba(400);
        core::RecorderSpec state;
        state.name = "vm_E";
        state.type = "state";
        state.target = project.populations[0].name;
        state.variables = {"v"};
        state.neurons = {0, 17, 319};
        state.intervalMs = 0.5;
        project.recorders.push_back(state);
        core::RecorderSpec rate;
        rate.name = "rate_E";
        rate.type = "rate";
        rate.target = project.populations[0].name;
        rate.binMs = 5.0;
        project.recorders.push_back(rate);
        core::BuildOptions options;
        options.recordAllSpikes = true;
        options.seed = 7;
        const auto run = tests::runProject(project, 200.0, options);
        const auto& net = *run.network;

        const auto record = core::RunRecord::fromNetwork(net, run.simulator->timeMs(), project.name,
                                                         core::ProjectIo::toJson(project).dump());
        QTemporaryDir dir;
        const std::string path = dir.filePath("run.h5").toStdString();
        core::RunArchive::write(record, path);
        const auto read = core::RunArchive::read(path);
        QVERIFY(read == record);
        QCOMPARE(read.seed, std::uint64_t(7));
        QCOMPARE(read.durationMs, 200.0);
        QCOMPARE(read.projectHash, core::RunRecord::hashProject(read.projectJson));
        // The project stored is the one that ran.
        QCOMPARE(core::ProjectIo::toJson(core::ProjectIo::parse(read.projectJson, "archive")),
                 core::ProjectIo::toJson(project));

        // Against the recorders of the network itself.
        std::size_t spikeRecorders = 0;
        for (const auto& rec : net.spikeRecorders) {
            const auto* pop = read.population(net.populations[rec.population].name);
            QVERIFY(pop);
            QCOMPARE(pop->size, net.populations[rec.population].size);
            const auto& s = pop->spikes.at(0);
            QCOMPARE(s.neurons, rec.neurons);
            QCOMPARE(s.timesMs.size(), rec.steps.size());
            for (std::size_t k = 0; k < rec.steps.size(); ++k)
                QCOMPARE(s.timesMs[k], static_cast<double>(rec.steps[k]) * net.dtMs);
            ++spikeRecorders;
        }
        QVERIFY(spikeRecorders >= 2);
        QVERIFY(read.populations[0].spikes[0].timesMs.size() > 10);
        const auto& rec = net.stateRecorders.at(0);
        const auto& trace = read.populations[0].states.at(0);
        QCOMPARE(trace.neurons, (std::vector<std::int32_t>{0, 17, 319}));
        QCOMPARE(trace.timesMs.size(), rec.sampleSteps.size());
        QCOMPARE(trace.timesMs.size(), std::size_t(400));
        QCOMPARE(trace.timesMs.front(), 0.5);
        for (std::size_t row = 0; row < rec.sampleSteps.size(); ++row)
            for (std::size_t k = 0; k < 3; ++k)
                QCOMPARE(trace.values[0][row * 3 + k], rec.values[row * 3 + k]);
        const auto& rateRec = net.rateRecorders.at(0);
        const auto& rates = read.populations[0].rates.at(0);
        QCOMPARE(rates.binMs, 5.0);
        QCOMPARE(rates.rateHz.size(), rateRec.counts.size());
        for (std::size_t b = 0; b < rates.rateHz.size(); ++b)
            QCOMPARE(rates.rateHz[b], rateRec.rateHz(b, 320, net.dtMs));

        // Recorders can be left out by name (e.g. a VirtualRecorder's internal ones).
        const auto filtered =
            core::RunRecord::fromNetwork(net, 200.0, project.name, "{}",
                                         [](const std::string& name) { return name == "rate_E"; });
        QVERIFY(filtered.populations[0].rates.empty());
        QCOMPARE(filtered.populations[0].states.size(), std::size_t(1));

        // The analysis input is what SpikeTimes gives for the live network.
        const auto fromArchive = analysis::ArchiveSpikes::read(path);
        const auto fromNetwork = analysis::SpikeTimes::fromNetwork(net);
        QCOMPARE(fromArchive.size(), fromNetwork.size());
        for (std::size_t i = 0; i < fromArchive.size(); ++i) {
            QCOMPARE(fromArchive[i].name, net.populations[net.spikeRecorders[i].population].name);
            QCOMPARE(fromArchive[i].size, fromNetwork[i].size);
            QCOMPARE(fromArchive[i].timesMs, fromNetwork[i].timesMs);
            QCOMPARE(fromArchive[i].neurons, fromNetwork[i].neurons);
        }
    }

    void analysisIsAddedToAnExistingArchive() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("run.h5").toStdString();
        auto record = sampleRecord();
        core::RunArchive::write(record, path);
        auto rdm = core::NamedArray::fromMatrix("rdm", Eigen::MatrixXd::Identity(2, 2));
        auto mds = core::NamedArray::fromMatrix("mds", Eigen::MatrixXd::Ones(2, 1));
        core::RunArchive::writeAnalysis({rdm, mds}, path);
        const auto read = core::RunArchive::read(path);
        QVERIFY(read.populations == record.populations); // recordings untouched
        QCOMPARE(read.analysis.size(), std::size_t(2));
        QVERIFY(read.analysis[0] == rdm); // replaced
        QVERIFY(read.analysis[1] == mds);
        // A new file holds only the analysis.
        const std::string fresh = dir.filePath("fresh.h5").toStdString();
        core::RunArchive::writeAnalysis({mds}, fresh);
        const auto only = core::RunArchive::read(fresh);
        QVERIFY(only.populations.empty());
        QCOMPARE(only.analysis.size(), std::size_t(1));
    }

    /// Datasets whose dimensions claim far more than the file holds (HDF5 stores no data for
    /// chunks never written): one line naming the file and the dataset, nothing allocated for
    /// the claim, no HDF5 error stack printed.
    void datasetsBeyondTheFileAreRefused() {
        QTemporaryDir dir;
        const struct {
            const char* file;
            const char* group;
            hsize_t rows, cols;
            bool deflate;
            const char* expected;
        } cases[] = {
            {"plain.h5", "analysis", 2000000000, 1, false,
             "dataset /analysis/huge (2000000000 x 1) claims 2000000000 entries, which need at "
             "least 16000000000 bytes"},
            {"deflated.h5", "analysis", 1000000000000, 1, true,
             "dataset /analysis/huge (1000000000000 x 1) claims 1000000000000 entries"},
            {"matrix.h5", "electrodes/utah", 100000, 100000, false,
             "dataset /electrodes/utah/huge (100000 x 100000) claims 10000000000 entries"},
        };
        for (const auto& c : cases) {
            const QString path = dir.filePath(c.file);
            core::RunArchive::write(sampleRecord(), path.toStdString());
            QVERIFY(addUnwrittenDataset(path, c.group, "huge", c.rows, c.cols, c.deflate));
            QVERIFY(QFileInfo(path).size() < 100000);
            QString message;
            const std::uint64_t before = tests::peakRssBytes();
            const QByteArray printed = captureStderr(
                [&] { message = errorOf([&] { core::RunArchive::read(path.toStdString()); }); },
                dir.filePath("stderr.txt"));
            QVERIFY2(tests::peakRssBytes() - before < tests::kClaimRssSlackBytes, c.file);
            QVERIFY2(message.startsWith(path + ": damaged or truncated: "), qPrintable(message));
            QVERIFY2(message.contains(c.expected), qPrintable(message));
            QVERIFY2(!message.contains('\n'), qPrintable(message));
            QVERIFY2(printed.isEmpty(), printed.constData());
        }
        // A dataset that does fit (a real deflated one of the same archive) still reads.
        const QString path = dir.filePath("fits.h5");
        core::RunArchive::write(sampleRecord(), path.toStdString());
        QVERIFY(addUnwrittenDataset(path, "analysis", "zeros", 4096, 1, true));
        const core::RunRecord r = core::RunArchive::read(path.toStdString());
        QCOMPARE(r.analysis.size(), std::size_t(2));
        QCOMPARE(r.analysis[1].values, std::vector<double>(4096, 0.0));
    }

    void badFilesGiveOneClearLine() {
        QTemporaryDir dir;
        const QString good = dir.filePath("good.h5");
        core::RunArchive::write(sampleRecord(), good.toStdString());
        const QByteArray bytes = readAll(good);

        const QString text = dir.filePath("text.h5");
        writeAll(text, "time_ms,neuron\n1.0,2\n");
        const QString truncated = dir.filePath("truncated.h5");
        writeAll(truncated, bytes.left(bytes.size() / 2));
        const QString foreign = dir.filePath("foreign.h5");
        QByteArray patched = bytes;
        QVERIFY(patched.contains("plexus-run"));
        patched.replace("plexus-run", "other-data");
        writeAll(foreign, patched);

        const struct {
            QString file;
            QString expected;
        } cases[] = {
            {dir.filePath("missing.h5"), "missing.h5: no such file"},
            {text, "text.h5: not an HDF5 file"},
            {truncated, "truncated.h5: cannot be opened as HDF5 (truncated or corrupt file?)"},
            {foreign, "foreign.h5: not a Plexus run archive (/meta@format is \"other-data\""},
            {dir.path(), "is a folder"},
        };
        for (const auto& c : cases) {
            QString message;
            const QByteArray printed = captureStderr(
                [&] { message = errorOf([&] { core::RunArchive::read(c.file.toStdString()); }); },
                dir.filePath("stderr.txt"));
            QVERIFY2(message.contains(c.expected), qPrintable(message));
            QVERIFY2(message.startsWith(c.file), qPrintable(message));
            QVERIFY2(!message.contains('\n'), qPrintable(message));
            QVERIFY2(printed.isEmpty(), printed.constData()); // no HDF5-DIAG error stack
        }
        // A file that cannot be created names itself; nothing is left behind.
        const QString message = errorOf(
            [&] { core::RunArchive::write(sampleRecord(), "/nonexistent-plexus/dir/run.h5"); });
        QVERIFY2(message.startsWith("/nonexistent-plexus/dir/run.h5: cannot be created"),
                 qPrintable(message));
        // Adding analysis to a file that is not an archive is refused, the file unchanged.
        QVERIFY(errorOf([&] {
                    core::RunArchive::writeAnalysis({}, text.toStdString());
                }).contains("not an HDF5 file"));
        QCOMPARE(readAll(text), QByteArray("time_ms,neuron\n1.0,2\n"));
    }
};

QTEST_GUILESS_MAIN(TestRunArchive)
#include "TestRunArchive.moc"
