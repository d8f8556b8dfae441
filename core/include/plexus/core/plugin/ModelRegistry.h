#pragma once

#include "plexus/core/plugin/CurrentSourceModel.h"
#include "plexus/core/plugin/NeuronModel.h"
#include "plexus/core/plugin/SynapseModel.h"

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

    /// Register a synapse / plasticity model; throws Error if the name is taken.
    void add(std::unique_ptr<SynapseModel> model);

    /// Neuron model or spike source by name, or nullptr.
    const NeuronModel* neuronModel(const std::string& name) const;
    /// Current-source model by name, or nullptr.
    const CurrentSourceModel* currentSourceModel(const std::string& name) const;
    /// Synapse / plasticity model by name, or nullptr.
    const SynapseModel* synapseModel(const std::string& name) const;
    /// Description of any model by name, or nullptr.
    const ModelInfo* info(const std::string& name) const;
    /// Descriptions of every registered model, sorted by name.
    std::vector<const ModelInfo*> all() const;

    /// Origin of models added with add().
    static constexpr const char* builtinOrigin = "built-in";

    /// Where a model comes from: builtinOrigin for models added with add(), the plugin file
    /// for models merged from a plugin, or an empty string when no model has that name.
    std::string origin(const std::string& model) const;

    /**
     * @brief Moves every model of @p other into this registry, all or nothing.
     *
     * Every name is checked first: when any of them is already registered here, Error is
     * thrown naming the clashing models (and where the registered ones come from) and neither
     * registry changes.
     * @param other  models to take over (typically a plugin's scratch registry)
     * @param origin recorded for every moved model, e.g. the plugin file; an empty string
     *               keeps the origins recorded in @p other
     */
    void merge(ModelRegistry&& other, const std::string& origin);

private:
    void checkFree(const std::string& name) const;

    std::map<std::string, std::unique_ptr<NeuronModel>> m_neuronModels;
    std::map<std::string, std::unique_ptr<CurrentSourceModel>> m_currentModels;
    std::map<std::string, std::unique_ptr<SynapseModel>> m_synapseModels;
    std::map<std::string, std::string> m_origins; ///< models not added with add()
};

} // namespace plexus::core
