#include "plexus/widgets/experiment/CompactSpinBox.h"

#include <QLocale>

namespace plexus::widgets {

CompactSpinBox::CompactSpinBox(QWidget* parent)
    : QDoubleSpinBox(parent) {}

QString CompactSpinBox::textFromValue(double value) const {
    QString text = locale().toString(value, 'f', decimals());
    const QChar point = locale().decimalPoint().at(0);
    if (text.contains(point)) {
        while (text.endsWith(QLatin1Char('0')))
            text.chop(1);
        if (text.endsWith(point))
            text.chop(1);
    }
    if (!isGroupSeparatorShown())
        text.remove(locale().groupSeparator());
    return text;
}

} // namespace plexus::widgets
