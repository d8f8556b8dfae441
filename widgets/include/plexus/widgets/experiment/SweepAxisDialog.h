#pragma once

#include "plexus/widgets/inspector/SweepTarget.h"

#include <QDialog>
#include <QString>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace plexus::widgets {

/**
 * @brief Asks for the values of one sweep axis: START to STOP in N points, linear or in log10,
 *        or a list of values.
 *
 * Opened for a SweepTarget, it is prefilled around the parameter's value (half to one and a
 * half times it, within the allowed range; whole numbers for integer fields). spec() is the
 * axis' SPEC as `plexus-cli sweep --param PATH=SPEC` and core::SweepSpec read it
 * (`START:STOP:N`, `log:START:STOP:N` or `a,b,c`). OK is refused, with the reason shown in the
 * dialog, when the SPEC is malformed or a value is outside the allowed range.
 */
class SweepAxisDialog : public QDialog {
    Q_OBJECT

public:
    /// How the values are given.
    enum class Mode { Linear, Log, List };

    /// A dialog for @p target, prefilled around its value.
    explicit SweepAxisDialog(const SweepTarget& target, QWidget* parent = nullptr);

    /// The parameter swept.
    const SweepTarget& target() const { return m_target; }
    /// Chooses how the values are given.
    void setMode(Mode mode);
    /// Sets start, stop and number of points (linear and log modes).
    void setRange(double start, double stop, int points);
    /// Sets the list of values (list mode), e.g. "1, 2, 5".
    void setList(const QString& values);
    /// The SPEC of the axis as entered (not checked).
    QString spec() const;
    /// The values of spec(); empty with the reason in @p error when it is not valid for the
    /// parameter.
    std::vector<double> values(QString* error = nullptr) const;

    void accept() override;

private:
    void updateFields();

    SweepTarget m_target;
    QComboBox* m_mode;
    QLineEdit* m_start;
    QLineEdit* m_stop;
    QSpinBox* m_points;
    QLineEdit* m_list;
    QLabel* m_error;
    QLabel* m_preview;
};

} // namespace plexus::widgets
