#pragma once

#include "PluginLoadResult.h"

#include <QMainWindow>
#include <QString>
#include <memory>
#include <optional>
#include <plexus/core/ProjectSpec.h>
#include <vector>

class QAction;
class QDockWidget;
class QLabel;
class QPlainTextEdit;
class QTreeWidgetItem;

namespace plexus::core {
class ModelRegistry;
} // namespace plexus::core

namespace plexus::widgets {
class ProjectSummaryView;
} // namespace plexus::widgets

namespace plexus::app {

/**
 * @brief The Plexus main window: menus, toolbar, status bar, docks and the project summary.
 *
 * Holds at most one loaded project. A failed load reports the error (status bar, log dock and
 * standard error) and leaves the previously loaded project in place.
 *
 * On construction the window registers the built-in models and loads the model plugins found
 * (PLEXUS_PLUGIN_PATH, then ~/.local/share/plexus/plugins); refused plugins are reported in the
 * log dock, and Help > Plugins lists what was loaded.
 */
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    /// Creates an empty window (no project loaded).
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /**
     * @brief Loads the project file at @p path and shows it.
     * @return true on success. On failure the previous project stays shown and lastError()
     *         holds a message naming the file.
     */
    bool loadProject(const QString& path);

    /// True when a project is loaded.
    bool hasProject() const { return m_project.has_value(); }

    /// The loaded project, or nullptr when none is loaded.
    const core::ProjectSpec* project() const { return m_project ? &*m_project : nullptr; }

    /// Absolute path of the loaded project file (empty when none is loaded).
    QString projectPath() const { return m_projectPath; }

    /// Message of the most recent failed load (empty when the last load succeeded).
    QString lastError() const { return m_lastError; }

    /// The central project summary.
    widgets::ProjectSummaryView* summaryView() const { return m_summary; }

    /// Full text of the log dock.
    QString logText() const;

    /// The models available to this window: built-ins and loaded plugins.
    const core::ModelRegistry& models() const { return *m_models; }

    /// What happened to each plugin found at start (loaded or refused).
    const std::vector<PluginLoadResult>& pluginResults() const { return m_pluginResults; }

    /// Plain-text report of the plugin folders and of the loaded and refused plugins.
    QString pluginReport() const;

public slots:
    /// Asks for a project file and loads it.
    void openProjectDialog();

    /// Loads the current project file again from disk.
    void reloadProject();

    /// Shows the About box.
    void showAbout();

    /// Shows the plugin report (Help > Plugins).
    void showPlugins();

signals:
    /// Emitted after a project was loaded from @p path.
    void projectLoaded(const QString& path);

    /// Emitted when loading @p path failed with @p message.
    void projectLoadFailed(const QString& path, const QString& message);

private:
    void createActions();
    void createMenus();
    void createToolBar();
    void createDocks();
    void appendLog(const QString& message, bool isError = false);
    void loadModels();
    void logMissingModels();
    void updateTitle();
    void updateStatusSummary();
    void showInspectorFor(QTreeWidgetItem* item);

    std::unique_ptr<core::ModelRegistry> m_models;
    std::vector<PluginLoadResult> m_pluginResults;
    std::optional<core::ProjectSpec> m_project;
    QString m_projectPath;
    QString m_lastError;

    widgets::ProjectSummaryView* m_summary = nullptr;
    QDockWidget* m_inspectorDock = nullptr;
    QLabel* m_inspector = nullptr;
    QDockWidget* m_logDock = nullptr;
    QPlainTextEdit* m_log = nullptr;
    QLabel* m_statusSummary = nullptr;

    QAction* m_openAction = nullptr;
    QAction* m_reloadAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QAction* m_pluginsAction = nullptr;
};

} // namespace plexus::app
