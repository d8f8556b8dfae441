#pragma once

#include "plexus/core/record/NamedArray.h"
#include "plexus/core/record/RunRecord.h"

#include <filesystem>
#include <string>
#include <vector>

namespace plexus::core {

/// Reads and writes run archives: one HDF5 file per finished run, readable with h5py. The
/// layout (documented in docs/file-formats.md, "Run archive (HDF5)"):
/// ```
/// /meta                        attrs: format="plexus-run", format_version, plexus_version,
///                              name, seed, dt_ms, duration_ms, threads, project_hash
/// /meta/project_json           the project document (string)
/// /populations/<name>          attrs: size, model, stimulus
///     spikes/{times_ms, neurons}            float64, int32 (attr recorder)
///     state/{t_ms, neurons, <variable>...}  <variable>: samples x neurons float32
///     rate/{t_ms, hz}                       float64 (attr bin_ms)
/// /electrodes/<name>/<array>   2-D arrays, e.g. lfp_uv, mua
/// /analysis/<name>             2-D analysis matrices
/// /trials                      attr conditions (names); only after a run with a protocol
///     {start_ms, end_ms}                    float64, one per trial
///     {condition, trial}                    int32: condition index, number within it
///     label                                 strings
/// ```
/// A second recorder of the same kind on one population goes to `spikes_<recorder>` (state_,
/// rate_). Every failure throws Error with one line naming the file and, where it applies,
/// the group or dataset; the HDF5 library's own error printing is switched off. Calls are
/// serialised internally (the HDF5 library is not thread-safe).
class RunArchive {
public:
    /// Write `record` to `path` (replacing it). The file is written next to the target and
    /// renamed over it, so a failed write leaves an existing file untouched.
    static void write(const RunRecord& record, const std::filesystem::path& path);
    /// Read a run archive. Throws Error for a missing file, a file that is not HDF5, an HDF5
    /// file that is not a Plexus run archive, or a missing or malformed group or dataset.
    static RunRecord read(const std::filesystem::path& path);
    /// Add (or replace) `/analysis/<name>` arrays in an existing archive; creates a new file
    /// holding only /meta and /analysis when `path` does not exist. Throws Error when the
    /// existing file is not a Plexus archive.
    static void writeAnalysis(const std::vector<NamedArray>& arrays,
                              const std::filesystem::path& path);
    /// True when `path` is a file that starts with the HDF5 signature.
    static bool isHdf5File(const std::filesystem::path& path);
    /// Version of the HDF5 library loaded at run time (H5get_libversion), e.g. "1.10.8".
    static std::string libraryVersion();
    /// Current value of the /meta format_version attribute.
    static constexpr int formatVersion = 1;
};

} // namespace plexus::core
