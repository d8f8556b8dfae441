// The plugin loader: the example plugin loads and its model runs as the QIF analytic solution
// predicts; broken plugins are refused with a clear message and change nothing; projects naming
// missing models load, keep everything, refuse to run and save back unchanged.

#include "DisabledPlugins.h"
#include "PluginFixtures.h"
#include "PluginLoader.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/build/NetworkBuilder.h"
#include "plexus/core/engine/Simulator.h"
#include "plexus/core/plugin/ModelRegistry.h"
#include "plexus/core/plugin/PluginApi.h"
#include "plexus/core/project/ProjectIo.h"
#include "plexus/plugins/BuiltinModels.h"

#include <QTemporaryDir>
#include <QtTest>
#include <cstring>
#include <elf.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace plexus;
using app::DisabledPlugins;
using app::PluginLoader;
using app::PluginLoadResult;

namespace {

/// Built-in models only.
core::ModelRegistry builtinRegistry() {
    core::ModelRegistry registry;
    plugins::registerBuiltinModels(registry);
    return registry;
}

/// Built-in models plus the example plugin.
core::ModelRegistry registryWithQif() {
    core::ModelRegistry registry = builtinRegistry();
    const PluginLoadResult result = PluginLoader::loadFile(PLEXUS_QIF_PLUGIN, registry);
    if (!result.ok())
        qFatal("example plugin refused: %s", result.message().c_str());
    return registry;
}

/// Every (model, origin) of a registry, to check that a refused plugin changed nothing.
std::vector<std::pair<std::string, std::string>> snapshot(const core::ModelRegistry& registry) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const core::ModelInfo* info : registry.all())
        out.emplace_back(info->name, registry.origin(info->name));
    return out;
}

std::string buildError(const core::ProjectSpec& project, const core::ModelRegistry& registry) {
    try {
        core::NetworkBuilder::build(project, registry);
    } catch (const core::Error& e) {
        return e.what();
    }
    return {};
}

nlohmann::json readJson(const std::string& path) {
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

/// The example plugin's ELF header.
Elf64_Ehdr qifHeader() {
    Elf64_Ehdr header{};
    const std::string bytes = tests::fileBytes(PLEXUS_QIF_PLUGIN);
    std::memcpy(&header, bytes.data(), std::min(bytes.size(), sizeof header));
    return header;
}

/// `bytes` with its ELF header replaced by `header`.
std::string withHeader(std::string bytes, const Elf64_Ehdr& header) {
    std::memcpy(bytes.data(), &header, sizeof header);
    return bytes;
}

std::string fixtureProject() {
    return PLEXUS_PLUGINLOADER_FIXTURES "/placeholder_project.json";
}

/// A population of `size` qif_example neurons driven by a constant current, spikes recorded.
core::ProjectSpec qifProject(double currentPa, double tRefMs, double dtMs, bool viaStimulus) {
    core::ProjectSpec p;
    p.simulation.dtMs = dtMs;
    core::PopulationSpec pop;
    pop.name = "Q";
    pop.model = "qif_example";
    pop.size = 3;
    pop.params["t_ref"] = tRefMs;
    if (viaStimulus) {
        core::StimulusSpec dc;
        dc.name = "dc";
        dc.model = "dc_current";
        dc.target = "Q";
        dc.params["amplitude_pa"] = currentPa;
        p.stimuli.push_back(dc);
    } else {
        pop.params["i_e"] = currentPa;
    }
    p.populations.push_back(pop);
    core::RecorderSpec spikes;
    spikes.name = "spikes";
    spikes.type = "spikes";
    spikes.target = "Q";
    p.recorders.push_back(spikes);
    return p;
}

/// Builds and runs `project` for `durationMs` with `registry`.
std::unique_ptr<core::Network> run(const core::ProjectSpec& project,
                                   const core::ModelRegistry& registry, double durationMs) {
    auto network = core::NetworkBuilder::build(project, registry);
    core::Simulator simulator(*network);
    simulator.prepare();
    simulator.run(std::llround(durationMs / network->dtMs));
    simulator.finish();
    return network;
}

} // namespace

class TestPluginLoader : public QObject {
    Q_OBJECT

private slots:
    /// The user's own disabled-plugins list and plugin folder play no part.
    void initTestCase() {
        QVERIFY(m_home.isValid());
        qputenv("HOME", m_home.path().toUtf8());
        qputenv("XDG_CONFIG_HOME", m_home.filePath("config").toUtf8());
        qputenv("XDG_DATA_HOME", m_home.filePath("data").toUtf8());
    }

    void apiIdentifiesThisBuild() {
        QCOMPARE(PluginLoader::apiVersion(), 1u);
        QCOMPARE(PluginLoader::abiTag(), std::string(PLEXUS_PLUGIN_ABI_TAG));
        QVERIFY(PluginLoader::abiTag().find("/") != std::string::npos);
        QVERIFY(PluginLoader::abiTag().find("unknown") == std::string::npos);
    }

