#include "plexus/widgets/experiment/ExperimentPanel.h"

#include "plexus/widgets/document/Document.h"
#include "plexus/widgets/experiment/SweepPlot.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QThread>
#include <QToolButton>
#include <QVBoxLayout>
#include <cmath>
#include <fstream>
#include <plexus/analysis/SweepMetrics.h>
#include <plexus/core/base/Error.h>
#include <plexus/core/project/ParameterPath.h>
#include <plexus/core/project/ProjectIo.h>
#include <plexus/core/project/SweepSpec.h>

namespace plexus::widgets {

namespace {

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

QString number(double value) {
    return QString::number(value, 'g', 6);
}

/// Writes @p value at dotted @p path into @p project when the project leaves it at its default
/// (a model parameter not written in the file): `populations.E.params.tau_m` finds the element
/// named "E" of "populations" and adds `params.tau_m`. Does nothing when the path resolves.
void fillDefault(nlohmann::json& project, const std::string& path, double value) {
    const core::ParameterPath parsed = core::ParameterPath::parse(path);
    try {
        parsed.resolve(project);
        return;
    } catch (const std::exception&) {
    }
    if (path.empty() || path.front() == '/') {
        return;
    }
    std::vector<std::string> segments;
    std::size_t start = 0;
    for (std::size_t dot = path.find('.'); dot != std::string::npos; dot = path.find('.', start)) {
        segments.push_back(path.substr(start, dot - start));
        start = dot + 1;
    }
    segments.push_back(path.substr(start));
    if (segments.size() < 4 || !project.contains(segments[0]) || !project[segments[0]].is_array()) {
        return;
    }
    for (nlohmann::json& element : project[segments[0]]) {
        if (!element.is_object() || element.value("name", std::string()) != segments[1]) {
            continue;
        }
        nlohmann::json* node = &element;
        for (std::size_t s = 2; s + 1 < segments.size(); ++s) {
            if (!node->contains(segments[s])) {
                (*node)[segments[s]] = nlohmann::json::object();
            }
            node = &(*node)[segments[s]];
            if (!node->is_object()) {
                return;
            }
        }
        (*node)[segments.back()] = value;
        return;
    }
}

} // namespace

ExperimentPanel::ExperimentPanel(Document* document, QWidget* parent)
    : QWidget(parent)
    , m_document(document) {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(4, 4, 4, 4);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("experimentSplitter"));
    outer->addWidget(splitter);

