#pragma once

#include <QObject>
#include <string>

class QDockWidget;
class QTimer;

namespace plexus::widgets {
class CortexPanel;
class Document;
class LiveRecording;
} // namespace plexus::widgets

namespace plexus::app {

/**
 * @brief Keeps the 3-D view in step with the document and the live run.
 *
 * - Neurons and electrodes: when the project's populations (names, sizes, spatial layout) or its
 *   electrodes change, the panel's placement is rebuilt (CortexPanel::setLiveData()); parameter
 *   edits do not move neurons. While the 3-D dock is hidden the rebuild waits until it is shown,
 *   unless the project has electrodes (their contacts record during runs).
 * - Activity: a refresh timer (30 Hz) colours the neurons by their recent spikes while the dock
 *   is visible (cheap when the recording did not move).
 * - Cortex and vessels: the panel shows the project's "cortex" and "vessels"
 *   (CortexPanel::setCortex(), setVesselSpec()); "Load surface…", "Default cortex" and "Show
 *   vessels" in the panel become undoable document edits (CortexEdits), saved with the project.
 * - Placement: an electrode placed by clicking the surface, planned by the placement planner or
 *   imported from an EEG montage becomes one undoable document edit (ElectrodeEdits), so undo
 *   takes it back and saving keeps it.
 */
class CortexBinding : public QObject {
    Q_OBJECT

public:
    /**
     * @param document the project (not owned).
     * @param recording the live recording shown as activity (not owned; outlives the binding).
     * @param panel the 3-D panel (not owned).
     * @param dock the dock holding @p panel; updates pause while it is hidden (may be null).
     */
    CortexBinding(widgets::Document* document, const widgets::LiveRecording* recording,
                  widgets::CortexPanel* panel, QDockWidget* dock, QObject* parent = nullptr);

    /// Applies a pending placement rebuild now (also when the dock is hidden).
    void syncNow();

Q_SIGNALS:
    /// Neurons or electrodes were placed anew (the panel's placement and electrodes changed).
    void placementChanged();

private:
    void documentChanged();
    bool isShown() const;
    /// The part of the project that decides where neurons and electrodes are.
    std::string placementKey() const;

    widgets::Document* m_document = nullptr;
    const widgets::LiveRecording* m_recording = nullptr;
    widgets::CortexPanel* m_panel = nullptr;
    QDockWidget* m_dock = nullptr;
    QTimer* m_activityTimer = nullptr;
    std::string m_key;
    bool m_synced = false;
    bool m_focusPending = true;
};

} // namespace plexus::app
