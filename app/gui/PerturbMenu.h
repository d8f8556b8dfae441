#pragma once

#include <QString>

class QMenu;
class QWidget;

namespace plexus::core {
struct ProjectSpec;
} // namespace plexus::core

namespace plexus::app {

class RunController;

/**
 * @brief The "Perturb now" submenu of the circuit editor's context menu: on a population node
 * Silence…, Drive… and Clamp… (a stimulus node: Silence…), on a projection edge Scale
 * Weights… and Lesion…. Each asks for its values (PerturbDialog) and perturbs the running
 * network from then on (RunController::perturbNow()). Disabled, with a tooltip saying why,
 * while no run is going.
 */
class PerturbMenu {
public:
    /**
     * @brief Adds the submenu to @p menu for node @p node or edge @p edge of @p project
     * (nothing for other nodes, links or empty names); dialogs open over @p parent.
     */
    static void addTo(QMenu& menu, RunController& run, const core::ProjectSpec& project,
                      const QString& node, const QString& edge, QWidget* parent);
};

} // namespace plexus::app
