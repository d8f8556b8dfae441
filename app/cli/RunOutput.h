#pragma once

#include "plexus/core/engine/Network.h"

#include <filesystem>

namespace plexus::app {

/// Writes what a run recorded into a folder:
/// - `spikes_<population>.csv`: `time_ms,neuron` per spike;
/// - `spikes.bin`: every spike recorder in one compact binary file (layout in
/// docs/file-formats.md);
/// - `state_<recorder>.csv`: `time_ms` then one column per variable and neuron;
/// - `rate_<recorder>.csv`: `time_ms,rate_hz` per bin.
class RunOutput {
public:
    /// Write all recorders of `network`. Throws core::Error when the folder cannot be written.
    static void write(const core::Network& network, const std::filesystem::path& dir);
};

} // namespace plexus::app
