#pragma once

// PluginLoadResult.h (through PluginDialog.h) comes before any Qt header (see MainWindow.h).
#include "PluginDialog.h"

#include <QDialog>
#include <QString>

class QPushButton;

namespace plexus::app {

/**
 * @brief Help ▸ About Plexus: the version, what Plexus is, its licence (GPL-3.0-or-later,
 *        with a link to the text), the versions of the libraries it runs with (Qt, VTK,
 *        QCustomPlot, HDF5, Eigen, nlohmann-json, the compiler), the plugin API version and
 *        ABI tag, and the folders searched for plugins.
 *
 * A Copy button puts the same facts on the clipboard as plain text (copyText()), for bug
 * reports.
 */
class AboutDialog : public QDialog {
    Q_OBJECT

public:
    /// SPDX identifier of the licence.
    static constexpr const char* licenceId = "GPL-3.0-or-later";
    /// Where the licence text can be read.
    static constexpr const char* licenceUrl = "https://www.gnu.org/licenses/gpl-3.0.html";

    explicit AboutDialog(QWidget* parent = nullptr);

    /// Plain text of the dialog: the lines of `plexus --version` (RuntimeVersions), the
    /// licence and the plugin folders.
    static QString copyText();

    /// The Copy button.
    QPushButton* copyButton() const { return m_copy; }

private:
    QPushButton* m_copy = nullptr;
};

} // namespace plexus::app
