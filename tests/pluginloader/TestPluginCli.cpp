// plexus-cli with plugins, end to end: listing plugin models with their origin, warnings for
// refused plugins, --no-plugins, and running a project that uses a plugin model.

#include "PluginFixtures.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QtTest>
#include <nlohmann/json.hpp>

namespace {

/// Folder of a built plugin, as a QString.
QString folderOf(const char* path) {
    return QString::fromStdString(plexus::tests::folderOf(path));
}

/// Canonical path of a built plugin, as a QString.
QString canonical(const char* path) {
    return QString::fromStdString(plexus::tests::canonical(path));
}

struct Result {
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestPluginCli : public QObject {
    Q_OBJECT

private:
    /// Runs plexus-cli with PLEXUS_PLUGIN_PATH = `pluginPath` and an empty user plugin folder.
    Result runCli(const QStringList& args, const QString& pluginPath) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("XDG_DATA_HOME", m_data.path());
        if (pluginPath.isNull())
            env.remove("PLEXUS_PLUGIN_PATH");
        else
            env.insert("PLEXUS_PLUGIN_PATH", pluginPath);
        p.setProcessEnvironment(env);
        p.start(PLEXUS_CLI, args);
        if (!p.waitForFinished(120000))
            return {};
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
                QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

    static const nlohmann::json* findModel(const nlohmann::json& list, const std::string& name) {
        for (const auto& m : list)
            if (m["name"] == name)
                return &m;
        return nullptr;
    }

    static QString qifFolder() { return folderOf(PLEXUS_QIF_PLUGIN); }

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
