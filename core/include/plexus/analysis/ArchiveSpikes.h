#pragma once

#include "plexus/analysis/SpikeTimes.h"
#include "plexus/core/record/RunRecord.h"

#include <filesystem>
#include <vector>

namespace plexus::analysis {

/// Spike trains of a run archive (core::RunArchive) in the form the analyses consume, so a
/// recorded run can be analysed without simulating it again.
class ArchiveSpikes {
public:
    /// One SpikeTimes per spike recording, in population order. The first recording of a
    /// population is named after the population; further ones "<population>/<recorder>".
    static std::vector<SpikeTimes> fromRecord(const core::RunRecord& record);
    /// fromRecord(core::RunArchive::read(path)). Throws core::Error naming the file.
    static std::vector<SpikeTimes> read(const std::filesystem::path& path);
};

} // namespace plexus::analysis
