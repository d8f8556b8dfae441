#include "MainWindow.h"

#include "AutosaveManager.h"
#include "CortexBinding.h"
#include "FigureViews.h"
#include "GettingStartedDialog.h"
#include "PluginDialog.h"
#include "PluginLoader.h"
#include "RunController.h"
#include "ShortcutList.h"
#include "ShortcutsDialog.h"
#include "Theme.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHash>
#include <QKeySequence>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QShowEvent>
#include <QStatusBar>
#include <QStyle>
#include <QThread>
#include <QTimer>
#include <QToolBar>
#include <QTreeWidget>
#include <QTreeWidgetItem>
#include <QUndoStack>
#include <QUndoView>
#include <QVBoxLayout>
#include <algorithm>
#include <cstdio>
#include <exception>
#include <iterator>
#include <plexus/Version.h>
#include <plexus/core/base/Error.h>
#include <plexus/core/project/ProjectIo.h>
#include <plexus/core/record/RunArchive.h>
#include <plexus/core/record/RunRecord.h>
#include <plexus/core/record/RunRecordCsv.h>
#include <plexus/geometry/surface/SurfaceMesh.h>
#include <plexus/plugins/BuiltinModels.h>
#include <plexus/widgets/analysis/AnalysisPanel.h>
#include <plexus/widgets/analysis/TrajectoryView.h>
#include <plexus/widgets/cortex/CortexPanel.h>
#include <plexus/widgets/cortex/CortexView.h>
#include <plexus/widgets/document/Document.h>
#include <plexus/widgets/editor/CircuitScene.h>
#include <plexus/widgets/editor/CircuitView.h>
#include <plexus/widgets/editor/Palette.h>
#include <plexus/widgets/figures/ExportDialog.h>
#include <plexus/widgets/figures/FigureComposer.h>
#include <plexus/widgets/figures/FigureProvenance.h>
#include <plexus/widgets/figures/FigureSource.h>
#include <plexus/widgets/inspector/Inspector.h>
#include <plexus/widgets/inspector/ProjectSummaryView.h>
#include <plexus/widgets/live/LivePlotPanel.h>
#include <plexus/widgets/live/LiveRecording.h>
#include <plexus/widgets/live/LiveRunRecord.h>
#include <plexus/widgets/live/RasterPlot.h>
#include <plexus/widgets/plots/CountText.h>

