#include "plexus/widgets/inspector/ParameterForm.h"

#include "plexus/widgets/inspector/ValueSpecEditor.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFontMetrics>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <algorithm>
#include <cmath>
#include <plexus/core/model/ModelInfo.h>

namespace plexus::widgets {

namespace {

QString format(double value) {
    return QString::number(value, 'g', 12);
}

/// "[0.01, 100000] ms", with open ends for unbounded ranges ("(0, ∞] µm" when the least value
/// itself is excluded).
QString rangeText(double lo, double hi, const QString& unit, bool loExcluded = false) {
    const QString low = lo <= -1e299 ? QStringLiteral("-\u221e") : format(lo);
    const QString high = hi >= 1e299 ? QStringLiteral("\u221e") : format(hi);
    return QStringLiteral("%1%2, %3]%4")
        .arg(loExcluded ? QStringLiteral("(") : QStringLiteral("["), low, high,
             unit.isEmpty() ? QString() : " " + unit);
}

const char* kInvalidProperty = "invalid";

const char* kBaseProperty = "baseBeforeInvalid";

/// Tints an invalid field red (through its palette: unlike a style sheet, that keeps its size).
void markInvalid(QWidget* widget, bool invalid) {
    if (widget == nullptr || widget->property(kInvalidProperty).toBool() == invalid) {
        return;
    }
    widget->setProperty(kInvalidProperty, invalid);
    QPalette palette = widget->palette();
    if (invalid) {
        const QColor base = palette.color(QPalette::Base);
        widget->setProperty(kBaseProperty, base);
        const QColor red(0xd3, 0x2f, 0x2f);
        const qreal mix = 0.22;
        palette.setColor(QPalette::Base,
                         QColor::fromRgbF(base.redF() * (1 - mix) + red.redF() * mix,
                                          base.greenF() * (1 - mix) + red.greenF() * mix,
                                          base.blueF() * (1 - mix) + red.blueF() * mix));
    } else {
        palette.setColor(QPalette::Base, widget->property(kBaseProperty).value<QColor>());
    }
    widget->setPalette(palette);
}

} // namespace

ParameterForm::ParameterForm(QWidget* parent)
    : QWidget(parent)
    , m_grid(new QGridLayout(this)) {
    m_grid->setContentsMargins(8, 8, 8, 8);
    m_grid->setHorizontalSpacing(6);
    m_grid->setVerticalSpacing(1); // the reserved error lines space the rows
    m_grid->setColumnStretch(0, 2);
    m_grid->setColumnStretch(1, 3);
}

void ParameterForm::addSection(const QString& title) {
    auto* label = new QLabel(QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped()), this);
    label->setContentsMargins(0, m_row == 0 ? 0 : 8, 0, 2);
    m_grid->addWidget(label, m_row++, 0, 1, 3);
}

QLabel* ParameterForm::addNote(const QString& text) {
    auto* label = new QLabel(text, this);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_grid->addWidget(label, m_row++, 0, 1, 3);
    return label;
}

int ParameterForm::addRow(const QString& key, const QString& label, QWidget* editor,
                          const QString& unit, const QString& toolTip) {
    editor->setObjectName(key);
    auto* name = new QLabel(label, this);
    name->setWordWrap(true);
    name->setBuddy(editor);
    if (qobject_cast<ValueSpecEditor*>(editor) == nullptr) {
        editor->setMinimumWidth(70); // a value editor keeps room for its kind selector
    }
    editor->setSizePolicy(QSizePolicy::Expanding, editor->sizePolicy().verticalPolicy());
    name->setToolTip(toolTip);
    editor->setToolTip(toolTip);
    const int row = m_row;
    m_grid->addWidget(name, row, 0);
    m_grid->addWidget(editor, row, 1);
    if (!unit.isEmpty()) {
        auto* unitLabel = new QLabel(unit, this);
        unitLabel->setObjectName(QStringLiteral("unit:") + key);
        m_grid->addWidget(unitLabel, row, 2);
    }
    // The error line is always there (empty without an error): showing a message never moves
    // the rows below.
    auto* error = new QLabel(this);
    error->setObjectName(QStringLiteral("error:") + key);
    error->setStyleSheet(QStringLiteral("color: #d32f2f;"));
    QFont small = error->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    error->setFont(small);
    error->setFixedHeight(QFontMetrics(small).height() + 2);
    error->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    error->setTextFormat(Qt::PlainText);
    error->installEventFilter(this);
    m_grid->addWidget(error, row + 1, 0, 1, 3);
    m_row += 2;
    m_fields.insert(key, editor);
    m_errors.insert(key, error);
    m_labels.insert(key, label);
    m_order << key;
    return row;
}

