#include "plexus/widgets/inspector/InspectorPage.h"

#include "plexus/widgets/document/Document.h"

#include <QLocale>
#include <QRegularExpression>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <plexus/core/plugin/ModelRegistry.h>

namespace plexus::widgets {

InspectorPage::InspectorPage(Document* document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_form(new ParameterForm) {
    m_form->setObjectName(QStringLiteral("inspectorForm"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_form);
    layout->addStretch(1);
}

void InspectorPage::report(const QString& key, bool ok, const QString& error) {
    if (!ok && !error.isEmpty()) {
        m_form->setError(key, error);
    } else if (ok) {
        m_form->setError(key, {});
    }
}

QString InspectorPage::modelHeading(const QString& kind, const QString& name,
                                    const core::ModelInfo* info, const std::string& model) {
    return tr("<b>%1</b> %2<br><small>%3</small>")
        .arg(kind, name.toHtmlEscaped(),
             info ? qs(info->label).toHtmlEscaped() : tr("model %1 is missing").arg(qs(model)));
}

void InspectorPage::addNameField(const std::string& name, const QString& doc) {
    m_form->addText(QStringLiteral("name"), tr("Name"), qs(name), doc);
}

QList<ParameterForm::Choice> InspectorPage::populationChoices() const {
    QList<ParameterForm::Choice> targets{{QString(), tr("(not connected)")}};
    for (const auto& population : m_document->project().populations) {
        targets.append({qs(population.name), qs(population.name)});
    }
    return targets;
}

QList<ParameterForm::Choice>
InspectorPage::modelChoices(const core::ModelRegistry* registry,
                            std::initializer_list<core::ModelKind> kinds) {
    QList<ParameterForm::Choice> choices;
    if (registry == nullptr) {
        return choices;
    }
    for (const core::ModelInfo* info : registry->all()) {
        if (std::find(kinds.begin(), kinds.end(), info->kind) != kinds.end()) {
            choices.append(
                {qs(info->name), QStringLiteral("%1 (%2)").arg(qs(info->label), qs(info->name))});
        }
    }
    return choices;
}

std::map<std::string, double>
InspectorPage::keptParams(const core::ModelInfo* info,
                          const std::map<std::string, double>& params) {
    std::map<std::string, double> out;
    if (info == nullptr) {
        return out;
    }
    for (const auto& [key, value] : params) {
        if (const auto index = info->parameterIndex(key)) {
            const auto& d = info->parameters[*index];
            if (value >= d.minValue && value <= d.maxValue) {
                out[key] = value;
            }
        }
    }
    return out;
}

void InspectorPage::setParam(std::map<std::string, double>& params, const core::ModelInfo* info,
                             const std::string& key, double value) {
    if (info != nullptr) {
        if (const auto index = info->parameterIndex(key)) {
            if (info->parameters[*index].defaultValue == value) {
                params.erase(key);
                return;
            }
        }
    }
    params[key] = value;
}

bool InspectorPage::parseNumbers(const QString& text, std::vector<double>& out, QString* error) {
    out.clear();
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    for (const QString& part : text.split(separators, Qt::SkipEmptyParts)) {
        bool ok = false;
        const double value = QLocale::c().toDouble(part, &ok);
        if (!ok || !std::isfinite(value)) {
            *error = tr("\"%1\" is not a number.").arg(part);
            return false;
        }
        out.push_back(value);
    }
    return true;
}

bool InspectorPage::parseIntegers(const QString& text, std::vector<std::int64_t>& out,
                                  QString* error) {
    std::vector<double> numbers;
    if (!parseNumbers(text, numbers, error)) {
        return false;
    }
    out.clear();
    for (double value : numbers) {
        if (value != std::floor(value) || value < 0 || value > 9e15) {
            *error = tr("%1 is not a neuron index (a whole number >= 0).").arg(format(value));
            return false;
        }
        out.push_back(static_cast<std::int64_t>(value));
    }
    return true;
}

} // namespace plexus::widgets
