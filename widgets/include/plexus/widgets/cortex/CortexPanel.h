#pragma once

#include "plexus/core/project/CortexSpec.h"
#include "plexus/core/project/VesselSpec.h"
#include "plexus/geometry/vessels/VesselGraph.h"
#include "plexus/widgets/document/ElectrodeSpec.h"
#include "plexus/widgets/live/RasterSelection.h"

#include <QWidget>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

class QAction;
class QComboBox;
class QLabel;
class QToolBar;

namespace plexus::core {
struct ProjectSpec;
}

namespace plexus::geometry {
class CortexPlacement;
}

namespace plexus::widgets {

class CortexView;
class LiveRecording;
class PlannerDialog;

/**
 * @brief The "3D View" panel: a CortexView under a small toolbar.
 *
 * Toolbar (it fits a 1280 px wide window; actions() lists every action): the "Surface" menu
 * ("Load surface…": FreeSurfer, GIfTI, OBJ, PLY, STL, VTK and VTP files; "Default cortex"),
 * camera presets (Lateral, Medial, Dorsal, Reset), "Neurons" (an oblique view of the
 * project's neurons and electrodes), the colouring (curvature, sulcal depth, thickness,
 * plain), "White matter" (shows the white surface under a translucent pial surface), "Place
 * electrode" (clicks move the selected electrode), the "Electrodes" menu ("Plan…":
 * PlannerDialog around the last picked vertex; "Import montage…": an EEG montage file becomes
 * an eeg electrode on a head sphere around the cortex; "Export contacts…": CSV), the "Vessels"
 * menu ("Show vessels": procedural vessel tree, contacts within the margin drawn red; "Load
 * vessels…": a vessel graph from nodes/edges CSV files, shown instead of the procedural tree)
 * and "Export PNG…" (2x the view's size). A status line below the view names the surface and
 * reports picks, load errors and exports.
 *
 * New electrodes (planner "Apply", montage import) are shown at once and reported through
 * electrodeCreated(); the owner adds them to the document (ElectrodeEdits::addElectrode()).
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

    /// Loads a surface file into the view (as setCortex() with that file); false (and the
    /// reason in the status line) on failure.
    bool loadSurfaceFile(const QString& path);
    /**
     * @brief Shows the project's cortex @p cortex (nullopt: the procedural cortex of seed 1),
     * built by geometry::ProjectGeometry::load() with relative file names resolved against
     * @p projectFolder, and places the neurons on it again. The same cortex again changes
     * nothing. False (the reason in the status line, the shown surface kept) when a file
     * cannot be read.
     */
    bool setCortex(const std::optional<core::CortexSpec>& cortex, const QString& projectFolder);
    /// Shows the project's vessels as @p vessels says (nullopt: none; see setVesselsVisible()).
    void setVesselSpec(const std::optional<core::VesselSpec>& vessels);
    /// Exports the view at @p scale to @p path; false (reason in the status line) on failure.
    bool exportPngFile(const QString& path, double scale = 2.0);
    /// The status line's current text.
    QString statusText() const;

    /**
     * @brief Shows the populations of @p project as neurons in a cortical patch
     * (geometry::CortexPlacement, coloured per population) and remembers @p recording for
     * refreshActivity(). Either may be null (no project: no neurons). The pointers must stay
     * valid until the next call; call again when the project's populations change.
     */
    void setLiveData(const core::ProjectSpec* project, const LiveRecording* recording);
    /// Where the neurons sit (null before setLiveData() with a project).
    const geometry::CortexPlacement* placement() const { return m_placement.get(); }
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

    /**
     * @brief Loads a vessel graph from CSV files (geometry::VesselGraph::readCsv) and shows
     * it instead of the procedural tree (turning "Vessels" on); false with the error (naming
     * file and line) in the status line.
     */
    bool loadVesselCsv(const QString& nodesPath, const QString& edgesPath);
    /// Goes back to the procedural vessel tree.
    void clearLoadedVessels();
    /// True while a loaded (CSV) vessel graph replaces the procedural tree.
    bool hasLoadedVessels() const { return m_loadedVessels.has_value(); }

    /**
     * @brief Reads an EEG montage (.elc, .sfp, .txt, .csd; geometry::MontageReader), shows it
     * as an "eeg" electrode named after the file (ElectrodePlacement::fromMontage: contacts on
     * a head sphere around the cortex) and emits electrodeCreated(). False with the reason in
     * the status line.
     */
    bool importMontageFile(const QString& path);

    /**
     * @brief Opens the placement planner (non-modal, deleted on close) over the shown surface
     * and vessels (the procedural tree is switched on when none is shown), centred on the last
     * picked vertex (else the neurons' anchor). Its "Apply" adds the optimised layout like
     * importMontageFile() adds a montage.
     */
    PlannerDialog* openPlanner();
    /// The last vertex picked by a click (-1 before any).
    qint64 lastPickedVertex() const { return m_lastPickedVertex; }

