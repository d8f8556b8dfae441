#include "plexus/widgets/cortex/CortexView.h"

#include "ColorLegendOverlay.h"
#include "CortexCamera.h"
#include "CortexSurfaceLayer.h"
#include "ElectrodeLayer.h"
#include "NeuronLayer.h"
#include "OrientationAxesOverlay.h"
#include "ScaleBarOverlay.h"
#include "VesselLayer.h"
#include "plexus/core/base/Error.h"
#include "plexus/geometry/placement/ProjectGeometry.h"
#include "plexus/widgets/cortex/SurfaceLoader.h"

#include <QDir>
#include <QFileInfo>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QResizeEvent>
#include <algorithm>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkInteractorStyle.h>
#include <vtkRenderer.h>

namespace plexus::widgets {

using geometry::SurfaceMesh;

CortexView::CortexView(QWidget* parent)
    : VtkOpenGLWidget(parent)
    , m_surfaces(std::make_unique<CortexSurfaceLayer>(renderer()))
    , m_axes(std::make_unique<OrientationAxesOverlay>(interactor()))
    , m_scaleBar(std::make_unique<ScaleBarOverlay>(renderer()))
    , m_legend(std::make_unique<ColorLegendOverlay>(renderer()))
    , m_neurons(std::make_unique<NeuronLayer>(renderer()))
    , m_electrodes(std::make_unique<ElectrodeLayer>(renderer()))
    , m_vessels(std::make_unique<VesselLayer>(renderer()))
    , m_camera(std::make_unique<CortexCamera>(renderer())) {
    interactorStyle()->AddObserver(vtkCommand::StartInteractionEvent, this,
                                   &CortexView::onInteraction);
    interactorStyle()->AddObserver(vtkCommand::EndInteractionEvent, this,
                                   &CortexView::onInteraction);
    setBackgroundColor(m_background);
    showDefaultCortex(1);
}

CortexView::~CortexView() {
    m_axes.reset();
    interactorStyle()->RemoveObservers(vtkCommand::StartInteractionEvent);
    interactorStyle()->RemoveObservers(vtkCommand::EndInteractionEvent);
}

double CortexView::aspectRatio() const {
    return height() > 0 ? static_cast<double>(width()) / height() : 1.0;
}

// --- Surfaces ---------------------------------------------------------------------------

void CortexView::showDefaultCortex(std::uint64_t seed) {
    geometry::ProjectGeometry cortex = geometry::ProjectGeometry::defaultCortex(seed);
    setSurfaces(std::move(cortex.pial), std::move(cortex.white),
                QStringLiteral("Procedural cortex (seed %1)").arg(seed));
}

void CortexView::setSurfaces(SurfaceMesh pial, std::optional<SurfaceMesh> white,
                             const QString& name) {
    m_surfaces->setSurfaces(std::move(pial), std::move(white));
    m_surfaceName = name;
    requestRender();
    resetCamera();
    Q_EMIT surfaceChanged();
}

bool CortexView::loadSurface(const QString& path) {
    m_lastWarnings.clear();
    try {
        core::CortexSpec cortex;
        cortex.surface = path.toStdString();
        std::vector<std::string> warnings;
        geometry::ProjectGeometry surfaces =
            geometry::ProjectGeometry::load(cortex, {}, &warnings, &SurfaceLoader::read);
        for (const std::string& warning : warnings) {
            m_lastWarnings << QString::fromStdString(warning);
        }
        setSurfaces(std::move(surfaces.pial), std::move(surfaces.white),
                    QFileInfo(path).fileName());
        m_lastError.clear();
        return true;
    } catch (const core::Error& e) {
        m_lastError = QString::fromStdString(e.what());
    } catch (const std::exception& e) {
        m_lastError = QStringLiteral("%1: %2").arg(path, QString::fromLocal8Bit(e.what()));
    }
    return false;
}

const SurfaceMesh& CortexView::pialSurface() const {
    return m_surfaces->pial();
}

const std::optional<SurfaceMesh>& CortexView::whiteSurface() const {
    return m_surfaces->white();
}

bool CortexView::isLeftHemisphere() const {
    return m_surfaces->isLeftHemisphere();
}

void CortexView::setColoring(Coloring coloring) {
    m_surfaces->setColoring(coloring);
    requestRender();
}

CortexView::Coloring CortexView::coloring() const {
    return m_surfaces->coloring();
}

void CortexView::setWhiteSurfaceVisible(bool visible) {
    m_surfaces->setWhiteVisible(visible);
    requestRender();
}

bool CortexView::isWhiteSurfaceVisible() const {
    return m_surfaces->isWhiteVisible();
}

void CortexView::setPialSurfaceVisible(bool visible) {
    m_surfaces->setPialVisible(visible);
    requestRender();
}

bool CortexView::isPialSurfaceVisible() const {
    return m_surfaces->isPialVisible();
}

void CortexView::setBackgroundColor(const QColor& color) {
    m_background = color;
    renderer()->SetBackground(color.redF(), color.greenF(), color.blueF());
    // The scale bar and the legend sit on light plates: their ink stays dark.
    m_scaleBar->setInk(0.1, 0.1, 0.12);
    // The axis labels contrast with the background.
    m_axes->setInk(color.lightnessF() > 0.5 ? 0.15 : 0.9);
    requestRender();
}

// --- Camera -----------------------------------------------------------------------------

void CortexView::setCameraPreset(CameraPreset preset) {
    m_camera->setPreset(preset, m_surfaces->pial(), m_surfaces->isLeftHemisphere(), aspectRatio());
    if (!m_surfaces->pial().isEmpty()) {
        requestRender();
    }
}

void CortexView::resetCamera() {
    setCameraPreset(CameraPreset::Lateral);
}

void CortexView::focusOn(const QVector3D& center, double radiusMm) {
    m_camera->focusOn(center, radiusMm);
    requestRender();
}

void CortexView::viewPatch(const QVector3D& center, double radiusMm, const QVector3D& outward) {
    m_camera->viewPatch(center, radiusMm, outward);
    requestRender();
}

QVector3D CortexView::cameraPosition() const {
    return m_camera->position();
}

QVector3D CortexView::cameraFocalPoint() const {
    return m_camera->focalPoint();
}

QVector3D CortexView::cameraViewUp() const {
    return m_camera->viewUp();
}

// --- Picking, overlays, export ----------------------------------------------------------

std::optional<qint64> CortexView::pickVertex(const QPoint& pos) const {
    return m_surfaces->pickVertex(toDisplay(pos), &m_lastPickPosition);
}

void CortexView::setScaleBarVisible(bool visible) {
    m_scaleBar->setVisible(visible);
    requestRender();
}

bool CortexView::isScaleBarVisible() const {
    return m_scaleBar->isVisible();
}

double CortexView::scaleBarLengthMm() const {
    return m_scaleBar->lengthMm();
}

QString CortexView::scaleBarLabel() const {
    return m_scaleBar->label();
}

void CortexView::setOrientationAxesVisible(bool visible) {
    m_axes->setVisible(visible);
    requestRender();
}

bool CortexView::isOrientationAxesVisible() const {
    return m_axes->isVisible();
}

void CortexView::prepareRender(double pixelScale) {
    const double textPixels = m_textPixelsOverride > 0.0
                                  ? m_textPixelsOverride
                                  : overlayTextPixels() * pixelScale * devicePixelRatioF();
    const int* size = renderWindow()->GetSize();
    OverlayLayout layout;
    layout.imageSize = QSize(size[0], size[1]);
    layout.textPixels = textPixels;
    layout.scaleBarPlate = m_scaleBar->update(renderWindow(), textPixels);
    layout.legendPlate = m_legend->update(renderWindow(), textPixels);
    m_overlay = layout;
    if (pixelScale != 1.0 || m_textPixelsOverride > 0.0) {
        m_exportOverlay = layout;
    }
    m_neurons->applyPixelScale(pixelScale, devicePixelRatioF());
    renderer()->ResetCameraClippingRange();
}

QImage CortexView::renderImageWithText(double scale, double textPixels) {
    m_textPixelsOverride = std::max(1.0, textPixels);
    QImage image = renderImage(scale);
    m_textPixelsOverride = 0.0;
    prepareRender(1.0);
    return image;
}

bool CortexView::exportPng(const QString& path, double scale) {
    m_lastError = writePng(path, scale);
    return m_lastError.isEmpty();
}

// --- Neurons ----------------------------------------------------------------------------

void CortexView::setNeuronPositions(std::span<const float> xyz) {
    m_neurons->setPositions(xyz);
    requestRender();
}

bool CortexView::setNeuronColors(std::span<const std::uint8_t> rgba) {
    if (!m_neurons->setColors(rgba)) {
        return false;
    }
    requestRender();
    return true;
}

bool CortexView::setNeuronValues(std::span<const float> values, float low, float high) {
    if (!m_neurons->setValues(values, low, high)) {
        return false;
    }
    requestRender();
    return true;
}

QColor CortexView::activityColor(double t) {
    return NeuronLayer::activityColor(t);
}

void CortexView::setHighlightedNeurons(const std::vector<qint64>& indices, const QColor& color) {
    m_neurons->setHighlighted(indices, color);
    requestRender();
}

const std::vector<qint64>& CortexView::highlightedNeurons() const {
    return m_neurons->highlighted();
}

void CortexView::clearNeurons() {
    setNeuronPositions({});
}

qint64 CortexView::neuronCount() const {
    return m_neurons->count();
}

void CortexView::setNeuronPointSize(double pixels) {
    m_neurons->setPointSize(pixels);
    requestRender();
}

double CortexView::neuronPointSize() const {
    return m_neurons->pointSize();
}

void CortexView::setNeuronLodThreshold(qint64 count) {
    m_neurons->setLodThreshold(count);
    if (m_neurons->count() > 0) {
        requestRender();
    }
}

qint64 CortexView::neuronLodThreshold() const {
    return m_neurons->lodThreshold();
}

qint64 CortexView::neuronsDrawn() const {
    return m_neurons->drawn();
}

// --- Legend -----------------------------------------------------------------------------

void CortexView::setActivityLegend(const QString& title, double low, double high) {
    m_legend->setActivity(title, low, high);
    requestRender();
}

void CortexView::setPopulationLegend(const std::vector<LegendEntry>& entries) {
    m_legend->setPopulations(entries);
    requestRender();
}

void CortexView::clearLegend() {
    m_legend->clear();
    requestRender();
}

CortexView::Legend CortexView::legend() const {
    return m_legend->kind();
}

QString CortexView::legendTitle() const {
    return m_legend->title();
}

double CortexView::legendLow() const {
    return m_legend->low();
}

double CortexView::legendHigh() const {
    return m_legend->high();
}

QStringList CortexView::legendLabels() const {
    return m_legend->labels();
}

const std::vector<CortexView::LegendEntry>& CortexView::legendEntries() const {
    return m_legend->entries();
}

// --- Electrodes and vessels ---------------------------------------------------------------

void CortexView::setElectrodes(const std::vector<geometry::ElectrodeArray>& arrays,
                               std::span<const std::uint8_t> contactRgba) {
    m_electrodes->setElectrodes(arrays, contactRgba);
    requestRender();
}

const std::vector<geometry::ElectrodeArray>& CortexView::electrodes() const {
    return m_electrodes->electrodes();
}

void CortexView::setVessels(const geometry::VesselGraph& vessels) {
    m_vessels->setVessels(vessels);
    requestRender();
}

const geometry::VesselGraph& CortexView::vessels() const {
    return m_vessels->vessels();
}

void CortexView::onInteraction(vtkObject* /*caller*/, unsigned long eventId, void* /*data*/) {
    if (eventId == vtkCommand::StartInteractionEvent) {
        m_camera->markMoved();
        m_neurons->setMoving(true);
    } else if (eventId == vtkCommand::EndInteractionEvent) {
        m_neurons->setMoving(false);
        requestRender();
    }
}

// --- Events -----------------------------------------------------------------------------

void CortexView::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) {
        m_pressPos = event->position().toPoint();
        m_leftPressed = true;
        if (m_dragPicking) {
            event->accept(); // the camera stays where it is
            return;
        }
    }
    VtkOpenGLWidget::mousePressEvent(event);
}