    void loadsExamplePlugin() {
        core::ModelRegistry registry = builtinRegistry();
        const auto before = snapshot(registry);
        const PluginLoadResult result = PluginLoader::loadFile(PLEXUS_QIF_PLUGIN, registry);
        QVERIFY2(result.ok(), result.message().c_str());
        QCOMPARE(result.path, tests::canonical(PLEXUS_QIF_PLUGIN));
        QCOMPARE(result.name, std::string("qif-example"));
        QCOMPARE(result.version, std::string("1.0.0"));
        QCOMPARE(result.models, std::vector<std::string>{"qif_example"});
        QCOMPARE(result.apiVersion, unsigned(PLEXUS_PLUGIN_API_VERSION));
        QCOMPARE(result.abiTag, std::string(PLEXUS_PLUGIN_ABI_TAG));
        QCOMPARE(result.builtFor(), "API 1, " + std::string(PLEXUS_PLUGIN_ABI_TAG));
        QCOMPARE(registry.all().size(), before.size() + 1);

        const core::ModelInfo* info = registry.info("qif_example");
        QVERIFY(info != nullptr);
        QVERIFY(registry.neuronModel("qif_example") != nullptr);
        QCOMPARE(info->kind, core::ModelKind::Neuron);
        QCOMPARE(registry.origin("qif_example"), result.path);
        QCOMPARE(registry.origin("lif_cuba"), std::string(core::ModelRegistry::builtinOrigin));
        QCOMPARE(registry.origin("no_such_model"), std::string());
        // The descriptor is complete: documented parameters with ranges, inputs, state.
        QVERIFY(!info->equations.empty() && !info->doc.empty() && !info->references.empty());
        for (const auto& p : info->parameters) {
            QVERIFY2(!p.label.empty() && !p.doc.empty(), p.key.c_str());
            QVERIFY2(std::isfinite(p.minValue) && std::isfinite(p.maxValue), p.key.c_str());
            QVERIFY(p.minValue <= p.defaultValue && p.defaultValue <= p.maxValue);
        }
        QVERIFY(info->receptorIndex("exc") && info->receptorIndex("inh") &&
                info->receptorIndex("current"));
        QVERIFY(info->stateIndex("v"));
        QCOMPARE(QString::fromStdString(result.message()),
                 QString::fromStdString(tests::canonical(PLEXUS_QIF_PLUGIN)) +
                     ": qif-example 1.0.0 (qif_example)");
    }

    void loadingTwiceIntoOneRegistryIsRefused() {
        core::ModelRegistry registry = registryWithQif();
        const auto before = snapshot(registry);
        const PluginLoadResult again = PluginLoader::loadFile(PLEXUS_QIF_PLUGIN, registry);
        QVERIFY(!again.ok());
        QVERIFY2(again.error.find("model \"qif_example\" (" + again.path +
                                  ") is already registered") != std::string::npos,
                 again.error.c_str());
        QCOMPARE(snapshot(registry), before);
        // Another registry still gets it (the library stays loaded, its models are new).
        core::ModelRegistry other = registryWithQif();
        QVERIFY(other.info("qif_example") != nullptr);
    }

