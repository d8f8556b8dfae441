#include "plexus/widgets/cortex/CortexPanel.h"

#include "plexus/core/project/ProjectSpec.h"
#include "plexus/geometry/placement/CortexPlacement.h"
#include "plexus/geometry/placement/ElectrodePlacement.h"
#include "plexus/geometry/placement/ProjectGeometry.h"
#include "plexus/geometry/probes/ElectrodeCsv.h"
#include "plexus/geometry/probes/MontageReader.h"
#include "plexus/geometry/vessels/VesselGenerator.h"
#include "plexus/widgets/cortex/CortexActivity.h"
#include "plexus/widgets/cortex/CortexView.h"
#include "plexus/widgets/cortex/PlannerDialog.h"
#include "plexus/widgets/cortex/SurfaceLoader.h"
#include "plexus/widgets/live/LiveRecording.h"

#include <Eigen/Geometry>
#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLabel>
#include <QMenu>
#include <QMetaMethod>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <exception>

namespace plexus::widgets {

namespace {

/// What decides the surfaces of @p cortex (setCortex() skips a cortex already shown).
std::string cortexKey(const std::optional<core::CortexSpec>& cortex, const QString& folder) {
    if (!cortex.has_value() || cortex->isProcedural()) {
        return "procedural " + std::to_string(cortex.has_value() ? cortex->seed : 1);
    }
    return "file " + folder.toStdString() + "\n" + cortex->surface + "\n" + cortex->whiteSurface;
}

} // namespace

CortexPanel::CortexPanel(QWidget* parent)
    : QWidget(parent) {
    const bool rendering = VtkOpenGLWidget::isRenderingSupported();
    if (rendering) {
        m_view = new CortexView(this);
    } else {
        // Not a child: a QOpenGLWidget in a window makes Qt compose it with OpenGL, which the
        // offscreen platform cannot do.
        m_detachedView = std::make_unique<CortexView>();
        m_view = m_detachedView.get();
    }
    m_cortexKey = cortexKey(std::nullopt, QString()); // the view starts with it
    m_toolBar = new QToolBar(this);
    m_toolBar->setIconSize(QSize(16, 16));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    // Rarely used actions sit in menus, so the bar fits a 1280 px wide window.
    const auto addMenu = [this](const QString& text, const QString& tip) {
        auto* button = new QToolButton(m_toolBar);
        button->setText(text);
        button->setToolTip(tip);
        button->setPopupMode(QToolButton::InstantPopup);
        auto* menu = new QMenu(button);
        button->setMenu(menu);
        m_toolBar->addWidget(button);
        return menu;
    };
    // Every action is also the panel's (actions() lists them all).
    const auto add = [this](QWidget* where, const QString& text, const QString& tip) {
        auto* action = new QAction(text, this);
        action->setToolTip(tip);
        where->addAction(action);
        addAction(action);
        return action;
    };

    QMenu* surface = addMenu(tr("Surface"), tr("Load a cortical surface or go back to the "
                                               "default one"));
    QAction* load = add(surface, tr("Load surface…"),
                        tr("Load a cortical surface: FreeSurfer (lh.pial…), GIfTI, OBJ, PLY, "
                           "STL, VTK or VTP"));
    connect(load, &QAction::triggered, this, &CortexPanel::chooseSurfaceFile);
    QAction* procedural =
        add(surface, tr("Default cortex"), tr("Show the built-in procedural folded cortex"));
    connect(procedural, &QAction::triggered, this, [this] {
        if (isSignalConnected(QMetaMethod::fromSignal(&CortexPanel::cortexChosen))) {
            Q_EMIT cortexChosen(QString());
        } else {
            setCortex(std::nullopt, QString());
        }
    });
    m_toolBar->addSeparator();

    const auto addPreset = [&](const QString& text, CortexView::CameraPreset preset,
                               const QString& tip) {
        QAction* action = add(m_toolBar, text, tip);
        connect(action, &QAction::triggered, this,
                [this, preset] { m_view->setCameraPreset(preset); });
    };
    addPreset(tr("Lateral"), CortexView::CameraPreset::Lateral, tr("View the lateral side (L)"));
    addPreset(tr("Medial"), CortexView::CameraPreset::Medial, tr("View the medial side (M)"));
    addPreset(tr("Dorsal"), CortexView::CameraPreset::Dorsal, tr("View from above (D)"));
    QAction* reset = add(m_toolBar, tr("Reset"), tr("Reset the camera to the lateral view (R)"));
    connect(reset, &QAction::triggered, m_view, &CortexView::resetCamera);
    QAction* neurons = add(m_toolBar, tr("Neurons"),
                           tr("Look at the project's neurons and electrodes, with the cortex "
                              "around them"));
    connect(neurons, &QAction::triggered, this, &CortexPanel::focusNeurons);
    m_toolBar->addSeparator();

    m_coloring = new QComboBox(m_toolBar);
    m_coloring->addItem(tr("Curvature"), static_cast<int>(CortexView::Coloring::Curvature));
    m_coloring->addItem(tr("Sulcal depth"), static_cast<int>(CortexView::Coloring::SulcalDepth));
    m_coloring->addItem(tr("Thickness"), static_cast<int>(CortexView::Coloring::Thickness));
    m_coloring->addItem(tr("Plain"), static_cast<int>(CortexView::Coloring::Solid));
    m_coloring->setToolTip(tr("Surface colouring"));
    m_toolBar->addWidget(m_coloring);
    connect(m_coloring, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_view->setColoring(static_cast<CortexView::Coloring>(m_coloring->itemData(index).toInt()));
    });
    m_whiteAction = add(m_toolBar, tr("White matter"),
                        tr("Show the white-matter surface under a translucent pial surface"));
    m_whiteAction->setCheckable(true);
    connect(m_whiteAction, &QAction::toggled, m_view, &CortexView::setWhiteSurfaceVisible);
    m_toolBar->addSeparator();

