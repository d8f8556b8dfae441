// The GUI with plugins: loaded at start, refusals in the log, the plugin report, and
// placeholders for elements whose model is missing.

#include "MainWindow.h"
#include "PluginFixtures.h"

#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidgetItem>
#include <plexus/core/ModelRegistry.h>
#include <plexus/core/ProjectIo.h>
#include <plexus/widgets/ProjectSummaryView.h>

using plexus::app::MainWindow;
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
