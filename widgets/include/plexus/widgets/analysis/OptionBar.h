#pragma once

#include <QString>

class QDoubleSpinBox;
class QHBoxLayout;
class QSpinBox;
class QWidget;

namespace plexus::widgets {

/**
 * @brief The option rows above the analysis views (Dynamics, Readout, RSA, the panel's
 * selection bar): one row layout and one kind of number field, alike in every view.
 *
 * The number fields report a value only when editing ends (no keyboard tracking), so typing
 * "250" does not start an analysis for "2" and "25" first.
 */
class OptionBar {
public:
    /// A row with the analysis panel's margins (4 px left and right, `top` above and `bottom`
    /// below) and spacing (6 px).
    static QHBoxLayout* row(int top = 0, int bottom = 0);
    /// A field for a real number in [low, high] with `decimals` decimals, an optional prefix
    /// and suffix (units) and a tool tip.
    static QDoubleSpinBox* number(QWidget* parent, double low, double high, double value,
                                  int decimals, const QString& suffix = {}, const QString& tip = {},
                                  const QString& prefix = {});
    /// A field for a whole number in [low, high], with an optional prefix and tool tip.
    static QSpinBox* integer(QWidget* parent, int low, int high, int value,
                             const QString& prefix = {}, const QString& tip = {});
};

} // namespace plexus::widgets
