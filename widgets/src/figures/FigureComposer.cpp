#include "plexus/widgets/figures/FigureComposer.h"

#include "plexus/widgets/figures/FigureSource.h"
#include "plexus/widgets/plots/CountText.h"
#include "plexus/widgets/plots/QCustomPlotInclude.h"

#include <QBuffer>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <algorithm>
#include <cmath>

namespace plexus::widgets {

namespace {

constexpr double kMetresPerInch = 0.0254;
constexpr double kPointsPerInch = 72.0;

bool fail(QString* error, const QString& path, const QString& why) {
    if (error != nullptr) {
        *error = QStringLiteral("%1: %2").arg(path, why);
    }
    return false;
}

} // namespace

FigureComposer::FigureComposer() = default;
FigureComposer::~FigureComposer() = default;
FigureComposer::FigureComposer(FigureComposer&&) noexcept = default;
FigureComposer& FigureComposer::operator=(FigureComposer&&) noexcept = default;

void FigureComposer::addPanel(std::shared_ptr<FigureSource> source) {
    if (source) {
        m_panels.push_back(std::move(source));
    }
}

void FigureComposer::setColumns(int columns) {
    m_columns = std::max(1, columns);
}

int FigureComposer::columns() const {
    return columnsFor(static_cast<int>(m_panels.size()), m_columns);
}

int FigureComposer::columnsFor(int panels, int columns) {
    if (columns > 0) {
        return std::min(columns, std::max(1, panels));
    }
    return panels <= 1 ? 1 : 2;
}

namespace {

/// The smallest grid (mm) for panels whose smallest sizes (ems) are @p least, in @p columns.
QSizeF gridMm(const std::vector<QSizeF>& least, int columns, const FigureStyle& style) {
    constexpr double kMmPerPoint = 25.4 / kPointsPerInch;
    const int panels = static_cast<int>(least.size());
    const int cols = FigureComposer::columnsFor(panels, columns);
    const int rows = (std::max(1, panels) + cols - 1) / cols;
    const double letterBand = style.panelLetters && panels > 1 ? style.fontPt * 1.6 : 0.0;
    // Every column is as wide as the widest panel needs, every row as high as the highest.
    double widest = 0.0;
    double height = 0.0;
    for (int row = 0; row < rows; ++row) {
        double highest = 0.0;
        for (int col = 0; col < cols && row * cols + col < panels; ++col) {
            const QSizeF& em = least[static_cast<std::size_t>(row * cols + col)];
            widest = std::max(widest, em.width());
            highest = std::max(highest, em.height());
        }
        height += highest * style.fontPt + letterBand;
    }
    return {cols * widest * style.fontPt * kMmPerPoint, height * kMmPerPoint};
}

QString describeProblem(const QSizeF& least, int panels, int columns, const FigureStyle& style) {
    if (style.widthMm + 1e-9 >= least.width() && style.heightMm + 1e-9 >= least.height()) {
        return {};
    }
    const int cols = FigureComposer::columnsFor(panels, columns);
    const int rows = (std::max(1, panels) + cols - 1) / cols;
    const QString views = countText(panels, QStringLiteral("view"), QStringLiteral("views"));
    return QStringLiteral("%1 in %2 x %3 panels need a figure of at least %4 x %5 mm at %6 pt "
                          "(this one is %7 x %8 mm): make it larger, choose a smaller font or show "
                          "fewer views")
        .arg(views)
        .arg(rows)
        .arg(cols)
        .arg(std::ceil(std::max(least.width(), style.widthMm)))
        .arg(std::ceil(std::max(least.height(), style.heightMm)))
        .arg(style.fontPt)
        .arg(style.widthMm)
        .arg(style.heightMm);
}

} // namespace

QSizeF FigureComposer::minimumSizeMm(int panels, int columns, const FigureStyle& style) {
    return gridMm(std::vector<QSizeF>(static_cast<std::size_t>(std::max(1, panels)),
                                      {FigureSource::kMinWidthEm, FigureSource::kMinHeightEm}),
                  columns, style);
}

QString FigureComposer::sizeProblem(int panels, int columns, const FigureStyle& style) {
    return describeProblem(minimumSizeMm(panels, columns, style), panels, columns, style);
}

QSizeF FigureComposer::minimumSizeMm(const FigureStyle& style) const {
    std::vector<QSizeF> least;
    for (const auto& panel : m_panels) {
        least.push_back(panel->minimumSizeEm());
    }
    if (least.empty()) {
        least.emplace_back(FigureSource::kMinWidthEm, FigureSource::kMinHeightEm);
    }
    return gridMm(least, m_columns, style);
}

QString FigureComposer::sizeProblem(const FigureStyle& style) const {
    return describeProblem(minimumSizeMm(style), static_cast<int>(m_panels.size()), m_columns,
                           style);
}

QString FigureComposer::panelLetter(std::size_t index) {
    QString letters;
    std::size_t n = index + 1;
    while (n > 0) {
        --n;
        letters.prepend(QChar(static_cast<char16_t>(u'A' + n % 26)));
        n /= 26;
    }
    return letters;
}

void FigureComposer::paint(QCPPainter& painter, const FigureStyle& style) {
    const QRectF page(0.0, 0.0, style.widthPt(), style.heightPt());
    painter.fillRect(page, Qt::white);
    if (m_panels.empty()) {
        return;
    }
    const int cols = columns();
    const int rows = static_cast<int>((m_panels.size() + cols - 1) / cols);
    const double cellW = page.width() / cols;
    const double cellH = page.height() / rows;
    const bool letters = style.panelLetters && m_panels.size() > 1;
    const double letterBand = letters ? style.fontPt * 1.6 : 0.0;
    QFont letterFont = painter.font();
    letterFont.setBold(true);
    letterFont.setPointSizeF(style.fontPt + 3.0);
    for (std::size_t i = 0; i < m_panels.size(); ++i) {
        const int row = static_cast<int>(i) / cols;
        const int col = static_cast<int>(i) % cols;
        const QRectF cell(col * cellW, row * cellH, cellW, cellH);
        if (letters) {
            painter.save();
            painter.setFont(letterFont);
            painter.setPen(Qt::black);
            painter.drawText(QRectF(cell.left() + 2.0, cell.top(), cellW, letterBand),
                             Qt::AlignLeft | Qt::AlignVCenter, panelLetter(i));
            painter.restore();
        }
        const QRectF content = cell.adjusted(0.0, letterBand, 0.0, 0.0);
        m_panels[i]->render(painter, content, style);
    }
}

QImage FigureComposer::toImage(const FigureStyle& style) {
    QImage image(style.widthPx(), style.heightPx(), QImage::Format_ARGB32_Premultiplied);
    // Paint with 1 unit = 1 point (fonts sized in points come out right), scaled to the dpi.
    const int pointDpm = static_cast<int>(std::lround(kPointsPerInch / kMetresPerInch));
    image.setDotsPerMeterX(pointDpm);
    image.setDotsPerMeterY(pointDpm);
    image.fill(Qt::white);
    {
        QCPPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        painter.scale(style.dpi / kPointsPerInch, style.dpi / kPointsPerInch);
        paint(painter, style);
    }
    const int dpm = static_cast<int>(std::lround(style.dpi / kMetresPerInch));
    image.setDotsPerMeterX(dpm);
    image.setDotsPerMeterY(dpm);
    return image;
}

bool FigureComposer::write(const QString& path, FigureFormat format, const FigureStyle& style,
                           QString* error) {
    if (const QString problem = style.validate(); !problem.isEmpty()) {
        return fail(error, path, problem);
    }
    if (m_panels.empty()) {
        return fail(error, path, QStringLiteral("the figure has no panels"));
    }
    if (const QString problem = sizeProblem(style); !problem.isEmpty()) {
        return fail(error, path, problem);
    }
    for (const auto& panel : m_panels) {
        if (const QString problem = panel->problem(); !problem.isEmpty()) {
            return fail(error, path, problem);
        }
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return fail(error, path, file.errorString());
    }
    switch (format) {
    case FigureFormat::Png: {
        const QImage image = toImage(style);
        if (!image.save(&file, "PNG")) {
            file.cancelWriting();
            return fail(error, path, QStringLiteral("could not encode the PNG image"));
        }
        break;
    }
    case FigureFormat::Svg: {
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setResolution(static_cast<int>(kPointsPerInch));
        svg.setSize(QSize(static_cast<int>(std::ceil(style.widthPt())),
                          static_cast<int>(std::ceil(style.heightPt()))));
        svg.setViewBox(QRectF(0.0, 0.0, style.widthPt(), style.heightPt()));
        svg.setTitle(QStringLiteral("Plexus figure"));
        svg.setDescription(QStringLiteral("%1 x %2 mm").arg(style.widthMm).arg(style.heightMm));
        QCPPainter painter;
        if (!painter.begin(&svg)) {
            file.cancelWriting();
            return fail(error, path, QStringLiteral("could not start the SVG document"));
        }
        paint(painter, style);
        painter.end();
        break;
    }
    case FigureFormat::Pdf: {
        QPdfWriter pdf(&file);
        pdf.setCreator(QStringLiteral("Plexus"));
        pdf.setTitle(QStringLiteral("Plexus figure"));
        pdf.setResolution(static_cast<int>(kPointsPerInch));
        pdf.setPageSize(QPageSize(QSizeF(style.widthMm, style.heightMm), QPageSize::Millimeter,
                                  QString(), QPageSize::ExactMatch));
        pdf.setPageMargins(QMarginsF(0.0, 0.0, 0.0, 0.0));
        QCPPainter painter;
        if (!painter.begin(&pdf)) {
            file.cancelWriting();
            return fail(error, path, QStringLiteral("could not start the PDF document"));
        }
        paint(painter, style);
        painter.end();
        break;
    }
    }
    for (const auto& panel : m_panels) {
        if (const QString problem = panel->problem(); !problem.isEmpty()) {
            file.cancelWriting();
            return fail(error, path, problem);
        }
    }
    if (!file.commit()) {
        return fail(error, path, file.errorString());
    }
    return true;
}

} // namespace plexus::widgets
