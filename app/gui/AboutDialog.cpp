#include "AboutDialog.h"

#include "InstallLayout.h"
#include "RuntimeVersions.h"
#include "plexus/core/build/BuildInfo.h"

#include <QApplication>
#include <QClipboard>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace plexus::app {

namespace {

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

/// The licence text of this installation (`<prefix>/share/doc/plexus/LICENSE`), or empty when
/// Plexus runs from a build folder.
QString installedLicence() {
    const auto docs = InstallLayout::documentationFolder();
    if (docs.empty()) {
        return {};
    }
    const QFileInfo licence(QString::fromStdString((docs / "LICENSE").string()));
    return licence.isFile() ? licence.canonicalFilePath() : QString();
}

/// A label whose text can be selected and copied with the mouse.
QLabel* selectable(const QString& text) {
    auto* label = new QLabel(text);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

AboutDialog::AboutDialog(QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("About Plexus"));
    setObjectName(QStringLiteral("aboutDialog"));
    auto* layout = new QVBoxLayout(this);

    const QString licence = installedLicence();
    auto* header = new QLabel(
        tr("<h2>Plexus %1</h2>"
           "<p>An interactive workbench for spiking and rate neural-network dynamics.</p>"
           "<p>Licence: %2 (<a href=\"%3\">GNU General Public License, version 3 or "
           "later</a>)%4</p>")
            .arg(qs(core::BuildInfo::plexusVersion()), QLatin1String(licenceId),
                 QLatin1String(licenceUrl),
                 licence.isEmpty()
                     ? QString()
                     : tr("<br>Installed text: <a href=\"%1\">%2</a>")
                           .arg(QUrl::fromLocalFile(licence).toString(), licence.toHtmlEscaped())));
    header->setObjectName(QStringLiteral("aboutHeader"));
    header->setWordWrap(true);
    header->setOpenExternalLinks(true);
    header->setTextInteractionFlags(Qt::TextBrowserInteraction);
    layout->addWidget(header);

    auto* versions = new QGroupBox(tr("Runs with"));
    auto* form = new QFormLayout(versions);
    for (const core::LibraryVersion& library : RuntimeVersions::allLibraries()) {
        form->addRow(qs(library.name) + QLatin1Char(':'), selectable(qs(library.version)));
    }
    form->addRow(tr("Plugin API:"), selectable(tr("version %1, ABI %2")
                                                   .arg(core::BuildInfo::pluginApiVersion())
                                                   .arg(qs(core::BuildInfo::pluginAbiTag()))));
    layout->addWidget(versions);

    auto* folders = new QGroupBox(tr("Plugin folders"));
    auto* folderLayout = new QVBoxLayout(folders);
    const QStringList lines = PluginDialog::folderLines();
    auto* folderLabel = selectable(lines.isEmpty() ? tr("none") : lines.join(QLatin1Char('\n')));
    folderLabel->setObjectName(QStringLiteral("aboutPluginFolders"));
    folderLabel->setWordWrap(true);
    folderLayout->addWidget(folderLabel);
    layout->addWidget(folders);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    m_copy = buttons->addButton(tr("Copy"), QDialogButtonBox::ActionRole);
    m_copy->setToolTip(tr("Copy the versions and plugin folders (for a bug report)"));
    connect(m_copy, &QPushButton::clicked, this,
            [] { QApplication::clipboard()->setText(copyText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    // Wide enough for a plugin folder path on one line in most cases; longer ones wrap.
    setMinimumWidth(560);
}

QString AboutDialog::copyText() {
    QString text = RuntimeVersions::versionText();
    text += tr("Licence: %1 (%2)\n").arg(QLatin1String(licenceId), QLatin1String(licenceUrl));
    text += tr("Plugin folders:\n");
    const QStringList lines = PluginDialog::folderLines();
    for (const QString& line : lines) {
        text += QStringLiteral("  ") + line + QLatin1Char('\n');
    }
    if (lines.isEmpty()) {
        text += QStringLiteral("  ") + tr("none") + QLatin1Char('\n');
    }
    return text;
}

} // namespace plexus::app
