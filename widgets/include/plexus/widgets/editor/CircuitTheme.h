#pragma once

#include <QColor>

namespace plexus::widgets {

/// Colours of the circuit editor, in a light and a dark variant.
struct CircuitTheme {
    bool isDark = false;
    QColor background;
    QColor gridMinor;
    QColor gridMajor;
    QColor nodeFill;
    QColor nodeBorder;
    QColor text;
    QColor subtleText;
    QColor selection;
    QColor excitatory;
    QColor inhibitory;
    QColor neutral;
    QColor link;
    QColor labelFill;
    QColor population;
    QColor spikeSource;
    QColor currentSource;
    QColor recorder;
    QColor electrode;
    QColor missing;
    QColor valid;

    /// Colours for a light window palette.
    static CircuitTheme light();
    /// Colours for a dark window palette.
    static CircuitTheme dark();
};

} // namespace plexus::widgets
