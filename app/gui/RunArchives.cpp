#include "RunArchives.h"

#include "MainDocks.h"
#include "MainWindow.h"
#include "RunController.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <exception>
#include <plexus/Version.h>
#include <plexus/core/record/RunArchive.h>
#include <plexus/core/record/RunRecord.h>
#include <plexus/core/record/RunRecordCsv.h>
#include <plexus/widgets/analysis/AnalysisPanel.h>
#include <plexus/widgets/document/Document.h>
#include <plexus/widgets/live/LiveRunRecord.h>

namespace plexus::app {

RunArchives::RunArchives(MainWindow& window)
    : QObject(&window)
    , m_window(window) {}

bool RunArchives::exportRun(const QString& path, QString* error) {
    try {
        const core::RunRecord record = widgets::LiveRunRecord::fromRecording(
            m_window.runController()->recording(), m_window.document()->project(), PLEXUS_VERSION);
        const QString suffix = QFileInfo(path).suffix().toLower();
        if (suffix == QLatin1String("h5") || suffix == QLatin1String("hdf5")) {
            core::RunArchive::write(record, QFile::encodeName(path).toStdString());
        } else {
            core::RunRecordCsv::write(record, QFile::encodeName(path).toStdString());
        }
    } catch (const std::exception& e) {
        if (error != nullptr) {
            *error = QString::fromUtf8(e.what());
        }
        return false;
    }
    return true;
}

bool RunArchives::openRun(const QString& path, QString* error) {
    try {
        const core::RunRecord record =
            core::RunArchive::read(QFile::encodeName(path).toStdString());
        m_window.runController()->showRecordedRun(record, path);
        m_window.docks()->analysisPanel()->setRunTrials(record.trials, record.conditionNames);
    } catch (const std::exception& e) {
        if (error != nullptr) {
            *error = QString::fromUtf8(e.what());
        }
        return false;
    }
    m_window.showPlots();
    return true;
}

void RunArchives::exportRunDialog() {
    const QString path = QFileDialog::getSaveFileName(
        &m_window, tr("Export Run Data"), QStringLiteral("run.h5"),
        tr("HDF5 run archive (*.h5 *.hdf5);;CSV files in a new folder (*)"));
    if (path.isEmpty()) {
        return;
    }
    QString error;
    if (exportRun(path, &error)) {
        m_window.logMessage(tr("Run written to %1.").arg(QDir::toNativeSeparators(path)), false);
    } else {
        m_window.logMessage(error, true);
        QMessageBox::warning(&m_window, tr("Export Run Data"), error);
    }
}

void RunArchives::openRunDialog() {
    const QString path = QFileDialog::getOpenFileName(&m_window, tr("Open Recorded Run"), QString(),
                                                      tr("HDF5 run archive (*.h5 *.hdf5)"));
    if (path.isEmpty()) {
        return;
    }
    QString error;
    if (openRun(path, &error)) {
        m_window.logMessage(tr("Showing the recorded run %1.").arg(QDir::toNativeSeparators(path)),
                            false);
    } else {
        m_window.logMessage(error, true);
        QMessageBox::warning(&m_window, tr("Open Recorded Run"), error);
    }
}

} // namespace plexus::app
