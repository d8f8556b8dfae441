#include "plexus/widgets/analysis/ReadoutView.h"

#include "plexus/widgets/analysis/ConfusionMatrixView.h"
#include "plexus/widgets/analysis/MemoryCapacityView.h"
#include "plexus/widgets/analysis/OptionBar.h"
#include "plexus/widgets/analysis/PredictionView.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace plexus::widgets {

namespace {

using Task = AnalysisResult::ReadoutTask;
using Input = AnalysisJob::ReadoutInput::Kind;
using Filter = analysis::ReadoutStates::Filter;

} // namespace

ReadoutView::ReadoutView(QWidget* parent)
    : QWidget(parent) {
    const AnalysisJob::ReadoutSettings defaults;
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 0);
    layout->setSpacing(2);

    auto* bar = OptionBar::row();
    m_task = new QComboBox(this);
    m_task->addItem(tr("Classify conditions"), static_cast<int>(Task::Classify));
    m_task->addItem(tr("Memory capacity"), static_cast<int>(Task::MemoryCapacity));
    m_task->addItem(tr("NARMA-10"), static_cast<int>(Task::Narma10));
    m_task->addItem(tr("Regress input"), static_cast<int>(Task::Regress));
    m_task->setToolTip(tr("What the ridge readout of the network states is trained to do"));
    m_filter = new QComboBox(this);
    m_filter->addItem(tr("State τ"), static_cast<int>(Filter::Exponential));
    m_filter->addItem(tr("State bin"), static_cast<int>(Filter::Count));
    m_filter->setToolTip(tr("Spike trains through exp(-t/τ), or spike counts in (t - bin, t]"));
    m_filterMs = OptionBar::number(this, 0.1, 1.0e5, defaults.states.tauMs, 1, tr(" ms"));
    m_folds = OptionBar::integer(this, 2, 100, static_cast<int>(defaults.folds), tr("CV folds "),
                                 tr("Folds of the cross-validation that chooses the ridge λ "
                                    "(across trials or blocks)"));
    m_trialsNote = new QLabel(tr("Trials: the epochs under Conditions"), this);
    m_trialsNote->setForegroundRole(QPalette::PlaceholderText);
    bar->addWidget(m_task);
    bar->addWidget(m_filter);
    bar->addWidget(m_filterMs);
    bar->addWidget(m_folds);
    bar->addWidget(m_trialsNote);
    bar->addStretch(1);
    layout->addLayout(bar);

    m_inputRow = new QWidget(this);
    auto* input = OptionBar::row();
    m_inputRow->setLayout(input);
    m_input = new QComboBox(m_inputRow);
    m_input->addItem(tr("Uniform [0, 1)"), static_cast<int>(Input::Uniform));
    m_input->addItem(tr("NARMA input [0, 0.5)"), static_cast<int>(Input::Narma));
    m_input->addItem(tr("CSV file"), static_cast<int>(Input::Csv));
    m_input->setToolTip(tr("The input signal u(n) the network was driven with"));
    m_step = OptionBar::number(m_inputRow, 0.1, 1.0e5, defaults.input.stepMs, 1, tr(" ms"), {},
                               tr("step "));
    m_seed = OptionBar::integer(m_inputRow, 0, 1 << 30, static_cast<int>(defaults.input.seed),
                                tr("seed "));
    m_path = new QLineEdit(m_inputRow);
    m_path->setPlaceholderText(tr("input.csv (time_ms,value)"));
    m_browse = new QToolButton(m_inputRow);
    m_browse->setText(tr("…"));
    m_browse->setToolTip(tr("Choose the input signal's CSV file"));
    m_delays =
        OptionBar::integer(m_inputRow, 1, 10000, static_cast<int>(defaults.delays), tr("delays "));
    input->addWidget(new QLabel(tr("Input"), m_inputRow));
    input->addWidget(m_input);
    input->addWidget(m_step);
    input->addWidget(m_seed);
    input->addWidget(m_path, 1);
    input->addWidget(m_browse);
    input->addWidget(m_delays);
    input->addStretch(0);
    layout->addWidget(m_inputRow);

    m_pages = new QStackedWidget(this);
    m_confusion = new ConfusionMatrixView(m_pages);
    m_memory = new MemoryCapacityView(m_pages);
    m_prediction = new PredictionView(m_pages);
    m_pages->addWidget(m_confusion);
    m_pages->addWidget(m_memory);
    m_pages->addWidget(m_prediction);
    layout->addWidget(m_pages, 1);

    connect(m_task, &QComboBox::currentIndexChanged, this, [this] {
        // NARMA-10 needs its own input range.
        const auto task = static_cast<Task>(m_task->currentData().toInt());
        if (task == Task::Narma10 &&
            m_input->currentData().toInt() == static_cast<int>(Input::Uniform)) {
            m_input->setCurrentIndex(m_input->findData(static_cast<int>(Input::Narma)));
        }
        updateOptions();
        Q_EMIT settingsChanged();
    });
    connect(m_input, &QComboBox::currentIndexChanged, this, [this] {
        updateOptions();
        Q_EMIT settingsChanged();
    });
    connect(m_filter, &QComboBox::currentIndexChanged, this, [this] {
        const bool tau = m_filter->currentData().toInt() == static_cast<int>(Filter::Exponential);
        const QSignalBlocker block(m_filterMs);
        m_filterMs->setValue(tau ? 30.0 : 10.0);
        Q_EMIT settingsChanged();
    });
    for (QDoubleSpinBox* box : {m_filterMs, m_step}) {
        connect(box, &QDoubleSpinBox::valueChanged, this, &ReadoutView::settingsChanged);
    }
    for (QSpinBox* box : {m_folds, m_seed, m_delays}) {
        connect(box, &QSpinBox::valueChanged, this, &ReadoutView::settingsChanged);
    }
    connect(m_path, &QLineEdit::editingFinished, this, &ReadoutView::settingsChanged);
    connect(m_browse, &QToolButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Input signal"), m_path->text(),
                                                          tr("CSV files (*.csv);;All files (*)"));
        if (!file.isEmpty()) {
            m_path->setText(file);
            Q_EMIT settingsChanged();
        }
    });
    updateOptions();
    setResult(nullptr);
}

