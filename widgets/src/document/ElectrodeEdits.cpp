#include "plexus/widgets/document/ElectrodeEdits.h"

#include "plexus/geometry/placement/ElectrodePlacement.h"
#include "plexus/widgets/document/Document.h"
#include "plexus/widgets/document/ProjectLayout.h"

#include <algorithm>

namespace plexus::widgets {

QString ElectrodeEdits::addElectrode(Document& document, ElectrodeSpec spec, const QString& text,
                                     QString* error) {
    const QString base =
        spec.name.empty() ? QStringLiteral("Electrode") : QString::fromStdString(spec.name);
    const QString name = document.uniqueNodeName(base);
    spec.name = name.toStdString();
    if (spec.contacts < 1) {
        spec.contacts = 1;
    }
    core::ProjectSpec after = document.project();
    auto list = after.electrodes;
    list.push_back(spec);
    after.electrodes = list;
    // Below everything placed in the circuit editor.
    double bottom = 0.0;
    bool any = false;
    for (const QString& node : document.nodeNames()) {
        if (const auto position = ProjectLayout::position(after, node)) {
            bottom = any ? std::max(bottom, position->y()) : position->y();
            any = true;
        }
    }
    ProjectLayout::setPosition(after, name, QPointF(0.0, any ? bottom + 120.0 : 0.0));
    if (!document.applyEdit(after,
                            text.isEmpty() ? Document::tr("Add electrode %1").arg(name) : text)) {
        if (error != nullptr) {
            *error = Document::tr("The electrode could not be added.");
        }
        return {};
    }
    return name;
}

bool ElectrodeEdits::placeElectrode(Document& document, const QString& name, qint64 vertex,
                                    double depthUm, QString* error) {
    const auto spec = document.electrode(name);
    if (!spec.has_value()) {
        if (error != nullptr) {
            *error = Document::tr("No electrode named \"%1\".").arg(name);
        }
        return false;
    }
    return document.updateElectrode(
        name, geometry::ElectrodePlacement::withAnchor(*spec, vertex, depthUm),
        Document::tr("Place %1").arg(name), error);
}

} // namespace plexus::widgets