    // The definition, scrolled in a low dock.
    auto* definition = new QWidget;
    auto* left = new QVBoxLayout(definition);
    left->setContentsMargins(0, 0, 4, 0);
    m_axes = new QTableWidget(0, 3, definition);
    m_axes->setObjectName(QStringLiteral("sweepAxes"));
    m_axes->setHorizontalHeaderLabels({tr("Parameter"), tr("Values"), tr("N")});
    m_axes->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_axes->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_axes->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_axes->verticalHeader()->hide();
    m_axes->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_axes->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Compact rows: the header and three axes fit without scrolling.
    const int rowHeight = fontMetrics().height() + 8;
    m_axes->verticalHeader()->setDefaultSectionSize(rowHeight);
    m_axes->setMinimumHeight(rowHeight * 3);
    m_axes->setMaximumHeight(rowHeight * 4 + 6);
    m_axes->setToolTip(tr("Right-click a number in the inspector and choose \"Sweep this "
                          "parameter…\" to add an axis."));
    left->addWidget(m_axes);
    auto* axisButtons = new QHBoxLayout;
    auto* remove = new QPushButton(tr("Remove axis"), definition);
    remove->setObjectName(QStringLiteral("removeAxis"));
    axisButtons->addWidget(remove);
    axisButtons->addStretch();
    left->addLayout(axisButtons);
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_axes->currentRow();
        if (row >= 0 && !isRunning()) {
            m_axes->removeRow(row);
            refreshButtons();
        }
    });

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto* counts = new QHBoxLayout;
    m_repeats = new QSpinBox(definition);
    m_repeats->setObjectName(QStringLiteral("sweepRepeats"));
    m_repeats->setRange(1, 1000);
    m_repeats->setToolTip(tr("Runs per point, each with its own seed (mean ± sd in the plot)."));
    m_workers = new QSpinBox(definition);
    m_workers->setObjectName(QStringLiteral("sweepWorkers"));
    m_workers->setRange(1, 256);
    m_workers->setValue(std::max(1, QThread::idealThreadCount()));
    m_workers->setToolTip(tr("Runs at a time."));
    counts->addWidget(m_repeats);
    counts->addWidget(new QLabel(tr("Workers"), definition));
    counts->addWidget(m_workers);
    counts->addStretch();
    form->addRow(tr("Repeats"), counts);
    m_keepRuns = new QCheckBox(tr("Keep full runs (click a point to open it)"), definition);
    m_keepRuns->setObjectName(QStringLiteral("sweepKeepRuns"));
    form->addRow(QString(), m_keepRuns);
    auto* outputRow = new QHBoxLayout;
    m_output = new QLineEdit(definition);
    m_output->setObjectName(QStringLiteral("sweepOutput"));
    m_output->setToolTip(tr("The sweep archive (HDF5). Run resumes it when it holds this sweep."));
    auto* browse = new QToolButton(definition);
    browse->setText(QStringLiteral("…"));
    browse->setToolTip(tr("Choose the sweep archive"));
    outputRow->addWidget(m_output);
    outputRow->addWidget(browse);
    form->addRow(tr("Output"), outputRow);
    connect(m_output, &QLineEdit::textEdited, this, [this] { m_outputChosen = true; });
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Sweep archive"), outputFile(), tr("Sweep archives (*.h5);;All files (*)"),
            nullptr, QFileDialog::DontConfirmOverwrite);
        if (!path.isEmpty()) {
            setOutputFile(path);
        }
    });
    m_metrics = new QListWidget(definition);
    m_metrics->setObjectName(QStringLiteral("sweepMetrics"));
    m_metrics->setMinimumHeight(60);
    m_metrics->setToolTip(tr("Metrics computed from every run (docs/experiments.md)."));
    form->addRow(tr("Metrics"), m_metrics);
    left->addLayout(form, 1);

    // Run, progress and status above the three columns.
    auto* runRow = new QHBoxLayout;
    m_run = new QPushButton(tr("Run"), this);
    m_run->setObjectName(QStringLiteral("sweepRun"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("sweepCancel"));
    auto* open = new QPushButton(tr("Open archive…"), this);
    open->setObjectName(QStringLiteral("sweepOpen"));
    runRow->addWidget(m_run);
    runRow->addWidget(m_cancel);
    runRow->addWidget(open);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("sweepProgress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(QStringLiteral("%v / %m"));
    m_progress->setMaximumWidth(260);
    runRow->addWidget(m_progress, 1);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("sweepStatus"));
    // One line; the whole text is its tooltip.
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    runRow->addWidget(m_status, 2);
    outer->insertLayout(0, runRow);
    connect(m_run, &QPushButton::clicked, this, [this] { run(); });
    connect(m_cancel, &QPushButton::clicked, this, &ExperimentPanel::cancel);
    connect(open, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open sweep archive"), QFileInfo(outputFile()).absolutePath(),
            tr("Sweep archives (*.h5);;All files (*)"));
        QString error;
        if (!path.isEmpty() && !openArchive(path, &error)) {
            Q_EMIT statusMessage(error);
        }
    });
    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(definition);
    scroll->setMinimumWidth(300);
    splitter->addWidget(scroll);

    m_points = new QTableWidget(0, 0);
    m_points->setObjectName(QStringLiteral("sweepPoints"));
    m_points->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_points->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_points->setSelectionMode(QAbstractItemView::SingleSelection);
    m_points->verticalHeader()->hide();
    m_points->verticalHeader()->setDefaultSectionSize(rowHeight);
    m_points->setToolTip(tr("Click a row to open its run (when full runs were kept)."));
    connect(m_points, &QTableWidget::cellClicked, this, [this](int row, int) { openRow(row); });
    splitter->addWidget(m_points);

    auto* plotSide = new QWidget;
    auto* right = new QVBoxLayout(plotSide);
    right->setContentsMargins(4, 0, 0, 0);
    auto* plotBar = new QHBoxLayout;
    plotBar->addWidget(new QLabel(tr("Metric"), plotSide));
    m_metricChoice = new QComboBox(plotSide);
    m_metricChoice->setObjectName(QStringLiteral("sweepMetricChoice"));
    plotBar->addWidget(m_metricChoice, 1);
    auto* exportCsvButton = new QToolButton(plotSide);
    exportCsvButton->setObjectName(QStringLiteral("sweepExportCsv"));
    exportCsvButton->setText(tr("CSV…"));
    exportCsvButton->setToolTip(tr("Save the plotted means and sd as CSV"));
    plotBar->addWidget(exportCsvButton);
    auto* exportFigureButton = new QToolButton(plotSide);
    exportFigureButton->setObjectName(QStringLiteral("sweepExportFigure"));
    exportFigureButton->setText(tr("Figure…"));
    exportFigureButton->setToolTip(tr("Export the plot as a figure (PNG, SVG, PDF)"));
    plotBar->addWidget(exportFigureButton);
    right->addLayout(plotBar);
    m_plot = new SweepPlot(plotSide);
    m_plot->setObjectName(QStringLiteral("sweepPlot"));
    right->addWidget(m_plot, 1);
    m_note = new QLabel(plotSide);
    m_note->setObjectName(QStringLiteral("sweepNote"));
    m_note->setWordWrap(true);
    m_note->hide();
    right->addWidget(m_note);
    splitter->addWidget(plotSide);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 4);
    connect(m_metricChoice, &QComboBox::currentIndexChanged, this, [this] { refreshPlot(); });
    connect(exportCsvButton, &QToolButton::clicked, this, &ExperimentPanel::exportCsv);
    connect(exportFigureButton, &QToolButton::clicked, this, &ExperimentPanel::exportFigure);
    connect(m_plot, &SweepPlot::pointClicked, this, [this](int cell) {
        const auto& cells = m_plot->cells();
        if (cell < 0 || cell >= static_cast<int>(cells.size())) {
            return;
        }
        // The first repeat of the point that has a kept run.
        const std::size_t point = cells[static_cast<std::size_t>(cell)].point;
        const std::size_t repeats = archiveRepeats();
        for (int row = 0; row < static_cast<int>(m_archive.points.size()); ++row) {
            const auto& p = m_archive.points[static_cast<std::size_t>(row)];
            if (static_cast<std::size_t>(p.index) / repeats == point && !keptRun(row).isEmpty()) {
                m_points->selectRow(row);
                openRow(row);
                return;
            }
        }
        Q_EMIT statusMessage(tr("This point has no kept run: run the sweep with \"Keep full "
                                "runs\" to open its runs."));
    });

    refreshMetricChoices();
    if (m_document != nullptr) {
        m_output->setText(defaultOutput());
        const auto update = [this] {
            refreshMetricChoices();
            if (!m_outputChosen) {
                m_output->setText(defaultOutput());
            }
        };
        connect(m_document, &Document::projectReset, this, update);
        connect(m_document, &Document::filePathChanged, this, update);
        connect(m_document, &Document::nodeAdded, this, update);
        connect(m_document, &Document::nodeRemoved, this, update);
        connect(m_document, &Document::nodeRenamed, this, update);
    }
    refreshButtons();
}

