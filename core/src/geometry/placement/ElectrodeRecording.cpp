#include "plexus/geometry/placement/ElectrodeRecording.h"

#include "plexus/core/engine/Network.h"
#include "plexus/core/project/ProjectSpec.h"
#include "plexus/geometry/placement/ProbePlacement.h"
#include "plexus/geometry/placement/ProjectGeometry.h"

#include <utility>

namespace plexus::geometry {

namespace {

std::vector<std::string> contactNames(const RecordingProbe& probe) {
    std::vector<std::string> names(static_cast<std::size_t>(probe.contactCount()));
    for (std::size_t c = 0; c < names.size(); ++c) {
        names[c] = probe.contactName(static_cast<Eigen::Index>(c));
    }
    return names;
}

} // namespace

std::unique_ptr<ElectrodeRecording> ElectrodeRecording::create(core::Network& network,
                                                               const core::ProjectSpec& project,
                                                               const ProjectGeometry& geometry) {
    RecordingProbe probe =
        ProbePlacement::forProject(project, geometry.pial, geometry.whiteOrNull());
    if (probe.empty()) {
        return nullptr;
    }
    return std::unique_ptr<ElectrodeRecording>(
        new ElectrodeRecording(network, std::move(probe), project));
}

ElectrodeRecording::ElectrodeRecording(core::Network& network, RecordingProbe probe,
                                       const core::ProjectSpec& project)
    : m_probe(std::move(probe))
    , m_recorder(network, m_probe, &project)
    , m_tracks(contactNames(m_probe), m_recorder.binSteps()) {
    m_recorder.attach(network, 0);
}

void ElectrodeRecording::collect(core::Network& network, std::int64_t step) {
    m_recorder.collect(network, step);
    m_tracks.append(ContactTracks::completeBins(m_recorder));
    m_recorder.discardResults();
}

std::vector<core::RunRecord::ElectrodeData> ElectrodeRecording::electrodes(double dtMs) const {
    return ContactTracks::electrodes(m_tracks.tracks(), m_tracks.binSteps(), dtMs);
}

} // namespace plexus::geometry
