#include "plexus/widgets/experiment/ProtocolEditor.h"

#include "plexus/widgets/document/Document.h"
#include "plexus/widgets/document/ProtocolEdits.h"
#include "plexus/widgets/experiment/CompactSpinBox.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPalette>
#include <QPushButton>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <exception>
#include <plexus/core/model/ModelInfo.h>
#include <plexus/core/plugin/ModelRegistry.h>
#include <plexus/core/project/TrialSchedule.h>
#include <utility>

namespace plexus::widgets {

namespace {

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

QString number(double value) {
    return QString::number(value, 'g', 12);
}

const QStringList kKinds = {QStringLiteral("silence"), QStringLiteral("clamp"),
                            QStringLiteral("drive"), QStringLiteral("scale_weights"),
                            QStringLiteral("lesion")};
const QStringList kOrders = {QStringLiteral("blocked"), QStringLiteral("interleaved"),
                             QStringLiteral("random")};

/// The state variable a new clamp holds when the target's model is unknown.
const std::string kClampVariable = "v";

/// JSON member of each perturbation column (to find the cell an error names).
const char* const kColumnKeys[] = {"kind",   "target",    "fraction", "neurons", "start_ms",
                                   "end_ms", "condition", "variable", "value"};

/// The value column's field of @p kind (clamp: value, drive: amplitude, scale_weights: factor).
double* valueField(core::PerturbationSpec& p) {
    if (p.kind == "clamp") {
        return &p.value;
    }
    if (p.kind == "drive") {
        return &p.amplitude;
    }
    if (p.kind == "scale_weights") {
        return &p.factor;
    }
    return nullptr;
}

/// A readable name of a JSON member: "start_ms" -> "start (ms)", "stimulus_params" ->
/// "overrides".
QString fieldName(QString key) {
    if (key.startsWith(QLatin1String("stimulus_params"))) {
        return QObject::tr("overrides");
    }
    if (key.endsWith(QLatin1String("_ms"))) {
        key.chop(3);
        return key.replace(QLatin1Char('_'), QLatin1Char(' ')) + QStringLiteral(" (ms)");
    }
    return key.replace(QLatin1Char('_'), QLatin1Char(' '));
}

QLabel* errorLine(QWidget* parent, const QString& name) {
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, QColor(200, 30, 30));
    label->setPalette(palette);
    label->hide();
    return label;
}

void setError(QLabel* label, const QString& text) {
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

} // namespace

ProtocolEditor::ProtocolEditor(Document* document, QWidget* parent)
    : QWidget(parent)
    , m_document(document) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(4);
    auto* head = new QHBoxLayout;
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("protocolSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_removeProtocol = new QPushButton(tr("Remove protocol"), this);
    m_removeProtocol->setObjectName(QStringLiteral("removeProtocol"));
    m_removeProtocol->setToolTip(tr("Go back to a plain run of the simulation's duration"));
    head->addWidget(m_summary, 1);
    head->addWidget(m_removeProtocol);
    layout->addLayout(head);

    m_pages = new QStackedWidget(this);
    layout->addWidget(m_pages, 1);

    // Page 0: no protocol.
    auto* nonePage = new QWidget(m_pages);
    auto* noneLayout = new QVBoxLayout(nonePage);
    m_none = new QLabel(
        tr("A protocol repeats conditions in trials: each condition switches some stimuli on "
           "(with its own parameters if needed), trials follow in blocked, interleaved or "
           "random order with an interval between them, and perturbations silence, clamp or "
           "drive neurons or change projections at set times. One run executes the whole "
           "schedule; the run archive lists its trials."),
        nonePage);
    m_none->setWordWrap(true);
    auto* add = new QPushButton(tr("Add protocol"), nonePage);
    add->setObjectName(QStringLiteral("addProtocol"));
    connect(add, &QPushButton::clicked, this, [this] { addProtocol(); });
    noneLayout->addWidget(m_none);
    noneLayout->addWidget(add, 0, Qt::AlignLeft);
    noneLayout->addStretch(1);
    m_pages->addWidget(nonePage);

    // Page 1: the protocol.
    auto* page = new QWidget(m_pages);
    auto* pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->setSpacing(4);
    auto* top = new QHBoxLayout;

    auto* conditionsBox = new QGroupBox(tr("Conditions"), page);
    auto* conditionsLayout = new QVBoxLayout(conditionsBox);
    conditionsLayout->setContentsMargins(6, 2, 6, 4);
    m_conditions = new QTableWidget(0, 3, conditionsBox);
    m_conditions->setObjectName(QStringLiteral("conditions"));
    m_conditions->setHorizontalHeaderLabels({tr("Name"), tr("Label"), tr("Stimuli on")});
    m_conditions->horizontalHeader()->setStretchLastSection(true);
    m_conditions->verticalHeader()->setVisible(false);
    m_conditions->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_conditions->setSelectionMode(QAbstractItemView::SingleSelection);
    m_conditions->setColumnWidth(0, 70);
    m_conditions->setColumnWidth(1, 60);
    m_conditions->setMinimumWidth(240);
    m_conditions->setMinimumHeight(90);
    auto* conditionsRow = new QHBoxLayout;
    conditionsRow->addWidget(m_conditions, 1);
    auto* conditionButtons = new QVBoxLayout;
    auto button = [](const QString& text, const QString& name, const QString& tip, QWidget* in) {
        auto* b = new QPushButton(text, in);
        b->setObjectName(name);
        b->setToolTip(tip);
        return b;
    };
    QPushButton* addConditionButton = button(tr("Add"), QStringLiteral("addCondition"),
                                             tr("Add a condition with no stimuli"), conditionsBox);
    QPushButton* duplicate =
        button(tr("Duplicate"), QStringLiteral("duplicateCondition"),
               tr("Copy the selected condition (stimuli and overrides)"), conditionsBox);
    QPushButton* removeConditionButton =
        button(tr("Remove"), QStringLiteral("removeCondition"),
               tr("Remove the selected condition and its perturbations"), conditionsBox);
    connect(addConditionButton, &QPushButton::clicked, this, [this] { this->addCondition(); });
    connect(duplicate, &QPushButton::clicked, this,
            [this] { duplicateCondition(currentCondition()); });
    connect(removeConditionButton, &QPushButton::clicked, this,
            [this] { this->removeCondition(currentCondition()); });
    conditionButtons->addWidget(addConditionButton);
    conditionButtons->addWidget(duplicate);
    conditionButtons->addWidget(removeConditionButton);
    conditionButtons->addStretch(1);
    conditionsRow->addLayout(conditionButtons);
    conditionsLayout->addLayout(conditionsRow, 1);
    m_conditionError = errorLine(conditionsBox, QStringLiteral("conditionError"));
    conditionsLayout->addWidget(m_conditionError);
    top->addWidget(conditionsBox, 4);

    m_conditionBox = new QGroupBox(tr("Condition"), page);
    auto* conditionLayout = new QHBoxLayout(m_conditionBox);
    conditionLayout->setContentsMargins(6, 2, 6, 4);
    auto* stimuliColumn = new QVBoxLayout;
    auto* stimuliLabel = new QLabel(tr("Stimuli on"), m_conditionBox);
    stimuliLabel->setToolTip(tr("A ticked stimulus is on only during the trials of the "
                                "conditions that tick it; a stimulus no condition ticks is "
                                "always on."));
    m_stimuli = new QListWidget(m_conditionBox);
    m_stimuli->setObjectName(QStringLiteral("conditionStimuli"));
    m_stimuli->setToolTip(stimuliLabel->toolTip());
    stimuliColumn->addWidget(stimuliLabel);
    stimuliColumn->addWidget(m_stimuli, 1);
    conditionLayout->addLayout(stimuliColumn, 2);
    auto* overridesColumn = new QVBoxLayout;
    auto* overridesLabel = new QLabel(tr("Overrides: stimulus.param = value"), m_conditionBox);
    m_overrides = new QListWidget(m_conditionBox);
    m_overrides->setObjectName(QStringLiteral("conditionOverrides"));
    m_overrides->setToolTip(tr("Parameters of ticked stimuli that differ in this condition; "
                               "double-click a line to edit it"));
    overridesColumn->addWidget(overridesLabel);
    auto* overridesRow = new QHBoxLayout;
    overridesRow->addWidget(m_overrides, 1);
    auto* overrideButtons = new QVBoxLayout;
    QPushButton* addOverrideButton =
        button(tr("Add"), QStringLiteral("addOverride"),
               tr("Override a parameter of a ticked stimulus in this condition"), m_conditionBox);
    QPushButton* removeOverrideButton = button(tr("Remove"), QStringLiteral("removeOverride"),
                                               tr("Remove the selected override"), m_conditionBox);
    overrideButtons->addWidget(addOverrideButton);
    overrideButtons->addWidget(removeOverrideButton);
    overrideButtons->addStretch(1);
    overridesRow->addLayout(overrideButtons);
    overridesColumn->addLayout(overridesRow, 1);
    conditionLayout->addLayout(overridesColumn, 3);
    top->addWidget(m_conditionBox, 5);

    auto* timingBox = new QGroupBox(tr("Trials"), page);
    auto* timingLayout = new QVBoxLayout(timingBox);
    timingLayout->setContentsMargins(6, 2, 6, 4);
    auto* form = new QGridLayout;
    form->setVerticalSpacing(4);
    m_trials = new QSpinBox(timingBox);
    m_trials->setObjectName(QStringLiteral("trials"));
    m_trials->setRange(1, 1000000);
    m_trials->setKeyboardTracking(false);
    m_trials->setToolTip(tr("Trials per condition"));
    m_trialMs = new CompactSpinBox(timingBox);
    m_trialMs->setObjectName(QStringLiteral("trialMs"));
    m_trialMs->setRange(0.001, 1e9);
    m_trialMs->setDecimals(3);
    m_trialMs->setSuffix(QStringLiteral(" ms"));
    m_trialMs->setKeyboardTracking(false);
    m_trialMs->setToolTip(tr("Length of every trial"));
    m_itiMs = new CompactSpinBox(timingBox);
    m_itiMs->setObjectName(QStringLiteral("itiMs"));
    m_itiMs->setRange(0.0, 1e9);
    m_itiMs->setDecimals(3);
    m_itiMs->setSuffix(QStringLiteral(" ms"));
    m_itiMs->setKeyboardTracking(false);
    m_itiMs->setToolTip(tr("Inter-trial interval after every trial"));
    m_order = new QComboBox(timingBox);
    m_order->setObjectName(QStringLiteral("order"));
    for (const QString& order : kOrders) {
        m_order->addItem(order, order);
    }
    m_order->setToolTip(tr("blocked: all trials of the first condition, then the next; "
                           "interleaved: one trial of each in turn; random: shuffled by the seed"));
    m_seed = new QLineEdit(timingBox);
    m_seed->setObjectName(QStringLiteral("seed"));
    m_seed->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{1,19}")), m_seed));
    m_seed->setToolTip(tr("Seed of the random order: the same seed gives the same order"));
    const std::pair<QString, QWidget*> fields[] = {{tr("Trials"), m_trials},
                                                   {tr("Order"), m_order},
                                                   {tr("Trial"), m_trialMs},
                                                   {tr("Interval"), m_itiMs},
                                                   {tr("Seed"), m_seed}};
    for (int i = 0; i < 5; ++i) {
        auto* label = new QLabel(fields[i].first, timingBox);
        label->setBuddy(fields[i].second);
        label->setToolTip(fields[i].second->toolTip());
        form->addWidget(label, i / 2, (i % 2) * 2);
        form->addWidget(fields[i].second, i / 2, (i % 2) * 2 + 1);
    }
    form->setColumnStretch(1, 1);
    form->setColumnStretch(3, 1);
    timingLayout->addLayout(form);
    m_timingError = errorLine(timingBox, QStringLiteral("timingError"));
    timingLayout->addWidget(m_timingError);
    timingLayout->addStretch(1);
    top->addWidget(timingBox, 4);
    pageLayout->addLayout(top, 1);

    auto* perturbationsBox = new QGroupBox(tr("Perturbations"), page);
    auto* perturbationsLayout = new QVBoxLayout(perturbationsBox);
    perturbationsLayout->setContentsMargins(6, 2, 6, 4);
    m_perturbations = new QTableWidget(0, PerturbationColumnCount, perturbationsBox);
    m_perturbations->setObjectName(QStringLiteral("perturbations"));
    m_perturbations->setHorizontalHeaderLabels({tr("Kind"), tr("Target"), tr("Fraction"),
                                                tr("Neurons"), tr("Start (ms)"), tr("End (ms)"),
                                                tr("Condition"), tr("Variable"), tr("Value")});
    const QStringList headerTips = {
        tr("silence, clamp, drive (neurons) or scale_weights, lesion (a projection)"),
        tr("A population (silence, clamp, drive) or a projection (scale_weights, lesion)"),
        tr("Fraction of the neurons chosen at random (lesion: of the synapses removed); "
           "empty: all"),
        tr("Neuron indices, e.g. 0, 3, 7 (instead of a fraction); empty: all"),
        tr("Start of the window (from the trial's start when a condition is set)"),
        tr("End of the window; empty: the end of the run (or trial)"),
        tr("Act during every trial of this condition"),
        tr("clamp: the state variable held"),
        tr("clamp: held value; drive: amplitude added to the input current; scale_weights: "
           "weight factor")};
    for (int c = 0; c < PerturbationColumnCount; ++c) {
        m_perturbations->horizontalHeaderItem(c)->setToolTip(headerTips[c]);
    }
    m_perturbations->verticalHeader()->setVisible(false);
    m_perturbations->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_perturbations->setSelectionMode(QAbstractItemView::SingleSelection);
    m_perturbations->horizontalHeader()->setSectionResizeMode(TargetColumn, QHeaderView::Stretch);
    const int widths[] = {110, 110, 70, 80, 80, 80, 110, 80, 70};
    for (int c = 0; c < PerturbationColumnCount; ++c) {
        m_perturbations->setColumnWidth(c, widths[c]);
    }
    m_perturbations->setMinimumHeight(100);
    auto* perturbationsRow = new QHBoxLayout;
    perturbationsRow->addWidget(m_perturbations, 1);
    auto* perturbationButtons = new QVBoxLayout;
    QPushButton* addPerturbationButton =
        button(tr("Add"), QStringLiteral("addPerturbation"),
               tr("Add a perturbation (silence of the first population)"), perturbationsBox);
    QPushButton* removePerturbationButton =
        button(tr("Remove"), QStringLiteral("removePerturbation"),
               tr("Remove the selected perturbation"), perturbationsBox);
    connect(addPerturbationButton, &QPushButton::clicked, this,
            [this] { this->addPerturbation(); });
    connect(removePerturbationButton, &QPushButton::clicked, this,
            [this] { this->removePerturbation(m_perturbations->currentRow()); });
    perturbationButtons->addWidget(addPerturbationButton);
    perturbationButtons->addWidget(removePerturbationButton);
    perturbationButtons->addStretch(1);
    perturbationsRow->addLayout(perturbationButtons);
    perturbationsLayout->addLayout(perturbationsRow, 1);
    m_perturbationError = errorLine(perturbationsBox, QStringLiteral("perturbationError"));
    perturbationsLayout->addWidget(m_perturbationError);
    pageLayout->addWidget(perturbationsBox, 1);
    m_pages->addWidget(page);

    // Edits.
    connect(m_removeProtocol, &QPushButton::clicked, this, [this] { this->removeProtocol(); });
    connect(m_conditions, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (m_updating) {
            return;
        }
        const int row = item->row();
        const QString text = item->text();
        if (item->column() == 0) {
            later([this, row, text] { renameCondition(row, text); });
        } else if (item->column() == 1) {
            later([this, row, text] { setConditionLabel(row, text); });
        }
    });
    connect(m_conditions, &QTableWidget::currentCellChanged, this, [this] {
        if (!m_updating) {
            refreshCondition();
        }
    });
    connect(m_stimuli, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
        if (!m_updating) {
            later([this, row = currentCondition(), name = item->data(Qt::UserRole).toString(),
                   on = item->checkState() == Qt::Checked] { setStimulusOn(row, name, on); });
        }
    });
    connect(m_overrides, &QListWidget::itemChanged, this, [this] {
        if (!m_updating) {
            later([this] { commitOverrides(); });
        }
    });
    connect(addOverrideButton, &QPushButton::clicked, this, [this] {
        const core::ProtocolSpec* p = protocol();
        const int row = currentCondition();
        if (p == nullptr || row < 0) {
            return;
        }
        const core::ConditionSpec& condition = p->conditions[static_cast<std::size_t>(row)];
        if (condition.stimuli.empty()) {
            setError(m_conditionError,
                     tr("Condition %1, overrides: tick a stimulus first").arg(row + 1));
            return;
        }
        // The first parameter of the first ticked stimulus, at its current value.
        const std::string& stimulus = condition.stimuli.front();
        QString line = qs(stimulus) + QStringLiteral(".param = 0");
        if (const core::StimulusSpec* spec = m_document->project().findStimulus(stimulus)) {
            const core::ModelInfo* info = m_document->registry() != nullptr
                                              ? m_document->registry()->info(spec->model)
                                              : nullptr;
            if (info != nullptr && !info->parameters.empty()) {
                const core::ParameterDescriptor& d = info->parameters.front();
                const auto set = spec->params.find(d.key);
                line = QStringLiteral("%1.%2 = %3")
                           .arg(qs(stimulus), qs(d.key),
                                number(set != spec->params.end() ? set->second : d.defaultValue));
            }
        }
        m_updating = true;
        auto* item = new QListWidgetItem(line, m_overrides);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
        m_updating = false;
        commitOverrides();
    });
    connect(removeOverrideButton, &QPushButton::clicked, this, [this] {
        const int row =
            m_overrides->currentRow() >= 0 ? m_overrides->currentRow() : m_overrides->count() - 1;
        if (row < 0) {
            return;
        }
        m_updating = true;
        delete m_overrides->takeItem(row);
        m_updating = false;
        commitOverrides();
    });
    // Each box changes its own field only (the others keep their exact values).
    connect(m_trials, &QSpinBox::valueChanged, this, [this](int value) {
        if (const core::ProtocolSpec* p = protocol(); p != nullptr && !m_updating) {
            setTiming(value, p->trialMs, p->itiMs);
        }
    });
    connect(m_trialMs, &QDoubleSpinBox::valueChanged, this, [this](double value) {
        if (const core::ProtocolSpec* p = protocol(); p != nullptr && !m_updating) {
            setTiming(p->trials, value, p->itiMs);
        }
    });
    connect(m_itiMs, &QDoubleSpinBox::valueChanged, this, [this](double value) {
        if (const core::ProtocolSpec* p = protocol(); p != nullptr && !m_updating) {
            setTiming(p->trials, p->trialMs, value);
        }
    });
    auto commitOrder = [this] {
        if (m_updating || protocol() == nullptr) {
            return;
        }
        bool ok = false;
        const quint64 seed = m_seed->text().toULongLong(&ok);
        if (!ok) {
            setError(m_timingError, tr("Seed: a whole number >= 0"));
            return;
        }
        setOrder(m_order->currentData().toString(), seed);
    };
    connect(m_order, &QComboBox::activated, this, commitOrder);
    connect(m_seed, &QLineEdit::editingFinished, this, commitOrder);
    connect(m_perturbations, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (!m_updating) {
            later([this, row = item->row(), column = item->column(), text = item->text()] {
                setPerturbationField(row, column, text);
            });
        }
    });

    connect(m_document, &Document::changed, this, &ProtocolEditor::refresh);
    connect(m_document, &Document::projectReset, this, &ProtocolEditor::refresh);
    refresh();
}