ExperimentPanel::~ExperimentPanel() {
    if (m_process != nullptr) {
        m_process->disconnect(this);
        if (m_process->state() != QProcess::NotRunning) {
            m_process->terminate();
            if (!m_process->waitForFinished(5000)) {
                m_process->kill();
                m_process->waitForFinished(1000);
            }
        }
    }
}

QString ExperimentPanel::defaultOutput() const {
    if (m_document == nullptr || m_document->filePath().isEmpty()) {
        return {};
    }
    const QFileInfo info(m_document->filePath());
    return info.absoluteDir().filePath(info.completeBaseName() + QStringLiteral(".sweep.h5"));
}

void ExperimentPanel::addAxis(const QString& path, const QString& spec, double current) {
    int row = 0;
    while (row < m_axes->rowCount() && m_axes->item(row, 0)->text() != path) {
        ++row;
    }
    if (row == m_axes->rowCount()) {
        m_axes->insertRow(row);
    }
    QString count = QStringLiteral("?");
    try {
        count = QString::number(
            core::SweepSpec::parseAxis((path + QLatin1Char('=') + spec).toStdString(), 1, 0)
                .values.size());
    } catch (const std::exception&) {
    }
    m_axes->setItem(row, 0, new QTableWidgetItem(path));
    m_axes->setItem(row, 1, new QTableWidgetItem(spec));
    m_axes->setItem(row, 2, new QTableWidgetItem(count));
    m_axes->item(row, 0)->setToolTip(path);
    m_current[path] = current;
    refreshButtons();
}

