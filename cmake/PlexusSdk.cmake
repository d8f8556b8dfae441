# The plugin SDK: installed headers of the plugin API and the CMake package
# (find_package(Plexus CONFIG) -> Plexus::PluginApi).
