#pragma once

#include <string_view>

namespace plexus::core {

/// What a registered model is.
enum class ModelKind {
    Neuron,        ///< a population of neurons with inputs
    SpikeSource,   ///< a stimulus that emits spikes (Poisson, spike times)
    CurrentSource, ///< a stimulus that injects current into a target population
    Synapse,       ///< synaptic dynamics or a plasticity rule of a projection
};

/// "neuron", "spike_source" or "current_source".
constexpr std::string_view modelKindName(ModelKind kind) {
    switch (kind) {
    case ModelKind::Neuron:
        return "neuron";
    case ModelKind::SpikeSource:
        return "spike_source";
    case ModelKind::CurrentSource:
        return "current_source";
    case ModelKind::Synapse:
        return "synapse";
    }
    return "unknown";
}

} // namespace plexus::core