void ProtocolEditor::later(std::function<void()> edit) {
    // After the signal that asked for it: the edit's refresh replaces the cells and items,
    // which must not happen while they are still emitting.
    QMetaObject::invokeMethod(this, std::move(edit), Qt::QueuedConnection);
}

const core::ProtocolSpec* ProtocolEditor::protocol() const {
    const auto& p = m_document->project().protocol;
    return p.has_value() ? &*p : nullptr;
}

QString ProtocolEditor::summaryText() const {
    return m_summary->text();
}

QString ProtocolEditor::errorText() const {
    QStringList lines;
    for (const QLabel* label : {m_conditionError, m_timingError, m_perturbationError}) {
        if (!label->text().isEmpty()) {
            lines << label->text();
        }
    }
    return lines.join(QLatin1Char('\n'));
}

int ProtocolEditor::currentCondition() const {
    const core::ProtocolSpec* p = protocol();
    const int row = m_conditions->currentRow();
    if (p == nullptr || row < 0 || row >= std::ssize(p->conditions)) {
        return p != nullptr && !p->conditions.empty() ? 0 : -1;
    }
    return row;
}

void ProtocolEditor::setCurrentCondition(int row) {
    m_conditions->setCurrentCell(row, 0);
}

bool ProtocolEditor::commit(const std::optional<core::ProtocolSpec>& next, const QString& text) {
    QString error;
    if (ProtocolEdits::setProtocol(*m_document, next, text, &error)) {
        return true;
    }
    if (!error.isEmpty()) {
        showError(error);
    }
    return false;
}

