#include "plexus/widgets/cortex/PlannerDialog.h"

#include "plexus/geometry/placement/ElectrodePlacement.h"
#include "plexus/geometry/placement/RetinotopicMap.h"
#include "plexus/geometry/surface/SurfaceAnchor.h"
#include "plexus/widgets/cortex/CortexView.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>
#include <algorithm>
#include <exception>
#include <memory>

namespace plexus::widgets {

namespace {

QDoubleSpinBox* spin(double min, double max, double step, int decimals, const QString& suffix,
                     const QString& objectName, const QString& tip) {
    auto* box = new QDoubleSpinBox;
    box->setRange(min, max);
    box->setSingleStep(step);
    box->setDecimals(decimals);
    box->setSuffix(suffix);
    box->setObjectName(objectName);
    box->setToolTip(tip);
    return box;
}

/// Contact colours of a planned layout: yellow, red where a contact violates the margin.
std::vector<std::uint8_t> contactColors(const geometry::PlacementPlanner::Layout& layout) {
    std::vector<std::uint8_t> rgba(4 * layout.sites.size());
    for (std::size_t i = 0; i < layout.sites.size(); ++i) {
        const std::uint8_t yellow[4] = {255, 200, 0, 255};
        std::copy(yellow, yellow + 4, rgba.begin() + static_cast<std::ptrdiff_t>(4 * i));
    }
    for (const auto& v : layout.violations) {
        if (v.contact >= 0 && static_cast<std::size_t>(v.contact) < layout.sites.size()) {
            const std::uint8_t red[4] = {230, 0, 0, 255};
            std::copy(red, red + 4, rgba.begin() + 4 * v.contact);
        }
    }
    return rgba;
}

} // namespace

PlannerDialog::PlannerDialog(const geometry::SurfaceMesh& pial,
                             const geometry::VesselGraph& vessels, std::int64_t centreVertex,
                             const std::optional<geometry::SurfaceMesh>& white, QWidget* parent)
    : QDialog(parent)
    , m_pial(pial)
    , m_vessels(vessels) {
    setWindowTitle(tr("Placement planner"));
    if (!m_pial.hasNormals()) {
        m_pial.computeNormals();
    }

    m_centre = new QSpinBox;
    m_centre->setObjectName(QStringLiteral("centre"));
    m_centre->setRange(0, std::max<int>(0, static_cast<int>(m_pial.vertexCount()) - 1));
    m_centre->setToolTip(tr("Centre of the target region: a pial vertex (the last picked one)"));
    m_radius = spin(0.1, 100.0, 0.5, 2, tr(" mm"), QStringLiteral("radius"),
                    tr("Target region: every vertex within this distance of the centre"));
    m_budget = new QSpinBox;
    m_budget->setObjectName(QStringLiteral("budget"));
    m_budget->setRange(1, 1024);
    m_budget->setToolTip(tr("Electrode budget: the most insertion sites"));
    m_margin = spin(0.0, 10.0, 0.05, 3, tr(" mm"), QStringLiteral("margin"),
                    tr("Safety margin: every track keeps at least this distance to a vessel wall"));
    m_minDepth = spin(0.0, 10.0, 0.1, 2, tr(" mm"), QStringLiteral("minDepth"),
                      tr("Shallowest allowed contact depth"));
    m_preferredDepth = spin(0.0, 10.0, 0.1, 2, tr(" mm"), QStringLiteral("preferredDepth"),
                            tr("Contact depth used when the constraints allow it"));
    m_maxDepth = spin(0.0, 10.0, 0.1, 2, tr(" mm"), QStringLiteral("maxDepth"),
                      tr("Deepest allowed contact depth (also limited by the thickness)"));
    m_coverageRadius = spin(0.05, 20.0, 0.1, 2, tr(" mm"), QStringLiteral("coverageRadius"),
                            tr("A site covers the target vertices within this distance"));
    m_objective = new QComboBox;
    m_objective->setObjectName(QStringLiteral("objective"));
    m_objective->addItem(tr("Coverage of the target"));
    m_objective->addItem(tr("Phosphene coverage (V1 map)"));

    auto* form = new QFormLayout;
    form->addRow(tr("Centre vertex"), m_centre);
    form->addRow(tr("Target radius"), m_radius);
    form->addRow(tr("Electrode budget"), m_budget);
    form->addRow(tr("Vessel margin"), m_margin);
    form->addRow(tr("Min depth"), m_minDepth);
    form->addRow(tr("Preferred depth"), m_preferredDepth);
    form->addRow(tr("Max depth"), m_maxDepth);
    form->addRow(tr("Coverage radius"), m_coverageRadius);
    form->addRow(tr("Optimise"), m_objective);
    m_runButton = new QPushButton(tr("Plan"));
    m_runButton->setObjectName(QStringLiteral("plan"));
    connect(m_runButton, &QPushButton::clicked, this, &PlannerDialog::run);
    m_status = new QLabel(tr("Set the target and press Plan."));
    m_status->setWordWrap(true);
    m_violations = new QListWidget;
    m_violations->setObjectName(QStringLiteral("violations"));
    auto* left = new QVBoxLayout;
    left->addLayout(form);
    left->addWidget(m_runButton);
    left->addWidget(m_status);
    left->addWidget(new QLabel(tr("Violations")));
    left->addWidget(m_violations, 1);

    const bool rendering = VtkOpenGLWidget::isRenderingSupported();
    auto* views = new QHBoxLayout;
    const QString titles[2] = {tr("Coverage baseline (regular grid)"), tr("Optimised")};
    for (int i = 0; i < 2; ++i) {
        auto* column = new QVBoxLayout;
        auto* title = new QLabel(QStringLiteral("<b>%1</b>").arg(titles[i]));
        column->addWidget(title);
        if (rendering) {
            m_views[i] = new CortexView(this);
            m_views[i]->setMinimumSize(320, 300);
            column->addWidget(m_views[i], 1);
        } else {
            m_detachedViews[i] = std::make_unique<CortexView>();
            m_views[i] = m_detachedViews[i].get();
            auto* note = new QLabel(tr("The 3D view needs an OpenGL display (platform \"%1\").")
                                        .arg(QGuiApplication::platformName()));
            note->setAlignment(Qt::AlignCenter);
            column->addWidget(note, 1);
        }
        m_views[i]->setObjectName(i == 0 ? QStringLiteral("baselineView")
                                         : QStringLiteral("optimisedView"));
        m_views[i]->setSurfaces(m_pial, white, tr("Planner"));
        m_views[i]->setWhiteSurfaceVisible(white.has_value());
        m_views[i]->setVessels(m_vessels);
        m_summaries[i] = new QLabel;
        m_summaries[i]->setWordWrap(true);
        m_summaries[i]->setMinimumHeight(3 * m_summaries[i]->fontMetrics().lineSpacing() + 6);
        m_summaries[i]->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        m_summaries[i]->setTextInteractionFlags(Qt::TextSelectableByMouse);
        column->addWidget(m_summaries[i]);
        views->addLayout(column, 1);
    }

    auto* buttons = new QDialogButtonBox;
    m_applyButton = buttons->addButton(tr("Apply"), QDialogButtonBox::AcceptRole);
    m_applyButton->setObjectName(QStringLiteral("apply"));
    m_applyButton->setToolTip(tr("Add the optimised layout to the project as a thread electrode"));
    m_applyButton->setEnabled(false);
    QPushButton* exportButton = buttons->addButton(tr("Export PNG…"), QDialogButtonBox::ActionRole);
    exportButton->setObjectName(QStringLiteral("exportPng"));
    exportButton->setToolTip(tr("Save both views side by side as a PNG image at twice their size"));
    connect(exportButton, &QPushButton::clicked, this, &PlannerDialog::chooseExportFile);
    buttons->addButton(QDialogButtonBox::Close);
    connect(m_applyButton, &QPushButton::clicked, this, &PlannerDialog::apply);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* top = new QHBoxLayout;
    top->addLayout(left, 0);
    top->addLayout(views, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top, 1);
    layout->addWidget(buttons);

    Request defaults;
    defaults.centreVertex = centreVertex;
    setRequest(defaults);
    resize(1180, 620);
}

PlannerDialog::~PlannerDialog() = default;

PlannerDialog::Request PlannerDialog::request() const {
    Request r;
    r.centreVertex = m_centre->value();
    r.radiusMm = m_radius->value();
    r.maxSites = m_budget->value();
    r.vesselMarginMm = m_margin->value();
    r.minDepthMm = m_minDepth->value();
    r.preferredDepthMm = m_preferredDepth->value();
    r.maxDepthMm = m_maxDepth->value();
    r.coverageRadiusMm = m_coverageRadius->value();
    r.objective = m_objective->currentIndex() == 1
                      ? geometry::PlacementPlanner::Objective::Phosphene
                      : geometry::PlacementPlanner::Objective::Coverage;
    return r;
}

void PlannerDialog::setRequest(const Request& r) {
    m_centre->setValue(static_cast<int>(r.centreVertex));
    m_radius->setValue(r.radiusMm);
    m_budget->setValue(r.maxSites);
    m_margin->setValue(r.vesselMarginMm);
    m_minDepth->setValue(r.minDepthMm);
    m_preferredDepth->setValue(r.preferredDepthMm);
    m_maxDepth->setValue(r.maxDepthMm);
    m_coverageRadius->setValue(r.coverageRadiusMm);
    m_objective->setCurrentIndex(
        r.objective == geometry::PlacementPlanner::Objective::Phosphene ? 1 : 0);
}

PlannerDialog::Outcome PlannerDialog::plan(const Request& request,
                                           const geometry::SurfaceMesh& pial,
                                           const geometry::VesselGraph& vessels) {
    Outcome outcome;
    QElapsedTimer timer;
    timer.start();
    try {
        if (request.centreVertex < 0 || request.centreVertex >= pial.vertexCount()) {
            throw std::runtime_error("centre vertex " + std::to_string(request.centreVertex) +
                                     " is not a vertex of the surface");
        }
        const Eigen::Vector3d centre =
            pial.vertices().row(request.centreVertex).cast<double>().transpose();
        for (Eigen::Index v = 0; v < pial.vertexCount(); ++v) {
            if ((pial.vertices().row(v).cast<double>().transpose() - centre).norm() <=
                request.radiusMm) {
                outcome.targets.push_back(v);
            }
        }
        geometry::PlacementPlanner::Options options;
        options.maxSites = request.maxSites;
        options.vesselMarginMm = request.vesselMarginMm;
        options.minDepthMm = request.minDepthMm;
        options.preferredDepthMm =
            std::clamp(request.preferredDepthMm, request.minDepthMm, request.maxDepthMm);
        options.maxDepthMm = request.maxDepthMm;
        options.coverageRadiusMm = request.coverageRadiusMm;
        options.minSeparationMm = request.minSeparationMm;
        options.objective = request.objective;
        // Large targets: every k-th target vertex is a candidate (cost ~ candidates x targets).
        constexpr std::size_t maxCandidates = 2500;
        if (outcome.targets.size() > maxCandidates) {
            const std::size_t step = (outcome.targets.size() + maxCandidates - 1) / maxCandidates;
            for (std::size_t i = 0; i < outcome.targets.size(); i += step) {
                options.candidateVertices.push_back(outcome.targets[i]);
            }
        }
        // A V1 map with the fovea 20 mm from the centre along the tangent u axis.
        const auto anchor = geometry::SurfaceAnchor::atVertex(pial, request.centreVertex);
        Eigen::Vector3d u;
        Eigen::Vector3d v;
        anchor.tangentFrame(u, v);
        geometry::RetinotopicMap::Options mapOptions;
        mapOptions.foveaMm = centre - 20.0 * u;
        mapOptions.eccentricityAxis = u;
        mapOptions.polarAxis = v;
        const geometry::RetinotopicMap map(mapOptions);
        geometry::PlacementPlanner::VisualTarget visual;
        visual.centreDeg = map.visualField(centre);
        double extent = 0.0;
        for (const std::int64_t t : outcome.targets) {
            extent = std::max(extent,
                              (map.visualField(pial.vertices().row(t).cast<double>().transpose()) -
                               visual.centreDeg)
                                  .norm());
        }
        visual.radiusDeg = std::max(0.7 * extent, 0.05);
        const geometry::PlacementPlanner planner(pial, outcome.targets, vessels, options, map,
                                                 visual);
        outcome.result = planner.plan();
    } catch (const std::exception& e) {
        outcome.error = QString::fromUtf8(e.what());
    }
    outcome.elapsedMs = static_cast<double>(timer.nsecsElapsed()) * 1e-6;
    return outcome;
}

void PlannerDialog::run() {
    const Request r = request();
    const int generation = ++m_generation;
    m_running = true;
    m_applyButton->setEnabled(false);
    m_status->setText(tr("Planning…"));
    // The worker owns copies of the inputs: the dialog may close before it finishes.
    struct Job {
        Request request;
        geometry::SurfaceMesh pial;
        geometry::VesselGraph vessels;
        Outcome outcome;
    };
    auto job = std::make_shared<Job>(Job{r, m_pial, m_vessels, {}});
    QThread* thread =
        QThread::create([job] { job->outcome = plan(job->request, job->pial, job->vessels); });
    connect(thread, &QThread::finished, this, [this, job, generation] {
        if (generation != m_generation) {
            return; // superseded by a newer plan
        }
        m_running = false;
        m_outcome = std::move(job->outcome);
        showOutcome();
        Q_EMIT planFinished();
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

void PlannerDialog::showOutcome() {
    m_violations->clear();
    if (!m_outcome.has_value()) {
        return;
    }
    if (!m_outcome->error.isEmpty()) {
        m_status->setText(tr("Planning failed: %1").arg(m_outcome->error));
        for (int i = 0; i < 2; ++i) {
            m_summaries[i]->clear();
            m_views[i]->setElectrodes({});
        }
        return;
    }
    m_status->setText(tr("%1 target vertices, planned in %2 ms.")
                          .arg(m_outcome->targets.size())
                          .arg(m_outcome->elapsedMs, 0, 'f', 0));
    const geometry::PlacementPlanner::Layout* layouts[2] = {&m_outcome->result.baseline,
                                                            &m_outcome->result.optimised};
    const QString names[2] = {tr("baseline"), tr("optimised")};
    const Eigen::Vector3d centre =
        m_pial.vertices().row(m_centre->value()).cast<double>().transpose();
    // The target region: its vertices as small green points.
    std::vector<float> targetXyz;
    targetXyz.reserve(3 * m_outcome->targets.size());
    for (const std::int64_t t : m_outcome->targets) {
        for (int k = 0; k < 3; ++k) {
            targetXyz.push_back(m_pial.vertices()(t, k));
        }
    }
    std::vector<std::uint8_t> targetRgba(4 * m_outcome->targets.size());
    for (std::size_t t = 0; t < m_outcome->targets.size(); ++t) {
        const std::uint8_t green[4] = {40, 170, 70, 255};
        std::copy(green, green + 4, targetRgba.begin() + static_cast<std::ptrdiff_t>(4 * t));
    }
    for (int i = 0; i < 2; ++i) {
        m_views[i]->setNeuronPositions(targetXyz);
        m_views[i]->setNeuronPointSize(6.0);
        m_views[i]->setNeuronColors(targetRgba);
        const auto& layout = *layouts[i];
        QString text = tr("Coverage %1 %, phosphene coverage %2 %<br>%3 sites, %4 mm inserted, "
                          "%5 violation(s)")
                           .arg(100.0 * layout.coverage, 0, 'f', 1)
                           .arg(100.0 * layout.phospheneCoverage, 0, 'f', 1)
                           .arg(layout.sites.size())
                           .arg(layout.totalInsertionMm, 0, 'f', 2)
                           .arg(layout.violations.size());
        if (i == 0) {
            text += tr("<br>grid %1 mm, %2 moved, %3 dropped")
                        .arg(layout.gridSpacingMm, 0, 'f', 2)
                        .arg(layout.movedSites)
                        .arg(layout.droppedSites);
        }
        m_summaries[i]->setText(text);
        std::vector<geometry::ElectrodeArray> arrays;
        if (!layout.sites.empty()) {
            arrays.push_back(
                geometry::PlacementPlanner::toElectrodeArray(layout, names[i].toStdString()));
        }
        const auto colors = contactColors(layout);
        m_views[i]->setElectrodes(arrays, arrays.empty() ? std::span<const std::uint8_t>{}
                                                         : std::span<const std::uint8_t>(colors));
        m_views[i]->focusOn(QVector3D(static_cast<float>(centre.x()),
                                      static_cast<float>(centre.y()),
                                      static_cast<float>(centre.z())),
                            1.3 * m_radius->value());
        for (const auto& v : layout.violations) {
            m_violations->addItem(tr("%1: %2 %3 is %4 mm from vessel segment %5")
                                      .arg(names[i], v.contact >= 0 ? tr("contact") : tr("track"))
                                      .arg(v.contact >= 0 ? v.contact : v.shank)
                                      .arg(v.distance, 0, 'f', 3)
                                      .arg(v.edge));
        }
    }
    if (m_violations->count() == 0) {
        m_violations->addItem(
            tr("none: every track keeps the %1 mm margin").arg(m_margin->value(), 0, 'f', 2));
    }
    m_applyButton->setEnabled(!m_outcome->result.optimised.sites.empty());
}

QString PlannerDialog::summaryText(int view) const {
    return m_summaries[std::clamp(view, 0, 1)]->text();
}

QStringList PlannerDialog::violationLines() const {
    QStringList lines;
    for (int i = 0; i < m_violations->count(); ++i) {
        lines << m_violations->item(i)->text();
    }
    return lines;
}

bool PlannerDialog::exportPng(const QString& path, double scale) {
    QImage images[2];
    for (int i = 0; i < 2; ++i) {
        if (!m_views[i]->isVtkInitialized()) {
            m_status->setText(tr("Export failed: the views have not been shown yet"));
            return false;
        }
        images[i] = m_views[i]->renderImage(scale);
        if (images[i].isNull()) {
            m_status->setText(tr("Export failed: could not render the views"));
            return false;
        }
    }
    QImage out(images[0].width() + images[1].width(),
               std::max(images[0].height(), images[1].height()), QImage::Format_RGB32);
    out.fill(m_views[0]->backgroundColor());
    {
        QPainter painter(&out);
        painter.drawImage(0, 0, images[0]);
        painter.drawImage(images[0].width(), 0, images[1]);
    }
    if (!out.save(path, "PNG")) {
        m_status->setText(tr("Export failed: cannot write %1").arg(path));
        return false;
    }
    m_status->setText(tr("Exported %1").arg(QFileInfo(path).fileName()));
    return true;
}

void PlannerDialog::chooseExportFile() {
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export planner views"), QStringLiteral("planner.png"), tr("PNG images (*.png)"));
    if (path.isEmpty()) {
        return;
    }
    if (!path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive)) {
        path += QStringLiteral(".png");
    }
    exportPng(path, 2.0);
}

void PlannerDialog::apply() {
    if (!m_outcome.has_value() || !m_outcome->error.isEmpty() ||
        m_outcome->result.optimised.sites.empty()) {
        return;
    }
    Q_EMIT applyRequested(
        geometry::ElectrodePlacement::fromLayout(m_outcome->result.optimised, "Planned threads"));
    accept();
}

} // namespace plexus::widgets
