#pragma once

#include "plexus/widgets/inspector/ParameterForm.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QWidget>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <plexus/core/model/ModelKind.h>
#include <string>
#include <type_traits>
#include <vector>

namespace plexus::core {
class ModelRegistry;
struct ModelInfo;
} // namespace plexus::core

namespace plexus::widgets {

class Document;

/**
 * @brief One page of the Inspector: the heading and the form of one kind of element.
 *
 * A page is built once from the document's current state; the Inspector builds a new page
 * whenever the element shown changes. Each form field commits one Document edit; a refused
 * input or edit is explained under its field. The form is the page's only child widget, above
 * a stretch, and has the object name "inspectorForm".
 *
 * This base holds what the pages share: the form, the heading, showing an edit's verdict, and
 * the fields and conversions several pages build the same way (names, model and target
 * choices, number lists, parameter overrides).
 */
class InspectorPage : public QWidget {
    Q_OBJECT

public:
    /// The form of the page.
    ParameterForm* form() const { return m_form; }
    /// The heading of the page (rich text: the kind in bold, the element's name, a subtitle).
    QString heading() const { return m_heading; }

protected:
    /// An empty page over @p document (which must outlive it); the subclass fills the form.
    explicit InspectorPage(Document* document, QWidget* parent = nullptr);

    /// The document the page edits.
    Document* document() const { return m_document; }
    /// Sets the heading.
    void setHeading(const QString& heading) { m_heading = heading; }
    /// Shows the verdict of an edit of field @p key: clears its error line when @p ok, shows
    /// @p error otherwise (a refusal without a reason leaves the line as it is).
    void report(const QString& key, bool ok, const QString& error);

    /// Heading "<b>KIND</b> NAME<br><small>model label</small>" of an element with a model
    /// (@p info null: says the model is missing).
    static QString modelHeading(const QString& kind, const QString& name,
                                const core::ModelInfo* info, const std::string& model);
    /// Adds the "name" field holding @p name.
    void addNameField(const std::string& name, const QString& doc = {});
    /// "(not connected)" followed by every population of the document.
    QList<ParameterForm::Choice> populationChoices() const;
    /// Every model of @p registry (may be null) of one of @p kinds, as "label (name)".
    static QList<ParameterForm::Choice> modelChoices(const core::ModelRegistry* registry,
                                                     std::initializer_list<core::ModelKind> kinds);
    /// The overrides of @p params that model @p info (may be null) still knows, in range.
    static std::map<std::string, double> keptParams(const core::ModelInfo* info,
                                                    const std::map<std::string, double>& params);
    /// Sets parameter @p key to @p value, dropping the override when it equals the default.
    static void setParam(std::map<std::string, double>& params, const core::ModelInfo* info,
                         const std::string& key, double value);

    /// @p text as a QString.
    static QString qs(const std::string& text) { return QString::fromStdString(text); }
    /// @p value with up to 12 significant digits.
    static QString format(double value) { return QString::number(value, 'g', 12); }
    /// Parses "1, 2.5 10" into @p out; false (with @p error) on an entry that is not a number.
    static bool parseNumbers(const QString& text, std::vector<double>& out, QString* error);
    /// Parses a list of neuron indices (whole numbers >= 0) into @p out; false with @p error.
    static bool parseIntegers(const QString& text, std::vector<std::int64_t>& out, QString* error);
    /// @p values as "1, 2.5, 10".
    template <typename T>
    static QString joinNumbers(const std::vector<T>& values) {
        QStringList parts;
        for (const T& value : values) {
            if constexpr (std::is_floating_point_v<T>) {
                parts << format(value);
            } else {
                parts << QString::number(value);
            }
        }
        return parts.join(QStringLiteral(", "));
    }

private:
    Document* m_document;
    ParameterForm* m_form;
    QString m_heading;
};

} // namespace plexus::widgets
