#include "PerturbMenu.h"

#include "PerturbDialog.h"
#include "RunController.h"

#include <QAction>
#include <QMenu>
#include <QPointer>
#include <algorithm>
#include <plexus/core/project/ProjectSpec.h>

namespace plexus::app {

void PerturbMenu::addTo(QMenu& menu, RunController& run, const core::ProjectSpec& project,
                        const QString& node, const QString& edge, QWidget* parent) {
    const std::string name = (node.isEmpty() ? edge : node).toStdString();
    QStringList kinds;
    QStringList labels;
    if (!node.isEmpty() && project.findPopulation(name) != nullptr) {
        kinds << QStringLiteral("silence") << QStringLiteral("drive") << QStringLiteral("clamp");
        labels << QObject::tr("&Silence…") << QObject::tr("&Drive…") << QObject::tr("&Clamp…");
    } else if (!node.isEmpty() &&
               std::any_of(project.stimuli.begin(), project.stimuli.end(),
                           [&](const core::StimulusSpec& s) { return s.name == name; })) {
        kinds << QStringLiteral("silence");
        labels << QObject::tr("&Silence…");
    } else if (!edge.isEmpty() &&
               std::any_of(project.projections.begin(), project.projections.end(),
                           [&](const core::ProjectionSpec& p) { return p.name == name; })) {
        kinds << QStringLiteral("scale_weights") << QStringLiteral("lesion");
        labels << QObject::tr("Scale &Weights…") << QObject::tr("&Lesion…");
    } else {
        return;
    }
    const QString target = QString::fromStdString(name);
    QMenu* sub = menu.addMenu(QObject::tr("Perturb &Now"));
    sub->setObjectName(QStringLiteral("perturbMenu"));
    menu.setToolTipsVisible(true);
    QPointer<RunController> controller(&run);
    for (qsizetype i = 0; i < kinds.size(); ++i) {
        QAction* action = sub->addAction(labels[i]);
        action->setObjectName(QStringLiteral("perturb_") + kinds[i]);
        const QString kind = kinds[i];
        QObject::connect(action, &QAction::triggered, parent, [controller, kind, target, parent] {
            if (!controller) {
                return;
            }
            const QStringList variables =
                kind == QLatin1String("clamp") ? controller->stateVariables(target) : QStringList();
            PerturbDialog dialog(kind, target, variables, parent);
            if (dialog.exec() != QDialog::Accepted || !controller) {
                return;
            }
            if (!controller->perturbNow(dialog.perturbation(), dialog.durationMs())) {
                Q_EMIT controller->message(
                    QObject::tr("Perturbation not applied: no run is going."), true, false);
            }
        });
    }
    if (!run.canPerturb()) {
        sub->menuAction()->setEnabled(false);
        sub->menuAction()->setToolTip(
            QObject::tr("Start a run (F5) to perturb %1 while it goes").arg(target));
    } else {
        sub->menuAction()->setToolTip(
            QObject::tr("Change %1 in the running network from now on").arg(target));
    }
}

} // namespace plexus::app
