#pragma once

#include <filesystem>
#include <string>

namespace plexus::app {

/// Checks, before a long run, that its output can be written where the user asked, so that a
/// bad path fails at once instead of after the simulation. Nothing is created on disk: the
/// checks look at what exists and at its permissions.
class OutputPath {
public:
    /// A file to create or replace (`--h5 RUN.h5`, a figure): not a folder, in an existing
    /// folder that may be written, itself writable when it exists. Throws core::Error
    /// `"<option>: <path>: <reason>"`.
    static void checkFile(const std::filesystem::path& path, const std::string& option);
    /// A folder to write files into (`--out DIR`), created with its missing parents when the
    /// run ends: not an existing file, and its nearest existing ancestor is a folder that may
    /// be written. Throws core::Error `"<option>: <path>: <reason>"`.
    static void checkFolder(const std::filesystem::path& path, const std::string& option);
};

} // namespace plexus::app
