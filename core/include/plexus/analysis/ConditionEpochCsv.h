#pragma once

#include "plexus/analysis/ConditionEpoch.h"

#include <filesystem>
#include <vector>

namespace plexus::analysis {

/// Reads labelled time windows (trials) from a CSV file with the columns start_ms,end_ms,label
/// (a header line is optional; a label may be any text without a comma). Each row is one
/// ConditionEpoch: rows that share a label are repeats of one condition.
class ConditionEpochCsv {
public:
    /// Throws core::Error naming the file and line of a row that is malformed, has a
    /// non-finite bound, an end not after its start or an empty label, and of a file without rows.
    static std::vector<ConditionEpoch> read(const std::filesystem::path& path);
};

} // namespace plexus::analysis
