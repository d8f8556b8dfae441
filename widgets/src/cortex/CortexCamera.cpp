#include "CortexCamera.h"

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>
#include <vtkCamera.h>
#include <vtkRenderer.h>

namespace plexus::widgets {

CortexCamera::CortexCamera(vtkRenderer* renderer)
    : m_renderer(renderer) {}

void CortexCamera::focusOn(const QVector3D& center, double radiusMm) {
    vtkCamera* camera = m_renderer->GetActiveCamera();
    double position[3];
    double focal[3];
    camera->GetPosition(position);
    camera->GetFocalPoint(focal);
    Eigen::Vector3d direction(position[0] - focal[0], position[1] - focal[1],
                              position[2] - focal[2]);
    if (direction.norm() <= 0.0) {
        direction = Eigen::Vector3d::UnitX();
    }
    direction.normalize();
    const double tanHalf = std::tan(0.5 * camera->GetViewAngle() * M_PI / 180.0);
    const double distance = std::max(radiusMm, 0.05) * 1.2 / std::max(tanHalf, 1e-3);
    camera->SetFocalPoint(center.x(), center.y(), center.z());
    camera->SetPosition(center.x() + distance * direction.x(),
                        center.y() + distance * direction.y(),
                        center.z() + distance * direction.z());
    m_moved = true;
    m_renderer->ResetCameraClippingRange();
}

void CortexCamera::viewPatch(const QVector3D& center, double radiusMm, const QVector3D& outward) {
    Eigen::Vector3d normal(outward.x(), outward.y(), outward.z());
    if (!(normal.norm() > 0.0) || !normal.allFinite()) {
        focusOn(center, radiusMm);
        return;
    }
    normal.normalize();
    // Lean towards the superior side (towards anterior where the normal is vertical).
    Eigen::Vector3d toward = Eigen::Vector3d::UnitZ() - normal.z() * normal;
    if (toward.norm() < 0.2) {
        toward = Eigen::Vector3d::UnitY() - normal.y() * normal;
    }
    toward.normalize();
    const double tilt = CortexView::kPatchTiltDeg * M_PI / 180.0;
    const Eigen::Vector3d direction = std::cos(tilt) * normal + std::sin(tilt) * toward;
    const Eigen::Vector3d up = std::sin(tilt) * normal - std::cos(tilt) * toward;
    vtkCamera* camera = m_renderer->GetActiveCamera();
    camera->SetParallelProjection(false);
    camera->SetViewAngle(30.0);
    const double tanHalf = std::tan(0.5 * camera->GetViewAngle() * M_PI / 180.0);
    // The patch takes about a third of the view; the cortex around it shows its folds.
    const double framed = std::max(1.1 * std::max(radiusMm, 0.05), 1.5);
    const double distance = framed / tanHalf;
    camera->SetFocalPoint(center.x(), center.y(), center.z());
    camera->SetPosition(center.x() + distance * direction.x(),
                        center.y() + distance * direction.y(),
                        center.z() + distance * direction.z());
    camera->SetViewUp(up.x(), up.y(), up.z());
    m_moved = true;
    m_renderer->ResetCameraClippingRange();
}

void CortexCamera::setPreset(CortexView::CameraPreset preset, const geometry::SurfaceMesh& mesh,
                             bool leftHemisphere, double aspect) {
    using CameraPreset = CortexView::CameraPreset;
    m_preset = preset;
    m_moved = false;
    if (mesh.isEmpty()) {
        return;
    }
    const auto b = mesh.bounds();
    const Eigen::Vector3d centre(0.5 * (b[0] + b[1]), 0.5 * (b[2] + b[3]), 0.5 * (b[4] + b[5]));
    const double side = leftHemisphere ? -1.0 : 1.0;
    Eigen::Vector3d direction = Eigen::Vector3d::UnitX(); // from the focal point to the camera
    Eigen::Vector3d up = Eigen::Vector3d::UnitZ();
    switch (preset) {
    case CameraPreset::Lateral:
        direction = {side, 0.0, 0.0};
        break;
    case CameraPreset::Medial:
        direction = {-side, 0.0, 0.0};
        break;
    case CameraPreset::Dorsal:
        direction = Eigen::Vector3d::UnitZ();
        up = Eigen::Vector3d::UnitY();
        break;
    case CameraPreset::Ventral:
        direction = -Eigen::Vector3d::UnitZ();
        up = Eigen::Vector3d::UnitY();
        break;
    case CameraPreset::Anterior:
        direction = Eigen::Vector3d::UnitY();
        break;
    case CameraPreset::Posterior:
        direction = -Eigen::Vector3d::UnitY();
        break;
    }
    // Frame the surface: its extent across and along the view direction.
    const Eigen::Vector3d right = (-direction).cross(up).normalized();
    double halfWidth = 0.0;
    double halfHeight = 0.0;
    double front = 0.0;
    for (Eigen::Index i = 0; i < mesh.vertexCount(); ++i) {
        const Eigen::Vector3d d = mesh.vertices().row(i).cast<double>().transpose() - centre;
        halfWidth = std::max(halfWidth, std::abs(d.dot(right)));
        halfHeight = std::max(halfHeight, std::abs(d.dot(up)));
        front = std::max(front, d.dot(direction));
    }
    vtkCamera* camera = m_renderer->GetActiveCamera();
    camera->SetParallelProjection(false);
    camera->SetViewAngle(30.0);
    const double tanHalf = std::tan(0.5 * camera->GetViewAngle() * M_PI / 180.0);
    const double fit = std::max(halfHeight, halfWidth / std::max(aspect, 1e-3)) * 1.12;
    const double distance = fit / tanHalf + front;
    camera->SetFocalPoint(centre.x(), centre.y(), centre.z());
    camera->SetPosition(centre.x() + distance * direction.x(),
                        centre.y() + distance * direction.y(),
                        centre.z() + distance * direction.z());
    camera->SetViewUp(up.x(), up.y(), up.z());
    m_renderer->ResetCameraClippingRange();
}

QVector3D CortexCamera::position() const {
    const double* p = m_renderer->GetActiveCamera()->GetPosition();
    return {static_cast<float>(p[0]), static_cast<float>(p[1]), static_cast<float>(p[2])};
}

QVector3D CortexCamera::focalPoint() const {
    const double* p = m_renderer->GetActiveCamera()->GetFocalPoint();
    return {static_cast<float>(p[0]), static_cast<float>(p[1]), static_cast<float>(p[2])};
}

QVector3D CortexCamera::viewUp() const {
    const double* p = m_renderer->GetActiveCamera()->GetViewUp();
    return {static_cast<float>(p[0]), static_cast<float>(p[1]), static_cast<float>(p[2])};
}

} // namespace plexus::widgets
