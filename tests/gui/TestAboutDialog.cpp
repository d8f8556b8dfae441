// Help > About Plexus and `plexus --version`: the versions shown are the ones the program runs
// with (compared with the libraries themselves), the licence, the plugin API and the plugin
// folders; Copy puts the same text on the clipboard.
#include "AboutDialog.h"
#include "MainWindow.h"
#include "RuntimeVersions.h"
#include "TestArtifacts.h"
#include "plexus/Version.h"
#include "plexus/core/plugin/PluginApi.h"
#include "plexus/widgets/plots/QCustomPlotInclude.h"

#include <Eigen/Core>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <hdf5.h>
#include <nlohmann/json.hpp>
#include <vtkVersion.h>

using plexus::app::AboutDialog;
using plexus::app::MainWindow;
using plexus::app::RuntimeVersions;

namespace {

/// "<major>.<minor>.<release>" of the HDF5 library this test runs with.
QString hdf5Version() {
    unsigned major = 0;
    unsigned minor = 0;
    unsigned release = 0;
    H5get_libversion(&major, &minor, &release);
    return QStringLiteral("%1.%2.%3").arg(major).arg(minor).arg(release);
}

QString eigenVersion() {
    return QStringLiteral("%1.%2.%3")
        .arg(EIGEN_WORLD_VERSION)
        .arg(EIGEN_MAJOR_VERSION)
        .arg(EIGEN_MINOR_VERSION);
}

QString jsonVersion() {
    return QStringLiteral("%1.%2.%3")
        .arg(NLOHMANN_JSON_VERSION_MAJOR)
        .arg(NLOHMANN_JSON_VERSION_MINOR)
        .arg(NLOHMANN_JSON_VERSION_PATCH);
}

QString gccVersion() {
    return QStringLiteral("%1.%2.%3").arg(__GNUC__).arg(__GNUC_MINOR__).arg(__GNUC_PATCHLEVEL__);
}

/// Every label text of @p widget, one per line.
QString labelTexts(const QWidget& widget) {
    QStringList texts;
    for (const QLabel* label : widget.findChildren<QLabel*>()) {
        texts << label->text();
    }
    return texts.join(QLatin1Char('\n'));
}

} // namespace

class TestAboutDialog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void versionTextNamesTheRealVersions();
    void dialogShowsVersionsLicenceAndPluginFolders();
    void copyPutsTheSameFactsOnTheClipboard();
    void helpAboutOpensTheDialog();

private:
    QTemporaryDir m_data;
    QString m_pathA;
    QString m_pathB;
};

void TestAboutDialog::initTestCase() {
    QVERIFY(m_data.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("PlexusTest"));
    QCoreApplication::setApplicationName(QStringLiteral("TestAboutDialog"));
    QSettings().clear();
    m_pathA = m_data.filePath(QStringLiteral("lab-plugins"));
    m_pathB = m_data.filePath(QStringLiteral("more plugins"));
    qputenv("XDG_DATA_HOME", m_data.filePath(QStringLiteral("data")).toUtf8());
    qputenv("PLEXUS_PLUGIN_PATH", (m_pathA + QLatin1Char(':') + m_pathB).toUtf8());
}

void TestAboutDialog::versionTextNamesTheRealVersions() {
    const QStringList expected{
        QStringLiteral("plexus " PLEXUS_VERSION),
        QStringLiteral("plugin API %1, ABI " PLEXUS_PLUGIN_ABI_TAG).arg(PLEXUS_PLUGIN_API_VERSION),
        QStringLiteral("Qt ") + QString::fromLatin1(qVersion()),
        QStringLiteral("VTK ") + QString::fromLatin1(vtkVersion::GetVTKVersion()),
        QStringLiteral("QCustomPlot " QCUSTOMPLOT_VERSION_STR),
        QStringLiteral("HDF5 ") + hdf5Version(),
        QStringLiteral("Eigen ") + eigenVersion(),
        QStringLiteral("nlohmann-json ") + jsonVersion(),
        QStringLiteral("GCC ") + gccVersion(),
    };
    const QString text = RuntimeVersions::versionText();
    QCOMPARE(text.split(QLatin1Char('\n'), Qt::SkipEmptyParts), expected);
    QVERIFY(text.endsWith(QLatin1Char('\n')));
}

