#pragma once

#include "plexus/geometry/placement/PlacementPlanner.h"
#include "plexus/geometry/surface/SurfaceMesh.h"
#include "plexus/geometry/vessels/VesselGraph.h"
#include "plexus/widgets/document/ElectrodeSpec.h"

#include <QDialog>
#include <QString>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace plexus::widgets {

class CortexView;

/**
 * @brief The placement planner of the 3D panel ("Plan…"): the user sets a target region (a
 * centre vertex and a radius), an electrode budget, the vessel margin and the depth limits;
 * geometry::PlacementPlanner runs on a worker thread and the coverage baseline (regular grid)
 * and the optimised layout are shown side by side, each in its own CortexView with the
 * vessels, the target vertices (small green points) and its objective values, with the
 * violations listed. "Apply" emits
 * applyRequested() with the optimised layout as a "thread" electrode
 * (ElectrodePlacement::fromLayout()).
 *
 * Target: every pial vertex within the radius (Euclidean) of the centre vertex. Phosphene
 * objective: a RetinotopicMap whose fovea lies 20 mm from the centre along the tangent u axis
 * (SurfaceAnchor::tangentFrame), so the target maps to a parafoveal patch; the visual target
 * is the disc centred on the centre's visual position with 0.7 times the largest distance of
 * a target vertex's visual position from it. Both objectives are reported for both layouts.
 */
class PlannerDialog : public QDialog {
    Q_OBJECT

public:
    /// What to plan.
    struct Request {
        std::int64_t centreVertex = 0;
        double radiusMm = 3.0;
        int maxSites = 16;
        double vesselMarginMm = 0.2;
        double minDepthMm = 0.5;
        double preferredDepthMm = 1.5;
        double maxDepthMm = 2.5;
        double coverageRadiusMm = 0.5;
        double minSeparationMm = 0.0;
        geometry::PlacementPlanner::Objective objective =
            geometry::PlacementPlanner::Objective::Coverage;
    };

    /// What plan() found.
    struct Outcome {
        geometry::PlacementPlanner::Result result;
        std::vector<std::int64_t> targets; ///< target vertices
        QString error;                     ///< non-empty when planning failed
        double elapsedMs = 0.0;
    };

    /**
     * @brief A planner over copies of @p pial (with normals) and @p vessels, centred on
     * @p centreVertex. With @p white (same vertices as @p pial), the views show it under a
     * translucent pial surface so that the contacts in the grey matter are visible.
     */
    PlannerDialog(const geometry::SurfaceMesh& pial, const geometry::VesselGraph& vessels,
                  std::int64_t centreVertex,
                  const std::optional<geometry::SurfaceMesh>& white = std::nullopt,
                  QWidget* parent = nullptr);
    ~PlannerDialog() override;

    /// The request the form shows.
    Request request() const;
    /// Sets the form.
    void setRequest(const Request& request);

    /// Plans synchronously (what the worker thread runs).
    static Outcome plan(const Request& request, const geometry::SurfaceMesh& pial,
                        const geometry::VesselGraph& vessels);

    /// True while the worker thread plans.
    bool isRunning() const { return m_running; }
    /// The last finished plan (nullopt before the first one).
    const std::optional<Outcome>& outcome() const { return m_outcome; }
    /// The side-by-side views: baseline (left) and optimised (right).
    CortexView* baselineView() const { return m_views[0]; }
    CortexView* optimisedView() const { return m_views[1]; }
    /// The summary text under view 0 (baseline) or 1 (optimised).
    QString summaryText(int view) const;
    /// The violation list's lines.
    QStringList violationLines() const;
    /**
     * @brief Writes both views side by side (baseline left, optimised right), each rendered at
     * @p scale times its size, to a PNG file; false with the reason in the status line.
     */
    bool exportPng(const QString& path, double scale = 2.0);

public Q_SLOTS:
    /// Starts planning on a worker thread with request() (a running plan is superseded).
    void run();
    /// Emits applyRequested() with the optimised layout and closes the dialog.
    void apply();
    /// Asks for a PNG file name and exports both views at twice their size.
    void chooseExportFile();

Q_SIGNALS:
    /// The user applied the optimised layout: add @p spec to the project (undoable).
    void applyRequested(const plexus::widgets::ElectrodeSpec& spec);
    /// A plan finished (or failed: outcome()->error).
    void planFinished();

private:
    void showOutcome();

    geometry::SurfaceMesh m_pial;
    geometry::VesselGraph m_vessels;
    QSpinBox* m_centre = nullptr;
    QDoubleSpinBox* m_radius = nullptr;
    QSpinBox* m_budget = nullptr;
    QDoubleSpinBox* m_margin = nullptr;
    QDoubleSpinBox* m_minDepth = nullptr;
    QDoubleSpinBox* m_preferredDepth = nullptr;
    QDoubleSpinBox* m_maxDepth = nullptr;
    QDoubleSpinBox* m_coverageRadius = nullptr;
    QComboBox* m_objective = nullptr;
    QPushButton* m_runButton = nullptr;
    QPushButton* m_applyButton = nullptr;
    QLabel* m_status = nullptr;
    CortexView* m_views[2] = {nullptr, nullptr};
    std::unique_ptr<CortexView> m_detachedViews[2]; // without OpenGL windows (offscreen)
    QLabel* m_summaries[2] = {nullptr, nullptr};
    QListWidget* m_violations = nullptr;
    bool m_running = false;
    int m_generation = 0;
    std::optional<Outcome> m_outcome;
};

} // namespace plexus::widgets
