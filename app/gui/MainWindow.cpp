#include "MainWindow.h"

#include "AboutDialog.h"
#include "AutosaveManager.h"
#include "CortexBinding.h"
#include "FigureExportActions.h"
#include "GettingStartedDialog.h"
#include "MainDocks.h"
#include "MainMenus.h"
#include "PerturbMenu.h"
#include "PluginDialog.h"
#include "PluginLoader.h"
#include "RunArchives.h"
#include "RunController.h"
#include "ShortcutList.h"
#include "ShortcutsDialog.h"
#include "Theme.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QShowEvent>
#include <QStatusBar>
#include <QStyle>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QTreeWidget>
#include <QTreeWidgetItem>
#include <QUndoStack>
#include <QVBoxLayout>
#include <algorithm>
#include <cstdio>
#include <exception>
#include <iterator>
#include <plexus/Version.h>
#include <plexus/core/base/Error.h>
#include <plexus/core/project/ProjectIo.h>
#include <plexus/plugins/BuiltinModels.h>
#include <plexus/widgets/analysis/AnalysisPanel.h>
#include <plexus/widgets/cortex/CortexPanel.h>
#include <plexus/widgets/cortex/CortexView.h>
#include <plexus/widgets/document/Document.h>
#include <plexus/widgets/editor/CircuitScene.h>
#include <plexus/widgets/editor/CircuitView.h>
#include <plexus/widgets/editor/Palette.h>
#include <plexus/widgets/experiment/ExperimentPanel.h>
#include <plexus/widgets/inspector/Inspector.h>
#include <plexus/widgets/inspector/ProjectSummaryView.h>
#include <plexus/widgets/plots/CountText.h>

namespace plexus::app {

using widgets::ProjectSummaryView;

namespace {

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
        const QString problem = m_docks->inspector()->commitPendingEdits();
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