void ProtocolEditor::clearErrors() {
    for (QLabel* label : {m_conditionError, m_timingError, m_perturbationError}) {
        setError(label, {});
    }
}

void ProtocolEditor::showError(const QString& error) {
    clearErrors();
    // "protocol.perturbations[0].fraction: must be in [0, 1]" -> "Perturbation 1, fraction: ..."
    static const QRegularExpression element(QStringLiteral(
        R"(^protocol\.(perturbations|conditions)\[(\d+)\](?:\.([A-Za-z_]+)[^:]*)?: (.*)$)"));
    static const QRegularExpression member(QStringLiteral(R"(^protocol\.([A-Za-z_]+): (.*)$)"));
    const QRegularExpressionMatch m = element.match(error);
    if (m.hasMatch()) {
        const int row = m.captured(2).toInt();
        const QString field = m.captured(3);
        const bool perturbation = m.captured(1) == QLatin1String("perturbations");
        QString text = (perturbation ? tr("Perturbation %1") : tr("Condition %1")).arg(row + 1);
        if (!field.isEmpty()) {
            text += QStringLiteral(", ") + fieldName(field);
        }
        text += QStringLiteral(": ") + m.captured(4);
        if (!perturbation) {
            setError(m_conditionError, text);
            return;
        }
        setError(m_perturbationError, text);
        for (int c = 0; c < PerturbationColumnCount; ++c) {
            const bool named = field == QLatin1String(kColumnKeys[c]) ||
                               (c == ValueColumn && (field == QLatin1String("amplitude") ||
                                                     field == QLatin1String("factor")));
            if (named && row < m_perturbations->rowCount()) {
                if (QTableWidgetItem* item = m_perturbations->item(row, c)) {
                    m_updating = true;
                    item->setBackground(QColor(255, 200, 200));
                    item->setToolTip(text);
                    m_updating = false;
                }
            }
        }
        return;
    }
    const QRegularExpressionMatch t = member.match(error);
    if (t.hasMatch()) {
        QString field = fieldName(t.captured(1));
        field[0] = field[0].toUpper();
        setError(m_timingError, field + QStringLiteral(": ") + t.captured(2));
        return;
    }
    setError(m_timingError, error);
}