    m_placeAction = add(m_toolBar, tr("Place electrode"),
                        tr("Click or drag on the surface to move the selected (or first) "
                           "electrode there (one undo step per placement)"));
    m_placeAction->setCheckable(true);
    connect(m_placeAction, &QAction::toggled, this,
            [this](bool on) { m_view->setDragPicking(on); });
    QMenu* electrodes = addMenu(tr("Electrodes"), tr("Plan insertions, import an EEG montage, "
                                                     "export the contacts"));
    QAction* plan = add(electrodes, tr("Plan…"),
                        tr("Plan insertion sites around the last picked vertex: coverage "
                           "baseline and optimised layout side by side"));
    connect(plan, &QAction::triggered, this, [this] { openPlanner(); });
    QAction* montage = add(electrodes, tr("Import montage…"),
                           tr("Import an EEG montage (.elc, .sfp, .txt, .csd) as an EEG "
                              "electrode on a head sphere around the cortex"));
    connect(montage, &QAction::triggered, this, &CortexPanel::chooseMontageFile);
    QAction* exportCsv = add(electrodes, tr("Export contacts…"),
                             tr("Write the electrode contact coordinates (mm) to a CSV file"));
    connect(exportCsv, &QAction::triggered, this, &CortexPanel::chooseElectrodeCsvFile);
    QMenu* vessels = addMenu(tr("Vessels"), tr("Blood vessels and the contacts too close to "
                                               "them"));
    m_vesselAction = add(vessels, tr("Show vessels"),
                         tr("Show a procedural vessel tree and mark contacts closer than the "
                            "safety margin"));
    m_vesselAction->setCheckable(true);
    connect(m_vesselAction, &QAction::toggled, this, [this] { rebuildVessels(); });
    connect(m_vesselAction, &QAction::triggered, this,
            [this](bool checked) { Q_EMIT vesselsChosen(checked); });
    QAction* loadVessels = add(vessels, tr("Load vessels…"),
                               tr("Load a vessel graph from nodes and edges CSV files (mm)"));
    connect(loadVessels, &QAction::triggered, this, &CortexPanel::chooseVesselFiles);
    m_toolBar->addSeparator();

