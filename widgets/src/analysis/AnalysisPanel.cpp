#include "plexus/widgets/analysis/AnalysisPanel.h"

#include "plexus/core/base/Error.h"
#include "plexus/widgets/analysis/AnalysisExport.h"
#include "plexus/widgets/analysis/AnalysisRunner.h"
#include "plexus/widgets/analysis/ConditionTable.h"
#include "plexus/widgets/analysis/DynamicsView.h"
#include "plexus/widgets/analysis/OptionBar.h"
#include "plexus/widgets/analysis/ReadoutView.h"
#include "plexus/widgets/analysis/RsaView.h"
#include "plexus/widgets/analysis/SpikeStatisticsView.h"
#include "plexus/widgets/analysis/TrajectoryView.h"
#include "plexus/widgets/live/LiveRecording.h"
#include "plexus/widgets/plots/CountText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <map>
#include <set>

namespace plexus::widgets {

namespace {

/// True when two epochs share a name (the conditions have repeats).
bool hasRepeats(const std::vector<analysis::ConditionEpoch>& epochs) {
    std::set<std::string> seen;
    for (const auto& e : epochs) {
        if (!seen.insert(e.name).second) {
            return true;
        }
    }
    return false;
}

constexpr int kSettingsDelayMs = 150;

} // namespace

AnalysisPanel::AnalysisPanel(const LiveRecording* recording, QWidget* parent)
    : QWidget(parent) {
    m_runner = new AnalysisRunner(this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    // Settings bar.
    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 2);
    bar->setSpacing(6);
    m_units = new QComboBox(this);
    m_units->addItem(tr("Neurons"), static_cast<int>(analysis::UnitResolution::Neuron));
    m_units->addItem(tr("Population means"),
                     static_cast<int>(analysis::UnitResolution::Population));
    m_units->setToolTip(tr("Units of the activity: every neuron, or one mean rate per population"));
    m_bin = new QDoubleSpinBox(this);
    m_bin->setRange(0.1, 1.0e5);
    m_bin->setDecimals(1);
    m_bin->setValue(10.0);
    m_bin->setSuffix(tr(" ms"));
    m_bin->setToolTip(tr("Bin width: the time step of the trajectories"));
    m_bin->setKeyboardTracking(false);
    m_kernel = new QComboBox(this);
    m_kernel->addItem(tr("Counts"), static_cast<int>(analysis::SmoothingKernel::None));
    m_kernel->addItem(tr("Gaussian"), static_cast<int>(analysis::SmoothingKernel::Gaussian));
    m_kernel->addItem(tr("Causal exp."), static_cast<int>(analysis::SmoothingKernel::Exponential));
    m_kernel->setCurrentIndex(1);
    m_kernel->setToolTip(tr("Spike counts per bin, or rates smoothed with a kernel"));
    m_sigma = new QDoubleSpinBox(this);
    m_sigma->setRange(0.1, 1.0e5);
    m_sigma->setDecimals(1);
    m_sigma->setValue(20.0);
    m_sigma->setPrefix(tr("σ "));
    m_sigma->setSuffix(tr(" ms"));
    m_sigma->setToolTip(tr("Gaussian standard deviation or exponential time constant"));
    m_sigma->setKeyboardTracking(false);
    m_shuffles = new QSpinBox(this);
    m_shuffles->setRange(0, 10000);
    m_shuffles->setValue(20);
    m_shuffles->setToolTip(tr("Shuffled copies per control of the trajectory metrics (0: none)"));
    m_shuffles->setKeyboardTracking(false);
    m_live = new QCheckBox(tr("Live"), this);
    m_live->setChecked(true);
    m_live->setToolTip(tr("Recompute while the simulation runs"));
    m_update = new QToolButton(this);
    m_update->setText(tr("Update"));
    m_update->setToolTip(tr("Recompute now"));
    m_cancel = new QToolButton(this);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop the computation"));
    m_cancel->hide();
    m_export = new QToolButton(this);
    m_export->setText(tr("Export data…"));
    m_export->setToolTip(tr("Save the shown matrices (trajectory coordinates, metrics, RDM, MDS, "
                            "avalanches, spectrum, readouts) as CSV files in a folder"));
    m_export->setEnabled(false);
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(60);
    m_busy->setMaximumHeight(12);
    m_busy->setTextVisible(false);
    m_busy->hide();
    m_busyLabel = new QLabel(tr("computing…"), this);
    m_busyLabel->hide();
    bar->addWidget(m_units);
    bar->addWidget(new QLabel(tr("Bin"), this));
    bar->addWidget(m_bin);
    bar->addWidget(m_kernel);
    bar->addWidget(m_sigma);
    bar->addWidget(new QLabel(tr("Shuffles"), this));
    bar->addWidget(m_shuffles);
    bar->addStretch(1);
    bar->addWidget(m_busyLabel);
    bar->addWidget(m_busy);
    bar->addWidget(m_cancel);
    bar->addWidget(m_live);
    bar->addWidget(m_update);
    bar->addWidget(m_export);
    layout->addLayout(bar);

    // Selection bar and status.
    auto* selectionBar = OptionBar::row();
    m_selectionLabel = new QLabel(this);
    m_restrict = new QCheckBox(tr("Analyse selected neurons only"), this);
    m_restrict->setEnabled(false);
    m_restrict->setToolTip(tr("Shift-drag in the raster to select a time window and neurons"));
    auto* clear = new QToolButton(this);
    clear->setText(tr("Clear selection"));
    m_status = new QLabel(this);
    m_status->setWordWrap(false);
    selectionBar->addWidget(m_selectionLabel);
    selectionBar->addWidget(m_restrict);
    selectionBar->addWidget(clear);
    selectionBar->addStretch(1);
    selectionBar->addWidget(m_status);
    layout->addLayout(selectionBar);

    // Populations and conditions | views.
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    auto* left = new QWidget(splitter);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(4, 0, 0, 0);
    leftLayout->setSpacing(2);
    leftLayout->addWidget(new QLabel(tr("Populations"), left));
    m_populations = new QListWidget(left);
    m_populations->setMaximumHeight(72);
    m_populations->setToolTip(tr("Populations whose neurons are the units of the analysis"));
    leftLayout->addWidget(m_populations);
    leftLayout->addWidget(new QLabel(tr("Conditions"), left));
    m_conditions = new ConditionTable(left);
    leftLayout->addWidget(m_conditions, 1);
    m_tabs = new QTabWidget(splitter);
    // The trajectory tab shows a note instead of an empty plot until there is a trajectory.
    m_trajectoryPages = new QStackedWidget(m_tabs);
    m_trajectory = new TrajectoryView(m_trajectoryPages);
    m_trajectoryNotePage = new QWidget(m_trajectoryPages);
    m_trajectoryNotePage->setMinimumSize(320, 200);
    auto* noteLayout = new QVBoxLayout(m_trajectoryNotePage);
    noteLayout->setContentsMargins(24, 24, 24, 24);
    m_trajectoryNote = new QLabel(m_trajectoryNotePage);
    m_trajectoryNote->setAlignment(Qt::AlignCenter);
    m_trajectoryNote->setWordWrap(true);
    m_trajectoryNote->setMaximumWidth(560); // short lines read better
    m_trajectoryNote->setForegroundRole(QPalette::PlaceholderText);
    noteLayout->addWidget(m_trajectoryNote, 0, Qt::AlignCenter);
    m_trajectoryPages->addWidget(m_trajectory);
    m_trajectoryPages->addWidget(m_trajectoryNotePage);
    m_rsa = new RsaView(m_tabs);
    m_statistics = new SpikeStatisticsView(m_tabs);
    m_tabs->addTab(m_trajectoryPages, tr("Trajectories"));
    m_tabs->addTab(m_rsa, tr("RSA"));
    m_tabs->addTab(m_statistics, tr("Spike statistics"));
    m_dynamics = new DynamicsView(m_tabs);
    m_readout = new ReadoutView(m_tabs);
    m_tabs->addTab(m_dynamics, tr("Dynamics"));
    m_tabs->addTab(m_readout, tr("Readout"));
    splitter->addWidget(left);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 4);
    splitter->setSizes({260, 1000});
    layout->addWidget(splitter, 1);

