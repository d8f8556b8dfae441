#pragma once

#include <QPalette>

class QApplication;

namespace plexus::app {

/// The application's light and dark looks: the Fusion style with a matching palette.
class Theme {
public:
    /// The palette of the light (false) or dark (true) theme.
    static QPalette palette(bool dark);
    /// Applies the theme to the whole application.
    static void apply(bool dark);
};

} // namespace plexus::app
