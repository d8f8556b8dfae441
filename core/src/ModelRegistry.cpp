#include "plexus/core/ModelRegistry.h"

#include "plexus/core/Error.h"

#include <algorithm>

namespace plexus::core {

void ModelRegistry::checkFree(const std::string& name) const
{
    if (info(name))
        throw Error("model \"" + name + "\" is already registered");
}

void ModelRegistry::add(std::unique_ptr<NeuronModel> model)
{
    const std::string name = model->info().name;
    checkFree(name);
    m_neuronModels.emplace(name, std::move(model));
}

void ModelRegistry::add(std::unique_ptr<CurrentSourceModel> model)
{
    const std::string name = model->info().name;
    checkFree(name);
    m_currentModels.emplace(name, std::move(model));
}

const NeuronModel* ModelRegistry::neuronModel(const std::string& name) const
{
    const auto it = m_neuronModels.find(name);
    return it == m_neuronModels.end() ? nullptr : it->second.get();
}

const CurrentSourceModel* ModelRegistry::currentSourceModel(const std::string& name) const
{
    const auto it = m_currentModels.find(name);
    return it == m_currentModels.end() ? nullptr : it->second.get();
}

const ModelInfo* ModelRegistry::info(const std::string& name) const
{
    if (const auto* m = neuronModel(name))
        return &m->info();
    if (const auto* m = currentSourceModel(name))
        return &m->info();
    return nullptr;
}

std::vector<const ModelInfo*> ModelRegistry::all() const
{
    std::vector<const ModelInfo*> out;
    for (const auto& [name, m] : m_neuronModels)
        out.push_back(&m->info());
    for (const auto& [name, m] : m_currentModels)
        out.push_back(&m->info());
    std::sort(out.begin(), out.end(),
              [](const ModelInfo* a, const ModelInfo* b) { return a->name < b->name; });
    return out;
}

} // namespace plexus::core
