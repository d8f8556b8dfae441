#pragma once

// The core's model headers come before any Qt header: they use names (InputRing::slots()) that
// Qt's keyword macros would otherwise replace in files that include this one.
#include "PluginLoadResult.h"
#include "plexus/core/plugin/ModelRegistry.h"

#include <QMainWindow>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>
#include <plexus/core/project/ProjectSpec.h>
#include <vector>

class QLabel;
class QPlainTextEdit;
class QTemporaryDir;
class QTimer;
class QTreeWidgetItem;

namespace plexus::widgets {
struct FigureStyle;
class AnalysisPanel;
class CircuitScene;
class CircuitView;
class CortexPanel;
class Document;
class Inspector;
class Palette;
class ProjectSummaryView;
} // namespace plexus::widgets

namespace plexus::app {

class AutosaveManager;
class FigureExportActions;
class GettingStartedDialog;
class MainDocks;
class MainMenus;
class RunArchives;
class RunController;
class ShortcutsDialog;

/**
 * @brief The Plexus main window: the circuit editor in the centre, dockable panels around it
 *        (palette, inspector, overview, plots, 3D view, analysis, undo history, log), menus, a
 *        toolbar and a status bar.
 *
 * The window edits one widgets::Document. Every edit is undoable (Edit > Undo). Projects are
 * opened, saved and reloaded through the core's ProjectIo; a failed load reports the error
 * (status bar, log dock and standard error) and leaves the current project as it was. Examples
 * open as untitled copies. Unsaved changes are autosaved to a recovery file
 * (AutosaveManager); checkForRecovery() offers to restore one left by a session that crashed.
 *
 * On construction the window registers the built-in models and loads the model plugins found
 * (PLEXUS_PLUGIN_PATH, then ~/.local/share/plexus/plugins), unless told to skip them
 * (`plexus --no-plugins`); refused plugins are reported in the log dock, and Help > Plugins
 * (PluginDialog) lists what was loaded, refused and disabled and disables or enables each. Window
 * geometry, dock layout, theme and recent files persist through QSettings (restoreSession(), saved
 * when the window closes).
 *
 * The first layout (no saved session) fits the screen's free area, gives most of the room to
 * the circuit canvas and the Plots panel (3-D view, analysis and log are tabs behind the
 * plots) and shows an opened circuit at a readable zoom (CircuitView::fitReadable()).
 * Help > Getting Started explains the workflow; Help > Keyboard Shortcuts lists every shortcut,
 * read from the actions themselves.
 */
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    /// How long a message stays in the status bar (milliseconds).
    static constexpr int kStatusMessageMs = 10000;
    /// Whether the window loads model plugins at start.
    enum class PluginLoading { Load, Skip };

    /// Creates a window with an empty, untitled project.
    explicit MainWindow(QWidget* parent = nullptr);
    /// Creates a window that loads plugins or not (Skip: `plexus --no-plugins`).
    explicit MainWindow(PluginLoading plugins, QWidget* parent = nullptr);
    ~MainWindow() override;

    /**
     * @brief Loads the project file at @p path and shows it.
     * @return true on success. On failure the previous project stays shown and lastError()
     *         holds a message naming the file.
     */
    bool loadProject(const QString& path);
    /// Saves the project to @p path (atomically); on failure lastError() says why.
    bool saveProject(const QString& path);
    /// Opens the example @p name (see exampleNames()) as an untitled project. Data files the
    /// example names (compiled in beside it) are read from copies in a temporary folder.
    bool openExample(const QString& name);
    /// File names of the bundled examples, e.g. "cuba.json".
    static QStringList exampleNames();

    /// True when a project is loaded or something has been built.
    bool hasProject() const;
    /// The project, or nullptr when hasProject() is false.
    const core::ProjectSpec* project() const;
    /// Absolute path of the project file (empty for an untitled project).
    QString projectPath() const;
    /// Message of the most recent failed load or save (empty after a success).
    QString lastError() const { return m_lastError; }

