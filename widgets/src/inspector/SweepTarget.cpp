#include "plexus/widgets/inspector/SweepTarget.h"

#include "plexus/widgets/document/Document.h"

namespace plexus::widgets {

QString SweepTarget::pathOf(const Document& document, const QString& node,
                            const QString& projection, const QString& key) {
    const auto suffix = [&key](const QString& prefix) {
        return key.startsWith(prefix) ? key.mid(prefix.size()) : QString();
    };
    if (!projection.isEmpty()) {
        if (document.projection(projection) == nullptr) {
            return {};
        }
        const QString base = QStringLiteral("projections.") + projection;
        if (key == QLatin1String("weight")) {
            return base + QStringLiteral(".weight");
        }
        if (key == QLatin1String("delay")) {
            return base + QStringLiteral(".delay_ms");
        }
        if (const QString conn = suffix(QStringLiteral("conn:")); !conn.isEmpty()) {
            return base + QStringLiteral(".connectivity.") + conn;
        }
        if (const QString param = suffix(QStringLiteral("synparam:")); !param.isEmpty()) {
            return base + QStringLiteral(".synapse.params.") + param;
        }
        return {};
    }
    if (!node.isEmpty()) {
        QString base;
        if (document.population(node) != nullptr) {
            base = QStringLiteral("populations.") + node;
        } else if (document.stimulus(node) != nullptr) {
            base = QStringLiteral("stimuli.") + node;
        } else {
            return {};
        }
        if (key == QLatin1String("size")) {
            return base + QStringLiteral(".size");
        }
        if (const QString param = suffix(QStringLiteral("param:")); !param.isEmpty()) {
            return base + QStringLiteral(".params.") + param;
        }
        return {};
    }
    if (key == QLatin1String("dt")) {
        return QStringLiteral("simulation.dt_ms");
    }
    if (key == QLatin1String("duration")) {
        return QStringLiteral("simulation.duration_s");
    }
    if (key == QLatin1String("seed")) {
        return QStringLiteral("simulation.seed");
    }
    return {};
}

} // namespace plexus::widgets