void ProtocolEditor::refresh() {
    const core::ProtocolSpec* p = protocol();
    clearErrors();
    m_removeProtocol->setVisible(p != nullptr);
    if (p == nullptr) {
        m_summary->setText(tr("No protocol: a run lasts the simulation's duration (%1 s).")
                               .arg(number(m_document->project().simulation.durationS)));
        m_pages->setCurrentIndex(0);
        return;
    }
    m_pages->setCurrentIndex(1);
    const std::size_t trials = p->conditions.size() * static_cast<std::size_t>(p->trials);
    QString length;
    try {
        length = number(core::TrialSchedule::runLengthS(m_document->project()));
    } catch (const std::exception&) {
        length = QStringLiteral("?");
    }
    m_summary->setText(tr("%1 %2 (%3 %4 \u00d7 %5), run length %6 s")
                           .arg(trials)
                           .arg(trials == 1 ? tr("trial") : tr("trials"))
                           .arg(p->conditions.size())
                           .arg(p->conditions.size() == 1 ? tr("condition") : tr("conditions"))
                           .arg(p->trials)
                           .arg(length));

    m_updating = true;
    const int selected = std::min(std::max(m_conditions->currentRow(), 0),
                                  static_cast<int>(p->conditions.size()) - 1);
    m_conditions->setRowCount(static_cast<int>(p->conditions.size()));
    for (std::size_t i = 0; i < p->conditions.size(); ++i) {
        const core::ConditionSpec& c = p->conditions[i];
        const int row = static_cast<int>(i);
        m_conditions->setItem(row, 0, new QTableWidgetItem(qs(c.name)));
        m_conditions->setItem(row, 1, new QTableWidgetItem(qs(c.label)));
        QStringList on;
        for (const std::string& s : c.stimuli) {
            on << (c.stimulusParams.count(s) != 0 ? qs(s) + QStringLiteral("*") : qs(s));
        }
        auto* stimuli =
            new QTableWidgetItem(on.isEmpty() ? tr("(none)") : on.join(QStringLiteral(", ")));
        stimuli->setFlags(stimuli->flags() & ~Qt::ItemIsEditable);
        stimuli->setToolTip(tr("Ticked under Condition; * marks stimuli with overrides"));
        m_conditions->setItem(row, 2, stimuli);
    }
    m_conditions->setCurrentCell(selected, 0);
    {
        const QSignalBlocker b1(m_trials);
        const QSignalBlocker b2(m_trialMs);
        const QSignalBlocker b3(m_itiMs);
        m_trials->setValue(p->trials);
        m_trialMs->setValue(p->trialMs);
        m_itiMs->setValue(p->itiMs);
    }
    m_order->setCurrentIndex(std::max(0, static_cast<int>(kOrders.indexOf(qs(p->order)))));
    m_seed->setText(QString::number(p->seed));
    m_seed->setEnabled(p->order == "random");
    m_updating = false;
    refreshCondition();
    refreshPerturbations();
}

