// The GUI with plugins: loaded at start, refusals in the log, the plugin report, and
// placeholders for elements whose model is missing.

#include "DisabledPlugins.h"
#include "MainWindow.h"
#include "PluginDialog.h"
#include "PluginFixtures.h"
#include "PluginLoader.h"
#include "TestArtifacts.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidgetItem>
#include <plexus/core/plugin/ModelRegistry.h>
#include <plexus/core/plugin/PluginApi.h>
#include <plexus/core/project/ProjectIo.h>
#include <plexus/widgets/inspector/ProjectSummaryView.h>

using plexus::app::DisabledPlugins;
using plexus::app::MainWindow;
using plexus::app::PluginDialog;
using plexus::widgets::ProjectSummaryView;
using Section = ProjectSummaryView::Section;

namespace {

/// Folder of a built plugin, as a QString.
QString folderOf(const char* path) {
    return QString::fromStdString(plexus::tests::folderOf(path));
}

/// Canonical path of a built plugin, as a QString.
QString canonical(const char* path) {
    return QString::fromStdString(plexus::tests::canonical(path));
}

} // namespace

class TestPluginGui : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(m_data.isValid());
        qputenv("XDG_DATA_HOME", m_data.path().toUtf8());
        qputenv("XDG_CONFIG_HOME", m_data.filePath("config").toUtf8());
        qputenv("HOME", m_data.filePath("home").toUtf8());
        qputenv("PLEXUS_PLUGIN_PATH",
                (folderOf(PLEXUS_QIF_PLUGIN) + ":" + folderOf(PLEXUS_FIXTURE_CLASH)).toUtf8());
    }

    void loadsPluginsAtStart() {
        MainWindow window;
        const QString qif = canonical(PLEXUS_QIF_PLUGIN);
        const QString clash = canonical(PLEXUS_FIXTURE_CLASH);
        QVERIFY(window.models().info("qif_example") != nullptr);
        QCOMPARE(QString::fromStdString(window.models().origin("qif_example")), qif);
        QVERIFY(window.models().info("clash_fixture_fresh") == nullptr);
        QCOMPARE(window.pluginResults().size(), std::size_t(2));

        const QString log = window.logText();
        QVERIFY2(log.contains("Plugin qif-example 1.0.0 loaded from " + qif + ": qif_example."),
                 qPrintable(log));
        QVERIFY2(log.contains("error: plugin refused: " + clash +
                              ": refused: model \"lif_cuba\" (built-in) is already registered"),
                 qPrintable(log));

        const QString report = window.pluginReport();
        QVERIFY2(report.contains(qif + ": qif-example 1.0.0 (qif_example)"), qPrintable(report));
        QVERIFY(report.contains("Refused:"));
        QVERIFY(report.contains(clash));
        QVERIFY(report.contains("(PLEXUS_PLUGIN_PATH)"));
    }

    /// Help > Plugins: every plugin with its status, models or reason, and a Disable/Enable
    /// button that edits the list both programs read at start.
    void pluginDialogDisablesAndEnables() {
        const QString qif = canonical(PLEXUS_QIF_PLUGIN);
        const QString clash = canonical(PLEXUS_FIXTURE_CLASH);
        const QString listFile = m_data.filePath("config/plexus/disabled-plugins");
        QVERIFY(!QFile::exists(listFile));
        {
            MainWindow window;
            PluginDialog dialog(window.pluginResults(), window.pluginsSkipped());
            QCOMPARE(dialog.rowCount(), 2);
            QCOMPARE(dialog.pluginPath(0), qif);
            QCOMPARE(dialog.statusText(0), QString("loaded"));
            QCOMPARE(dialog.detailText(0), QString("qif-example 1.0.0: qif_example"));
            QCOMPARE(dialog.pluginPath(1), clash);
            QCOMPARE(dialog.statusText(1), QString("refused"));
            QVERIFY(dialog.detailText(1).contains("\"lif_cuba\" (built-in) is already registered"));
            QCOMPARE(dialog.actionButton(0)->text(), QString("Disable"));
            QCOMPARE(dialog.actionButton(1)->text(), QString("Disable"));
            dialog.resize(1000, 360);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            QVERIFY(dialog.grab().save(plexus::tests::artifactPath("plugin-dialog.png")));

            QTest::mouseClick(dialog.actionButton(0), Qt::LeftButton);
            QCOMPARE(dialog.errorText(), QString());
            QCOMPARE(dialog.statusText(0), QString("loaded, disabled at the next start"));
            QCOMPARE(dialog.actionButton(0)->text(), QString("Enable"));
            QCOMPARE(DisabledPlugins::read(), std::vector<std::string>{qif.toStdString()});
            // This window keeps its models until the next start.
            QVERIFY(window.models().info("qif_example") != nullptr);
            QVERIFY(dialog.grab().save(plexus::tests::artifactPath("plugin-dialog-disabled.png")));
        }
        {
            // The next start: the plugin is not loaded, the dialog offers to enable it.
            MainWindow window;
            QVERIFY(window.models().info("qif_example") == nullptr);
            QCOMPARE(window.pluginResults().size(), std::size_t(2));
            QVERIFY(window.pluginResults()[0].disabled);
            QVERIFY2(window.logText().contains("Plugin " + qif +
                                               " not loaded: it is disabled (Help > Plugins "
                                               "enables it)."),
                     qPrintable(window.logText()));
            QVERIFY(window.pluginReport().contains("Disabled (plexus-cli plugins enable FILE, "
                                                   "or Help > Plugins):\n  " +
                                                   qif + ": disabled"));
            PluginDialog dialog(window.pluginResults(), window.pluginsSkipped());
            QCOMPARE(dialog.statusText(0), QString("disabled"));
            QCOMPARE(dialog.detailText(0), QString("not loaded: disabled by you"));
            QCOMPARE(dialog.actionButton(0)->text(), QString("Enable"));
            QTest::mouseClick(dialog.actionButton(0), Qt::LeftButton);
            QCOMPARE(dialog.statusText(0), QString("disabled, enabled at the next start"));
            QCOMPARE(dialog.actionButton(0)->text(), QString("Disable"));
            QVERIFY(DisabledPlugins::read().empty());

            // A list that cannot be written is reported in the dialog and changes nothing.
            QVERIFY(QFile::remove(listFile));
            QVERIFY(QDir().mkpath(listFile));
            QTest::mouseClick(dialog.actionButton(1), Qt::LeftButton);
            QVERIFY2(dialog.errorText().startsWith(listFile + ": "),
                     qPrintable(dialog.errorText()));
            QCOMPARE(dialog.statusText(1), QString("refused"));
            QCOMPARE(dialog.actionButton(1)->text(), QString("Disable"));
            QVERIFY(QDir().rmdir(listFile));
        }
        MainWindow again;
        QVERIFY(again.models().info("qif_example") != nullptr);
    }

    /// Every status at once, with a long reason (saved for a person to look at with
    /// PLEXUS_TEST_ARTIFACTS).
    void pluginDialogShowsEveryStatus() {
        std::vector<plexus::app::PluginLoadResult> results(3);
        results[0].path = "/home/user/.local/share/plexus/plugins/qif_example.so";
        results[0].name = "qif-example";
        results[0].version = "1.0.0";
        results[0].models = {"qif_example"};
        results[1].path = "/home/user/.local/share/plexus/plugins/half-copied-models.so";
        results[1].error = "truncated: the section header table ends at byte 857808 but the "
                           "file has 428904 bytes";
        results[2].path = "/opt/lab/plexus-plugins/experimental.so";
        results[2].disabled = true;
        PluginDialog dialog(results, false);
        QCOMPARE(dialog.rowCount(), 3);
        QCOMPARE(dialog.statusText(1), QString("refused"));
        QCOMPARE(dialog.statusText(2), QString("disabled, enabled at the next start"));
        QCOMPARE(dialog.actionButton(2)->text(), QString("Disable"));
        dialog.resize(900, 420);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCoreApplication::processEvents();
        QVERIFY(dialog.grab().save(plexus::tests::artifactPath("plugin-dialog-statuses.png")));
    }

    /// Help > Plugins says what each plugin was built for, in the "Built for" column and in
    /// the copied report (saved for a person to look at with PLEXUS_TEST_ARTIFACTS).
    void pluginDialogShowsWhatPluginsWereBuiltFor() {
        plexus::core::ModelRegistry registry;
        const auto results = plexus::app::PluginLoader::loadFolders(
            {folderOf(PLEXUS_QIF_PLUGIN).toStdString(),
             folderOf(PLEXUS_FIXTURE_WRONG_API).toStdString(),
             folderOf(PLEXUS_FIXTURE_WRONG_ABI).toStdString(),
             folderOf(PLEXUS_FIXTURE_NO_DESCRIPTOR).toStdString()},
            registry);
        QCOMPARE(results.size(), std::size_t(4));
        PluginDialog dialog(results, false);
        const QString abi = PLEXUS_PLUGIN_ABI_TAG;
        QCOMPARE(dialog.statusText(0), QString("loaded"));
        QCOMPARE(dialog.builtForText(0), "API 1, " + abi);
        QCOMPARE(dialog.statusText(1), QString("refused"));
        QCOMPARE(dialog.builtForText(1), QString("API 2"));
        QCOMPARE(dialog.statusText(2), QString("refused"));
        QCOMPARE(dialog.builtForText(2), QString("API 1, othercc-1/otherlib-abi0"));
        QCOMPARE(dialog.builtForText(3), QString("unknown"));

        const QString report = PluginDialog::reportText(results, false);
        const QString wrongAbi = canonical(PLEXUS_FIXTURE_WRONG_ABI);
        QVERIFY2(report.contains(wrongAbi + ": built for C++ ABI \"othercc-1/otherlib-abi0\"") &&
                     report.contains("\n    built for API 1, othercc-1/otherlib-abi0\n"),
                 qPrintable(report));
        QVERIFY2(report.contains("\n    built for API 2\n"), qPrintable(report));
        QVERIFY2(report.contains("(qif_example)\n    built for API 1, " + abi + "\n"),
                 qPrintable(report));

        dialog.resize(1280, 800);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCoreApplication::processEvents();
        QVERIFY(dialog.grab().save(plexus::tests::artifactPath("plugin-dialog-built-for.png")));
    }

    /// plexus --no-plugins: built-in models only, and the window says why.
    void noPluginsSkipsThem() {
        MainWindow window(MainWindow::PluginLoading::Skip);
        QVERIFY(window.pluginsSkipped());
        QVERIFY(window.pluginResults().empty());
        QVERIFY(window.models().info("qif_example") == nullptr);
        QVERIFY(window.models().info("lif_cuba") != nullptr);
        QVERIFY(window.logText().contains("Plugins skipped (--no-plugins)."));
        QVERIFY(window.pluginReport().contains("Plugins skipped (--no-plugins)."));
        PluginDialog dialog(window.pluginResults(), window.pluginsSkipped());
        QCOMPARE(dialog.rowCount(), 0);
        const auto* skipped = dialog.findChild<QLabel*>("pluginsSkipped");
        QVERIFY(skipped != nullptr);
        QVERIFY(skipped->text().contains("--no-plugins"));
    }

    void missingModelsShowAsPlaceholders() {
        // The fixture with qif_example renamed to a model no plugin provides.
        auto project =
            plexus::core::ProjectIo::load(PLEXUS_PLUGINLOADER_FIXTURES "/placeholder_project.json");
        project.populations[1].model = "acme_neuron";
        const QString path = m_data.filePath("missing.json");
        plexus::core::ProjectIo::save(project, path.toStdString());

        MainWindow window;
        QVERIFY2(window.loadProject(path), qPrintable(window.lastError()));
        const QTreeWidgetItem* missing = window.summaryView()->findItem(Section::Populations, "Q");
        QVERIFY(missing != nullptr);
        QCOMPARE(missing->text(ProjectSummaryView::ModelColumn),
                 "acme_neuron " + ProjectSummaryView::missingModelSuffix());
        QVERIFY(missing->toolTip(ProjectSummaryView::ModelColumn).contains("plugin"));
        const QTreeWidgetItem* known =
            window.summaryView()->findItem(Section::Populations, "Drive");
        QCOMPARE(known->text(ProjectSummaryView::ModelColumn), QString("lif_cuba"));
        QVERIFY(window.logText().contains("Models not available: acme_neuron."));

        // The plugin's model is not a placeholder.
        MainWindow withPlugin;
        QVERIFY(withPlugin.loadProject(PLEXUS_PLUGINLOADER_FIXTURES "/placeholder_project.json"));
        QCOMPARE(withPlugin.summaryView()
                     ->findItem(Section::Populations, "Q")
                     ->text(ProjectSummaryView::ModelColumn),
                 QString("qif_example"));
        QVERIFY(!withPlugin.logText().contains("Models not available"));
    }

private:
    QTemporaryDir m_data;
};

QTEST_MAIN(TestPluginGui)
#include "TestPluginGui.moc"