void ExperimentPanel::clearAxes() {
    m_axes->setRowCount(0);
}

QStringList ExperimentPanel::axes() const {
    QStringList list;
    for (int row = 0; row < m_axes->rowCount(); ++row) {
        list << m_axes->item(row, 0)->text() + QLatin1Char('=') + m_axes->item(row, 1)->text();
    }
    return list;
}

void ExperimentPanel::setRepeats(int repeats) {
    m_repeats->setValue(repeats);
}

void ExperimentPanel::setWorkers(int workers) {
    m_workers->setValue(workers);
}

void ExperimentPanel::setKeepRuns(bool keep) {
    m_keepRuns->setChecked(keep);
}

void ExperimentPanel::setMetrics(const QStringList& names) {
    for (int i = 0; i < m_metrics->count(); ++i) {
        QListWidgetItem* item = m_metrics->item(i);
        item->setCheckState(names.contains(item->text()) ? Qt::Checked : Qt::Unchecked);
    }
}

QStringList ExperimentPanel::metrics() const {
    QStringList names;
    for (int i = 0; i < m_metrics->count(); ++i) {
        if (m_metrics->item(i)->checkState() == Qt::Checked) {
            names << m_metrics->item(i)->text();
        }
    }
    return names;
}

void ExperimentPanel::setOutputFile(const QString& path) {
    m_output->setText(path);
    m_outputChosen = true;
}

QString ExperimentPanel::outputFile() const {
    return m_output->text().trimmed();
}

void ExperimentPanel::refreshMetricChoices() {
    const QStringList checked = metrics();
    std::vector<std::string> populations;
    if (m_document != nullptr) {
        for (const auto& population : m_document->project().populations) {
            populations.push_back(population.name);
        }
    }
    QStringList names;
    std::vector<std::string> ends = populations;
    ends.push_back("all");
    for (const std::string& kind : analysis::SweepMetrics::kinds()) {
        for (const std::string& end : ends) {
            names << qs(kind + ":" + end);
        }
    }
    QStringList defaults;
    for (const std::string& name : analysis::SweepMetrics::defaults(populations)) {
        defaults << qs(name);
    }
    m_metrics->clear();
    for (const QString& name : names) {
        auto* item = new QListWidgetItem(name, m_metrics);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(
            (checked.isEmpty() ? defaults : checked).contains(name) ? Qt::Checked : Qt::Unchecked);
    }
}

bool ExperimentPanel::isRunning() const {
    return m_process != nullptr && m_process->state() != QProcess::NotRunning;
}

void ExperimentPanel::setStatus(const QString& text) {
    m_status->setText(text);
    m_status->setToolTip(text);
}

QString ExperimentPanel::statusText() const {
    return m_status->text();
}

