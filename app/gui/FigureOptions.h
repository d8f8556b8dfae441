#pragma once

#include <QCommandLineOption>
#include <QString>
#include <QStringList>
#include <plexus/widgets/figures/FigureStyle.h>

class QCommandLineParser;

namespace plexus::app {

/**
 * @brief The command-line options of headless figure export:
 *        `plexus PROJECT [--run-for S] --figure FILE [--views raster,rate] [--figure-mm 85x64]
 *        [--dpi 300] [--font-pt 8] [--columns 2]`.
 */
class FigureOptions {
public:
    FigureOptions();

    /// Adds the options to @p parser.
    void addTo(QCommandLineParser& parser) const;
    /**
     * @brief Reads the values after QCommandLineParser::process().
     * @return false with a one-line reason in @p error ("--dpi: ...") on a bad value.
     */
    bool read(const QCommandLineParser& parser, QString* error);

    /// True when --figure was given.
    bool isRequested() const { return !m_path.isEmpty(); }
    const QString& path() const { return m_path; }
    const QStringList& views() const { return m_views; }
    const widgets::FigureStyle& style() const { return m_style; }
    int columns() const { return m_columns; }
    /// True when the size was left to its default: the figure may then grow to fit its views.
    bool growToFit() const { return m_growToFit; }
    /// The panel (plots, 3d, analysis) that must be shown for the views to have content.
    QStringList panels() const;

private:
    QCommandLineOption m_figure;
    QCommandLineOption m_viewsOption;
    QCommandLineOption m_size;
    QCommandLineOption m_dpi;
    QCommandLineOption m_font;
    QCommandLineOption m_columnsOption;
    QString m_path;
    QStringList m_views;
    widgets::FigureStyle m_style;
    int m_columns = 2;
    bool m_growToFit = false;
};

} // namespace plexus::app