namespace plexus::app {

using widgets::ProjectSummaryView;

namespace {

constexpr int kStatusMessageMs = 10000;
constexpr int kMaxRecentFiles = 10;
const char* kRecentKey = "recentFiles";
/// Advice (why a run does nothing) stays longer in the status bar than other messages.
constexpr int kAdviceMessageMs = 30000;
/// Set once the Getting Started page was shown on a first start.
const char* kGettingStartedKey = "help/gettingStartedShown";

using widgets::countText;

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : MainWindow(PluginLoading::Load, parent) {}

MainWindow::MainWindow(PluginLoading plugins, QWidget* parent)
    : QMainWindow(parent)
    , m_models(std::make_unique<core::ModelRegistry>())
    , m_pluginsSkipped(plugins == PluginLoading::Skip) {
    setObjectName(QStringLiteral("MainWindow"));
    setDockNestingEnabled(true);

    m_log = new QPlainTextEdit;
    m_log->setObjectName(QStringLiteral("log"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    appendLog(tr("Plexus %1 started.").arg(QStringLiteral(PLEXUS_VERSION)));
    loadModels();

    m_document = new widgets::Document(m_models.get(), this);
    m_scene = new widgets::CircuitScene(m_document, this);
    m_view = new widgets::CircuitView(m_scene);
    m_autosave = new AutosaveManager(m_document, this);
    m_runController = new RunController(*m_models, m_document, this);
    // The run read-out in the status bar is the one place that tells the run's state: the
    // message area shows what happened (an edit applied, advice) and forgets it when the state
    // changes, so the two never disagree.
    connect(m_runController, &RunController::message, this,
            [this](const QString& text, bool isError, bool aboutState) {
                appendLog(text, isError);
                if (!aboutState) {
                    statusBar()->showMessage(text, kStatusMessageMs);
                    m_runMessage = text;
                }
            });
    connect(m_runController, &RunController::advice, this,
            [this](const QStringList& items, bool refused) {
                for (const QString& item : items) {
                    appendLog(item, refused);
                }
                QString text = refused ? tr("Not run: %1").arg(items.front()) : items.front();
                if (items.size() > 1) {
                    text +=
                        tr(" (%n more in the Log)", nullptr, static_cast<int>(items.size() - 1));
                }
                statusBar()->showMessage(text, kAdviceMessageMs);
                m_runMessage.clear(); // advice holds whatever the run state
            });
    connect(m_runController, &RunController::stateChanged, this, [this](RunState state) {
        if (!m_runMessage.isEmpty() && statusBar()->currentMessage() == m_runMessage) {
            statusBar()->clearMessage();
        }
        m_runMessage.clear();
        if (state != RunState::Idle && state != RunState::Failed) {
            showPlots();
        }
    });
    // Invalid input left in the inspector stops a run (rather than running the old values).
    m_runController->setRunCheck([this]() -> QString {
        const QString problem = m_inspector->commitPendingEdits();
        return problem.isEmpty() ? QString()
                                 : tr("%1 Correct the field in the inspector first.").arg(problem);
    });

    auto* central = new QWidget;
    auto* centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    createRecoveryBar();
    centralLayout->addWidget(m_recoveryBar);
    centralLayout->addWidget(m_view, 1);
    setCentralWidget(central);

    createActions();
    createMenus();
    createToolBar();
    createDocks();

    m_statusSummary = new QLabel(this);
    m_zoomLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_runController->statusLabel());
    statusBar()->addPermanentWidget(m_zoomLabel);
    statusBar()->addPermanentWidget(m_statusSummary);
    statusBar()->showMessage(tr("Ready"));

    m_summaryTimer = new QTimer(this);
    m_summaryTimer->setSingleShot(true);
    m_summaryTimer->setInterval(150);
    connect(m_summaryTimer, &QTimer::timeout, this, &MainWindow::refreshSummary);

    connect(m_document, &widgets::Document::changed, this, [this] {
        updateTitle();
        updateStatusSummary();
        m_summaryTimer->start();
    });
    connect(m_document, &widgets::Document::projectReset, this, [this] {
        refreshSummary();
        fitSoon();
    });
    connect(m_document, &widgets::Document::modifiedChanged, this, [this] { updateTitle(); });
    connect(m_document, &widgets::Document::filePathChanged, this, [this] {
        updateTitle();
        updateActions();
    });
    connect(m_scene, &QGraphicsScene::selectionChanged, this,
            &MainWindow::syncSelectionToInspector);
    connect(m_scene, &widgets::CircuitScene::message, this, [this](const QString& text) {
        if (!text.isEmpty()) {
            statusBar()->showMessage(text, kStatusMessageMs);
        }
    });
    connect(m_view, &widgets::CircuitView::zoomChanged, this, [this](qreal factor) {
        m_zoomLabel->setText(QStringLiteral("%1 %").arg(qRound(factor * 100)));
    });
    connect(m_summary, &ProjectSummaryView::currentItemChanged, this,
            [this](QTreeWidgetItem* item) {
                if (item == nullptr || item->parent() == nullptr) {
                    return;
                }
                const QString name = item->text(ProjectSummaryView::NameColumn);
                if (m_document->nodeKind(name)) {
                    m_scene->selectElements({name});
                } else if (m_document->projection(name) != nullptr) {
                    m_scene->selectElements({}, {name});
                }
            });
    connect(m_palette, &widgets::Palette::entryActivated, m_view,
            &widgets::CircuitView::placeEntry);

    m_zoomLabel->setText(QStringLiteral("100 %"));
    setDarkTheme(false);
    refreshSummary();
    updateTitle();
    updateStatusSummary();
    updateActions();
    applyDefaultGeometry(screen()->availableGeometry());
}

MainWindow::~MainWindow() {
    // The scene and view refer to the document: take them down first.
    delete m_view;
    m_view = nullptr;
    delete m_scene;
    m_scene = nullptr;
    // The 3-D panel is unparented until its dock was first shown.
    if (m_cortexPanel != nullptr && m_cortexPanel->parent() == nullptr) {
        delete m_cortexBinding;
        m_cortexBinding = nullptr;
        delete m_cortexPanel;
        m_cortexPanel = nullptr;
    }
}

bool MainWindow::loadProject(const QString& path) {
    const QFileInfo info(path);
    const QString displayPath = QDir::toNativeSeparators(path);
    QString error;
    if (!m_document->load(path, &error)) {
        // The core's messages usually name the file already; make sure the user always sees it.
        m_lastError =
            error.contains(info.fileName()) ? error : tr("%1: %2").arg(displayPath, error);
        const QString message = tr("Could not load project: %1").arg(m_lastError);
        appendLog(message, true);
        statusBar()->showMessage(message, kStatusMessageMs);
        std::fprintf(stderr, "plexus: %s\n", message.toLocal8Bit().constData());
        Q_EMIT projectLoadFailed(info.absoluteFilePath(), m_lastError);
        return false;
    }
    m_lastError.clear();
    const core::ProjectSpec& project = m_document->project();
    const QString message =
        tr("Loaded %1: %2, %3, %4.")
            .arg(info.fileName(),
                 countText(std::ssize(project.populations), tr("population"), tr("populations")),
                 countText(std::ssize(project.stimuli), tr("stimulus"), tr("stimuli")),
                 countText(std::ssize(project.projections), tr("projection"), tr("projections")));
    appendLog(message);
    for (const QString& warning : m_document->warnings()) {
        appendLog(warning, true);
    }
    logMissingModels();
    statusBar()->showMessage(message, kStatusMessageMs);
    addRecentFile(info.absoluteFilePath());
    updateActions();
    Q_EMIT projectLoaded(info.absoluteFilePath());
    return true;
}

bool MainWindow::saveProject(const QString& path) {
    QString error;
    if (!m_document->save(path, &error)) {
        m_lastError = error;
        const QString message = tr("Could not save project: %1").arg(error);
        appendLog(message, true);
        statusBar()->showMessage(message, kStatusMessageMs);
        return false;
    }
    m_lastError.clear();
    const QString message = tr("Saved %1.").arg(QDir::toNativeSeparators(m_document->filePath()));
    appendLog(message);
    statusBar()->showMessage(message, kStatusMessageMs);
    addRecentFile(m_document->filePath());
    updateActions();
    return true;
}

QStringList MainWindow::exampleNames() {
    const QStringList names = QDir(QStringLiteral(":/examples"))
                                  .entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    return names;
}

bool MainWindow::openExample(const QString& name) {
    QFile file(QStringLiteral(":/examples/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        m_lastError = tr("No example named %1.").arg(name);
        appendLog(m_lastError, true);
        return false;
    }
    try {
        core::ProjectSpec spec = core::ProjectIo::parse(file.readAll().toStdString(),
                                                        ("examples/" + name).toStdString());
        m_document->setProject(std::move(spec));
    } catch (const std::exception& e) {
        m_lastError = QString::fromStdString(e.what());
        appendLog(tr("Could not open example: %1").arg(m_lastError), true);
        return false;
    }
    m_lastError.clear();
    appendLog(tr("Opened example %1 (%2). Save it to keep your changes.")
                  .arg(m_document->displayName(), name));
    logMissingModels();
    updateActions();
    return true;
}

bool MainWindow::hasProject() const {
    return !m_document->filePath().isEmpty() || !m_document->nodeNames().isEmpty() ||
           m_document->isModified() || !m_document->project().name.empty();
}

const core::ProjectSpec* MainWindow::project() const {
    return hasProject() ? &m_document->project() : nullptr;
}

QString MainWindow::projectPath() const {
    return m_document->filePath();
}

QString MainWindow::logText() const {
    return m_log->toPlainText();
}

void MainWindow::logMissingModels() {
    QStringList missing;
    auto check = [&](const std::string& model) {
        const QString name = QString::fromStdString(model);
        if (m_models->info(model) == nullptr && !missing.contains(name)) {
            missing << name;
        }
    };
    const core::ProjectSpec& project = m_document->project();
    for (const auto& population : project.populations) {
        check(population.model);
    }
    for (const auto& stimulus : project.stimuli) {
        check(stimulus.model);
    }
    for (const auto& projection : project.projections) {
        if (projection.synapse != "static") {
            check(projection.synapse);
        }
    }
    if (!missing.isEmpty()) {
        appendLog(tr("Models not available: %1. They may come from plugins that are not "
                     "installed; the elements are kept as placeholders and the project cannot "
                     "run until the models are available.")
                      .arg(missing.join(QStringLiteral(", "))),
                  true);
    }
}

void MainWindow::loadModels() {
    plugins::registerBuiltinModels(*m_models);
    if (m_pluginsSkipped) {
        appendLog(tr("Plugins skipped (--no-plugins)."));
        return;
    }
    m_pluginResults = PluginLoader::loadDefault(*m_models);
    for (const PluginLoadResult& result : m_pluginResults) {
        if (result.refused()) {
            appendLog(tr("plugin refused: %1").arg(QString::fromStdString(result.message())), true);
            continue;
        }
        if (result.disabled) {
            appendLog(tr("Plugin %1 not loaded: it is disabled (Help > Plugins enables it).")
                          .arg(QString::fromStdString(result.path)));
            continue;
        }
        QStringList models;
        for (const std::string& model : result.models) {
            models << QString::fromStdString(model);
        }
        appendLog(tr("Plugin %1 %2 loaded from %3: %4.")
                      .arg(QString::fromStdString(result.name),
                           QString::fromStdString(result.version),
                           QString::fromStdString(result.path),
                           models.isEmpty() ? tr("no models") : models.join(QStringLiteral(", "))));
    }
}

QString MainWindow::pluginReport() const {
    return PluginDialog::reportText(m_pluginResults, m_pluginsSkipped);
}

void MainWindow::showGettingStarted() {
    if (m_gettingStarted == nullptr) {
        m_gettingStarted = new GettingStartedDialog(this);
    }
    m_gettingStarted->show();
    m_gettingStarted->raise();
    m_gettingStarted->activateWindow();
}

bool MainWindow::showGettingStartedOnFirstStart() {
    QSettings settings;
    if (settings.value(QLatin1String(kGettingStartedKey), false).toBool()) {
        return false;
    }
    settings.setValue(QLatin1String(kGettingStartedKey), true);
    showGettingStarted();
    return true;
}

ShortcutsDialog* MainWindow::showShortcuts() {
    // Built from the actions every time, so it lists what the window has now.
    auto* dialog = new ShortcutsDialog(ShortcutList::collect(this),
                                       widgets::CircuitView::mouseGestures(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void MainWindow::logMessage(const QString& message, bool isError) {
    appendLog(message, isError);
}

void MainWindow::showPlugins() {
    PluginDialog dialog(m_pluginResults, m_pluginsSkipped, this);
    dialog.exec();
}

bool MainWindow::maybeSave() {
    if (!m_document->isModified()) {
        return true;
    }
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved changes"),
        tr("%1 has unsaved changes. Save them first?").arg(m_document->displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save) {
        return save();
    }
    if (answer == QMessageBox::Discard) {
        m_autosave->discard();
        return true;
    }
    return false;
}

void MainWindow::newProject() {
    if (!maybeSave()) {
        return;
    }
    m_document->newProject();
    updateActions();
    appendLog(tr("New project."));
}

void MainWindow::openProjectDialog() {
    if (!maybeSave()) {
        return;
    }
    const QString start = m_document->filePath().isEmpty()
                              ? QDir::currentPath()
                              : QFileInfo(m_document->filePath()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Project"), start, tr("Plexus projects (*.json);;All files (*)"));
    if (!path.isEmpty()) {
        loadProject(path);
    }
}

bool MainWindow::save() {
    if (m_document->filePath().isEmpty()) {
        return saveAs();
    }
    return saveProject(m_document->filePath());
}

bool MainWindow::saveAs() {
    QString start = m_document->filePath();
    if (start.isEmpty()) {
        QString base = m_document->displayName().toLower();
        base.replace(QLatin1Char(' '), QLatin1Char('_'));
        start = QDir::current().filePath(base + QStringLiteral(".json"));
    }
    QString path = QFileDialog::getSaveFileName(this, tr("Save Project"), start,
                                                tr("Plexus projects (*.json)"));
    if (path.isEmpty()) {
        return false;
    }
    if (QFileInfo(path).suffix().isEmpty()) {
        path += QStringLiteral(".json");
    }
    return saveProject(path);
}

void MainWindow::reloadProject() {
    if (!m_document->filePath().isEmpty() && maybeSave()) {
        loadProject(m_document->filePath());
    }
}

void MainWindow::showAbout() {
    QMessageBox::about(
        this, tr("About Plexus"),
        tr("<h3>Plexus %1</h3>"
           "<p>An interactive workbench for spiking and rate neural-network dynamics.</p>"
           "<p>Licensed under the GNU General Public License, version 3 or later.</p>"
           "<p>Built with Qt %2.</p>")
            .arg(QStringLiteral(PLEXUS_VERSION), QString::fromLatin1(qVersion())));
}

void MainWindow::setDarkTheme(bool dark) {
    m_dark = dark;
    Theme::apply(dark);
    m_scene->setTheme(dark ? widgets::CircuitTheme::dark() : widgets::CircuitTheme::light());
    if (m_darkAction != nullptr) {
        (dark ? m_darkAction : m_lightAction)->setChecked(true);
    }
}

QStringList MainWindow::recentFiles() const {
    return QSettings().value(kRecentKey).toStringList();
}

void MainWindow::addRecentFile(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList files = recentFiles();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > kMaxRecentFiles) {
        files.removeLast();
    }
    QSettings().setValue(kRecentKey, files);
}

void MainWindow::fillRecentMenu() {
    m_recentMenu->clear();
    const QStringList files = recentFiles();
    for (const QString& file : files) {
        QAction* action = m_recentMenu->addAction(QDir::toNativeSeparators(file));
        action->setEnabled(QFileInfo::exists(file));
        connect(action, &QAction::triggered, this, [this, file] {
            if (maybeSave()) {
                loadProject(file);
            }
        });
    }
    if (files.isEmpty()) {
        m_recentMenu->addAction(tr("No recent files"))->setEnabled(false);
        return;
    }
    m_recentMenu->addSeparator();
    connect(m_recentMenu->addAction(tr("Clear list")), &QAction::triggered, this,
            [] { QSettings().remove(kRecentKey); });
}

void MainWindow::fillExamplesMenu() {
    m_examplesMenu->clear();
    for (const QString& name : exampleNames()) {
        QString title = name;
        QString description;
        QFile file(QStringLiteral(":/examples/") + name);
        if (file.open(QIODevice::ReadOnly)) {
            try {
                const core::ProjectSpec spec =
                    core::ProjectIo::parse(file.readAll().toStdString(), name.toStdString());
                if (!spec.name.empty()) {
                    title = QString::fromStdString(spec.name);
                }
                description = QString::fromStdString(spec.description);
            } catch (const std::exception&) {
                description = tr("(could not be read)");
            }
        }
        QAction* action = m_examplesMenu->addAction(title);
        action->setObjectName(QStringLiteral("example:") + name);
        action->setStatusTip(description);
        action->setToolTip(description);
        connect(action, &QAction::triggered, this, [this, name] {
            if (maybeSave()) {
                openExample(name);
            }
        });
    }
}

bool MainWindow::checkForRecovery(const QString& projectPath) {
    const auto recovery = AutosaveManager::findRecovery(projectPath);
    if (!recovery) {
        return false;
    }
    m_offeredRecovery = recovery->recoveryFile;
    m_offeredProject = recovery->projectPath;
    const QString what = m_offeredProject.isEmpty() ? tr("an untitled project")
                                                    : QDir::toNativeSeparators(m_offeredProject);
    m_recoveryText->setText(tr("Plexus found unsaved changes to %1 from %2 (the session did not "
                               "end normally). Restore them?")
                                .arg(what, recovery->saved.toString(Qt::TextDate)));
    m_recoveryBar->show();
    appendLog(tr("Recovery file found: %1").arg(m_offeredRecovery));
    return true;
}

bool MainWindow::isRecoveryOffered() const {
    return !m_offeredRecovery.isEmpty() && !m_recoveryBar->isHidden();
}

bool MainWindow::restoreRecovery() {
    if (m_offeredRecovery.isEmpty()) {
        return false;
    }
    core::ProjectSpec recovered;
    try {
        recovered = core::ProjectIo::load(QFile::encodeName(m_offeredRecovery).toStdString());
    } catch (const std::exception& e) {
        appendLog(tr("Could not read the recovery file: %1").arg(QString::fromStdString(e.what())),
                  true);
        return false;
    }
    // The saved project (if it still loads) becomes the clean state; the recovered changes are
    // one undoable step on top of it, and the document is modified until saved.
    core::ProjectSpec base;
    if (!m_offeredProject.isEmpty() && QFileInfo::exists(m_offeredProject)) {
        try {
            base = core::ProjectIo::load(QFile::encodeName(m_offeredProject).toStdString());
        } catch (const std::exception&) {
            base = core::ProjectSpec{};
        }
    }
    m_document->setProject(base, m_offeredProject);
    m_document->applyEdit(recovered, tr("Restore unsaved changes"));
    appendLog(tr("Restored unsaved changes from %1.").arg(m_offeredRecovery));
    QFile::remove(m_offeredRecovery);
    m_offeredRecovery.clear();
    m_recoveryBar->hide();
    m_autosave->autosaveNow();
    updateActions();
    fitSoon();
    return true;
}

void MainWindow::discardRecovery() {
    if (!m_offeredRecovery.isEmpty()) {
        QFile::remove(m_offeredRecovery);
        QFile::remove(QFileInfo(m_offeredRecovery).absolutePath() + QLatin1Char('/') +
                      QFileInfo(m_offeredRecovery).completeBaseName() + QStringLiteral(".source"));
        appendLog(tr("Discarded recovery file %1.").arg(m_offeredRecovery));
    }
    m_offeredRecovery.clear();
    m_recoveryBar->hide();
}

void MainWindow::restoreSession() {
    QSettings settings;
    if (restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) {
        // A window saved on a larger screen still fits this one.
        const QRect available = screen()->availableGeometry();
        if (width() > available.width() || height() > available.height()) {
            applyDefaultGeometry(available);
        }
    }
    if (restoreState(settings.value(QStringLiteral("window/state")).toByteArray())) {
        m_layoutDone = true; // the saved dock sizes win
    }
    setDarkTheme(settings.value(QStringLiteral("window/dark"), false).toBool());
    m_snapAction->setChecked(settings.value(QStringLiteral("editor/snap"), true).toBool());
}

void MainWindow::saveSession() const {
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/dark"), m_dark);
    settings.setValue(QStringLiteral("editor/snap"), m_snapAction->isChecked());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    saveSession();
    m_autosave->discard();
    event->accept();
}

void MainWindow::showEvent(QShowEvent* event) {
    QMainWindow::showEvent(event);
    if (!m_layoutDone) {
        m_layoutDone = true;
        // Once the layout has its size: docks keep their size hints until then.
        QTimer::singleShot(0, this, [this] {
            applyDefaultDockSizes();
            fitSoon();
        });
    }
    fitSoon();
}

void MainWindow::applyDefaultGeometry(const QRect& available) {
    // Most of the screen, inside its free area with a margin for the window frame.
    const QSize size(std::min(available.width() * 92 / 100, 1800),
                     std::min(available.height() * 90 / 100, 1120));
    layout()->activate(); // the minimum size of the panels as they are now
    setGeometry(QStyle::alignedRect(Qt::LeftToRight, Qt::AlignCenter, size, available));
}

void MainWindow::applyDefaultDockSizes() {
    // Palette and inspector narrow at the sides, the plots 40 % of the height below the
    // canvas; the other bottom panels (3-D, analysis, log) are tabs behind the plots.
    const int width = this->width();
    const int height = this->height();
    resizeDocks({m_paletteDock, m_inspectorDock},
                {std::clamp(width * 16 / 100, 200, 300), std::clamp(width * 28 / 100, 380, 460)},
                Qt::Horizontal);
    resizeDocks({m_plotsDock}, {height * 40 / 100}, Qt::Vertical);
}

void MainWindow::fitSoon() {
    if (m_fitPending) {
        return;
    }
    m_fitPending = true;
    QTimer::singleShot(0, this, [this] {
        m_fitPending = false;
        if (m_view != nullptr) {
            m_view->fitReadable();
        }
    });
}

void MainWindow::syncSelectionToInspector() {
    m_inspector->setSelection(m_scene->selectedNodes(), m_scene->selectedProjections());
    QStringList populations;
    for (const QString& name : m_scene->selectedNodes()) {
        if (m_document->project().findPopulation(name.toStdString()) != nullptr) {
            populations << name;
        }
    }
    m_runController->setSelectedPopulations(populations);
    updateActions();
}

bool MainWindow::showPanel(const QString& name) {
    static const QHash<QString, QString> docks = {
        {QStringLiteral("plots"), QStringLiteral("plotsDock")},
        {QStringLiteral("3d"), QStringLiteral("view3dDock")},
        {QStringLiteral("analysis"), QStringLiteral("analysisDock")},
        {QStringLiteral("log"), QStringLiteral("logDock")}};
    if (name == QLatin1String("plots")) {
        showPlots();
        return true;
    }
    const auto it = docks.find(name);
    if (it == docks.end()) {
        return false;
    }
    for (QDockWidget* dock : std::as_const(m_docks)) {
        if (dock->objectName() == it.value()) {
            dock->show();
            dock->raise();
            // Room for the panel's content (the analysis panel needs much), within reason.
            QWidget* content = dock->widget();
            if (auto* scroll = qobject_cast<QScrollArea*>(content)) {
                content = scroll->widget();
            }
            const int wanted =
                std::min(std::max(height() * 9 / 20, content->minimumSizeHint().height() + 30),
                         height() * 7 / 10);
            if (dock->height() < wanted) {
                resizeDocks({dock}, {wanted}, Qt::Vertical);
            }
            return true;
        }
    }
    return false;
}

bool MainWindow::settleViews(int timeoutMs) {
    QElapsedTimer clock;
    clock.start();
    // Let shown panels start their work (timers, first paint), then wait until the analysis
    // has applied the result for the latest data (not only until it is idle: a new request
    // may still be waiting for its timer).
    bool pending = true;
    do {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(10);
        pending = m_analysisPanel->hasPendingWork();
    } while (clock.elapsed() < 300 || (pending && clock.elapsed() < timeoutMs));
    QCoreApplication::processEvents();
    return !m_analysisPanel->hasPendingWork();
}

bool MainWindow::exportRun(const QString& path, QString* error) {
    try {
        const core::RunRecord record = widgets::LiveRunRecord::fromRecording(
            m_runController->recording(), m_document->project(), PLEXUS_VERSION);
        const QString suffix = QFileInfo(path).suffix().toLower();
        if (suffix == QLatin1String("h5") || suffix == QLatin1String("hdf5")) {
            core::RunArchive::write(record, QFile::encodeName(path).toStdString());
        } else {
            core::RunRecordCsv::write(record, QFile::encodeName(path).toStdString());
        }
    } catch (const std::exception& e) {
        if (error != nullptr) {
            *error = QString::fromUtf8(e.what());
        }
        return false;
    }
    return true;
}

bool MainWindow::openRun(const QString& path, QString* error) {
    try {
        const core::RunRecord record =
            core::RunArchive::read(QFile::encodeName(path).toStdString());
        m_runController->showRecordedRun(record, path);
    } catch (const std::exception& e) {
        if (error != nullptr) {
            *error = QString::fromUtf8(e.what());
        }
        return false;
    }
    showPlots();
    return true;
}

void MainWindow::exportRunDialog() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Run Data"), QStringLiteral("run.h5"),
        tr("HDF5 run archive (*.h5 *.hdf5);;CSV files in a new folder (*)"));
    if (path.isEmpty()) {
        return;
    }
    QString error;
    if (exportRun(path, &error)) {
        appendLog(tr("Run written to %1.").arg(QDir::toNativeSeparators(path)));
    } else {
        appendLog(error, true);
        QMessageBox::warning(this, tr("Export Run Data"), error);
    }
}

void MainWindow::openRunDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Recorded Run"), QString(),
                                                      tr("HDF5 run archive (*.h5 *.hdf5)"));
    if (path.isEmpty()) {
        return;
    }
    QString error;
    if (openRun(path, &error)) {
        appendLog(tr("Showing the recorded run %1.").arg(QDir::toNativeSeparators(path)));
    } else {
        appendLog(error, true);
        QMessageBox::warning(this, tr("Open Recorded Run"), error);
    }
}

QString MainWindow::currentFigureView() const {
    for (QDockWidget* dock : std::as_const(m_docks)) {
        if (dock->isVisible() && !dock->visibleRegion().isEmpty()) {
            if (dock->widget() == m_cortexPanel) {
                return QStringLiteral("cortex");
            }
            if (dock->widget()->isAncestorOf(m_analysisPanel)) {
                return QStringLiteral("trajectory");
            }
        }
    }
    return QStringLiteral("raster");
}

void MainWindow::exportFigureDialog() {
    const FigureViews views(m_runController->plotPanel(), m_cortexPanel, m_analysisPanel);
    widgets::ExportDialog dialog(views.available(), {currentFigureView()}, this);
    QSettings settings;
    const QString lastDir = settings.value(QStringLiteral("figureDir")).toString();
    const QString base = hasProject() && !m_document->displayName().isEmpty()
                             ? QFileInfo(m_document->displayName()).completeBaseName()
                             : QStringLiteral("figure");
    dialog.setFilePath(QDir(lastDir.isEmpty() ? QDir::homePath() : lastDir)
                           .filePath(base + QStringLiteral(".svg")));
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    settings.setValue(QStringLiteral("figureDir"), QFileInfo(dialog.filePath()).absolutePath());
    QString error;
    if (exportFigure(dialog.selectedViews(), dialog.style(), dialog.columns(), dialog.filePath(),
                     &error)) {
        const QString text =
            tr("Figure written to %1 (provenance in %2).")
                .arg(QDir::toNativeSeparators(dialog.filePath()),
                     QFileInfo(widgets::FigureProvenance::sidecarPath(dialog.filePath()))
                         .fileName());
        appendLog(text);
        statusBar()->showMessage(text, kStatusMessageMs);
    } else {
        appendLog(error, true);
        QMessageBox::warning(this, tr("Export Figure"), error);
    }
}

bool MainWindow::exportFigure(const QStringList& views, const widgets::FigureStyle& requested,
                              int columns, const QString& path, QString* error, bool growToFit) {
    widgets::FigureStyle style = requested;
    auto failWith = [error](const QString& text) {
        if (error != nullptr) {
            *error = text;
        }
        return false;
    };
    widgets::FigureFormat format{};
    if (!widgets::figureFormatFromSuffix(QFileInfo(path).suffix(), format)) {
        return failWith(tr("%1: the file must end in .png, .svg or .pdf").arg(path));
    }
    if (views.contains(QStringLiteral("trajectory3d")) &&
        !m_analysisPanel->trajectoryView()->isThreeD()) {
        showPanel(QStringLiteral("analysis"));
        m_analysisPanel->trajectoryView()->setThreeD(true);
        settleViews(10000);
    }
    const FigureViews available(m_runController->plotPanel(), m_cortexPanel, m_analysisPanel);
    widgets::FigureComposer composer;
    for (const QString& id : views) {
        std::shared_ptr<widgets::FigureSource> source = available.source(id);
        if (!source) {
            return failWith(tr("%1: the view '%2' is not available (views: %3)")
                                .arg(path, id, FigureViews::allIds().join(QStringLiteral(", "))));
        }
        composer.addPanel(std::move(source));
    }
    composer.setColumns(columns);
    if (growToFit) {
        const QSizeF least = composer.minimumSizeMm(style);
        style.widthMm = std::max(style.widthMm, std::ceil(least.width()));
        style.heightMm = std::max(style.heightMm, std::ceil(least.height()));
    }
    if (!composer.write(path, format, style, error)) {
        return false;
    }
    const RunStatus& status = m_runController->status();
    widgets::FigureProvenance::Run run;
    run.state = QString::fromLatin1(runStateName(status.state));
    run.simulatedMs = status.timeMs;
    run.spikes = status.spikes;
    if (!m_runController->recordedRunSource().isEmpty()) {
        // A recorded run shown from a run archive.
        const widgets::LiveRecording& shown = m_runController->recording();
        run.state = QStringLiteral("recorded");
        run.simulatedMs = shown.currentTimeMs();
        run.spikes = shown.spikeTotal();
        run.source = QFileInfo(m_runController->recordedRunSource()).absoluteFilePath();
    }
    const nlohmann::json provenance = widgets::FigureProvenance::describe(
        m_document->project(), m_models.get(), m_document->filePath(), run, path, views, style,
        QStringLiteral(PLEXUS_VERSION));
    return widgets::FigureProvenance::write(path, provenance, error);
}

void MainWindow::showPlots() {
    if (m_plotsDock != nullptr) {
        const bool wasHidden = m_plotsDock->isHidden() || m_plotsDock->visibleRegion().isEmpty();
        m_plotsDock->show();
        m_plotsDock->raise();
        if (wasHidden && m_plotsDock->height() < height() / 3) {
            resizeDocks({m_plotsDock}, {height() * 9 / 20}, Qt::Vertical);
        }
    }
}

QDockWidget* MainWindow::addPanel(const QString& title, const QString& name, QWidget* widget,
                                  Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(name);
    dock->setWidget(widget);
    addDockWidget(area, dock);
    m_docks << dock;
    return dock;
}

void MainWindow::createActions() {
    QStyle* s = style();
    auto make = [this](const QIcon& icon, const QString& text, const QKeySequence& key,
                       const QString& tip) {
        auto* action = new QAction(icon, text, this);
        if (!key.isEmpty()) {
            action->setShortcut(key);
        }
        action->setStatusTip(tip);
        action->setToolTip(
            key.isEmpty() ? text
                          : QStringLiteral("%1 (%2)").arg(QString(text).remove(QLatin1Char('&')),
                                                          key.toString(QKeySequence::NativeText)));
        return action;
    };
    m_newAction = make(s->standardIcon(QStyle::SP_FileIcon), tr("&New"), QKeySequence::New,
                       tr("Start an empty project"));
    connect(m_newAction, &QAction::triggered, this, &MainWindow::newProject);
    m_openAction = make(s->standardIcon(QStyle::SP_DialogOpenButton), tr("&Open\u2026"),
                        QKeySequence::Open, tr("Open a project file"));
    connect(m_openAction, &QAction::triggered, this, &MainWindow::openProjectDialog);
    m_saveAction = make(s->standardIcon(QStyle::SP_DialogSaveButton), tr("&Save"),
                        QKeySequence::Save, tr("Save the project"));
    connect(m_saveAction, &QAction::triggered, this, &MainWindow::save);
    // Keys whose standard binding differs between desktops are spelled out, so they are the
    // same everywhere (and in Help > Keyboard Shortcuts and the README).
    m_saveAsAction =
        make(QIcon(), tr("Save &As\u2026"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
             tr("Save the project under a new name"));
    connect(m_saveAsAction, &QAction::triggered, this, &MainWindow::saveAs);
    // F5 is Run (as in IDEs); reloading gets a key of its own.
    m_reloadAction = make(s->standardIcon(QStyle::SP_BrowserReload), tr("&Reload"),
                          QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
                          tr("Load the current project file again"));
    connect(m_reloadAction, &QAction::triggered, this, &MainWindow::reloadProject);
    m_exportFigureAction = make(
        QIcon(), tr("Export &Figure\u2026"), QKeySequence(tr("Ctrl+E")),
        tr("Export views as a PNG, SVG or PDF figure (several views: one multi-panel figure)"));
    connect(m_exportFigureAction, &QAction::triggered, this, &MainWindow::exportFigureDialog);
    m_exportRunAction = make(QIcon(), tr("Export &Run Data\u2026"), QKeySequence(),
                             tr("Write the run shown (spikes, rates, traces, electrode "
                                "recordings) to an HDF5 run archive or CSV files"));
    connect(m_exportRunAction, &QAction::triggered, this, &MainWindow::exportRunDialog);
    m_openRunAction = make(QIcon(), tr("Open Recorded R&un\u2026"), QKeySequence(),
                           tr("Show a run archive (.h5) in the plots and the analysis without "
                              "simulating"));
    connect(m_openRunAction, &QAction::triggered, this, &MainWindow::openRunDialog);
    m_quitAction =
        make(QIcon(), tr("&Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q), tr("Quit Plexus"));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    QUndoStack* undo = m_document->undoStack();
    m_undoAction = undo->createUndoAction(this, tr("&Undo"));
    m_undoAction->setIcon(s->standardIcon(QStyle::SP_ArrowBack));
    m_undoAction->setShortcut(QKeySequence::Undo);
    m_redoAction = undo->createRedoAction(this, tr("&Redo"));
    m_redoAction->setIcon(s->standardIcon(QStyle::SP_ArrowForward));
    m_redoAction->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});

    // Editing actions apply to the circuit editor; their shortcuts work while it has focus, so
    // text fields (inspector, palette search) keep their own Ctrl+C, Delete, ...
    auto editorAction = [&](const QString& text, const QKeySequence& key, const QString& tip) {
        QAction* action = make(QIcon(), text, key, tip);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_view->addAction(action);
        return action;
    };
    m_cutAction = editorAction(tr("Cu&t"), QKeySequence::Cut, tr("Cut the selected nodes"));
    connect(m_cutAction, &QAction::triggered, m_scene, &widgets::CircuitScene::cutSelection);
    m_copyAction = editorAction(tr("&Copy"), QKeySequence::Copy, tr("Copy the selected nodes"));
    connect(m_copyAction, &QAction::triggered, m_scene, &widgets::CircuitScene::copySelection);
    m_pasteAction = editorAction(tr("&Paste"), QKeySequence::Paste, tr("Paste copied nodes"));
    connect(m_pasteAction, &QAction::triggered, m_scene, &widgets::CircuitScene::pasteClipboard);
    m_duplicateAction = editorAction(tr("D&uplicate"), QKeySequence(Qt::CTRL | Qt::Key_D),
                                     tr("Copy and paste the selection"));
    connect(m_duplicateAction, &QAction::triggered, m_scene,
            &widgets::CircuitScene::duplicateSelection);
    m_deleteAction = editorAction(tr("&Delete"), QKeySequence::Delete,
                                  tr("Delete the selected nodes and projections"));
    m_deleteAction->setShortcuts({QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
    connect(m_deleteAction, &QAction::triggered, m_scene, &widgets::CircuitScene::deleteSelection);
    m_selectAllAction =
        editorAction(tr("Select &All"), QKeySequence::SelectAll, tr("Select every element"));
    connect(m_selectAllAction, &QAction::triggered, m_scene,
            &widgets::CircuitScene::selectAllElements);
    m_autoLayoutAction = make(QIcon(), tr("Automatic &Layout"), QKeySequence(Qt::CTRL | Qt::Key_L),
                              tr("Arrange the nodes in columns following the flow of activity"));
    connect(m_autoLayoutAction, &QAction::triggered, this, [this] {
        m_document->autoLayout();
        fitSoon();
    });

    m_zoomInAction =
        make(QIcon(), tr("Zoom &In"), QKeySequence(Qt::CTRL | Qt::Key_Plus), tr("Zoom in"));
    connect(m_zoomInAction, &QAction::triggered, m_view, &widgets::CircuitView::zoomIn);
    m_zoomOutAction =
        make(QIcon(), tr("Zoom &Out"), QKeySequence(Qt::CTRL | Qt::Key_Minus), tr("Zoom out"));
    connect(m_zoomOutAction, &QAction::triggered, m_view, &widgets::CircuitView::zoomOut);
    m_zoomResetAction =
        make(QIcon(), tr("&Actual Size"), QKeySequence(Qt::CTRL | Qt::Key_0), tr("Zoom to 100 %"));
    connect(m_zoomResetAction, &QAction::triggered, m_view, &widgets::CircuitView::resetZoom);
    m_fitAction =
        make(s->standardIcon(QStyle::SP_TitleBarMaxButton), tr("&Fit to View"),
             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F), tr("Show the whole circuit"));
    connect(m_fitAction, &QAction::triggered, m_view, &widgets::CircuitView::fitToView);
    m_snapAction = make(QIcon(), tr("Snap to &Grid"), QKeySequence(Qt::CTRL | Qt::Key_G),
                        tr("Snap dragged nodes to the grid"));
    m_snapAction->setCheckable(true);
    m_snapAction->setChecked(true);
    connect(m_snapAction, &QAction::toggled, m_scene, &widgets::CircuitScene::setGridSnapping);

    auto* themes = new QActionGroup(this);
    m_lightAction = make(QIcon(), tr("&Light Theme"), {}, tr("Light colours"));
    m_darkAction = make(QIcon(), tr("&Dark Theme"), {}, tr("Dark colours"));
    for (QAction* action : {m_lightAction, m_darkAction}) {
        action->setCheckable(true);
        themes->addAction(action);
    }
    m_lightAction->setChecked(true);
    connect(m_lightAction, &QAction::triggered, this, [this] { setDarkTheme(false); });
    connect(m_darkAction, &QAction::triggered, this, [this] { setDarkTheme(true); });

    m_runAction = m_runController->runAction();
    m_pauseAction = m_runController->pauseAction();
    m_stopAction = m_runController->stopAction();

    m_pluginsAction = new QAction(tr("&Plugins\u2026"), this);
    m_pluginsAction->setObjectName(QStringLiteral("pluginsAction"));
    m_pluginsAction->setStatusTip(tr("List, disable and enable the model plugins"));
    connect(m_pluginsAction, &QAction::triggered, this, &MainWindow::showPlugins);
    m_gettingStartedAction =
        make(QIcon(), tr("&Getting Started"), QKeySequence(Qt::Key_F1),
             tr("Build a circuit, run it, look at it, analyse it and export figures"));
    m_gettingStartedAction->setObjectName(QStringLiteral("gettingStartedAction"));
    connect(m_gettingStartedAction, &QAction::triggered, this, &MainWindow::showGettingStarted);
    m_shortcutsAction =
        make(QIcon(), tr("&Keyboard Shortcuts"), QKeySequence(Qt::CTRL | Qt::Key_Slash),
             tr("List every keyboard shortcut and mouse gesture"));
    m_shortcutsAction->setObjectName(QStringLiteral("shortcutsAction"));
    connect(m_shortcutsAction, &QAction::triggered, this, &MainWindow::showShortcuts);
    m_aboutAction = new QAction(tr("&About Plexus"), this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createMenus() {
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->setObjectName(QStringLiteral("fileMenu"));
    fileMenu->addAction(m_newAction);
    fileMenu->addAction(m_openAction);
    m_recentMenu = fileMenu->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
    m_examplesMenu = fileMenu->addMenu(tr("&Examples"));
    m_examplesMenu->setObjectName(QStringLiteral("examplesMenu"));
    fillExamplesMenu();
    fileMenu->addSeparator();
    fileMenu->addAction(m_saveAction);
    fileMenu->addAction(m_saveAsAction);
    fileMenu->addAction(m_reloadAction);
    fileMenu->addSeparator();
    fileMenu->addAction(m_exportFigureAction);
    fileMenu->addAction(m_exportRunAction);
    fileMenu->addAction(m_openRunAction);
    fileMenu->addSeparator();
    fileMenu->addAction(m_quitAction);

    QMenu* editMenu = menuBar()->addMenu(tr("&Edit"));
    editMenu->addAction(m_undoAction);
    editMenu->addAction(m_redoAction);
    editMenu->addSeparator();
    editMenu->addAction(m_cutAction);
    editMenu->addAction(m_copyAction);
    editMenu->addAction(m_pasteAction);
    editMenu->addAction(m_duplicateAction);
    editMenu->addAction(m_deleteAction);
    editMenu->addSeparator();
    editMenu->addAction(m_selectAllAction);
    editMenu->addAction(m_autoLayoutAction);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->setObjectName(QStringLiteral("viewMenu"));
    m_viewMenu->addAction(m_zoomInAction);
    m_viewMenu->addAction(m_zoomOutAction);
    m_viewMenu->addAction(m_zoomResetAction);
    m_viewMenu->addAction(m_fitAction);
    m_viewMenu->addAction(m_snapAction);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_lightAction);
    m_viewMenu->addAction(m_darkAction);
    m_viewMenu->addSeparator();
    // Panel toggles are added by createDocks().

    QMenu* runMenu = menuBar()->addMenu(tr("&Run"));
    runMenu->setObjectName(QStringLiteral("runMenu"));
    runMenu->addAction(m_runAction);
    runMenu->addAction(m_pauseAction);
    runMenu->addAction(m_runController->stepAction());
    runMenu->addAction(m_stopAction);
    runMenu->addAction(m_runController->resetAction());
    runMenu->addSeparator();
    runMenu->addAction(m_runController->traceAction());

    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->setObjectName(QStringLiteral("helpMenu"));
    helpMenu->addAction(m_gettingStartedAction);
    helpMenu->addAction(m_shortcutsAction);
    helpMenu->addSeparator();
    helpMenu->addAction(m_pluginsAction);
    helpMenu->addAction(m_aboutAction);
}

void MainWindow::createToolBar() {
    QToolBar* toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonIconOnly);
    toolBar->addAction(m_newAction);
    toolBar->addAction(m_openAction);
    toolBar->addAction(m_saveAction);
    toolBar->addSeparator();
    toolBar->addAction(m_undoAction);
    toolBar->addAction(m_redoAction);
    toolBar->addSeparator();
    toolBar->addAction(m_runAction);
    toolBar->addAction(m_pauseAction);
    toolBar->addAction(m_runController->stepAction());
    toolBar->addAction(m_stopAction);
    toolBar->addAction(m_runController->resetAction());
    toolBar->addWidget(m_runController->speedBox());
    toolBar->addSeparator();
    toolBar->addAction(m_fitAction);
}

void MainWindow::createDocks() {
    m_palette = new widgets::Palette(m_models.get());
    QDockWidget* paletteDock =
        addPanel(tr("Palette"), QStringLiteral("paletteDock"), m_palette, Qt::LeftDockWidgetArea);
    m_paletteDock = paletteDock;

    m_inspector = new widgets::Inspector(m_document);
    QDockWidget* inspectorDock = addPanel(tr("Inspector"), QStringLiteral("inspectorDock"),
                                          m_inspector, Qt::RightDockWidgetArea);
    m_inspectorDock = inspectorDock;
    m_summary = new ProjectSummaryView;
    m_summary->setObjectName(QStringLiteral("projectSummary"));
    m_summary->setModelRegistry(m_models.get());
    QDockWidget* overviewDock = addPanel(tr("Overview"), QStringLiteral("overviewDock"), m_summary,
                                         Qt::RightDockWidgetArea);
    auto* history = new QUndoView(m_document->undoStack());
    history->setObjectName(QStringLiteral("undoHistory"));
    history->setEmptyLabel(tr("<opened project>"));
    QDockWidget* historyDock =
        addPanel(tr("History"), QStringLiteral("historyDock"), history, Qt::RightDockWidgetArea);
    tabifyDockWidget(inspectorDock, overviewDock);
    tabifyDockWidget(overviewDock, historyDock);
    inspectorDock->raise();

    QDockWidget* plotsDock = addPanel(tr("Plots"), QStringLiteral("plotsDock"),
                                      m_runController->plotPanel(), Qt::BottomDockWidgetArea);
    m_plotsDock = plotsDock;
    // VTK in our own OpenGL widget (on platforms without OpenGL the panel shows a note).
    m_cortexPanel = new widgets::CortexPanel;
    m_cortexPanel->setObjectName(QStringLiteral("cortexPanel"));
    // An OpenGL widget anywhere in a window makes Qt composite the whole window through
    // OpenGL on every repaint (slow with software GL), so the 3-D panel joins the window only
    // when its dock is first shown; until then it works unparented (placement, electrodes).
    auto* viewHolder = new QWidget;
    QDockWidget* viewDock =
        addPanel(tr("3D View"), QStringLiteral("view3dDock"), viewHolder, Qt::BottomDockWidgetArea);
    connect(viewDock, &QDockWidget::visibilityChanged, this, [this, viewDock](bool visible) {
        if (visible && viewDock->widget() != m_cortexPanel) {
            QWidget* holder = viewDock->widget();
            viewDock->setWidget(m_cortexPanel);
            delete holder;
        }
    });
    m_cortexBinding =
        new CortexBinding(m_document, &m_runController->recording(), m_cortexPanel, viewDock, this);
    // Virtual recordings: live runs record LFP and MUA at the 3-D view's electrode contacts.
    const auto syncRecordingContacts = [this] {
        m_runController->setRecordingContacts(m_cortexPanel->view()->electrodes(),
                                              m_cortexPanel->placement());
    };
    connect(m_cortexBinding, &CortexBinding::placementChanged, this, syncRecordingContacts);
    connect(m_cortexPanel->view(), &widgets::CortexView::surfaceChanged, this,
            syncRecordingContacts);
    syncRecordingContacts();
    m_analysisPanel = new widgets::AnalysisPanel(&m_runController->recording());
    m_analysisPanel->setObjectName(QStringLiteral("analysisPanel"));
    connect(m_runController->plotPanel()->rasterPlot(), &widgets::RasterPlot::selectionChanged,
            m_analysisPanel, &widgets::AnalysisPanel::setSelection);
    connect(m_runController->plotPanel()->rasterPlot(), &widgets::RasterPlot::selectionChanged,
            m_cortexPanel, &widgets::CortexPanel::setHighlightedSelection);
    // The inspector's numeric electrode coordinates refer to the surface shown in 3-D.
    auto syncSurface = [this] {
        m_inspector->setElectrodeSurface(std::make_shared<const plexus::geometry::SurfaceMesh>(
            m_cortexPanel->view()->pialSurface()));
    };
    connect(m_cortexPanel->view(), &widgets::CortexView::surfaceChanged, this, syncSurface);
    syncSurface();
    // The analysis panel needs much room; it scrolls in a smaller dock rather than forcing
    // every panel of the bottom area (and the window) to its size.
    auto* analysisScroll = new QScrollArea;
    analysisScroll->setObjectName(QStringLiteral("analysisScroll"));
    analysisScroll->setWidgetResizable(true);
    analysisScroll->setFrameShape(QFrame::NoFrame);
    analysisScroll->setWidget(m_analysisPanel);
    QDockWidget* analysisDock = addPanel(tr("Analysis"), QStringLiteral("analysisDock"),
                                         analysisScroll, Qt::BottomDockWidgetArea);
    QDockWidget* logDock =
        addPanel(tr("Log"), QStringLiteral("logDock"), m_log, Qt::BottomDockWidgetArea);
    // The plots share the bottom with the other panels as tabs and come first: the canvas and
    // the plots are what a session is about (applyDefaultDockSizes() sizes them).
    tabifyDockWidget(plotsDock, viewDock);
    tabifyDockWidget(viewDock, analysisDock);
    tabifyDockWidget(analysisDock, logDock);
    plotsDock->raise();

    for (QDockWidget* dock : std::as_const(m_docks)) {
        m_viewMenu->addAction(dock->toggleViewAction());
    }
}

void MainWindow::createRecoveryBar() {
    m_recoveryBar = new QFrame;
    m_recoveryBar->setObjectName(QStringLiteral("recoveryBar"));
    m_recoveryBar->setStyleSheet(
        QStringLiteral("#recoveryBar { background: #fff4ce; border-bottom: 1px solid #e0c060; }"
                       "#recoveryBar QLabel { color: #3b3000; }"));
    auto* layout = new QHBoxLayout(m_recoveryBar);
    layout->setContentsMargins(10, 6, 10, 6);
    m_recoveryText = new QLabel;
    m_recoveryText->setWordWrap(true);
    auto* restore = new QPushButton(tr("Restore"));
    restore->setObjectName(QStringLiteral("restoreRecovery"));
    auto* discard = new QPushButton(tr("Discard"));
    discard->setObjectName(QStringLiteral("discardRecovery"));
    layout->addWidget(m_recoveryText, 1);
    layout->addWidget(restore);
    layout->addWidget(discard);
    connect(restore, &QPushButton::clicked, this, &MainWindow::restoreRecovery);
    connect(discard, &QPushButton::clicked, this, &MainWindow::discardRecovery);
    m_recoveryBar->hide();
}

void MainWindow::appendLog(const QString& message, bool isError) {
    const QString time = QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss"));
    m_log->appendPlainText(
        QStringLiteral("[%1] %2%3").arg(time, isError ? tr("error: ") : QString(), message));
}

void MainWindow::updateTitle() {
    if (!hasProject()) {
        setWindowTitle(tr("Plexus"));
        return;
    }
    setWindowTitle(QStringLiteral("Plexus \u2014 %1%2")
                       .arg(m_document->displayName(),
                            m_document->isModified() ? QStringLiteral(" *") : QString()));
}

void MainWindow::updateStatusSummary() {
    const core::ProjectSpec& project = m_document->project();
    if (!hasProject()) {
        m_statusSummary->setText(tr("No project"));
        return;
    }
    qlonglong neurons = 0;
    for (const auto& population : project.populations) {
        neurons += population.size;
    }
    m_statusSummary->setText(
        QStringLiteral("%1 \u00b7 %2 \u00b7 %3")
            .arg(countText(neurons, tr("neuron"), tr("neurons")),
                 countText(std::ssize(project.populations), tr("population"), tr("populations")),
                 countText(std::ssize(project.projections), tr("projection"), tr("projections"))));
}

void MainWindow::updateActions() {
    if (m_reloadAction == nullptr) {
        return;
    }
    m_reloadAction->setEnabled(!m_document->filePath().isEmpty());
    const bool selection = !m_scene->selectedItems().isEmpty();
    m_cutAction->setEnabled(selection);
    m_copyAction->setEnabled(selection);
    m_duplicateAction->setEnabled(selection);
    m_deleteAction->setEnabled(selection);
}

void MainWindow::refreshSummary() {
    m_summaryTimer->stop();
    if (!hasProject()) {
        m_summary->clear();
        return;
    }
    m_summary->setProject(m_document->project());
}

} // namespace plexus::app
