#include "PluginDialog.h"

#include "DisabledPlugins.h"
#include "PluginLoader.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStringList>
#include <QTableWidget>
#include <QTableWidgetItem>
#include <QVBoxLayout>
#include <exception>
#include <plexus/core/base/Error.h>

namespace plexus::app {

namespace {

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

/// "qif_example, lif_x" or "no models".
QString modelList(const PluginLoadResult& result) {
    QStringList models;
    for (const std::string& model : result.models) {
        models << qs(model);
    }
    return models.isEmpty() ? PluginDialog::tr("no models") : models.join(QStringLiteral(", "));
}

/// The plugin folders, one per line, PLEXUS_PLUGIN_PATH entries marked.
QStringList folderLines() {
    QStringList lines;
    for (const PluginFolder& folder : PluginLoader::searchFolders()) {
        lines << qs(folder.describe());
    }
    return lines;
}

/// True for the result that reports an unreadable list file rather than a plugin.
bool isListFile(const PluginLoadResult& result) {
    return result.path == DisabledPlugins::listFile().string();
}

} // namespace

PluginDialog::PluginDialog(std::vector<PluginLoadResult> results, bool pluginsSkipped,
                           QWidget* parent)
    : QDialog(parent)
    , m_results(std::move(results)) {
    setWindowTitle(tr("Plugins"));
    setObjectName(QStringLiteral("pluginDialog"));
    auto* layout = new QVBoxLayout(this);
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("pluginError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();

    auto* folders = new QLabel(
        tr("Plugin folders:") + QStringLiteral("\n  ") +
        (folderLines().isEmpty() ? tr("none") : folderLines().join(QStringLiteral("\n  "))));
    folders->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(folders);

    if (pluginsSkipped) {
        auto* skipped =
            new QLabel(tr("Plexus was started with --no-plugins: no plugin was loaded."));
        skipped->setObjectName(QStringLiteral("pluginsSkipped"));
        layout->addWidget(skipped);
    }

    m_table = new QTableWidget(static_cast<int>(m_results.size()), 5);
    m_table->setObjectName(QStringLiteral("pluginTable"));
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setFocusPolicy(Qt::NoFocus);
    m_table->setShowGrid(false);
    m_table->verticalHeader()->hide();
    m_table->setHorizontalHeaderLabels(
        {QString(), tr("Plugin file"), tr("Status"), tr("Built for"), tr("Models or reason")});
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(ActionColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(FileColumn, QHeaderView::Interactive);
    m_table->horizontalHeader()->setSectionResizeMode(StatusColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(BuiltForColumn,
                                                      QHeaderView::ResizeToContents);
    m_table->setColumnWidth(FileColumn, 220);
    // Long reasons wrap onto more lines instead of being cut off: rows follow the column width.
    m_table->setWordWrap(true);
    m_table->setTextElideMode(Qt::ElideNone);
    // Queued: the rows are measured once the header has settled on its new widths.
    connect(m_table->horizontalHeader(), &QHeaderView::sectionResized, m_table,
            &QTableWidget::resizeRowsToContents, Qt::QueuedConnection);
    const std::vector<std::string> list = readList();
    for (std::size_t i = 0; i < m_results.size(); ++i) {
        const PluginLoadResult& result = m_results[i];
        const int row = static_cast<int>(i);
        const QString path = qs(result.path);
        auto* file = new QTableWidgetItem(QFileInfo(path).fileName());
        file->setToolTip(path);
        m_table->setItem(row, FileColumn, file);
        m_table->setItem(row, StatusColumn, new QTableWidgetItem);
        auto* builtFor = new QTableWidgetItem(qs(result.builtFor()));
        builtFor->setToolTip(tr("Plugin API version and C++ ABI the plugin says it was built for"));
        m_table->setItem(row, BuiltForColumn, builtFor);
        const QString detail =
            result.refused()  ? qs(result.error)
            : result.disabled ? tr("not loaded: disabled by you")
                              : QStringLiteral("%1 %2: %3")
                                    .arg(qs(result.name), qs(result.version), modelList(result));
        auto* detailItem = new QTableWidgetItem(detail);
        detailItem->setToolTip(detail);
        m_table->setItem(row, DetailColumn, detailItem);
        QPushButton* button = nullptr;
        if (!isListFile(result)) {
            button = new QPushButton;
            button->setObjectName(QStringLiteral("pluginAction%1").arg(i));
            connect(button, &QPushButton::clicked, this, [this, row] { toggle(row); });
            // In a holder, so that the button keeps its size in a row grown by a long reason.
            auto* holder = new QWidget;
            auto* holderLayout = new QHBoxLayout(holder);
            holderLayout->setContentsMargins(2, 1, 2, 1);
            holderLayout->addWidget(button, 0, Qt::AlignVCenter);
            m_table->setCellWidget(row, ActionColumn, holder);
        }
        m_buttons.push_back(button);
        refreshRow(row, list);
    }
    if (m_results.empty()) {
        m_table->setRowCount(1);
        auto* none =
            new QTableWidgetItem(pluginsSkipped ? tr("(plugins skipped)") : tr("(none found)"));
        none->setFlags(Qt::NoItemFlags);
        m_table->setItem(0, FileColumn, none);
    }
    m_table->resizeRowsToContents();
    layout->addWidget(m_table, 1);

    auto* note = new QLabel(tr("Disabling or enabling a plugin takes effect at the next start "
                               "of Plexus and plexus-cli. Disabled plugins are listed in %1.")
                                .arg(qs(DisabledPlugins::listFile().string())));
    note->setWordWrap(true);
    note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(note);
    layout->addWidget(new QLabel(tr("Plugin API version %1, ABI %2.")
                                     .arg(PluginLoader::apiVersion())
                                     .arg(qs(PluginLoader::abiTag()))));
    layout->addWidget(m_error);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    QPushButton* copy = buttons->addButton(tr("Copy Report"), QDialogButtonBox::ActionRole);
    const QString report = reportText(m_results, pluginsSkipped);
    connect(copy, &QPushButton::clicked, this,
            [report] { QApplication::clipboard()->setText(report); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(900, 420);
}

QString PluginDialog::reportText(const std::vector<PluginLoadResult>& results,
                                 bool pluginsSkipped) {
    QStringList lines;
    lines << tr("Plugin folders:");
    for (const QString& folder : folderLines()) {
        lines << QStringLiteral("  ") + folder;
    }
    if (pluginsSkipped) {
        lines << QString() << tr("Plugins skipped (--no-plugins).");
    }
    const auto section = [&](const QString& title, auto&& belongs) {
        QStringList entries;
        for (const PluginLoadResult& result : results) {
            if (belongs(result)) {
                entries << QStringLiteral("  ") + qs(result.message());
                if (result.apiVersion != 0) {
                    entries << QStringLiteral("    ") +
                                   tr("built for %1").arg(qs(result.builtFor()));
                }
            }
        }
        if (!entries.isEmpty()) {
            lines << QString() << title << entries;
        }
        return entries.size();
    };
    if (section(tr("Loaded:"), [](const PluginLoadResult& r) { return r.ok(); }) == 0) {
        lines << QString() << tr("Loaded:") << tr("  none");
    }
    section(tr("Refused:"), [](const PluginLoadResult& r) { return r.refused(); });
    section(tr("Disabled (plexus-cli plugins enable FILE, or Help > Plugins):"),
            [](const PluginLoadResult& r) { return r.disabled; });
    lines << QString()
          << tr("Plugin API version %1, ABI %2.")
                 .arg(PluginLoader::apiVersion())
                 .arg(qs(PluginLoader::abiTag()));
    return lines.join(QLatin1Char('\n'));
}

int PluginDialog::rowCount() const {
    return static_cast<int>(m_results.size());
}

QString PluginDialog::pluginPath(int row) const {
    return qs(m_results.at(static_cast<std::size_t>(row)).path);
}

QString PluginDialog::statusText(int row) const {
    return m_table->item(row, StatusColumn)->text();
}

QStringList PluginDialog::folderLines() {
    return plexus::app::folderLines();
}

QString PluginDialog::builtForText(int row) const {
    return m_table->item(row, BuiltForColumn)->text();
}

QString PluginDialog::detailText(int row) const {
    return m_table->item(row, DetailColumn)->text();
}

QPushButton* PluginDialog::actionButton(int row) const {
    return m_buttons.at(static_cast<std::size_t>(row));
}

QString PluginDialog::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

std::vector<std::string> PluginDialog::readList() {
    try {
        return DisabledPlugins::read();
    } catch (const std::exception& e) {
        m_error->setText(qs(e.what()));
        m_error->show();
        return {};
    }
}

void PluginDialog::refreshRow(int row, const std::vector<std::string>& disabledList) {
    const PluginLoadResult& result = m_results.at(static_cast<std::size_t>(row));
    QTableWidgetItem* item = m_table->item(row, StatusColumn);
    const QString now = result.disabled ? tr("disabled")
                        : result.ok()   ? tr("loaded")
                                        : tr("refused");
    if (isListFile(result)) {
        item->setText(now);
        return;
    }
    const bool listed = DisabledPlugins::contains(disabledList, result.path);
    QString status = now;
    if (listed && !result.disabled) {
        status += tr(", disabled at the next start");
    } else if (!listed && result.disabled) {
        status += tr(", enabled at the next start");
    }
    item->setText(status);
    if (QPushButton* button = actionButton(row)) {
        button->setText(listed ? tr("Enable") : tr("Disable"));
        button->setToolTip(listed ? tr("Load this plugin again from the next start")
                                  : tr("Do not load this plugin from the next start"));
    }
}

void PluginDialog::toggle(int row) {
    const std::string path = m_results.at(static_cast<std::size_t>(row)).path;
    m_error->hide();
    m_error->clear();
    try {
        if (DisabledPlugins::contains(DisabledPlugins::read(), path)) {
            DisabledPlugins::enable(path);
        } else {
            DisabledPlugins::disable(path);
        }
    } catch (const std::exception& e) {
        m_error->setText(qs(e.what()));
        m_error->show();
    }
    refreshRow(row, readList());
}

} // namespace plexus::app