    m_timer = new QTimer(this);
    m_timer->setInterval(500);
    m_settingsTimer = new QTimer(this);
    m_settingsTimer->setSingleShot(true);
    m_settingsTimer->setInterval(kSettingsDelayMs);

    connect(m_timer, &QTimer::timeout, this, &AnalysisPanel::onTimer);
    connect(m_settingsTimer, &QTimer::timeout, this, [this] {
        // A hidden panel computes nothing (it would compete with the simulation for the
        // cores); it catches up when shown.
        if (isShown()) {
            requestUpdate();
        } else {
            m_settingsStale = true;
        }
    });
    connect(m_runner, &AnalysisRunner::finished, this,
            [this](std::shared_ptr<const AnalysisResult> result) { apply(std::move(result)); });
    connect(m_runner, &AnalysisRunner::busyChanged, this, &AnalysisPanel::onBusyChanged);
    connect(m_update, &QToolButton::clicked, this, [this] { requestUpdate(); });
    connect(m_export, &QToolButton::clicked, this, &AnalysisPanel::chooseExportFolder);
    connect(m_cancel, &QToolButton::clicked, this, [this] {
        m_updatePending = false;
        m_runner->cancel();
        m_status->setText(tr("Cancelled"));
    });
    connect(clear, &QToolButton::clicked, this, &AnalysisPanel::clearSelection);
    connect(m_restrict, &QCheckBox::toggled, this, &AnalysisPanel::scheduleUpdate);
    connect(m_conditions, &ConditionTable::epochsChanged, this, &AnalysisPanel::scheduleUpdate);
    connect(m_populations, &QListWidget::itemChanged, this, &AnalysisPanel::scheduleUpdate);
    connect(m_units, &QComboBox::currentIndexChanged, this, &AnalysisPanel::scheduleUpdate);
    connect(m_bin, &QDoubleSpinBox::valueChanged, this, &AnalysisPanel::scheduleUpdate);
    connect(m_kernel, &QComboBox::currentIndexChanged, this, [this] {
        m_sigma->setEnabled(m_kernel->currentData().toInt() !=
                            static_cast<int>(analysis::SmoothingKernel::None));
        scheduleUpdate();
    });
    connect(m_sigma, &QDoubleSpinBox::valueChanged, this, &AnalysisPanel::scheduleUpdate);
    connect(m_shuffles, &QSpinBox::valueChanged, this, &AnalysisPanel::scheduleUpdate);
    connect(m_rsa, &RsaView::settingsChanged, this, &AnalysisPanel::scheduleUpdate);
    connect(m_dynamics, &DynamicsView::settingsChanged, this, &AnalysisPanel::scheduleUpdate);
    connect(m_readout, &ReadoutView::settingsChanged, this, &AnalysisPanel::scheduleUpdate);
    connect(m_live, &QCheckBox::toggled, this, [this](bool on) {
        if (on) {
            onTimer();
        }
    });

