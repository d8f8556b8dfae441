#include "ColorLegendOverlay.h"

#include "CortexOverlayDrawing.h"
#include "NeuronLayer.h"

#include <algorithm>
#include <cmath>
#include <vtkActor2D.h>
#include <vtkCellArray.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper2D.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkUnsignedCharArray.h>

namespace plexus::widgets {

namespace {

/// Tick label of @p value on a legend from @p low to @p high.
QString tickLabel(double value, double low, double high) {
    const double span = std::abs(high - low);
    const int decimals = span >= 10.0 ? 0 : span >= 1.0 ? 1 : 2;
    return QString::number(value, 'f', decimals);
}

} // namespace

ColorLegendOverlay::ColorLegendOverlay(vtkRenderer* renderer)
    : m_renderer(renderer) {
    // A plate, a colour bar or population swatches, and text.
    m_plateActor = overlay::makePlate(m_platePoints);
    m_plateActor->SetVisibility(false);
    m_renderer->AddActor2D(m_plateActor);
    m_swatches = vtkSmartPointer<vtkPolyData>::New();
    vtkNew<vtkPolyDataMapper2D> swatchMapper;
    swatchMapper->SetInputData(m_swatches);
    swatchMapper->SetColorModeToDirectScalars();
    swatchMapper->ScalarVisibilityOn();
    m_swatchActor = vtkSmartPointer<vtkActor2D>::New();
    m_swatchActor->SetMapper(swatchMapper);
    m_swatchActor->SetVisibility(false);
    m_renderer->AddActor2D(m_swatchActor);
}

ColorLegendOverlay::~ColorLegendOverlay() = default;

void ColorLegendOverlay::setActivity(const QString& title, double low, double high) {
    m_kind = Kind::Activity;
    m_title = title;
    m_low = low;
    m_high = high;
}

void ColorLegendOverlay::setPopulations(const std::vector<Entry>& entries) {
    m_kind = Kind::Populations;
    m_entries = entries;
}

void ColorLegendOverlay::clear() {
    m_kind = Kind::None;
    m_entries.clear();
    m_title.clear();
}

QStringList ColorLegendOverlay::labels() const {
    if (m_kind != Kind::Activity) {
        return {};
    }
    const double mid = 0.5 * (m_low + m_high);
    return {tickLabel(m_low, m_low, m_high), tickLabel(mid, m_low, m_high),
            tickLabel(m_high, m_low, m_high)};
}

QRect ColorLegendOverlay::update(vtkRenderWindow* window, double textPixels) {
    const int* size = window->GetSize();
    const double w = size[0];
    const double h = size[1];
    const bool show =
        m_kind != Kind::None && w > 0 && h > 0 && (m_kind == Kind::Activity || !m_entries.empty());
    m_plateActor->SetVisibility(show);
    m_swatchActor->SetVisibility(show);
    std::size_t used = 0;
    const auto text = [&](const QString& value, double pixels) {
        if (used == m_texts.size()) {
            auto actor = vtkSmartPointer<vtkTextActor>::New();
            m_renderer->AddActor2D(actor);
            m_texts.push_back(actor);
        }
        vtkTextActor* actor = m_texts[used++];
        overlay::styleText(actor, pixels);
        actor->GetTextProperty()->SetJustificationToLeft();
        actor->GetTextProperty()->SetVerticalJustificationToBottom();
        actor->SetInput(value.toUtf8().constData());
        actor->SetVisibility(true);
        return actor;
    };
    QRect plate;
    if (show) {
        const double scale = textPixels / CortexView::overlayTextPixels();
        const double margin = 14.0 * scale;
        const double pad = 0.5 * textPixels;
        const double right = w - margin;
        const double top = h - margin;
        vtkNew<vtkPoints> points;
        vtkNew<vtkCellArray> cells;
        vtkNew<vtkUnsignedCharArray> colors;
        colors->SetNumberOfComponents(4);
        const auto addQuad = [&](double x0, double y0, double x1, double y1, const QColor& a,
                                 const QColor& b) { // a at y0, b at y1
            const vtkIdType ids[4] = {
                points->InsertNextPoint(x0, y0, 0.0), points->InsertNextPoint(x1, y0, 0.0),
                points->InsertNextPoint(x1, y1, 0.0), points->InsertNextPoint(x0, y1, 0.0)};
            cells->InsertNextCell(4, ids);
            for (const QColor& c : {a, a, b, b}) {
                const unsigned char rgba[4] = {static_cast<unsigned char>(c.red()),
                                               static_cast<unsigned char>(c.green()),
                                               static_cast<unsigned char>(c.blue()), 255};
                colors->InsertNextTypedTuple(rgba);
            }
        };
        double left = right;
        double bottom = top;
        if (m_kind == Kind::Activity) {
            // In a small view (a figure panel) the legend stays compact: a shorter bar, and the
            // title without its qualifier ("Rate (Hz), last 50 ms" -> "Rate (Hz)") when the
            // full title would take more than a third of the width.
            vtkTextActor* title = text(m_title, textPixels);
            QSizeF titleSize = overlay::textSize(title, window);
            if (titleSize.width() > w / 3.0 && m_title.contains(QLatin1Char(','))) {
                title->SetInput(m_title.section(QLatin1Char(','), 0, 0).toUtf8().constData());
                titleSize = overlay::textSize(title, window);
            }
            const double barWidth = 0.9 * textPixels;
            const double barHeight = std::clamp(0.3 * h, 3.0 * textPixels, 7.0 * textPixels);
            const double barTop = top - pad - titleSize.height() - 0.5 * textPixels;
            const double barBottom = barTop - barHeight;
            const QStringList tickLabels = labels();
            double labelWidth = 0.0;
            std::vector<vtkTextActor*> ticks;
            for (const QString& label : tickLabels) {
                ticks.push_back(text(label, 0.9 * textPixels));
                labelWidth = std::max(labelWidth, overlay::textSize(ticks.back(), window).width());
            }
            const double contentWidth =
                std::max(titleSize.width(), barWidth + 0.4 * textPixels + labelWidth) +
                0.2 * textPixels; // glyphs reach a little past their measured box
            left = right - contentWidth - 2.0 * pad;
            title->SetDisplayPosition(
                static_cast<int>(std::lround(left + pad)),
                static_cast<int>(std::lround(top - pad - titleSize.height())));
            const double barLeft = left + pad;
            constexpr int steps = 32;
            for (int k = 0; k < steps; ++k) {
                const double t0 = static_cast<double>(k) / steps;
                const double t1 = static_cast<double>(k + 1) / steps;
                addQuad(barLeft, barBottom + t0 * barHeight, barLeft + barWidth,
                        barBottom + t1 * barHeight, NeuronLayer::activityColor(t0),
                        NeuronLayer::activityColor(t1));
            }
            for (std::size_t k = 0; k < ticks.size(); ++k) {
                const double t =
                    ticks.size() > 1 ? static_cast<double>(k) / (ticks.size() - 1) : 0.0;
                const double y = barBottom + t * barHeight;
                ticks[k]->GetTextProperty()->SetVerticalJustificationToCentered();
                ticks[k]->SetDisplayPosition(
                    static_cast<int>(std::lround(barLeft + barWidth + 0.4 * textPixels)),
                    static_cast<int>(std::lround(y)));
            }
            bottom = barBottom - std::max(pad, 0.6 * textPixels);
        } else {
            const double row = 1.5 * textPixels;
            double nameWidth = 0.0;
            std::vector<vtkTextActor*> names;
            for (const Entry& entry : m_entries) {
                names.push_back(text(entry.name, textPixels));
                nameWidth = std::max(nameWidth, overlay::textSize(names.back(), window).width());
            }
            const double swatch = textPixels;
            left = right - (swatch + 0.7 * textPixels + nameWidth) - 2.0 * pad;
            for (std::size_t k = 0; k < names.size(); ++k) {
                const double rowTop = top - pad - static_cast<double>(k) * row;
                const double y0 = rowTop - 0.5 * (row + swatch);
                addQuad(left + pad, y0, left + pad + swatch, y0 + swatch, m_entries[k].color,
                        m_entries[k].color);
                names[k]->GetTextProperty()->SetVerticalJustificationToCentered();
                names[k]->SetDisplayPosition(
                    static_cast<int>(std::lround(left + pad + swatch + 0.5 * textPixels)),
                    static_cast<int>(std::lround(rowTop - 0.5 * row)));
            }
            bottom = top - 2.0 * pad - static_cast<double>(names.size()) * row;
        }
        m_swatches->Initialize();
        m_swatches->SetPoints(points);
        m_swatches->SetPolys(cells);
        m_swatches->GetPointData()->SetScalars(colors);
        m_swatches->Modified();
        overlay::setRectangle(m_platePoints, left, bottom, right, top);
        plate = overlay::imageRect(left, bottom, right, top, h);
    }
    for (std::size_t k = used; k < m_texts.size(); ++k) {
        m_texts[k]->SetVisibility(false);
    }
    return plate;
}
} // namespace plexus::widgets