QLineEdit* ParameterForm::addText(const QString& key, const QString& label, const QString& value,
                                  const QString& toolTip) {
    auto* edit = new QLineEdit(value, this);
    edit->setCursorPosition(0); // a long text shows its beginning
    addRow(key, label, edit, QString(), toolTip);
    connect(edit, &QLineEdit::editingFinished, this, [this, key, edit, shown = value] {
        if (edit->text() == shown && error(key).isEmpty()) {
            return;
        }
        if (edit->text() == shown) {
            setError(key, {});
            return;
        }
        Q_EMIT textEdited(key, edit->text());
    });
    return edit;
}

QLineEdit* ParameterForm::addFile(const QString& key, const QString& label, const QString& value,
                                  const QString& filter, const QString& folder,
                                  const QString& toolTip) {
    QLineEdit* edit = addText(key, label, value, toolTip);
    auto* browse = new QPushButton(tr("Browse\u2026"), this);
    browse->setObjectName(QStringLiteral("browse:") + key);
    browse->setToolTip(tr("Choose the file"));
    m_grid->addWidget(browse, m_row - 2, 2);
    connect(browse, &QPushButton::clicked, this, [this, edit, label, filter, folder] {
        const QString start = edit->text().isEmpty()
                                  ? folder
                                  : QDir(folder.isEmpty() ? QDir::currentPath() : folder)
                                        .absoluteFilePath(edit->text());
        const QString chosen = QFileDialog::getOpenFileName(this, label, start, filter);
        if (chosen.isEmpty()) {
            return;
        }
        QString path = chosen;
        if (!folder.isEmpty()) {
            const QString relative = QDir(folder).relativeFilePath(chosen);
            if (!relative.startsWith(QLatin1String(".."))) {
                path = relative;
            }
        }
        edit->setText(path);
        Q_EMIT edit->editingFinished(); // reported like a typed path, once
    });
    return edit;
}

QLineEdit* ParameterForm::addNumber(const QString& key, const Number& number, double value) {
    m_numbers.insert(key, number);
    auto* edit = new QLineEdit(format(value), this);
    QString tip = number.doc;
    tip += QStringLiteral("%1Allowed: %2%3.")
               .arg(tip.isEmpty() ? QString() : QStringLiteral("\n"),
                    rangeText(number.minValue, number.maxValue, number.unit, number.minExclusive),
                    number.integer ? tr(", whole numbers") : QString());
    if (number.defaultValue) {
        tip += tr(" Default: %1%2.")
                   .arg(format(*number.defaultValue),
                        number.unit.isEmpty() ? QString() : " " + number.unit);
    }
    addRow(key, number.label, edit, number.unit, tip);
    edit->setProperty("shown", edit->text());
    connect(edit, &QLineEdit::editingFinished, this,
            [this, key, edit, number] { commitNumber(key, edit, number); });
    return edit;
}

void ParameterForm::commitNumber(const QString& key, QLineEdit* edit, const Number& number) {
    const QString text = edit->text().trimmed();
    if (text == edit->property("shown").toString()) {
        setError(key, {});
        return;
    }
    bool ok = false;
    const double value = QLocale::c().toDouble(text, &ok);
    if (!ok || !std::isfinite(value)) {
        setError(key,
                 text.isEmpty() ? tr("Enter a number.") : tr("\"%1\" is not a number.").arg(text));
        return;
    }
    if (value < number.minValue || (number.minExclusive && value == number.minValue) ||
        value > number.maxValue) {
        setError(key, tr("%1%2 is outside the allowed range %3.")
                          .arg(format(value), number.unit.isEmpty() ? QString() : " " + number.unit,
                               rangeText(number.minValue, number.maxValue, number.unit,
                                         number.minExclusive)));
        return;
    }
    if (number.integer && value != std::floor(value)) {
        setError(key, tr("Must be a whole number (got %1).").arg(format(value)));
        return;
    }
    setError(key, {});
    Q_EMIT numberEdited(key, value);
}

QComboBox* ParameterForm::addChoice(const QString& key, const QString& label,
                                    const QList<Choice>& choices, const QString& current,
                                    const QString& toolTip) {
    auto* box = new QComboBox(this);
    // Long model names must not widen the form: the list shows them in full.
    box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    box->setMinimumContentsLength(8);
    for (const Choice& choice : choices) {
        box->addItem(choice.second, choice.first);
        box->setItemData(box->count() - 1, choice.second, Qt::ToolTipRole);
    }
    int index = box->findData(current);
    if (index < 0 && !current.isEmpty()) {
        box->addItem(current, current);
        index = box->count() - 1;
    }
    box->setCurrentIndex(index);
    addRow(key, label, box, QString(), toolTip);
    connect(box, &QComboBox::activated, this, [this, key, box, current] {
        const QString chosen = box->currentData().toString();
        if (chosen != current) {
            Q_EMIT choiceChanged(key, chosen);
        }
    });
    return box;
}

QCheckBox* ParameterForm::addCheck(const QString& key, const QString& label, bool checked,
                                   const QString& toolTip) {
    auto* box = new QCheckBox(this);
    box->setChecked(checked);
    addRow(key, label, box, QString(), toolTip);
    connect(box, &QCheckBox::toggled, this, [this, key](bool on) { Q_EMIT checkToggled(key, on); });
    return box;
}