    updateSelectionLabel();
    setRecording(recording);
    m_timer->start();
}

AnalysisPanel::~AnalysisPanel() = default;

void AnalysisPanel::setRecording(const LiveRecording* recording) {
    m_recording = recording;
    m_submittedRecording = nullptr;
    rebuildPopulations();
    if (m_recording != nullptr) {
        m_conditions->setRunDurationMs(m_recording->currentTimeMs());
    }
    updateTrajectoryNote();
    scheduleUpdate();
}

void AnalysisPanel::rebuildPopulations() {
    const std::uint64_t generation = m_recording != nullptr ? m_recording->generation() : 0;
    const std::size_t count = m_recording != nullptr ? m_recording->populationCount() : 0;
    if (m_populations->count() == static_cast<int>(count) && generation == m_populationGeneration &&
        count == m_populationCount) {
        return;
    }
    // Keep the choice of populations that are still there (by name).
    std::map<QString, bool> previous;
    for (int i = 0; i < m_populations->count(); ++i) {
        previous[m_populations->item(i)->text()] =
            m_populations->item(i)->checkState() == Qt::Checked;
    }
    m_populationGeneration = generation;
    m_populationCount = count;
    const QSignalBlocker block(m_populations);
    m_populations->clear();
    bool anyNetwork = false;
    for (std::size_t p = 0; p < count; ++p) {
        anyNetwork = anyNetwork || !m_recording->population(p).isStimulus;
    }
    for (std::size_t p = 0; p < count; ++p) {
        const auto& pop = m_recording->population(p);
        const QString name = QString::fromStdString(pop.name);
        auto* item = new QListWidgetItem(
            QStringLiteral("%1 (%2)").arg(name).arg(static_cast<qulonglong>(pop.size)),
            m_populations);
        item->setData(Qt::UserRole, static_cast<qulonglong>(p));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        const auto it = previous.find(item->text());
        const bool checked = it != previous.end() ? it->second : (!pop.isStimulus || !anyNetwork);
        item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
        if (pop.isStimulus) {
            item->setToolTip(tr("Stimulus"));
        }
    }
}

