#include "plexus/widgets/editor/Palette.h"

#include "plexus/widgets/document/ElectrodeSpec.h"
#include "plexus/widgets/editor/CircuitScene.h"
#include "plexus/widgets/editor/PaletteTree.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QMap>
#include <QMimeData>
#include <QTreeWidgetItem>
#include <QVBoxLayout>
#include <plexus/core/plugin/ModelRegistry.h>

namespace plexus::widgets {

namespace {

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

/// Display order of categories; others follow alphabetically.
int categoryRank(const QString& category) {
    static const QStringList order = {QStringLiteral("Integrate-and-fire"),
                                      QStringLiteral("Conductance-based"),
                                      QStringLiteral("Rate units"),
                                      QStringLiteral("Rate and memory"),
                                      QStringLiteral("Stimuli"),
                                      QStringLiteral("Synapses"),
                                      QStringLiteral("Short-term plasticity"),
                                      QStringLiteral("Plasticity"),
                                      QStringLiteral("Recorders"),
                                      QStringLiteral("Electrodes")};
    const int index = static_cast<int>(order.indexOf(category));
    return index < 0 ? 50 : index;
}

QString kindText(core::ModelKind kind) {
    switch (kind) {
    case core::ModelKind::Neuron:
        return QStringLiteral("neuron model");
    case core::ModelKind::SpikeSource:
        return QStringLiteral("spike source");
    case core::ModelKind::CurrentSource:
        return QStringLiteral("current source");
    case core::ModelKind::Synapse:
        return QStringLiteral("synapse model: drop it on a projection");
    }
    return {};
}

} // namespace

Palette::Palette(const core::ModelRegistry* registry, QWidget* parent)
    : QWidget(parent)
    , m_registry(registry)
    , m_search(new QLineEdit(this))
    , m_tree(new PaletteTree(this)) {
    setObjectName(QStringLiteral("palette"));
    m_search->setObjectName(QStringLiteral("paletteSearch"));
    m_search->setPlaceholderText(tr("Search models\u2026"));
    m_search->setClearButtonEnabled(true);
    m_tree->setObjectName(QStringLiteral("paletteTree"));
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(true);
    m_tree->setIndentation(14);
    m_tree->setUniformRowHeights(true);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(m_search);
    layout->addWidget(m_tree, 1);

    connect(m_search, &QLineEdit::textChanged, this, &Palette::setFilter);
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        const QString entry = item->data(0, EntryRole).toString();
        if (!entry.isEmpty()) {
            Q_EMIT entryActivated(entry);
        }
    });
    rebuild();
}

void Palette::setRegistry(const core::ModelRegistry* registry) {
    m_registry = registry;
    rebuild();
}

QLineEdit* Palette::searchField() const {
    return m_search;
}

QTreeWidget* Palette::tree() const {
    return m_tree;
}

QMimeData* Palette::mimeDataFor(const QString& entry) {
    auto* data = new QMimeData;
    data->setData(CircuitScene::paletteMimeType(), entry.toUtf8());
    data->setText(entry);
    return data;
}