    QAction* exportPng =
        add(m_toolBar, tr("Export PNG…"), tr("Save the view as a PNG image at twice its size"));
    connect(exportPng, &QAction::triggered, this, &CortexPanel::chooseExportFile);

    m_status = new QLabel(this);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setContentsMargins(4, 2, 4, 2);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    if (rendering) {
        layout->addWidget(m_view, 1);
    } else {
        auto* note = new QLabel(tr("The 3D view needs an OpenGL display (platform \"%1\").")
                                    .arg(QGuiApplication::platformName()),
                                this);
        note->setAlignment(Qt::AlignCenter);
        layout->addWidget(note, 1);
    }
    layout->addWidget(m_status);

    connect(m_view, &CortexView::surfaceChanged, this, [this] {
        m_whiteAction->setEnabled(m_view->whiteSurface().has_value());
        if (!m_view->whiteSurface().has_value()) {
            m_whiteAction->setChecked(false);
        }
        updateStatus();
        if (m_project != nullptr) {
            updatePlacement();
        }
        rebuildElectrodes();
    });
    // Dragging moves the electrode on screen; the release places it (one document edit).
    connect(m_view, &CortexView::vertexDragged, this, [this](qint64 vertex, QVector3D) {
        if (isPlacingElectrode() && !m_electrodeSpecs.empty()) {
            placeElectrodeAt(vertex, false);
        }
    });
    connect(m_view, &CortexView::vertexPicked, this, [this](qint64 vertex, QVector3D p) {
        if (isPlacingElectrode() && !m_electrodeSpecs.empty()) {
            placeElectrodeAt(vertex);
            return;
        }
        m_lastPickedVertex = vertex;
        m_status->setText(tr("%1 — vertex %2 at (%3, %4, %5) mm")
                              .arg(m_view->surfaceName())
                              .arg(vertex)
                              .arg(p.x(), 0, 'f', 1)
                              .arg(p.y(), 0, 'f', 1)
                              .arg(p.z(), 0, 'f', 1));
    });
    updateStatus();
}

CortexPanel::~CortexPanel() = default;

bool CortexPanel::loadSurfaceFile(const QString& path) {
    core::CortexSpec cortex;
    cortex.surface = path.toStdString();
    return setCortex(cortex, QString());
}

bool CortexPanel::setCortex(const std::optional<core::CortexSpec>& cortex,
                            const QString& projectFolder) {
    const std::string key = cortexKey(cortex, projectFolder);
    if (key == m_cortexKey) {
        return true;
    }
    std::vector<std::string> warnings;
    try {
        geometry::ProjectGeometry geometry = geometry::ProjectGeometry::load(
            cortex, projectFolder.toStdString(), &warnings, &SurfaceLoader::read);
        m_cortexKey = key;
        m_view->setSurfaces(std::move(geometry.pial), std::move(geometry.white),
                            QString::fromStdString(geometry.name));
    } catch (const std::exception& e) {
        m_status->setText(tr("Could not load the surface: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }
    if (!warnings.empty()) {
        QStringList list;
        for (const std::string& w : warnings) {
            list << QString::fromStdString(w);
        }
        m_status->setText(m_status->text() + QStringLiteral(" — ") +
                          list.join(QStringLiteral("; ")));
    }
    return true;
}

void CortexPanel::setVesselSpec(const std::optional<core::VesselSpec>& vessels) {
    const core::VesselSpec spec = vessels.value_or(core::VesselSpec{});
    const bool changed = !(spec == m_vesselSpec);
    m_vesselSpec = spec;
    if (m_vesselAction->isChecked() != spec.enabled) {
        m_vesselAction->setChecked(spec.enabled); // rebuilds through toggled()
    } else if (changed && spec.enabled) {
        rebuildVessels();
    }
}

bool CortexPanel::exportPngFile(const QString& path, double scale) {
    if (!m_view->exportPng(path, scale)) {
        m_status->setText(tr("Export failed: %1").arg(m_view->lastError()));
        return false;
    }
    m_status->setText(tr("Exported %1").arg(QFileInfo(path).fileName()));
    return true;
}

QString CortexPanel::statusText() const {
    return m_status->text();
}

void CortexPanel::chooseSurfaceFile() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Load surface"), QString(),
                                                      SurfaceLoader::fileDialogFilter());
    if (path.isEmpty()) {
        return;
    }
    if (isSignalConnected(QMetaMethod::fromSignal(&CortexPanel::cortexChosen))) {
        Q_EMIT cortexChosen(path);
    } else {
        loadSurfaceFile(path);
    }
}

void CortexPanel::chooseExportFile() {
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export 3D view"), QStringLiteral("cortex.png"), tr("PNG images (*.png)"));
    if (path.isEmpty()) {
        return;
    }
    if (!path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive)) {
        path += QStringLiteral(".png");
    }
    exportPngFile(path, 2.0);
}

