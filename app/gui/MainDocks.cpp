#include "MainDocks.h"

#include "CortexBinding.h"
#include "InstallLayout.h"
#include "MainWindow.h"
#include "RunController.h"
#include "RunStatus.h"

#include <QDockWidget>
#include <QFrame>
#include <QHash>
#include <QMenu>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QTabWidget>
#include <QUndoView>
#include <algorithm>
#include <exception>
#include <memory>
#include <plexus/core/project/TrialSchedule.h>
#include <plexus/geometry/surface/SurfaceMesh.h>
#include <plexus/widgets/analysis/AnalysisPanel.h>
#include <plexus/widgets/cortex/CortexPanel.h>
#include <plexus/widgets/cortex/CortexView.h>
#include <plexus/widgets/document/Document.h>
#include <plexus/widgets/editor/Palette.h>
#include <plexus/widgets/experiment/ExperimentPanel.h>
#include <plexus/widgets/experiment/ProtocolEditor.h>
#include <plexus/widgets/experiment/SweepAxisDialog.h>
#include <plexus/widgets/inspector/Inspector.h>
#include <plexus/widgets/inspector/ProjectSummaryView.h>
#include <plexus/widgets/live/LivePlotPanel.h>
#include <plexus/widgets/live/RasterPlot.h>

