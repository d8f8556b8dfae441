#include "PerturbDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>

namespace plexus::app {

namespace {

QDoubleSpinBox* spinBox(double low, double high, double value, int decimals, const QString& suffix,
                        const QString& name) {
    auto* box = new QDoubleSpinBox;
    box->setObjectName(name);
    box->setRange(low, high);
    box->setDecimals(decimals);
    box->setValue(value);
    box->setSuffix(suffix);
    return box;
}

} // namespace

PerturbDialog::PerturbDialog(const QString& kind, const QString& target,
                             const QStringList& variables, QWidget* parent)
    : QDialog(parent)
    , m_kind(kind)
    , m_target(target) {
    setObjectName(QStringLiteral("perturbDialog"));
    auto* form = new QFormLayout(this);
    const bool neurons = kind == QLatin1String("silence") || kind == QLatin1String("drive") ||
                         kind == QLatin1String("clamp");
    QString title;
    if (kind == QLatin1String("silence")) {
        title = tr("Silence %1").arg(target);
    } else if (kind == QLatin1String("drive")) {
        title = tr("Drive %1").arg(target);
        m_value = spinBox(-1e6, 1e6, 200.0, 3, {}, QStringLiteral("amplitude"));
        m_value->setToolTip(tr("Added to the neurons' current input at every step, in the "
                               "units of the model's step current"));
        form->addRow(tr("Amplitude:"), m_value);
    } else if (kind == QLatin1String("clamp")) {
        title = tr("Clamp %1").arg(target);
        m_variable = new QComboBox;
        m_variable->setObjectName(QStringLiteral("variable"));
        m_variable->addItems(variables);
        form->addRow(tr("State variable:"), m_variable);
        m_value = spinBox(-1e6, 1e6, -70.0, 3, {}, QStringLiteral("value"));
        m_value->setToolTip(tr("The variable is held at this value after every step"));
        form->addRow(tr("Held at:"), m_value);
    } else if (kind == QLatin1String("scale_weights")) {
        title = tr("Scale the weights of %1").arg(target);
        m_value = spinBox(0.0, 1e6, 0.5, 3, {}, QStringLiteral("factor"));
        m_value->setPrefix(QStringLiteral("\u00d7 "));
        form->addRow(tr("Factor:"), m_value);
    } else {
        title = tr("Lesion %1").arg(target);
        m_fraction = spinBox(0.0, 1.0, 0.5, 3, {}, QStringLiteral("fraction"));
        m_fraction->setSingleStep(0.05);
        m_fraction->setToolTip(tr("Share of the projection's synapses removed (chosen at "
                                  "random, seeded by the project seed)"));
        form->addRow(tr("Fraction of synapses:"), m_fraction);
    }
    if (neurons) {
        m_fraction = spinBox(0.0, 1.0, 1.0, 3, {}, QStringLiteral("fraction"));
        m_fraction->setSingleStep(0.1);
        m_fraction->setToolTip(tr("Share of the neurons perturbed, chosen at random (seeded by "
                                  "the project seed); 1 = all"));
        form->addRow(tr("Fraction of neurons:"), m_fraction);
        m_duration = spinBox(0.1, 1e7, defaultDurationMs, 1, tr(" ms"), QStringLiteral("duration"));
        m_duration->setToolTip(tr("The perturbation starts now and lasts this long"));
        form->addRow(tr("Duration:"), m_duration);
    } else {
        auto* note = new QLabel(tr("Changes the weights once, now."));
        note->setForegroundRole(QPalette::PlaceholderText);
        form->addRow(note);
    }
    setWindowTitle(title);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

core::PerturbationSpec PerturbDialog::perturbation() const {
    core::PerturbationSpec p;
    p.kind = m_kind.toStdString();
    p.target = m_target.toStdString();
    if (m_fraction != nullptr && (p.kind == "lesion" || m_fraction->value() < 1.0)) {
        p.fraction = m_fraction->value();
    }
    if (p.kind == "drive") {
        p.amplitude = m_value->value();
    } else if (p.kind == "clamp") {
        p.variable = m_variable->currentText().toStdString();
        p.value = m_value->value();
    } else if (p.kind == "scale_weights") {
        p.factor = m_value->value();
    }
    return p;
}

double PerturbDialog::durationMs() const {
    return m_duration != nullptr ? m_duration->value() : 0.0;
}

} // namespace plexus::app
