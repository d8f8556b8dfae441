#include "plexus/widgets/inspector/ProjectSummaryView.h"

#include <QFont>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPalette>
#include <QStringList>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <cstdint>
#include <iterator>
#include <map>
#include <plexus/core/plugin/ModelRegistry.h>
#include <plexus/core/project/ProjectSpec.h>
#include <string>

namespace plexus::widgets {

namespace {

QString toQString(const std::string& text) {
    return QString::fromStdString(text);
}

QString formatNumber(double value) {
    return QString::number(value, 'g', 6);
}

/// "key=value, key=value" for a parameter map (std::map keeps the keys sorted).
QString formatParams(const std::map<std::string, double>& params) {
    QStringList parts;
    for (const auto& [key, value] : params) {
        parts << QStringLiteral("%1=%2").arg(toQString(key), formatNumber(value));
    }
    return parts.join(QStringLiteral(", "));
}

/// One "key = value" per line, for tooltips.
QString formatParamsMultiline(const std::map<std::string, double>& params) {
    QStringList lines;
    for (const auto& [key, value] : params) {
        lines << QStringLiteral("%1 = %2").arg(toQString(key), formatNumber(value));
    }
    return lines.join(QLatin1Char('\n'));
}

QString formatConnectivity(const core::ConnectivitySpec& connectivity) {
    QString text = toQString(connectivity.rule);
    QStringList extras;
    if (!connectivity.params.empty()) {
        extras << formatParams(connectivity.params);
    }
    if (!connectivity.autapses) {
        extras << QStringLiteral("no autapses");
    }
    if (!extras.isEmpty()) {
        text += QStringLiteral(" (%1)").arg(extras.join(QStringLiteral(", ")));
    }
    return text;
}

QString formatSize(std::int64_t size) {
    return size > 0 ? QString::number(size) : QStringLiteral("\u2014");
}

void setRightAligned(QTreeWidgetItem* item, int column) {
    item->setTextAlignment(column, Qt::AlignRight | Qt::AlignVCenter);
}

} // namespace

ProjectSummaryView::ProjectSummaryView(QWidget* parent)
    : QWidget(parent)
    , m_header(new QLabel(this))
    , m_tree(new QTreeWidget(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);

    m_header->setObjectName(QStringLiteral("projectSummaryHeader"));
    m_header->setTextFormat(Qt::RichText);
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_header);

