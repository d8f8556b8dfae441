#pragma once

#include "plexus/core/CurrentSourceModel.h"
#include "plexus/core/NeuronModel.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace plexus::core {

/// The models available to a document or a run. Not a singleton: each owner builds its own
/// registry (built-ins via registerBuiltinModels, plus loaded plugins).
class ModelRegistry {
public:
    /// Register a neuron model or spike source; throws Error if the name is taken.
    void add(std::unique_ptr<NeuronModel> model);
    /// Register a current-source model; throws Error if the name is taken.
    void add(std::unique_ptr<CurrentSourceModel> model);

    /// Neuron model or spike source by name, or nullptr.
    const NeuronModel* neuronModel(const std::string& name) const;
    /// Current-source model by name, or nullptr.
    const CurrentSourceModel* currentSourceModel(const std::string& name) const;
    /// Description of any model by name, or nullptr.
    const ModelInfo* info(const std::string& name) const;
    /// Descriptions of every registered model, sorted by name.
    std::vector<const ModelInfo*> all() const;

private:
    void checkFree(const std::string& name) const;

    std::map<std::string, std::unique_ptr<NeuronModel>> m_neuronModels;
    std::map<std::string, std::unique_ptr<CurrentSourceModel>> m_currentModels;
};

} // namespace plexus::core