void CortexView::mouseMoveEvent(QMouseEvent* event) {
    if (m_dragPicking && m_leftPressed) {
        if (const std::optional<qint64> vertex = pickVertex(event->position().toPoint())) {
            Q_EMIT vertexDragged(*vertex, m_lastPickPosition);
        }
        event->accept();
        return;
    }
    VtkOpenGLWidget::mouseMoveEvent(event);
}

void CortexView::mouseReleaseEvent(QMouseEvent* event) {
    const bool dragPick = m_dragPicking && event->button() == Qt::LeftButton && m_leftPressed;
    if (!dragPick) {
        VtkOpenGLWidget::mouseReleaseEvent(event);
    }
    if (event->button() != Qt::LeftButton || !m_leftPressed) {
        return;
    }
    m_leftPressed = false;
    const QPoint pos = event->position().toPoint();
    if (!dragPick && (pos - m_pressPos).manhattanLength() > 3) {
        return; // a camera drag, not a click
    }
    if (const std::optional<qint64> vertex = pickVertex(pos)) {
        Q_EMIT vertexPicked(*vertex, m_lastPickPosition);
    }
}

void CortexView::resizeEvent(QResizeEvent* event) {
    VtkOpenGLWidget::resizeEvent(event);
    if (!m_camera->isMoved()) {
        setCameraPreset(m_camera->preset());
    }
}

void CortexView::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
    case Qt::Key_R:
        resetCamera();
        break;
    case Qt::Key_L:
        setCameraPreset(CameraPreset::Lateral);
        break;
    case Qt::Key_M:
        setCameraPreset(CameraPreset::Medial);
        break;
    case Qt::Key_D:
        setCameraPreset(CameraPreset::Dorsal);
        break;
    default:
        VtkOpenGLWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace plexus::widgets
