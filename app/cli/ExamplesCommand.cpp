#include "ExamplesCommand.h"

#include "InstallLayout.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/project/ProjectIo.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <system_error>

namespace plexus::app {

namespace fs = std::filesystem;
using core::Error;

int ExamplesCommand::run(const std::vector<std::string>& args) {
    bool json = false;
    for (const std::string& arg : args) {
        if (arg == "--json")
            json = true;
        else
            throw Error("examples: unknown argument \"" + arg +
                        "\" (usage: plexus-cli examples "
                        "[--json])");
    }
    const fs::path folder = InstallLayout::examplesFolder();
    std::error_code ec;
    if (folder.empty() || !fs::is_directory(folder, ec))
        throw Error("examples: no examples folder next to this plexus-cli (an installation keeps "
                    "them in <prefix>/share/plexus/examples)");
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder, ec))
        if (entry.path().extension() == ".json")
            files.push_back(entry.path());
    if (ec)
        throw Error(folder.string() + ": cannot be listed: " + ec.message());
    std::sort(files.begin(), files.end());

    int status = 0;
    nlohmann::json list = nlohmann::json::array();
    for (const fs::path& file : files) {
        nlohmann::json item = {{"id", file.stem().string()}, {"path", file.string()}};
        try {
            const core::ProjectSpec project = core::ProjectIo::load(file.string());
            item["name"] = project.name.empty() ? file.stem().string() : project.name;
            item["description"] = project.description;
        } catch (const Error& e) {
            item["error"] = e.what();
            status = 1;
        }
        list.push_back(std::move(item));
    }
    if (json) {
        std::cout << nlohmann::json{{"folder", folder.string()}, {"examples", list}}.dump(2)
                  << std::endl;
        return status;
    }
    std::cout << "Examples in " << folder.string() << " (plexus-cli run FILE runs one):\n";
    std::size_t width = 0;
    for (const auto& item : list)
        width = std::max(width, item["id"].get<std::string>().size());
    for (const auto& item : list) {
        const std::string id = item["id"];
        std::cout << "  " << id << std::string(width + 2 - id.size(), ' ');
        if (item.contains("error"))
            std::cout << "cannot be read: " << item["error"].get<std::string>() << "\n";
        else
            std::cout << item["name"].get<std::string>() << "  " << item["path"].get<std::string>()
                      << "\n";
    }
    if (list.empty())
        std::cout << "  (none)\n";
    return status;
}

} // namespace plexus::app
