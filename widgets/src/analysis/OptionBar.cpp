#include "plexus/widgets/analysis/OptionBar.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QSpinBox>

namespace plexus::widgets {

QHBoxLayout* OptionBar::row(int top, int bottom) {
    auto* layout = new QHBoxLayout;
    layout->setContentsMargins(4, top, 4, bottom);
    layout->setSpacing(6);
    return layout;
}

QDoubleSpinBox* OptionBar::number(QWidget* parent, double low, double high, double value,
                                  int decimals, const QString& suffix, const QString& tip,
                                  const QString& prefix) {
    auto* box = new QDoubleSpinBox(parent);
    box->setRange(low, high);
    box->setDecimals(decimals);
    box->setValue(value);
    box->setPrefix(prefix);
    box->setSuffix(suffix);
    box->setToolTip(tip);
    box->setKeyboardTracking(false);
    return box;
}

QSpinBox* OptionBar::integer(QWidget* parent, int low, int high, int value, const QString& prefix,
                             const QString& tip) {
    auto* box = new QSpinBox(parent);
    box->setRange(low, high);
    box->setValue(value);
    box->setPrefix(prefix);
    box->setToolTip(tip);
    box->setKeyboardTracking(false);
    return box;
}

} // namespace plexus::widgets
