#include "plexus/widgets/inspector/ProjectionPage.h"

#include "plexus/widgets/document/Document.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <plexus/core/base/Error.h>
#include <plexus/core/connectivity/ConnectivityRule.h>
#include <plexus/core/connectivity/EdgeList.h>
#include <plexus/core/plugin/ModelRegistry.h>

namespace plexus::widgets {

ProjectionPage::ProjectionPage(Document* document, const QString& name, QWidget* parent)
    : InspectorPage(document, parent)
    , m_name(name) {
    ParameterForm* form = this->form();
    const core::ProjectionSpec spec = *document->projection(name);
    const core::ModelRegistry* registry = document->registry();
    const core::PopulationSpec* target = document->population(qs(spec.target));
    const core::ModelInfo* targetInfo =
        registry && target ? registry->info(target->model) : nullptr;
    const core::ModelInfo* synapseInfo =
        registry && spec.synapse != "static" ? registry->info(spec.synapse) : nullptr;
    setHeading(tr("<b>Projection</b> %1<br><small>%2 \u2192 %3</small>")
                   .arg(name.toHtmlEscaped(), qs(spec.source).toHtmlEscaped(),
                        qs(spec.target).toHtmlEscaped()));
    addNameField(spec.name);

    QString weightUnit;
    if (targetInfo != nullptr) {
        QList<ParameterForm::Choice> receptors;
        for (const auto& receptor : targetInfo->receptors) {
            receptors.append({qs(receptor.key), receptor.unit.empty()
                                                    ? qs(receptor.key)
                                                    : QStringLiteral("%1 (%2)").arg(
                                                          qs(receptor.key), qs(receptor.unit))});
            if (receptor.key == spec.receptor) {
                weightUnit = qs(receptor.unit);
            }
        }
        form->addChoice(QStringLiteral("receptor"), tr("Input"), receptors, qs(spec.receptor),
                        tr("Input port of the target model; it sets what a weight means."));
    } else {
        form->addText(QStringLiteral("receptor"), tr("Input"), qs(spec.receptor));
    }

    form->addSection(tr("Connectivity"));
    QList<ParameterForm::Choice> rules;
    for (const core::ConnectivityRule& rule : core::ConnectivityRule::all()) {
        rules.append({qs(rule.name), qs(rule.label)});
    }
    form->addChoice(QStringLiteral("rule"), tr("Rule"), rules, qs(spec.connectivity.rule));
    // Edge files are stored relative to the project file's folder, as the core resolves them.
    const QString projectFolder =
        document->filePath().isEmpty() ? QString() : QFileInfo(document->filePath()).absolutePath();
    if (const core::ConnectivityRule* rule = core::ConnectivityRule::find(spec.connectivity.rule)) {
        for (const core::ConnectivityParameter& parameter : rule->parameters) {
            const auto it = spec.connectivity.params.find(parameter.key);
            QString doc = qs(parameter.doc);
            if (parameter.even) {
                doc += tr(" Even numbers only.");
            }
            form->addNumber(
                QStringLiteral("conn:") + qs(parameter.key),
                {qs(parameter.label), qs(parameter.unit), parameter.minValue, parameter.maxValue,
                 parameter.integer(), doc, parameter.defaultValue, parameter.minExclusive()},
                it != spec.connectivity.params.end() ? it->second : parameter.defaultValue);
        }
        if (rule->readsFile) {
            form->addFile(QStringLiteral("file"), tr("Edge file"), qs(spec.connectivity.file),
                          tr("Edge lists (*.csv *.txt);;All files (*)"), projectFolder,
                          tr("CSV file with one synapse per line: source,target[,weight[,"
                             "delay_ms]], zero-based indices, optional header. Weights and "
                             "delays in the file replace the projection's."));
            const core::EdgeList& edges = spec.connectivity.edges;
            form->addNote(spec.connectivity.file.empty()
                              ? tr("<i>Choose the edge file.</i>")
                              : tr("%1 edges%2.")
                                    .arg(edges.size())
                                    .arg(edges.weights.empty() ? QString()
                                         : edges.delaysMs.empty()
                                             ? tr(" with weights")
                                             : tr(" with weights and delays")));
        }
        if (rule->needsPositions) {
            for (const std::string& end : {spec.source, spec.target}) {
                const core::PopulationSpec* population = document->population(qs(end));
                if (population == nullptr || !population->spatial.hasPositions()) {
                    form->addNote(tr("<i>%1 has no spatial layout: give it one (grid, random, "
                                     "ring or sheet) for distance-dependent connectivity.</i>")
                                      .arg(qs(end).toHtmlEscaped()));
                }
                if (spec.source == spec.target) {
                    break;
                }
            }
        }
    }
    if (spec.source == spec.target) {
        form->addCheck(QStringLiteral("autapses"), tr("Autapses"), spec.connectivity.autapses,
                       tr("Allow a neuron to connect to itself."));
    }

    form->addSection(tr("Weight and delay"));
    form->addValue(QStringLiteral("weight"), tr("Weight"), weightUnit, spec.weight, false, false,
                   tr("Synaptic weight, in the unit of the target's input."));
    form->addValue(QStringLiteral("delay"), tr("Delay"), QStringLiteral("ms"), spec.delayMs, false,
                   true, tr("Transmission delay (at least one time step)."));

    form->addSection(tr("Synapse"));
    QList<ParameterForm::Choice> synapses{{QStringLiteral("static"), tr("Static")}};
    synapses << modelChoices(registry, {core::ModelKind::Synapse});
    form->addChoice(QStringLiteral("synapse"), tr("Model"), synapses, qs(spec.synapse),
                    synapseInfo ? qs(synapseInfo->doc) : tr("Fixed weights."));
    if (synapseInfo != nullptr) {
        form->addParameters(QStringLiteral("synparam:"), *synapseInfo, spec.synapseParams);
    }
    if (spec.synapse != "static") {
        QList<ParameterForm::Choice> modulators{{QString(), tr("(none)")}};
        for (const QString& node : document->nodeNames()) {
            if (document->emitsSpikes(node)) {
                modulators.append({node, node});
            }
        }
        form->addChoice(QStringLiteral("modulator"), tr("Modulator"), modulators,
                        qs(spec.modulator),
                        tr("Population whose spikes modulate the plasticity rule (three-factor "
                           "rules)."));
    }

    connect(form, &ParameterForm::textEdited, this,
            [this, form, spec, projectFolder](const QString& key, const QString& text) {
                core::ProjectionSpec edited = spec;
                if (key == QLatin1String("name")) {
                    edited.name = text.toStdString();
                    commit(key, edited, tr("Rename %1 to %2").arg(m_name, text));
                } else if (key == QLatin1String("file")) {
                    const QString file = text.trimmed();
                    edited.connectivity.file = file.toStdString();
                    edited.connectivity.edges = {};
                    if (!file.isEmpty()) {
                        const QString path =
                            QDir(projectFolder.isEmpty() ? QDir::currentPath() : projectFolder)
                                .absoluteFilePath(file);
                        try {
                            edited.connectivity.edges = core::EdgeList::read(
                                QFile::encodeName(path).toStdString(), "connectivity.file");
                        } catch (const core::Error& e) {
                            form->setError(key, QString::fromStdString(e.what()));
                            return;
                        }
                    }
                    commit(key, edited, tr("Read the synapses of %1 from %2").arg(m_name, file));
                } else {
                    edited.receptor = text.toStdString();
                    commit(key, edited, tr("Change input of %1").arg(m_name));
                }
            });
    connect(form, &ParameterForm::choiceChanged, this,
            [this, spec](const QString& key, const QString& choice) {
                core::ProjectionSpec edited = spec;
                if (key == QLatin1String("receptor")) {
                    edited.receptor = choice.toStdString();
                    commit(key, edited, tr("Change input of %1 to %2").arg(m_name, choice));
                } else if (key == QLatin1String("rule")) {
                    edited.connectivity.rule = choice.toStdString();
                    edited.connectivity.params.clear();
                    edited.connectivity.file.clear();
                    edited.connectivity.edges = {};
                    if (const core::ConnectivityRule* rule =
                            core::ConnectivityRule::find(edited.connectivity.rule)) {
                        for (const core::ConnectivityParameter& parameter : rule->parameters) {
                            edited.connectivity.params[parameter.key] = parameter.defaultValue;
                        }
                    }
                    commit(key, edited, tr("Connect %1 %2").arg(m_name, choice));
                } else if (key == QLatin1String("synapse")) {
                    edited.synapse = choice.toStdString();
                    edited.synapseParams.clear();
                    if (edited.synapse == "static") {
                        edited.modulator.clear();
                    }
                    commit(key, edited, tr("Use %1 synapses on %2").arg(choice, m_name));
                } else if (key == QLatin1String("modulator")) {
                    edited.modulator = choice.toStdString();
                    commit(key, edited, tr("Set modulator of %1").arg(m_name));
                }
            });
    connect(form, &ParameterForm::numberEdited, this,
            [this, spec, synapseInfo](const QString& key, double value) {
                core::ProjectionSpec edited = spec;
                if (key.startsWith(QLatin1String("conn:"))) {
                    edited.connectivity.params[key.mid(5).toStdString()] = value;
                    commit(key, edited, tr("Set %1.%2").arg(m_name, key.mid(5)));
                } else if (key.startsWith(QLatin1String("synparam:"))) {
                    setParam(edited.synapseParams, synapseInfo, key.mid(9).toStdString(), value);
                    commit(key, edited, tr("Set %1.%2").arg(m_name, key.mid(9)));
                }
            });
    connect(form, &ParameterForm::checkToggled, this, [this, spec](const QString& key, bool on) {
        core::ProjectionSpec edited = spec;
        edited.connectivity.autapses = on;
        commit(key, edited, tr("Set autapses of %1").arg(m_name));
    });
    connect(form, &ParameterForm::valueEdited, this,
            [this, spec](const QString& key, const core::ValueSpec& value) {
                core::ProjectionSpec edited = spec;
                (key == QLatin1String("weight") ? edited.weight : edited.delayMs) = value;
                commit(
                    key, edited,
                    tr("Set %1 of %2")
                        .arg(key == QLatin1String("weight") ? tr("weight") : tr("delay"), m_name));
            });
}

void ProjectionPage::commit(const QString& key, const core::ProjectionSpec& edited,
                            const QString& text) {
    QString error;
    const bool ok = document()->updateProjection(m_name, edited, text, &error);
    // A rule parameter's field names it: its error line says only what is wrong.
    const QString own = QStringLiteral("connectivity.%1: ").arg(key.mid(5));
    if (key.startsWith(QLatin1String("conn:")) && error.startsWith(own)) {
        error = error.mid(own.size());
    }
    report(key, ok, error);
}

} // namespace plexus::widgets
