#include "plexus/widgets/inspector/ElectrodePage.h"

#include "plexus/geometry/placement/ElectrodePlacement.h"
#include "plexus/widgets/document/Document.h"

#include <algorithm>
#include <cmath>

namespace plexus::widgets {

using geometry::ElectrodePlacement;

ElectrodePage::ElectrodePage(Document* document, const QString& name,
                             std::shared_ptr<const geometry::SurfaceMesh> surface, QWidget* parent)
    : InspectorPage(document, parent)
    , m_name(name)
    , m_surface(std::move(surface)) {
    ParameterForm* form = this->form();
    const ElectrodeSpec spec = *document->electrode(name);
    setHeading(tr("<b>Electrode</b> %1<br><small>%2</small>")
                   .arg(name.toHtmlEscaped(), qs(ElectrodeSpec::kindLabel(spec.type))));
    addNameField(spec.name);
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
    form->addChoice(QStringLiteral("target"), tr("Records from"), populationChoices(),
                    qs(spec.target));
    form->addNumber(
        QStringLiteral("contacts"),
        {tr("Contacts"), QString(), 1.0, 100000.0, true, tr("Number of recording contacts."), 1.0},
        spec.contacts);
    form->addNumber(QStringLiteral("spacing"),
                    {tr("Spacing"), QStringLiteral("\u00b5m"), 1e-3, 1e6, false,
                     tr("Distance between neighbouring contacts."), 100.0},
                    spec.spacingUm);

    connect(form, &ParameterForm::textEdited, this,
            [this, spec](const QString& key, const QString& text) {
                ElectrodeSpec edited = spec;
                edited.name = text.toStdString();
                commit(key, edited, tr("Rename %1 to %2").arg(m_name, text));
            });
    connect(form, &ParameterForm::choiceChanged, this,
            [this, spec](const QString& key, const QString& choice) {
                ElectrodeSpec edited = spec;
                if (key == QLatin1String("type")) {
                    edited.type = choice.toStdString();
                    edited.contacts = ElectrodeSpec::defaultContacts(choice.toStdString());
                } else {
                    edited.target = choice.toStdString();
                }
                commit(key, edited, tr("Edit %1").arg(m_name));
            });
    connect(form, &ParameterForm::numberEdited, this,
            [this, spec](const QString& key, double value) {
                ElectrodeSpec edited = spec;
                if (key == QLatin1String("contacts")) {
                    edited.contacts = static_cast<int>(value);
                } else if (key == QLatin1String("spacing")) {
                    edited.spacingUm = value;
                } else {
                    return; // placement fields: addPlacement()
                }
                commit(key, edited, tr("Edit %1").arg(m_name));
            });
    addPlacement(spec);
}

void ElectrodePage::addPlacement(const ElectrodeSpec& spec) {
    ParameterForm* form = this->form();
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
    connect(form, &ParameterForm::numberEdited, this,
            [this, spec, surface, vertex, depth, point](const QString& key, double value) {
                if (key == QLatin1String("anchorVertex")) {
                    const auto v = static_cast<std::int64_t>(std::llround(value));
                    if (surface && v >= surface->vertexCount()) {
                        report(key, false,
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
                    commit(key, edited, tr("Move %1").arg(m_name));
                } else if (key == QLatin1String("depth")) {
                    ElectrodeSpec edited = spec;
                    edited.depthUm = value;
                    commit(key, edited, tr("Change the depth of %1").arg(m_name));
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
                           tr("Move %1").arg(m_name));
                }
            });
}

void ElectrodePage::commit(const QString& key, const ElectrodeSpec& edited, const QString& text) {
    QString error;
    const bool ok = document()->updateElectrode(m_name, edited, text, &error);
    report(key, ok, error);
}

} // namespace plexus::widgets