ReadoutView::~ReadoutView() = default;

void ReadoutView::updateOptions() {
    const auto task = static_cast<Task>(m_task->currentData().toInt());
    const bool classify = task == Task::Classify;
    const bool csv = m_input->currentData().toInt() == static_cast<int>(Input::Csv);
    m_inputRow->setVisible(!classify);
    m_trialsNote->setVisible(classify);
    m_step->setVisible(!csv);
    m_seed->setVisible(!csv);
    m_path->setVisible(csv);
    m_browse->setVisible(csv);
    m_delays->setVisible(task == Task::MemoryCapacity);
    m_pages->setCurrentWidget(classify                       ? static_cast<QWidget*>(m_confusion)
                              : task == Task::MemoryCapacity ? static_cast<QWidget*>(m_memory)
                                                             : static_cast<QWidget*>(m_prediction));
}

QWidget* ReadoutView::currentView() const {
    return m_pages->currentWidget();
}

AnalysisJob::ReadoutSettings ReadoutView::settings() const {
    AnalysisJob::ReadoutSettings s;
    s.task = static_cast<Task>(m_task->currentData().toInt());
    s.states.filter = static_cast<Filter>(m_filter->currentData().toInt());
    if (s.states.filter == Filter::Exponential) {
        s.states.tauMs = m_filterMs->value();
    } else {
        s.states.binMs = m_filterMs->value();
    }
    s.folds = static_cast<std::size_t>(m_folds->value());
    s.delays = static_cast<std::size_t>(m_delays->value());
    s.input.kind = static_cast<Input>(m_input->currentData().toInt());
    s.input.stepMs = m_step->value();
    s.input.seed = static_cast<std::uint64_t>(m_seed->value());
    s.input.path = m_path->text().toStdString();
    return s;
}

void ReadoutView::setSettings(const AnalysisJob::ReadoutSettings& s) {
    m_task->setCurrentIndex(m_task->findData(static_cast<int>(s.task)));
    m_filter->setCurrentIndex(m_filter->findData(static_cast<int>(s.states.filter)));
    m_filterMs->setValue(s.states.filter == Filter::Exponential ? s.states.tauMs : s.states.binMs);
    m_folds->setValue(static_cast<int>(s.folds));
    m_delays->setValue(static_cast<int>(s.delays));
    m_input->setCurrentIndex(m_input->findData(static_cast<int>(s.input.kind)));
    m_step->setValue(s.input.stepMs);
    m_seed->setValue(static_cast<int>(s.input.seed));
    m_path->setText(QString::fromStdString(s.input.path));
    updateOptions();
}

void ReadoutView::setResult(std::shared_ptr<const AnalysisResult> result) {
    const AnalysisResult::Readout* readout =
        result && result->readout ? &*result->readout : nullptr;
    const QString error =
        !result ? tr("Nothing to analyse yet")
        : !result->readoutError.empty()
            ? tr("No readout: %1").arg(QString::fromStdString(result->readoutError))
            : QString();
    m_memory->setReadout(readout, error);
    m_confusion->setReadout(readout, error);
    m_prediction->setReadout(readout, error);
}

} // namespace plexus::widgets
