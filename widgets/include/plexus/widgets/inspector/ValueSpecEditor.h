#pragma once

#include <QString>
#include <QWidget>
#include <optional>
#include <plexus/core/project/ValueSpec.h>

class QComboBox;
class QLabel;
class QLineEdit;

namespace plexus::widgets {

/**
 * @brief Edits a core::ValueSpec: a constant, a uniform range or a normal distribution.
 *
 * A kind selector and one or two number fields (value; low and high; mean and standard
 * deviation) followed by the unit. Optionally the kind selector offers "default" (no value set,
 * the model's own default applies). Invalid input is not committed: invalid() says why.
 */
class ValueSpecEditor : public QWidget {
    Q_OBJECT

public:
    /**
     * @param unit        shown after the fields
     * @param allowDefault offer "default" (no value) as a kind
     * @param nonNegative refuse negative values (delays)
     */
    ValueSpecEditor(const QString& unit, bool allowDefault, bool nonNegative,
                    QWidget* parent = nullptr);

    /// Shows @p value (nothing: "default").
    void setValue(const std::optional<core::ValueSpec>& value);
    /// The value shown, or nothing for "default" or invalid input.
    std::optional<core::ValueSpec> value() const;
    /// The kind selector (items: "default" when allowed, "constant", "uniform", "normal").
    QComboBox* kindBox() const { return m_kind; }
    /// First number field (value, low bound or mean).
    QLineEdit* firstField() const { return m_a; }
    /// Second number field (high bound or standard deviation).
    QLineEdit* secondField() const { return m_b; }

Q_SIGNALS:
    /// A valid value was entered.
    void edited(const core::ValueSpec& value);
    /// "default" was chosen.
    void resetToDefault();
    /// The input is not a valid value; @p message says why.
    void invalid(const QString& message);

private:
    void updateFields();
    void commit();
    std::optional<core::ValueSpec> parse(QString* error) const;

    QComboBox* m_kind;
    QLineEdit* m_a;
    QLineEdit* m_b;
    QLabel* m_separator;
    QLabel* m_unit;
    bool m_allowDefault;
    bool m_nonNegative;
    QString m_shownA;
    QString m_shownB;
    QString m_shownKind;
};

} // namespace plexus::widgets
