#pragma once

#include "plexus/analysis/ConditionEpoch.h"
#include "plexus/analysis/SpikeTimes.h"
#include "plexus/core/record/RunRecord.h"

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace plexus::analysis {

/// The spike recordings of a finished run, read from a run archive (`plexus-cli run --h5`,
/// core::RunArchive) or a run folder (`plexus-cli run --out DIR`, RunFolder): the one input of
/// every analysis of a recorded run.
struct RecordedRun {
    std::string path;               ///< the file or folder it was read from
    std::string kind;               ///< "archive" or "run" (folder)
    std::vector<SpikeTimes> spikes; ///< every spike recording, named as ArchiveSpikes names them
    std::set<std::string> stimuli;  ///< names of the recordings of spike sources (the input)
    double durationMs = 0.0;        ///< the run's length (folders without it: the last spike)
    bool durationRecorded = false;  ///< durationMs is the recorded length, not the last spike
    std::optional<core::RunRecord> record; ///< the whole archive (archives only)

    /// True when `path` names a run archive: an existing regular file starting with the HDF5
    /// signature, or a path ending in .h5 / .hdf5 that is not a folder (so that a missing
    /// archive is reported as such by load()).
    static bool isArchivePath(const std::filesystem::path& path);
    /// Read a run archive or a run folder. Throws core::Error naming the path when it is
    /// missing, neither an archive nor a run folder, or holds no spike recording.
    static RecordedRun load(const std::filesystem::path& path);

    /// The recordings that are not stimuli, in order.
    std::vector<SpikeTimes> network() const;
    /// True when the run executed a protocol and recorded its trials (archive /trials).
    bool hasTrials() const { return record && !record->trials.empty(); }
    /// One condition epoch per recorded protocol trial, named after its condition (empty
    /// without trials).
    std::vector<ConditionEpoch> trialEpochs() const;
};

} // namespace plexus::analysis
