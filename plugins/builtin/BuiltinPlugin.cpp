// The built-in model set as a run-time plugin: the same sources as the static library, exported
// through the plugin entry point (target plexus_builtin_module).

#include "plexus/core/plugin/PluginApi.h"
#include "plexus/plugins/BuiltinModels.h"

namespace {
void registerAll(plexus::core::ModelRegistry* registry) {
    plexus::plugins::registerBuiltinModels(*registry);
}
} // namespace

PLEXUS_DEFINE_PLUGIN("plexus-builtin", "1.0", registerAll)