    m_menus = new MainMenus(*this, m_document, m_scene, m_view, m_runController);
    connect(m_menus->autoLayoutAction(), &QAction::triggered, this, [this] {
        m_document->autoLayout();
        fitSoon();
    });
    connect(m_menus, &MainMenus::recentFileChosen, this, [this](const QString& file) {
        if (maybeSave()) {
            loadProject(file);
        }
    });
    connect(m_menus, &MainMenus::exampleChosen, this, [this](const QString& name) {
        if (maybeSave()) {
            openExample(name);
        }
    });
    m_docks = new MainDocks(*this, m_models.get(), m_document, m_runController, m_log,
                            m_menus->viewMenu());
    m_runArchives = new RunArchives(*this);
    // A clicked sweep point with a kept run opens like File > Open Recorded Run.
    connect(m_docks->experimentPanel(), &widgets::ExperimentPanel::openRunRequested, this,
            [this](const QString& path) {
                QString error;
                if (openRun(path, &error)) {
                    showPlots();
                } else {
                    statusBar()->showMessage(error, kStatusMessageMs);
                }
            });
    connect(m_docks->experimentPanel(), &widgets::ExperimentPanel::statusMessage, this,
            [this](const QString& text) { statusBar()->showMessage(text, kStatusMessageMs); });
    m_figureExport = new FigureExportActions(*this, *m_docks);
    connect(m_docks->experimentPanel(), &widgets::ExperimentPanel::figureExportRequested, this,
            [this] {
                m_figureExport->exportFigureDialog(
                    QString::fromLatin1(FigureExportActions::kSweepView));
            });

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
    connect(m_view, &widgets::CircuitView::contextMenuAbout, this,
            [this](QMenu* menu, const QString& node, const QString& edge) {
                PerturbMenu::addTo(*menu, *m_runController, m_document->project(), node, edge,
                                   this);
            });
    connect(m_view, &widgets::CircuitView::zoomChanged, this, [this](qreal factor) {
        m_zoomLabel->setText(QStringLiteral("%1 %").arg(qRound(factor * 100)));
    });
    connect(m_docks->summaryView(), &ProjectSummaryView::currentItemChanged, this,
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
    connect(m_docks->palette(), &widgets::Palette::entryActivated, m_view,
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
    m_docks->deleteDetachedPanel();
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
    std::string origin = ("examples/" + name).toStdString();
    if (!m_exampleData) {
        auto copies = std::make_unique<QTemporaryDir>();
        const QDir examples(QStringLiteral(":/examples"));
        for (const QString& entry : examples.entryList(QDir::Files)) {
            if (!entry.endsWith(QLatin1String(".json"))) {
                QFile::copy(examples.filePath(entry), copies->filePath(entry));
            }
        }
        m_exampleData = std::move(copies);
    }
    if (m_exampleData->isValid()) {
        origin = QFile::encodeName(m_exampleData->filePath(name)).toStdString();
    }
    try {
        core::ProjectSpec spec = core::ProjectIo::parse(file.readAll().toStdString(), origin);
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

widgets::Palette* MainWindow::palette() const {
    return m_docks->palette();
}

widgets::Inspector* MainWindow::inspector() const {
    return m_docks->inspector();
}

widgets::ProjectSummaryView* MainWindow::summaryView() const {
    return m_docks->summaryView();
}

widgets::CortexPanel* MainWindow::cortexPanel() const {
    return m_docks->cortexPanel();
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
    AboutDialog dialog(this);
    dialog.exec();
}

void MainWindow::setDarkTheme(bool dark) {
    m_dark = dark;
    Theme::apply(dark);
    m_scene->setTheme(dark ? widgets::CircuitTheme::dark() : widgets::CircuitTheme::light());
    if (m_menus != nullptr) {
        m_menus->setDarkThemeChecked(dark);
    }
}

QStringList MainWindow::recentFiles() const {
    return MainMenus::recentFiles();
}

void MainWindow::addRecentFile(const QString& path) {
    MainMenus::addRecentFile(path);
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
    m_menus->snapAction()->setChecked(settings.value(QStringLiteral("editor/snap"), true).toBool());
}

void MainWindow::saveSession() const {
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/dark"), m_dark);
    settings.setValue(QStringLiteral("editor/snap"), m_menus->snapAction()->isChecked());
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
            m_docks->applyDefaultSizes();
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
    m_docks->inspector()->setSelection(m_scene->selectedNodes(), m_scene->selectedProjections());
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
    return m_docks->showPanel(name);
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
        pending = m_docks->analysisPanel()->hasPendingWork();
    } while (clock.elapsed() < 300 || (pending && clock.elapsed() < timeoutMs));
    QCoreApplication::processEvents();
    return !m_docks->analysisPanel()->hasPendingWork();
}

bool MainWindow::exportRun(const QString& path, QString* error) {
    return m_runArchives->exportRun(path, error);
}

bool MainWindow::openRun(const QString& path, QString* error) {
    return m_runArchives->openRun(path, error);
}

void MainWindow::exportRunDialog() {
    m_runArchives->exportRunDialog();
}

void MainWindow::openSweepDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Sweep Archive"),
                                                      QFileInfo(projectPath()).absolutePath(),
                                                      tr("Sweep archives (*.h5);;All files (*)"));
    if (path.isEmpty()) {
        return;
    }
    QString error;
    if (!openSweep(path, &error)) {
        appendLog(tr("Could not open sweep archive: %1").arg(error), true);
        QMessageBox::warning(this, tr("Open Sweep Archive"), error);
    }
}

bool MainWindow::openSweep(const QString& path, QString* error) {
    if (!m_docks->experimentPanel()->openArchive(path, error)) {
        return false;
    }
    showPanel(QStringLiteral("experiment"));
    appendLog(tr("Opened sweep archive %1.").arg(QDir::toNativeSeparators(path)));
    return true;
}

void MainWindow::openRunDialog() {
    m_runArchives->openRunDialog();
}

void MainWindow::exportFigureDialog() {
    m_figureExport->exportFigureDialog();
}

bool MainWindow::exportFigure(const QStringList& views, const widgets::FigureStyle& style,
                              int columns, const QString& path, QString* error, bool growToFit) {
    return m_figureExport->exportFigure(views, style, columns, path, error, growToFit);
}

void MainWindow::showPlots() {
    if (m_docks != nullptr) {
        m_docks->showPlots();
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
    if (m_menus == nullptr) {
        return;
    }
    m_menus->reloadAction()->setEnabled(!m_document->filePath().isEmpty());
    const bool selection = !m_scene->selectedItems().isEmpty();
    m_menus->cutAction()->setEnabled(selection);
    m_menus->copyAction()->setEnabled(selection);
    m_menus->duplicateAction()->setEnabled(selection);
    m_menus->deleteAction()->setEnabled(selection);
}

void MainWindow::refreshSummary() {
    m_summaryTimer->stop();
    if (!hasProject()) {
        m_docks->summaryView()->clear();
        return;
    }
    m_docks->summaryView()->setProject(m_document->project());
}

} // namespace plexus::app
