#include "plexus/widgets/analysis/ConditionTable.h"

#include "plexus/widgets/plots/CountText.h"
#include "plexus/widgets/plots/PlotTheme.h"

#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <exception>
#include <map>
#include <set>

namespace plexus::widgets {

namespace {

enum Column { NameColumn = 0, StartColumn = 1, EndColumn = 2 };

/// "12.5" for 12.5, "300" for 300: times without trailing zeros.
QString formatMs(double ms) {
    return QString::number(ms, 'g', 12);
}

/// A small square of @p color for the name cell.
QIcon swatch(const QColor& color) {
    QPixmap pixmap(10, 10);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setPen(color.darker(130));
    painter.setBrush(color);
    painter.drawRect(0, 0, 9, 9);
    return QIcon(pixmap);
}

QString listText(const std::vector<analysis::ConditionEpoch>& epochs) {
    QStringList items;
    for (const auto& e : epochs) {
        items << QStringLiteral("%1:%2-%3")
                     .arg(QString::fromStdString(e.name), formatMs(e.startMs), formatMs(e.endMs));
    }
    return items.join(QLatin1Char(','));
}

} // namespace

ConditionTable::ConditionTable(QWidget* parent)
    : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);

    m_table = new QTableWidget(0, 3, this);
    m_table->setHorizontalHeaderLabels({tr("Condition"), tr("Start (ms)"), tr("End (ms)")});
    m_table->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(StartColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(EndColumn, QHeaderView::ResizeToContents);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->verticalHeader()->setVisible(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setToolTip(tr("Conditions are named time epochs [start, end) of the run; epochs "
                           "with the same name are repeats of one condition"));
    layout->addWidget(m_table, 1);

    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(4);
    auto* add = new QToolButton(this);
    add->setText(tr("Add"));
    add->setToolTip(tr("Add an epoch after the last one"));
    auto* remove = new QToolButton(this);
    remove->setText(tr("Remove"));
    remove->setToolTip(tr("Remove the selected epochs"));
    m_text = new QLineEdit(this);
    m_text->setMinimumWidth(60);
    m_text->setPlaceholderText(QStringLiteral("a:0-500,b:500-1000"));
    m_text->setToolTip(tr("Epochs as name:start-end (ms), comma separated; Enter applies"));
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addWidget(m_text, 1);
    layout->addLayout(buttons);

    auto* helpers = new QGridLayout;
    helpers->setHorizontalSpacing(4);
    helpers->setVerticalSpacing(2);
    m_splitCount = new QSpinBox(this);
    m_splitCount->setRange(1, 9999);
    m_splitCount->setValue(4);
    m_splitCount->setToolTip(tr("Number of epochs"));
    m_splitNames = new QLineEdit(this);
    m_splitNames->setMinimumWidth(50);
    m_splitNames->setPlaceholderText(tr("names, e.g. a,b"));
    m_splitNames->setToolTip(tr("Names given to the epochs in turn (repeats share a name); "
                                "empty: e1, e2, ..."));
    auto* split = new QPushButton(tr("Split run"), this);
    split->setToolTip(tr("Replace the conditions by the run cut into K equal epochs"));
    helpers->addWidget(new QLabel(tr("K"), this), 0, 0);
    helpers->addWidget(m_splitCount, 0, 1);
    helpers->addWidget(m_splitNames, 0, 2);
    helpers->addWidget(split, 0, 3);
    m_windowWidth = new QDoubleSpinBox(this);
    m_windowWidth->setRange(0.1, 1.0e6);
    m_windowWidth->setDecimals(1);
    m_windowWidth->setValue(200.0);
    m_windowWidth->setSuffix(tr(" ms"));
    m_windowWidth->setToolTip(tr("Window width"));
    m_windowStep = new QDoubleSpinBox(this);
    m_windowStep->setRange(0.1, 1.0e6);
    m_windowStep->setDecimals(1);
    m_windowStep->setValue(100.0);
    m_windowStep->setPrefix(tr("step "));
    m_windowStep->setSuffix(tr(" ms"));
    m_windowStep->setToolTip(tr("Step between window starts"));
    auto* slide = new QPushButton(tr("Windows"), this);
    slide->setToolTip(tr("Replace the conditions by sliding windows over the run"));
    helpers->addWidget(new QLabel(tr("W"), this), 1, 0);
    helpers->addWidget(m_windowWidth, 1, 1);
    helpers->addWidget(m_windowStep, 1, 2);
    helpers->addWidget(slide, 1, 3);
    m_trialsLabel = new QLabel(this);
    m_trialsLabel->setObjectName(QStringLiteral("trialsLabel"));
    m_fromTrials = new QPushButton(tr("From trials"), this);
    m_fromTrials->setObjectName(QStringLiteral("fromTrials"));
    helpers->addWidget(new QLabel(tr("T"), this), 2, 0);
    helpers->addWidget(m_trialsLabel, 2, 1, 1, 2);
    helpers->addWidget(m_fromTrials, 2, 3);
    helpers->setColumnStretch(2, 1);
    layout->addLayout(helpers);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    connect(add, &QToolButton::clicked, this, &ConditionTable::addEpoch);
    connect(m_fromTrials, &QPushButton::clicked, this, &ConditionTable::fillFromTrials);
    setTrials({}, {});
    connect(remove, &QToolButton::clicked, this, &ConditionTable::removeSelectedEpochs);
    connect(m_text, &QLineEdit::returnPressed, this, &ConditionTable::applyText);
    connect(split, &QPushButton::clicked, this, [this] {
        QStringList names;
        for (const QString& n : m_splitNames->text().split(QLatin1Char(','))) {
            if (!n.trimmed().isEmpty()) {
                names << n.trimmed();
            }
        }
        splitRun(m_splitCount->value(), names);
    });
    connect(slide, &QPushButton::clicked, this,
            [this] { slidingWindows(m_windowWidth->value(), m_windowStep->value()); });
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        if (!m_updating) {
            revalidate();
            emitChanged();
        }
    });
    revalidate();
}

