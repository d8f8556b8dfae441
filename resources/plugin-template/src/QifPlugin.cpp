// Entry point of the example plugin: registers its one model, qif_example.

#include "QifModel.h"

#include <memory>
#include <plexus/core/plugin/PluginApi.h>

namespace {

/// Called by Plexus once per registry it fills. Every model of the plugin is added here; if
/// anything throws, Plexus refuses the whole plugin.
void registerQifModels(plexus::core::ModelRegistry* registry) {
    registry->add(std::make_unique<plexus::examples::QifModel>());
}

} // namespace

PLEXUS_DEFINE_PLUGIN("qif-example", "1.0.0", registerQifModels)