void ProtocolEditor::refreshCondition() {
    const core::ProtocolSpec* p = protocol();
    const int row = currentCondition();
    m_updating = true;
    m_stimuli->clear();
    m_overrides->clear();
    if (p != nullptr && row >= 0) {
        const core::ConditionSpec& c = p->conditions[static_cast<std::size_t>(row)];
        m_conditionBox->setTitle(tr("Condition %1").arg(qs(c.name)));
        for (const core::StimulusSpec& s : m_document->project().stimuli) {
            auto* item = new QListWidgetItem(qs(s.name), m_stimuli);
            item->setData(Qt::UserRole, qs(s.name));
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            const bool on =
                std::find(c.stimuli.begin(), c.stimuli.end(), s.name) != c.stimuli.end();
            item->setCheckState(on ? Qt::Checked : Qt::Unchecked);
        }
        for (const auto& [stimulus, params] : c.stimulusParams) {
            for (const auto& [key, value] : params) {
                auto* item = new QListWidgetItem(
                    QStringLiteral("%1.%2 = %3").arg(qs(stimulus), qs(key), number(value)),
                    m_overrides);
                item->setFlags(item->flags() | Qt::ItemIsEditable);
            }
        }
    }
    m_updating = false;
}

QTableWidgetItem* ProtocolEditor::perturbationItem(int row, int column, const QString& text,
                                                   bool editable) {
    auto* item = new QTableWidgetItem(editable ? text : QStringLiteral("\u2014"));
    if (!editable) {
        item->setFlags(item->flags() & ~Qt::ItemIsEditable);
        item->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
        item->setToolTip(tr("Does not apply to this kind"));
    }
    m_perturbations->setItem(row, column, item);
    return item;
}

