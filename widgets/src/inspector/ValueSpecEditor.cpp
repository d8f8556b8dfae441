#include "plexus/widgets/inspector/ValueSpecEditor.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <cmath>

namespace plexus::widgets {

namespace {

QString format(double value) {
    return QString::number(value, 'g', 12);
}

QString kindKey(core::ValueSpec::Kind kind) {
    switch (kind) {
    case core::ValueSpec::Kind::Constant:
        return QStringLiteral("constant");
    case core::ValueSpec::Kind::Uniform:
        return QStringLiteral("uniform");
    case core::ValueSpec::Kind::Normal:
        return QStringLiteral("normal");
    }
    return QStringLiteral("constant");
}

} // namespace

ValueSpecEditor::ValueSpecEditor(const QString& unit, bool allowDefault, bool nonNegative,
                                 QWidget* parent)
    : QWidget(parent)
    , m_kind(new QComboBox(this))
    , m_a(new QLineEdit(this))
    , m_b(new QLineEdit(this))
    , m_separator(new QLabel(this))
    , m_unit(new QLabel(unit, this))
    , m_allowDefault(allowDefault)
    , m_nonNegative(nonNegative) {
    if (allowDefault) {
        m_kind->addItem(tr("default"), QStringLiteral("default"));
    }
    m_kind->addItem(tr("constant"), QStringLiteral("constant"));
    m_kind->addItem(tr("uniform"), QStringLiteral("uniform"));
    m_kind->addItem(tr("normal"), QStringLiteral("normal"));
    m_kind->setObjectName(QStringLiteral("kind"));
    m_a->setObjectName(QStringLiteral("a"));
    m_b->setObjectName(QStringLiteral("b"));
    m_a->setMinimumWidth(40);
    m_b->setMinimumWidth(40);
    m_kind->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_kind->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_kind);
    layout->addWidget(m_a, 1);
    layout->addWidget(m_separator);
    layout->addWidget(m_b, 1);
    layout->addWidget(m_unit);
    connect(m_kind, &QComboBox::activated, this, [this] {
        updateFields();
        commit();
    });
    connect(m_a, &QLineEdit::editingFinished, this, &ValueSpecEditor::commit);
    connect(m_b, &QLineEdit::editingFinished, this, &ValueSpecEditor::commit);
    setValue(std::nullopt);
}

void ValueSpecEditor::setValue(const std::optional<core::ValueSpec>& value) {
    if (!value) {
        m_kind->setCurrentIndex(m_kind->findData(m_allowDefault ? QStringLiteral("default")
                                                                : QStringLiteral("constant")));
        m_a->clear();
        m_b->clear();
    } else {
        m_kind->setCurrentIndex(m_kind->findData(kindKey(value->kind)));
        m_a->setText(format(value->a));
        m_b->setText(value->kind == core::ValueSpec::Kind::Constant ? QString() : format(value->b));
    }
    m_shownKind = m_kind->currentData().toString();
    m_shownA = m_a->text();
    m_shownB = m_b->text();
    updateFields();
}

void ValueSpecEditor::updateFields() {
    const QString kind = m_kind->currentData().toString();
    const bool isDefault = kind == QLatin1String("default");
    const bool two = kind == QLatin1String("uniform") || kind == QLatin1String("normal");
    m_a->setEnabled(!isDefault);
    m_a->setPlaceholderText(isDefault                          ? tr("model default")
                            : kind == QLatin1String("uniform") ? tr("low")
                            : kind == QLatin1String("normal")  ? tr("mean")
                                                               : tr("value"));
    m_b->setVisible(two);
    m_separator->setVisible(two);
    m_separator->setText(kind == QLatin1String("normal") ? QStringLiteral("\u00b1")
                                                         : QStringLiteral("\u2013"));
    m_b->setPlaceholderText(kind == QLatin1String("normal") ? tr("sd") : tr("high"));
    m_a->setToolTip(m_a->placeholderText());
    m_b->setToolTip(m_b->placeholderText());
}

std::optional<core::ValueSpec> ValueSpecEditor::parse(QString* error) const {
    const QString kind = m_kind->currentData().toString();
    const QLocale c = QLocale::c();
    auto number = [&](QLineEdit* field, const QString& what, double& out) {
        bool ok = false;
        out = c.toDouble(field->text().trimmed(), &ok);
        if (!ok || !std::isfinite(out)) {
            *error = field->text().trimmed().isEmpty()
                         ? tr("%1: enter a number").arg(what)
                         : tr("%1: \"%2\" is not a number").arg(what, field->text().trimmed());
            return false;
        }
        return true;
    };
    double a = 0.0;
    double b = 0.0;
    if (kind == QLatin1String("constant")) {
        if (!number(m_a, tr("value"), a)) {
            return std::nullopt;
        }
        if (m_nonNegative && a < 0.0) {
            *error = tr("value: must be >= 0 (got %1)").arg(format(a));
            return std::nullopt;
        }
        return core::ValueSpec::constant(a);
    }
    if (kind == QLatin1String("uniform")) {
        if (!number(m_a, tr("low"), a) || !number(m_b, tr("high"), b)) {
            return std::nullopt;
        }
        if (b < a) {
            *error = tr("high (%1) must not be below low (%2)").arg(format(b), format(a));
            return std::nullopt;
        }
        if (m_nonNegative && a < 0.0) {
            *error = tr("low: must be >= 0 (got %1)").arg(format(a));
            return std::nullopt;
        }
        return core::ValueSpec::uniform(a, b);
    }
    if (!number(m_a, tr("mean"), a) || !number(m_b, tr("sd"), b)) {
        return std::nullopt;
    }
    if (b < 0.0) {
        *error = tr("sd: the standard deviation must be >= 0 (got %1)").arg(format(b));
        return std::nullopt;
    }
    if (m_nonNegative && a < 0.0) {
        *error = tr("mean: must be >= 0 (got %1)").arg(format(a));
        return std::nullopt;
    }
    return core::ValueSpec::normal(a, b);
}

std::optional<core::ValueSpec> ValueSpecEditor::value() const {
    if (m_kind->currentData().toString() == QLatin1String("default")) {
        return std::nullopt;
    }
    QString error;
    return parse(&error);
}

void ValueSpecEditor::commit() {
    const QString kind = m_kind->currentData().toString();
    if (kind == m_shownKind && m_a->text() == m_shownA && m_b->text() == m_shownB) {
        return; // nothing changed (focus merely left a field)
    }
    if (kind == QLatin1String("default")) {
        m_shownKind = kind;
        Q_EMIT resetToDefault();
        return;
    }
    // A new kind starts from the old value: fill in what is missing before checking.
    if (kind != m_shownKind) {
        if (m_a->text().trimmed().isEmpty()) {
            m_a->setText(QStringLiteral("0"));
        }
        if (kind != QLatin1String("constant") && m_b->text().trimmed().isEmpty()) {
            m_b->setText(kind == QLatin1String("uniform") ? m_a->text() : QStringLiteral("0"));
        }
    }
    QString error;
    const auto parsed = parse(&error);
    if (!parsed) {
        Q_EMIT invalid(error);
        return;
    }
    m_shownKind = kind;
    m_shownA = m_a->text();
    m_shownB = m_b->text();
    Q_EMIT edited(*parsed);
}

} // namespace plexus::widgets