    m_tree->setObjectName(QStringLiteral("projectSummaryTree"));
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels(
        {tr("Name"), tr("Model"), tr("Size"), tr("Connectivity"), tr("Details")});
    m_tree->headerItem()->setTextAlignment(SizeColumn, Qt::AlignRight | Qt::AlignVCenter);
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setRootIsDecorated(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->header()->setStretchLastSection(true);
    layout->addWidget(m_tree, 1);

    connect(
        m_tree, &QTreeWidget::currentItemChanged, this,
        [this](QTreeWidgetItem* current, QTreeWidgetItem*) { Q_EMIT currentItemChanged(current); });

    showEmptyState();
}

void ProjectSummaryView::setProject(const core::ProjectSpec& project) {
    m_tree->clear();
    m_empty = false;
    m_projectName = toQString(project.name);

    // Header: name, description, simulation settings.
    const auto& sim = project.simulation;
    QString header = QStringLiteral("<b>%1</b>").arg(m_projectName.toHtmlEscaped());
    if (!project.description.empty()) {
        header += QStringLiteral(" \u2014 %1").arg(toQString(project.description).toHtmlEscaped());
    }
    std::int64_t neurons = 0;
    for (const auto& population : project.populations) {
        neurons += population.size;
    }
    header += QStringLiteral("<br>dt %1 ms \u00b7 duration %2 s \u00b7 seed %3 \u00b7 %4 %5 "
                             "\u00b7 %6 neurons \u00b7 format v%7")
                  .arg(formatNumber(sim.dtMs), formatNumber(sim.durationS))
                  .arg(sim.seed)
                  .arg(sim.threads)
                  .arg(sim.threads == 1 ? tr("thread") : tr("threads"))
                  .arg(QLocale::c().toString(static_cast<qlonglong>(neurons)))
                  .arg(project.formatVersion);
    m_header->setText(header);

    // Populations.
    QTreeWidgetItem* populations =
        addSection(Section::Populations, tr("Populations"), std::ssize(project.populations));
    for (const auto& population : project.populations) {
        auto* item = new QTreeWidgetItem(populations);
        item->setText(NameColumn, toQString(population.name));
        setModelText(item, population.model, false);
        item->setText(SizeColumn, formatSize(population.size));
        setRightAligned(item, SizeColumn);
        item->setText(DetailsColumn, formatParams(population.params));
        QString tooltip = formatParamsMultiline(population.params);
        if (!population.initial.empty()) {
            QStringList initial;
            for (const auto& [key, value] : population.initial) {
                initial << QStringLiteral("%1 = %2").arg(toQString(key),
                                                         toQString(value.toString()));
            }
            tooltip += QStringLiteral("\n\nInitial values:\n") + initial.join(QLatin1Char('\n'));
        }
        item->setToolTip(DetailsColumn, tooltip.trimmed());
    }

    // Stimuli: spike sources have a size, current sources a target.
    QTreeWidgetItem* stimuli =
        addSection(Section::Stimuli, tr("Stimuli"), std::ssize(project.stimuli));
    for (const auto& stimulus : project.stimuli) {
        auto* item = new QTreeWidgetItem(stimuli);
        item->setText(NameColumn, toQString(stimulus.name));
        setModelText(item, stimulus.model, false);
        item->setText(SizeColumn, formatSize(stimulus.size));
        setRightAligned(item, SizeColumn);
        if (!stimulus.target.empty()) {
            QString target = QStringLiteral("\u2192 %1").arg(toQString(stimulus.target));
            if (!stimulus.receptor.empty()) {
                target += QStringLiteral(" (%1)").arg(toQString(stimulus.receptor));
            }
            item->setText(ConnectivityColumn, target);
        }
        item->setText(DetailsColumn, formatParams(stimulus.params));
        item->setToolTip(DetailsColumn, formatParamsMultiline(stimulus.params));
    }

    // Projections.
    QTreeWidgetItem* projections =
        addSection(Section::Projections, tr("Projections"), std::ssize(project.projections));
    for (const auto& projection : project.projections) {
        auto* item = new QTreeWidgetItem(projections);
        const QString route = QStringLiteral("%1 \u2192 %2")
                                  .arg(toQString(projection.source), toQString(projection.target));
        item->setText(NameColumn, projection.name.empty() ? route : toQString(projection.name));
        // "static" is the engine's own synapse, not a registered model.
        setModelText(item, projection.synapse, projection.synapse == "static");
        item->setText(ConnectivityColumn, formatConnectivity(projection.connectivity));
        item->setToolTip(ConnectivityColumn, item->text(ConnectivityColumn));
        item->setText(DetailsColumn,
                      QStringLiteral("%1 \u00b7 %2 \u00b7 weight %3 \u00b7 delay %4 ms")
                          .arg(route, toQString(projection.receptor),
                               toQString(projection.weight.toString()),
                               toQString(projection.delayMs.toString())));
        item->setToolTip(DetailsColumn, item->text(DetailsColumn));
    }

    m_tree->expandAll();
    m_tree->setCurrentItem(nullptr);
    for (int column = 0; column < DetailsColumn; ++column) {
        m_tree->resizeColumnToContents(column);
    }
}

void ProjectSummaryView::setModelRegistry(const core::ModelRegistry* registry) {
    m_models = registry;
}

QString ProjectSummaryView::missingModelSuffix() {
    return tr("(missing model)");
}

void ProjectSummaryView::setModelText(QTreeWidgetItem* item, const std::string& model,
                                      bool builtinName) const {
    const QString name = toQString(model);
    if (m_models == nullptr || builtinName || m_models->info(model) != nullptr) {
        item->setText(ModelColumn, name);
        return;
    }
    item->setText(ModelColumn, QStringLiteral("%1 %2").arg(name, missingModelSuffix()));
    item->setToolTip(ModelColumn,
                     tr("Model \"%1\" is not available: it may come from a plugin that is not "
                        "installed. The element is kept as a placeholder with its parameters "
                        "and saved back unchanged, but the project cannot run.")
                         .arg(name));
    QFont font = item->font(ModelColumn);
    font.setItalic(true);
    item->setFont(ModelColumn, font);
    item->setForeground(ModelColumn, m_tree->palette().brush(QPalette::Disabled, QPalette::Text));
}

void ProjectSummaryView::clear() {
    m_tree->clear();
    m_projectName.clear();
    m_empty = true;
    showEmptyState();
}

bool ProjectSummaryView::isEmpty() const {
    return m_empty;
}

QString ProjectSummaryView::projectName() const {
    return m_projectName;
}

QTreeWidget* ProjectSummaryView::treeWidget() const {
    return m_tree;
}

QTreeWidgetItem* ProjectSummaryView::sectionItem(Section section) const {
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = m_tree->topLevelItem(i);
        if (item->data(NameColumn, SectionRole).toInt() == static_cast<int>(section)) {
            return item;
        }
    }
    return nullptr;
}

QTreeWidgetItem* ProjectSummaryView::findItem(Section section, const QString& name) const {
    QTreeWidgetItem* parent = sectionItem(section);
    if (parent == nullptr) {
        return nullptr;
    }
    for (int i = 0; i < parent->childCount(); ++i) {
        if (parent->child(i)->text(NameColumn) == name) {
            return parent->child(i);
        }
    }
    return nullptr;
}

QTreeWidgetItem* ProjectSummaryView::addSection(Section section, const QString& title,
                                                qsizetype count) {
    auto* item = new QTreeWidgetItem(m_tree);
    item->setText(NameColumn, QStringLiteral("%1 (%2)").arg(title).arg(count));
    item->setData(NameColumn, SectionRole, static_cast<int>(section));
    item->setFlags(Qt::ItemIsEnabled);
    QFont font = item->font(NameColumn);
    font.setBold(true);
    item->setFont(NameColumn, font);
    item->setFirstColumnSpanned(false);
    return item;
}

void ProjectSummaryView::showEmptyState() {
    m_header->setText(tr("<b>No project loaded.</b><br>Open a project file with "
                         "<i>File \u25b8 Open\u2026</i>."));
}

} // namespace plexus::widgets
