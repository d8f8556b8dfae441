#include "plexus/widgets/inspector/StimulusPage.h"

#include "plexus/widgets/document/Document.h"

#include <plexus/core/plugin/ModelRegistry.h>

namespace plexus::widgets {

StimulusPage::StimulusPage(Document* document, const QString& name, QWidget* parent)
    : InspectorPage(document, parent)
    , m_name(name) {
    ParameterForm* form = this->form();
    const core::StimulusSpec spec = *document->stimulus(name);
    const core::ModelRegistry* registry = document->registry();
    const core::ModelInfo* info = registry ? registry->info(spec.model) : nullptr;
    const bool current = document->isCurrentSource(name);
    setHeading(modelHeading(tr("Stimulus"), name, info, spec.model));
    addNameField(spec.name);
    form->addChoice(QStringLiteral("model"), tr("Model"),
                    modelChoices(registry, {current ? core::ModelKind::CurrentSource
                                                    : core::ModelKind::SpikeSource}),
                    qs(spec.model), info ? qs(info->doc) : QString());
    if (!current) {
        form->addNumber(QStringLiteral("size"),
                        {tr("Channels"), QString(), 1.0, 1e8, true,
                         tr("Number of independent spike trains."), 100.0},
                        static_cast<double>(spec.size));
    } else {
        form->addChoice(QStringLiteral("target"), tr("Target"), populationChoices(),
                        qs(spec.target), tr("Population the current is injected into."));
        QList<ParameterForm::Choice> receptors{{QString(), tr("current (default)")}};
        if (const auto* target = document->population(qs(spec.target))) {
            if (const core::ModelInfo* targetInfo =
                    registry ? registry->info(target->model) : nullptr) {
                for (const auto& receptor : targetInfo->receptors) {
                    if (receptor.key != "current") {
                        receptors.append(
                            {qs(receptor.key),
                             QStringLiteral("%1 (%2)").arg(qs(receptor.key), qs(receptor.unit))});
                    }
                }
            }
        }
        form->addChoice(QStringLiteral("receptor"), tr("Input"), receptors, qs(spec.receptor));
    }
    if (info != nullptr && !info->parameters.empty()) {
        form->addSection(tr("Parameters"));
        form->addParameters(QStringLiteral("param:"), *info, spec.params);
    }
    if (spec.model == "spike_times" || !spec.times.empty()) {
        form->addSection(tr("Spike times"));
        if (!spec.file.empty()) {
            form->addNote(tr("Read from <i>%1</i> (%2 spikes). Editing the lists below stores "
                             "them in the project instead of the file.")
                              .arg(qs(spec.file).toHtmlEscaped())
                              .arg(spec.times.size()));
        }
        form->addText(QStringLiteral("times"), tr("Times (ms)"), joinNumbers(spec.times),
                      tr("Spike times in ms, separated by commas or spaces."));
        form->addText(QStringLiteral("indices"), tr("Channels"), joinNumbers(spec.indices),
                      tr("Channel of each spike time (empty: every time on channel 0...)."));
    }

    connect(form, &ParameterForm::textEdited, this,
            [this, form, spec](const QString& key, const QString& text) {
                core::StimulusSpec edited = spec;
                QString error;
                if (key == QLatin1String("name")) {
                    edited.name = text.toStdString();
                    commit(key, edited, tr("Rename %1 to %2").arg(m_name, text));
                } else if (key == QLatin1String("times")) {
                    if (!parseNumbers(text, edited.times, &error)) {
                        form->setError(key, error);
                        return;
                    }
                    edited.file.clear(); // the edited lists are saved, not the file
                    commit(key, edited, tr("Set spike times of %1").arg(m_name));
                } else if (key == QLatin1String("indices")) {
                    if (!parseIntegers(text, edited.indices, &error)) {
                        form->setError(key, error);
                        return;
                    }
                    edited.file.clear();
                    commit(key, edited, tr("Set spike channels of %1").arg(m_name));
                }
            });
    connect(form, &ParameterForm::choiceChanged, this,
            [this, spec, registry](const QString& key, const QString& choice) {
                core::StimulusSpec edited = spec;
                if (key == QLatin1String("model")) {
                    edited.model = choice.toStdString();
                    edited.params =
                        keptParams(registry ? registry->info(edited.model) : nullptr, spec.params);
                    commit(key, edited, tr("Change model of %1 to %2").arg(m_name, choice));
                } else if (key == QLatin1String("target")) {
                    edited.target = choice.toStdString();
                    edited.neurons.clear();
                    edited.receptor.clear();
                    commit(key, edited, tr("Connect %1 to %2").arg(m_name, choice));
                } else if (key == QLatin1String("receptor")) {
                    edited.receptor = choice.toStdString();
                    commit(key, edited, tr("Change input of %1").arg(m_name));
                }
            });
    connect(form, &ParameterForm::numberEdited, this,
            [this, spec, info](const QString& key, double value) {
                core::StimulusSpec edited = spec;
                if (key == QLatin1String("size")) {
                    edited.size = static_cast<std::int64_t>(value);
                    commit(key, edited, tr("Resize %1").arg(m_name));
                    return;
                }
                const std::string param = key.mid(6).toStdString();
                setParam(edited.params, info, param, value);
                commit(key, edited, tr("Set %1.%2").arg(m_name, qs(param)));
            });
}

void StimulusPage::commit(const QString& key, const core::StimulusSpec& edited,
                          const QString& text) {
    QString error;
    const bool ok = document()->updateStimulus(m_name, edited, text, &error);
    report(key, ok, error);
}

} // namespace plexus::widgets
