#pragma once

#include <QColor>
#include <QtGlobal>
#include <cstdint>
#include <span>
#include <vector>
#include <vtkSmartPointer.h>

class vtkActor;
class vtkCellArray;
class vtkPoints;
class vtkPolyData;
class vtkRenderer;
class vtkUnsignedCharArray;

namespace plexus::widgets {

/**
 * @brief The neurons of a CortexView: one point per neuron with an RGBA colour, drawn as
 * shaded sphere impostors, and the highlighted neurons drawn again as larger spheres.
 *
 * While the camera moves (setMoving()), more than lodThreshold() neurons draw an even subset
 * as flat points. The layer never renders; its view does.
 */
class NeuronLayer {
public:
    /// Adds the (hidden) neuron and highlight actors to @p renderer.
    explicit NeuronLayer(vtkRenderer* renderer);
    ~NeuronLayer();
    NeuronLayer(const NeuronLayer&) = delete;
    NeuronLayer& operator=(const NeuronLayer&) = delete;

    /// Places neurons (x, y, z in mm per neuron), uniformly blue; clears the highlight.
    void setPositions(std::span<const float> xyz);
    /// Sets 4 bytes of RGBA per neuron; false (and nothing changes) when the size differs.
    bool setColors(std::span<const std::uint8_t> rgba);
    /// Colours by @p values through activityColor() between @p low and @p high.
    bool setValues(std::span<const float> values, float low, float high);
    /// The colour of activity @p t (0 = low, 1 = high).
    static QColor activityColor(double t);

    qint64 count() const { return m_count; }
    /// Diameter of a neuron in screen pixels, clamped to [1, 64]; applied by applyPixelScale().
    void setPointSize(double pixels);
    double pointSize() const { return m_pointSize; }
    /// Neuron count above which camera motion draws a subset (at least 1).
    void setLodThreshold(qint64 count);
    qint64 lodThreshold() const { return m_lodThreshold; }
    /// Neurons drawn now: all, or the subset while moving.
    qint64 drawn() const;
    /// Draws the subset (as flat points) while @p moving and above the threshold.
    void setMoving(bool moving);
    /// Sizes the points for a render at @p pixelScale times the view's size on a screen of
    /// @p devicePixelRatio.
    void applyPixelScale(double pixelScale, double devicePixelRatio);

    /// Highlights neurons @p indices (out-of-range ones are ignored) in @p color.
    void setHighlighted(const std::vector<qint64>& indices, const QColor& color);
    const std::vector<qint64>& highlighted() const { return m_highlighted; }

private:
    void setSubset(bool subset);

    vtkSmartPointer<vtkPolyData> m_data;
    vtkSmartPointer<vtkPoints> m_points;
    vtkSmartPointer<vtkUnsignedCharArray> m_colors;
    vtkSmartPointer<vtkCellArray> m_vertsAll;
    vtkSmartPointer<vtkCellArray> m_vertsSubset;
    vtkSmartPointer<vtkActor> m_actor;
    qint64 m_count = 0;
    double m_pointSize = 5.0;
    qint64 m_lodThreshold = 50000;
    bool m_subsetActive = false;

    std::vector<qint64> m_highlighted;
    vtkSmartPointer<vtkPolyData> m_highlightData;
    vtkSmartPointer<vtkActor> m_highlightActor;
};

} // namespace plexus::widgets
