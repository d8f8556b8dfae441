#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

namespace plexus::widgets {
struct FigureStyle;
} // namespace plexus::widgets

namespace plexus::app {

class MainDocks;
class MainWindow;

/**
 * @brief Figure export from a MainWindow: composes views of the plots, the 3-D panel and the
 * analysis (FigureViews ids) into one PNG, SVG or PDF figure with a provenance sidecar, and
 * File > Export Figure…, which offers the view in front and remembers the last folder. The
 * Experiment panel's metric plot ("sweep") is offered too while it shows a sweep.
 */
class FigureExportActions : public QObject {
    Q_OBJECT

public:
    FigureExportActions(MainWindow& window, const MainDocks& docks);

    /**
     * @brief Exports @p views as one figure to @p path (format from the suffix) with a
     * provenance sidecar (path + ".json"); see MainWindow::exportFigure().
     * @return false with "PATH: reason" in @p error on failure.
     */
    bool exportFigure(const QStringList& views, const widgets::FigureStyle& style, int columns,
                      const QString& path, QString* error = nullptr, bool growToFit = false);
    /// File > Export Figure…: asks for views, size and file, then exports.
    void exportFigureDialog();
    /// The same dialog with view @p front checked (e.g. kSweepView from the Experiment panel).
    void exportFigureDialog(const QString& front);
    /// Id of the Experiment panel's metric plot, offered once a sweep is shown.
    static constexpr const char* kSweepView = "sweep";

private:
    MainWindow& m_window;
    const MainDocks& m_docks;
};

} // namespace plexus::app