std::vector<std::size_t> AnalysisPanel::selectedPopulations() const {
    std::vector<std::size_t> out;
    for (int i = 0; i < m_populations->count(); ++i) {
        const QListWidgetItem* item = m_populations->item(i);
        if (item->checkState() == Qt::Checked) {
            out.push_back(static_cast<std::size_t>(item->data(Qt::UserRole).toULongLong()));
        }
    }
    return out;
}

void AnalysisPanel::setSelectedPopulations(const std::vector<std::size_t>& populations) {
    rebuildPopulations();
    {
        const QSignalBlocker block(m_populations);
        for (int i = 0; i < m_populations->count(); ++i) {
            QListWidgetItem* item = m_populations->item(i);
            const auto p = static_cast<std::size_t>(item->data(Qt::UserRole).toULongLong());
            const bool on =
                std::find(populations.begin(), populations.end(), p) != populations.end();
            item->setCheckState(on ? Qt::Checked : Qt::Unchecked);
        }
    }
    scheduleUpdate();
}

analysis::ActivityOptions AnalysisPanel::activityOptions() const {
    analysis::ActivityOptions o;
    o.binMs = m_bin->value();
    o.kernel = static_cast<analysis::SmoothingKernel>(m_kernel->currentData().toInt());
    o.sigmaMs = m_sigma->value();
    o.ratesHz = true;
    o.resolution = static_cast<analysis::UnitResolution>(m_units->currentData().toInt());
    return o;
}

void AnalysisPanel::setActivityOptions(const analysis::ActivityOptions& options) {
    m_bin->setValue(options.binMs);
    m_kernel->setCurrentIndex(m_kernel->findData(static_cast<int>(options.kernel)));
    m_sigma->setValue(options.sigmaMs);
    m_units->setCurrentIndex(m_units->findData(static_cast<int>(options.resolution)));
}

std::size_t AnalysisPanel::shuffles() const {
    return static_cast<std::size_t>(m_shuffles->value());
}

void AnalysisPanel::setShuffles(std::size_t shuffles) {
    m_shuffles->setValue(static_cast<int>(std::min<std::size_t>(shuffles, 10000)));
}

void AnalysisPanel::setRunTrials(const std::vector<core::TrialWindow>& trials,
                                 const std::vector<std::string>& conditionNames) {
    m_conditions->setTrials(trials, conditionNames);
}

void AnalysisPanel::setEpochs(const std::vector<analysis::ConditionEpoch>& epochs) {
    m_conditions->setEpochs(epochs);
}

std::vector<analysis::ConditionEpoch> AnalysisPanel::analysedEpochs() const {
    std::vector<analysis::ConditionEpoch> epochs = m_conditions->epochs();
    if (m_recording == nullptr) {
        return epochs;
    }
    const double now = m_recording->currentTimeMs();
    if (epochs.empty()) {
        if (now > 0.0) {
            epochs.push_back({"run", 0.0, now});
        }
        return epochs;
    }
    // Epochs not recorded completely yet wait.
    const double slack = 1e-9 * std::max(1.0, now);
    epochs.erase(
        std::remove_if(epochs.begin(), epochs.end(),
                       [&](const analysis::ConditionEpoch& e) { return e.endMs > now + slack; }),
        epochs.end());
    return epochs;
}

