#include "FigureCommand.h"

#include "FigureViewCatalog.h"
#include "GuiProcess.h"
#include "OutputPath.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/project/ProjectIo.h"
#include "plexus/core/project/SimulationSpec.h"
#include "plexus/core/project/TrialSchedule.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>

namespace plexus::app {

namespace fs = std::filesystem;
using core::Error;

namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& part : parts)
        out += (out.empty() ? "" : ", ") + part;
    return out;
}

double positiveNumber(const std::string& option, const std::string& text) {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !std::isfinite(v) || !(v > 0.0))
        throw Error(option + ": expected a positive number, got \"" + text + "\"");
    return v;
}

/// Checks --size-mm WIDTHxHEIGHT here, so that the message names the option the user typed.
void checkSize(const std::string& text) {
    const std::size_t x = lower(text).find('x');
    if (x == std::string::npos)
        throw Error("--size-mm: \"" + text + "\" is not WIDTHxHEIGHT in millimetres (85x64)");
    positiveNumber("--size-mm", text.substr(0, x));
    positiveNumber("--size-mm", text.substr(x + 1));
}

/// Checks a whole number of columns from 1 to 12.
void checkColumns(const std::string& text) {
    char* end = nullptr;
    const long v = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || v < 1 || v > 12)
        throw Error("--columns: expected a whole number from 1 to 12, got \"" + text + "\"");
}

} // namespace

int FigureCommand::run(const std::vector<std::string>& args) {
    const std::vector<std::string> known = {"--view",   "--views",    "--out",
                                            "--format", "--duration", "--size-mm",
                                            "--dpi",    "--font-pt",  "--columns"};
    std::map<std::string, std::string> options;
    std::vector<std::string> positional;
    bool noPlugins = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--no-plugins") {
            noPlugins = true;
        } else if (a.rfind("--", 0) == 0) {
            if (std::find(known.begin(), known.end(), a) == known.end())
                throw Error("figure: unknown option \"" + a + "\" (" + joined(known) +
                            ", --no-plugins)");
            if (i + 1 >= args.size())
                throw Error("figure: " + a + " needs a value");
            options[a == "--views" ? "--view" : a] = args[++i];
        } else {
            positional.push_back(a);
        }
    }
    if (positional.size() != 1)
        throw Error("figure: expected one project file (plexus-cli figure PROJECT --view V "
                    "--out FILE)");
    if (!options.count("--out"))
        throw Error("figure: --out FILE is required");
    const fs::path out = options["--out"];
    std::string suffix = lower(out.extension().string());
    if (!suffix.empty())
        suffix.erase(0, 1);
    if (options.count("--format")) {
        const std::string format = lower(options["--format"]);
        if (format != "png" && format != "svg" && format != "pdf")
            throw Error("--format: expected png, svg or pdf, got \"" + options["--format"] + "\"");
        if (suffix != format)
            throw Error("--out: \"" + out.string() + "\" does not end in ." + format);
    } else if (suffix != "png" && suffix != "svg" && suffix != "pdf") {
        throw Error("--out: \"" + out.string() + "\" must end in .png, .svg or .pdf");
    }
    std::vector<std::string> views;
    std::stringstream list(options.count("--view") ? options["--view"] : "raster");
    for (std::string view; std::getline(list, view, ',');) {
        view = lower(view);
        if (FigureViewCatalog::find(view) == nullptr)
            throw Error("--view: unknown view \"" + view + "\" (" + FigureViewCatalog::idList() +
                        ")");
        views.push_back(view);
    }
    if (views.empty())
        throw Error("--view: no view given");
    if (options.count("--size-mm"))
        checkSize(options["--size-mm"]);
    if (options.count("--dpi"))
        positiveNumber("--dpi", options["--dpi"]);
    if (options.count("--font-pt"))
        positiveNumber("--font-pt", options["--font-pt"]);
    if (options.count("--columns"))
        checkColumns(options["--columns"]);

    // Load here first: a bad project gets the same one-line error as `plexus-cli run`.
    const core::ProjectSpec project = core::ProjectIo::load(positional[0]);
    const double duration = options.count("--duration")
                                ? positiveNumber("--duration", options["--duration"])
                                : core::TrialSchedule::runLengthS(project); // as `run` does
    core::SimulationSpec::checkedStepCount(
        duration, project.simulation.dtMs,
        options.count("--duration")
            ? std::string("--duration")
            : positional[0] + (project.protocol ? ": protocol" : ": simulation.duration_s"));
    OutputPath::checkFile(out, "--out");

    std::vector<std::string> gui = {fs::absolute(positional[0]).string(),
                                    "--run-for",
                                    std::to_string(duration),
                                    "--figure",
                                    fs::absolute(out).string(),
                                    "--views",
                                    joined(views),
                                    "--quit"};
    for (const auto& [cli, guiOption] :
         std::vector<std::pair<std::string, std::string>>{{"--size-mm", "--figure-mm"},
                                                          {"--dpi", "--dpi"},
                                                          {"--font-pt", "--font-pt"},
                                                          {"--columns", "--columns"}}) {
        if (options.count(cli)) {
            gui.push_back(guiOption);
            gui.push_back(options[cli]);
        }
    }
    if (noPlugins)
        gui.push_back("--no-plugins");
    // Commas in the view list were joined with ", ": the GUI trims the names.
    const bool needsWindow = std::any_of(views.begin(), views.end(), [](const std::string& view) {
        return FigureViewCatalog::find(view)->needsOpenGl;
    });
    bool reported = false;
    const int status = GuiProcess::run(
        gui, needsWindow ? GuiProcess::Display::Window : GuiProcess::Display::Offscreen, "figure",
        &reported);
    if (status != 0) {
        // The GUI's own line says why; a second line would only repeat that it failed.
        if (!reported)
            std::cerr << "plexus-cli: error: figure: the export failed (exit code " << status
                      << ")\n";
        return 1;
    }
    return 0;
}

} // namespace plexus::app
