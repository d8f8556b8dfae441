#include "plexus/core/plugin/ModelRegistry.h"

#include "plexus/core/base/Error.h"

#include <algorithm>

namespace plexus::core {

void ModelRegistry::checkFree(const std::string& name) const {
    if (info(name))
        throw Error("model \"" + name + "\" is already registered");
}

void ModelRegistry::add(std::unique_ptr<NeuronModel> model) {
    if (!model)
        throw Error("a plugin registered a null model");
    const std::string name = model->info().name;
    checkFree(name);
    m_neuronModels.emplace(name, std::move(model));
}

void ModelRegistry::add(std::unique_ptr<CurrentSourceModel> model) {
    if (!model)
        throw Error("a plugin registered a null model");
    const std::string name = model->info().name;
    checkFree(name);
    m_currentModels.emplace(name, std::move(model));
}

void ModelRegistry::add(std::unique_ptr<SynapseModel> model) {
    if (!model)
        throw Error("a plugin registered a null model");
    const std::string name = model->info().name;
    checkFree(name);
    m_synapseModels.emplace(name, std::move(model));
}

const SynapseModel* ModelRegistry::synapseModel(const std::string& name) const {
    const auto it = m_synapseModels.find(name);
    return it == m_synapseModels.end() ? nullptr : it->second.get();
}

const NeuronModel* ModelRegistry::neuronModel(const std::string& name) const {
    const auto it = m_neuronModels.find(name);
    return it == m_neuronModels.end() ? nullptr : it->second.get();
}

const CurrentSourceModel* ModelRegistry::currentSourceModel(const std::string& name) const {
    const auto it = m_currentModels.find(name);
    return it == m_currentModels.end() ? nullptr : it->second.get();
}

const ModelInfo* ModelRegistry::info(const std::string& name) const {
    if (const auto* m = neuronModel(name))
        return &m->info();
    if (const auto* m = currentSourceModel(name))
        return &m->info();
    if (const auto* m = synapseModel(name))
        return &m->info();
    return nullptr;
}

std::vector<const ModelInfo*> ModelRegistry::all() const {
    std::vector<const ModelInfo*> out;
    for (const auto& [name, m] : m_neuronModels)
        out.push_back(&m->info());
    for (const auto& [name, m] : m_currentModels)
        out.push_back(&m->info());
    for (const auto& [name, m] : m_synapseModels)
        out.push_back(&m->info());
    std::sort(out.begin(), out.end(),
              [](const ModelInfo* a, const ModelInfo* b) { return a->name < b->name; });
    return out;
}

std::string ModelRegistry::origin(const std::string& model) const {
    if (!info(model))
        return {};
    const auto it = m_origins.find(model);
    return it == m_origins.end() ? std::string(builtinOrigin) : it->second;
}

void ModelRegistry::merge(ModelRegistry&& other, const std::string& origin) {
    if (&other == this)
        return;
    std::string clashes;
    std::size_t clashCount = 0;
    for (const ModelInfo* model : other.all()) {
        if (!info(model->name))
            continue;
        clashes += (clashes.empty() ? "\"" : ", \"") + model->name + "\" (" +
                   this->origin(model->name) + ")";
        ++clashCount;
    }
    if (clashCount > 0)
        throw Error((clashCount == 1 ? "model " : "models ") + clashes +
                    (clashCount == 1 ? " is" : " are") + " already registered");

    // Every name is free: build the new origin table first (the only step that allocates),
    // then move the models node by node, which cannot fail.
    std::map<std::string, std::string> origins = m_origins;
    for (const ModelInfo* model : other.all()) {
        const std::string from = origin.empty() ? other.origin(model->name) : origin;
        if (from != builtinOrigin)
            origins[model->name] = from;
    }
    m_neuronModels.merge(other.m_neuronModels);
    m_currentModels.merge(other.m_currentModels);
    m_synapseModels.merge(other.m_synapseModels);
    m_origins.swap(origins);
    other.m_origins.clear();
}

} // namespace plexus::core