bool ExperimentPanel::run(QString* error) {
    const auto refuse = [this, error](const QString& why) {
        setStatus(why);
        Q_EMIT statusMessage(why);
        if (error != nullptr) {
            *error = why;
        }
        return false;
    };
    if (isRunning()) {
        return refuse(tr("A sweep is running"));
    }
    if (m_axes->rowCount() == 0) {
        return refuse(tr("Add an axis first: right-click a number in the inspector and choose "
                         "\"Sweep this parameter…\""));
    }
    const QString out = outputFile();
    if (out.isEmpty()) {
        return refuse(tr("Choose the sweep archive to write (Output)"));
    }
    if (m_cli.isEmpty() || !QFileInfo(m_cli).isExecutable()) {
        return refuse(tr("Cannot run sweeps: plexus-cli not found (%1)").arg(m_cli));
    }
    if (m_document == nullptr) {
        return refuse(tr("No project"));
    }
    m_work = std::make_unique<QTemporaryDir>();
    if (!m_work->isValid()) {
        return refuse(tr("Cannot create a temporary folder: %1").arg(m_work->errorString()));
    }
    const QString projectFile = m_work->filePath(QStringLiteral("project.json"));
    try {
        nlohmann::json project = core::ProjectIo::toJson(m_document->project());
        for (int row = 0; row < m_axes->rowCount(); ++row) {
            const QString path = m_axes->item(row, 0)->text();
            const auto it = m_current.find(path);
            if (it != m_current.end() && std::isfinite(it->second)) {
                fillDefault(project, path.toStdString(), it->second);
            }
        }
        std::ofstream file(projectFile.toStdString());
        file << project.dump(2) << '\n';
        if (!file) {
            return refuse(tr("%1: cannot write the project").arg(projectFile));
        }
    } catch (const std::exception& e) {
        return refuse(qs(e.what()));
    }
    QStringList arguments{QStringLiteral("sweep"), projectFile};
    // The copy runs from a temporary folder: relative file names resolve beside the project.
    if (!m_document->filePath().isEmpty()) {
        arguments << QStringLiteral("--origin") << m_document->filePath();
    }
    for (const QString& axis : axes()) {
        arguments << QStringLiteral("--param") << axis;
    }
    arguments << QStringLiteral("--repeat") << QString::number(m_repeats->value())
              << QStringLiteral("--workers") << QString::number(m_workers->value());
    const QStringList chosen = metrics();
    if (!chosen.isEmpty()) {
        arguments << QStringLiteral("--metrics") << chosen.join(QLatin1Char(','));
    }
    if (m_keepRuns->isChecked()) {
        arguments << QStringLiteral("--keep-runs");
    }
    arguments << QStringLiteral("--out") << out;

    delete m_process;
    m_process = new QProcess(this);
    m_process->setProgram(m_cli);
    m_process->setArguments(arguments);
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    connect(m_process, &QProcess::readyReadStandardError, this, &ExperimentPanel::readProgress);
    connect(m_process, &QProcess::finished, this, &ExperimentPanel::finished);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart) {
            setStatus(tr("Cannot start %1: %2").arg(m_cli, m_process->errorString()));
            refreshButtons();
        }
    });
    m_archivePath = out;
    m_cancelled = false;
    m_stderrTail.clear();
    m_lastError.clear();
    m_progress->setRange(0, 0); // busy until the first progress line
    setStatus(tr("Starting the sweep…"));
    m_process->start();
    refreshButtons();
    return true;
}

void ExperimentPanel::cancel() {
    if (isRunning()) {
        m_cancelled = true;
        setStatus(tr("Stopping the sweep (finished points are kept)…"));
        m_process->terminate();
    }
}

void ExperimentPanel::readProgress() {
    m_stderrTail += QString::fromLocal8Bit(m_process->readAllStandardError());
    static const QRegularExpression progress(
        QStringLiteral("^sweep: (\\d+)/(\\d+) points, (\\d+) failed(?:, ETA (\\S+))?"));
    bool advanced = false;
    qsizetype newline = m_stderrTail.indexOf(QLatin1Char('\n'));
    while (newline >= 0) {
        const QString line = m_stderrTail.left(newline).trimmed();
        m_stderrTail.remove(0, newline + 1);
        newline = m_stderrTail.indexOf(QLatin1Char('\n'));
        const QRegularExpressionMatch match = progress.match(line);
        if (match.hasMatch()) {
            const int done = match.captured(1).toInt();
            const int total = match.captured(2).toInt();
            m_progress->setRange(0, std::max(1, total));
            m_progress->setValue(done);
            QString text = tr("%1 of %2 points, %3 failed")
                               .arg(done)
                               .arg(total)
                               .arg(match.captured(3).toInt());
            if (!match.captured(4).isEmpty()) {
                text += tr(", ETA %1").arg(match.captured(4));
            }
            setStatus(text);
            advanced = true;
        } else if (!line.isEmpty()) {
            m_lastError = line;
        }
    }
    if (advanced) {
        reloadArchive();
    }
}

