#include "QtMessageRouter.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QStringList>
#include <mutex>

namespace plexus::app {

namespace {

/// Messages held back until a sink exists; beyond this many the oldest go.
constexpr qsizetype kMaxHeld = 200;

struct RouterState {
    std::mutex mutex;
    QtMessageHandler previous = nullptr;
    std::function<void(const QString&, bool)> sink;
    QList<QPair<QString, bool>> held;
};

RouterState& state() {
    static RouterState router;
    return router;
}

bool verbose() {
    static const bool on = qEnvironmentVariableIntValue("PLEXUS_QT_MESSAGES") != 0;
    return on;
}

/// True while this thread is inside the handler (a sink that warns must not loop).
thread_local bool t_inHandler = false;

void handle(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    const QtMessageRouter::Route route = QtMessageRouter::route(type, context.category, message);
    RouterState& router = state();
    if (t_inHandler || route == QtMessageRouter::Route::Terminal || verbose()) {
        if (router.previous != nullptr) {
            router.previous(type, context, message);
        }
        if (t_inHandler || type == QtFatalMsg) {
            return;
        }
    }
    if (route == QtMessageRouter::Route::Drop) {
        return;
    }
    t_inHandler = true;
    const bool isError = type == QtCriticalMsg || type == QtFatalMsg;
    const QString text = QStringLiteral("Qt: %1").arg(message);
    std::function<void(const QString&, bool)> sink;
    {
        std::lock_guard lock(router.mutex);
        if (router.sink) {
            sink = router.sink;
        } else {
            router.held.append({text, isError});
            if (router.held.size() > kMaxHeld) {
                router.held.removeFirst();
            }
        }
    }
    if (sink) {
        sink(text, isError);
    }
    t_inHandler = false;
}

} // namespace

QtMessageRouter::Route QtMessageRouter::route(QtMsgType type, const char* category,
                                              const QString& message) {
    if (type == QtCriticalMsg || type == QtFatalMsg) {
        return Route::Terminal;
    }
    const QByteArray name = category != nullptr ? QByteArray(category) : QByteArray("default");
    if (name.startsWith("qt.qpa") || name.startsWith("qt.xkb")) {
        return Route::Drop;
    }
    static const QStringList noise = {
        QStringLiteral("XDG_RUNTIME_DIR"),
        QStringLiteral("xkbcommon"),
        QStringLiteral("QXcbConnection"),
        QStringLiteral("This plugin does not support"),
        QStringLiteral("is not supported on this platform"),
    };
    for (const QString& pattern : noise) {
        if (message.contains(pattern)) {
            return Route::Drop;
        }
    }
    return Route::Log;
}

QtMessageHandler QtMessageRouter::install() {
    RouterState& router = state();
    const QtMessageHandler previous = qInstallMessageHandler(handle);
    std::lock_guard lock(router.mutex);
    router.previous = previous;
    return previous;
}

void QtMessageRouter::setLogSink(std::function<void(const QString&, bool)> sink) {
    RouterState& router = state();
    QList<QPair<QString, bool>> held;
    {
        std::lock_guard lock(router.mutex);
        router.sink = sink;
        if (sink) {
            held.swap(router.held);
        }
    }
    for (const auto& [text, isError] : held) {
        sink(text, isError);
    }
}

} // namespace plexus::app
