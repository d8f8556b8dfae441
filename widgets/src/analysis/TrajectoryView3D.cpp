#include "plexus/widgets/analysis/TrajectoryView3D.h"

#include "plexus/widgets/plots/PlotTheme.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vtkActor.h>
#include <vtkAppendPolyData.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkCommand.h>
#include <vtkCubeAxesActor.h>
#include <vtkCubeSource.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkInteractorStyle.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkSphereSource.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkUnsignedCharArray.h>

namespace plexus::widgets {

namespace {

constexpr double kTrailWidth = 2.5;
constexpr double kStateSize = 5.0;
constexpr double kHighlightSize = 13.0;
constexpr double kHighlightWidth = 6.0;
constexpr double kLegendFont = 11.0;

void insertColor(vtkUnsignedCharArray* array, const QColor& c) {
    const unsigned char rgb[3] = {static_cast<unsigned char>(c.red()),
                                  static_cast<unsigned char>(c.green()),
                                  static_cast<unsigned char>(c.blue())};
    array->InsertNextTypedTuple(rgb);
}

vtkSmartPointer<vtkUnsignedCharArray> colorArray() {
    auto colors = vtkSmartPointer<vtkUnsignedCharArray>::New();
    colors->SetName("colors");
    colors->SetNumberOfComponents(3);
    return colors;
}

vtkSmartPointer<vtkActor> makeActor(vtkPolyData* data) {
    vtkNew<vtkPolyDataMapper> mapper;
    mapper->SetInputData(data);
    mapper->SetColorModeToDirectScalars();
    mapper->ScalarVisibilityOn();
    auto actor = vtkSmartPointer<vtkActor>::New();
    actor->SetMapper(mapper);
    actor->PickableOff();
    return actor;
}

/// A closed surface @p source coloured @p color (for vtkAppendPolyData).
vtkSmartPointer<vtkPolyData> coloured(vtkPolyDataAlgorithm* source, const QColor& color) {
    source->Update();
    auto data = vtkSmartPointer<vtkPolyData>::New();
    data->DeepCopy(source->GetOutput());
    auto colors = colorArray();
    for (vtkIdType i = 0; i < data->GetNumberOfPoints(); ++i) {
        insertColor(colors, color);
    }
    data->GetPointData()->SetScalars(colors);
    return data;
}

void setColor(vtkTextProperty* p, const QColor& c) {
    p->SetColor(c.redF(), c.greenF(), c.blueF());
}

} // namespace

QColor TrajectoryView3D::fadedColor(const QColor& color, const QColor& background, int index,
                                    int count) {
    const double t = count > 1 ? static_cast<double>(index) / (count - 1) : 1.0;
    const double keep = minimumFade() + (1.0 - minimumFade()) * std::clamp(t, 0.0, 1.0);
    return PlotTheme::mix(background, color, keep);
}

TrajectoryView3D::TrajectoryView3D(QWidget* parent)
    : VtkOpenGLWidget(parent) {
    setMinimumSize(240, 200);
    buildScene();
    rebuild();
}

TrajectoryView3D::~TrajectoryView3D() {
    interactorStyle()->RemoveObservers(vtkCommand::StartInteractionEvent);
}

void TrajectoryView3D::buildScene() {
    m_trail = vtkSmartPointer<vtkPolyData>::New();
    m_trailActor = makeActor(m_trail);
    m_trailActor->GetProperty()->SetRenderLinesAsTubes(true);
    m_trailActor->GetProperty()->SetLineWidth(static_cast<float>(kTrailWidth));
    renderer()->AddActor(m_trailActor);

    // The states share the trail's points and colours (verts instead of lines).
    auto states = vtkSmartPointer<vtkPolyData>::New();
    m_stateActor = makeActor(states);
    m_stateActor->GetProperty()->SetRenderPointsAsSpheres(true);
    m_stateActor->GetProperty()->SetPointSize(static_cast<float>(kStateSize));
    renderer()->AddActor(m_stateActor);

    m_highlight = vtkSmartPointer<vtkPolyData>::New();
    m_highlightActor = makeActor(m_highlight);
    m_highlightActor->GetProperty()->SetRenderPointsAsSpheres(true);
    m_highlightActor->GetProperty()->SetRenderLinesAsTubes(true);
    m_highlightActor->GetProperty()->SetPointSize(static_cast<float>(kHighlightSize));
    m_highlightActor->GetProperty()->SetLineWidth(static_cast<float>(kHighlightWidth));
    renderer()->AddActor(m_highlightActor);

    m_markers = vtkSmartPointer<vtkPolyData>::New();
    m_markerActor = makeActor(m_markers);
    m_markerActor->GetProperty()->SetAmbient(0.3);
    m_markerActor->GetProperty()->SetDiffuse(0.8);
    renderer()->AddActor(m_markerActor);

    m_axes = vtkSmartPointer<vtkCubeAxesActor>::New();
    m_axes->SetCamera(renderer()->GetActiveCamera());
    m_axes->SetFlyModeToOuterEdges();
    m_axes->SetTickLocationToOutside();
    m_axes->SetLabelScaling(false, 0, 0, 0);
    m_axes->SetXLabelFormat("%-#6.3g");
    m_axes->SetYLabelFormat("%-#6.3g");
    m_axes->SetZLabelFormat("%-#6.3g");
    m_axes->SetXUnits(nullptr);
    m_axes->SetYUnits(nullptr);
    m_axes->SetZUnits(nullptr);
    // Screen-aligned text: readable from every camera direction.
    m_axes->SetUse2DMode(1);
    m_axes->DrawXGridlinesOff();
    m_axes->DrawYGridlinesOff();
    m_axes->DrawZGridlinesOff();
    m_axes->PickableOff();
    renderer()->AddActor(m_axes);

    m_message = vtkSmartPointer<vtkTextActor>::New();
    m_message->GetTextProperty()->SetJustificationToCentered();
    m_message->GetTextProperty()->SetVerticalJustificationToCentered();
    m_message->GetTextProperty()->SetFontFamilyToArial();
    renderer()->AddActor2D(m_message);

    interactorStyle()->AddObserver(vtkCommand::StartInteractionEvent, this,
                                   &TrajectoryView3D::onInteraction);
    applyColors();
}

void TrajectoryView3D::onInteraction(vtkObject* /*caller*/, unsigned long /*eventId*/,
                                     void* /*callData*/) {
    m_cameraMoved = true;
}

void TrajectoryView3D::setResult(std::shared_ptr<const AnalysisResult> result) {
    m_result = std::move(result);
    rebuild();
}

void TrajectoryView3D::setHighlighted(std::vector<std::vector<bool>> flags) {
    m_flags = std::move(flags);
    rebuildHighlight();
    requestRender();
}

QString TrajectoryView3D::axisTitle(int axis) const {
    return axis >= 0 && axis < 3 ? m_titles[axis] : QString();
}

void TrajectoryView3D::setColors(const QColor& background, const QColor& text) {
    if (background == m_background && text == m_text) {
        return;
    }
    m_background = background;
    m_text = text;
    applyColors();
    rebuild(); // the trails fade into the background
}

void TrajectoryView3D::applyColors() {
    renderer()->SetBackground(m_background.redF(), m_background.greenF(), m_background.blueF());
    for (int i = 0; i < 3; ++i) {
        setColor(m_axes->GetTitleTextProperty(i), m_text);
        setColor(m_axes->GetLabelTextProperty(i), m_text);
    }
    const QColor line = PlotTheme::mix(m_background, m_text, 0.55);
    for (vtkProperty* p : {m_axes->GetXAxesLinesProperty(), m_axes->GetYAxesLinesProperty(),
                           m_axes->GetZAxesLinesProperty()}) {
        p->SetColor(line.redF(), line.greenF(), line.blueF());
    }
    setColor(m_message->GetTextProperty(), m_text);
}

void TrajectoryView3D::rebuild() {
    for (const auto& actor : m_legend) {
        renderer()->RemoveActor2D(actor);
    }
    m_legend.clear();
    m_conditionCount = 0;
    m_stateCount = 0;

    auto points = vtkSmartPointer<vtkPoints>::New();
    points->SetDataTypeToDouble();
    auto colors = colorArray();
    auto lines = vtkSmartPointer<vtkCellArray>::New();
    auto verts = vtkSmartPointer<vtkCellArray>::New();
    vtkNew<vtkAppendPolyData> markers;
    bool anyMarker = false;

    const bool has = m_result && m_result->trajectory && !m_result->trajectory->conditions.empty();
    std::array<double, 6> bounds = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
    if (has) {
        const auto& traj = *m_result->trajectory;
        const Eigen::VectorXd ratio = traj.pca.explainedVarianceRatio();
        for (int a = 0; a < 3; ++a) {
            m_titles[a] =
                a < ratio.size()
                    ? QStringLiteral("PC%1 (%2 %)").arg(a + 1).arg(100.0 * ratio(a), 0, 'f', 1)
                    : QStringLiteral("PC%1 (n/a)").arg(a + 1);
        }
        bool first = true;
        for (const auto& cond : traj.conditions) {
            for (Eigen::Index k = 0; k < cond.projection.rows(); ++k) {
                for (int a = 0; a < 3; ++a) {
                    const double v = a < cond.projection.cols() ? cond.projection(k, a) : 0.0;
                    if (first || v < bounds[2 * a]) {
                        bounds[2 * a] = v;
                    }
                    if (first || v > bounds[2 * a + 1]) {
                        bounds[2 * a + 1] = v;
                    }
                }
                first = false;
            }
        }
        const double dx = bounds[1] - bounds[0];
        const double dy = bounds[3] - bounds[2];
        const double dz = bounds[5] - bounds[4];
        m_extent = std::sqrt(dx * dx + dy * dy + dz * dz);
        if (!(m_extent > 0.0) || !std::isfinite(m_extent)) {
            m_extent = 1.0;
        }
        const double markerSize = 0.035 * m_extent;

        for (std::size_t c = 0; c < traj.conditions.size(); ++c) {
            const auto& cond = traj.conditions[c];
            const auto n = static_cast<int>(cond.projection.rows());
            const QColor color = PlotTheme::seriesColor(c);
            std::vector<vtkIdType> ids;
            ids.reserve(static_cast<std::size_t>(n));
            for (int k = 0; k < n; ++k) {
                double p[3];
                for (int a = 0; a < 3; ++a) {
                    p[a] = a < cond.projection.cols() ? cond.projection(k, a) : 0.0;
                }
                ids.push_back(points->InsertNextPoint(p));
                insertColor(colors, fadedColor(color, m_background, k, n));
                verts->InsertNextCell(1, &ids.back());
            }
            if (n >= 2) {
                lines->InsertNextCell(static_cast<vtkIdType>(ids.size()), ids.data());
            }
            if (n >= 1) {
                double start[3];
                double end[3];
                points->GetPoint(ids.front(), start);
                points->GetPoint(ids.back(), end);
                vtkNew<vtkSphereSource> sphere;
                sphere->SetCenter(start);
                sphere->SetRadius(0.5 * markerSize);
                sphere->SetThetaResolution(20);
                sphere->SetPhiResolution(14);
                markers->AddInputData(coloured(sphere, PlotTheme::mix(m_background, color, 0.6)));
                vtkNew<vtkCubeSource> cube;
                cube->SetCenter(end);
                cube->SetXLength(markerSize);
                cube->SetYLength(markerSize);
                cube->SetZLength(markerSize);
                markers->AddInputData(coloured(cube, color));
                anyMarker = true;
            }
            m_stateCount += static_cast<std::size_t>(n);
            ++m_conditionCount;

            auto label = vtkSmartPointer<vtkTextActor>::New();
            label->SetInput(cond.name.c_str());
            vtkTextProperty* tp = label->GetTextProperty();
            tp->SetFontFamilyToArial();
            tp->BoldOn();
            tp->SetJustificationToRight(); // upper right: the axes' titles keep to the left
            setColor(tp, color);
            renderer()->AddActor2D(label);
            m_legend.push_back(label);
        }
        m_message->SetInput("");
    } else {
        for (auto& title : m_titles) {
            title.clear();
        }
        std::string text = "No trajectories yet";
        if (m_result && !m_result->trajectory) {
            text =
                "Trajectories: " + (m_result->trajectoryError.empty() ? std::string("not computed")
                                                                      : m_result->trajectoryError);
        }
        m_message->SetInput(text.c_str());
    }

    m_trail->Initialize();
    m_trail->SetPoints(points);
    m_trail->SetLines(lines);
    m_trail->GetPointData()->SetScalars(colors);
    auto* states = static_cast<vtkPolyDataMapper*>(m_stateActor->GetMapper())->GetInput();
    states->Initialize();
    states->SetPoints(points);
    states->SetVerts(verts);
    states->GetPointData()->SetScalars(colors);
    m_markers->Initialize();
    if (anyMarker) {
        markers->Update();
        m_markers->ShallowCopy(markers->GetOutput());
    }
    m_trailActor->SetVisibility(has);
    m_stateActor->SetVisibility(has);
    m_markerActor->SetVisibility(anyMarker);
    m_axes->SetVisibility(has);
    if (has) {
        // A little room around the data for the axes.
        std::array<double, 6> padded = bounds;
        for (int a = 0; a < 3; ++a) {
            const double pad = 0.04 * m_extent;
            padded[2 * a] -= pad;
            padded[2 * a + 1] += pad;
        }
        m_axes->SetBounds(padded.data());
        m_axisBounds = padded;
        m_axes->SetXTitle(m_titles[0].toStdString().c_str());
        m_axes->SetYTitle(m_titles[1].toStdString().c_str());
        m_axes->SetZTitle(m_titles[2].toStdString().c_str());
    }
    rebuildHighlight();
    if (has && !m_cameraMoved) {
        resetCamera();
        m_cameraMoved = false;
    } else {
        renderer()->ResetCameraClippingRange();
    }
    requestRender();
}

void TrajectoryView3D::rebuildHighlight() {
    m_highlightedCount = 0;
    auto points = vtkSmartPointer<vtkPoints>::New();
    points->SetDataTypeToDouble();
    auto colors = colorArray();
    auto verts = vtkSmartPointer<vtkCellArray>::New();
    auto lines = vtkSmartPointer<vtkCellArray>::New();
    if (m_result && m_result->trajectory) {
        const auto& traj = *m_result->trajectory;
        for (std::size_t c = 0; c < traj.conditions.size() && c < m_flags.size(); ++c) {
            const auto& cond = traj.conditions[c];
            const auto& flags = m_flags[c];
            const QColor color = PlotTheme::seriesColor(c);
            vtkIdType previous = -1;
            for (Eigen::Index k = 0; k < cond.projection.rows(); ++k) {
                const auto index = static_cast<std::size_t>(k);
                if (index >= flags.size() || !flags[index]) {
                    previous = -1;
                    continue;
                }
                double p[3];
                for (int a = 0; a < 3; ++a) {
                    p[a] = a < cond.projection.cols() ? cond.projection(k, a) : 0.0;
                }
                const vtkIdType id = points->InsertNextPoint(p);
                insertColor(colors, color);
                verts->InsertNextCell(1, &id);
                if (previous >= 0) {
                    const vtkIdType segment[2] = {previous, id};
                    lines->InsertNextCell(2, segment);
                }
                previous = id;
                ++m_highlightedCount;
            }
        }
    }
    m_highlight->Initialize();
    m_highlight->SetPoints(points);
    m_highlight->SetVerts(verts);
    m_highlight->SetLines(lines);
    m_highlight->GetPointData()->SetScalars(colors);
    m_highlightActor->SetVisibility(m_highlightedCount > 0);
}

void TrajectoryView3D::resetCamera() {
    vtkCamera* camera = renderer()->GetActiveCamera();
    double bounds[6];
    m_trail->GetBounds(bounds);
    double centre[3] = {0.0, 0.0, 0.0};
    const bool has = m_trail->GetNumberOfPoints() > 0;
    // Axis labels and titles keep their size in pixels: a small view (a figure panel) needs
    // more room around the trajectory for them than a large one.
    const int* size = renderWindow()->GetSize();
    const double side = std::max(1, std::min(size[0], size[1]));
    const double room = std::clamp(0.16 * 320.0 / side, 0.16, 0.6);
    if (has) {
        for (int a = 0; a < 3; ++a) {
            centre[a] = 0.5 * (bounds[2 * a] + bounds[2 * a + 1]);
            // Room for the axes, their labels and titles.
            bounds[2 * a] -= room * m_extent;
            bounds[2 * a + 1] += room * m_extent;
        }
    }
    // Oblique: PC1 to the right, PC2 into the screen, PC3 up.
    const double direction[3] = {0.55, -0.75, 0.42};
    camera->SetFocalPoint(centre);
    camera->SetPosition(centre[0] + direction[0] * m_extent, centre[1] + direction[1] * m_extent,
                        centre[2] + direction[2] * m_extent);
    camera->SetViewUp(0.0, 0.0, 1.0);
    if (has) {
        renderer()->ResetCamera(bounds);
        camera->Zoom(std::clamp(side / 320.0, 0.8, 1.25));
    }
    renderer()->ResetCameraClippingRange();
    m_cameraMoved = false;
    requestRender();
}

void TrajectoryView3D::resizeGL(int w, int h) {
    VtkOpenGLWidget::resizeGL(w, h);
    // Until the user moves the camera, the framing follows the view's size.
    if (!m_cameraMoved) {
        resetCamera();
    }
}

void TrajectoryView3D::prepareRender(double pixelScale) {
    const auto s = static_cast<float>(pixelScale);
    m_trailActor->GetProperty()->SetLineWidth(static_cast<float>(kTrailWidth) * s);
    m_stateActor->GetProperty()->SetPointSize(static_cast<float>(kStateSize) * s);
    m_highlightActor->GetProperty()->SetPointSize(static_cast<float>(kHighlightSize) * s);
    m_highlightActor->GetProperty()->SetLineWidth(static_cast<float>(kHighlightWidth) * s);
    const int* size = renderWindow()->GetSize();
    const int font = static_cast<int>(std::lround(kLegendFont * pixelScale));
    const double step = 1.45 * font;
    for (std::size_t i = 0; i < m_legend.size(); ++i) {
        m_legend[i]->GetTextProperty()->SetFontSize(font);
        m_legend[i]->SetPosition(size[0] - 8.0 * pixelScale,
                                 size[1] - 8.0 * pixelScale - step * static_cast<double>(i + 1));
    }
    m_message->GetTextProperty()->SetFontSize(static_cast<int>(std::lround(14.0 * pixelScale)));
    // Tick labels of an axis that is short on screen would pile up: only its title stays.
    for (int a = 0; a < 3; ++a) {
        double ends[2][3] = {{m_axisBounds[0], m_axisBounds[2], m_axisBounds[4]},
                             {m_axisBounds[0], m_axisBounds[2], m_axisBounds[4]}};
        ends[1][a] = m_axisBounds[2 * a + 1];
        double display[2][3];
        for (int e = 0; e < 2; ++e) {
            renderer()->SetWorldPoint(ends[e][0], ends[e][1], ends[e][2], 1.0);
            renderer()->WorldToDisplay();
            renderer()->GetDisplayPoint(display[e]);
        }
        const double length =
            std::hypot(display[1][0] - display[0][0], display[1][1] - display[0][1]);
        // (Hiding the labels would hide the title too: they are made transparent instead.)
        m_axes->GetLabelTextProperty(a)->SetOpacity(length >= 150.0 * pixelScale ? 1.0 : 0.0);
    }
    renderer()->ResetCameraClippingRange();
}

bool TrajectoryView3D::exportPng(const QString& path, double scale) {
    m_lastError = writePng(path, scale);
    return m_lastError.isEmpty();
}

} // namespace plexus::widgets