void ExperimentPanel::finished(int exitCode, QProcess::ExitStatus status) {
    readProgress();
    const QString rest = m_stderrTail.trimmed();
    if (!rest.isEmpty()) {
        m_lastError = rest.section(QLatin1Char('\n'), -1);
    }
    reloadArchive();
    if (m_progress->maximum() == 0) {
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
    }
    std::size_t ok = 0;
    std::size_t failed = 0;
    for (const auto& point : m_archive.points) {
        ok += point.status == "ok" ? 1 : 0;
        failed += point.status == "failed" ? 1 : 0;
    }
    QString text;
    if (m_cancelled) {
        text = tr("Stopped: %1 of %2 points done; Run resumes the sweep")
                   .arg(ok + failed)
                   .arg(m_archive.points.size());
    } else if (status == QProcess::NormalExit && exitCode == 0) {
        text = tr("Done: %1 ok, %2 failed").arg(ok).arg(failed);
    } else {
        text = m_lastError.isEmpty() ? tr("The sweep failed (exit code %1)").arg(exitCode)
                                     : m_lastError;
    }
    setStatus(text);
    Q_EMIT statusMessage(text);
    refreshButtons();
    Q_EMIT sweepFinished(status == QProcess::NormalExit ? exitCode : 128 + 15);
}

bool ExperimentPanel::reloadArchive() {
    if (m_archivePath.isEmpty() || !QFileInfo::exists(m_archivePath)) {
        return false;
    }
    try {
        m_archive = core::SweepArchive::read(m_archivePath.toStdString());
    } catch (const std::exception&) {
        return false;
    }
    refreshTable();
    refreshPlot();
    return true;
}

bool ExperimentPanel::openArchive(const QString& path, QString* error) {
    if (isRunning()) {
        if (error != nullptr) {
            *error = tr("A sweep is running");
        }
        return false;
    }
    core::SweepArchive archive;
    nlohmann::json definition;
    try {
        archive = core::SweepArchive::read(path.toStdString());
        definition = nlohmann::json::parse(archive.definition);
    } catch (const std::exception& e) {
        const QString why = qs(e.what());
        setStatus(why);
        if (error != nullptr) {
            *error = why;
        }
        return false;
    }
    m_archive = std::move(archive);
    m_archivePath = QFileInfo(path).absoluteFilePath();
    clearAxes();
    for (const auto& axis : definition.value("axes", nlohmann::json::array())) {
        addAxis(qs(axis.value("path", std::string())), qs(axis.value("spec", std::string())),
                std::nan(""));
    }
    m_repeats->setValue(definition.value("repeats", 1));
    QStringList names;
    for (const std::string& name : m_archive.metrics) {
        names << qs(name);
    }
    setMetrics(names);
    setOutputFile(m_archivePath);
    m_keepRuns->setChecked(QFileInfo(m_archivePath + QStringLiteral(".runs")).isDir());
    std::size_t done = 0;
    for (const auto& point : m_archive.points) {
        done += point.status != "pending" ? 1 : 0;
    }
    m_progress->setRange(0, std::max<int>(1, static_cast<int>(m_archive.points.size())));
    m_progress->setValue(static_cast<int>(done));
    setStatus(tr("Opened %1: %2 of %3 points done")
                  .arg(QFileInfo(path).fileName())
                  .arg(done)
                  .arg(m_archive.points.size()));
    refreshTable();
    refreshPlot();
    refreshButtons();
    return true;
}

