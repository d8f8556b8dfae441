#include "OutputPath.h"

#include "plexus/core/base/Error.h"

#include <system_error>
#include <unistd.h>

namespace plexus::app {

namespace fs = std::filesystem;

namespace {

/// True when the current user may create files in the folder @p dir.
bool writableFolder(const fs::path& dir) {
    return ::access(dir.c_str(), W_OK | X_OK) == 0;
}

} // namespace

void OutputPath::checkFile(const fs::path& path, const std::string& option) {
    auto fail = [&](const std::string& why) {
        throw core::Error(option + ": " + path.string() + ": " + why);
    };
    if (path.empty())
        throw core::Error(option + ": expected a file name");
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (fs::is_directory(status))
        fail("is a folder, not a file");
    const fs::path parent = path.has_parent_path() ? path.parent_path() : fs::path(".");
    if (!fs::exists(parent, ec))
        fail("folder " + parent.string() + " does not exist");
    if (!fs::is_directory(parent, ec))
        fail(parent.string() + " is not a folder");
    if (fs::exists(status)) {
        if (::access(path.c_str(), W_OK) != 0)
            fail("is not writable");
    } else if (!writableFolder(parent)) {
        fail("cannot create files in folder " + parent.string());
    }
}

void OutputPath::checkFolder(const fs::path& path, const std::string& option) {
    auto fail = [&](const std::string& why) {
        throw core::Error(option + ": " + path.string() + ": " + why);
    };
    if (path.empty())
        throw core::Error(option + ": expected a folder name");
    std::error_code ec;
    if (fs::exists(path, ec)) {
        if (!fs::is_directory(path, ec))
            fail("exists and is not a folder");
        if (!writableFolder(path))
            fail("folder is not writable");
        return;
    }
    // The folder is created later, with its missing parents, inside its nearest existing
    // ancestor.
    fs::path ancestor = fs::absolute(path, ec).parent_path();
    while (!ancestor.empty() && !fs::exists(ancestor, ec) && ancestor != ancestor.root_path())
        ancestor = ancestor.parent_path();
    if (!fs::is_directory(ancestor, ec))
        fail(ancestor.string() + " is not a folder");
    if (!writableFolder(ancestor))
        fail("cannot be created: folder " + ancestor.string() + " is not writable");
}

} // namespace plexus::app
