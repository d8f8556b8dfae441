#pragma once

#include <QList>
#include <QObject>
#include <QString>

class QDockWidget;
class QMenu;
class QPlainTextEdit;
class QWidget;

namespace plexus::core {
class ModelRegistry;
} // namespace plexus::core

namespace plexus::widgets {
class AnalysisPanel;
class CortexPanel;
class Document;
class ExperimentPanel;
class ProtocolEditor;
class Inspector;
class Palette;
class ProjectSummaryView;
} // namespace plexus::widgets

namespace plexus::app {

class CortexBinding;
class MainWindow;
class RunController;

/**
 * @brief The dockable panels of a MainWindow and their arrangement.
 *
 * Creates the palette (left), the inspector, overview and undo history (right, as tabs) and
 * the plots, 3-D view, analysis and log (bottom, as tabs behind the plots), adds a toggle for
 * each to the View menu and wires the panels to each other (raster selection to the analysis
 * and the 3-D highlight, the 3-D electrodes to the run's virtual recordings, the 3-D surface to
 * the inspector's electrode coordinates). The 3-D panel joins its dock only when the dock is
 * first shown (an OpenGL widget slows down every repaint of the window). The Experiment panel
 * (parameter sweeps, run by the plexus-cli beside this program) sits next to the analysis; the
 * inspector's "Sweep this parameter…" adds an axis to it through widgets::SweepAxisDialog. The
 * Protocol panel (widgets::ProtocolEditor; Run ▸ Protocol…, the project page's "Edit
 * protocol…") sits beside it; each run started hands its protocol trials to the analysis
 * panel's "From trials". Sizes
 * the docks for a first layout and shows and raises a panel by name.
 */
class MainDocks : public QObject {
    Q_OBJECT

public:
    /// Creates the panels of @p window; their toggles go to @p viewMenu.
    MainDocks(MainWindow& window, core::ModelRegistry* models, widgets::Document* document,
              RunController* run, QPlainTextEdit* log, QMenu* viewMenu);

    widgets::Palette* palette() const { return m_palette; }
    widgets::Inspector* inspector() const { return m_inspector; }
    widgets::ProjectSummaryView* summaryView() const { return m_summary; }
    widgets::CortexPanel* cortexPanel() const { return m_cortexPanel; }
    widgets::AnalysisPanel* analysisPanel() const { return m_analysisPanel; }
    widgets::ExperimentPanel* experimentPanel() const { return m_experimentPanel; }
    widgets::ProtocolEditor* protocolEditor() const { return m_protocolEditor; }
    /// Every dock, in the order of creation.
    const QList<QDockWidget*>& docks() const { return m_docks; }

    /// Palette and inspector narrow at the sides, the plots 40 % of the window's height.
    void applyDefaultSizes();
    /// Shows the plots panel (raised above the panels it shares a place with).
    void showPlots();
    /// Shows and raises the panel @p name: "plots", "3d", "analysis", "experiment", "protocol"
    /// or "log";
    /// "analysis:TAB" also selects the analysis tab TAB (e.g. analysis:dynamics); false when
    /// unknown.
    bool showPanel(const QString& name);
    /// Id of the figure view of the dock in front: "cortex", "trajectory" or "raster".
    QString frontFigureView() const;
    /// Deletes the 3-D panel and its binding while the panel never joined the window (the
    /// window deletes them otherwise); called when the window closes down.
    void deleteDetachedPanel();

    /// The plexus-cli beside this program (installed or in the build tree); empty when none.
    static QString cliProgram();

private:
    QDockWidget* addPanel(const QString& title, const QString& name, QWidget* widget,
                          Qt::DockWidgetArea area);

    MainWindow& m_window;
    QList<QDockWidget*> m_docks;
    QDockWidget* m_plotsDock = nullptr;
    QDockWidget* m_paletteDock = nullptr;
    QDockWidget* m_inspectorDock = nullptr;
    widgets::Palette* m_palette = nullptr;
    widgets::Inspector* m_inspector = nullptr;
    widgets::ProjectSummaryView* m_summary = nullptr;
    widgets::CortexPanel* m_cortexPanel = nullptr;
    CortexBinding* m_cortexBinding = nullptr;
    widgets::AnalysisPanel* m_analysisPanel = nullptr;
    widgets::ExperimentPanel* m_experimentPanel = nullptr;
    widgets::ProtocolEditor* m_protocolEditor = nullptr;
};

} // namespace plexus::app