    /// The document being edited.
    widgets::Document* document() const { return m_document; }
    /// The circuit editor's scene and view.
    widgets::CircuitScene* scene() const { return m_scene; }
    widgets::CircuitView* circuitView() const { return m_view; }
    /// The palette, inspector and overview panels.
    widgets::Palette* palette() const;
    widgets::Inspector* inspector() const;
    widgets::ProjectSummaryView* summaryView() const;
    /// The autosave of this window's document.
    AutosaveManager* autosave() const { return m_autosave; }
    /// Live simulation of the document (run actions, plots, status).
    RunController* runController() const { return m_runController; }
    /// Shows the plots panel (raised above the panels it shares a place with).
    void showPlots();
    /// Shows and raises the panel @p name: "plots", "3d", "analysis", "experiment", "protocol"
    /// or "log";
    /// "analysis:TAB" also selects the analysis tab TAB (e.g. analysis:dynamics); false when
    /// unknown.
    bool showPanel(const QString& name);
    /// The dockable panels.
    MainDocks* docks() const { return m_docks; }
    /**
     * @brief Processes events until shown views have caught up (the analysis panel has applied
     *        the result for the latest data and settings), at most @p timeoutMs; used before
     *        screenshots and figures. @return false when the analysis was still pending then.
     */
    bool settleViews(int timeoutMs);
    /**
     * @brief Exports views @p views (FigureViews ids) as one figure to @p path (format from
     * the suffix) with a provenance sidecar (path + ".json").
     * @param growToFit when true, the figure grows beyond @p style's size where its panels need
     *        more room (widgets::FigureComposer::minimumSizeMm()); otherwise such a figure is
     *        refused
     * @return false with "PATH: reason" in @p error on failure.
     */
    bool exportFigure(const QStringList& views, const widgets::FigureStyle& style, int columns,
                      const QString& path, QString* error = nullptr, bool growToFit = false);
    /// File > Export Figure…: asks for views, size and file, then exports.
    void exportFigureDialog();
    /**
     * @brief Writes the run shown (live or recorded) to @p path: an HDF5 run archive when it
     * ends in .h5/.hdf5 (core::RunArchive), otherwise a folder of CSV files
     * (core::RunRecordCsv). @return false with the reason in @p error.
     */
    bool exportRun(const QString& path, QString* error = nullptr);
    /// Shows the run archive @p path in the plots and analysis; false with the reason.
    bool openRun(const QString& path, QString* error = nullptr);
    /// File > Export Run Data…
    void exportRunDialog();
    /// File > Open Recorded Run…
    void openRunDialog();
    /// Shows the sweep archive @p path in the Experiment panel; false with the reason.
    bool openSweep(const QString& path, QString* error = nullptr);
    /// File > Open Sweep Archive…
    void openSweepDialog();
    /// The 3D view panel (cortex, neurons, electrodes).
    widgets::CortexPanel* cortexPanel() const;

    /// Full text of the log dock.
    QString logText() const;
    /// The models available to this window: built-ins and loaded plugins.
    const core::ModelRegistry& models() const { return *m_models; }
    /// What happened to each plugin found at start (loaded, refused or disabled).
    const std::vector<PluginLoadResult>& pluginResults() const { return m_pluginResults; }
    /// True when plugins were skipped (PluginLoading::Skip).
    bool pluginsSkipped() const { return m_pluginsSkipped; }
    /// Plain-text report of the plugin folders and of the loaded, refused and disabled plugins.
    QString pluginReport() const;

    /// True when the dark theme is in use.
    bool isDarkTheme() const { return m_dark; }
    /// Recently opened or saved project files, newest first.
    QStringList recentFiles() const;
    /// Adds @p path to the recent files.
    void addRecentFile(const QString& path);

    /**
     * @brief Looks for a recovery file of the project at @p projectPath (empty: untitled) and,
     *        if one is newer than the project, shows a bar offering to restore it.
     * @return true when a recovery is offered.
     */
    bool checkForRecovery(const QString& projectPath = {});
    /// True while the recovery bar is shown.
    bool isRecoveryOffered() const;
    /// Restores the offered recovery file as an undoable change of its project.
    bool restoreRecovery();
    /// Deletes the offered recovery file and hides the bar.
    void discardRecovery();

