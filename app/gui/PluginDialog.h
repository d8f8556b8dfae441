#pragma once

// PluginLoadResult.h comes before any Qt header (see MainWindow.h).
#include "PluginLoadResult.h"

#include <QDialog>
#include <QString>
#include <QStringList>
#include <vector>

class QLabel;
class QPushButton;
class QTableWidget;

namespace plexus::app {

/**
 * @brief Help ▸ Plugins…: the plugin folders and every plugin file found at start, loaded
 *        (with its models), refused (with the reason) or disabled, each with what its
 *        descriptor says it was built for (plugin API version and C++ ABI) and a Disable or
 *        Enable button.
 *
 * The buttons edit the user's DisabledPlugins list, which `plexus` and `plexus-cli` read when
 * they start: a change takes effect at the next start, and the row says so ("loaded, disabled
 * at the next start"). A list that cannot be written is reported in the dialog and changes
 * nothing.
 */
class PluginDialog : public QDialog {
    Q_OBJECT

public:
    /// Table columns (the button first: its place never moves when a status text grows).
    enum Column { ActionColumn, FileColumn, StatusColumn, BuiltForColumn, DetailColumn };

    /**
     * @param results        what happened to each plugin at start (PluginLoader::loadDefault)
     * @param pluginsSkipped true when the window was started with --no-plugins
     */
    PluginDialog(std::vector<PluginLoadResult> results, bool pluginsSkipped,
                 QWidget* parent = nullptr);

    /// Plain-text report: folders, loaded, refused (each with what it was built for) and
    /// disabled plugins, API version and ABI.
    static QString reportText(const std::vector<PluginLoadResult>& results, bool pluginsSkipped);

    /// The folders searched for plugins, one per line, PLEXUS_PLUGIN_PATH entries marked
    /// (also shown by Help ▸ About).
    static QStringList folderLines();

    /// Number of plugin rows.
    int rowCount() const;
    /// Full path of the plugin in row @p row.
    QString pluginPath(int row) const;
    /// Text of the status column of row @p row, e.g. "loaded" or "loaded, disabled at the next
    /// start".
    QString statusText(int row) const;
    /// Text of the built-for column of row @p row, e.g. "API 1, gcc-12/libstdc++-cxx11".
    QString builtForText(int row) const;
    /// Text of the models-or-reason column of row @p row.
    QString detailText(int row) const;
    /// The Disable/Enable button of row @p row.
    QPushButton* actionButton(int row) const;
    /// The last error shown (the list could not be written), or empty.
    QString errorText() const;

private:
    /// Disables the plugin of @p row when it is enabled, and the other way round.
    void toggle(int row);
    /// Status text and button label of @p row from the result and the list on disk.
    void refreshRow(int row, const std::vector<std::string>& disabledList);
    /// The list file, or an empty list (with the error shown) when it cannot be read.
    std::vector<std::string> readList();

    std::vector<PluginLoadResult> m_results;
    QTableWidget* m_table = nullptr;
    QLabel* m_error = nullptr;
    std::vector<QPushButton*> m_buttons;
};

} // namespace plexus::app
