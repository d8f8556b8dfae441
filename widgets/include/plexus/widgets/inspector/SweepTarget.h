#pragma once

#include <QString>

namespace plexus::widgets {

class Document;

/**
 * @brief A number of the project that a parameter sweep can vary: its parameter path (the
 *        syntax of core::ParameterPath), the value it holds now and the range it allows.
 *
 * pathOf() is the one rule that turns an inspector field into a parameter path:
 * - population fields "size" and "param:KEY" -> `populations.NAME.size`,
 *   `populations.NAME.params.KEY`;
 * - stimulus fields "size" and "param:KEY" -> `stimuli.NAME.size`, `stimuli.NAME.params.KEY`;
 * - projection fields "conn:KEY", "weight", "delay" and "synparam:KEY" ->
 *   `projections.NAME.connectivity.KEY`, `projections.NAME.weight`,
 *   `projections.NAME.delay_ms`, `projections.NAME.synapse.params.KEY`;
 * - project fields "dt", "duration" and "seed" -> `simulation.dt_ms`, `simulation.duration_s`,
 *   `simulation.seed`.
 */
struct SweepTarget {
    QString path;             ///< parameter path, e.g. "populations.E.params.tau_m"
    QString label;            ///< the field's label, e.g. "Membrane time constant"
    QString unit;             ///< the field's unit (may be empty)
    double value = 0.0;       ///< the value the project holds now
    double minValue = -1e300; ///< smallest allowed value
    double maxValue = 1e300;  ///< largest allowed value
    bool integer = false;     ///< whole numbers only

    /**
     * @brief The parameter path of inspector field @p key of the element shown: node
     *        @p node (a population or stimulus of @p document) or projection @p projection,
     *        or the project settings when both are empty. Empty when the field is not a
     *        number a sweep can vary.
     */
    static QString pathOf(const Document& document, const QString& node, const QString& projection,
                          const QString& key);
};

} // namespace plexus::widgets