void TestAboutDialog::dialogShowsVersionsLicenceAndPluginFolders() {
    AboutDialog dialog;
    const QString shown = labelTexts(dialog);
    const QStringList values{
        QStringLiteral("Plexus " PLEXUS_VERSION),
        QStringLiteral("GPL-3.0-or-later"),
        QStringLiteral("https://www.gnu.org/licenses/gpl-3.0.html"),
        QString::fromLatin1(qVersion()),
        QString::fromLatin1(vtkVersion::GetVTKVersion()),
        QStringLiteral(QCUSTOMPLOT_VERSION_STR),
        hdf5Version(),
        eigenVersion(),
        jsonVersion(),
        gccVersion(),
        QStringLiteral("version %1, ABI " PLEXUS_PLUGIN_ABI_TAG).arg(PLEXUS_PLUGIN_API_VERSION),
        m_pathA + QStringLiteral(" (PLEXUS_PLUGIN_PATH)"),
        m_pathB + QStringLiteral(" (PLEXUS_PLUGIN_PATH)"),
        m_data.filePath(QStringLiteral("data/plexus/plugins")),
    };
    for (const QString& value : values) {
        QVERIFY2(shown.contains(value),
                 qPrintable(value + QStringLiteral(" missing from:\n") + shown));
    }
    for (const char* name : {"Qt:", "VTK:", "QCustomPlot:", "HDF5:", "Eigen:", "nlohmann-json:",
                             "GCC:", "Plugin API:"}) {
        QVERIFY2(shown.contains(QLatin1String(name)), name);
    }

    // At its natural size nothing is cut off: the dialog fits a 1280x800 screen.
    dialog.resize(dialog.sizeHint());
    QVERIFY2(dialog.width() <= 1280 && dialog.height() <= 800,
             qPrintable(QStringLiteral("%1x%2").arg(dialog.width()).arg(dialog.height())));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCoreApplication::processEvents();
    QVERIFY(dialog.grab().save(plexus::tests::artifactPath(QStringLiteral("about-dialog.png"))));
}

void TestAboutDialog::copyPutsTheSameFactsOnTheClipboard() {
    AboutDialog dialog;
    QApplication::clipboard()->clear();
    QVERIFY(dialog.copyButton() != nullptr);
    QCOMPARE(dialog.copyButton()->text(), QStringLiteral("Copy"));
    dialog.copyButton()->click();
    const QString copied = QApplication::clipboard()->text();
    QCOMPARE(copied, AboutDialog::copyText());
    QVERIFY2(copied.startsWith(RuntimeVersions::versionText()), qPrintable(copied));
    QVERIFY2(copied.contains(QStringLiteral(
                 "Licence: GPL-3.0-or-later (https://www.gnu.org/licenses/gpl-3.0.html)\n")),
             qPrintable(copied));
    QVERIFY2(copied.contains(QStringLiteral("Plugin folders:\n  ") + m_pathA +
                             QStringLiteral(" (PLEXUS_PLUGIN_PATH)\n  ") + m_pathB +
                             QStringLiteral(" (PLEXUS_PLUGIN_PATH)\n  ") +
                             m_data.filePath(QStringLiteral("data/plexus/plugins")) +
                             QLatin1Char('\n')),
             qPrintable(copied));
}

void TestAboutDialog::helpAboutOpensTheDialog() {
    MainWindow window(MainWindow::PluginLoading::Skip);
    QString opened;
    QTimer::singleShot(0, &window, [&opened] {
        QWidget* modal = QApplication::activeModalWidget();
        if (auto* about = qobject_cast<AboutDialog*>(modal)) {
            opened = about->windowTitle();
            about->reject();
        } else if (modal != nullptr) {
            opened = QStringLiteral("other: ") + modal->metaObject()->className();
            modal->close();
        }
    });
    window.showAbout();
    QCOMPARE(opened, QStringLiteral("About Plexus"));
}

QTEST_MAIN(TestAboutDialog)
#include "TestAboutDialog.moc"