void ProtocolEditor::refreshPerturbations() {
    const core::ProtocolSpec* p = protocol();
    m_updating = true;
    const int selected = m_perturbations->currentRow();
    m_perturbations->clearContents();
    const int rows = p != nullptr ? static_cast<int>(p->perturbations.size()) : 0;
    m_perturbations->setRowCount(rows);
    const core::ProjectSpec& project = m_document->project();
    for (int row = 0; row < rows; ++row) {
        const core::PerturbationSpec& q = p->perturbations[static_cast<std::size_t>(row)];
        const bool neurons = q.actsOnNeurons();
        auto* kind = new QComboBox(m_perturbations);
        kind->setObjectName(QStringLiteral("kind%1").arg(row));
        for (const QString& k : kKinds) {
            kind->addItem(k, k);
        }
        kind->setCurrentIndex(std::max(0, static_cast<int>(kKinds.indexOf(qs(q.kind)))));
        m_perturbations->setCellWidget(row, KindColumn, kind);
        connect(kind, &QComboBox::activated, this, [this, row, kind] {
            later([this, row, text = kind->currentData().toString()] {
                setPerturbationField(row, KindColumn, text);
            });
        });
        auto* target = new QComboBox(m_perturbations);
        target->setObjectName(QStringLiteral("target%1").arg(row));
        if (neurons) {
            for (const core::PopulationSpec& pop : project.populations) {
                target->addItem(qs(pop.name), qs(pop.name));
            }
        } else {
            for (const core::ProjectionSpec& proj : project.projections) {
                target->addItem(qs(proj.name), qs(proj.name));
            }
        }
        if (target->findData(qs(q.target)) < 0) {
            target->addItem(qs(q.target), qs(q.target));
        }
        target->setCurrentIndex(target->findData(qs(q.target)));
        m_perturbations->setCellWidget(row, TargetColumn, target);
        connect(target, &QComboBox::activated, this, [this, row, target] {
            later([this, row, text = target->currentData().toString()] {
                setPerturbationField(row, TargetColumn, text);
            });
        });
        perturbationItem(row, FractionColumn, q.fraction ? number(*q.fraction) : QString(), true);
        QStringList indices;
        for (const std::int64_t n : q.neurons) {
            indices << QString::number(n);
        }
        perturbationItem(row, NeuronsColumn, indices.join(QStringLiteral(", ")), neurons);
        perturbationItem(row, StartColumn, number(q.startMs), true);
        perturbationItem(row, EndColumn, q.endMs ? number(*q.endMs) : QString(), neurons);
        auto* condition = new QComboBox(m_perturbations);
        condition->setObjectName(QStringLiteral("condition%1").arg(row));
        condition->addItem(tr("(whole run)"), QString());
        for (const core::ConditionSpec& c : p->conditions) {
            condition->addItem(qs(c.name), qs(c.name));
        }
        condition->setCurrentIndex(std::max(0, condition->findData(qs(q.condition))));
        condition->setEnabled(neurons);
        m_perturbations->setCellWidget(row, ConditionColumn, condition);
        connect(condition, &QComboBox::activated, this, [this, row, condition] {
            later([this, row, text = condition->currentData().toString()] {
                setPerturbationField(row, ConditionColumn, text);
            });
        });
        perturbationItem(row, VariableColumn, qs(q.variable), q.kind == "clamp");
        core::PerturbationSpec copy = q;
        const double* value = valueField(copy);
        perturbationItem(row, ValueColumn, value != nullptr ? number(*value) : QString(),
                         value != nullptr);
    }
    if (selected >= 0 && selected < rows) {
        m_perturbations->setCurrentCell(selected, 0);
    }
    m_updating = false;
}

bool ProtocolEditor::addProtocol() {
    if (protocol() != nullptr) {
        return false;
    }
    return commit(ProtocolEdits::defaultProtocol(m_document->project()), tr("Add protocol"));
}

bool ProtocolEditor::removeProtocol() {
    if (protocol() == nullptr) {
        return false;
    }
    return commit(std::nullopt, tr("Remove protocol"));
}

bool ProtocolEditor::addCondition() {
    const core::ProtocolSpec* p = protocol();
    if (p == nullptr) {
        return false;
    }
    core::ProtocolSpec after = *p;
    core::ConditionSpec condition;
    for (char letter = 'A'; letter <= 'Z' && condition.name.empty(); ++letter) {
        if (after.conditionIndex(std::string(1, letter)) < 0) {
            condition.name = std::string(1, letter);
        }
    }
    if (condition.name.empty()) {
        condition.name = ProtocolEdits::uniqueConditionName(after, "condition");
    }
    const QString name = qs(condition.name);
    after.conditions.push_back(std::move(condition));
    if (!commit(after, tr("Add condition %1").arg(name))) {
        return false;
    }
    setCurrentCondition(static_cast<int>(after.conditions.size()) - 1);
    return true;
}

bool ProtocolEditor::duplicateCondition(int row) {
    const core::ProtocolSpec* p = protocol();
    if (p == nullptr || row < 0 || row >= std::ssize(p->conditions)) {
        return false;
    }
    core::ProtocolSpec after = *p;
    core::ConditionSpec copy = after.conditions[static_cast<std::size_t>(row)];
    copy.name = ProtocolEdits::uniqueConditionName(after, copy.name + " copy");
    const QString name = qs(copy.name);
    after.conditions.insert(after.conditions.begin() + row + 1, std::move(copy));
    if (!commit(after, tr("Duplicate condition as %1").arg(name))) {
        return false;
    }
    setCurrentCondition(row + 1);
    return true;
}

