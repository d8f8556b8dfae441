#include "plexus/widgets/inspector/PopulationPage.h"

#include "plexus/widgets/document/Document.h"
#include "plexus/widgets/document/ProjectLayout.h"

#include <QLineEdit>
#include <QLocale>
#include <cmath>
#include <plexus/core/plugin/ModelRegistry.h>

namespace plexus::widgets {

PopulationPage::PopulationPage(Document* document, const QString& name, QWidget* parent)
    : InspectorPage(document, parent)
    , m_name(name) {
    ParameterForm* form = this->form();
    const core::PopulationSpec spec = *document->population(name);
    const core::ModelRegistry* registry = document->registry();
    const core::ModelInfo* info = registry ? registry->info(spec.model) : nullptr;
    setHeading(modelHeading(tr("Population"), name, info, spec.model));
    addNameField(spec.name, tr("Unique name; projections and recorders refer to it."));
    form->addChoice(QStringLiteral("model"), tr("Model"),
                    modelChoices(registry, {core::ModelKind::Neuron}), qs(spec.model),
                    info ? qs(info->doc) : QString());
    QLineEdit* sizeEdit = form->addNumber(
        QStringLiteral("size"),
        {tr("Size"), tr("neurons"), static_cast<double>(core::PopulationSpec::minSize),
         static_cast<double>(core::PopulationSpec::maxSize), true, tr("Number of neurons."), 100.0},
        static_cast<double>(spec.size));
    // A whole number out of range is refused in the words of the project rule, as loading a
    // file says it (the form's own message only names the range).
    connect(sizeEdit, &QLineEdit::editingFinished, form, [form, sizeEdit] {
        bool ok = false;
        const double value = QLocale::c().toDouble(sizeEdit->text().trimmed(), &ok);
        if (!ok || value != std::floor(value) || std::fabs(value) > 1e18) {
            return;
        }
        const std::string problem =
            core::PopulationSpec::sizeProblem(static_cast<std::int64_t>(value));
        if (!problem.empty()) {
            form->setError(QStringLiteral("size"), tr("size: %1").arg(qs(problem)));
        }
    });
    QList<ParameterForm::Choice> shapes;
    for (const QString& shape : ProjectLayout::shapes()) {
        shapes.append({shape, ProjectLayout::shapeLabel(shape)});
    }
    form->addChoice(QStringLiteral("spatial"), tr("Spatial layout"), shapes,
                    ProjectLayout::shape(spec),
                    tr("How the neurons are placed in space (used by the 3D view)."));
    if (info != nullptr) {
        if (!info->parameters.empty()) {
            form->addSection(tr("Parameters"));
            form->addParameters(QStringLiteral("param:"), *info, spec.params);
        }
        if (!info->stateVariables.empty()) {
            form->addSection(tr("Initial state"));
            for (const auto& variable : info->stateVariables) {
                const auto it = spec.initial.find(variable.key);
                std::optional<core::ValueSpec> value;
                if (it != spec.initial.end()) {
                    value = it->second;
                }
                form->addValue(QStringLiteral("initial:") + qs(variable.key),
                               qs(variable.label.empty() ? variable.key : variable.label),
                               qs(variable.unit), value, true, false,
                               tr("Initial %1 (%2) of every neuron: the model's default, a "
                                  "constant or drawn from a distribution.")
                                   .arg(qs(variable.label), qs(variable.key)));
            }
        }
    } else {
        QStringList params;
        for (const auto& [key, value] : spec.params) {
            params << QStringLiteral("%1 = %2").arg(qs(key), format(value));
        }
        form->addNote(tr("<i>Model \"%1\" is not available (a plugin may be missing). The "
                         "population is kept as a placeholder and saved back unchanged.</i>%2")
                          .arg(qs(spec.model).toHtmlEscaped(),
                               params.isEmpty()
                                   ? QString()
                                   : QStringLiteral("<br>") + params.join(QStringLiteral("<br>"))));
    }

    connect(form, &ParameterForm::textEdited, this,
            [this, spec](const QString& key, const QString& text) {
                core::PopulationSpec edited = spec;
                edited.name = text.toStdString();
                commit(key, edited, tr("Rename %1 to %2").arg(m_name, text));
            });
    connect(form, &ParameterForm::choiceChanged, this,
            [this, spec, registry](const QString& key, const QString& choice) {
                core::PopulationSpec edited = spec;
                if (key == QLatin1String("model")) {
                    edited.model = choice.toStdString();
                    const core::ModelInfo* next = registry ? registry->info(edited.model) : nullptr;
                    edited.params = keptParams(next, spec.params);
                    std::erase_if(edited.initial, [&](const auto& entry) {
                        return next == nullptr || !next->stateIndex(entry.first);
                    });
                    commit(key, edited, tr("Change model of %1 to %2").arg(m_name, choice));
                } else {
                    ProjectLayout::setShape(edited, choice);
                    commit(key, edited, tr("Change spatial layout of %1").arg(m_name));
                }
            });
    connect(form, &ParameterForm::numberEdited, this,
            [this, spec, info](const QString& key, double value) {
                core::PopulationSpec edited = spec;
                if (key == QLatin1String("size")) {
                    edited.size = static_cast<std::int64_t>(value);
                    commit(key, edited, tr("Resize %1").arg(m_name));
                    return;
                }
                const std::string param = key.mid(6).toStdString();
                setParam(edited.params, info, param, value);
                commit(key, edited, tr("Set %1.%2").arg(m_name, qs(param)));
            });
    connect(form, &ParameterForm::valueEdited, this,
            [this, spec](const QString& key, const core::ValueSpec& value) {
                core::PopulationSpec edited = spec;
                edited.initial[key.mid(8).toStdString()] = value;
                commit(key, edited, tr("Set initial %1 of %2").arg(key.mid(8), m_name));
            });
    connect(form, &ParameterForm::valueReset, this, [this, spec](const QString& key) {
        core::PopulationSpec edited = spec;
        edited.initial.erase(key.mid(8).toStdString());
        commit(key, edited, tr("Reset initial %1 of %2").arg(key.mid(8), m_name));
    });
}

void PopulationPage::commit(const QString& key, const core::PopulationSpec& edited,
                            const QString& text) {
    QString error;
    const bool ok = document()->updatePopulation(m_name, edited, text, &error);
    report(key, ok, error);
}

} // namespace plexus::widgets