ConditionTable::~ConditionTable() = default;

std::vector<analysis::ConditionEpoch>
ConditionTable::splitEpochs(double startMs, double endMs, int count, const QStringList& names) {
    std::vector<analysis::ConditionEpoch> out;
    if (count < 1 || !(endMs > startMs)) {
        return out;
    }
    const double width = (endMs - startMs) / count;
    for (int i = 0; i < count; ++i) {
        analysis::ConditionEpoch e;
        e.name =
            names.isEmpty() ? "e" + std::to_string(i + 1) : names[i % names.size()].toStdString();
        e.startMs = startMs + i * width;
        e.endMs = i + 1 == count ? endMs : startMs + (i + 1) * width;
        out.push_back(e);
    }
    return out;
}

std::vector<analysis::ConditionEpoch> ConditionTable::windows(double startMs, double endMs,
                                                              double widthMs, double stepMs) {
    std::vector<analysis::ConditionEpoch> out;
    if (!(widthMs > 0.0) || !(stepMs > 0.0)) {
        return out;
    }
    for (int i = 0;; ++i) {
        const double s = startMs + i * stepMs;
        if (s + widthMs > endMs + 1e-9 * std::max(1.0, std::abs(endMs)) || out.size() >= 100000) {
            break;
        }
        out.push_back({"w" + std::to_string(i + 1), s, s + widthMs});
    }
    return out;
}

std::vector<analysis::ConditionEpoch> ConditionTable::epochs() const {
    std::vector<analysis::ConditionEpoch> out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem* name = m_table->item(row, NameColumn);
        const QTableWidgetItem* start = m_table->item(row, StartColumn);
        const QTableWidgetItem* end = m_table->item(row, EndColumn);
        if (name == nullptr || start == nullptr || end == nullptr) {
            continue;
        }
        bool okStart = false;
        bool okEnd = false;
        analysis::ConditionEpoch e;
        e.name = name->text().trimmed().toStdString();
        e.startMs = start->text().trimmed().toDouble(&okStart);
        e.endMs = end->text().trimmed().toDouble(&okEnd);
        if (!e.name.empty() && okStart && okEnd && std::isfinite(e.startMs) &&
            std::isfinite(e.endMs) && e.endMs > e.startMs) {
            out.push_back(std::move(e));
        }
    }
    return out;
}

void ConditionTable::appendRow(const analysis::ConditionEpoch& epoch) {
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, NameColumn, new QTableWidgetItem(QString::fromStdString(epoch.name)));
    auto* start = new QTableWidgetItem(formatMs(epoch.startMs));
    auto* end = new QTableWidgetItem(formatMs(epoch.endMs));
    start->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    end->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_table->setItem(row, StartColumn, start);
    m_table->setItem(row, EndColumn, end);
}

void ConditionTable::setEpochs(const std::vector<analysis::ConditionEpoch>& epochs) {
    m_updating = true;
    m_table->setRowCount(0);
    for (const auto& e : epochs) {
        appendRow(e);
    }
    m_updating = false;
    revalidate();
    emitChanged();
}

void ConditionTable::setRunDurationMs(double durationMs) {
    m_runDurationMs = std::max(0.0, durationMs);
}

void ConditionTable::addEpoch() {
    const auto current = epochs();
    std::set<std::string> used;
    for (const auto& e : current) {
        used.insert(e.name);
    }
    std::string name;
    for (int i = 0; name.empty(); ++i) {
        const std::string candidate =
            i < 26 ? std::string(1, static_cast<char>('a' + i)) : "c" + std::to_string(i - 25);
        if (used.count(candidate) == 0) {
            name = candidate;
        }
    }
    analysis::ConditionEpoch e{name, 0.0, 100.0};
    if (!current.empty()) {
        e.startMs = current.back().endMs;
        e.endMs = e.startMs + current.back().durationMs();
    } else if (m_runDurationMs > 0.0) {
        e.endMs = m_runDurationMs;
    }
    m_updating = true;
    appendRow(e);
    m_updating = false;
    revalidate();
    emitChanged();
}

