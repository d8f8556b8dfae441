#include "plexus/widgets/inspector/ProjectPage.h"

#include "plexus/widgets/document/Document.h"
#include "plexus/widgets/plots/CountText.h"

#include <exception>
#include <plexus/core/project/TrialSchedule.h>

namespace plexus::widgets {

ProjectPage::ProjectPage(Document* document, QWidget* parent)
    : InspectorPage(document, parent) {
    ParameterForm* form = this->form();
    const core::ProjectSpec& project = document->project();
    setHeading(tr("<b>Project</b> %1").arg(document->displayName().toHtmlEscaped()));
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
                 countText(std::ssize(document->electrodes()), tr("electrode"), tr("electrodes"))));

    form->addSection(tr("Protocol"));
    m_protocol = project.protocol;
    if (project.protocol) {
        const core::ProtocolSpec& protocol = *project.protocol;
        QString length = QStringLiteral("?");
        try {
            length = format(core::TrialSchedule::runLengthS(project));
        } catch (const std::exception&) {
        }
        form->addNote(
            tr("%1 × %2 of %3 ms (%4), %5; a run lasts %6 s (not the duration "
               "above).")
                .arg(countText(std::ssize(protocol.conditions), tr("condition"), tr("conditions")),
                     countText(protocol.trials, tr("trial"), tr("trials")),
                     format(protocol.trialMs), qs(protocol.order),
                     countText(std::ssize(protocol.perturbations), tr("perturbation"),
                               tr("perturbations")),
                     length));
    } else {
        form->addNote(tr("None: a run lasts the duration above. A protocol repeats conditions "
                         "in trials, with perturbations."));
    }
    form->addButton(QStringLiteral("editProtocol"), QString(), tr("Edit protocol…"),
                    tr("Conditions, trials and perturbations of the run (Run ▸ "
                       "Protocol…)"));
    connect(form, &ParameterForm::buttonClicked, this, [this](const QString& key) {
        if (key == QLatin1String("editProtocol")) {
            Q_EMIT protocolRequested();
        }
    });

    auto commit = [this](const QString& key, auto change) {
        core::ProjectSpec copy = this->document()->project();
        QString name = qs(copy.name);
        QString description = qs(copy.description);
        core::SimulationSpec simulation = copy.simulation;
        change(name, description, simulation);
        QString error;
        const bool ok =
            this->document()->updateProjectInfo(name, description, simulation, {}, &error);
        report(key, ok, error);
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

bool ProjectPage::protocolChanged() const {
    return m_protocol != document()->project().protocol;
}

} // namespace plexus::widgets
