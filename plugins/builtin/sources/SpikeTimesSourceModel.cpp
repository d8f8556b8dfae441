#include "SpikeTimesSourceModel.h"

#include "SpikeTimesSourceGroup.h"

namespace plexus::plugins {

SpikeTimesSourceModel::SpikeTimesSourceModel() {
    m_info.name = "spike_times";
    m_info.label = "Spike-time generator";
    m_info.kind = core::ModelKind::SpikeSource;
    m_info.category = "Stimuli";
    m_info.tags = {"spike generator", "spike times", "CSV", "stimulus"};
    m_info.doc = "Emits spikes at the listed times (ms, rounded to the step) on the listed "
                 "channels. Two spikes of one channel in one step count once.";
}

std::unique_ptr<core::NeuronGroup>
SpikeTimesSourceModel::createGroup(const core::GroupSetup& setup) const {
    return std::make_unique<SpikeTimesSourceGroup>(setup.size, setup.times, setup.indices,
                                                   setup.dtMs);
}

} // namespace plexus::plugins