void Palette::rebuild() {
    m_tree->clear();
    struct Entry {
        QString entry;
        QString label;
        QString toolTip;
        QString searchText;
    };
    QMap<QString, QList<Entry>> groups;
    if (m_registry != nullptr) {
        for (const core::ModelInfo* info : m_registry->all()) {
            const QString category =
                info->category.empty() ? QStringLiteral("Other") : qs(info->category);
            QString tip =
                QStringLiteral("<b>%1</b> (%2, %3)")
                    .arg(qs(info->label).toHtmlEscaped(), qs(info->name), kindText(info->kind));
            if (!info->doc.empty()) {
                tip += QStringLiteral("<p>%1</p>").arg(qs(info->doc).toHtmlEscaped());
            }
            if (!info->equations.empty()) {
                tip += QStringLiteral("<pre>%1</pre>").arg(qs(info->equations).toHtmlEscaped());
            }
            const std::string origin = m_registry->origin(info->name);
            if (!origin.empty() && origin != core::ModelRegistry::builtinOrigin) {
                tip += QStringLiteral("<p>Plugin: %1</p>").arg(qs(origin).toHtmlEscaped());
            }
            groups[category].append(
                {QStringLiteral("model:") + qs(info->name),
                 qs(info->label.empty() ? info->name : info->label), tip,
                 qs(info->name + " " + info->label + " " + info->category + " " + info->doc)});
        }
    }
    const QString recorders = QStringLiteral("Recorders");
    groups[recorders] = {
        {QStringLiteral("recorder:spikes"), tr("Spike recorder"),
         tr("Records every spike of the population or source it is connected to."),
         QStringLiteral("spikes raster recorder monitor")},
        {QStringLiteral("recorder:rate"), tr("Rate recorder"),
         tr("Records the population rate in bins."), QStringLiteral("rate recorder monitor")},
        {QStringLiteral("recorder:state"), tr("State recorder"),
         tr("Records state variables (e.g. the membrane potential) of chosen neurons."),
         QStringLiteral("state voltage membrane trace recorder monitor")}};
    const QString electrodes = QStringLiteral("Electrodes");
    QList<Entry> electrodeEntries;
    for (const std::string& kind : ElectrodeSpec::editorKinds()) {
        const QString type = QString::fromStdString(kind);
        const QString label = QString::fromStdString(ElectrodeSpec::kindLabel(kind));
        electrodeEntries.append({QStringLiteral("electrode:") + type, label,
                                 tr("%1 with %2 contact(s) by default; records LFP/EEG proxies "
                                    "from the population it is connected to.")
                                     .arg(label)
                                     .arg(ElectrodeSpec::defaultContacts(kind)),
                                 QStringLiteral("electrode lfp eeg ") + type});
    }
    groups[electrodes] = electrodeEntries;

    QStringList categories = groups.keys();
    std::sort(categories.begin(), categories.end(), [](const QString& a, const QString& b) {
        const int ra = categoryRank(a);
        const int rb = categoryRank(b);
        return ra != rb ? ra < rb : a < b;
    });
    for (const QString& category : categories) {
        auto* group = new QTreeWidgetItem(m_tree, {category});
        group->setFlags(Qt::ItemIsEnabled);
        QFont font = group->font(0);
        font.setBold(true);
        group->setFont(0, font);
        for (const Entry& entry : groups.value(category)) {
            auto* item = new QTreeWidgetItem(group, {entry.label});
            item->setData(0, EntryRole, entry.entry);
            item->setData(0, Qt::UserRole + 11, entry.searchText + QLatin1Char(' ') + entry.label);
            item->setToolTip(0, entry.toolTip);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
        }
        group->setExpanded(true);
    }
    setFilter(m_search->text());
}

void Palette::setFilter(const QString& text) {
    if (m_search->text() != text) {
        m_search->setText(text); // calls back through textChanged
        return;
    }
    const QString needle = text.trimmed();
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem* group = m_tree->topLevelItem(i);
        const bool groupMatches =
            !needle.isEmpty() && group->text(0).contains(needle, Qt::CaseInsensitive);
        int shown = 0;
        for (int j = 0; j < group->childCount(); ++j) {
            QTreeWidgetItem* item = group->child(j);
            const bool match =
                needle.isEmpty() || groupMatches ||
                item->data(0, Qt::UserRole + 11).toString().contains(needle, Qt::CaseInsensitive);
            item->setHidden(!match);
            shown += match ? 1 : 0;
        }
        group->setHidden(shown == 0);
    }
}

QTreeWidgetItem* Palette::findEntry(const QString& entry) const {
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem* group = m_tree->topLevelItem(i);
        for (int j = 0; j < group->childCount(); ++j) {
            if (group->child(j)->data(0, EntryRole).toString() == entry) {
                return group->child(j);
            }
        }
    }
    return nullptr;
}

QStringList Palette::visibleEntries() const {
    QStringList entries;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem* group = m_tree->topLevelItem(i);
        for (int j = 0; j < group->childCount(); ++j) {
            if (!group->isHidden() && !group->child(j)->isHidden()) {
                entries << group->child(j)->data(0, EntryRole).toString();
            }
        }
    }
    return entries;
}

} // namespace plexus::widgets
