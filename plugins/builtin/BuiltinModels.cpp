#include "plexus/plugins/BuiltinModels.h"

#include "LifCobaModel.h"
#include "LifCubaModel.h"
#include "PoissonSourceModel.h"
#include "SpikeTimesSourceModel.h"
#include "StdpModel.h"
#include "StepCurrentModel.h"
#include "TsodyksMarkramModel.h"
#include "HhModel.h"
#include "IzhikevichModel.h"
#include "AdexModel.h"

namespace plexus::plugins {

void registerBuiltinModels(core::ModelRegistry& registry)
{
    registry.add(std::make_unique<LifCubaModel>());
    registry.add(std::make_unique<LifCobaModel>());
    registry.add(std::make_unique<PoissonSourceModel>());
    registry.add(std::make_unique<SpikeTimesSourceModel>());
    registry.add(std::make_unique<StepCurrentModel>(false));
    registry.add(std::make_unique<StepCurrentModel>(true));
    registry.add(std::make_unique<StdpModel>());
    registry.add(std::make_unique<TsodyksMarkramModel>());
    registry.add(std::make_unique<HhModel>());
    registry.add(std::make_unique<IzhikevichModel>());
    registry.add(std::make_unique<AdexModel>());
}

} // namespace plexus::plugins
