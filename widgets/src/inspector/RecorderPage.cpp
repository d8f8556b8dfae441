#include "plexus/widgets/inspector/RecorderPage.h"

#include "plexus/widgets/document/Document.h"

#include <QRegularExpression>
#include <plexus/core/plugin/ModelRegistry.h>

namespace plexus::widgets {

RecorderPage::RecorderPage(Document* document, const QString& name, QWidget* parent)
    : InspectorPage(document, parent)
    , m_name(name) {
    ParameterForm* form = this->form();
    const core::RecorderSpec spec = *document->recorder(name);
    setHeading(tr("<b>Recorder</b> %1").arg(name.toHtmlEscaped()));
    addNameField(spec.name);
    form->addChoice(QStringLiteral("type"), tr("Records"),
                    {{QStringLiteral("spikes"), tr("Spikes")},
                     {QStringLiteral("rate"), tr("Population rate")},
                     {QStringLiteral("state"), tr("State variables")}},
                    qs(spec.type));
    QList<ParameterForm::Choice> targets{{QString(), tr("(not connected)")}};
    for (const QString& node : document->nodeNames()) {
        if (document->emitsSpikes(node) &&
            (spec.type != "state" || document->population(node) != nullptr)) {
            targets.append({node, node});
        }
    }
    form->addChoice(QStringLiteral("target"), tr("Target"), targets, qs(spec.target));
    if (spec.type == "state") {
        QStringList variables;
        for (const auto& variable : spec.variables) {
            variables << qs(variable);
        }
        QString available;
        if (const auto* target = document->population(qs(spec.target))) {
            if (const core::ModelInfo* info =
                    document->registry() ? document->registry()->info(target->model) : nullptr) {
                QStringList keys;
                for (const auto& variable : info->stateVariables) {
                    keys << qs(variable.key);
                }
                available = tr("Available: %1.").arg(keys.join(QStringLiteral(", ")));
            }
        }
        form->addText(QStringLiteral("variables"), tr("Variables"),
                      variables.join(QStringLiteral(", ")),
                      tr("State variables to record, separated by commas. %1").arg(available));
        form->addText(QStringLiteral("neurons"), tr("Neurons"), joinNumbers(spec.neurons),
                      tr("Indices of the neurons to record."));
        form->addNumber(
            QStringLiteral("interval"),
            {tr("Interval"), QStringLiteral("ms"), 1e-4, 1e6, false, tr("Sampling interval."), 0.1},
            spec.intervalMs);
    } else if (spec.type == "rate") {
        form->addNumber(QStringLiteral("bin"),
                        {tr("Bin width"), QStringLiteral("ms"), 1e-4, 1e6, false,
                         tr("Width of the counting bins."), 1.0},
                        spec.binMs);
    }

    connect(form, &ParameterForm::textEdited, this,
            [this, form, spec](const QString& key, const QString& text) {
                core::RecorderSpec edited = spec;
                QString error;
                if (key == QLatin1String("name")) {
                    edited.name = text.toStdString();
                    commit(key, edited, tr("Rename %1 to %2").arg(m_name, text));
                } else if (key == QLatin1String("variables")) {
                    edited.variables.clear();
                    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
                    for (const QString& part : text.split(separators, Qt::SkipEmptyParts)) {
                        edited.variables.push_back(part.toStdString());
                    }
                    commit(key, edited, tr("Set recorded variables of %1").arg(m_name));
                } else if (key == QLatin1String("neurons")) {
                    if (!parseIntegers(text, edited.neurons, &error)) {
                        form->setError(key, error);
                        return;
                    }
                    commit(key, edited, tr("Set recorded neurons of %1").arg(m_name));
                }
            });
    connect(form, &ParameterForm::choiceChanged, this,
            [this, spec](const QString& key, const QString& choice) {
                core::RecorderSpec edited = spec;
                if (key == QLatin1String("type")) {
                    edited.type = choice.toStdString();
                    commit(key, edited, tr("Change %1 to a %2 recorder").arg(m_name, choice));
                } else {
                    edited.target = choice.toStdString();
                    commit(key, edited, tr("Connect %1 to %2").arg(m_name, choice));
                }
            });
    connect(form, &ParameterForm::numberEdited, this,
            [this, spec](const QString& key, double value) {
                core::RecorderSpec edited = spec;
                (key == QLatin1String("bin") ? edited.binMs : edited.intervalMs) = value;
                commit(key, edited, tr("Edit %1").arg(m_name));
            });
}

void RecorderPage::commit(const QString& key, const core::RecorderSpec& edited,
                          const QString& text) {
    QString error;
    const bool ok = document()->updateRecorder(m_name, edited, text, &error);
    report(key, ok, error);
}

} // namespace plexus::widgets
