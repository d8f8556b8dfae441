#include "plexus/plugins/BuiltinModels.h"

#include "ActiveDendriteModel.h"
#include "AdexModel.h"
#include "AstroStdpModel.h"
#include "AstrocyteModel.h"
#include "CouplingModel.h"
#include "DelayLearningModel.h"
#include "HhModel.h"
#include "HomeostaticModel.h"
#include "IzhikevichModel.h"
#include "LifAlphaModel.h"
#include "LifCobaModel.h"
#include "LifCubaModel.h"
#include "MemoryNeuronModel.h"
#include "NoiseCurrentModel.h"
#include "OjaModel.h"
#include "PoissonInhomogeneousModel.h"
#include "PoissonSourceModel.h"
#include "RateTanhModel.h"
#include "SineCurrentModel.h"
#include "SpikeTimesSourceModel.h"
#include "StdpModel.h"
#include "StdpSymmetricModel.h"
#include "StdpTripletModel.h"
#include "StepCurrentModel.h"
#include "ThreeFactorModel.h"
#include "TsodyksMarkramModel.h"
#include "TwoCompartmentModel.h"
#include "WilsonCowanModel.h"

namespace plexus::plugins {

void registerBuiltinModels(core::ModelRegistry& registry) {
    registry.add(std::make_unique<LifCubaModel>());
    registry.add(std::make_unique<LifCobaModel>());
    registry.add(std::make_unique<PoissonSourceModel>());
    registry.add(std::make_unique<SpikeTimesSourceModel>());
    registry.add(std::make_unique<StepCurrentModel>(false));
    registry.add(std::make_unique<StepCurrentModel>(true));
    registry.add(std::make_unique<StdpModel>());
    registry.add(std::make_unique<CouplingModel>(core::Coupling::Gap));
    registry.add(std::make_unique<CouplingModel>(core::Coupling::Rate));
    registry.add(std::make_unique<RateTanhModel>());
    registry.add(std::make_unique<ActiveDendriteModel>());
    registry.add(std::make_unique<AstrocyteModel>());
    registry.add(std::make_unique<LifAlphaModel>(false));
    registry.add(std::make_unique<LifAlphaModel>(true));
    registry.add(std::make_unique<DelayLearningModel>());
    registry.add(std::make_unique<WilsonCowanModel>());
    registry.add(std::make_unique<TsodyksMarkramModel>());
    registry.add(std::make_unique<HhModel>());
    registry.add(std::make_unique<IzhikevichModel>());
    registry.add(std::make_unique<AdexModel>());
    registry.add(std::make_unique<PoissonInhomogeneousModel>());
    registry.add(std::make_unique<SineCurrentModel>());
    registry.add(std::make_unique<NoiseCurrentModel>());
    registry.add(std::make_unique<TwoCompartmentModel>());
    registry.add(std::make_unique<MemoryNeuronModel>());
    registry.add(std::make_unique<StdpTripletModel>());
    registry.add(std::make_unique<StdpSymmetricModel>());
    registry.add(std::make_unique<ThreeFactorModel>());
    registry.add(std::make_unique<HomeostaticModel>());
    registry.add(std::make_unique<OjaModel>());
    registry.add(std::make_unique<AstroStdpModel>());
}

} // namespace plexus::plugins
