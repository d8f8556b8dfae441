#pragma once

#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QWidget>
#include <map>
#include <optional>
#include <plexus/core/project/ValueSpec.h>
#include <string>

class QCheckBox;
class QComboBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace plexus::core {
struct ModelInfo;
} // namespace plexus::core

namespace plexus::widgets {

class ValueSpecEditor;

/**
 * @brief A form of labelled fields, each with a unit, a tooltip and an inline error line.
 *
 * Fields are identified by a key (which is also the editor widget's object name). Number fields
 * know their range: input that is not a number, not finite, out of range or not whole (where
 * whole numbers are required) is refused — nothing is emitted — and the reason is shown under
 * the field. Other checks happen in the caller, which shows its verdict with setError().
 * A field only reports an edit when its text really changed, so leaving a field untouched
 * never produces an edit.
 *
 * The line under every field is reserved, so an error appearing or going never moves the
 * fields below it (a message too long for the line is elided; its tooltip has it whole).
 */
class ParameterForm : public QWidget {
    Q_OBJECT

public:
    /// Describes a number field.
    struct Number {
        QString label;
        QString unit;
        double minValue = -1e300;
        double maxValue = 1e300;
        bool integer = false;
        QString doc;
        std::optional<double> defaultValue;
        bool minExclusive = false; ///< minValue itself is not allowed (e.g. a length > 0)
    };

    /// A choice of a combo box: stored data and shown text.
    using Choice = QPair<QString, QString>;

    explicit ParameterForm(QWidget* parent = nullptr);

    /// A bold section title.
    void addSection(const QString& title);
    /// A line of read-only text (rich text allowed).
    QLabel* addNote(const QString& text);
    /// A text field; textEdited() reports changes.
    QLineEdit* addText(const QString& key, const QString& label, const QString& value,
                       const QString& toolTip = {});
    /**
     * @brief A file field: a text field with a "Browse..." button (object name
     *        `browse:` + key) beside it; textEdited() reports a typed or chosen path.
     *
     * A file chosen with the button inside @p folder is given relative to it (as project files
     * store it); others are absolute. @p filter is a QFileDialog name filter.
     */
    QLineEdit* addFile(const QString& key, const QString& label, const QString& value,
                       const QString& filter, const QString& folder, const QString& toolTip = {});
    /// A number field; numberEdited() reports valid changes.
    QLineEdit* addNumber(const QString& key, const Number& number, double value);
    /// A drop-down; choiceChanged() reports the chosen data.
    QComboBox* addChoice(const QString& key, const QString& label, const QList<Choice>& choices,
                         const QString& current, const QString& toolTip = {});
    /// A check box; checkToggled() reports changes.
    QCheckBox* addCheck(const QString& key, const QString& label, bool checked,
                        const QString& toolTip = {});
    /// A push button labelled @p text beside @p label; buttonClicked() reports clicks.
    QPushButton* addButton(const QString& key, const QString& label, const QString& text,
                           const QString& toolTip = {});
    /// A constant-or-distribution field; valueEdited() / valueReset() report changes.
    ValueSpecEditor* addValue(const QString& key, const QString& label, const QString& unit,
                              const std::optional<core::ValueSpec>& value, bool allowDefault,
                              bool nonNegative, const QString& toolTip = {});
    /**
     * @brief One number field per parameter of @p info, named `prefix + key`, showing the
     *        override from @p overrides or the default, with unit, range and documentation.
     */
    void addParameters(const QString& prefix, const core::ModelInfo& info,
                       const std::map<std::string, double>& overrides);

    /// The description of number field @p key (range, unit, whole numbers), or nothing when
    /// @p key is not a number field.
    std::optional<Number> number(const QString& key) const;
    /// The editor widget of field @p key, or nullptr.
    QWidget* field(const QString& key) const { return m_fields.value(key); }
    /// The error line of field @p key, or nullptr.
    QLabel* errorLabel(const QString& key) const { return m_errors.value(key); }
    /// Shows @p message under field @p key (an empty message hides it).
    void setError(const QString& key, const QString& message);
    /// The error shown under field @p key (empty when none).
    QString error(const QString& key) const;
    /// Keys of every field, in order.
    QStringList keys() const { return m_order; }
    /// The label of field @p key, as shown.
    QString label(const QString& key) const { return m_labels.value(key); }
    /**
     * @brief Commits what is typed in the field that has the keyboard focus (as leaving it
     *        would), then returns the keys of the fields that show an error, in order.
     */
    QStringList commitPending();

Q_SIGNALS:
    void textEdited(const QString& key, const QString& text);
    void numberEdited(const QString& key, double value);
    void choiceChanged(const QString& key, const QString& data);
    void checkToggled(const QString& key, bool checked);
    void buttonClicked(const QString& key);
    void valueEdited(const QString& key, const core::ValueSpec& value);
    void valueReset(const QString& key);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showErrorText(QLabel* line, const QString& message) const;
    int addRow(const QString& key, const QString& label, QWidget* editor, const QString& unit,
               const QString& toolTip);
    void commitNumber(const QString& key, QLineEdit* edit, const Number& number);

    QGridLayout* m_grid;
    int m_row = 0;
    QHash<QString, QWidget*> m_fields;
    QHash<QString, QLabel*> m_errors;
    QHash<QString, QString> m_errorTexts;
    QHash<QString, QString> m_labels;
    QHash<QString, Number> m_numbers;
    QStringList m_order;
};

} // namespace plexus::widgets