void CortexPanel::updateStatus() {
    const auto& pial = m_view->pialSurface();
    m_status->setText(
        tr("%1 — %2 vertices, %3 triangles%4")
            .arg(m_view->surfaceName())
            .arg(pial.vertexCount())
            .arg(pial.triangleCount())
            .arg(m_view->whiteSurface().has_value() ? tr(", with white surface") : QString()));
}

void CortexPanel::setLiveData(const core::ProjectSpec* project, const LiveRecording* recording) {
    m_project = project;
    m_recording = recording;
    updatePlacement();
    setElectrodes(project != nullptr ? project->electrodes : std::vector<ElectrodeSpec>{});
}

void CortexPanel::setElectrodes(const std::vector<ElectrodeSpec>& electrodes) {
    m_electrodeSpecs = electrodes;
    rebuildElectrodes();
}

std::int64_t CortexPanel::defaultAnchorVertex() const {
    if (m_placement != nullptr && m_placement->anchorVertex() >= 0) {
        return m_placement->anchorVertex();
    }
    const auto& white = m_view->whiteSurface();
    return geometry::CortexPlacement::defaultAnchor(m_view->pialSurface(),
                                                    white.has_value() ? &*white : nullptr);
}

void CortexPanel::rebuildElectrodes() {
    const auto& pial = m_view->pialSurface();
    if (m_electrodeSpecs.empty() || pial.isEmpty()) {
        m_view->setElectrodes({});
        return;
    }
    // Each electrode defaults to the middle of the population it records from.
    const auto& white = m_view->whiteSurface();
    m_view->setElectrodes(geometry::ElectrodePlacement::buildAround(
        m_electrodeSpecs, pial, white.has_value() ? &*white : nullptr, m_placement.get(),
        defaultAnchorVertex()));
    if (areVesselsVisible()) {
        rebuildVessels();
    }
}

bool CortexPanel::areVesselsVisible() const {
    return m_vesselAction->isChecked();
}

void CortexPanel::setVesselsVisible(bool visible) {
    if (m_vesselAction->isChecked() != visible) {
        m_vesselAction->setChecked(visible); // rebuilds through toggled()
    } else {
        rebuildVessels();
    }
}

void CortexPanel::setVesselMarginMm(double margin) {
    m_vesselMarginMm = margin;
    if (areVesselsVisible()) {
        rebuildVessels();
    }
}

