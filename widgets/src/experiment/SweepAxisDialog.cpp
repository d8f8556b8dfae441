#include "plexus/widgets/experiment/SweepAxisDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <plexus/core/base/Error.h>
#include <plexus/core/project/SweepSpec.h>

namespace plexus::widgets {

namespace {

QString number(double value) {
    return QString::number(value, 'g', 12);
}

} // namespace

SweepAxisDialog::SweepAxisDialog(const SweepTarget& target, QWidget* parent)
    : QDialog(parent)
    , m_target(target) {
    setWindowTitle(tr("Sweep %1").arg(target.label.isEmpty() ? target.path : target.label));
    auto* layout = new QVBoxLayout(this);
    auto* heading = new QLabel(tr("<b>%1</b><br><small>%2, now %3 %4</small>")
                                   .arg(target.path.toHtmlEscaped(), target.label.toHtmlEscaped(),
                                        number(target.value), target.unit.toHtmlEscaped()),
                               this);
    heading->setObjectName(QStringLiteral("sweepHeading"));
    layout->addWidget(heading);
    auto* form = new QFormLayout;
    m_mode = new QComboBox(this);
    m_mode->setObjectName(QStringLiteral("sweepMode"));
    m_mode->addItem(tr("Linear: start to stop"), QStringLiteral("linear"));
    m_mode->addItem(tr("Logarithmic: start to stop"), QStringLiteral("log"));
    m_mode->addItem(tr("List of values"), QStringLiteral("list"));
    form->addRow(tr("Values"), m_mode);
    m_start = new QLineEdit(this);
    m_start->setObjectName(QStringLiteral("sweepStart"));
    m_stop = new QLineEdit(this);
    m_stop->setObjectName(QStringLiteral("sweepStop"));
    m_points = new QSpinBox(this);
    m_points->setObjectName(QStringLiteral("sweepPoints"));
    m_points->setRange(1, 10000);
    m_list = new QLineEdit(this);
    m_list->setObjectName(QStringLiteral("sweepList"));
    m_list->setPlaceholderText(tr("e.g. 1, 2, 5, 10"));
    form->addRow(tr("Start"), m_start);
    form->addRow(tr("Stop"), m_stop);
    form->addRow(tr("Points"), m_points);
    form->addRow(tr("List"), m_list);
    layout->addLayout(form);
    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("sweepPreview"));
    m_preview->setWordWrap(true);
    layout->addWidget(m_preview);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("sweepError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    layout->addWidget(m_error);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SweepAxisDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SweepAxisDialog::reject);
    layout->addWidget(buttons);

    // Half to one and a half times the value, within the allowed range.
    double start = target.value * 0.5;
    double stop = target.value * 1.5;
    if (target.value == 0.0) {
        start = -1.0;
        stop = 1.0;
    } else if (start > stop) {
        std::swap(start, stop);
    }
    start = std::clamp(start, target.minValue, target.maxValue);
    stop = std::clamp(stop, target.minValue, target.maxValue);
    if (target.integer) {
        start = std::ceil(start);
        stop = std::floor(stop);
        if (stop <= start) {
            stop = std::min(start + 4.0, target.maxValue);
        }
    }
    setRange(start, stop, 5);
    m_list->setText(number(target.value));
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] { updateFields(); });
    for (QLineEdit* edit : {m_start, m_stop, m_list}) {
        connect(edit, &QLineEdit::textChanged, this, [this] { updateFields(); });
    }
    connect(m_points, &QSpinBox::valueChanged, this, [this] { updateFields(); });
    updateFields();
    setMinimumWidth(420);
}

void SweepAxisDialog::setMode(Mode mode) {
    m_mode->setCurrentIndex(static_cast<int>(mode));
}

void SweepAxisDialog::setRange(double start, double stop, int points) {
    m_start->setText(number(start));
    m_stop->setText(number(stop));
    m_points->setValue(points);
}

void SweepAxisDialog::setList(const QString& values) {
    m_list->setText(values);
}

QString SweepAxisDialog::spec() const {
    const QString mode = m_mode->currentData().toString();
    if (mode == QLatin1String("list")) {
        QStringList parts =
            m_list->text().split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
        return parts.join(QLatin1Char(','));
    }
    const QString range = QStringLiteral("%1:%2:%3")
                              .arg(m_start->text().trimmed(), m_stop->text().trimmed())
                              .arg(m_points->value());
    return mode == QLatin1String("log") ? QStringLiteral("log:") + range : range;
}

std::vector<double> SweepAxisDialog::values(QString* error) const {
    try {
        const core::SweepSpec::Axis axis = core::SweepSpec::parseAxis(
            (m_target.path + QLatin1Char('=') + spec()).toStdString(), 1, 0);
        for (const double value : axis.values) {
            if (value < m_target.minValue || value > m_target.maxValue) {
                throw core::Error(
                    QStringLiteral("%1 is outside the allowed range [%2, %3]")
                        .arg(number(value), number(m_target.minValue), number(m_target.maxValue))
                        .toStdString());
            }
            if (m_target.integer && value != std::floor(value)) {
                throw core::Error(
                    QStringLiteral("%1 is not a whole number").arg(number(value)).toStdString());
            }
        }
        return axis.values;
    } catch (const std::exception& e) {
        if (error != nullptr) {
            *error = QString::fromStdString(e.what());
        }
        return {};
    }
}

void SweepAxisDialog::accept() {
    QString error;
    if (values(&error).empty()) {
        m_error->setText(error);
        return;
    }
    QDialog::accept();
}

void SweepAxisDialog::updateFields() {
    const bool list = m_mode->currentData().toString() == QLatin1String("list");
    m_start->setEnabled(!list);
    m_stop->setEnabled(!list);
    m_points->setEnabled(!list);
    m_list->setEnabled(list);
    QString error;
    const std::vector<double> shown = values(&error);
    m_error->setText(error);
    QStringList parts;
    for (std::size_t i = 0; i < shown.size() && i < 8; ++i) {
        parts << number(shown[i]);
    }
    if (shown.size() > 8) {
        parts << QStringLiteral("…");
    }
    const QString count = shown.size() == 1 ? tr("1 value") : tr("%1 values").arg(shown.size());
    m_preview->setText(shown.empty()
                           ? QString()
                           : QStringLiteral("%1: %2").arg(count, parts.join(QStringLiteral(", "))));
}

} // namespace plexus::widgets
