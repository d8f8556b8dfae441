#include "plexus/core/project/ProjectSpec.h"

namespace plexus::core {

const PopulationSpec* ProjectSpec::findPopulation(const std::string& wanted) const {
    for (const auto& p : populations)
        if (p.name == wanted)
            return &p;
    return nullptr;
}

const StimulusSpec* ProjectSpec::findStimulus(const std::string& wanted) const {
    for (const auto& s : stimuli)
        if (s.name == wanted)
            return &s;
    return nullptr;
}

const ElectrodeSpec* ProjectSpec::findElectrode(const std::string& wanted) const {
    for (const auto& e : electrodes)
        if (e.name == wanted)
            return &e;
    return nullptr;
}

} // namespace plexus::core
