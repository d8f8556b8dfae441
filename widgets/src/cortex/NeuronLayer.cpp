#include "NeuronLayer.h"

#include "plexus/widgets/cortex/CortexView.h"

#include <algorithm>
#include <cmath>
#include <vtkActor.h>
#include <vtkCellArray.h>
#include <vtkFloatArray.h>
#include <vtkIdTypeArray.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkUnsignedCharArray.h>

namespace plexus::widgets {

NeuronLayer::NeuronLayer(vtkRenderer* renderer) {
    m_points = vtkSmartPointer<vtkPoints>::New();
    m_points->SetDataTypeToFloat();
    m_colors = vtkSmartPointer<vtkUnsignedCharArray>::New();
    m_colors->SetName("colors");
    m_colors->SetNumberOfComponents(4);
    m_vertsAll = vtkSmartPointer<vtkCellArray>::New();
    m_vertsSubset = vtkSmartPointer<vtkCellArray>::New();
    m_data = vtkSmartPointer<vtkPolyData>::New();
    m_data->SetPoints(m_points);
    m_data->SetVerts(m_vertsAll);
    m_data->GetPointData()->SetScalars(m_colors);
    vtkNew<vtkPolyDataMapper> mapper;
    mapper->SetInputData(m_data);
    mapper->SetColorModeToDirectScalars();
    mapper->ScalarVisibilityOn();
    m_actor = vtkSmartPointer<vtkActor>::New();
    m_actor->SetMapper(mapper);
    m_actor->GetProperty()->SetRenderPointsAsSpheres(true);
    m_actor->GetProperty()->SetPointSize(static_cast<float>(m_pointSize));
    m_actor->PickableOff();
    m_actor->SetVisibility(false);
    renderer->AddActor(m_actor);

    // Highlighted neurons: larger spheres drawn over the ordinary points.
    m_highlightData = vtkSmartPointer<vtkPolyData>::New();
    vtkNew<vtkPolyDataMapper> highlightMapper;
    highlightMapper->SetInputData(m_highlightData);
    highlightMapper->ScalarVisibilityOff();
    m_highlightActor = vtkSmartPointer<vtkActor>::New();
    m_highlightActor->SetMapper(highlightMapper);
    m_highlightActor->GetProperty()->SetRenderPointsAsSpheres(true);
    m_highlightActor->PickableOff();
    m_highlightActor->SetVisibility(false);
    renderer->AddActor(m_highlightActor);
}

NeuronLayer::~NeuronLayer() = default;

void NeuronLayer::setPositions(std::span<const float> xyz) {
    const vtkIdType n = static_cast<vtkIdType>(xyz.size() / 3);
    m_count = n;
    m_points->SetNumberOfPoints(n);
    if (n > 0) {
        auto* coords = vtkFloatArray::SafeDownCast(m_points->GetData());
        std::copy_n(xyz.data(), n * 3, coords->GetPointer(0));
    }
    m_points->Modified();

    const auto fill = [](vtkCellArray* cells, vtkIdType count, vtkIdType stride) {
        vtkNew<vtkIdTypeArray> offsets;
        vtkNew<vtkIdTypeArray> connectivity;
        offsets->SetNumberOfValues(count + 1);
        connectivity->SetNumberOfValues(count);
        for (vtkIdType i = 0; i < count; ++i) {
            offsets->SetValue(i, i);
            connectivity->SetValue(i, i * stride);
        }
        offsets->SetValue(count, count);
        cells->SetData(offsets, connectivity);
    };
    fill(m_vertsAll, n, 1);
    const vtkIdType stride =
        std::max<vtkIdType>(1, (n + m_lodThreshold - 1) / std::max<qint64>(1, m_lodThreshold));
    fill(m_vertsSubset, (n + stride - 1) / stride, stride);
    m_data->SetVerts(m_subsetActive ? m_vertsSubset : m_vertsAll);

    m_colors->SetNumberOfTuples(n);
    for (vtkIdType i = 0; i < n; ++i) {
        const unsigned char blue[4] = {60, 110, 210, 255};
        m_colors->SetTypedTuple(i, blue);
    }
    m_colors->Modified();
    m_data->Modified();
    m_actor->SetVisibility(n > 0);
    if (!m_highlighted.empty()) {
        setHighlighted({}, QColor(0, 215, 255));
    }
}

void NeuronLayer::setHighlighted(const std::vector<qint64>& indices, const QColor& color) {
    m_highlighted.clear();
    vtkNew<vtkPoints> points;
    points->SetDataTypeToFloat();
    vtkNew<vtkCellArray> verts;
    for (const qint64 index : indices) {
        if (index < 0 || index >= m_count) {
            continue;
        }
        double p[3];
        m_points->GetPoint(index, p);
        const vtkIdType id = points->InsertNextPoint(p);
        verts->InsertNextCell(1, &id);
        m_highlighted.push_back(index);
    }
    m_highlightData->SetPoints(points);
    m_highlightData->SetVerts(verts);
    m_highlightData->Modified();
    m_highlightActor->GetProperty()->SetColor(color.redF(), color.greenF(), color.blueF());
    m_highlightActor->SetVisibility(!m_highlighted.empty());
}

bool NeuronLayer::setColors(std::span<const std::uint8_t> rgba) {
    if (static_cast<qint64>(rgba.size()) != 4 * m_count) {
        return false;
    }
    if (m_count > 0) {
        std::copy(rgba.begin(), rgba.end(), m_colors->GetPointer(0));
    }
    m_colors->Modified();
    return true;
}

QColor NeuronLayer::activityColor(double t) {
    // Silent neurons pale (they recede and leave the electrodes in view), active ones from
    // orange to dark red.
    static constexpr double stops[4][4] = {{0.0, 214.0, 219.0, 228.0},
                                           {0.35, 253.0, 174.0, 97.0},
                                           {0.7, 215.0, 48.0, 39.0},
                                           {1.0, 103.0, 0.0, 13.0}};
    t = std::isfinite(t) ? std::clamp(t, 0.0, 1.0) : 0.0;
    int k = 0;
    while (k < 2 && t > stops[k + 1][0]) {
        ++k;
    }
    const double f = (t - stops[k][0]) / (stops[k + 1][0] - stops[k][0]);
    const auto channel = [&](int c) {
        return static_cast<int>(std::lround(stops[k][c] + f * (stops[k + 1][c] - stops[k][c])));
    };
    return QColor(channel(1), channel(2), channel(3));
}

bool NeuronLayer::setValues(std::span<const float> values, float low, float high) {
    if (static_cast<qint64>(values.size()) != m_count) {
        return false;
    }
    const float span = high > low ? high - low : 1.0f;
    unsigned char* out = m_colors->GetPointer(0);
    for (std::size_t i = 0; i < values.size(); ++i) {
        const QColor c = activityColor((values[i] - low) / span);
        out[4 * i + 0] = static_cast<unsigned char>(c.red());
        out[4 * i + 1] = static_cast<unsigned char>(c.green());
        out[4 * i + 2] = static_cast<unsigned char>(c.blue());
        out[4 * i + 3] = 255;
    }
    m_colors->Modified();
    return true;
}

void NeuronLayer::setPointSize(double pixels) {
    m_pointSize = std::clamp(pixels, 1.0, 64.0);
}

void NeuronLayer::setLodThreshold(qint64 count) {
    m_lodThreshold = std::max<qint64>(1, count);
    if (m_count > 0) {
        // Rebuild the subset for the new threshold (positions are unchanged).
        std::vector<float> xyz(static_cast<std::size_t>(m_count) * 3);
        auto* coords = vtkFloatArray::SafeDownCast(m_points->GetData());
        std::copy_n(coords->GetPointer(0), xyz.size(), xyz.data());
        std::vector<unsigned char> colors(static_cast<std::size_t>(m_count) * 4);
        std::copy_n(m_colors->GetPointer(0), colors.size(), colors.data());
        setPositions(xyz);
        setColors(colors);
    }
}

qint64 NeuronLayer::drawn() const {
    if (m_count == 0) {
        return 0;
    }
    return m_subsetActive ? m_vertsSubset->GetNumberOfCells() : m_count;
}

void NeuronLayer::setMoving(bool moving) {
    setSubset(moving && m_count > m_lodThreshold);
}

void NeuronLayer::setSubset(bool subset) {
    if (subset == m_subsetActive) {
        return;
    }
    m_subsetActive = subset;
    m_data->SetVerts(subset ? m_vertsSubset : m_vertsAll);
    // Flat points while moving, shaded spheres at rest.
    m_actor->GetProperty()->SetRenderPointsAsSpheres(!subset);
    m_data->Modified();
}

void NeuronLayer::applyPixelScale(double pixelScale, double devicePixelRatio) {
    m_actor->GetProperty()->SetPointSize(
        static_cast<float>(m_pointSize * pixelScale * devicePixelRatio));
    m_highlightActor->GetProperty()->SetPointSize(static_cast<float>(
        CortexView::highlightScale() * m_pointSize * pixelScale * devicePixelRatio));
}

} // namespace plexus::widgets
