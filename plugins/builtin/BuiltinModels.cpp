#include "plexus/plugins/BuiltinModels.h"

#include "LifCobaModel.h"
#include "LifCubaModel.h"
#include "PoissonSourceModel.h"
#include "SpikeTimesSourceModel.h"
#include "StepCurrentModel.h"

namespace plexus::plugins {

void registerBuiltinModels(core::ModelRegistry& registry)
{
    registry.add(std::make_unique<LifCubaModel>());
    registry.add(std::make_unique<LifCobaModel>());
    registry.add(std::make_unique<PoissonSourceModel>());
    registry.add(std::make_unique<SpikeTimesSourceModel>());
    registry.add(std::make_unique<StepCurrentModel>(false));
    registry.add(std::make_unique<StepCurrentModel>(true));
}

} // namespace plexus::plugins