AnalysisJob AnalysisPanel::currentJob() const {
    const auto epochs = analysedEpochs();
    const analysis::ActivityOptions options = activityOptions();
    AnalysisJob job;
    if (m_recording != nullptr) {
        job = AnalysisJob::fromRecording(*m_recording, selectedPopulations(), epochs, options,
                                         restrictToSelection() ? m_selection : RasterSelection{});
    } else {
        job.epochs = epochs;
        job.activity = options;
    }
    job.trajectory.components = 3;
    job.trajectory.shuffles = shuffles();
    job.metric = m_rsa->metric();
    job.comparison = m_rsa->comparisonMethod();
    job.bootstraps = m_rsa->bootstraps();
    job.models = m_rsa->models();
    job.geoTopology = m_rsa->geoTopology();
    job.dynamicsSettings = m_dynamics->settings();
    job.readoutSettings = m_readout->settings();
    return job;
}

std::uint64_t AnalysisPanel::requestUpdate() {
    m_settingsTimer->stop();
    m_updatePending = false;
    rebuildPopulations();
    m_submittedRecording = m_recording;
    m_submittedRevision = m_recording != nullptr ? m_recording->revision() : 0;
    const auto epochs = analysedEpochs();
    {
        // Crossnobis needs repeats; switching it off changes a setting, not worth a new request.
        const QSignalBlocker block(m_rsa);
        m_rsa->setCrossnobisAvailable(hasRepeats(epochs));
    }
    const std::size_t waiting =
        m_conditions->epochs().size() - std::min(m_conditions->epochs().size(), epochs.size());
    m_status->setText(waiting > 0
                          ? tr("%n epoch(s) not recorded yet", nullptr, static_cast<int>(waiting))
                          : QString());
    m_status->setStyleSheet(QString());
    return m_runner->submit(currentJob());
}

void AnalysisPanel::scheduleUpdate() {
    m_settingsTimer->start();
}

void AnalysisPanel::setLiveUpdate(bool live) {
    m_live->setChecked(live);
}

bool AnalysisPanel::liveUpdate() const {
    return m_live->isChecked();
}

void AnalysisPanel::setUpdateIntervalMs(int ms) {
    m_timer->setInterval(std::max(10, ms));
}

int AnalysisPanel::updateIntervalMs() const {
    return m_timer->interval();
}

bool AnalysisPanel::isBusy() const {
    return m_runner->isBusy();
}

bool AnalysisPanel::hasPendingWork() const {
    if (m_runner->isBusy() || m_updatePending || m_settingsTimer->isActive()) {
        return true;
    }
    if (m_recording == nullptr || !isShown()) {
        return false;
    }
    if (m_settingsStale) {
        return true;
    }
    const bool changed =
        m_recording != m_submittedRecording || m_recording->revision() != m_submittedRevision;
    return changed && (m_live->isChecked() || m_submittedRecording == nullptr);
}

void AnalysisPanel::onTimer() {
    if (m_recording == nullptr) {
        return;
    }
    if (m_recording->generation() != m_populationGeneration ||
        m_recording->populationCount() != m_populationCount) {
        rebuildPopulations();
    }
    m_conditions->setRunDurationMs(m_recording->currentTimeMs());
    if (!isShown()) {
        // Behind another tab: leave the cores to the simulation. (A panel that was hidden
        // stopped its work in hideEvent(); one never shown computes only what it is asked for.)
        if (isVisible() && m_runner->isBusy()) {
            m_updatePending = false;
            m_runner->cancel();
            m_settingsStale = true;
        }
        return;
    }
    if (m_settingsTimer->isActive()) {
        return;
    }
    if (m_settingsStale && !m_runner->isBusy()) {
        m_settingsStale = false;
        requestUpdate();
        return;
    }
    if (!m_live->isChecked()) {
        return;
    }
    if (m_recording == m_submittedRecording && m_recording->revision() == m_submittedRevision) {
        return;
    }
    if (m_runner->isBusy()) {
        m_updatePending = true; // the running request finishes first
        return;
    }
    requestUpdate();
}

