#include "FigureExportActions.h"

#include "FigureViews.h"
#include "MainDocks.h"
#include "MainWindow.h"
#include "RunController.h"

#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <algorithm>
#include <cmath>
#include <memory>
#include <plexus/Version.h>
#include <plexus/widgets/analysis/AnalysisPanel.h>
#include <plexus/widgets/analysis/TrajectoryView.h>
#include <plexus/widgets/document/Document.h>
#include <plexus/widgets/experiment/ExperimentPanel.h>
#include <plexus/widgets/experiment/SweepPlot.h>
#include <plexus/widgets/figures/ExportDialog.h>
#include <plexus/widgets/figures/FigureComposer.h>
#include <plexus/widgets/figures/FigureProvenance.h>
#include <plexus/widgets/figures/FigureSource.h>
#include <plexus/widgets/figures/PlotFigureSource.h>
#include <plexus/widgets/live/LiveRecording.h>

namespace plexus::app {

FigureExportActions::FigureExportActions(MainWindow& window, const MainDocks& docks)
    : QObject(&window)
    , m_window(window)
    , m_docks(docks) {}

void FigureExportActions::exportFigureDialog() {
    exportFigureDialog(m_docks.frontFigureView());
}

void FigureExportActions::exportFigureDialog(const QString& front) {
    const FigureViews views(m_window.runController()->plotPanel(), m_docks.cortexPanel(),
                            m_docks.analysisPanel());
    std::vector<std::pair<QString, QString>> offered = views.available();
    if (!m_docks.experimentPanel()->archive().points.empty()) {
        offered.emplace_back(QLatin1String(kSweepView), tr("Sweep metric plot"));
    }
    widgets::ExportDialog dialog(offered, {front}, &m_window);
    QSettings settings;
    const QString lastDir = settings.value(QStringLiteral("figureDir")).toString();
    const QString base = m_window.hasProject() && !m_window.document()->displayName().isEmpty()
                             ? QFileInfo(m_window.document()->displayName()).completeBaseName()
                             : QStringLiteral("figure");
    dialog.setFilePath(QDir(lastDir.isEmpty() ? QDir::homePath() : lastDir)
                           .filePath(base + QStringLiteral(".svg")));
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    settings.setValue(QStringLiteral("figureDir"), QFileInfo(dialog.filePath()).absolutePath());
    QString error;
    if (exportFigure(dialog.selectedViews(), dialog.style(), dialog.columns(), dialog.filePath(),
                     &error)) {
        const QString text =
            tr("Figure written to %1 (provenance in %2).")
                .arg(QDir::toNativeSeparators(dialog.filePath()),
                     QFileInfo(widgets::FigureProvenance::sidecarPath(dialog.filePath()))
                         .fileName());
        m_window.logMessage(text, false);
        m_window.statusBar()->showMessage(text, MainWindow::kStatusMessageMs);
    } else {
        m_window.logMessage(error, true);
        QMessageBox::warning(&m_window, tr("Export Figure"), error);
    }
}

bool FigureExportActions::exportFigure(const QStringList& views,
                                       const widgets::FigureStyle& requested, int columns,
                                       const QString& path, QString* error, bool growToFit) {
    widgets::FigureStyle style = requested;
    auto failWith = [error](const QString& text) {
        if (error != nullptr) {
            *error = text;
        }
        return false;
    };
    widgets::FigureFormat format{};
    if (!widgets::figureFormatFromSuffix(QFileInfo(path).suffix(), format)) {
        return failWith(tr("%1: the file must end in .png, .svg or .pdf").arg(path));
    }
    if (views.contains(QStringLiteral("trajectory3d")) &&
        !m_docks.analysisPanel()->trajectoryView()->isThreeD()) {
        m_window.showPanel(QStringLiteral("analysis"));
        m_docks.analysisPanel()->trajectoryView()->setThreeD(true);
        m_window.settleViews(10000);
    }
    const FigureViews available(m_window.runController()->plotPanel(), m_docks.cortexPanel(),
                                m_docks.analysisPanel());
    widgets::FigureComposer composer;
    for (const QString& id : views) {
        std::shared_ptr<widgets::FigureSource> source =
            id == QLatin1String(kSweepView) && !m_docks.experimentPanel()->archive().points.empty()
                ? std::make_shared<widgets::PlotFigureSource>(m_docks.experimentPanel()->plot(), id)
                : available.source(id);
        if (!source) {
            return failWith(tr("%1: the view '%2' is not available (views: %3)")
                                .arg(path, id, FigureViews::allIds().join(QStringLiteral(", "))));
        }
        composer.addPanel(std::move(source));
    }
    composer.setColumns(columns);
    if (growToFit) {
        const QSizeF least = composer.minimumSizeMm(style);
        style.widthMm = std::max(style.widthMm, std::ceil(least.width()));
        style.heightMm = std::max(style.heightMm, std::ceil(least.height()));
    }
    if (!composer.write(path, format, style, error)) {
        return false;
    }
    const RunStatus& status = m_window.runController()->status();
    widgets::FigureProvenance::Run run;
    run.state = QString::fromLatin1(runStateName(status.state));
    run.simulatedMs = status.timeMs;
    run.spikes = status.spikes;
    if (!m_window.runController()->recordedRunSource().isEmpty()) {
        // A recorded run shown from a run archive.
        const widgets::LiveRecording& shown = m_window.runController()->recording();
        run.state = QStringLiteral("recorded");
        run.simulatedMs = shown.currentTimeMs();
        run.spikes = shown.spikeTotal();
        run.source = QFileInfo(m_window.runController()->recordedRunSource()).absoluteFilePath();
    }
    const nlohmann::json provenance = widgets::FigureProvenance::describe(
        m_window.document()->project(), &m_window.models(), m_window.document()->filePath(), run,
        path, views, style, QStringLiteral(PLEXUS_VERSION));
    return widgets::FigureProvenance::write(path, provenance, error);
}

} // namespace plexus::app
