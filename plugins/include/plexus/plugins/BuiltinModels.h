#pragma once

#include "plexus/core/ModelRegistry.h"

namespace plexus::plugins {

/// Register every built-in model (the one plugin-set list of Plexus) into `registry`.
void registerBuiltinModels(core::ModelRegistry& registry);

} // namespace plexus::plugins
