#pragma once

// Core headers before Qt's (see MainWindow.h).
#include "plexus/core/project/PerturbationSpec.h"

#include <QDialog>
#include <QString>
#include <QStringList>

class QComboBox;
class QDoubleSpinBox;

namespace plexus::app {

/**
 * @brief Asks for the values of a live perturbation of @p target ("Perturb now" in the circuit
 * editor), with defaults: silence, drive and clamp last a duration (ms) and act on a fraction
 * of the population's neurons (1 = all); drive adds an amplitude to the `current` input, clamp
 * holds a state variable at a value; scale weights multiplies a projection's weights by a
 * factor, lesion removes a fraction of its synapses.
 */
class PerturbDialog : public QDialog {
    Q_OBJECT

public:
    /// Default duration of a neuron perturbation (ms).
    static constexpr double defaultDurationMs = 200.0;

    /// A dialog for @p kind (silence, drive, clamp, scale_weights, lesion) of @p target;
    /// @p variables are the state variables a clamp may hold (its first is the default).
    PerturbDialog(const QString& kind, const QString& target, const QStringList& variables,
                  QWidget* parent = nullptr);

    /// The perturbation as set (its window is set when it is applied).
    core::PerturbationSpec perturbation() const;
    /// How long a neuron perturbation lasts (ms).
    double durationMs() const;

private:
    QString m_kind;
    QString m_target;
    QDoubleSpinBox* m_duration = nullptr;
    QDoubleSpinBox* m_fraction = nullptr;
    QDoubleSpinBox* m_value = nullptr;
    QComboBox* m_variable = nullptr;
};

} // namespace plexus::app
