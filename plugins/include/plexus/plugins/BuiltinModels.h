#pragma once

#include "plexus/core/plugin/ModelRegistry.h"

namespace plexus::plugins {

/// Register every built-in model (the one plugin-set list of Plexus) into `registry`.
void registerBuiltinModels(core::ModelRegistry& registry);

} // namespace plexus::plugins