    void refusesBrokenPlugins_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expected");
        // What the descriptor says the plugin was built for (0 / empty: not known).
        QTest::addColumn<unsigned>("apiVersion");
        QTest::addColumn<QString>("abiTag");
        QTest::addColumn<QString>("builtFor");
        const QString abi = PLEXUS_PLUGIN_ABI_TAG;
        QTest::newRow("wrong API version")
            << QString(PLEXUS_FIXTURE_WRONG_API)
            << "built for plugin API version 2, but this Plexus provides version 1" << 2u
            << QString() << "API 2";
        QTest::newRow("wrong ABI")
            << QString(PLEXUS_FIXTURE_WRONG_ABI)
            << "built for C++ ABI \"othercc-1/otherlib-abi0\", but this Plexus provides \"" + abi +
                   "\""
            << 1u << "othercc-1/otherlib-abi0"
            << "API 1, othercc-1/otherlib-abi0";
        QTest::newRow("no descriptor")
            << QString(PLEXUS_FIXTURE_NO_DESCRIPTOR)
            << "not a Plexus plugin: it exports no plexus_plugin_descriptor() function" << 0u
            << QString() << "unknown";
        QTest::newRow("model constructor throws")
            << QString(PLEXUS_FIXTURE_THROWING)
            << "registering its models failed: ThrowingModel: lookup table missing" << 1u << abi
            << "API 1, " + abi;
        QTest::newRow("throws a non-exception")
            << QString(PLEXUS_FIXTURE_THROWING_OTHER)
            << "registering its models failed with an unknown exception" << 1u << abi
            << "API 1, " + abi;
        QTest::newRow("model name clash")
            << QString(PLEXUS_FIXTURE_CLASH)
            << "refused: model \"lif_cuba\" (built-in) is already registered" << 1u << abi
            << "API 1, " + abi;
    }

    void refusesBrokenPlugins() {
        QFETCH(QString, file);
        QFETCH(QString, expected);
        QFETCH(unsigned, apiVersion);
        QFETCH(QString, abiTag);
        QFETCH(QString, builtFor);
        core::ModelRegistry registry = registryWithQif();
        const auto before = snapshot(registry);
        const PluginLoadResult result = PluginLoader::loadFile(file.toStdString(), registry);
        QVERIFY(!result.ok());
        QVERIFY2(result.error.find(expected.toStdString()) != std::string::npos,
                 result.error.c_str());
        QCOMPARE(result.apiVersion, apiVersion);
        QCOMPARE(QString::fromStdString(result.abiTag), abiTag);
        QCOMPARE(QString::fromStdString(result.builtFor()), builtFor);
        QVERIFY(result.models.empty());
        // One line naming the file.
        const std::string message = result.message();
        QCOMPARE(message.rfind(QFileInfo(file).canonicalFilePath().toStdString() + ": ", 0),
                 std::size_t(0));
        QVERIFY(message.find('\n') == std::string::npos);
        // Nothing of the plugin was registered, nothing else changed.
        QCOMPARE(snapshot(registry), before);
        for (const char* name : {"throwing_fixture_good", "clash_fixture_fresh",
                                 "wrong_api_fixture", "wrong_abi_fixture"})
            QVERIFY2(registry.info(name) == nullptr, name);
        // The registry still works.
        QCOMPARE(buildError(qifProject(200.0, 0.0, 0.1, false), registry), std::string());
    }

    void refusesFilesThatAreNotLibraries() {
        QTemporaryDir dir;
        const QString garbage = dir.filePath("garbage.so");
        {
            QFile f(garbage);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("this is not an ELF file\n");
        }
        core::ModelRegistry registry = builtinRegistry();
        const auto before = snapshot(registry);
        const PluginLoadResult result = PluginLoader::loadFile(garbage.toStdString(), registry);
        QVERIFY(!result.ok());
        QVERIFY2(result.error.rfind("not a shared library: ", 0) == 0, result.error.c_str());
        QCOMPARE(snapshot(registry), before);

        const PluginLoadResult missing =
            PluginLoader::loadFile(dir.filePath("missing.so").toStdString(), registry);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error, std::string("no such file"));
    }

    /// Damaged files are refused before the dynamic loader sees them: a truncated library
    /// (which dlopen would map and die of SIGBUS on), a header-only file, an empty file, a
    /// text file named x.so, and headers that do not fit this computer.
    void refusesDamagedFilesBeforeLoading_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        const std::string qif = tests::fileBytes(PLEXUS_QIF_PLUGIN);
        QVERIFY(qif.size() > 4096);
        const Elf64_Ehdr header = qifHeader();
        const auto size = static_cast<qulonglong>(qif.size());
        const auto half = qif.size() / 2;
        QTest::newRow("truncated to half")
            << QByteArray::fromStdString(qif.substr(0, half))
            << QString("truncated: the section header table ends at byte %1 but the file has "
                       "%2 bytes")
                   .arg(size)
                   .arg(half);
        // Without section headers (a stripped, sstripped library) the segments say it.
        Elf64_Ehdr noSections = header;
        noSections.e_shoff = 0;
        noSections.e_shnum = 0;
        QTest::newRow("truncated, no section headers")
            << QByteArray::fromStdString(withHeader(qif, noSections).substr(0, 3000))
            << QString("(PT_LOAD) ends at byte ");
        QTest::newRow("ELF header only")
            << QByteArray::fromStdString(qif.substr(0, 64))
            << QString("truncated: the program header table ends at byte %1 but the file has 64 "
                       "bytes")
                   .arg(header.e_phoff + std::uint64_t{header.e_phnum} * header.e_phentsize);
        QTest::newRow("part of the ELF header")
            << QByteArray::fromStdString(qif.substr(0, 40))
            << "truncated: the ELF header ends at byte 64 but the file has 40 bytes";
        QTest::newRow("zero bytes") << QByteArray() << "empty file (0 bytes)";
        QTest::newRow("text file")
            << QByteArray("this is not a library\n")
            << "not a shared library: the file does not start with the ELF signature";
        Elf64_Ehdr executable = header;
        executable.e_type = ET_EXEC;
        QTest::newRow("an executable")
            << QByteArray::fromStdString(withHeader(qif, executable))
            << "not a shared library: the file is an executable (ET_EXEC)";
        std::string otherClass = qif;
        otherClass[EI_CLASS] = ELFCLASS32;
        QTest::newRow("32-bit") << QByteArray::fromStdString(otherClass)
                                << "built for another kind of computer: 32-bit ELF";
        Elf64_Ehdr otherMachine = header;
        otherMachine.e_machine = EM_SPARCV9;
        QTest::newRow("another processor")
            << QByteArray::fromStdString(withHeader(qif, otherMachine))
            << "built for another processor (ELF machine 43";
    }

    void refusesDamagedFilesBeforeLoading() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const std::string file = dir.filePath("x.so").toStdString();
        QVERIFY(tests::writeBytes(file, bytes.toStdString()));
        core::ModelRegistry registry = builtinRegistry();
        const auto before = snapshot(registry);
        const PluginLoadResult result = PluginLoader::loadFile(file, registry);
        QVERIFY(!result.ok());
        QVERIFY(result.refused());
        QVERIFY2(result.error.find(expected.toStdString()) != std::string::npos,
                 result.message().c_str());
        QCOMPARE(result.message().rfind(tests::canonical(file.c_str()) + ": ", 0), std::size_t(0));
        QVERIFY(result.message().find('\n') == std::string::npos);
        QCOMPARE(snapshot(registry), before);
    }

    /// An intact copy passes the check and loads.
    void intactCopyLoads() {
        QTemporaryDir dir;
        const std::string file = dir.filePath("copy.so").toStdString();
        QVERIFY(tests::writeBytes(file, tests::fileBytes(PLEXUS_QIF_PLUGIN)));
        core::ModelRegistry registry = builtinRegistry();
        const PluginLoadResult result = PluginLoader::loadFile(file, registry);
        QVERIFY2(result.ok(), result.message().c_str());
        QCOMPARE(result.models, std::vector<std::string>{"qif_example"});
    }

    /// A folder named *.so and a symbolic link to nothing are reported, not skipped.
    void reportsFoldersAndBrokenLinks() {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir("folder.so"));
        const QString link = dir.filePath("gone.so");
        QVERIFY(QFile::link(dir.filePath("nowhere/missing.so"), link));
        QVERIFY(QFile::copy(PLEXUS_QIF_PLUGIN, dir.filePath("qif.so")));
        QVERIFY(tests::writeBytes(dir.filePath("notes.txt").toStdString(), "not a plugin"));
        core::ModelRegistry registry = builtinRegistry();
        const auto results = PluginLoader::loadFolders({dir.path().toStdString()}, registry);
        QCOMPARE(results.size(), std::size_t(3));
        QCOMPARE(results[0].path, tests::canonical(qPrintable(dir.filePath("folder.so"))));
        QCOMPARE(results[0].error, std::string("is a folder, not a plugin library"));
        QCOMPARE(results[1].path,
                 QFileInfo(dir.path()).canonicalFilePath().toStdString() + "/gone.so");
        QCOMPARE(results[1].error, "broken symbolic link: it points to \"" +
                                       dir.filePath("nowhere/missing.so").toStdString() +
                                       "\", which does not exist");
        QVERIFY2(results[2].ok(), results[2].message().c_str());
    }

    /// The disabled list: one canonical path per line under XDG_CONFIG_HOME (else ~/.config);
    /// loadDefault opens none of the files it names and reports them.
    void disabledPluginsAreSkippedAndReported() {
        QTemporaryDir config;
        QTemporaryDir data;
        const QByteArray oldConfig = qgetenv("XDG_CONFIG_HOME");
        const QByteArray oldData = qgetenv("XDG_DATA_HOME");
        const QByteArray oldPath = qgetenv("PLEXUS_PLUGIN_PATH");
        const QByteArray oldHome = qgetenv("HOME");
        qputenv("XDG_CONFIG_HOME", "relative/ignored");
        qputenv("HOME", "/home/someone");
        QCOMPARE(DisabledPlugins::listFile(),
                 std::filesystem::path("/home/someone/.config/plexus/disabled-plugins"));
        qputenv("XDG_CONFIG_HOME", config.path().toUtf8());
        qputenv("HOME", config.path().toUtf8());
        qputenv("XDG_DATA_HOME", data.path().toUtf8());
        const QString listFile = config.filePath("plexus/disabled-plugins");
        QCOMPARE(DisabledPlugins::listFile(), std::filesystem::path(listFile.toStdString()));

        // The user folder holds the example and a truncated copy of it; a link to the example
        // sits in a PLEXUS_PLUGIN_PATH folder.
        const QString user = data.filePath("plexus/plugins");
        QVERIFY(QDir().mkpath(user));
        QVERIFY(QFile::copy(PLEXUS_QIF_PLUGIN, user + "/qif.so"));
        const std::string qif = tests::fileBytes(PLEXUS_QIF_PLUGIN);
        QVERIFY(tests::writeBytes((user + "/broken.so").toStdString(), qif.substr(0, 5000)));
        QTemporaryDir linked;
        QVERIFY(QFile::link(user + "/qif.so", linked.filePath("via-link.so")));
        qputenv("PLEXUS_PLUGIN_PATH", linked.path().toUtf8());
        const std::string canonicalQif =
            QFileInfo(user + "/qif.so").canonicalFilePath().toStdString();
        const std::string canonicalBroken =
            QFileInfo(user + "/broken.so").canonicalFilePath().toStdString();

        // The user's own notes in the list are kept.
        QVERIFY(QDir().mkpath(config.filePath("plexus")));
        QVERIFY(tests::writeBytes(listFile.toStdString(), "# my notes\n"));
        // Disabling through the link stores the file itself; twice is once.
        QVERIFY(DisabledPlugins::disable(linked.filePath("via-link.so").toStdString()));
        QVERIFY(!DisabledPlugins::disable(user.toStdString() + "/./qif.so"));
        QVERIFY(DisabledPlugins::disable(user.toStdString() + "/broken.so"));
        QCOMPARE(DisabledPlugins::read(),
                 (std::vector<std::string>{canonicalQif, canonicalBroken}));
        QFile list(listFile);
        QVERIFY(list.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(list.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0], QString("# my notes"));
        QCOMPARE(lines[1], QString::fromStdString(canonicalQif));
        QCOMPARE(lines[2], QString::fromStdString(canonicalBroken));

        core::ModelRegistry registry = builtinRegistry();
        auto results = PluginLoader::loadDefault(registry);
        QCOMPARE(results.size(), std::size_t(2)); // the link and the file are one plugin
        for (const PluginLoadResult& r : results) {
            QVERIFY2(r.disabled && !r.ok() && !r.refused(), r.message().c_str());
            QCOMPARE(r.message(), r.path + ": disabled");
        }
        QCOMPARE(results[0].path, canonicalQif);
        QCOMPARE(results[1].path, canonicalBroken);
        QVERIFY(registry.info("qif_example") == nullptr);

        // Enabled again (by another spelling of the path), it loads at the next start.
        QVERIFY(DisabledPlugins::enable(user.toStdString() + "/../plugins/qif.so"));
        QVERIFY(!DisabledPlugins::enable(user.toStdString() + "/qif.so"));
        QCOMPARE(DisabledPlugins::read(), std::vector<std::string>{canonicalBroken});
        QCOMPARE(QString::fromStdString(tests::fileBytes(listFile.toStdString())),
                 "# my notes\n" + QString::fromStdString(canonicalBroken) + "\n");
        core::ModelRegistry next = builtinRegistry();
        results = PluginLoader::loadDefault(next);
        QCOMPARE(results.size(), std::size_t(2));
        QVERIFY2(results[0].ok(), results[0].message().c_str());
        QCOMPARE(results[0].path, canonicalQif);
        QVERIFY(results[1].disabled);
        QVERIFY(next.info("qif_example") != nullptr);

        // A file that does not exist cannot be disabled; an unreadable list disables nothing
        // and says so.
        try {
            DisabledPlugins::disable(user.toStdString() + "/missing.so");
            QFAIL("disabling a missing file must throw");
        } catch (const core::Error& e) {
            QCOMPARE(std::string(e.what()), user.toStdString() + "/missing.so: no such file");
        }
        QVERIFY(QFile::remove(listFile));
        QVERIFY(QDir().mkpath(listFile));
        core::ModelRegistry third = builtinRegistry();
        results = PluginLoader::loadDefault(third);
        QCOMPARE(results.size(), std::size_t(3));
        QVERIFY(results[0].refused());
        QCOMPARE(results[0].path, listFile.toStdString());
        QVERIFY2(results[0].error.find("no plugin is disabled") != std::string::npos,
                 results[0].error.c_str());
        QVERIFY(results[1].ok());
        QVERIFY2(results[2].error.rfind("truncated: ", 0) == 0, results[2].error.c_str());

        qputenv("XDG_CONFIG_HOME", oldConfig);
        qputenv("XDG_DATA_HOME", oldData);
        qputenv("PLEXUS_PLUGIN_PATH", oldPath);
        qputenv("HOME", oldHome);
    }

    void loadsFoldersInOrderAndSkipsDuplicates() {
        QTemporaryDir empty;
        core::ModelRegistry registry = builtinRegistry();
        const std::string qifFolder = tests::folderOf(PLEXUS_QIF_PLUGIN);
        const auto results = PluginLoader::loadFolders(
            {qifFolder, tests::folderOf(PLEXUS_FIXTURE_CLASH), qifFolder,
             empty.path().toStdString(), empty.filePath("does-not-exist").toStdString()},
            registry);
        QCOMPARE(results.size(), std::size_t(3));
        QVERIFY(results[0].ok());
        QCOMPARE(results[0].models, std::vector<std::string>{"qif_example"});
        QVERIFY(!results[1].ok());
        QCOMPARE(results[1].path, tests::canonical(PLEXUS_FIXTURE_CLASH));
        QVERIFY(!results[2].ok());
        QCOMPARE(results[2].error, std::string("plugin folder does not exist"));
        QVERIFY(registry.info("qif_example") != nullptr);
        QVERIFY(registry.info("clash_fixture_fresh") == nullptr);

        // A missing folder may also be skipped silently.
        core::ModelRegistry quiet = builtinRegistry();
        QVERIFY(PluginLoader::loadFolders({empty.filePath("nope").toStdString()}, quiet, false)
                    .empty());
    }

    void defaultFoldersComeFromTheEnvironment() {
        QTemporaryDir data;
        const QByteArray oldPath = qgetenv("PLEXUS_PLUGIN_PATH");
        const QByteArray oldData = qgetenv("XDG_DATA_HOME");
        const QByteArray oldHome = qgetenv("HOME");

        qputenv("XDG_DATA_HOME", data.path().toUtf8());
        QCOMPARE(PluginLoader::userPluginFolder(),
                 std::filesystem::path(data.path().toStdString()) / "plexus" / "plugins");
        qputenv("XDG_DATA_HOME", "relative/ignored");
        qputenv("HOME", "/home/someone");
        QCOMPARE(PluginLoader::userPluginFolder(),
                 std::filesystem::path("/home/someone/.local/share/plexus/plugins"));

        qputenv("PLEXUS_PLUGIN_PATH", "/a::/b/c:");
        QCOMPARE(PluginLoader::environmentPluginFolders(),
                 (std::vector<std::filesystem::path>{"/a", "/b/c"}));

        // PLEXUS_PLUGIN_PATH first, then the user folder (here holding a copy of the example).
        qputenv("XDG_DATA_HOME", data.path().toUtf8());
        const QString userFolder = data.filePath("plexus/plugins");
        QVERIFY(QDir().mkpath(userFolder));
        QVERIFY(QFile::copy(PLEXUS_QIF_PLUGIN, userFolder + "/qif_copy.so"));
        qputenv("PLEXUS_PLUGIN_PATH",
                (QString::fromStdString(tests::folderOf(PLEXUS_FIXTURE_WRONG_API)) + ":" +
                 data.filePath("missing-folder"))
                    .toUtf8());
        core::ModelRegistry registry = builtinRegistry();
        const auto results = PluginLoader::loadDefault(registry);
        QCOMPARE(results.size(), std::size_t(3));
        QVERIFY(!results[0].ok()); // wrong API
        QVERIFY(!results[1].ok()); // missing PLEXUS_PLUGIN_PATH folder is reported
        QVERIFY(results[2].ok());
        QCOMPARE(registry.origin("qif_example"),
                 QFileInfo(userFolder + "/qif_copy.so").canonicalFilePath().toStdString());

        qputenv("PLEXUS_PLUGIN_PATH", oldPath);
        qputenv("XDG_DATA_HOME", oldData);
        qputenv("HOME", oldHome);
    }

    void mergeIsAllOrNothing() {
        core::ModelRegistry target = builtinRegistry();
        core::ModelRegistry incoming = builtinRegistry();
        const auto targetBefore = snapshot(target);
        const auto incomingBefore = snapshot(incoming);
        try {
            target.merge(std::move(incoming), "/somewhere/dup.so");
            QFAIL("merging clashing models must throw");
        } catch (const core::Error& e) {
            const std::string what = e.what();
            QVERIFY2(what.rfind("models \"", 0) == 0, what.c_str());
            QVERIFY2(what.find("\"lif_cuba\" (built-in)") != std::string::npos, what.c_str());
            QVERIFY2(what.find("are already registered") != std::string::npos, what.c_str());
        }
        QCOMPARE(snapshot(target), targetBefore);
        QCOMPARE(snapshot(incoming), incomingBefore);

        // Without clashes everything moves, with the given origin or the one recorded.
        core::ModelRegistry empty;
        empty.merge(std::move(target), "");
        QCOMPARE(snapshot(empty), targetBefore);
        core::ModelRegistry relabelled;
        relabelled.merge(std::move(empty), "/x/y.so");
        QCOMPARE(relabelled.origin("lif_cuba"), std::string("/x/y.so"));
        QCOMPARE(relabelled.all().size(), targetBefore.size());
    }

    /// Constant drive above rheobase: regular firing with the closed-form period
    /// T = tau delta / w [atan((v_peak - m) / w) - atan((v_reset - m) / w)] + t_ref. A spike is
    /// reported on the step in which v reaches v_peak, so every ISI lies in [T, T + dt).
    void qifFiresWithTheAnalyticPeriod_data() {
        QTest::addColumn<double>("currentPa");
        QTest::addColumn<double>("tRefMs");
        QTest::addColumn<double>("dtMs");
        QTest::addColumn<bool>("viaStimulus");
        QTest::newRow("200 pA bias") << 200.0 << 0.0 << 0.1 << false;
        QTest::newRow("120 pA bias, near rheobase") << 120.0 << 0.0 << 0.1 << false;
        QTest::newRow("400 pA bias, t_ref 2 ms") << 400.0 << 2.0 << 0.1 << false;
        QTest::newRow("200 pA bias, dt 0.01 ms") << 200.0 << 0.0 << 0.01 << false;
        QTest::newRow("300 pA through dc_current") << 300.0 << 0.0 << 0.1 << true;
    }

    void qifFiresWithTheAnalyticPeriod() {
        QFETCH(double, currentPa);
        QFETCH(double, tRefMs);
        QFETCH(double, dtMs);
        QFETCH(bool, viaStimulus);
        const tests::QifParameters q;
        QVERIFY(currentPa > q.rheobase());
        const double period = q.travelTime(currentPa, q.vReset, q.vPeak) + tRefMs;
        const double first = q.travelTime(currentPa, q.vRest, q.vPeak);

        const core::ModelRegistry registry = registryWithQif();
        const double durationMs = 1000.0;
        const auto network =
            run(qifProject(currentPa, tRefMs, dtMs, viaStimulus), registry, durationMs);
        const auto& rec = network->spikeRecorders.at(0);
        // All three neurons fire together.
        QCOMPARE(rec.steps.size() % 3, std::size_t(0));
        std::vector<std::int64_t> steps;
        for (std::size_t k = 0; k < rec.steps.size(); k += 3) {
            QCOMPARE(rec.steps[k + 1], rec.steps[k]);
            QCOMPARE(rec.steps[k + 2], rec.steps[k]);
            steps.push_back(rec.steps[k]);
        }
        const auto expectedCount =
            static_cast<std::size_t>(std::floor((durationMs - first) / period)) + 1;
        QVERIFY2(steps.size() + 1 >= expectedCount && steps.size() <= expectedCount + 1,
                 qPrintable(
                     QString("%1 spikes, expected about %2").arg(steps.size()).arg(expectedCount)));
        const double slack = 1e-4;
        // The first spike: v starts at v_rest.
        const double t0 = (steps[0] + 1) * dtMs;
        QVERIFY2(t0 >= first - slack && t0 < first + dtMs + slack,
                 qPrintable(QString("first spike at %1 ms, analytic %2 ms").arg(t0).arg(first)));
        for (std::size_t k = 1; k < steps.size(); ++k) {
            const double isi = (steps[k] - steps[k - 1]) * dtMs;
            QVERIFY2(isi >= period - slack && isi < period + dtMs + slack,
                     qPrintable(QString("ISI %1 ms, analytic period %2 ms").arg(isi).arg(period)));
        }
    }

    /// Without input v_crit is the threshold for a voltage jump from rest: a jump to just below
    /// it decays back to v_rest, a jump to just above it runs away to one spike.
    void qifJumpThresholdIsVCrit_data() {
        QTest::addColumn<double>("weightMv");
        QTest::addColumn<QString>("receptor");
        QTest::addColumn<int>("spikes");
        QTest::newRow("14.5 mV exc") << 14.5 << "exc" << 0;
        QTest::newRow("15.5 mV exc") << 15.5 << "exc" << 1;
        QTest::newRow("-10 mV inh") << -10.0 << "inh" << 0;
        QTest::newRow("30 mV exc") << 30.0 << "exc" << 1;
    }

    void qifJumpThresholdIsVCrit() {
        QFETCH(double, weightMv);
        QFETCH(QString, receptor);
        QFETCH(int, spikes);
        core::ProjectSpec p = qifProject(0.0, 0.0, 0.1, false);
        core::StimulusSpec src;
        src.name = "src";
        src.model = "spike_times";
        src.size = 1;
        src.times = {5.0};
        p.stimuli.push_back(src);
        core::ProjectionSpec pr;
        pr.source = "src";
        pr.target = "Q";
        pr.receptor = receptor.toStdString();
        pr.weight = core::ValueSpec::constant(weightMv);
        pr.delayMs = core::ValueSpec::constant(0.1);
        p.projections.push_back(pr);
        core::RecorderSpec v;
        v.name = "v";
        v.type = "state";
        v.target = "Q";
        v.variables = {"v"};
        v.neurons = {0};
        v.intervalMs = 0.1;
        p.recorders.push_back(v);

        const core::ModelRegistry registry = registryWithQif();
        const auto network = run(p, registry, 300.0);
        QCOMPARE(network->spikeRecorders.at(0).steps.size(), std::size_t(3 * spikes));
        // Before the input v rests exactly at v_rest; long after it, it is back there.
        const auto& rec = network->stateRecorders.at(0);
        QCOMPARE(rec.values.at(10), -65.0f);
        QVERIFY2(std::fabs(rec.values.back() + 65.0f) < 1e-3f,
                 qPrintable(QString("v = %1 mV at the end").arg(rec.values.back())));
    }

    void qifRejectsInconsistentParameters() {
        const core::ModelRegistry registry = registryWithQif();
        core::ProjectSpec p = qifProject(200.0, 0.0, 0.1, false);
        p.populations[0].params["v_crit"] = -70.0;
        QCOMPARE(buildError(p, registry),
                 std::string("populations[0]: params.v_crit: must be greater than v_rest"));
        p.populations[0].params["v_crit"] = -50.0;
        p.populations[0].params["tau_m"] = -1.0;
        QVERIFY2(buildError(p, registry).find("populations[0].params.tau_m: -1 ms is outside") !=
                     std::string::npos,
                 buildError(p, registry).c_str());
    }

    /// A project naming models nobody registered loads, keeps every field and saves back to
    /// the same JSON.
    void missingModelsRoundTrip_data() {
        QTest::addColumn<bool>("moreUnknownModels");
        QTest::newRow("fixture (qif_example missing)") << false;
        QTest::newRow("unknown source and synapse too") << true;
    }

    void missingModelsRoundTrip() {
        QFETCH(bool, moreUnknownModels);
        nlohmann::json original = readJson(fixtureProject());
        if (moreUnknownModels) {
            original["stimuli"].push_back({{"name", "acme"},
                                           {"model", "acme_burst_source"},
                                           {"size", 4},
                                           {"params", {{"burst_hz", 3.5}}},
                                           {"acme", {{"seed_mode", "shared"}}}});
            original["projections"][0]["synapse"] = {{"model", "acme_stdp"},
                                                     {"params", {{"a_plus", 0.01}}}};
        }
        const core::ProjectSpec project = core::ProjectIo::fromJson(original, "fixture.json");
        QCOMPARE(project.populations.at(1).model, std::string("qif_example"));
        QCOMPARE(project.populations.at(1).params.at("i_e"), 200.0);
        QCOMPARE(project.populations.at(1).extra["qif_example"]["colour"], "#aa3300");
        QCOMPARE(project.layoutExtra["zoom"], 1.25);
        QCOMPARE(project.simulation.extra["solver_hint"], "exact");
        QCOMPARE(project.projections.at(0).extra["route"].size(), std::size_t(3));
        QCOMPARE(project.recorders.at(1).extra["plot"]["ylim"][0], -80);
        QCOMPARE(project.stimuli.at(0).extra["layout"]["y"], -80);

        const nlohmann::json written = core::ProjectIo::toJson(project);
        QVERIFY2(written == original, written.dump(2).c_str());

        // Through a file as well, and a second round trip is stable.
        QTemporaryDir dir;
        const std::string path = dir.filePath("saved.json").toStdString();
        core::ProjectIo::save(project, path);
        QVERIFY(readJson(path) == original);
        QVERIFY(core::ProjectIo::load(path) == project);
    }

    void missingModelRefusesToRun() {
        const core::ProjectSpec project = core::ProjectIo::load(fixtureProject());
        const std::string error = buildError(project, builtinRegistry());
        QVERIFY2(error.rfind("populations[1].model: unknown neuron model \"qif_example\": not "
                             "available in this Plexus, it may come from a plugin that is not "
                             "installed (available: ",
                             0) == 0,
                 error.c_str());
        QVERIFY(error.find("lif_cuba") != std::string::npos);
        // A known model of the wrong kind keeps the plain message.
        core::ProjectSpec wrongKind = project;
        wrongKind.populations[1].model = "poisson";
        QVERIFY(buildError(wrongKind, builtinRegistry()).find("plugin") == std::string::npos);
    }

    void missingModelRunsOnceThePluginIsLoaded() {
        const core::ProjectSpec project = core::ProjectIo::load(fixtureProject());
        const core::ModelRegistry registry = registryWithQif();
        const auto network = run(project, registry, 200.0);
        const auto& q = network->spikeRecorders.at(0);
        QVERIFY2(q.steps.size() > 20, qPrintable(QString::number(q.steps.size())));
    }

private:
    QTemporaryDir m_home;
};

QTEST_APPLESS_MAIN(TestPluginLoader)
#include "TestPluginLoader.moc"
