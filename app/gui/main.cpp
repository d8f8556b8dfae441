#include "FigureOptions.h"
#include "FigureViews.h"
#include "LiveBenchmark.h"
#include "MainWindow.h"
#include "QtMessageRouter.h"
#include "RunController.h"
#include "RuntimeVersions.h"

#include <QApplication>
#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QImage>
#include <QMetaObject>
#include <QPixmap>
#include <QRegularExpression>
#include <QSize>
#include <QSurfaceFormat>
#include <QWindow>
#include <cstdio>
#include <cstring>
#include <limits>
#include <plexus/Version.h>
#include <plexus/widgets/analysis/AnalysisPanel.h>
#include <plexus/widgets/document/Document.h>
#include <plexus/widgets/editor/CircuitScene.h>
#include <plexus/widgets/editor/CircuitView.h>

namespace {

/// OpenGL views (VTK, plots) need a 3.2 core profile; it must be set before QApplication exists.
void setDefaultSurfaceFormat() {
    QSurfaceFormat format;
    format.setRenderableType(QSurfaceFormat::OpenGL);
    format.setVersion(3, 2);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setDepthBufferSize(24);
    format.setStencilBufferSize(8);
    QSurfaceFormat::setDefaultFormat(format);
}

/// Parses "WIDTHxHEIGHT"; returns an invalid size on malformed input.
QSize parseSize(const QString& text) {
    static const QRegularExpression pattern(QStringLiteral("^\\s*(\\d+)\\s*[xX]\\s*(\\d+)\\s*$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch()) {
        return {};
    }
    const QSize size(match.captured(1).toInt(), match.captured(2).toInt());
    if (size.width() < 64 || size.height() < 64 || size.width() > 16384 || size.height() > 16384) {
        return {};
    }
    return size;
}

/// Processes events until @p window is exposed (or @p timeoutMs elapses), then a little longer.
void settle(QWidget& window, int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        const QWindow* handle = window.windowHandle();
        if (handle != nullptr && handle->isExposed()) {
            break;
        }
    }
    for (int i = 0; i < 10; ++i) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }
}

/// How long screenshots and figures wait for the analysis to apply its latest result.
constexpr int kSettleTimeoutMs = 60000;

/// Waits until the shown views have their results; says so on standard error when they do not
/// within kSettleTimeoutMs. Returns false then.
bool settleViews(plexus::app::MainWindow& window, const char* what) {
    if (window.settleViews(kSettleTimeoutMs)) {
        return true;
    }
    std::fprintf(stderr,
                 "plexus: the analysis did not finish within %d s; the %s shows an unfinished "
                 "result\n",
                 kSettleTimeoutMs / 1000, what);
    return false;
}

/// Renders @p window at @p size into a PNG file once its views have caught up. Returns false
/// (with a message) on failure or when the views did not finish in time.
bool saveScreenshot(plexus::app::MainWindow& window, const QString& file, const QSize& size,
                    bool fit) {
    window.resize(size);
    window.show();
    settle(window, 3000);
    if (fit) {
        window.circuitView()->fitToView();
    }
    settle(window, 500);
    // At its final size the window shows what it will be grabbed with: wait for those views.
    const bool settled = settleViews(window, "screenshot");

    QImage image = window.grab().toImage();
    if (image.size() != size) {
        // High-DPI screens produce larger pixmaps; the file has the requested size.
        image = image.scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    }
    if (image.isNull() || !image.save(file, "PNG")) {
        std::fprintf(stderr, "plexus: could not write screenshot %s\n",
                     QDir::toNativeSeparators(file).toLocal8Bit().constData());
        return false;
    }
    std::fprintf(stdout, "plexus: screenshot written to %s (%dx%d)\n",
                 QDir::toNativeSeparators(file).toLocal8Bit().constData(), image.width(),
                 image.height());
    return settled;
}

} // namespace

/// While alive, Qt's messages for the log go to @p window's Log dock.
class LogSinkScope {
public:
    explicit LogSinkScope(plexus::app::MainWindow* window) {
        plexus::app::QtMessageRouter::setLogSink([window](const QString& text, bool isError) {
            QMetaObject::invokeMethod(
                window, [window, text, isError] { window->logMessage(text, isError); },
                Qt::QueuedConnection);
        });
    }
    ~LogSinkScope() { plexus::app::QtMessageRouter::setLogSink({}); }
    LogSinkScope(const LogSinkScope&) = delete;
    LogSinkScope& operator=(const LogSinkScope&) = delete;
};