bool ProtocolEditor::removeCondition(int row) {
    const core::ProtocolSpec* p = protocol();
    if (p == nullptr || row < 0 || row >= std::ssize(p->conditions)) {
        return false;
    }
    if (p->conditions.size() == 1) {
        setError(m_conditionError, tr("Condition 1: a protocol needs at least one condition "
                                      "(Remove protocol goes back to a plain run)"));
        return false;
    }
    core::ProtocolSpec after = *p;
    const std::string name = after.conditions[static_cast<std::size_t>(row)].name;
    after.conditions.erase(after.conditions.begin() + row);
    std::erase_if(after.perturbations,
                  [&](const core::PerturbationSpec& q) { return q.condition == name; });
    return commit(after, tr("Remove condition %1").arg(qs(name)));
}

bool ProtocolEditor::renameCondition(int row, const QString& name) {
    const core::ProtocolSpec* p = protocol();
    if (p == nullptr || row < 0 || row >= std::ssize(p->conditions)) {
        return false;
    }
    core::ProtocolSpec after = *p;
    const std::string from = after.conditions[static_cast<std::size_t>(row)].name;
    const std::string to = name.trimmed().toStdString();
    if (from == to) {
        return false;
    }
    if (after.conditionIndex(to) >= 0) {
        setError(m_conditionError, tr("Condition %1, name: a condition called \"%2\" already "
                                      "exists")
                                       .arg(row + 1)
                                       .arg(qs(to)));
        return false;
    }
    ProtocolEdits::renameCondition(after, from, to);
    return commit(after, tr("Rename condition %1 to %2").arg(qs(from), qs(to)));
}

bool ProtocolEditor::setConditionLabel(int row, const QString& label) {
    const core::ProtocolSpec* p = protocol();
    if (p == nullptr || row < 0 || row >= std::ssize(p->conditions)) {
        return false;
    }
    core::ProtocolSpec after = *p;
    after.conditions[static_cast<std::size_t>(row)].label = label.trimmed().toStdString();
    return commit(
        after, tr("Label condition %1").arg(qs(p->conditions[static_cast<std::size_t>(row)].name)));
}

bool ProtocolEditor::setStimulusOn(int row, const QString& stimulus, bool on) {
    const core::ProtocolSpec* p = protocol();
    if (p == nullptr || row < 0 || row >= std::ssize(p->conditions)) {
        return false;
    }
    core::ProtocolSpec after = *p;
    core::ConditionSpec& c = after.conditions[static_cast<std::size_t>(row)];
    const std::string name = stimulus.toStdString();
    const auto it = std::find(c.stimuli.begin(), c.stimuli.end(), name);
    if (on == (it != c.stimuli.end())) {
        return false;
    }
    if (on) {
        c.stimuli.push_back(name);
    } else {
        c.stimuli.erase(it);
        c.stimulusParams.erase(name);
    }
    return commit(after, (on ? tr("Switch %1 on in condition %2")
                             : tr("Switch %1 off in "
                                  "condition %2"))
                             .arg(stimulus, qs(c.name)));
}

bool ProtocolEditor::setOverrides(int row, const QStringList& lines) {
    const core::ProtocolSpec* p = protocol();
    if (p == nullptr || row < 0 || row >= std::ssize(p->conditions)) {
        return false;
    }
    core::ProtocolSpec after = *p;
    core::ConditionSpec& c = after.conditions[static_cast<std::size_t>(row)];
    std::map<std::string, std::map<std::string, double>> overrides;
    static const QRegularExpression line(QStringLiteral(R"(^\s*(.+)\.([^.=\s]+)\s*=\s*(\S+)\s*$)"));
    for (int i = 0; i < lines.size(); ++i) {
        const QRegularExpressionMatch m = line.match(lines[i]);
        bool ok = false;
        const double value = m.hasMatch() ? QLocale::c().toDouble(m.captured(3), &ok) : 0.0;
        if (!ok) {
            setError(m_conditionError,
                     tr("Condition %1, override %2: \"%3\" is not stimulus.param = number")
                         .arg(row + 1)
                         .arg(i + 1)
                         .arg(lines[i].trimmed()));
            return false;
        }
        const std::string stimulus = m.captured(1).trimmed().toStdString();
        const std::string key = m.captured(2).toStdString();
        if (const core::StimulusSpec* spec = m_document->project().findStimulus(stimulus)) {
            const core::ModelInfo* info = m_document->registry() != nullptr
                                              ? m_document->registry()->info(spec->model)
                                              : nullptr;
            if (info != nullptr &&
                std::none_of(info->parameters.begin(), info->parameters.end(),
                             [&](const core::ParameterDescriptor& d) { return d.key == key; })) {
                setError(m_conditionError,
                         tr("Condition %1, override %2: model \"%3\" of %4 has no parameter "
                            "\"%5\"")
                             .arg(row + 1)
                             .arg(i + 1)
                             .arg(qs(spec->model), qs(stimulus), qs(key)));
                return false;
            }
        }
        overrides[stimulus][key] = value;
    }
    if (overrides == c.stimulusParams) {
        return false;
    }
    c.stimulusParams = std::move(overrides);
    return commit(after, tr("Edit overrides of condition %1").arg(qs(c.name)));
}

void ProtocolEditor::commitOverrides() {
    QStringList lines;
    for (int i = 0; i < m_overrides->count(); ++i) {
        lines << m_overrides->item(i)->text();
    }
    setOverrides(currentCondition(), lines);
}

bool ProtocolEditor::setTiming(int trials, double trialMs, double itiMs) {
    const core::ProtocolSpec* p = protocol();
    if (p == nullptr) {
        return false;
    }
    core::ProtocolSpec after = *p;
    after.trials = trials;
    after.trialMs = trialMs;
    after.itiMs = itiMs;
    return commit(after, tr("Edit trial timing"));
}

