#include "plexus/widgets/inspector/Inspector.h"

#include "plexus/geometry/placement/ElectrodePlacement.h"
#include "plexus/widgets/plots/CountText.h"
#include "plexus/widgets/document/Document.h"
#include "plexus/widgets/document/ElectrodeSpec.h"
#include "plexus/widgets/inspector/ParameterForm.h"
#include "plexus/widgets/document/ProjectLayout.h"
#include "plexus/widgets/inspector/ValueSpecEditor.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QTimer>
#include <QVBoxLayout>
#include <cmath>
#include <plexus/core/connectivity/ConnectivityRule.h>
#include <plexus/core/connectivity/EdgeList.h>
#include <plexus/core/base/Error.h>
#include <plexus/core/plugin/ModelRegistry.h>

namespace plexus::widgets {

using geometry::ElectrodePlacement;

namespace {

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

QString format(double value) {
    return QString::number(value, 'g', 12);
}

/// Parses "1, 2.5 10" into numbers; returns false (with @p error) on a bad entry.
bool parseNumbers(const QString& text, std::vector<double>& out, QString* error) {
    out.clear();
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    for (const QString& part : text.split(separators, Qt::SkipEmptyParts)) {
        bool ok = false;
        const double value = QLocale::c().toDouble(part, &ok);
        if (!ok || !std::isfinite(value)) {
            *error = QObject::tr("\"%1\" is not a number.").arg(part);
            return false;
        }
        out.push_back(value);
    }
    return true;
}

bool parseIntegers(const QString& text, std::vector<std::int64_t>& out, QString* error) {
    std::vector<double> numbers;
    if (!parseNumbers(text, numbers, error)) {
        return false;
    }
    out.clear();
    for (double value : numbers) {
        if (value != std::floor(value) || value < 0 || value > 9e15) {
            *error =
                QObject::tr("%1 is not a neuron index (a whole number >= 0).").arg(format(value));
            return false;
        }
        out.push_back(static_cast<std::int64_t>(value));
    }
    return true;
}

template <typename T>
QString joinNumbers(const std::vector<T>& values) {
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

QList<ParameterForm::Choice> modelChoices(const core::ModelRegistry* registry,
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

/// Keeps the overrides that @p info still knows.
std::map<std::string, double> keptParams(const core::ModelInfo* info,
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

/// Sets parameter @p key to @p value, dropping the override when it equals the default.
void setParam(std::map<std::string, double>& params, const core::ModelInfo* info,
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

} // namespace

Inspector::Inspector(Document* document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_title(new QLabel(this))
    , m_scroll(new QScrollArea(this)) {
    setObjectName(QStringLiteral("inspector"));
    m_title->setObjectName(QStringLiteral("inspectorTitle"));
    m_title->setMargin(8);
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::RichText);
    m_scroll->setWidgetResizable(true);
    // A panel narrower than the form scrolls sideways rather than cutting fields and units off.
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_scroll->setFrameShape(QFrame::NoFrame);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_title);
    layout->addWidget(m_scroll, 1);
    setMinimumWidth(280);

    connect(m_document, &Document::projectReset, this, &Inspector::showProject);
    connect(m_document, &Document::nodeRemoved, this, [this](const QString& name) {
        if (name == m_node) {
            showProject();
        }
    });
    connect(m_document, &Document::projectionRemoved, this, [this](const QString& name) {
        if (name == m_projection) {
            showProject();
        }
    });
    connect(m_document, &Document::nodeRenamed, this,
            [this](const QString& from, const QString& to) {
                if (from == m_node) {
                    m_node = to;
                }
                scheduleRebuild();
            });
    connect(m_document, &Document::projectionRenamed, this,
            [this](const QString& from, const QString& to) {
                if (from == m_projection) {
                    m_projection = to;
                }
                scheduleRebuild();
            });
    for (auto signal : {&Document::nodeChanged, &Document::nodeAdded, &Document::projectionChanged,
                        &Document::projectionAdded}) {
        connect(m_document, signal, this, [this] { scheduleRebuild(); });
    }
    connect(m_document, &Document::projectInfoChanged, this, [this] { scheduleRebuild(); });
    // The project heading names the file of an untitled project (Save As).
    connect(m_document, &Document::filePathChanged, this, [this] {
        if (m_node.isEmpty() && m_projection.isEmpty() && m_summary.isEmpty()) {
            scheduleRebuild();
        }
    });
    showProject();
}

void Inspector::setSelection(const QStringList& nodes, const QStringList& projections) {
    if (nodes.size() == 1 && projections.isEmpty()) {
        showNode(nodes.front());
    } else if (nodes.isEmpty() && projections.size() == 1) {
        showProjection(projections.front());
    } else if (nodes.isEmpty() && projections.isEmpty()) {
        showProject();
    } else {
        m_node.clear();
        m_projection.clear();
        QStringList names = nodes;
        names << projections;
        m_summary = names.join(QStringLiteral(", "));
        rebuild();
    }
}

void Inspector::showProject() {
    m_node.clear();
    m_projection.clear();
    m_summary.clear();
    rebuild();
}

void Inspector::showNode(const QString& name) {
    m_node = name;
    m_projection.clear();
    m_summary.clear();
    rebuild();
}

void Inspector::showProjection(const QString& name) {
    m_node.clear();
    m_projection = name;
    m_summary.clear();
    rebuild();
}

ParameterForm* Inspector::form() {
    if (m_rebuildPending) {
        rebuild();
    }
    return m_form;
}

QWidget* Inspector::field(const QString& key) {
    ParameterForm* current = form();
    return current != nullptr ? current->field(key) : nullptr;
}

QString Inspector::errorText(const QString& key) {
    ParameterForm* current = form();
    return current != nullptr ? current->error(key) : QString();
}

QString Inspector::title() const {
    return m_title->text();
}

QString Inspector::commitPendingEdits() {
    // The form shown holds what the user typed, even when a rebuild is pending.
    if (m_form == nullptr) {
        return {};
    }
    const QStringList invalid = m_form->commitPending();
    if (invalid.isEmpty()) {
        return {};
    }
    const QString key = invalid.front();
    QString element = tr("Project");
    if (!m_projection.isEmpty()) {
        element = tr("Projection %1").arg(m_projection);
    } else if (!m_node.isEmpty()) {
        if (const auto kind = m_document->nodeKind(m_node)) {
            QString kindName = nodeKindName(*kind);
            kindName[0] = kindName[0].toUpper();
            element = QStringLiteral("%1 %2").arg(kindName, m_node);
        }
    }
    if (QWidget* field = m_form->field(key)) {
        field->setFocus(Qt::OtherFocusReason);
    }
    QString label = m_form->label(key);
    label.remove(QLatin1Char('&'));
    return tr("%1, %2: %3").arg(element, label, m_form->error(key));
}

void Inspector::scheduleRebuild() {
    if (m_rebuildPending) {
        return;
    }
    m_rebuildPending = true;
    QTimer::singleShot(0, this, [this] {
        if (m_rebuildPending) {
            rebuild();
        }
    });
}

void Inspector::report(ParameterForm* form, const QString& key, bool ok, const QString& error) {
    if (form == nullptr) {
        return;
    }
    if (!ok && !error.isEmpty()) {
        form->setError(key, error);
    } else if (ok) {
        form->setError(key, {});
    }
}

void Inspector::rebuild() {
    m_rebuildPending = false;
    // Keep the scroll position and the focused field across rebuilds.
    const int scroll = m_scroll->verticalScrollBar()->value();
    QString focusKey;
    if (m_form != nullptr) {
        for (QWidget* w = QApplication::focusWidget(); w != nullptr; w = w->parentWidget()) {
            if (w->parentWidget() == m_form) {
                focusKey = w->objectName();
                break;
            }
        }
    }
    if (!m_node.isEmpty() && !m_document->nodeKind(m_node)) {
        m_node.clear();
    }
    if (!m_projection.isEmpty() && m_document->projection(m_projection) == nullptr) {
        m_projection.clear();
    }

    auto* form = new ParameterForm;
    form->setObjectName(QStringLiteral("inspectorForm"));
    if (!m_summary.isEmpty() && m_node.isEmpty() && m_projection.isEmpty()) {
        m_title->setText(tr("<b>Several elements selected</b>"));
        form->addNote(tr("Selected: %1.<br>Select one element to edit it; Delete removes "
                         "them all, Ctrl+C copies them.")
                          .arg(m_summary.toHtmlEscaped()));
    } else if (!m_projection.isEmpty()) {
        buildProjection(form);
    } else if (!m_node.isEmpty()) {
        switch (*m_document->nodeKind(m_node)) {
        case NodeKind::Population:
            buildPopulation(form);
            break;
        case NodeKind::Stimulus:
            buildStimulus(form);
            break;
        case NodeKind::Recorder:
            buildRecorder(form);
            break;
        case NodeKind::Electrode:
            buildElectrode(form);
            break;
        }
    } else {
        buildProject(form);
    }
    auto* holder = new QWidget;
    auto* layout = new QVBoxLayout(holder);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(form);
    layout->addStretch(1);
    QWidget* old = m_scroll->takeWidget();
    m_scroll->setWidget(holder);
    m_form = form;
    if (old != nullptr) {
        old->hide();
        old->deleteLater();
    }
    m_scroll->verticalScrollBar()->setValue(scroll);
    if (!focusKey.isEmpty()) {
        if (QWidget* w = form->field(focusKey)) {
            w->setFocus(Qt::OtherFocusReason);
        }
    }
}

void Inspector::buildProject(ParameterForm* form) {
    const core::ProjectSpec& project = m_document->project();
    m_title->setText(tr("<b>Project</b> %1").arg(m_document->displayName().toHtmlEscaped()));
    form->addText(QStringLiteral("projectName"), tr("Name"), qs(project.name));
    form->addText(QStringLiteral("description"), tr("Description"), qs(project.description));
    form->addSection(tr("Simulation"));
    form->addNumber(QStringLiteral("dt"),
                    {tr("Time step"), QStringLiteral("ms"), 1e-4, 10.0, false,
                     tr("Integration step of every model."), 0.1},
                    project.simulation.dtMs);
    form->addNumber(QStringLiteral("duration"),
                    {tr("Duration"), QStringLiteral("s"), 1e-6, 1e7, false,
                     tr("Default run length (biological time)."), 1.0},
                    project.simulation.durationS);
    form->addNumber(QStringLiteral("seed"),
                    {tr("Seed"), QString(), 0.0, 9.0e15, true,
                     tr("Seed of every random stream: the same seed gives the same run."), 1.0},
                    static_cast<double>(project.simulation.seed));
    form->addNumber(QStringLiteral("threads"),
                    {tr("Threads"), QString(), 1.0, 256.0, true,
                     tr("Worker threads; results do not depend on it."), 1.0},
                    project.simulation.threads);
    qint64 neurons = 0;
    for (const auto& population : project.populations) {
        neurons += population.size;
    }
    form->addSection(tr("Circuit"));
    form->addNote(
        tr("%1 in %2, %3, %4, %5, %6.")
            .arg(countText(neurons, tr("neuron"), tr("neurons")),
                 countText(std::ssize(project.populations), tr("population"), tr("populations")),
                 countText(std::ssize(project.stimuli), tr("stimulus"), tr("stimuli")),
                 countText(std::ssize(project.projections), tr("projection"), tr("projections")),
                 countText(std::ssize(project.recorders), tr("recorder"), tr("recorders")),
                 countText(std::ssize(m_document->electrodes()), tr("electrode"),
                           tr("electrodes"))));

    auto commit = [this, form](const QString& key, auto change) {
        core::ProjectSpec copy = m_document->project();
        QString name = qs(copy.name);
        QString description = qs(copy.description);
        core::SimulationSpec simulation = copy.simulation;
        change(name, description, simulation);
        QString error;
        const bool ok = m_document->updateProjectInfo(name, description, simulation, {}, &error);
        report(form, key, ok, error);
    };
    connect(form, &ParameterForm::textEdited, this,
            [commit](const QString& key, const QString& text) {
                commit(key, [&](QString& name, QString& description, core::SimulationSpec&) {
                    (key == QLatin1String("projectName") ? name : description) = text;
                });
            });
    connect(form, &ParameterForm::numberEdited, this, [commit](const QString& key, double value) {
        commit(key, [&](QString&, QString&, core::SimulationSpec& simulation) {
            if (key == QLatin1String("dt")) {
                simulation.dtMs = value;
            } else if (key == QLatin1String("duration")) {
                simulation.durationS = value;
            } else if (key == QLatin1String("seed")) {
                simulation.seed = static_cast<std::uint64_t>(value);
            } else if (key == QLatin1String("threads")) {
                simulation.threads = static_cast<int>(value);
            }
        });
    });
}

void Inspector::buildPopulation(ParameterForm* form) {
    const core::PopulationSpec spec = *m_document->population(m_node);
    const core::ModelRegistry* registry = m_document->registry();
    const core::ModelInfo* info = registry ? registry->info(spec.model) : nullptr;
    m_title->setText(
        tr("<b>Population</b> %1<br><small>%2</small>")
            .arg(m_node.toHtmlEscaped(), info ? qs(info->label).toHtmlEscaped()
                                              : tr("model %1 is missing").arg(qs(spec.model))));
    form->addText(QStringLiteral("name"), tr("Name"), qs(spec.name),
                  tr("Unique name; projections and recorders refer to it."));
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

    const QString name = m_node;
    auto commit = [this, form, name](const QString& key, const core::PopulationSpec& edited,
                                     const QString& text) {
        QString error;
        const bool ok = m_document->updatePopulation(name, edited, text, &error);
        report(form, key, ok, error);
    };
    connect(form, &ParameterForm::textEdited, this,
            [commit, spec, name](const QString& key, const QString& text) {
                core::PopulationSpec edited = spec;
                edited.name = text.toStdString();
                commit(key, edited, tr("Rename %1 to %2").arg(name, text));
            });
    connect(form, &ParameterForm::choiceChanged, this,
            [commit, spec, registry, name](const QString& key, const QString& data) {
                core::PopulationSpec edited = spec;
                if (key == QLatin1String("model")) {
                    edited.model = data.toStdString();
                    const core::ModelInfo* next = registry ? registry->info(edited.model) : nullptr;
                    edited.params = keptParams(next, spec.params);
                    std::erase_if(edited.initial, [&](const auto& entry) {
                        return next == nullptr || !next->stateIndex(entry.first);
                    });
                    commit(key, edited, tr("Change model of %1 to %2").arg(name, data));
                } else {
                    ProjectLayout::setShape(edited, data);
                    commit(key, edited, tr("Change spatial layout of %1").arg(name));
                }
            });
    connect(form, &ParameterForm::numberEdited, this,
            [commit, spec, info, name](const QString& key, double value) {
                core::PopulationSpec edited = spec;
                if (key == QLatin1String("size")) {
                    edited.size = static_cast<std::int64_t>(value);
                    commit(key, edited, tr("Resize %1").arg(name));
                    return;
                }
                const std::string param = key.mid(6).toStdString();
                setParam(edited.params, info, param, value);
                commit(key, edited, tr("Set %1.%2").arg(name, qs(param)));
            });
    connect(form, &ParameterForm::valueEdited, this,
            [commit, spec, name](const QString& key, const core::ValueSpec& value) {
                core::PopulationSpec edited = spec;
                edited.initial[key.mid(8).toStdString()] = value;
                commit(key, edited, tr("Set initial %1 of %2").arg(key.mid(8), name));
            });
    connect(form, &ParameterForm::valueReset, this, [commit, spec, name](const QString& key) {
        core::PopulationSpec edited = spec;
        edited.initial.erase(key.mid(8).toStdString());
        commit(key, edited, tr("Reset initial %1 of %2").arg(key.mid(8), name));
    });
}

void Inspector::buildStimulus(ParameterForm* form) {
    const core::StimulusSpec spec = *m_document->stimulus(m_node);
    const core::ModelRegistry* registry = m_document->registry();
    const core::ModelInfo* info = registry ? registry->info(spec.model) : nullptr;
    const bool current = m_document->isCurrentSource(m_node);
    m_title->setText(
        tr("<b>Stimulus</b> %1<br><small>%2</small>")
            .arg(m_node.toHtmlEscaped(), info ? qs(info->label).toHtmlEscaped()
                                              : tr("model %1 is missing").arg(qs(spec.model))));
    form->addText(QStringLiteral("name"), tr("Name"), qs(spec.name));
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
        QList<ParameterForm::Choice> targets{{QString(), tr("(not connected)")}};
        for (const auto& population : m_document->project().populations) {
            targets.append({qs(population.name), qs(population.name)});
        }
        form->addChoice(QStringLiteral("target"), tr("Target"), targets, qs(spec.target),
                        tr("Population the current is injected into."));
        QList<ParameterForm::Choice> receptors{{QString(), tr("current (default)")}};
        if (const auto* target = m_document->population(qs(spec.target))) {
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

    const QString name = m_node;
    auto commit = [this, form, name](const QString& key, const core::StimulusSpec& edited,
                                     const QString& text) {
        QString error;
        const bool ok = m_document->updateStimulus(name, edited, text, &error);
        report(form, key, ok, error);
    };
    connect(form, &ParameterForm::textEdited, this,
            [this, form, commit, spec, name](const QString& key, const QString& text) {
                core::StimulusSpec edited = spec;
                QString error;
                if (key == QLatin1String("name")) {
                    edited.name = text.toStdString();
                    commit(key, edited, tr("Rename %1 to %2").arg(name, text));
                } else if (key == QLatin1String("times")) {
                    if (!parseNumbers(text, edited.times, &error)) {
                        form->setError(key, error);
                        return;
                    }
                    edited.file.clear(); // the edited lists are saved, not the file
                    commit(key, edited, tr("Set spike times of %1").arg(name));
                } else if (key == QLatin1String("indices")) {
                    if (!parseIntegers(text, edited.indices, &error)) {
                        form->setError(key, error);
                        return;
                    }
                    edited.file.clear();
                    commit(key, edited, tr("Set spike channels of %1").arg(name));
                }
            });
    connect(form, &ParameterForm::choiceChanged, this,
            [commit, spec, registry, name](const QString& key, const QString& data) {
                core::StimulusSpec edited = spec;
                if (key == QLatin1String("model")) {
                    edited.model = data.toStdString();
                    edited.params =
                        keptParams(registry ? registry->info(edited.model) : nullptr, spec.params);
                    commit(key, edited, tr("Change model of %1 to %2").arg(name, data));
                } else if (key == QLatin1String("target")) {
                    edited.target = data.toStdString();
                    edited.neurons.clear();
                    edited.receptor.clear();
                    commit(key, edited, tr("Connect %1 to %2").arg(name, data));
                } else if (key == QLatin1String("receptor")) {
                    edited.receptor = data.toStdString();
                    commit(key, edited, tr("Change input of %1").arg(name));
                }
            });
    connect(form, &ParameterForm::numberEdited, this,
            [commit, spec, info, name](const QString& key, double value) {
                core::StimulusSpec edited = spec;
                if (key == QLatin1String("size")) {
                    edited.size = static_cast<std::int64_t>(value);
                    commit(key, edited, tr("Resize %1").arg(name));
                    return;
                }
                const std::string param = key.mid(6).toStdString();
                setParam(edited.params, info, param, value);
                commit(key, edited, tr("Set %1.%2").arg(name, qs(param)));
            });
}

void Inspector::buildRecorder(ParameterForm* form) {
    const core::RecorderSpec spec = *m_document->recorder(m_node);
    m_title->setText(tr("<b>Recorder</b> %1").arg(m_node.toHtmlEscaped()));
    form->addText(QStringLiteral("name"), tr("Name"), qs(spec.name));
    form->addChoice(QStringLiteral("type"), tr("Records"),
                    {{QStringLiteral("spikes"), tr("Spikes")},
                     {QStringLiteral("rate"), tr("Population rate")},
                     {QStringLiteral("state"), tr("State variables")}},
                    qs(spec.type));
    QList<ParameterForm::Choice> targets{{QString(), tr("(not connected)")}};
    for (const QString& node : m_document->nodeNames()) {
        if (m_document->emitsSpikes(node) &&
            (spec.type != "state" || m_document->population(node) != nullptr)) {
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
        if (const auto* target = m_document->population(qs(spec.target))) {
            if (const core::ModelInfo* info = m_document->registry()
                                                  ? m_document->registry()->info(target->model)
                                                  : nullptr) {
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

    const QString name = m_node;
    auto commit = [this, form, name](const QString& key, const core::RecorderSpec& edited,
                                     const QString& text) {
        QString error;
        const bool ok = m_document->updateRecorder(name, edited, text, &error);
        report(form, key, ok, error);
    };
    connect(form, &ParameterForm::textEdited, this,
            [form, commit, spec, name](const QString& key, const QString& text) {
                core::RecorderSpec edited = spec;
                QString error;
                if (key == QLatin1String("name")) {
                    edited.name = text.toStdString();
                    commit(key, edited, tr("Rename %1 to %2").arg(name, text));
                } else if (key == QLatin1String("variables")) {
                    edited.variables.clear();
                    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
                    for (const QString& part : text.split(separators, Qt::SkipEmptyParts)) {
                        edited.variables.push_back(part.toStdString());
                    }
                    commit(key, edited, tr("Set recorded variables of %1").arg(name));
                } else if (key == QLatin1String("neurons")) {
                    if (!parseIntegers(text, edited.neurons, &error)) {
                        form->setError(key, error);
                        return;
                    }
                    commit(key, edited, tr("Set recorded neurons of %1").arg(name));
                }
            });
    connect(form, &ParameterForm::choiceChanged, this,
            [commit, spec, name](const QString& key, const QString& data) {
                core::RecorderSpec edited = spec;
                if (key == QLatin1String("type")) {
                    edited.type = data.toStdString();
                    commit(key, edited, tr("Change %1 to a %2 recorder").arg(name, data));
                } else {
                    edited.target = data.toStdString();
                    commit(key, edited, tr("Connect %1 to %2").arg(name, data));
                }
            });
    connect(form, &ParameterForm::numberEdited, this,
            [commit, spec, name](const QString& key, double value) {
                core::RecorderSpec edited = spec;
                (key == QLatin1String("bin") ? edited.binMs : edited.intervalMs) = value;
                commit(key, edited, tr("Edit %1").arg(name));
            });
}

void Inspector::buildElectrode(ParameterForm* form) {
    const ElectrodeSpec spec = *m_document->electrode(m_node);
    m_title->setText(tr("<b>Electrode</b> %1<br><small>%2</small>")
                         .arg(m_node.toHtmlEscaped(), qs(ElectrodeSpec::kindLabel(spec.type))));
    form->addText(QStringLiteral("name"), tr("Name"), qs(spec.name));
    QList<ParameterForm::Choice> types;
    const auto& offered = ElectrodeSpec::editorKinds();
    for (const std::string& type : offered) {
        types.append({qs(type), qs(ElectrodeSpec::kindLabel(type))});
    }
    if (std::find(offered.begin(), offered.end(), spec.type) == offered.end()) {
        // E.g. "thread" (planned insertions): shown, kept until another type is chosen.
        types.append({qs(spec.type), qs(spec.type)});
    }
    form->addChoice(QStringLiteral("type"), tr("Type"), types, qs(spec.type));
    QList<ParameterForm::Choice> targets{{QString(), tr("(not connected)")}};
    for (const auto& population : m_document->project().populations) {
        targets.append({qs(population.name), qs(population.name)});
    }
    form->addChoice(QStringLiteral("target"), tr("Records from"), targets, qs(spec.target));
    form->addNumber(
        QStringLiteral("contacts"),
        {tr("Contacts"), QString(), 1.0, 100000.0, true, tr("Number of recording contacts."), 1.0},
        spec.contacts);
    form->addNumber(QStringLiteral("spacing"),
                    {tr("Spacing"), QStringLiteral("\u00b5m"), 1e-3, 1e6, false,
                     tr("Distance between neighbouring contacts."), 100.0},
                    spec.spacingUm);

    const QString name = m_node;
    auto commit = [this, form, name](const QString& key, const ElectrodeSpec& edited,
                                     const QString& text) {
        QString error;
        const bool ok = m_document->updateElectrode(name, edited, text, &error);
        report(form, key, ok, error);
    };
    connect(form, &ParameterForm::textEdited, this,
            [commit, spec, name](const QString& key, const QString& text) {
                ElectrodeSpec edited = spec;
                edited.name = text.toStdString();
                commit(key, edited, tr("Rename %1 to %2").arg(name, text));
            });
    connect(form, &ParameterForm::choiceChanged, this,
            [commit, spec, name](const QString& key, const QString& data) {
                ElectrodeSpec edited = spec;
                if (key == QLatin1String("type")) {
                    edited.type = data.toStdString();
                    edited.contacts = ElectrodeSpec::defaultContacts(data.toStdString());
                } else {
                    edited.target = data.toStdString();
                }
                commit(key, edited, tr("Edit %1").arg(name));
            });
    connect(form, &ParameterForm::numberEdited, this,
            [commit, spec, name](const QString& key, double value) {
                ElectrodeSpec edited = spec;
                if (key == QLatin1String("contacts")) {
                    edited.contacts = static_cast<int>(value);
                } else if (key == QLatin1String("spacing")) {
                    edited.spacingUm = value;
                } else {
                    return; // placement fields: below
                }
                commit(key, edited, tr("Edit %1").arg(name));
            });
    buildElectrodePlacement(form, spec, commit);
}

void Inspector::setElectrodeSurface(std::shared_ptr<const geometry::SurfaceMesh> pial) {
    m_surface = std::move(pial);
    if (!m_node.isEmpty() && m_document->electrode(m_node)) {
        scheduleRebuild();
    }
}

template <typename Commit>
void Inspector::buildElectrodePlacement(ParameterForm* form, const ElectrodeSpec& spec,
                                        Commit commit) {
    form->addSection(tr("Placement"));
    if (!spec.sites.empty()) {
        form->addNote(tr("%n insertion site(s) from the placement planner.", "",
                         static_cast<int>(spec.sites.size())));
        return;
    }
    if (spec.type == "eeg" && !spec.scalpContacts.empty()) {
        form->addNote(tr("%n montage channel(s), shown on a head sphere around the cortex.", "",
                         static_cast<int>(spec.scalpContacts.size())));
        return;
    }
    const std::shared_ptr<const geometry::SurfaceMesh> surface = m_surface;
    const auto vertex = ElectrodePlacement::anchorVertex(spec);
    const double depth = ElectrodePlacement::depthUm(spec);
    std::optional<Eigen::Vector3d> point = ElectrodePlacement::anchorPoint(spec);
    if (!point && vertex && surface && *vertex >= 0 && *vertex < surface->vertexCount()) {
        point = surface->vertices().row(*vertex).cast<double>().transpose();
    }
    form->addNumber(QStringLiteral("anchorVertex"),
                    {tr("Anchor vertex"), QString(), -1.0, 2.0e9, true,
                     tr("Pial vertex where the device enters the cortex (-1: next to the "
                        "neurons)."),
                     std::nullopt},
                    static_cast<double>(vertex.value_or(-1)));
    form->addNumber(QStringLiteral("depth"),
                    {tr("Depth"), QStringLiteral("\u00b5m"), 0.0, 1.0e5, false,
                     tr("Depth of the deepest contact (shank length of a Utah array) below the "
                        "entry point, along the inward normal."),
                     std::nullopt},
                    depth);
    if (point) {
        const QString axes[3] = {QStringLiteral("anchorX"), QStringLiteral("anchorY"),
                                 QStringLiteral("anchorZ")};
        const QString labels[3] = {tr("Entry x"), tr("Entry y"), tr("Entry z")};
        for (int k = 0; k < 3; ++k) {
            form->addNumber(axes[k],
                            {labels[k], QStringLiteral("mm"), -1.0e4, 1.0e4, false,
                             tr("Entry point (mm, surface frame); the normal is taken at the "
                                "nearest vertex."),
                             std::nullopt},
                            (*point)[k]);
        }
    } else {
        form->addNote(tr("Entry x, y, z: place the electrode in the 3D view first."));
    }
    const QString name = m_node;
    connect(form, &ParameterForm::numberEdited, this,
            [this, commit, spec, name, surface, vertex, depth, point, form](const QString& key,
                                                                            double value) {
                if (key == QLatin1String("anchorVertex")) {
                    const auto v = static_cast<std::int64_t>(std::llround(value));
                    if (surface && v >= surface->vertexCount()) {
                        report(form, key, false,
                               tr("the surface has %1 vertices").arg(surface->vertexCount()));
                        return;
                    }
                    ElectrodeSpec edited = spec;
                    if (v < 0) {
                        edited.anchorVertex.reset();
                        edited.anchorMm.reset();
                    } else {
                        edited = ElectrodePlacement::withAnchor(spec, v, depth);
                    }
                    commit(key, edited, tr("Move %1").arg(name));
                } else if (key == QLatin1String("depth")) {
                    ElectrodeSpec edited = spec;
                    edited.depthUm = value;
                    commit(key, edited, tr("Change the depth of %1").arg(name));
                } else if (point &&
                           (key == QLatin1String("anchorX") || key == QLatin1String("anchorY") ||
                            key == QLatin1String("anchorZ"))) {
                    Eigen::Vector3d p = *point;
                    p[key == QLatin1String("anchorX")   ? 0
                      : key == QLatin1String("anchorY") ? 1
                                                        : 2] = value;
                    std::int64_t nearest = -1;
                    if (surface && !surface->isEmpty()) {
                        const Eigen::Vector3f q = p.cast<float>();
                        float best = 0.0f;
                        for (Eigen::Index i = 0; i < surface->vertexCount(); ++i) {
                            const float d =
                                (surface->vertices().row(i).transpose() - q).squaredNorm();
                            if (nearest < 0 || d < best) {
                                nearest = i;
                                best = d;
                            }
                        }
                    } else {
                        nearest = vertex.value_or(-1);
                    }
                    commit(key, ElectrodePlacement::withAnchorPoint(spec, p, nearest, depth),
                           tr("Move %1").arg(name));
                }
            });
}

void Inspector::buildProjection(ParameterForm* form) {
    const core::ProjectionSpec spec = *m_document->projection(m_projection);
    const core::ModelRegistry* registry = m_document->registry();
    const core::PopulationSpec* target = m_document->population(qs(spec.target));
    const core::ModelInfo* targetInfo =
        registry && target ? registry->info(target->model) : nullptr;
    const core::ModelInfo* synapseInfo =
        registry && spec.synapse != "static" ? registry->info(spec.synapse) : nullptr;
    m_title->setText(tr("<b>Projection</b> %1<br><small>%2 \u2192 %3</small>")
                         .arg(m_projection.toHtmlEscaped(), qs(spec.source).toHtmlEscaped(),
                              qs(spec.target).toHtmlEscaped()));
    form->addText(QStringLiteral("name"), tr("Name"), qs(spec.name));

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
    const QString projectFolder = m_document->filePath().isEmpty()
                                      ? QString()
                                      : QFileInfo(m_document->filePath()).absolutePath();
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
                const core::PopulationSpec* population = m_document->population(qs(end));
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
        for (const QString& node : m_document->nodeNames()) {
            if (m_document->emitsSpikes(node)) {
                modulators.append({node, node});
            }
        }
        form->addChoice(QStringLiteral("modulator"), tr("Modulator"), modulators,
                        qs(spec.modulator),
                        tr("Population whose spikes modulate the plasticity rule (three-factor "
                           "rules)."));
    }

    const QString name = m_projection;
    auto commit = [this, form, name](const QString& key, const core::ProjectionSpec& edited,
                                     const QString& text) {
        QString error;
        const bool ok = m_document->updateProjection(name, edited, text, &error);
        // A rule parameter's field names it: its error line says only what is wrong.
        const QString own = QStringLiteral("connectivity.%1: ").arg(key.mid(5));
        if (key.startsWith(QLatin1String("conn:")) && error.startsWith(own)) {
            error = error.mid(own.size());
        }
        report(form, key, ok, error);
    };
    connect(form, &ParameterForm::textEdited, this,
            [form, commit, spec, name, projectFolder](const QString& key, const QString& text) {
                core::ProjectionSpec edited = spec;
                if (key == QLatin1String("name")) {
                    edited.name = text.toStdString();
                    commit(key, edited, tr("Rename %1 to %2").arg(name, text));
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
                    commit(key, edited, tr("Read the synapses of %1 from %2").arg(name, file));
                } else {
                    edited.receptor = text.toStdString();
                    commit(key, edited, tr("Change input of %1").arg(name));
                }
            });
    connect(form, &ParameterForm::choiceChanged, this,
            [commit, spec, name](const QString& key, const QString& data) {
                core::ProjectionSpec edited = spec;
                if (key == QLatin1String("receptor")) {
                    edited.receptor = data.toStdString();
                    commit(key, edited, tr("Change input of %1 to %2").arg(name, data));
                } else if (key == QLatin1String("rule")) {
                    edited.connectivity.rule = data.toStdString();
                    edited.connectivity.params.clear();
                    edited.connectivity.file.clear();
                    edited.connectivity.edges = {};
                    if (const core::ConnectivityRule* rule =
                            core::ConnectivityRule::find(edited.connectivity.rule)) {
                        for (const core::ConnectivityParameter& parameter : rule->parameters) {
                            edited.connectivity.params[parameter.key] = parameter.defaultValue;
                        }
                    }
                    commit(key, edited, tr("Connect %1 %2").arg(name, data));
                } else if (key == QLatin1String("synapse")) {
                    edited.synapse = data.toStdString();
                    edited.synapseParams.clear();
                    if (edited.synapse == "static") {
                        edited.modulator.clear();
                    }
                    commit(key, edited, tr("Use %1 synapses on %2").arg(data, name));
                } else if (key == QLatin1String("modulator")) {
                    edited.modulator = data.toStdString();
                    commit(key, edited, tr("Set modulator of %1").arg(name));
                }
            });
    connect(form, &ParameterForm::numberEdited, this,
            [commit, spec, synapseInfo, name](const QString& key, double value) {
                core::ProjectionSpec edited = spec;
                if (key.startsWith(QLatin1String("conn:"))) {
                    edited.connectivity.params[key.mid(5).toStdString()] = value;
                    commit(key, edited, tr("Set %1.%2").arg(name, key.mid(5)));
                } else if (key.startsWith(QLatin1String("synparam:"))) {
                    setParam(edited.synapseParams, synapseInfo, key.mid(9).toStdString(), value);
                    commit(key, edited, tr("Set %1.%2").arg(name, key.mid(9)));
                }
            });
    connect(form, &ParameterForm::checkToggled, this,
            [commit, spec, name](const QString& key, bool on) {
                core::ProjectionSpec edited = spec;
                edited.connectivity.autapses = on;
                commit(key, edited, tr("Set autapses of %1").arg(name));
            });
    connect(form, &ParameterForm::valueEdited, this,
            [commit, spec, name](const QString& key, const core::ValueSpec& value) {
                core::ProjectionSpec edited = spec;
                (key == QLatin1String("weight") ? edited.weight : edited.delayMs) = value;
                commit(key, edited,
                       tr("Set %1 of %2")
                           .arg(key == QLatin1String("weight") ? tr("weight") : tr("delay"), name));
            });
}

} // namespace plexus::widgets