void ExperimentPanel::refreshTable() {
    QStringList headers{tr("#")};
    for (const std::string& parameter : m_archive.parameters) {
        headers << qs(parameter);
    }
    headers << tr("repeat") << tr("status");
    for (const std::string& metric : m_archive.metrics) {
        headers << qs(metric);
    }
    const int selected = m_points->currentRow();
    m_points->setColumnCount(static_cast<int>(headers.size()));
    m_points->setHorizontalHeaderLabels(headers);
    m_points->setRowCount(static_cast<int>(m_archive.points.size()));
    for (int row = 0; row < static_cast<int>(m_archive.points.size()); ++row) {
        const auto& point = m_archive.points[static_cast<std::size_t>(row)];
        int column = 0;
        const auto set = [&](const QString& text) {
            auto* item = new QTableWidgetItem(text);
            if (point.status == "failed") {
                item->setToolTip(qs(point.error));
                item->setForeground(QColor(0xb0, 0x00, 0x20));
            } else if (!keptRun(row).isEmpty()) {
                item->setToolTip(tr("Click to open this run"));
            }
            m_points->setItem(row, column++, item);
        };
        set(QString::number(point.index));
        for (const double value : point.values) {
            set(number(value));
        }
        set(QString::number(point.repeat));
        set(qs(point.status));
        for (const double value : point.metrics) {
            set(std::isfinite(value) ? number(value) : QString());
        }
    }
    m_points->resizeColumnsToContents();
    if (selected >= 0 && selected < m_points->rowCount()) {
        m_points->selectRow(selected);
    }
}

void ExperimentPanel::refreshPlot() {
    // Keep the chosen metric across reloads.
    QStringList names;
    for (const std::string& metric : m_archive.metrics) {
        names << qs(metric);
    }
    QStringList shown;
    for (int i = 0; i < m_metricChoice->count(); ++i) {
        shown << m_metricChoice->itemText(i);
    }
    if (shown != names) {
        const QString current = m_metricChoice->currentText();
        const QSignalBlocker block(m_metricChoice);
        m_metricChoice->clear();
        m_metricChoice->addItems(names);
        m_metricChoice->setCurrentIndex(std::max<int>(0, static_cast<int>(names.indexOf(current))));
    }
    if (m_archive.points.empty()) {
        m_plot->clear(tr("No sweep yet"));
    } else {
        m_plot->setArchive(m_archive, m_metricChoice->currentIndex());
    }
    m_note->setText(m_plot->note());
    m_note->setVisible(!m_plot->note().isEmpty());
}

void ExperimentPanel::refreshButtons() {
    const bool running = isRunning();
    m_run->setEnabled(!running && m_axes->rowCount() > 0);
    m_cancel->setEnabled(running);
    m_run->setText(running ? tr("Running…") : tr("Run"));
}

QString ExperimentPanel::keptRun(int row) const {
    if (row < 0 || row >= static_cast<int>(m_archive.points.size()) || m_archivePath.isEmpty()) {
        return {};
    }
    const auto& point = m_archive.points[static_cast<std::size_t>(row)];
    if (point.status != "ok") {
        return {};
    }
    const QString path = m_archivePath + QStringLiteral(".runs/%1.h5").arg(point.index);
    return QFileInfo::exists(path) ? path : QString();
}

void ExperimentPanel::openRow(int row) {
    if (row < 0 || row >= static_cast<int>(m_archive.points.size())) {
        return;
    }
    const QString path = keptRun(row);
    if (path.isEmpty()) {
        const auto& point = m_archive.points[static_cast<std::size_t>(row)];
        Q_EMIT statusMessage(
            point.status == "ok"
                ? tr("Point %1 has no kept run: run the sweep with \"Keep full runs\" to open "
                     "its runs.")
                      .arg(point.index)
                : tr("Point %1 is %2").arg(point.index).arg(qs(point.status)));
        return;
    }
    Q_EMIT openRunRequested(path);
}

void ExperimentPanel::exportCsv() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export sweep plot data"),
                                                      QFileInfo(outputFile()).absolutePath(),
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty()) {
        return;
    }
    try {
        m_plot->writeCsv(path);
        Q_EMIT statusMessage(tr("Wrote %1").arg(path));
    } catch (const std::exception& e) {
        Q_EMIT statusMessage(qs(e.what()));
    }
}

void ExperimentPanel::exportFigure() {
    Q_EMIT figureExportRequested();
}

std::size_t ExperimentPanel::archiveRepeats() const {
    try {
        return std::max<std::size_t>(
            1, nlohmann::json::parse(m_archive.definition).value("repeats", std::size_t{1}));
    } catch (const std::exception&) {
        return 1;
    }
}

} // namespace plexus::widgets
