#pragma once

#include <QDoubleSpinBox>

namespace plexus::widgets {

/**
 * @brief A QDoubleSpinBox that shows only the decimals a value needs: "200 ms", "12.5 ms",
 * "0.125 ms" instead of "200.000 ms", while it still accepts and keeps decimals() of them.
 */
class CompactSpinBox : public QDoubleSpinBox {
    Q_OBJECT

public:
    explicit CompactSpinBox(QWidget* parent = nullptr);

    /// The value in the locale's format without trailing zeros (and no decimal point when
    /// nothing follows it).
    QString textFromValue(double value) const override;
};

} // namespace plexus::widgets
