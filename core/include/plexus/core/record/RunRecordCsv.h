#pragma once

#include "plexus/core/record/RunRecord.h"

#include <filesystem>

namespace plexus::core {

/**
 * @brief Writes a run record as CSV files in a folder (the CSV counterpart of RunArchive).
 *
 * Files (layout in docs/file-formats.md, "Run data as CSV"):
 * - `spikes_<population>.csv`: `time_ms,neuron`, one row per spike;
 * - `state_<population>_<recorder>.csv`: `time_ms`, then `<variable>[<neuron>]` columns;
 * - `rate_<population>.csv`: `time_ms,rate_hz` per bin (bin start);
 * - `electrode_<electrode>_<array>.csv`: `time_ms` (when the electrode has a `t_ms` array of
 *   the same length), then one column per contact (the array's column labels), e.g.
 *   `electrode_probe_lfp_uv.csv`;
 * - `analysis_<name>.csv`: the matrix with its row and column labels.
 * A population's second recorder of a kind adds `_<recorder>` to the file name. Non-finite
 * values are written as `nan`.
 */
class RunRecordCsv {
public:
    /// Writes @p record into @p folder (created if missing); throws core::Error naming the
    /// file that cannot be written.
    static void write(const RunRecord& record, const std::filesystem::path& folder);
};

} // namespace plexus::core
