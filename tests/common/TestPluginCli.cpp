// plexus-cli with plugins, end to end: listing plugin models with their origin, warnings for
// refused plugins, --no-plugins, and running a project that uses a plugin model.

#include "PluginFixtures.h"
#include "TestProcess.h"

#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QtTest>
#include <nlohmann/json.hpp>
#include <plexus/core/plugin/PluginApi.h>

namespace {

/// Folder of a built plugin, as a QString.
QString folderOf(const char* path) {
    return QString::fromStdString(plexus::tests::folderOf(path));
}

/// Canonical path of a built plugin, as a QString.
QString canonical(const char* path) {
    return QString::fromStdString(plexus::tests::canonical(path));
}

using Result = plexus::tests::ProcessResult;

} // namespace

class TestPluginCli : public QObject {
    Q_OBJECT

private:
    /// Runs plexus-cli with PLEXUS_PLUGIN_PATH = `pluginPath`, an empty user plugin folder and
    /// the test's own configuration folder (disabled plugins); `extra` adds variables.
    Result runCli(const QStringList& args, const QString& pluginPath,
                  const QProcessEnvironment& extra = {}) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("XDG_DATA_HOME", m_data.path());
        env.insert("XDG_CONFIG_HOME", m_data.filePath("config"));
        env.insert("HOME", m_data.filePath("home"));
        env.insert(extra);
        if (pluginPath.isNull())
            env.remove("PLEXUS_PLUGIN_PATH");
        else
            env.insert("PLEXUS_PLUGIN_PATH", pluginPath);
        return plexus::tests::runProcess(PLEXUS_CLI, args, {}, env);
    }

    static const nlohmann::json* findModel(const nlohmann::json& list, const std::string& name) {
        for (const auto& m : list)
            if (m["name"] == name)
                return &m;
        return nullptr;
    }

    static QString qifFolder() { return folderOf(PLEXUS_QIF_PLUGIN); }

    /// The disabled-plugins list the CLI sees.
    QString listFile() const { return m_data.filePath("config/plexus/disabled-plugins"); }

    /// A project with one population of the plugin model qif_example.
    static QString writeQifProject(const QTemporaryDir& dir) {
        const QString project = dir.filePath("qif.json");
        QFile f(project);
        if (f.open(QIODevice::WriteOnly))
            f.write(R"({"format": "plexus-project", "formatVersion": 1, "name": "qif",
                        "populations": [{"name": "Q", "model": "qif_example", "size": 4,
                                         "params": {"i_e": 200}}],
                        "recorders": [{"name": "s", "type": "spikes", "target": "Q"}]})");
        return project;
    }

    QTemporaryDir m_data;

