#include "FigureOptions.h"

#include "FigureViewCatalog.h"
#include "FigureViews.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <algorithm>
#include <cmath>
#include <plexus/widgets/figures/FigureComposer.h>

namespace plexus::app {

FigureOptions::FigureOptions()
    : m_figure(QStringLiteral("figure"),
               QStringLiteral("Export a figure of --views to <file> (.png, .svg or .pdf) with a "
                              "provenance sidecar <file>.json, after --run-for."),
               QStringLiteral("file"))
    , m_viewsOption(QStringLiteral("views"),
                    QStringLiteral("Comma-separated views for --figure: %1 (default raster).")
                        .arg(FigureViews::allIds().join(QStringLiteral(", "))),
                    QStringLiteral("list"), QStringLiteral("raster"))
    , m_size(QStringLiteral("figure-mm"),
             QStringLiteral("Figure size in millimetres as WIDTHxHEIGHT (default 85x64, single "
                            "column; 180x100 is double column)."),
             QStringLiteral("size"), QStringLiteral("85x64"))
    , m_dpi(QStringLiteral("dpi"), QStringLiteral("Resolution of PNG figures (default 300)."),
            QStringLiteral("dpi"), QStringLiteral("300"))
    , m_font(QStringLiteral("font-pt"), QStringLiteral("Font size of figures (default 8)."),
             QStringLiteral("points"), QStringLiteral("8"))
    , m_columnsOption(QStringLiteral("columns"),
                      QStringLiteral("Panel columns of a multi-view figure (default 2)."),
                      QStringLiteral("n"), QStringLiteral("2")) {}

void FigureOptions::addTo(QCommandLineParser& parser) const {
    for (const QCommandLineOption* option :
         {&m_figure, &m_viewsOption, &m_size, &m_dpi, &m_font, &m_columnsOption}) {
        parser.addOption(*option);
    }
}

bool FigureOptions::read(const QCommandLineParser& parser, QString* error) {
    auto fail = [error](const QString& text) {
        *error = text;
        return false;
    };
    m_path = parser.value(m_figure);
    if (parser.isSet(m_figure) && m_path.isEmpty()) {
        return fail(QStringLiteral("--figure: empty file name"));
    }
    widgets::FigureFormat format{};
    if (!m_path.isEmpty() && !widgets::figureFormatFromSuffix(QFileInfo(m_path).suffix(), format)) {
        return fail(QStringLiteral("--figure: '%1' must end in .png, .svg or .pdf").arg(m_path));
    }
    m_views = parser.value(m_viewsOption).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString& view : m_views) {
        view = view.trimmed().toLower();
        if (!FigureViews::allIds().contains(view)) {
            return fail(QStringLiteral("--views: unknown view '%1' (known: %2)")
                            .arg(view, FigureViews::allIds().join(QStringLiteral(", "))));
        }
    }
    if (m_views.isEmpty()) {
        return fail(QStringLiteral("--views: no view given"));
    }
    const QStringList size = parser.value(m_size).toLower().split(QLatin1Char('x'));
    bool okW = false;
    bool okH = false;
    if (size.size() == 2) {
        m_style.widthMm = size[0].toDouble(&okW);
        m_style.heightMm = size[1].toDouble(&okH);
    }
    if (!okW || !okH) {
        return fail(QStringLiteral("--figure-mm: '%1' is not WIDTHxHEIGHT in millimetres")
                        .arg(parser.value(m_size)));
    }
    bool ok = false;
    m_style.dpi = parser.value(m_dpi).toDouble(&ok);
    if (!ok) {
        return fail(QStringLiteral("--dpi: '%1' is not a number").arg(parser.value(m_dpi)));
    }
    m_style.fontPt = parser.value(m_font).toDouble(&ok);
    if (!ok) {
        return fail(QStringLiteral("--font-pt: '%1' is not a number").arg(parser.value(m_font)));
    }
    m_columns = parser.value(m_columnsOption).toInt(&ok);
    if (!ok || m_columns < 1 || m_columns > 12) {
        return fail(QStringLiteral("--columns: '%1' is not a whole number from 1 to 12")
                        .arg(parser.value(m_columnsOption)));
    }
    m_growToFit = !parser.isSet(m_size);
    if (m_growToFit) {
        // The default size grows to give every view a readable panel.
        const QSizeF least = widgets::FigureComposer::minimumSizeMm(
            static_cast<int>(m_views.size()), m_columns, m_style);
        m_style.widthMm = std::max(m_style.widthMm, std::ceil(least.width()));
        m_style.heightMm = std::max(m_style.heightMm, std::ceil(least.height()));
    }
    if (const QString problem = m_style.validate(); !problem.isEmpty()) {
        return fail(problem);
    }
    if (const QString problem = widgets::FigureComposer::sizeProblem(
            static_cast<int>(m_views.size()), m_columns, m_style);
        !problem.isEmpty()) {
        return fail(problem);
    }
    return true;
}

QStringList FigureOptions::panels() const {
    QStringList panels;
    for (const QString& view : m_views) {
        if (const FigureViewCatalog::View* known = FigureViewCatalog::find(view.toStdString())) {
            const QString panel = QString::fromStdString(known->panel);
            if (!panels.contains(panel)) {
                panels << panel;
            }
        }
    }
    return panels;
}

} // namespace plexus::app
