#pragma once

#include <string>
#include <vector>

namespace plexus::app {

/**
 * @brief `plexus-cli figure PROJECT --view V[,V...] --out FILE [--format png|svg|pdf]
 *        [--duration S] [--size-mm WxH] [--dpi N] [--font-pt P] [--columns N] [--no-plugins]`.
 *
 * Runs the project for S seconds (default: the project's duration) in the GUI without showing
 * a window and exports the views as one figure (several views: panels A, B, …) with its
 * provenance sidecar FILE.json. 2-D views use Qt's offscreen platform; the 3-D cortex view
 * needs an X server (a display or xvfb-run, used automatically). `--no-plugins` is passed on:
 * the GUI then loads no model plugins.
 */
class FigureCommand {
public:
    /// Runs with the arguments after `figure`; returns the exit code.
    static int run(const std::vector<std::string>& args);
};

} // namespace plexus::app