namespace plexus::app {

using widgets::ProjectSummaryView;

MainDocks::MainDocks(MainWindow& window, core::ModelRegistry* models, widgets::Document* document,
                     RunController* run, QPlainTextEdit* log, QMenu* viewMenu)
    : QObject(&window)
    , m_window(window) {
    m_palette = new widgets::Palette(models);
    QDockWidget* paletteDock =
        addPanel(tr("Palette"), QStringLiteral("paletteDock"), m_palette, Qt::LeftDockWidgetArea);
    m_paletteDock = paletteDock;

    m_inspector = new widgets::Inspector(document);
    QDockWidget* inspectorDock = addPanel(tr("Inspector"), QStringLiteral("inspectorDock"),
                                          m_inspector, Qt::RightDockWidgetArea);
    m_inspectorDock = inspectorDock;
    m_summary = new ProjectSummaryView;
    m_summary->setObjectName(QStringLiteral("projectSummary"));
    m_summary->setModelRegistry(models);
    QDockWidget* overviewDock = addPanel(tr("Overview"), QStringLiteral("overviewDock"), m_summary,
                                         Qt::RightDockWidgetArea);
    auto* history = new QUndoView(document->undoStack());
    history->setObjectName(QStringLiteral("undoHistory"));
    history->setEmptyLabel(tr("<opened project>"));
    QDockWidget* historyDock =
        addPanel(tr("History"), QStringLiteral("historyDock"), history, Qt::RightDockWidgetArea);
    m_window.tabifyDockWidget(inspectorDock, overviewDock);
    m_window.tabifyDockWidget(overviewDock, historyDock);
    inspectorDock->raise();

    QDockWidget* plotsDock = addPanel(tr("Plots"), QStringLiteral("plotsDock"), run->plotPanel(),
                                      Qt::BottomDockWidgetArea);
    m_plotsDock = plotsDock;
    // VTK in our own OpenGL widget (on platforms without OpenGL the panel shows a note).
    m_cortexPanel = new widgets::CortexPanel;
    m_cortexPanel->setObjectName(QStringLiteral("cortexPanel"));
    // An OpenGL widget anywhere in a window makes Qt composite the whole window through
    // OpenGL on every repaint (slow with software GL), so the 3-D panel joins the window only
    // when its dock is first shown; until then it works unparented (placement, electrodes).
    auto* viewHolder = new QWidget;
    QDockWidget* viewDock =
        addPanel(tr("3D View"), QStringLiteral("view3dDock"), viewHolder, Qt::BottomDockWidgetArea);
    connect(viewDock, &QDockWidget::visibilityChanged, this, [this, viewDock](bool visible) {
        if (visible && viewDock->widget() != m_cortexPanel) {
            QWidget* holder = viewDock->widget();
            viewDock->setWidget(m_cortexPanel);
            delete holder;
        }
    });
    m_cortexBinding =
        new CortexBinding(document, &run->recording(), m_cortexPanel, viewDock, &m_window);
    // Virtual recordings: live runs record LFP and MUA at the 3-D view's electrode contacts.
    const auto syncRecordingContacts = [this, run] {
        run->setRecordingContacts(m_cortexPanel->view()->electrodes(), m_cortexPanel->placement());
    };
    connect(m_cortexBinding, &CortexBinding::placementChanged, this, syncRecordingContacts);
    connect(m_cortexPanel->view(), &widgets::CortexView::surfaceChanged, this,
            syncRecordingContacts);
    syncRecordingContacts();
    m_analysisPanel = new widgets::AnalysisPanel(&run->recording());
    m_analysisPanel->setObjectName(QStringLiteral("analysisPanel"));
    connect(run->plotPanel()->rasterPlot(), &widgets::RasterPlot::selectionChanged, m_analysisPanel,
            &widgets::AnalysisPanel::setSelection);
    connect(run->plotPanel()->rasterPlot(), &widgets::RasterPlot::selectionChanged, m_cortexPanel,
            &widgets::CortexPanel::setHighlightedSelection);
    // The inspector's numeric electrode coordinates refer to the surface shown in 3-D.
    auto syncSurface = [this] {
        m_inspector->setElectrodeSurface(std::make_shared<const plexus::geometry::SurfaceMesh>(
            m_cortexPanel->view()->pialSurface()));
    };
    connect(m_cortexPanel->view(), &widgets::CortexView::surfaceChanged, this, syncSurface);
    syncSurface();
    // The analysis panel needs much room; it scrolls in a smaller dock rather than forcing
    // every panel of the bottom area (and the window) to its size.
    auto* analysisScroll = new QScrollArea;
    analysisScroll->setObjectName(QStringLiteral("analysisScroll"));
    analysisScroll->setWidgetResizable(true);
    analysisScroll->setFrameShape(QFrame::NoFrame);
    analysisScroll->setWidget(m_analysisPanel);
    QDockWidget* analysisDock = addPanel(tr("Analysis"), QStringLiteral("analysisDock"),
                                         analysisScroll, Qt::BottomDockWidgetArea);
    m_experimentPanel = new widgets::ExperimentPanel(document);
    m_experimentPanel->setObjectName(QStringLiteral("experimentPanel"));
    m_experimentPanel->setCliProgram(cliProgram());
    QDockWidget* experimentDock = addPanel(tr("Experiment"), QStringLiteral("experimentDock"),
                                           m_experimentPanel, Qt::BottomDockWidgetArea);
    connect(m_inspector, &widgets::Inspector::sweepRequested, this,
            [this](const widgets::SweepTarget& target) {
                widgets::SweepAxisDialog dialog(target, &m_window);
                if (dialog.exec() == QDialog::Accepted) {
                    m_experimentPanel->addAxis(target.path, dialog.spec(), target.value);
                    showPanel(QStringLiteral("experiment"));
                }
            });
    m_protocolEditor = new widgets::ProtocolEditor(document);
    m_protocolEditor->setObjectName(QStringLiteral("protocolEditor"));
    auto* protocolScroll = new QScrollArea;
    protocolScroll->setObjectName(QStringLiteral("protocolScroll"));
    protocolScroll->setWidgetResizable(true);
    protocolScroll->setFrameShape(QFrame::NoFrame);
    protocolScroll->setWidget(m_protocolEditor);
    QDockWidget* protocolDock = addPanel(tr("Protocol"), QStringLiteral("protocolDock"),
                                         protocolScroll, Qt::BottomDockWidgetArea);
    connect(m_inspector, &widgets::Inspector::protocolRequested, this,
            [this] { showPanel(QStringLiteral("protocol")); });
    // A run that starts (not one resumed from a pause) follows the document's protocol: its
    // trials are what the analysis panel's "From trials" offers.
    connect(
        run, &RunController::stateChanged, this,
        [this, document, previous = RunState::Idle](RunState state) mutable {
            if (state == RunState::Running && previous != RunState::Paused) {
                const auto& protocol = document->project().protocol;
                if (protocol.has_value()) {
                    try {
                        const core::TrialSchedule schedule = core::TrialSchedule::expand(*protocol);
                        m_analysisPanel->setRunTrials(schedule.trials(), schedule.conditionNames());
                    } catch (const std::exception&) {
                        m_analysisPanel->setRunTrials({}, {});
                    }
                } else {
                    m_analysisPanel->setRunTrials({}, {});
                }
            }
            previous = state;
        });
    QDockWidget* logDock =
        addPanel(tr("Log"), QStringLiteral("logDock"), log, Qt::BottomDockWidgetArea);
    // The plots share the bottom with the other panels as tabs and come first: the canvas and
    // the plots are what a session is about (applyDefaultDockSizes() sizes them).
    m_window.tabifyDockWidget(plotsDock, viewDock);
    m_window.tabifyDockWidget(viewDock, analysisDock);
    m_window.tabifyDockWidget(analysisDock, experimentDock);
    m_window.tabifyDockWidget(experimentDock, protocolDock);
    m_window.tabifyDockWidget(protocolDock, logDock);
    plotsDock->raise();

    for (QDockWidget* dock : std::as_const(m_docks)) {
        viewMenu->addAction(dock->toggleViewAction());
    }
}

QString MainDocks::cliProgram() {
    // Installed: <prefix>/bin/plexus-cli beside plexus; build tree: app/cli/plexus-cli beside
    // app/gui/plexus.
    const std::filesystem::path self = InstallLayout::executable();
    for (const std::filesystem::path& candidate :
         {self.parent_path() / "plexus-cli",
          self.parent_path().parent_path() / "cli" / "plexus-cli"}) {
        std::error_code error;
        if (std::filesystem::is_regular_file(candidate, error)) {
            return QString::fromStdString(candidate.string());
        }
    }
    return {};
}

QDockWidget* MainDocks::addPanel(const QString& title, const QString& name, QWidget* widget,
                                 Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, &m_window);
    dock->setObjectName(name);
    dock->setWidget(widget);
    m_window.addDockWidget(area, dock);
    m_docks << dock;
    return dock;
}