QPushButton* ParameterForm::addButton(const QString& key, const QString& label, const QString& text,
                                      const QString& toolTip) {
    auto* button = new QPushButton(text, this);
    addRow(key, label, button, QString(), toolTip);
    button->setSizePolicy(QSizePolicy::Maximum, button->sizePolicy().verticalPolicy());
    connect(button, &QPushButton::clicked, this, [this, key] { Q_EMIT buttonClicked(key); });
    return button;
}

ValueSpecEditor* ParameterForm::addValue(const QString& key, const QString& label,
                                         const QString& unit,
                                         const std::optional<core::ValueSpec>& value,
                                         bool allowDefault, bool nonNegative,
                                         const QString& toolTip) {
    auto* editor = new ValueSpecEditor(unit, allowDefault, nonNegative, this);
    editor->setValue(value);
    addRow(key, label, editor, QString(), toolTip);
    connect(editor, &ValueSpecEditor::edited, this, [this, key](const core::ValueSpec& v) {
        setError(key, {});
        Q_EMIT valueEdited(key, v);
    });
    connect(editor, &ValueSpecEditor::resetToDefault, this, [this, key] {
        setError(key, {});
        Q_EMIT valueReset(key);
    });
    connect(editor, &ValueSpecEditor::invalid, this,
            [this, key](const QString& message) { setError(key, message); });
    return editor;
}

std::optional<ParameterForm::Number> ParameterForm::number(const QString& key) const {
    const auto it = m_numbers.find(key);
    if (it == m_numbers.end()) {
        return std::nullopt;
    }
    return *it;
}

void ParameterForm::addParameters(const QString& prefix, const core::ModelInfo& info,
                                  const std::map<std::string, double>& overrides) {
    for (const auto& descriptor : info.parameters) {
        Number number;
        number.label =
            QString::fromStdString(descriptor.label.empty() ? descriptor.key : descriptor.label);
        number.unit = QString::fromStdString(descriptor.unit);
        number.minValue = descriptor.minValue;
        number.maxValue = descriptor.maxValue;
        number.doc = QStringLiteral("%1 (%2)%3")
                         .arg(number.label, QString::fromStdString(descriptor.key),
                              descriptor.doc.empty()
                                  ? QString()
                                  : QStringLiteral(": ") + QString::fromStdString(descriptor.doc));
        number.defaultValue = descriptor.defaultValue;
        const auto it = overrides.find(descriptor.key);
        const double value = it != overrides.end() ? it->second : descriptor.defaultValue;
        QLineEdit* edit = addNumber(prefix + QString::fromStdString(descriptor.key), number, value);
        if (it == overrides.end()) {
            // Defaults look quieter than values set in the project.
            QPalette palette = edit->palette();
            palette.setColor(QPalette::Text, palette.color(QPalette::PlaceholderText));
            edit->setPalette(palette);
        }
    }
}

void ParameterForm::setError(const QString& key, const QString& message) {
    QLabel* label = m_errors.value(key);
    if (label == nullptr) {
        return;
    }
    m_errorTexts.insert(key, message);
    showErrorText(label, message);
    QWidget* editor = m_fields.value(key);
    if (auto* values = qobject_cast<ValueSpecEditor*>(editor)) {
        markInvalid(values->firstField(), !message.isEmpty());
        markInvalid(values->secondField(), !message.isEmpty());
    } else {
        markInvalid(editor, !message.isEmpty());
    }
}

QString ParameterForm::error(const QString& key) const {
    return m_errorTexts.value(key);
}

void ParameterForm::showErrorText(QLabel* line, const QString& message) const {
    const QString shown =
        line->fontMetrics().elidedText(message, Qt::ElideRight, std::max(1, line->width()));
    line->setText(shown);
    line->setToolTip(shown == message ? QString() : message);
}

bool ParameterForm::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::Resize) {
        for (auto it = m_errors.cbegin(); it != m_errors.cend(); ++it) {
            if (it.value() == watched) {
                showErrorText(it.value(), m_errorTexts.value(it.key()));
                break;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

QStringList ParameterForm::commitPending() {
    const QWidget* focus = QApplication::focusWidget();
    for (const QString& key : std::as_const(m_order)) {
        QWidget* editor = m_fields.value(key);
        if (focus == nullptr || (editor != focus && !editor->isAncestorOf(focus))) {
            continue;
        }
        if (auto* values = qobject_cast<ValueSpecEditor*>(editor)) {
            Q_EMIT values->firstField()->editingFinished();
        } else if (auto* edit = qobject_cast<QLineEdit*>(editor)) {
            Q_EMIT edit->editingFinished();
        }
        break;
    }
    QStringList invalid;
    for (const QString& key : std::as_const(m_order)) {
        if (!m_errorTexts.value(key).isEmpty()) {
            invalid << key;
        }
    }
    return invalid;
}

} // namespace plexus::widgets
