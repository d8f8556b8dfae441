#pragma once

#include "plexus/widgets/ElectrodeSpec.h"

#include <QWidget>
#include <cstdint>
#include <memory>
#include <vector>

class QAction;
class QComboBox;
class QLabel;
class QToolBar;

namespace plexus::core {
struct ProjectSpec;
}

namespace plexus::widgets {

class CortexPlacement;
class CortexView;
class LiveRecording;

/**
 * @brief The "3D View" panel: a CortexView under a small toolbar.
 *
 * Toolbar: "Load surface…" (file chooser for FreeSurfer, GIfTI, OBJ, PLY, STL, VTK and VTP
 * files), "Default cortex", camera presets (Lateral, Medial, Dorsal, Reset), the colouring
 * (curvature, sulcal depth, thickness, plain), "White matter" (shows the white surface under
 * a translucent pial surface), "Neurons" (camera to the project's neurons), "Place electrode"
 * (clicks move the selected electrode), "Vessels" (procedural vessel tree, contacts within the
 * margin drawn red), "Export contacts…" (CSV) and "Export PNG…" (2x the view's size). A status line
 * below the view names the surface and reports picks, load errors and exports.
 */
class CortexPanel : public QWidget {
    Q_OBJECT

public:
    /**
     * @brief Creates the panel showing the default procedural cortex. On platforms without
     * OpenGL windows (VtkOpenGLWidget::isRenderingSupported() false, e.g. Qt's offscreen
     * platform in tests) the panel shows a note instead of the view; view() still works
     * (loading, picking geometry, neurons) but nothing renders.
     */
    explicit CortexPanel(QWidget* parent = nullptr);
    ~CortexPanel() override;

    /// The 3-D view (for neurons, electrodes, programmatic camera control).
    CortexView* view() const { return m_view; }
    /// The toolbar (callers may add actions).
    QToolBar* toolBar() const { return m_toolBar; }

    /// Loads a surface file into the view; false (and the reason in the status line) on
    /// failure.
    bool loadSurfaceFile(const QString& path);
    /// Exports the view at @p scale to @p path; false (reason in the status line) on failure.
    bool exportPngFile(const QString& path, double scale = 2.0);
    /// The status line's current text.
    QString statusText() const;

    /**
     * @brief Shows the populations of @p project as neurons in a cortical patch
     * (CortexPlacement, coloured per population) and remembers @p recording for
     * refreshActivity(). Either may be null (no project: no neurons). The pointers must stay
     * valid until the next call; call again when the project's populations change.
     */
    void setLiveData(const core::ProjectSpec* project, const LiveRecording* recording);
    /// Where the neurons sit (null before setLiveData() with a project).
    const CortexPlacement* placement() const { return m_placement.get(); }
    /**
     * @brief Shows @p electrodes in the view (ElectrodePlacement: anchors from
     * ElectrodeSpec::extra, otherwise the neurons' anchor). setLiveData() calls it with the
     * project's electrodes.
     */
    void setElectrodes(const std::vector<ElectrodeSpec>& electrodes);
    /// The electrodes shown (with anchors moved by "Place electrode" clicks).
    const std::vector<ElectrodeSpec>& electrodes() const { return m_electrodeSpecs; }
    /// Electrode that "Place electrode" moves (empty or unknown: the first one).
    void setSelectedElectrode(const QString& name) { m_selectedElectrode = name; }
    QString selectedElectrode() const { return m_selectedElectrode; }
    /// True while clicks on the surface place the selected electrode (toolbar toggle).
    bool isPlacingElectrode() const;
    void setPlacingElectrode(bool placing);
    /// Writes the contacts of the shown electrodes as CSV (geometry::ElectrodeCsv); false
    /// with the reason in the status line on failure.
    bool exportElectrodeCsv(const QString& path);

    /**
     * @brief Shows or hides a procedural vessel tree (geometry::VesselGenerator, rooted at
     * the neurons' anchor; toolbar "Vessels"). While shown, contacts closer than
     * vesselMarginMm() to a vessel wall are drawn red and the status line names the closest.
     */
    void setVesselsVisible(bool visible);
    bool areVesselsVisible() const;
    /// Safety margin between contacts and vessel walls (mm, default 0.2).
    void setVesselMarginMm(double margin);
    double vesselMarginMm() const { return m_vesselMarginMm; }
    /// Number of contacts currently closer than the margin to a vessel.
    int vesselConflictCount() const { return m_vesselConflicts; }

    /// Spike window of refreshActivity() in ms (default 50).
    void setActivityWindowMs(double ms) { m_activityWindowMs = ms; }
    double activityWindowMs() const { return m_activityWindowMs; }

public Q_SLOTS:
    /**
     * @brief Colours the neurons by their spikes in the last activityWindowMs() of the
     * recording ("hot" map); cheap when the recording's revision did not move. Call from the
     * GUI's refresh timer.
     */
    void refreshActivity();
    /// Recomputes the neuron placement (e.g. after the surface changed).
    void updatePlacement();
    /// Points the camera at the placed neurons (toolbar "Neurons").
    void focusNeurons();
    /// Asks for a CSV file name and exports the electrode contacts.
    void chooseElectrodeCsvFile();

Q_SIGNALS:
    /**
     * @brief In "Place electrode" mode a click put electrode @p name at pial vertex
     * @p vertex, @p depthUm deep. The panel already shows it there; the owner should store
     * ElectrodePlacement::withAnchor() in the document (as an undoable edit) and call
     * setLiveData() / setElectrodes() again.
     */
    void electrodePlaced(const QString& name, qint64 vertex, double depthUm);

public Q_SLOTS:
    /// Asks for a surface file and loads it.
    void chooseSurfaceFile();
    /// Asks for a PNG file name and exports the view at twice its size.
    void chooseExportFile();

private:
    void updateStatus();
    void rebuildElectrodes();
    void rebuildVessels();
    void placeElectrodeAt(qint64 vertex);

    CortexView* m_view = nullptr;
    std::unique_ptr<CortexView> m_detachedView; // owns the view when it cannot be shown
    QToolBar* m_toolBar = nullptr;
    QComboBox* m_coloring = nullptr;
    QAction* m_whiteAction = nullptr;
    QLabel* m_status = nullptr;

    const core::ProjectSpec* m_project = nullptr;
    const LiveRecording* m_recording = nullptr;
    std::unique_ptr<CortexPlacement> m_placement;
    std::vector<ElectrodeSpec> m_electrodeSpecs;
    QString m_selectedElectrode;
    QAction* m_placeAction = nullptr;
    QAction* m_vesselAction = nullptr;
    double m_vesselMarginMm = 0.2;
    int m_vesselConflicts = 0;
    double m_activityWindowMs = 50.0;
    std::uint64_t m_shownRevision = ~std::uint64_t{0};
    std::uint64_t m_shownGeneration = ~std::uint64_t{0};
};

} // namespace plexus::widgets