int main(int argc, char* argv[]) {
    // Qt's own warnings go to the Log dock and platform noise nowhere; real errors still print.
    plexus::app::QtMessageRouter::install();
    setDefaultSurfaceFormat();
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    // Before QApplication: the versions print without a display.
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--version") == 0 || std::strcmp(argv[i], "-v") == 0) {
            std::fputs(plexus::app::RuntimeVersions::versionText().toUtf8().constData(), stdout);
            return 0;
        }
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Plexus"));
    QApplication::setApplicationVersion(QStringLiteral(PLEXUS_VERSION));
    QApplication::setOrganizationName(QStringLiteral("Plexus"));
    // The desktop entry (plexus.desktop) and the icon theme name the application "plexus".
    QGuiApplication::setDesktopFileName(QStringLiteral("plexus"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/plexus.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Plexus: interactive neural-dynamics workbench."));
    parser.addHelpOption();
    // Handled before QApplication exists (above); listed here for --help.
    parser.addOption(QCommandLineOption(
        {QStringLiteral("v"), QStringLiteral("version")},
        QStringLiteral("Print the Plexus, plugin API and library versions and exit.")));
    parser.addPositionalArgument(QStringLiteral("project"),
                                 QStringLiteral("Project file (.json) to open."),
                                 QStringLiteral("[PROJECT]"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QStringLiteral("Render the main window to the PNG file <file> after loading."),
        QStringLiteral("file"));
    const QCommandLineOption sizeOption(
        QStringLiteral("size"),
        QStringLiteral("Window size for --screenshot as WIDTHxHEIGHT (default 1280x800)."),
        QStringLiteral("size"), QStringLiteral("1280x800"));
    const QCommandLineOption quitOption(
        QStringLiteral("quit"),
        QStringLiteral("Exit after loading the project and writing the screenshot; the exit "
                       "code is 1 when either failed."));
    const QCommandLineOption themeOption(
        QStringLiteral("theme"),
        QStringLiteral("Colour theme: light or dark (default: the last one used)."),
        QStringLiteral("theme"));
    const QCommandLineOption selectOption(
        QStringLiteral("select"),
        QStringLiteral("Select the node or projection <name> after loading (shown in the "
                       "inspector)."),
        QStringLiteral("name"));
    const QCommandLineOption runForOption(
        QStringLiteral("run-for"),
        QStringLiteral("Run the project live for <seconds> of simulated time (before a "
                       "--screenshot); the exit code is 1 when the run fails."),
        QStringLiteral("seconds"));
    const QCommandLineOption benchLiveOption(
        QStringLiteral("bench-live"),
        QStringLiteral("Benchmark the live views: run PROJECT for <seconds> with every plot "
                       "open, then headless, and print JSON (used by plexus-cli bench live)."),
        QStringLiteral("seconds"));
    const QCommandLineOption panelOption(
        QStringLiteral("panel"),
        QStringLiteral("Show the panel <name> (plots, 3d, analysis, experiment, protocol or "
                       "log; "
                       "analysis:TAB selects an analysis tab, e.g. analysis:dynamics) before the "
                       "screenshot."),
        QStringLiteral("name"));
    const QCommandLineOption sweepOption(
        QStringLiteral("open-sweep"),
        QStringLiteral("Show the sweep archive <file> (e.g. of plexus-cli sweep) in the "
                       "Experiment panel."),
        QStringLiteral("file"));
    const QCommandLineOption noPluginsOption(
        QStringLiteral("no-plugins"),
        QStringLiteral("Load no model plugins (use when a plugin keeps Plexus from starting)."));
    parser.addOption(noPluginsOption);
    parser.addOption(panelOption);
    parser.addOption(sweepOption);
    plexus::app::FigureOptions figure;
    figure.addTo(parser);
    parser.addOption(runForOption);
    parser.addOption(benchLiveOption);
    parser.addOption(screenshotOption);
    parser.addOption(themeOption);
    parser.addOption(selectOption);
    parser.addOption(sizeOption);
    parser.addOption(quitOption);
    parser.process(app);

    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        std::fprintf(stderr, "plexus: expected at most one project file, got %lld\n",
                     static_cast<long long>(positional.size()));
        return 2;
    }
    const QSize screenshotSize = parseSize(parser.value(sizeOption));
    if (!screenshotSize.isValid()) {
        std::fprintf(stderr, "plexus: invalid --size '%s' (expected WIDTHxHEIGHT)\n",
                     parser.value(sizeOption).toLocal8Bit().constData());
        return 2;
    }
    if (QString error; !figure.read(parser, &error)) {
        std::fprintf(stderr, "plexus: %s\n", error.toLocal8Bit().constData());
        return 2;
    }
    const bool quit = parser.isSet(quitOption);
    const QString theme = parser.value(themeOption).toLower();
    if (parser.isSet(themeOption) && theme != QLatin1String("light") &&
        theme != QLatin1String("dark")) {
        std::fprintf(stderr, "plexus: invalid --theme '%s' (expected light or dark)\n",
                     theme.toLocal8Bit().constData());
        return 2;
    }
    double runFor = 0.0;
    if (parser.isSet(runForOption)) {
        bool number = false;
        runFor = parser.value(runForOption).toDouble(&number);
        if (!number || !(runFor > 0.0) || runFor > 1e6) {
            std::fprintf(stderr, "plexus: invalid --run-for '%s' (expected seconds > 0)\n",
                         parser.value(runForOption).toLocal8Bit().constData());
            return 2;
        }
    }
    if (parser.isSet(benchLiveOption)) {
        bool number = false;
        const double seconds = parser.value(benchLiveOption).toDouble(&number);
        if (!number || !(seconds > 0.0) || positional.size() != 1) {
            std::fprintf(stderr, "plexus: --bench-live needs seconds > 0 and a project file\n");
            return 2;
        }
        return plexus::app::LiveBenchmark::run(positional.front(), seconds, screenshotSize,
                                               !parser.isSet(noPluginsOption));
    }
    // Screenshots and scripted runs do not depend on (or change) the user's saved session.
    const bool interactive =
        !quit && !parser.isSet(screenshotOption) && runFor == 0.0 && !figure.isRequested();

    plexus::app::MainWindow window(parser.isSet(noPluginsOption)
                                       ? plexus::app::MainWindow::PluginLoading::Skip
                                       : plexus::app::MainWindow::PluginLoading::Load);
    const LogSinkScope logSink(&window);
    if (interactive) {
        window.restoreSession();
    }
    if (!theme.isEmpty()) {
        window.setDarkTheme(theme == QLatin1String("dark"));
    }
    bool ok = true;
    if (!positional.isEmpty()) {
        ok = window.loadProject(positional.front());
    }
    if (parser.isSet(selectOption)) {
        const QString name = parser.value(selectOption);
        if (window.document()->nodeKind(name)) {
            window.scene()->selectElements({name});
        } else if (window.document()->projection(name) != nullptr) {
            window.scene()->selectElements({}, {name});
        } else {
            std::fprintf(stderr, "plexus: --select: no node or projection named '%s'\n",
                         name.toLocal8Bit().constData());
            ok = false;
        }
    }
    if (interactive) {
        window.checkForRecovery(
            positional.isEmpty() ? QString() : QFileInfo(positional.front()).absoluteFilePath());
    }

    if (runFor > 0.0 && ok) {
        window.resize(screenshotSize);
        window.show();
        settle(window, 3000);
        plexus::app::RunController* run = window.runController();
        QObject::connect(run, &plexus::app::RunController::advice, &window,
                         [](const QStringList& items, bool refused) {
                             for (const QString& item : items) {
                                 std::fprintf(stderr, "plexus: %s%s\n",
                                              refused ? "the run did not start: " : "note: ",
                                              item.toLocal8Bit().constData());
                             }
                         });
        const bool started = run->runFor(runFor);
        if (started && figure.views().contains(QStringLiteral("membrane"))) {
            run->traceFirstNeurons(4); // a membrane figure needs traces
        }
        if (started) {
            run->waitUntilDone(std::numeric_limits<int>::max());
        }
        const plexus::app::RunStatus& status = run->status();
        if (!started) {
            ok = false;
        } else if (status.state == plexus::app::RunState::Failed) {
            std::fprintf(stderr, "plexus: the run failed: %s\n", status.message.c_str());
            ok = false;
        } else {
            std::fprintf(stdout, "plexus: ran %.3f s simulated, %llu spikes\n",
                         status.timeMs * 1e-3, static_cast<unsigned long long>(status.spikes));
        }
    }
    if (parser.isSet(sweepOption)) {
        QString error;
        if (!window.openSweep(parser.value(sweepOption), &error)) {
            std::fprintf(stderr, "plexus: --open-sweep: %s\n", error.toLocal8Bit().constData());
            ok = false;
        }
    }
    if (parser.isSet(panelOption) && !window.showPanel(parser.value(panelOption).toLower())) {
        std::fprintf(stderr,
                     "plexus: --panel: unknown panel '%s' (plots, 3d, analysis, experiment, "
                     "protocol, log)\n",
                     parser.value(panelOption).toLocal8Bit().constData());
        ok = false;
    }
    if (figure.isRequested() && ok) {
        if (!window.isVisible()) {
            window.resize(screenshotSize);
            window.show();
            settle(window, 3000);
        }
        // Views draw what their panel computed: set what they need, show each panel.
        plexus::app::FigureViews(nullptr, nullptr,
                                 window.findChild<plexus::widgets::AnalysisPanel*>())
            .prepare(figure.views());
        for (const QString& panel : figure.panels()) {
            window.showPanel(panel);
            ok = settleViews(window, "figure") && ok;
        }
        QString error;
        if (window.exportFigure(figure.views(), figure.style(), figure.columns(), figure.path(),
                                &error, figure.growToFit())) {
            std::fprintf(stdout, "plexus: figure written to %s\n",
                         figure.path().toLocal8Bit().constData());
        } else {
            std::fprintf(stderr, "plexus: %s\n", error.toLocal8Bit().constData());
            ok = false;
        }
    }
    if (parser.isSet(screenshotOption)) {
        ok = saveScreenshot(window, parser.value(screenshotOption), screenshotSize, true) && ok;
    }

    if (quit) {
        return ok ? 0 : 1;
    }

    window.show();
    if (interactive) {
        window.showGettingStartedOnFirstStart();
    }
    return QApplication::exec();
}