private slots:
    void modelsJsonListsPluginModelsWithOrigin() {
        const Result r = runCli({"models", "--json"}, qifFolder());
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.err, QString());
        const auto models = nlohmann::json::parse(r.out.toStdString());
        const nlohmann::json* qif = findModel(models, "qif_example");
        QVERIFY(qif != nullptr);
        QCOMPARE((*qif)["origin"].get<std::string>(), canonical(PLEXUS_QIF_PLUGIN).toStdString());
        QCOMPARE((*qif)["kind"], "neuron");
        QCOMPARE((*qif)["category"], "Integrate-and-fire");
        bool hasBias = false;
        for (const auto& p : (*qif)["parameters"])
            hasBias = hasBias || (p["key"] == "i_e" && p["unit"] == "pA");
        QVERIFY(hasBias);
        const nlohmann::json* lif = findModel(models, "lif_cuba");
        QVERIFY(lif != nullptr);
        QCOMPARE((*lif)["origin"], "built-in");
    }

    void modelsTextShowsOrigin() {
        const Result r = runCli({"models"}, qifFolder());
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("qif_example  (neuron)  Quadratic integrate-and-fire (example "
                                "plugin)  [" +
                                canonical(PLEXUS_QIF_PLUGIN) + "]\n"),
                 qPrintable(r.out));
        QVERIFY(
            r.out.contains(QRegularExpression("\nlif_cuba  \\(neuron\\)  .*  \\[built-in\\]\n")));
    }

    void refusedPluginsAreWarningsNotErrors() {
        const QString path = qifFolder() + ":" + folderOf(PLEXUS_FIXTURE_CLASH) + ":" +
                             folderOf(PLEXUS_FIXTURE_WRONG_API) + ":" +
                             m_data.filePath("no-such-folder");
        const Result r = runCli({"models", "--json"}, path);
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = r.err.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0], "plexus-cli: warning: " + canonical(PLEXUS_FIXTURE_CLASH) +
                               ": refused: model \"lif_cuba\" (built-in) is already registered");
        QCOMPARE(lines[1], "plexus-cli: warning: " + canonical(PLEXUS_FIXTURE_WRONG_API) +
                               ": built for plugin API version 2, but this Plexus provides "
                               "version 1 (rebuild the plugin against this Plexus)");
        QCOMPARE(lines[2], "plexus-cli: warning: " + m_data.filePath("no-such-folder") +
                               ": plugin folder does not exist");
        // The good plugin is still there, the refused ones left nothing behind.
        const auto models = nlohmann::json::parse(r.out.toStdString());
        QVERIFY(findModel(models, "qif_example") != nullptr);
        QVERIFY(findModel(models, "clash_fixture_fresh") == nullptr);
        QCOMPARE((*findModel(models, "lif_cuba"))["origin"], "built-in");
    }

    void noPluginsSkipsThem() {
        const QString path = qifFolder() + ":" + folderOf(PLEXUS_FIXTURE_THROWING);
        const Result r = runCli({"models", "--json", "--no-plugins"}, path);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.err, QString());
        const auto models = nlohmann::json::parse(r.out.toStdString());
        QVERIFY(findModel(models, "qif_example") == nullptr);
        QVERIFY(findModel(models, "lif_cuba") != nullptr);

        const Result warned = runCli({"models", "--json"}, path);
        QCOMPARE(warned.exitCode, 0);
        QVERIFY2(
            warned.err.startsWith("plexus-cli: warning: " + canonical(PLEXUS_FIXTURE_THROWING) +
                                  ": registering its models failed: "),
            qPrintable(warned.err));
    }

    /// A half-copied plugin used to kill every start with SIGBUS inside dlopen. Now each
    /// damaged file in the plugin folder is one warning, and plexus-cli carries on.
    void damagedPluginsDoNotStopTheCli() {
        QTemporaryDir dir;
        const std::string qif = plexus::tests::fileBytes(PLEXUS_QIF_PLUGIN);
        QVERIFY(plexus::tests::writeBytes(dir.filePath("a-half.so").toStdString(),
                                          qif.substr(0, qif.size() / 2)));
        QVERIFY(plexus::tests::writeBytes(dir.filePath("b-header.so").toStdString(),
                                          qif.substr(0, 64)));
        QVERIFY(plexus::tests::writeBytes(dir.filePath("c-empty.so").toStdString(), ""));
        QVERIFY(plexus::tests::writeBytes(dir.filePath("x.so").toStdString(), "hello\n"));
        QVERIFY(QFile::link(dir.filePath("nowhere.so"), dir.filePath("d-link.so")));
        QVERIFY(QDir(dir.path()).mkdir("e-folder.so"));
        QVERIFY(QFile::copy(PLEXUS_QIF_PLUGIN, dir.filePath("good.so")));

        const Result r = runCli({"models", "--json"}, dir.path());
        QCOMPARE(r.exitCode, 0); // -2 when the process died of a signal
        const QString folder = QFileInfo(dir.path()).canonicalFilePath();
        const QStringList lines = r.err.split('\n', Qt::SkipEmptyParts);
        const QStringList expected = {
            folder + "/a-half.so: truncated: the section header table ends at byte " +
                QString::number(qif.size()) + " but the file has " +
                QString::number(qif.size() / 2) + " bytes",
            folder + "/b-header.so: truncated: the program header table ends at byte ",
            folder + "/c-empty.so: empty file (0 bytes), not a plugin library",
            folder + "/d-link.so: broken symbolic link: it points to \"" + folder +
                "/nowhere.so\", which does not exist",
            folder + "/e-folder.so: is a folder, not a plugin library",
            folder + "/x.so: not a shared library: the file does not start with the ELF signature",
        };
        QCOMPARE(lines.size(), expected.size());
        for (int i = 0; i < lines.size(); ++i)
            QVERIFY2(lines[i].startsWith("plexus-cli: warning: " + expected[i]),
                     qPrintable(lines[i]));
        const auto models = nlohmann::json::parse(r.out.toStdString());
        QVERIFY(findModel(models, "qif_example") != nullptr);

        // The same folder for a run: it still runs.
        const Result run = runCli({"run", writeQifProject(dir), "--duration", "0.1"}, dir.path());
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }

    /// plugins list --json: what each plugin's descriptor says it was built for (null when no
    /// descriptor could be read, and the ABI tag when the API version differs).
    void pluginsListJsonSaysWhatEachPluginWasBuiltFor() {
        const QString path = qifFolder() + ":" + folderOf(PLEXUS_FIXTURE_WRONG_API) + ":" +
                             folderOf(PLEXUS_FIXTURE_WRONG_ABI) + ":" +
                             folderOf(PLEXUS_FIXTURE_NO_DESCRIPTOR);
        const Result r = runCli({"plugins", "list", "--json"}, path);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto plugins = nlohmann::json::parse(r.out.toStdString())["plugins"];
        QCOMPARE(plugins.size(), std::size_t(4));
        const std::string abi = PLEXUS_PLUGIN_ABI_TAG;
        const std::vector<std::pair<nlohmann::json, nlohmann::json>> expected{
            {1, abi}, {2, nullptr}, {1, "othercc-1/otherlib-abi0"}, {nullptr, nullptr}};
        for (std::size_t i = 0; i < expected.size(); ++i) {
            QVERIFY2(plugins[i].contains("api_version") && plugins[i].contains("abi_tag"),
                     plugins[i].dump().c_str());
            QCOMPARE(plugins[i]["api_version"], expected[i].first);
            QCOMPARE(plugins[i]["abi_tag"], expected[i].second);
        }
        QCOMPARE(plugins[0]["status"], "loaded");
        QCOMPARE(plugins[2]["path"].get<std::string>(),
                 canonical(PLEXUS_FIXTURE_WRONG_ABI).toStdString());
        QCOMPARE(plugins[2]["status"], "refused");
    }

    /// plexus-cli plugins list | disable FILE | enable FILE, and `models` shows what is
    /// disabled.
    void pluginsCommandDisablesAndEnables() {
        QVERIFY(!QFile::exists(listFile()));
        const QString qif = canonical(PLEXUS_QIF_PLUGIN);
        const QString path = qifFolder() + ":" + folderOf(PLEXUS_FIXTURE_WRONG_API);

        Result r = runCli({"plugins", "list", "--json"}, path);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        auto list = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(list["disabled_list"].get<std::string>(), listFile().toStdString());
        QCOMPARE(list["plugins"].size(), std::size_t(2));
        QCOMPARE(list["plugins"][0]["path"].get<std::string>(), qif.toStdString());
        QCOMPARE(list["plugins"][0]["status"], "loaded");
        QCOMPARE(list["plugins"][0]["models"], nlohmann::json::array({"qif_example"}));
        QCOMPARE(list["plugins"][1]["status"], "refused");
        QVERIFY(list["plugins"][1]["reason"].get<std::string>().find("plugin API version 2") !=
                std::string::npos);
        QCOMPARE(list["folders"][0]["source"], "PLEXUS_PLUGIN_PATH");

        // Disable by a path through the folder: the list holds the canonical path.
        r = runCli({"plugins", "disable", qifFolder() + "/../qif/" + QFileInfo(qif).fileName()},
                   path);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith("Disabled " + qif + ": "), qPrintable(r.out));
        QFile file(listFile());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts).last(), qif);
        file.close();
        r = runCli({"plugins", "disable", qif}, path);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("already disabled"), qPrintable(r.out));

        // models: the plugin's model is gone and the plugin is named, in text and JSON.
        r = runCli({"models"}, path);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith("disabled plugin: " + qif), qPrintable(r.out));
        QVERIFY(!r.out.contains("qif_example  (neuron)"));
        r = runCli({"models", "--json"}, path);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(findModel(nlohmann::json::parse(r.out.toStdString()), "qif_example") == nullptr);
        QVERIFY2(r.err.contains("plexus-cli: note: " + qif), qPrintable(r.err));
        // A run that needs the model says it is not available.
        QTemporaryDir dir;
        r = runCli({"run", writeQifProject(dir)}, path);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("unknown neuron model \"qif_example\""), qPrintable(r.err));

        r = runCli({"plugins"}, path); // list is the default
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("\ndisabled  " + qif), qPrintable(r.out));
        QVERIFY2(r.out.contains("\nrefused   " + canonical(PLEXUS_FIXTURE_WRONG_API) + ": built"),
                 qPrintable(r.out));

        r = runCli({"plugins", "enable", qif}, path);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith("Enabled " + qif), qPrintable(r.out));
        r = runCli({"models", "--json"}, path);
        QVERIFY(findModel(nlohmann::json::parse(r.out.toStdString()), "qif_example") != nullptr);
        r = runCli({"plugins", "enable", qif}, path);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, "plexus-cli: error: " + qif + ": not in the list of disabled plugins (" +
                            listFile() + ")\n");

        // Bad arguments get one line and exit code 1.
        for (const QStringList& args :
             {QStringList{"plugins", "frobnicate"}, QStringList{"plugins", "disable"},
              QStringList{"plugins", "disable", m_data.filePath("missing.so")},
              QStringList{"plugins", "list", "--xml"}}) {
            r = runCli(args, path);
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.startsWith("plexus-cli: error: ") && r.err.count('\n') == 1,
                     qPrintable(r.err));
        }
        QVERIFY(QFile::remove(listFile()));
    }

    /// figure and bench live start the GUI: --no-plugins reaches it.
    void noPluginsIsPassedToTheGui() {
        QTemporaryDir dir;
        const QString script = dir.filePath("fake-plexus");
        const QString argsFile = dir.filePath("args.txt");
        {
            QFile f(script);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$FAKE_GUI_ARGS\"\n");
        }
        QVERIFY(
            QFile::setPermissions(script, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        QProcessEnvironment env;
        env.insert("PLEXUS_GUI", script);
        env.insert("FAKE_GUI_ARGS", argsFile);
        env.insert("DISPLAY", ":99"); // a display is "there": no xvfb-run around the fake
        const auto guiArgs = [&](const QStringList& args) {
            QFile::remove(argsFile);
            const Result r = runCli(args, QString(), env);
            QFile f(argsFile);
            return r.exitCode == 0 && f.open(QIODevice::ReadOnly)
                       ? QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts)
                       : QStringList{"failed: " + r.err};
        };
        const QString project = writeQifProject(dir);
        const QString out = dir.filePath("figure.png");
        QStringList args = guiArgs({"figure", project, "--view", "raster", "--out", out});
        QVERIFY2(args.contains("--figure") && !args.contains("--no-plugins"),
                 qPrintable(args.join(' ')));
        args = guiArgs({"figure", project, "--view", "raster", "--out", out, "--no-plugins"});
        QVERIFY2(args.contains("--figure") && args.contains("--no-plugins"),
                 qPrintable(args.join(' ')));
        args = guiArgs({"bench", "live", "--n", "100", "--duration", "0.1"});
        QVERIFY2(args.contains("--bench-live") && !args.contains("--no-plugins"),
                 qPrintable(args.join(' ')));
        args = guiArgs({"bench", "live", "--no-plugins", "--n", "100", "--duration", "0.1"});
        QVERIFY2(args.contains("--bench-live") && args.contains("--no-plugins"),
                 qPrintable(args.join(' ')));
    }

    void runsAProjectWithAPluginModel() {
        QTemporaryDir dir;
        const QString project = dir.filePath("qif.json");
        {
            QFile f(project);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(R"({"format": "plexus-project", "formatVersion": 1, "name": "qif",
                        "populations": [{"name": "Q", "model": "qif_example", "size": 4,
                                         "params": {"i_e": 200}}],
                        "recorders": [{"name": "s", "type": "spikes", "target": "Q"}]})");
        }
        const Result r = runCli({"run", project, "--duration", "1"}, qifFolder());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto summary = nlohmann::json::parse(r.out.toStdString());
        // Period 45.75 ms (45.8 ms on the 0.1 ms grid), first spike 41.09 ms (41.1 ms) after
        // rest: 21 spikes per neuron in one second.
        QCOMPARE(summary["populations"][0]["spikes"].get<long>(), 4 * 21L);

        const Result refused = runCli({"run", project, "--no-plugins"}, qifFolder());
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.startsWith(
                     "plexus-cli: error: " + project +
                     ": populations[0].model: unknown neuron model "
                     "\"qif_example\": not available in this Plexus, it may come from a plugin "
                     "that is not installed"),
                 qPrintable(refused.err));
    }
};

QTEST_GUILESS_MAIN(TestPluginCli)
#include "TestPluginCli.moc"