void AnalysisPanel::apply(std::shared_ptr<const AnalysisResult> result) {
    m_result = std::move(result);
    m_trajectory->setResult(m_result);
    fitSummaryTable();
    updateTrajectoryNote();
    m_rsa->setResult(m_result);
    m_statistics->setResult(m_result);
    m_dynamics->setResult(m_result);
    m_readout->setResult(m_result);
    m_export->setEnabled(AnalysisExport::hasData(*m_result));
    if (!hasRecordedData()) {
        m_status->setStyleSheet(QString());
        m_status->setText(tr("Nothing recorded yet"));
    } else if (!m_result->activityError.empty()) {
        m_status->setText(QString::fromStdString(m_result->activityError));
        m_status->setStyleSheet(QStringLiteral("color: #c0392b;"));
    } else {
        m_status->setStyleSheet(QString());
        m_status->setText(
            tr("%1 · %2 units · %3 ms")
                .arg(countText(std::ssize(m_result->conditions), tr("condition"), tr("conditions")))
                .arg(m_result->units)
                .arg(m_result->computeMs, 0, 'f', 0));
    }
    updateSelectionLabel();
    Q_EMIT resultApplied(m_result->id);
    if (m_updatePending) {
        m_updatePending = false;
        QTimer::singleShot(0, this, &AnalysisPanel::onTimer);
    }
}

bool AnalysisPanel::hasRecordedData() const {
    return m_recording != nullptr && m_recording->populationCount() > 0 &&
           m_recording->currentTimeMs() > 0.0;
}

QString AnalysisPanel::trajectoryNote() const {
    return m_trajectoryPages->currentWidget() == m_trajectoryNotePage ? m_trajectoryNote->text()
                                                                      : QString();
}

void AnalysisPanel::updateTrajectoryNote() {
    if (m_result && m_result->trajectory.has_value()) {
        m_trajectoryPages->setCurrentWidget(m_trajectory);
        return;
    }
    QString text;
    if (!hasRecordedData()) {
        text = tr("Nothing to analyse yet.\n\nRun the simulation (Run ▸ Run, F5) or open a "
                  "recorded run (File ▸ Open Recorded Run…). The trajectory of the population "
                  "activity appears here, in its principal components, while the run goes on.");
    } else if (!m_result) {
        text = tr("Computing the trajectories…");
    } else {
        const std::string& error =
            m_result->trajectoryError.empty() ? m_result->activityError : m_result->trajectoryError;
        text =
            tr("No trajectories: %1.")
                .arg(QString::fromStdString(error.empty() ? std::string("not computed") : error));
        if (selectedPopulations().empty()) {
            text += tr("\n\nTick the populations to analyse under Populations.");
        } else {
            text += tr("\n\nCheck the conditions: the repeats of a condition (epochs sharing a "
                       "name) must have the same length.");
        }
    }
    m_trajectoryNote->setText(text);
    m_trajectoryPages->setCurrentWidget(m_trajectoryNotePage);
}

void AnalysisPanel::fitSummaryTable() {
    // Every column of the summary shows: the table asks for its full width, which the view's
    // splitter takes from the plot.
    QTableWidget* table = m_trajectory->metricsTable();
    int width = 2 * table->frameWidth();
    if (!table->verticalHeader()->isHidden()) {
        width += table->verticalHeader()->sizeHint().width();
    }
    table->horizontalHeader()->resizeSections(QHeaderView::ResizeToContents);
    width += table->horizontalHeader()->length();
    table->setMinimumWidth(width);
}