bool ProtocolEditor::setOrder(const QString& order, quint64 seed) {
    const core::ProtocolSpec* p = protocol();
    if (p == nullptr) {
        return false;
    }
    core::ProtocolSpec after = *p;
    after.order = order.toStdString();
    after.seed = seed;
    return commit(after, tr("Set trial order %1").arg(order));
}

bool ProtocolEditor::addPerturbation() {
    const core::ProtocolSpec* p = protocol();
    const core::ProjectSpec& project = m_document->project();
    if (p == nullptr) {
        return false;
    }
    core::ProtocolSpec after = *p;
    core::PerturbationSpec q;
    if (!project.populations.empty()) {
        q.kind = "silence";
        q.target = project.populations.front().name;
    } else if (!project.projections.empty()) {
        q.kind = "scale_weights";
        q.target = project.projections.front().name;
    } else {
        setError(m_perturbationError, tr("Perturbations act on populations or projections: "
                                         "the project has none"));
        return false;
    }
    after.perturbations.push_back(q);
    return commit(after, tr("Add perturbation"));
}

bool ProtocolEditor::removePerturbation(int row) {
    const core::ProtocolSpec* p = protocol();
    if (p == nullptr || p->perturbations.empty()) {
        return false;
    }
    if (row < 0 || row >= std::ssize(p->perturbations)) {
        row = static_cast<int>(p->perturbations.size()) - 1;
    }
    core::ProtocolSpec after = *p;
    after.perturbations.erase(after.perturbations.begin() + row);
    return commit(after, tr("Remove perturbation %1").arg(row + 1));
}

bool ProtocolEditor::setPerturbationField(int row, int column, const QString& text) {
    const core::ProtocolSpec* p = protocol();
    if (p == nullptr || row < 0 || row >= std::ssize(p->perturbations) || column < 0 ||
        column >= PerturbationColumnCount) {
        return false;
    }
    core::ProtocolSpec after = *p;
    core::PerturbationSpec& q = after.perturbations[static_cast<std::size_t>(row)];
    const QString value = text.trimmed();
    const QString where =
        tr("Perturbation %1, %2").arg(row + 1).arg(fieldName(QLatin1String(kColumnKeys[column])));
    auto refuse = [&](const QString& why) {
        showError(QStringLiteral("protocol.perturbations[%1].%2: %3")
                      .arg(row)
                      .arg(QLatin1String(kColumnKeys[column]), why));
        return false;
    };
    auto toNumber = [&](double& out) {
        bool ok = false;
        out = QLocale::c().toDouble(value, &ok);
        return ok;
    };
    const core::ProjectSpec& project = m_document->project();
    switch (column) {
    case KindColumn: {
        if (!kKinds.contains(value)) {
            return refuse(
                tr("unknown kind \"%1\" (%2)").arg(value, kKinds.join(QStringLiteral(", "))));
        }
        const bool wasNeurons = q.actsOnNeurons();
        q.kind = value.toStdString();
        if (q.actsOnNeurons() != wasNeurons) {
            // A population for neuron kinds, a projection for the others.
            if (q.actsOnNeurons()) {
                q.target = project.populations.empty() ? "" : project.populations.front().name;
            } else {
                q.target = project.projections.empty() ? "" : project.projections.front().name;
                q.neurons.clear();
                q.endMs.reset();
                q.condition.clear();
            }
        }
        if (q.kind == "clamp" && q.variable.empty()) {
            // The first state variable of the target's model (the membrane potential).
            q.variable = kClampVariable;
            const core::PopulationSpec* population = project.findPopulation(q.target);
            const core::ModelInfo* info = population != nullptr && m_document->registry() != nullptr
                                              ? m_document->registry()->info(population->model)
                                              : nullptr;
            if (info != nullptr && !info->stateVariables.empty()) {
                q.variable = info->stateVariables.front().key;
            }
        }
        if (q.kind != "clamp") {
            q.variable.clear();
        }
        if (q.kind == "lesion" && !q.fraction) {
            q.fraction = 0.5;
        }
        break;
    }
    case TargetColumn:
        q.target = value.toStdString();
        break;
    case FractionColumn:
        if (value.isEmpty()) {
            q.fraction.reset();
        } else {
            double f = 0.0;
            if (!toNumber(f)) {
                return refuse(tr("\"%1\" is not a number").arg(value));
            }
            q.fraction = f;
        }
        break;
    case NeuronsColumn: {
        q.neurons.clear();
        const QStringList parts =
            value.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
        for (const QString& part : parts) {
            bool ok = false;
            const qlonglong n = part.toLongLong(&ok);
            if (!ok || n < 0) {
                return refuse(tr("\"%1\" is not a neuron index (a whole number >= 0)").arg(part));
            }
            q.neurons.push_back(n);
        }
        break;
    }
    case StartColumn: {
        double v = 0.0;
        if (!toNumber(v)) {
            return refuse(tr("\"%1\" is not a number").arg(value));
        }
        q.startMs = v;
        break;
    }
    case EndColumn:
        if (value.isEmpty()) {
            q.endMs.reset();
        } else {
            double v = 0.0;
            if (!toNumber(v)) {
                return refuse(tr("\"%1\" is not a number").arg(value));
            }
            q.endMs = v;
        }
        break;
    case ConditionColumn:
        q.condition = value.toStdString();
        break;
    case VariableColumn:
        q.variable = value.toStdString();
        break;
    case ValueColumn: {
        double* field = valueField(q);
        double v = 0.0;
        if (field == nullptr) {
            return false;
        }
        if (!toNumber(v)) {
            return refuse(tr("\"%1\" is not a number").arg(value));
        }
        *field = v;
        break;
    }
    default:
        return false;
    }
    if (after == *p) {
        return false;
    }
    return commit(after, tr("Edit %1").arg(where.toLower()));
}

} // namespace plexus::widgets