    /// Restores window geometry, dock layout, theme and grid snapping from QSettings; a saved
    /// window larger than the screen's free area is fitted to it.
    void restoreSession();
    /**
     * @brief The first window's size and place: most of @p available (a screen's free area,
     *        QScreen::availableGeometry()), centred in it. The constructor applies it for the
     *        window's screen.
     */
    void applyDefaultGeometry(const QRect& available);
    /// Shows Help > Getting Started if it was never shown (a settings flag); true when shown.
    /// Interactive starts call it; scripted runs (screenshots, --quit, --run-for) do not.
    bool showGettingStartedOnFirstStart();
    /// Appends @p message to the Log dock (Qt's own messages arrive here, see QtMessageRouter).
    void logMessage(const QString& message, bool isError);
    /// Saves window geometry, dock layout, theme and grid snapping to QSettings.
    void saveSession() const;

public Q_SLOTS:
    /// Replaces the project with an empty one (asks about unsaved changes first).
    void newProject();
    /// Asks for a project file and loads it.
    void openProjectDialog();
    /// Saves to the project's file, or asks for one.
    bool save();
    /// Asks for a file and saves there.
    bool saveAs();
    /// Loads the current project file again from disk.
    void reloadProject();
    /// Switches between the light and dark theme.
    void setDarkTheme(bool dark);
    /// Shows the About box.
    void showAbout();
    /// Shows the plugin dialog (Help > Plugins).
    void showPlugins();
    /// Shows Help > Getting Started (a page on building, running, analysing and exporting).
    void showGettingStarted();
    /// Opens Help > Keyboard Shortcuts, listing the window's actions as they are now.
    ShortcutsDialog* showShortcuts();

Q_SIGNALS:
    /// Emitted after a project was loaded from @p path.
    void projectLoaded(const QString& path);
    /// Emitted when loading @p path failed with @p message.
    void projectLoadFailed(const QString& path, const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void createRecoveryBar();
    void appendLog(const QString& message, bool isError = false);
    void loadModels();
    void logMissingModels();
    void updateTitle();
    void updateStatusSummary();
    void updateActions();
    void refreshSummary();
    bool maybeSave();
    void fitSoon();
    void syncSelectionToInspector();

    std::unique_ptr<core::ModelRegistry> m_models;
    std::vector<PluginLoadResult> m_pluginResults;
    bool m_pluginsSkipped = false;
    widgets::Document* m_document = nullptr;
    widgets::CircuitScene* m_scene = nullptr;
    widgets::CircuitView* m_view = nullptr;
    AutosaveManager* m_autosave = nullptr;
    RunController* m_runController = nullptr;
    MainMenus* m_menus = nullptr;
    MainDocks* m_docks = nullptr;
    RunArchives* m_runArchives = nullptr;
    FigureExportActions* m_figureExport = nullptr;
    GettingStartedDialog* m_gettingStarted = nullptr;
    bool m_layoutDone = false; ///< the dock sizes are set (default or restored)
    QString m_runMessage;      ///< the run's message shown in the status bar, if any
    QString m_lastError;
    /// Copies of the examples' data files (edge lists, spike times), made when the first
    /// example is opened, so that an example's relative file names resolve.
    std::unique_ptr<QTemporaryDir> m_exampleData;
    bool m_dark = false;
    bool m_fitPending = false;
    QString m_offeredRecovery;
    QString m_offeredProject;

    QPlainTextEdit* m_log = nullptr;
    QLabel* m_statusSummary = nullptr;
    QLabel* m_zoomLabel = nullptr;
    QWidget* m_recoveryBar = nullptr;
    QLabel* m_recoveryText = nullptr;
    QTimer* m_summaryTimer = nullptr;
};

} // namespace plexus::app
