#pragma once

/**
 * @file
 * @brief The entry point of model plugins loaded at run time.
 *
 * A plugin is a shared library that exports one C function, `plexus_plugin_descriptor`,
 * returning a PlexusPluginDescriptor. Plexus checks the descriptor's API version and ABI tag
 * before it calls anything else, so a plugin built for another Plexus or with another
 * compiler is refused with a message instead of crashing.
 *
 * Models cross the boundary as C++ objects (NeuronModel, NeuronGroup, ModelInfo, std::string,
 * std::vector, ...). A plugin therefore has to be built from the headers of the same API
 * version, with the same compiler family and major version and the same standard library ABI
 * as the Plexus that loads it. The host executable exports the core's symbols, so a plugin
 * needs only the headers and links nothing of Plexus.
 *
 * Minimal plugin:
 * @code
 * #include <plexus/core/plugin/PluginApi.h>
 *
 * void registerMyModels(plexus::core::ModelRegistry* registry)
 * {
 *     registry->add(std::make_unique<MyModel>());
 * }
 *
 * PLEXUS_DEFINE_PLUGIN("my-models", "1.0.0", registerMyModels)
 * @endcode
 */

#include <stdint.h>

#ifdef __cplusplus
#include "plexus/core/plugin/ModelRegistry.h"

#include <version>
#endif

/// Version of the plugin interface: the descriptor below and every core type a model uses
/// (ModelRegistry, NeuronModel, NeuronGroup, CurrentSourceModel, CurrentSource, ModelInfo,
/// ParameterSet, GroupSetup, ...). Raised whenever any of them changes incompatibly.
#define PLEXUS_PLUGIN_API_VERSION 1

/// Name of the function every plugin exports.
#define PLEXUS_PLUGIN_DESCRIPTOR_SYMBOL "plexus_plugin_descriptor"

#define PLEXUS_PLUGIN_STRINGIFY_IMPL(x) #x
/// Turns a macro value into a string literal.
#define PLEXUS_PLUGIN_STRINGIFY(x) PLEXUS_PLUGIN_STRINGIFY_IMPL(x)

/// Compiler family and major version, e.g. "gcc-12" or "clang-16".
#if defined(__clang__)
#define PLEXUS_PLUGIN_COMPILER "clang-" PLEXUS_PLUGIN_STRINGIFY(__clang_major__)
#elif defined(__GNUC__)
#define PLEXUS_PLUGIN_COMPILER "gcc-" PLEXUS_PLUGIN_STRINGIFY(__GNUC__)
#elif defined(_MSC_VER)
#define PLEXUS_PLUGIN_COMPILER "msvc-" PLEXUS_PLUGIN_STRINGIFY(_MSC_VER)
#else
#define PLEXUS_PLUGIN_COMPILER "unknown-compiler"
#endif

/// C++ standard library and its ABI, e.g. "libstdc++-cxx11" or "libc++-abi1".
#if defined(_LIBCPP_VERSION)
#define PLEXUS_PLUGIN_STDLIB "libc++-abi" PLEXUS_PLUGIN_STRINGIFY(_LIBCPP_ABI_VERSION)
#elif defined(__GLIBCXX__)
#if _GLIBCXX_USE_CXX11_ABI
#define PLEXUS_PLUGIN_STDLIB_BASE "libstdc++-cxx11"
#else
#define PLEXUS_PLUGIN_STDLIB_BASE "libstdc++-cxx98"
#endif
#if defined(_GLIBCXX_DEBUG)
#define PLEXUS_PLUGIN_STDLIB PLEXUS_PLUGIN_STDLIB_BASE "-debug"
#else
#define PLEXUS_PLUGIN_STDLIB PLEXUS_PLUGIN_STDLIB_BASE
#endif
#else
#define PLEXUS_PLUGIN_STDLIB "unknown-stdlib"
#endif

/// Identity of the C++ ABI a translation unit is compiled for, e.g. "gcc-12/libstdc++-cxx11".
/// A plugin is loaded only when its tag equals the host's.
#define PLEXUS_PLUGIN_ABI_TAG PLEXUS_PLUGIN_COMPILER "/" PLEXUS_PLUGIN_STDLIB

/// Marks a function as exported from a shared library even under -fvisibility=hidden.
#if defined(__GNUC__) || defined(__clang__)
#define PLEXUS_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define PLEXUS_PLUGIN_EXPORT
#endif

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief What a plugin tells the host about itself. The layout of the first field never
 * changes, so the host can always read apiVersion before trusting the rest.
 */
typedef struct PlexusPluginDescriptor {
    uint32_t apiVersion; ///< PLEXUS_PLUGIN_API_VERSION the plugin was built with
    const char* abiTag;  ///< PLEXUS_PLUGIN_ABI_TAG the plugin was built with
    const char* name;    ///< plugin name, e.g. "qif-example"
    const char* version; ///< plugin version, e.g. "1.0.0"
    /// Adds the plugin's models to a `plexus::core::ModelRegistry*`. May throw: the host
    /// catches every exception and then refuses the whole plugin.
    void (*registerModels)(void* registry);
} PlexusPluginDescriptor;

/// Signature of the exported `plexus_plugin_descriptor` function.
typedef const PlexusPluginDescriptor* (*PlexusPluginDescriptorFunction)(void);

#ifdef __cplusplus
} // extern "C"
#endif

/**
 * @brief Defines the exported `plexus_plugin_descriptor` function of a plugin.
 *
 * Use once per plugin, at global scope, in one source file.
 * @param name      plugin name (string literal)
 * @param version   plugin version (string literal)
 * @param function  `void function(plexus::core::ModelRegistry* registry)` that registers the
 *                  plugin's models with `registry->add(std::make_unique<...>())`
 */
#define PLEXUS_DEFINE_PLUGIN(name, version, function)                                              \
    namespace {                                                                                    \
    void plexusPluginRegisterModels(void* registry) {                                              \
        function(static_cast<::plexus::core::ModelRegistry*>(registry));                           \
    }                                                                                              \
    }                                                                                              \
    extern "C" PLEXUS_PLUGIN_EXPORT const PlexusPluginDescriptor* plexus_plugin_descriptor(void) { \
        static const PlexusPluginDescriptor descriptor = {PLEXUS_PLUGIN_API_VERSION,               \
                                                          PLEXUS_PLUGIN_ABI_TAG, name, version,    \
                                                          &plexusPluginRegisterModels};            \
        return &descriptor;                                                                        \
    }
