#include "MainWindow.h"

#include "PluginLoader.h"

#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>
#include <QTreeWidget>
#include <QTreeWidgetItem>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iterator>
#include <plexus/Version.h>
#include <plexus/core/Error.h>
#include <plexus/core/ModelRegistry.h>
#include <plexus/core/ProjectIo.h>
#include <plexus/plugins/BuiltinModels.h>
#include <plexus/widgets/ProjectSummaryView.h>

namespace plexus::app {

using widgets::ProjectSummaryView;

namespace {

constexpr int kStatusMessageMs = 10000;

/// "1 population", "2 populations" (English only; the UI has no translations yet).
QString countOf(qsizetype count, const QString& singular, const QString& plural) {
    return QStringLiteral("%1 %2").arg(count).arg(count == 1 ? singular : plural);
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_models(std::make_unique<core::ModelRegistry>())
    , m_summary(new ProjectSummaryView(this)) {
    setObjectName(QStringLiteral("MainWindow"));
    m_summary->setObjectName(QStringLiteral("projectSummary"));
    setCentralWidget(m_summary);

    createActions();
    createMenus();
    createToolBar();
    createDocks();

    m_statusSummary = new QLabel(this);
    statusBar()->addPermanentWidget(m_statusSummary);
    statusBar()->showMessage(tr("Ready"));

    connect(m_summary, &ProjectSummaryView::currentItemChanged, this,
            &MainWindow::showInspectorFor);

    resize(1280, 800);
    updateTitle();
    updateStatusSummary();
    appendLog(tr("Plexus %1 started.").arg(QStringLiteral(PLEXUS_VERSION)));
    loadModels();
    m_summary->setModelRegistry(m_models.get());
}

MainWindow::~MainWindow() = default;

bool MainWindow::loadProject(const QString& path) {
    const QFileInfo info(path);
    const QString absolutePath = info.absoluteFilePath();
    const QString displayPath = QDir::toNativeSeparators(path);

    QString error;
    try {
        const std::filesystem::path file(QFile::encodeName(absolutePath).toStdString());
        core::ProjectSpec spec = core::ProjectIo::load(file);
        m_project = std::move(spec);
    } catch (const core::Error& e) {
        error = QString::fromStdString(e.what());
    } catch (const std::exception& e) {
        error = QString::fromStdString(e.what());
    }

    if (!error.isEmpty()) {
        // The core's messages usually name the file already; make sure the user always sees it.
        m_lastError =
            error.contains(info.fileName()) ? error : tr("%1: %2").arg(displayPath, error);
        const QString message = tr("Could not load project: %1").arg(m_lastError);
        appendLog(message, true);
        statusBar()->showMessage(message, kStatusMessageMs);
        std::fprintf(stderr, "plexus: %s\n", message.toLocal8Bit().constData());
        emit projectLoadFailed(absolutePath, m_lastError);
        return false;
    }

    m_lastError.clear();
    m_projectPath = absolutePath;
    m_summary->setProject(*m_project);
    m_reloadAction->setEnabled(true);
    m_inspector->setText(tr("Select a row of the summary to inspect it."));

    const QString message =
        tr("Loaded %1: %2, %3, %4.")
            .arg(info.fileName(),
                 countOf(std::ssize(m_project->populations), tr("population"), tr("populations")),
                 countOf(std::ssize(m_project->stimuli), tr("stimulus"), tr("stimuli")),
                 countOf(std::ssize(m_project->projections), tr("projection"), tr("projections")));
    appendLog(message);
    logMissingModels();
    statusBar()->showMessage(message, kStatusMessageMs);
    updateTitle();
    updateStatusSummary();
    emit projectLoaded(absolutePath);
    return true;
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
    for (const auto& population : m_project->populations) {
        check(population.model);
    }
    for (const auto& stimulus : m_project->stimuli) {
        check(stimulus.model);
    }
    for (const auto& projection : m_project->projections) {
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
    m_pluginResults = PluginLoader::loadDefault(*m_models);
    for (const PluginLoadResult& result : m_pluginResults) {
        if (!result.ok()) {
            appendLog(tr("plugin refused: %1").arg(QString::fromStdString(result.message())), true);
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
    QStringList lines;
    lines << tr("Plugin folders:");
    for (const auto& folder : PluginLoader::environmentPluginFolders()) {
        lines << QStringLiteral("  %1 (PLEXUS_PLUGIN_PATH)")
                     .arg(QString::fromStdString(folder.string()));
    }
    const auto user = PluginLoader::userPluginFolder();
    if (!user.empty()) {
        lines << QStringLiteral("  %1").arg(QString::fromStdString(user.string()));
    }
    lines << QString() << tr("Loaded:");
    int loaded = 0;
    for (const PluginLoadResult& result : m_pluginResults) {
        if (result.ok()) {
            lines << QStringLiteral("  %1").arg(QString::fromStdString(result.message()));
            ++loaded;
        }
    }
    if (loaded == 0) {
        lines << tr("  none");
    }
    if (loaded != std::ssize(m_pluginResults)) {
        lines << QString() << tr("Refused:");
        for (const PluginLoadResult& result : m_pluginResults) {
            if (!result.ok()) {
                lines << QStringLiteral("  %1").arg(QString::fromStdString(result.message()));
            }
        }
    }
    lines << QString()
          << tr("Plugin API version %1, ABI %2.")
                 .arg(PluginLoader::apiVersion())
                 .arg(QString::fromStdString(PluginLoader::abiTag()));
    return lines.join(QLatin1Char('\n'));
}

void MainWindow::showPlugins() {
    QMessageBox box(QMessageBox::Information, tr("Plugins"), pluginReport(), QMessageBox::Close,
                    this);
    box.setTextInteractionFlags(Qt::TextSelectableByMouse);
    box.exec();
}

void MainWindow::openProjectDialog() {
    const QString start =
        m_projectPath.isEmpty() ? QDir::currentPath() : QFileInfo(m_projectPath).absolutePath();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Project"), start, tr("Plexus projects (*.json);;All files (*)"));
    if (!path.isEmpty()) {
        loadProject(path);
    }
}

void MainWindow::reloadProject() {
    if (!m_projectPath.isEmpty()) {
        loadProject(m_projectPath);
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

void MainWindow::createActions() {
    m_openAction =
        new QAction(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("&Open\u2026"), this);
    m_openAction->setShortcut(QKeySequence::Open);
    m_openAction->setStatusTip(tr("Open a project file"));
    connect(m_openAction, &QAction::triggered, this, &MainWindow::openProjectDialog);

    m_reloadAction =
        new QAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("&Reload"), this);
    m_reloadAction->setShortcut(QKeySequence::Refresh);
    m_reloadAction->setStatusTip(tr("Load the current project file again"));
    m_reloadAction->setEnabled(false);
    connect(m_reloadAction, &QAction::triggered, this, &MainWindow::reloadProject);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_pluginsAction = new QAction(tr("&Plugins\u2026"), this);
    m_pluginsAction->setObjectName(QStringLiteral("pluginsAction"));
    m_pluginsAction->setStatusTip(tr("List the loaded and refused model plugins"));
    connect(m_pluginsAction, &QAction::triggered, this, &MainWindow::showPlugins);

    m_aboutAction = new QAction(tr("&About Plexus"), this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createMenus() {
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(m_openAction);
    fileMenu->addAction(m_reloadAction);
    fileMenu->addSeparator();
    fileMenu->addAction(m_quitAction);

    // Filled by createDocks() with the docks' toggle actions.
    QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->setObjectName(QStringLiteral("viewMenu"));

    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(m_pluginsAction);
    helpMenu->addAction(m_aboutAction);
}

void MainWindow::createToolBar() {
    QToolBar* toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setMovable(false);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(m_openAction);
    toolBar->addAction(m_reloadAction);
}

void MainWindow::createDocks() {
    m_inspector = new QLabel(tr("No project loaded."));
    m_inspector->setObjectName(QStringLiteral("inspector"));
    m_inspector->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_inspector->setWordWrap(true);
    m_inspector->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_inspector->setMargin(8);
    m_inspector->setMinimumWidth(240);

    m_inspectorDock = new QDockWidget(tr("Inspector"), this);
    m_inspectorDock->setObjectName(QStringLiteral("inspectorDock"));
    m_inspectorDock->setWidget(m_inspector);
    addDockWidget(Qt::RightDockWidgetArea, m_inspectorDock);

    m_log = new QPlainTextEdit;
    m_log->setObjectName(QStringLiteral("log"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);

    m_logDock = new QDockWidget(tr("Log"), this);
    m_logDock->setObjectName(QStringLiteral("logDock"));
    m_logDock->setWidget(m_log);
    addDockWidget(Qt::BottomDockWidgetArea, m_logDock);
    resizeDocks({m_logDock}, {140}, Qt::Vertical);

    if (auto* viewMenu = menuBar()->findChild<QMenu*>(QStringLiteral("viewMenu"))) {
        viewMenu->addAction(m_inspectorDock->toggleViewAction());
        viewMenu->addAction(m_logDock->toggleViewAction());
    }
}

void MainWindow::appendLog(const QString& message, bool isError) {
    const QString time = QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss"));
    m_log->appendPlainText(
        QStringLiteral("[%1] %2%3").arg(time, isError ? tr("error: ") : QString(), message));
}

void MainWindow::updateTitle() {
    if (!m_project) {
        setWindowTitle(tr("Plexus"));
        return;
    }
    QString name = QString::fromStdString(m_project->name);
    if (name.isEmpty()) {
        name = QFileInfo(m_projectPath).completeBaseName();
    }
    setWindowTitle(QStringLiteral("Plexus \u2014 %1").arg(name));
}

void MainWindow::updateStatusSummary() {
    if (!m_project) {
        m_statusSummary->setText(tr("No project"));
        return;
    }
    qlonglong neurons = 0;
    for (const auto& population : m_project->populations) {
        neurons += population.size;
    }
    m_statusSummary->setText(
        QStringLiteral("%1 \u00b7 %2 \u00b7 %3")
            .arg(countOf(neurons, tr("neuron"), tr("neurons")),
                 countOf(std::ssize(m_project->populations), tr("population"), tr("populations")),
                 countOf(std::ssize(m_project->projections), tr("projection"), tr("projections"))));
}

void MainWindow::showInspectorFor(QTreeWidgetItem* item) {
    if (item == nullptr || item->parent() == nullptr) {
        m_inspector->setText(m_project ? tr("Select a row of the summary to inspect it.")
                                       : tr("No project loaded."));
        return;
    }
    const QTreeWidget* tree = m_summary->treeWidget();
    QString html = QStringLiteral("<h3>%1</h3><table>").arg(item->text(0).toHtmlEscaped());
    for (int column = 1; column < tree->columnCount(); ++column) {
        const QString value =
            item->toolTip(column).isEmpty() ? item->text(column) : item->toolTip(column);
        if (value.isEmpty()) {
            continue;
        }
        QString escaped = value.toHtmlEscaped();
        escaped.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
        html += QStringLiteral("<tr><td valign='top'><b>%1</b>&nbsp;</td><td>%2</td></tr>")
                    .arg(tree->headerItem()->text(column).toHtmlEscaped(), escaped);
    }
    html += QStringLiteral("</table>");
    m_inspector->setText(html);
}

} // namespace plexus::app