void MainDocks::applyDefaultSizes() {
    // Palette and inspector narrow at the sides, the plots 40 % of the height below the
    // canvas; the other bottom panels (3-D, analysis, log) are tabs behind the plots.
    const int width = m_window.width();
    const int height = m_window.height();
    m_window.resizeDocks(
        {m_paletteDock, m_inspectorDock},
        {std::clamp(width * 16 / 100, 200, 300), std::clamp(width * 28 / 100, 380, 460)},
        Qt::Horizontal);
    m_window.resizeDocks({m_plotsDock}, {height * 40 / 100}, Qt::Vertical);
}

void MainDocks::showPlots() {
    if (m_plotsDock != nullptr) {
        const bool wasHidden = m_plotsDock->isHidden() || m_plotsDock->visibleRegion().isEmpty();
        m_plotsDock->show();
        m_plotsDock->raise();
        if (wasHidden && m_plotsDock->height() < m_window.height() / 3) {
            m_window.resizeDocks({m_plotsDock}, {m_window.height() * 9 / 20}, Qt::Vertical);
        }
    }
}

bool MainDocks::showPanel(const QString& name) {
    // "analysis:TAB" shows the analysis panel at its tab TAB (e.g. analysis:dynamics).
    const int colon = name.indexOf(QLatin1Char(':'));
    if (colon >= 0) {
        const QString tab = name.mid(colon + 1).remove(QLatin1Char(' '));
        if (name.left(colon) != QLatin1String("analysis") || !showPanel(name.left(colon))) {
            return false;
        }
        QTabWidget* tabs = m_analysisPanel->tabs();
        for (int i = 0; i < tabs->count(); ++i) {
            if (tabs->tabText(i).remove(QLatin1Char(' ')).remove(QLatin1Char('&')).toLower() ==
                tab) {
                tabs->setCurrentIndex(i);
                return true;
            }
        }
        return false;
    }
    static const QHash<QString, QString> docks = {
        {QStringLiteral("plots"), QStringLiteral("plotsDock")},
        {QStringLiteral("3d"), QStringLiteral("view3dDock")},
        {QStringLiteral("analysis"), QStringLiteral("analysisDock")},
        {QStringLiteral("experiment"), QStringLiteral("experimentDock")},
        {QStringLiteral("protocol"), QStringLiteral("protocolDock")},
        {QStringLiteral("log"), QStringLiteral("logDock")}};
    if (name == QLatin1String("plots")) {
        showPlots();
        return true;
    }
    const auto it = docks.find(name);
    if (it == docks.end()) {
        return false;
    }
    for (QDockWidget* dock : std::as_const(m_docks)) {
        if (dock->objectName() == it.value()) {
            dock->show();
            dock->raise();
            // Room for the panel's content (the analysis panel needs much), within reason.
            QWidget* content = dock->widget();
            if (auto* scroll = qobject_cast<QScrollArea*>(content)) {
                content = scroll->widget();
            }
            const int wanted = std::min(
                std::max(m_window.height() * 9 / 20, content->minimumSizeHint().height() + 30),
                m_window.height() * 7 / 10);
            if (dock->height() < wanted) {
                m_window.resizeDocks({dock}, {wanted}, Qt::Vertical);
            }
            return true;
        }
    }
    return false;
}

QString MainDocks::frontFigureView() const {
    for (QDockWidget* dock : std::as_const(m_docks)) {
        if (dock->isVisible() && !dock->visibleRegion().isEmpty()) {
            if (dock->widget() == m_cortexPanel) {
                return QStringLiteral("cortex");
            }
            if (dock->widget()->isAncestorOf(m_analysisPanel)) {
                return QStringLiteral("trajectory");
            }
        }
    }
    return QStringLiteral("raster");
}

void MainDocks::deleteDetachedPanel() {
    // The 3-D panel is unparented until its dock was first shown.
    if (m_cortexPanel != nullptr && m_cortexPanel->parent() == nullptr) {
        delete m_cortexBinding;
        m_cortexBinding = nullptr;
        delete m_cortexPanel;
        m_cortexPanel = nullptr;
    }
}

} // namespace plexus::app