QStringList AnalysisPanel::exportData(const QString& directory, QString* error) const {
    QStringList written;
    QString message;
    if (!m_result || !AnalysisExport::hasData(*m_result)) {
        message = tr("Nothing to export yet");
    } else {
        try {
            const QDir dir(directory);
            for (const std::string& file :
                 AnalysisExport::writeCsv(*m_result, directory.toStdString())) {
                written << dir.filePath(QString::fromStdString(file));
            }
        } catch (const std::exception& e) {
            written.clear();
            message = QString::fromLocal8Bit(e.what());
        }
    }
    if (error != nullptr) {
        *error = message;
    }
    return written;
}

void AnalysisPanel::chooseExportFolder() {
    const QString directory = QFileDialog::getExistingDirectory(this, tr("Export analysis data"));
    if (directory.isEmpty()) {
        return;
    }
    QString error;
    const QStringList files = exportData(directory, &error);
    if (files.isEmpty()) {
        m_status->setText(tr("Export failed: %1").arg(error));
        m_status->setStyleSheet(QStringLiteral("color: #c0392b;"));
    } else {
        m_status->setText(
            tr("Exported %n CSV file(s) to %1", nullptr, static_cast<int>(files.size()))
                .arg(QDir::toNativeSeparators(directory)));
        m_status->setStyleSheet(QString());
    }
}

void AnalysisPanel::onBusyChanged(bool busy) {
    m_busy->setVisible(busy);
    m_busyLabel->setVisible(busy);
    m_cancel->setVisible(busy);
    Q_EMIT busyChanged(busy);
}

void AnalysisPanel::setSelection(const RasterSelection& selection) {
    const bool neuronsChanged = selection.population != m_selection.population ||
                                selection.firstNeuron != m_selection.firstNeuron ||
                                selection.lastNeuron != m_selection.lastNeuron;
    m_selection = selection;
    if (selection.isEmpty()) {
        m_trajectory->setHighlightWindow(std::nullopt);
    } else {
        m_trajectory->setHighlightWindow(std::make_pair(selection.startMs, selection.endMs));
    }
    m_restrict->setEnabled(selection.hasNeurons());
    updateSelectionLabel();
    if (m_restrict->isChecked() && neuronsChanged) {
        scheduleUpdate();
    }
}

void AnalysisPanel::clearSelection() {
    setSelection(RasterSelection{});
}

void AnalysisPanel::setRestrictToSelection(bool restrict) {
    m_restrict->setChecked(restrict);
}

bool AnalysisPanel::restrictToSelection() const {
    return m_restrict->isChecked() && m_selection.hasNeurons();
}

void AnalysisPanel::updateSelectionLabel() {
    if (m_selection.isEmpty()) {
        m_selectionLabel->setText(tr("Selection: none (shift-drag in the raster)"));
        return;
    }
    QString text = tr("Selection: %1–%2 ms")
                       .arg(m_selection.startMs, 0, 'f', 1)
                       .arg(m_selection.endMs, 0, 'f', 1);
    if (m_selection.hasNeurons()) {
        QString name = QString::number(static_cast<qulonglong>(*m_selection.population));
        if (m_recording != nullptr && *m_selection.population < m_recording->populationCount()) {
            name = QString::fromStdString(m_recording->population(*m_selection.population).name);
        }
        text +=
            tr(" · %1[%2–%3]").arg(name).arg(m_selection.firstNeuron).arg(m_selection.lastNeuron);
    }
    text += tr(" · %n state(s) highlighted", nullptr,
               static_cast<int>(m_trajectory->highlightedPointCount()));
    m_selectionLabel->setText(text);
}

void AnalysisPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    QTimer::singleShot(0, this, &AnalysisPanel::onTimer);
}

bool AnalysisPanel::isShown() const {
    // A dock behind another tab stays "visible" but has no visible region.
    return isVisible() && !visibleRegion().isEmpty();
}

void AnalysisPanel::hideEvent(QHideEvent* event) {
    QWidget::hideEvent(event);
    // A hidden panel leaves the cores to the simulation: the running analysis stops and the
    // panel computes again when shown.
    if (m_runner->isBusy()) {
        m_updatePending = false;
        m_runner->cancel();
        m_settingsStale = true;
    }
}

} // namespace plexus::widgets