void CortexPanel::rebuildVessels() {
    m_vesselConflicts = 0;
    const auto& pial = m_view->pialSurface();
    if (!areVesselsVisible() || pial.isEmpty()) {
        if (m_view->vessels().edgeCount() > 0) {
            m_view->setVessels(geometry::VesselGraph{});
            m_view->setElectrodes(m_view->electrodes());
        }
        return;
    }
    geometry::VesselGraph vessels;
    try {
        if (m_loadedVessels.has_value()) {
            vessels = *m_loadedVessels;
        } else {
            geometry::VesselGenerator::Options options;
            const std::int64_t anchor = defaultAnchorVertex();
            options.rootVertices = {anchor};
            options.seed = m_vesselSpec.seed;
            options.trees = m_vesselSpec.trees;
            options.generations = m_vesselSpec.generations;
            if (pial.hasNormals()) {
                vessels = geometry::VesselGenerator::generate(pial, options);
            } else {
                geometry::SurfaceMesh withNormals = pial;
                withNormals.computeNormals();
                vessels = geometry::VesselGenerator::generate(withNormals, options);
            }
        }
    } catch (const std::exception& e) {
        m_status->setText(tr("Could not grow vessels: %1").arg(QString::fromUtf8(e.what())));
        return;
    }
    m_view->setVessels(vessels);
    // Contacts too close to a vessel turn red.
    const auto& arrays = m_view->electrodes();
    std::vector<int> firstContact;
    int total = 0;
    for (const auto& array : arrays) {
        firstContact.push_back(total);
        total += array.contactCount();
    }
    std::vector<std::uint8_t> rgba(static_cast<std::size_t>(4 * total));
    for (int i = 0; i < total; ++i) {
        const QColor c = CortexView::contactColor();
        const std::uint8_t usual[4] = {static_cast<std::uint8_t>(c.red()),
                                       static_cast<std::uint8_t>(c.green()),
                                       static_cast<std::uint8_t>(c.blue()), 255};
        std::copy(usual, usual + 4, rgba.begin() + 4 * i);
    }
    const auto violations = vessels.violations(arrays, m_vesselMarginMm, false);
    const geometry::VesselGraph::ElectrodeViolation* closest = nullptr;
    for (const auto& violation : violations) {
        if (violation.contact < 0) {
            continue;
        }
        const int index =
            firstContact[static_cast<std::size_t>(violation.array)] + violation.contact;
        const std::uint8_t red[4] = {230, 0, 0, 255};
        std::copy(red, red + 4, rgba.begin() + 4 * index);
        ++m_vesselConflicts;
        if (closest == nullptr || violation.distance < closest->distance) {
            closest = &violation;
        }
    }
    m_view->setElectrodes(std::vector<geometry::ElectrodeArray>(arrays), rgba);
    if (closest != nullptr) {
        const auto& array = m_view->electrodes()[static_cast<std::size_t>(closest->array)];
        m_status->setText(
            tr("%n contact(s) closer than %1 mm to a vessel; closest: %2 contact %3 at %4 mm", "",
               m_vesselConflicts)
                .arg(m_vesselMarginMm, 0, 'f', 2)
                .arg(QString::fromStdString(array.name()))
                .arg(QString::fromStdString(array.contact(closest->contact).label))
                .arg(closest->distance, 0, 'f', 3));
    } else {
        m_status->setText(tr("Vessels: %1 segments; no contact within %2 mm")
                              .arg(vessels.edgeCount())
                              .arg(m_vesselMarginMm, 0, 'f', 2));
    }
}

bool CortexPanel::isPlacingElectrode() const {
    return m_placeAction->isChecked();
}

void CortexPanel::setPlacingElectrode(bool placing) {
    m_placeAction->setChecked(placing);
}

void CortexPanel::placeElectrodeAt(qint64 vertex, bool commit) {
    auto target = std::find_if(m_electrodeSpecs.begin(), m_electrodeSpecs.end(),
                               [this](const ElectrodeSpec& e) {
                                   return QString::fromStdString(e.name) == m_selectedElectrode;
                               });
    const auto fixed = [](const ElectrodeSpec& e) {
        return !e.sites.empty() || (e.type == "eeg" && !e.scalpContacts.empty());
    };
    if (target == m_electrodeSpecs.end()) {
        // No selection: the first electrode that can move.
        target = std::find_if(m_electrodeSpecs.begin(), m_electrodeSpecs.end(),
                              [&](const ElectrodeSpec& e) { return !fixed(e); });
        if (target == m_electrodeSpecs.end()) {
            target = m_electrodeSpecs.begin();
        }
    }
    if (fixed(*target)) {
        m_status->setText(tr("Electrode %1 has fixed contacts (planned sites or an EEG "
                             "montage): not moved")
                              .arg(QString::fromStdString(target->name)));
        return;
    }
    const double depth = geometry::ElectrodePlacement::depthUm(*target);
    *target = geometry::ElectrodePlacement::withAnchor(*target, vertex, depth);
    rebuildElectrodes();
    const QString name = QString::fromStdString(target->name);
    m_status->setText(tr("Electrode %1 placed at vertex %2, %3 µm deep")
                          .arg(name)
                          .arg(vertex)
                          .arg(depth, 0, 'f', 0));
    if (commit) {
        Q_EMIT electrodePlaced(name, vertex, depth);
    }
}

