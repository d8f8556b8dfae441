#include "plexus/geometry/placement/ProbePlacement.h"

#include "plexus/core/project/ProjectSpec.h"
#include "plexus/geometry/placement/CortexPlacement.h"
#include "plexus/geometry/placement/ElectrodePlacement.h"
#include "plexus/geometry/probes/ElectrodeArray.h"
#include "plexus/geometry/surface/SurfaceMesh.h"

namespace plexus::geometry {

RecordingProbe ProbePlacement::fromElectrodes(const std::vector<ElectrodeArray>& electrodes,
                                              const CortexPlacement* placement) {
    RecordingProbe probe;
    if (placement == nullptr) {
        return probe;
    }
    std::vector<Eigen::Vector3d> contacts;
    for (const ElectrodeArray& array : electrodes) {
        for (const auto& contact : array.contacts()) {
            probe.contactNames.push_back(array.name() + ":" + contact.label);
            contacts.push_back(contact.position);
        }
    }
    probe.contactsMm.resize(static_cast<Eigen::Index>(contacts.size()), 3);
    for (std::size_t c = 0; c < contacts.size(); ++c) {
        probe.contactsMm.row(static_cast<Eigen::Index>(c)) = contacts[c].transpose();
    }
    if (contacts.empty()) {
        return probe;
    }
    const std::vector<float>& xyz = placement->positions();
    for (const CortexPlacement::Population& pop : placement->populations()) {
        RecordingProbe::Population placed;
        placed.name = pop.name;
        placed.neuronsMm.resize(static_cast<Eigen::Index>(pop.count), 3);
        for (std::size_t i = 0; i < pop.count; ++i) {
            for (int k = 0; k < 3; ++k) {
                placed.neuronsMm(static_cast<Eigen::Index>(i), k) =
                    xyz[(pop.first + i) * 3 + static_cast<std::size_t>(k)];
            }
        }
        probe.populations.push_back(std::move(placed));
    }
    return probe;
}

RecordingProbe ProbePlacement::forProject(const core::ProjectSpec& project, const SurfaceMesh& pial,
                                          const SurfaceMesh* white) {
    if (project.electrodes.empty() || pial.isEmpty()) {
        return {};
    }
    const CortexPlacement placement = CortexPlacement::compute(project, pial, white);
    const std::int64_t fallback = placement.anchorVertex() >= 0
                                      ? placement.anchorVertex()
                                      : CortexPlacement::defaultAnchor(pial, white);
    const std::vector<ElectrodeArray> electrodes =
        ElectrodePlacement::buildAround(project.electrodes, pial, white, &placement, fallback);
    return fromElectrodes(electrodes, &placement);
}

} // namespace plexus::geometry