void ConditionTable::removeSelectedEpochs() {
    std::set<int> rows;
    for (const QTableWidgetItem* item : m_table->selectedItems()) {
        rows.insert(item->row());
    }
    if (rows.empty() && m_table->rowCount() > 0) {
        rows.insert(m_table->rowCount() - 1);
    }
    if (rows.empty()) {
        return;
    }
    m_updating = true;
    for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
        m_table->removeRow(*it);
    }
    m_updating = false;
    revalidate();
    emitChanged();
}

void ConditionTable::splitRun(int count, const QStringList& names) {
    setEpochs(splitEpochs(0.0, m_runDurationMs, count, names));
}

void ConditionTable::slidingWindows(double widthMs, double stepMs) {
    setEpochs(windows(0.0, m_runDurationMs, widthMs, stepMs));
}

void ConditionTable::applyText() {
    const QString text = m_text->text().trimmed();
    if (text.isEmpty()) {
        setEpochs({});
        return;
    }
    try {
        setEpochs(analysis::ConditionEpoch::parseList(text.toStdString()));
    } catch (const std::exception& e) {
        m_status->setText(QString::fromUtf8(e.what()));
        m_status->setStyleSheet(QStringLiteral("color: #c0392b;"));
    }
}

void ConditionTable::revalidate() {
    // Colour swatches by condition (first appearance order) and marks on invalid rows.
    const bool wasUpdating = m_updating;
    m_updating = true;
    std::map<std::string, std::size_t> index;
    m_invalidRows = 0;
    const QColor bad = PlotTheme::mix(palette().color(QPalette::Base), QColor(220, 50, 40), 0.25);
    for (int row = 0; row < m_table->rowCount(); ++row) {
        QTableWidgetItem* name = m_table->item(row, NameColumn);
        QTableWidgetItem* start = m_table->item(row, StartColumn);
        QTableWidgetItem* end = m_table->item(row, EndColumn);
        if (name == nullptr || start == nullptr || end == nullptr) {
            continue;
        }
        bool okStart = false;
        bool okEnd = false;
        const double s = start->text().trimmed().toDouble(&okStart);
        const double e = end->text().trimmed().toDouble(&okEnd);
        const std::string key = name->text().trimmed().toStdString();
        const bool valid =
            !key.empty() && okStart && okEnd && std::isfinite(s) && std::isfinite(e) && e > s;
        for (QTableWidgetItem* item : {name, start, end}) {
            item->setBackground(valid ? QBrush() : QBrush(bad));
            item->setToolTip(valid ? QString()
                                   : tr("Not used: needs a name and an end after the start"));
        }
        if (!valid) {
            ++m_invalidRows;
            name->setIcon(QIcon());
            continue;
        }
        const auto [it, added] = index.try_emplace(key, index.size());
        name->setIcon(swatch(PlotTheme::seriesColor(it->second)));
    }
    m_updating = wasUpdating;

    const auto valid = epochs();
    QString status = countText(std::ssize(valid), tr("epoch"), tr("epochs"));
    status +=
        QStringLiteral(", ") + countText(std::ssize(index), tr("condition"), tr("conditions"));
    if (m_invalidRows > 0) {
        status += tr(", %n row(s) not used", nullptr, m_invalidRows);
    }
    m_status->setText(status);
    m_status->setStyleSheet(m_invalidRows > 0 ? QStringLiteral("color: #c0392b;") : QString());
    if (!m_text->hasFocus()) {
        m_text->setText(listText(valid));
    }
}

void ConditionTable::emitChanged() {
    Q_EMIT epochsChanged();
}

void ConditionTable::setTrials(const std::vector<core::TrialWindow>& trials,
                               const std::vector<std::string>& conditionNames) {
    m_trials = trials;
    m_trialConditions = conditionNames;
    const bool any = !m_trials.empty();
    m_fromTrials->setEnabled(any);
    if (!any) {
        m_trialsLabel->setText(tr("no trials"));
        m_fromTrials->setToolTip(tr("The run shown has no trials: give the project a protocol "
                                    "(Run ▸ Protocol…) and run it, or open the archive "
                                    "of such a run"));
        return;
    }
    std::set<int> conditions;
    for (const core::TrialWindow& t : m_trials) {
        conditions.insert(t.condition);
    }
    m_trialsLabel->setText(
        tr("%1, %2").arg(countText(std::ssize(m_trials), tr("trial"), tr("trials")),
                         countText(std::ssize(conditions), tr("condition"), tr("conditions"))));
    m_fromTrials->setToolTip(tr("Replace the conditions by the run's protocol trials: one epoch "
                                "per trial, named after its condition"));
}

void ConditionTable::fillFromTrials() {
    if (!m_trials.empty()) {
        setEpochs(analysis::ConditionEpoch::fromTrials(m_trials, m_trialConditions));
    }
}

} // namespace plexus::widgets