    /**
     * @brief Highlights neurons @p indices (0-based within @p population) in the 3D view,
     * drawn larger in a highlight colour (linked selection, e.g. from the raster). An empty
     * list or an unknown population clears the highlight. Kept across placement updates.
     */
    void setHighlightedNeurons(const QString& population, const std::vector<int>& indices);
    /// Clears the highlight.
    void clearHighlightedNeurons() { setHighlightedNeurons(QString(), {}); }

    /// Spike window of refreshActivity() in ms (default 50).
    void setActivityWindowMs(double ms) { m_activityWindowMs = ms; }
    double activityWindowMs() const { return m_activityWindowMs; }

public Q_SLOTS:
    /**
     * @brief Colours the neurons by their spikes in the last activityWindowMs() of the
     * recording, as a rate in Hz ("hot" map from 0 to the highest rate, at least one spike
     * in the window), with a colour bar saying so; before a run, by population with a
     * population legend. Cheap when the recording's revision did not move. Call from the
     * GUI's refresh timer.
     */
    void refreshActivity();
    /// Recomputes the neuron placement (e.g. after the surface changed).
    void updatePlacement();
    /// Points the camera at the placed neurons and the electrodes next to them, looking at
    /// the patch obliquely with the cortex around it in view (toolbar "Neurons";
    /// CortexView::viewPatch()).
    void focusNeurons();
    /// Asks for a CSV file name and exports the electrode contacts.
    void chooseElectrodeCsvFile();
    /**
     * @brief Highlights the neurons of a raster selection (RasterPlot::selectionChanged): the
     * population index is resolved through the recording given to setLiveData(); a selection
     * without neurons clears the highlight.
     */
    void setHighlightedSelection(const plexus::widgets::RasterSelection& selection);

Q_SIGNALS:
    /**
     * @brief In "Place electrode" mode a click put electrode @p name at pial vertex
     * @p vertex, @p depthUm deep. The panel already shows it there; the owner should store
     * ElectrodePlacement::withAnchor() in the document (as an undoable edit) and call
     * setLiveData() / setElectrodes() again.
     */
    void electrodePlaced(const QString& name, qint64 vertex, double depthUm);
    /**
     * @brief A new electrode was made in the panel (planner "Apply", montage import) and is
     * shown. The owner should add it to the document as one undoable edit
     * (ElectrodeEdits::addElectrode()) and call setLiveData() / setElectrodes() again.
     */
    void electrodeCreated(const plexus::widgets::ElectrodeSpec& spec);
    /**
     * @brief "Load surface…" chose surface file @p path, or "Default cortex" was chosen
     * (@p path empty). When something is connected, the owner stores the cortex in the
     * document (CortexEdits::setCortex(), undoable) and calls setCortex(); with nothing
     * connected the panel shows it itself.
     */
    void cortexChosen(const QString& path);
    /// "Show vessels" was switched by the user; the owner stores it in the document
    /// (CortexEdits::setVessels()) and calls setVesselSpec().
    void vesselsChosen(bool visible);

public Q_SLOTS:
    /// Asks for a surface file and loads it.
    void chooseSurfaceFile();
    /// Asks for a PNG file name and exports the view at twice its size.
    void chooseExportFile();
    /// Asks for the nodes CSV (and the edges CSV, unless "edges" replaces "nodes" in its
    /// name and that file exists) and loads the vessels.
    void chooseVesselFiles();
    /// Asks for a montage file and imports it.
    void chooseMontageFile();

private:
    void updateStatus();
    /// Colours the neurons by population and shows the population legend.
    void showPopulationColors();
    void rebuildElectrodes();
    /// The neurons' anchor vertex (or the default patch's when no project is shown).
    std::int64_t defaultAnchorVertex() const;
    void rebuildVessels();
    /// Moves the selected electrode to @p vertex; @p commit: also emit electrodePlaced().
    void placeElectrodeAt(qint64 vertex, bool commit = true);
    void addCreatedElectrode(const ElectrodeSpec& spec);
    void applyHighlight();

    CortexView* m_view = nullptr;
    std::unique_ptr<CortexView> m_detachedView; // owns the view when it cannot be shown
    QToolBar* m_toolBar = nullptr;
    QComboBox* m_coloring = nullptr;
    QAction* m_whiteAction = nullptr;
    QLabel* m_status = nullptr;

    const core::ProjectSpec* m_project = nullptr;
    const LiveRecording* m_recording = nullptr;
    std::unique_ptr<geometry::CortexPlacement> m_placement;
    std::vector<ElectrodeSpec> m_electrodeSpecs;
    QString m_selectedElectrode;
    QAction* m_placeAction = nullptr;
    QAction* m_vesselAction = nullptr;
    std::optional<geometry::VesselGraph> m_loadedVessels;
    core::VesselSpec m_vesselSpec;
    std::string m_cortexKey; ///< the cortex shown (setCortex()), as JSON with its folder
    qint64 m_lastPickedVertex = -1;
    QString m_highlightPopulation;
    std::vector<int> m_highlightIndices;
    double m_vesselMarginMm = 0.2;
    int m_vesselConflicts = 0;
    double m_activityWindowMs = 50.0;
    std::uint64_t m_shownRevision = ~std::uint64_t{0};
    std::uint64_t m_shownGeneration = ~std::uint64_t{0};
};

} // namespace plexus::widgets
