#pragma once

#include "plexus/widgets/cortex/CortexView.h"

#include <QRect>
#include <QString>
#include <QStringList>
#include <vector>
#include <vtkSmartPointer.h>

class vtkActor2D;
class vtkPoints;
class vtkPolyData;
class vtkRenderer;
class vtkRenderWindow;
class vtkTextActor;

namespace plexus::widgets {

/**
 * @brief The colour legend of a CortexView in the upper right corner, on a light plate: the
 * activity colour bar with its title and tick labels, or a swatch and name per population.
 */
class ColorLegendOverlay {
public:
    using Kind = CortexView::Legend;
    using Entry = CortexView::LegendEntry;

    /// Adds the (hidden) plate and swatches to @p renderer.
    explicit ColorLegendOverlay(vtkRenderer* renderer);
    ~ColorLegendOverlay();
    ColorLegendOverlay(const ColorLegendOverlay&) = delete;
    ColorLegendOverlay& operator=(const ColorLegendOverlay&) = delete;

    /// Shows the activity colour bar titled @p title from @p low to @p high.
    void setActivity(const QString& title, double low, double high);
    /// Shows the populations @p entries.
    void setPopulations(const std::vector<Entry>& entries);
    /// Shows nothing.
    void clear();

    Kind kind() const { return m_kind; }
    QString title() const { return m_title; }
    double low() const { return m_low; }
    double high() const { return m_high; }
    const std::vector<Entry>& entries() const { return m_entries; }
    /// Tick labels of the activity bar (low, middle, high); empty for other kinds.
    QStringList labels() const;

    /**
     * @brief Places the legend in @p window for text @p textPixels high. @return its plate
     * (y down from the image's top); empty when nothing shows.
     */
    QRect update(vtkRenderWindow* window, double textPixels);

private:
    vtkRenderer* m_renderer;
    Kind m_kind = Kind::None;
    QString m_title;
    double m_low = 0.0;
    double m_high = 1.0;
    std::vector<Entry> m_entries;
    vtkSmartPointer<vtkPoints> m_platePoints;
    vtkSmartPointer<vtkActor2D> m_plateActor;
    vtkSmartPointer<vtkPolyData> m_swatches; // colour bar or population swatches
    vtkSmartPointer<vtkActor2D> m_swatchActor;
    std::vector<vtkSmartPointer<vtkTextActor>> m_texts;
};

} // namespace plexus::widgets
