#pragma once

#include <QString>
#include <QtGlobal>
#include <functional>

namespace plexus::app {

/**
 * @brief Keeps Qt's own chatter off the terminal of `plexus`: a Qt message handler that sends
 *        Qt's warnings and notes to the Log dock, drops the platform's noise and still prints
 *        real errors.
 *
 * Routes (route()):
 * - critical and fatal messages: the terminal (standard error, through Qt's own handler) and
 *   the log;
 * - platform noise (categories qt.qpa.* and qt.xkb*, xcb/xkb and runtime-folder complaints,
 *   platform plugins' "not supported" notes): dropped;
 * - every other debug, info or warning message (e.g. "Ambiguous shortcut overload"): the log.
 *
 * With the environment variable PLEXUS_QT_MESSAGES=1 everything reaches the terminal as well,
 * for debugging. The handler is process-wide, as Qt's is; messages that arrive before a log
 * sink is set (while the application starts) are kept and handed to the sink when it comes.
 * Messages may come from any thread: the sink must be safe to call from any thread.
 */
class QtMessageRouter {
public:
    /// Where a message goes.
    enum class Route { Drop, Log, Terminal };

    /// The route of a message of @p type in @p category (nullptr: "default").
    static Route route(QtMsgType type, const char* category, const QString& message);
    /// Installs the handler; returns the one it replaces.
    static QtMessageHandler install();
    /// Sends logged messages to @p sink (text, isError) from now on, after those held back;
    /// an empty sink holds them back again (e.g. before the window goes away).
    static void setLogSink(std::function<void(const QString&, bool)> sink);
};

} // namespace plexus::app
