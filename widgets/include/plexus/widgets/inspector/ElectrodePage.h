#pragma once

#include "plexus/widgets/document/ElectrodeSpec.h"
#include "plexus/widgets/inspector/InspectorPage.h"

#include <memory>

namespace plexus::geometry {
class SurfaceMesh;
}

namespace plexus::widgets {

/**
 * @brief Inspector page of an electrode.
 *
 * Heading: "Electrode", the name and the device type's label. Fields: "name", "type" (the
 * editor's device types, plus a stored type it does not offer), "target" (the population it
 * records from), "contacts" and "spacing" (µm), then the placement: "anchorVertex" (-1: next
 * to the neurons), "depth" (µm) and the entry point "anchorX", "anchorY", "anchorZ" (mm).
 * Electrodes placed by the planner or EEG montages show a note instead of the placement
 * fields. With a pial surface, a vertex anchor shows its x, y, z, vertex numbers are checked
 * against the surface, and an x, y, z edit anchors at the nearest vertex. Each edit is one
 * Document::updateElectrode.
 */
class ElectrodePage : public InspectorPage {
    Q_OBJECT

public:
    /// The page of electrode @p name of @p document (which must hold it and outlive the page),
    /// placed on @p surface (may be null).
    ElectrodePage(Document* document, const QString& name,
                  std::shared_ptr<const geometry::SurfaceMesh> surface, QWidget* parent = nullptr);

private:
    void addPlacement(const ElectrodeSpec& spec);
    void commit(const QString& key, const ElectrodeSpec& edited, const QString& text);

    QString m_name;
    std::shared_ptr<const geometry::SurfaceMesh> m_surface;
};

} // namespace plexus::widgets