bool CortexPanel::exportElectrodeCsv(const QString& path) {
    if (m_view->electrodes().empty()) {
        m_status->setText(tr("No electrodes to export"));
        return false;
    }
    try {
        geometry::ElectrodeCsv::write(path.toStdString(), m_view->electrodes());
    } catch (const std::exception& e) {
        m_status->setText(tr("Contact export failed: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }
    m_status->setText(tr("Contacts written to %1").arg(path));
    return true;
}

void CortexPanel::chooseElectrodeCsvFile() {
    QString path =
        QFileDialog::getSaveFileName(this, tr("Export electrode contacts"),
                                     QStringLiteral("contacts.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty()) {
        return;
    }
    if (!path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)) {
        path += QStringLiteral(".csv");
    }
    exportElectrodeCsv(path);
}

void CortexPanel::updatePlacement() {
    m_shownRevision = ~std::uint64_t{0};
    m_shownGeneration = ~std::uint64_t{0};
    if (m_project == nullptr) {
        m_placement.reset();
        m_view->clearNeurons();
        return;
    }
    const auto& white = m_view->whiteSurface();
    m_placement = std::make_unique<geometry::CortexPlacement>(geometry::CortexPlacement::compute(
        *m_project, m_view->pialSurface(), white.has_value() ? &*white : nullptr));
    m_view->setNeuronPositions(m_placement->positions());
    showPopulationColors();
    applyHighlight();
    if (m_placement->neuronCount() > 0 && white.has_value()) {
        // Neurons sit inside the grey matter: show it through a translucent pial surface.
        m_whiteAction->setChecked(true);
    }
    refreshActivity();
}

void CortexPanel::showPopulationColors() {
    if (m_placement == nullptr || m_placement->neuronCount() == 0) {
        m_view->clearLegend();
        return;
    }
    m_view->setNeuronColors(m_placement->populationColors());
    std::vector<CortexView::LegendEntry> entries;
    for (const auto& population : m_placement->populations()) {
        if (population.count > 0) {
            const std::uint32_t c = population.rgba;
            entries.push_back({QString::fromStdString(population.name),
                               QColor(static_cast<int>(c >> 24), static_cast<int>((c >> 16) & 0xff),
                                      static_cast<int>((c >> 8) & 0xff))});
        }
    }
    m_view->setPopulationLegend(entries);
}

void CortexPanel::focusNeurons() {
    if (m_placement == nullptr || m_placement->neuronCount() == 0) {
        return;
    }
    // Frame the neurons and the electrodes next to them (not a distant EEG head sphere).
    Eigen::AlignedBox3f box;
    const auto& xyz = m_placement->positions();
    for (std::size_t i = 0; i < m_placement->neuronCount(); ++i) {
        box.extend(Eigen::Vector3f(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]));
    }
    float neuronCentre[3];
    float neuronRadius = 0.0f;
    m_placement->boundingSphere(neuronCentre, neuronRadius);
    const Eigen::Vector3f middle(neuronCentre[0], neuronCentre[1], neuronCentre[2]);
    for (const auto& array : m_view->electrodes()) {
        for (const auto& contact : array.contacts()) {
            const Eigen::Vector3f p = contact.position.cast<float>();
            if ((p - middle).norm() <= 4.0f * std::max(neuronRadius, 1.0f)) {
                box.extend(p);
            }
        }
        for (const auto& shank : array.shanks()) {
            const Eigen::Vector3f p = shank.entry.cast<float>();
            if ((p - middle).norm() <= 4.0f * std::max(neuronRadius, 1.0f)) {
                box.extend(p);
            }
        }
    }
    const Eigen::Vector3f centre = box.center();
    const float radius = 0.5f * box.diagonal().norm();
    // Look at the patch obliquely, from outside the surface at the neurons' anchor.
    const auto& pial = m_view->pialSurface();
    const std::int64_t anchor = m_placement->anchorVertex();
    if (anchor >= 0 && anchor < pial.vertexCount() && pial.hasNormals()) {
        const Eigen::Vector3f normal = pial.normals().row(anchor).transpose();
        m_view->viewPatch(QVector3D(centre.x(), centre.y(), centre.z()), radius,
                          QVector3D(normal.x(), normal.y(), normal.z()));
    } else {
        m_view->focusOn(QVector3D(centre.x(), centre.y(), centre.z()), radius);
    }
}

void CortexPanel::refreshActivity() {
    if (m_placement == nullptr || m_recording == nullptr || m_placement->neuronCount() == 0) {
        return;
    }
    if (m_recording->revision() == m_shownRevision &&
        m_recording->generation() == m_shownGeneration) {
        return;
    }
    m_shownRevision = m_recording->revision();
    m_shownGeneration = m_recording->generation();
    if (m_recording->currentStep() <= 0 && m_recording->spikeTotal() == 0) {
        showPopulationColors();
        return;
    }
    // Spikes in the window as a rate: 1 spike in 50 ms is 20 Hz.
    std::vector<float> rates =
        CortexActivity::spikeCounts(*m_placement, *m_recording, m_activityWindowMs);
    const auto perSpike = static_cast<float>(1000.0 / std::max(m_activityWindowMs, 1e-6));
    for (float& r : rates) {
        r *= perSpike;
    }
    const float peak = rates.empty() ? 0.0f : *std::max_element(rates.begin(), rates.end());
    const float high = std::max(peak, perSpike);
    m_view->setNeuronValues(rates, 0.0f, high);
    m_view->setActivityLegend(tr("Rate (Hz), last %1 ms").arg(m_activityWindowMs, 0, 'f', 0), 0.0,
                              high);
}

bool CortexPanel::loadVesselCsv(const QString& nodesPath, const QString& edgesPath) {
    try {
        m_loadedVessels =
            geometry::VesselGraph::readCsv(nodesPath.toStdString(), edgesPath.toStdString());
    } catch (const std::exception& e) {
        m_status->setText(tr("Could not load the vessels: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }
    setVesselsVisible(true);
    m_status->setText(m_status->text() + tr(" (from %1)").arg(QFileInfo(nodesPath).fileName()));
    return true;
}

void CortexPanel::clearLoadedVessels() {
    m_loadedVessels.reset();
    rebuildVessels();
}

void CortexPanel::chooseVesselFiles() {
    const QString nodes = QFileDialog::getOpenFileName(this, tr("Vessel nodes (id,x_mm,y_mm,z_mm)"),
                                                       QString(), tr("CSV files (*.csv)"));
    if (nodes.isEmpty()) {
        return;
    }
    const QFileInfo info(nodes);
    QString edges;
    if (info.fileName().contains(QLatin1String("nodes"))) {
        const QString guess = info.dir().filePath(
            info.fileName().replace(QLatin1String("nodes"), QLatin1String("edges")));
        if (QFileInfo::exists(guess)) {
            edges = guess;
        }
    }
    if (edges.isEmpty()) {
        edges = QFileDialog::getOpenFileName(this, tr("Vessel edges (from,to,radius_mm)"),
                                             info.absolutePath(), tr("CSV files (*.csv)"));
    }
    if (!edges.isEmpty()) {
        loadVesselCsv(nodes, edges);
    }
}

bool CortexPanel::importMontageFile(const QString& path) {
    geometry::EegMontage montage;
    try {
        montage = geometry::MontageReader::read(path.toStdString());
    } catch (const std::exception& e) {
        m_status->setText(tr("Could not import the montage: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }
    if (montage.channelCount() == 0) {
        m_status->setText(tr("Could not import the montage: %1 has no channels").arg(path));
        return false;
    }
    const QFileInfo info(path);
    ElectrodeSpec spec = geometry::ElectrodePlacement::fromMontage(
        montage, QStringLiteral("EEG %1").arg(info.completeBaseName()).toStdString(),
        info.absoluteFilePath().toStdString());
    addCreatedElectrode(spec);
    // The head sphere is much larger than the cortex: frame it.
    const Eigen::Vector3d c = geometry::ElectrodePlacement::headSphereCentre(m_view->pialSurface());
    m_view->focusOn(
        QVector3D(static_cast<float>(c.x()), static_cast<float>(c.y()), static_cast<float>(c.z())),
        geometry::ElectrodePlacement::headSphereRadius(m_view->pialSurface()));
    m_status->setText(tr("Montage %1: %n channel(s) on a head sphere around the cortex", "",
                         montage.channelCount())
                          .arg(info.fileName()));
    return true;
}

void CortexPanel::chooseMontageFile() {
    QStringList patterns;
    for (const std::string& p : geometry::MontageReader::readablePatterns()) {
        patterns << QString::fromStdString(p);
    }
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import EEG montage"), QString(),
        tr("EEG montages (%1);;All files (*)").arg(patterns.join(QLatin1Char(' '))));
    if (!path.isEmpty()) {
        importMontageFile(path);
    }
}

void CortexPanel::addCreatedElectrode(const ElectrodeSpec& spec) {
    m_electrodeSpecs.push_back(spec);
    rebuildElectrodes();
    Q_EMIT electrodeCreated(spec);
}

PlannerDialog* CortexPanel::openPlanner() {
    const auto& pial = m_view->pialSurface();
    if (pial.isEmpty()) {
        m_status->setText(tr("No surface to plan on"));
        return nullptr;
    }
    if (m_view->vessels().edgeCount() == 0) {
        setVesselsVisible(true);
    }
    qint64 centre = m_lastPickedVertex;
    if (centre < 0 || centre >= pial.vertexCount()) {
        centre = defaultAnchorVertex();
    }
    const auto& white = m_view->whiteSurface();
    auto* dialog = new PlannerDialog(
        pial, m_view->vessels(), centre,
        white.has_value() && white->vertexCount() == pial.vertexCount() ? white : std::nullopt,
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    PlannerDialog::Request request = dialog->request();
    request.vesselMarginMm = m_vesselMarginMm;
    dialog->setRequest(request);
    connect(dialog, &PlannerDialog::applyRequested, this, [this](const ElectrodeSpec& spec) {
        addCreatedElectrode(spec);
        m_status->setText(tr("Planned electrode %1: %n site(s)", "", spec.contacts)
                              .arg(QString::fromStdString(spec.name)));
    });
    dialog->show();
    return dialog;
}

void CortexPanel::setHighlightedNeurons(const QString& population,
                                        const std::vector<int>& indices) {
    m_highlightPopulation = population;
    m_highlightIndices = indices;
    applyHighlight();
}

void CortexPanel::setHighlightedSelection(const RasterSelection& selection) {
    if (!selection.hasNeurons() || m_recording == nullptr ||
        *selection.population >= m_recording->populationCount()) {
        clearHighlightedNeurons();
        return;
    }
    std::vector<int> indices;
    indices.reserve(static_cast<std::size_t>(selection.neuronCount()));
    for (std::int32_t i = selection.firstNeuron; i <= selection.lastNeuron; ++i) {
        indices.push_back(i);
    }
    setHighlightedNeurons(
        QString::fromStdString(m_recording->population(*selection.population).name), indices);
}

void CortexPanel::applyHighlight() {
    std::vector<qint64> global;
    if (m_placement != nullptr && !m_highlightIndices.empty()) {
        for (const auto& p : m_placement->populations()) {
            if (QString::fromStdString(p.name) != m_highlightPopulation) {
                continue;
            }
            for (const int i : m_highlightIndices) {
                if (i >= 0 && static_cast<std::size_t>(i) < p.count) {
                    global.push_back(static_cast<qint64>(p.first) + i);
                }
            }
        }
    }
    m_view->setHighlightedNeurons(global);
}

} // namespace plexus::widgets
