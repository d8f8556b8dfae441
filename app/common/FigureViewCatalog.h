#pragma once

#include <string>
#include <vector>

namespace plexus::app {

/**
 * @brief The views a figure can show, as both executables know them (no Qt): `plexus-cli
 *        figure` checks names and chooses the display from it, the GUI shows the right panel
 *        before exporting.
 */
class FigureViewCatalog {
public:
    /// One view.
    struct View {
        std::string id;           ///< name on the command line and in provenance, e.g. "raster"
        std::string panel;        ///< the GUI panel that computes it: plots, 3d or analysis
        bool needsOpenGl = false; ///< drawn by VTK: needs a real window (X display or Xvfb)
    };

    /// Every view, in menu order.
    static const std::vector<View>& views();
    /// The view called @p id, or nullptr.
    static const View* find(const std::string& id);
    /// "raster, membrane, ..." for messages.
    static std::string idList();
};

} // namespace plexus::app
