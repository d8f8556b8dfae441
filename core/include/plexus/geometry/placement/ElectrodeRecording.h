#pragma once

#include "plexus/core/record/RunRecord.h"
#include "plexus/geometry/probes/ContactTracks.h"
#include "plexus/geometry/probes/RecordingProbe.h"
#include "plexus/geometry/probes/VirtualRecorder.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace plexus::core {
class Network;
struct ProjectSpec;
} // namespace plexus::core

namespace plexus::geometry {

struct ProjectGeometry;

/**
 * @brief Records the LFP and multi-unit activity at every contact of a project's electrodes in
 * a run without a window, as the live window records them: the probe of
 * ProbePlacement::forProject() on the project's cortex, a VirtualRecorder attached to the
 * network, its complete bins gathered with ContactTracks::completeBins() after every chunk and
 * written with ContactTracks::electrodes().
 *
 * Usage: create() before the run (null when there is nothing to record), collect() after every
 * Simulator::run() chunk, electrodes() at the end for RunRecord::electrodes.
 */
class ElectrodeRecording {
public:
    /**
     * @brief The recording of @p project's electrodes placed on @p geometry, attached to
     * @p network at step 0; null when the project has no electrode or none can be placed.
     * Throws core::Error when the probe cannot be recorded (e.g. non-finite positions).
     */
    static std::unique_ptr<ElectrodeRecording> create(core::Network& network,
                                                      const core::ProjectSpec& project,
                                                      const ProjectGeometry& geometry);

    ElectrodeRecording(const ElectrodeRecording&) = delete;
    ElectrodeRecording& operator=(const ElectrodeRecording&) = delete;

    /// Gathers what the run recorded up to simulator step @p step.
    void collect(core::Network& network, std::int64_t step);
    /// The run record's electrodes (`/electrodes`) for time step @p dtMs.
    std::vector<core::RunRecord::ElectrodeData> electrodes(double dtMs) const;
    /// Where it records.
    const RecordingProbe& probe() const { return m_probe; }
    /// The tracks gathered so far.
    const ContactTracks& tracks() const { return m_tracks; }

private:
    ElectrodeRecording(core::Network& network, RecordingProbe probe,
                       const core::ProjectSpec& project);

    RecordingProbe m_probe;
    VirtualRecorder m_recorder;
    ContactTracks m_tracks;
};

} // namespace plexus::geometry
