#include "plexus/widgets/analysis/TrajectoryView.h"

#include "plexus/widgets/analysis/TrajectoryCurve.h"
#include "plexus/widgets/analysis/TrajectoryView3D.h"
#include "plexus/widgets/plots/CountText.h"
#include "plexus/widgets/plots/PlotTheme.h"
#include "plexus/widgets/plots/QCustomPlotInclude.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace plexus::widgets {

namespace {

/// Component pairs offered by the axes combo.
constexpr int kPairs[3][2] = {{0, 1}, {0, 2}, {1, 2}};

/// @p value with 4 significant digits; "0" when it is rounding noise next to @p scale.
QString number(double value, double scale = 0.0, int digits = 4) {
    if (!std::isfinite(value)) {
        return QStringLiteral("—");
    }
    if (std::abs(value) < 1e-9 * std::max(1.0, std::abs(scale))) {
        return QStringLiteral("0");
    }
    return QString::number(value, 'g', digits);
}

/// A standard deviation: two significant digits, whole numbers from 10 on (no exponents).
QString spread(double sd, double scale) {
    if (std::isfinite(sd) && std::abs(sd) >= 10.0) {
        return QString::number(sd, 'f', 0);
    }
    return number(sd, scale, 2);
}

QTableWidgetItem* valueItem(double value) {
    auto* item = new QTableWidgetItem(number(value));
    item->setData(Qt::UserRole, value);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return item;
}

QTableWidgetItem* controlItem(const analysis::ControlSummary& control) {
    if (control.count == 0) {
        auto* item = new QTableWidgetItem(QStringLiteral("—"));
        item->setTextAlignment(Qt::AlignCenter);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        item->setToolTip(QObject::tr("No shuffle control"));
        return item;
    }
    auto* item = new QTableWidgetItem(
        QStringLiteral("%1 ± %2").arg(number(control.mean), spread(control.sd, control.mean)));
    item->setData(Qt::UserRole, control.mean);
    item->setData(Qt::UserRole + 1, control.sd);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    item->setToolTip(
        QObject::tr("Mean ± sd over %n shuffle(s)", nullptr, static_cast<int>(control.count)));
    return item;
}

QTableWidget* makeTable(QWidget* parent, const QStringList& headers) {
    auto* table = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    return table;
}

} // namespace

const char* TrajectoryView::metricName(MetricRow row) {
    switch (row) {
    case PathLength:
        return "path_length";
    case MeanCurvature:
        return "mean_curvature_rad";
    case ConvergenceIndex:
        return "convergence_index";
    case ParticipationRatio:
        return "participation_ratio";
    case Stability:
        return "stability";
    case MeanCosineSimilarity:
        return "mean_cosine_similarity";
    case MetricRowCount:
        break;
    }
    return "";
}

TrajectoryView::TrajectoryView(QWidget* parent)
    : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 2);
    m_axes = new QComboBox(this);
    for (const auto& pair : kPairs) {
        m_axes->addItem(QStringLiteral("PC%1 × PC%2").arg(pair[0] + 1).arg(pair[1] + 1));
    }
    m_axes->setToolTip(tr("Principal components on the horizontal and vertical axes"));
    m_info = new QLabel(this);
    m_button2D = new QToolButton(this);
    m_button2D->setText(tr("2D"));
    m_button2D->setCheckable(true);
    m_button2D->setChecked(true);
    m_button2D->setToolTip(tr("Two principal components in a plane"));
    m_button3D = new QToolButton(this);
    m_button3D->setText(tr("3D"));
    m_button3D->setCheckable(true);
    m_button3D->setToolTip(tr("PC1 × PC2 × PC3 in 3D: drag to orbit, wheel to zoom, "
                              "shift-drag to pan"));
    auto* modes = new QButtonGroup(this);
    modes->setExclusive(true);
    modes->addButton(m_button2D);
    modes->addButton(m_button3D);
    m_png3D = new QToolButton(this);
    m_png3D->setText(tr("PNG…"));
    m_png3D->setToolTip(tr("Save the 3D view as a PNG image at twice its size"));
    m_png3D->hide();
    bar->addWidget(m_button2D);
    bar->addWidget(m_button3D);
    bar->addWidget(m_png3D);
    bar->addSpacing(6);
    bar->addWidget(new QLabel(tr("Axes"), this));
    bar->addWidget(m_axes);
    bar->addWidget(m_info, 1);
    layout->addLayout(bar);

    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #c0392b; padding: 2px 6px;"));
    m_message->hide();
    layout->addWidget(m_message);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    m_stack = new QStackedWidget(splitter);
    m_plot = new QCustomPlot(m_stack);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->setMinimumSize(240, 200);
    // The legend goes below the plot, in rows, so it never hides a trajectory.
    m_plot->legend->setVisible(false);
    m_plot->axisRect()->insetLayout()->take(m_plot->legend);
    m_plot->plotLayout()->addElement(1, 0, m_plot->legend);
    m_plot->plotLayout()->setRowStretchFactor(1, 0.001);
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_plot->legend->setWrap(4);
    m_plot->legend->setMargins(QMargins(4, 2, 4, 2));
    m_plot->xAxis->setLabel(QStringLiteral("PC1"));
    m_plot->yAxis->setLabel(QStringLiteral("PC2"));

    auto* side = new QWidget(splitter);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->setSpacing(2);
    m_metrics = makeTable(side, {tr("Value"), tr("Time shuffle"), tr("Unit shuffle")});
    m_metrics->setRowCount(MetricRowCount);
    const QStringList rows = {tr("Path length"),   tr("Curvature (rad)"), tr("Convergence"),
                              tr("Participation"), tr("Stability"),       tr("Mean cos. sim.")};
    const QStringList tips = {
        tr("Path length: sum of the lengths of the segments between successive states (mean "
           "over conditions)"),
        tr("Mean curvature: turning angle between successive segments, radians (mean over "
           "conditions)"),
        tr("Convergence index: 1 - D_end / D_start of the mean distance between conditions: 1 when "
           "they meet, 0 "
           "when their separation is unchanged, negative when they diverge"),
        tr("Participation ratio: (sum of variances)^2 / sum of squared variances of all "
           "states, the number of dimensions the activity occupies"),
        tr("Stability: mean cosine similarity of consecutive states (mean over conditions)"),
        tr("Mean cosine similarity of all pairs of states (mean over conditions)")};
    m_metrics->setVerticalHeaderLabels(rows);
    for (int r = 0; r < MetricRowCount; ++r) {
        m_metrics->verticalHeaderItem(r)->setToolTip(tips[r]);
    }
    m_metrics->setMinimumHeight(
        m_metrics->verticalHeader()->defaultSectionSize() * (MetricRowCount + 1) + 8);
    m_conditions = makeTable(side, {tr("Condition"), tr("Path length"), tr("Curvature (rad)"),
                                    tr("Stability"), tr("PR")});
    m_conditions->verticalHeader()->setVisible(false);
    sideLayout->addWidget(new QLabel(tr("Summary (controls: mean ± sd of shuffles)"), side));
    sideLayout->addWidget(m_metrics, 3);
    sideLayout->addWidget(new QLabel(tr("Per condition"), side));
    sideLayout->addWidget(m_conditions, 2);

    // The 3D page: the view is created when first shown (a QOpenGLWidget makes its window
    // compose through OpenGL), or a note where OpenGL cannot render.
    m_page3D = new QWidget(m_stack);
    auto* page3DLayout = new QVBoxLayout(m_page3D);
    page3DLayout->setContentsMargins(0, 0, 0, 0);
    if (!VtkOpenGLWidget::isRenderingSupported()) {
        m_note3D = new QLabel(tr("The 3D trajectory view needs an OpenGL display (platform "
                                 "\"%1\").")
                                  .arg(QGuiApplication::platformName()),
                              m_page3D);
        m_note3D->setAlignment(Qt::AlignCenter);
        m_note3D->setWordWrap(true);
        page3DLayout->addWidget(m_note3D);
    }
    m_stack->addWidget(m_plot);
    m_stack->addWidget(m_page3D);

    splitter->addWidget(m_stack);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({560, 440});
    layout->addWidget(splitter, 1);

    connect(m_button3D, &QToolButton::toggled, this, &TrajectoryView::setThreeD);
    connect(m_png3D, &QToolButton::clicked, this, [this] {
        if (m_view3D == nullptr) {
            return;
        }
        QString path = QFileDialog::getSaveFileName(this, tr("Save 3D trajectories"),
                                                    QStringLiteral("trajectories_3d.png"),
                                                    tr("PNG images (*.png)"));
        if (path.isEmpty()) {
            return;
        }
        if (!path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive)) {
            path += QStringLiteral(".png");
        }
        if (!m_view3D->exportPng(path, 2.0)) {
            QMessageBox::warning(this, tr("Save 3D trajectories"), m_view3D->lastError());
        }
    });
    connect(m_axes, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0 && index < 3) {
            setComponents(kPairs[index][0], kPairs[index][1]);
        }
    });
    applyTheme();
    rebuild();
}

TrajectoryView::~TrajectoryView() = default;

void TrajectoryView::setResult(std::shared_ptr<const AnalysisResult> result) {
    m_result = std::move(result);
    rebuild();
    if (m_view3D != nullptr) {
        m_view3D->setResult(m_result);
        m_view3D->setHighlighted(m_flags);
    }
}

void TrajectoryView::setThreeD(bool threeD) {
    m_threeD = threeD;
    {
        const QSignalBlocker block2(m_button2D);
        const QSignalBlocker block3(m_button3D);
        m_button2D->setChecked(!threeD);
        m_button3D->setChecked(threeD);
    }
    m_axes->setEnabled(!threeD);
    if (threeD) {
        ensureView3D();
    }
    m_stack->setCurrentIndex(threeD ? 1 : 0);
    m_png3D->setVisible(threeD && m_view3D != nullptr);
}

void TrajectoryView::ensureView3D() {
    if (m_view3D != nullptr || !VtkOpenGLWidget::isRenderingSupported()) {
        return;
    }
    m_view3D = new TrajectoryView3D(m_page3D);
    m_page3D->layout()->addWidget(m_view3D);
    updateView3DColors();
    m_view3D->setResult(m_result);
    m_view3D->setHighlighted(m_flags);
}

void TrajectoryView::updateView3DColors() {
    if (m_view3D != nullptr) {
        m_view3D->setColors(palette().color(QPalette::Base), palette().color(QPalette::Text));
    }
}

QString TrajectoryView::note3D() const {
    return m_note3D != nullptr ? m_note3D->text() : QString();
}

void TrajectoryView::setComponents(int x, int y) {
    if (x == m_componentX && y == m_componentY) {
        return;
    }
    m_componentX = x;
    m_componentY = y;
    for (int i = 0; i < 3; ++i) {
        if (kPairs[i][0] == x && kPairs[i][1] == y && m_axes->currentIndex() != i) {
            const QSignalBlocker block(m_axes);
            m_axes->setCurrentIndex(i);
        }
    }
    rebuild();
}

TrajectoryCurve* TrajectoryView::curve(std::size_t index) const {
    return index < m_curves.size() ? m_curves[index] : nullptr;
}

QString TrajectoryView::message() const {
    return m_message->isHidden() ? QString() : m_message->text();
}

void TrajectoryView::setHighlightWindow(std::optional<std::pair<double, double>> windowMs) {
    m_window = windowMs;
    updateHighlight();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    if (m_view3D != nullptr) {
        m_view3D->setHighlighted(m_flags);
    }
}

std::size_t TrajectoryView::highlightedPointCount() const {
    std::size_t total = 0;
    for (const TrajectoryCurve* c : m_curves) {
        total += c->highlightedCount();
    }
    return total;
}

void TrajectoryView::rebuild() {
    m_flags.clear();
    m_plot->clearPlottables();
    m_curves.clear();
    const bool hasTrajectory = m_result && m_result->trajectory.has_value();
    if (!m_result) {
        m_message->clear();
        m_message->hide();
    } else if (!hasTrajectory) {
        m_message->setText(tr("Trajectories: %1")
                               .arg(QString::fromStdString(m_result->trajectoryError.empty()
                                                               ? std::string("not computed")
                                                               : m_result->trajectoryError)));
        m_message->show();
    } else {
        m_message->clear();
        m_message->hide();
    }
    if (!hasTrajectory) {
        m_info->clear();
        fillMetrics();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }

    const auto& traj = *m_result->trajectory;
    const Eigen::Index components = traj.pca.components().cols();
    auto* items = qobject_cast<QStandardItemModel*>(m_axes->model());
    for (int i = 0; i < 3; ++i) {
        if (items != nullptr && items->item(i) != nullptr) {
            items->item(i)->setEnabled(kPairs[i][1] < components);
        }
    }
    const Eigen::VectorXd ratio = traj.pca.explainedVarianceRatio();
    const auto axisLabel = [&](int component) {
        if (component < ratio.size()) {
            return QStringLiteral("PC%1 (%2 %)")
                .arg(component + 1)
                .arg(100.0 * ratio(component), 0, 'f', 1);
        }
        return QStringLiteral("PC%1 (n/a)").arg(component + 1);
    };
    m_plot->xAxis->setLabel(axisLabel(m_componentX));
    m_plot->yAxis->setLabel(axisLabel(m_componentY));

    const QColor outline = palette().color(QPalette::Text);
    const std::size_t count = traj.conditions.size();
    for (std::size_t c = 0; c < count; ++c) {
        const auto& cond = traj.conditions[c];
        const Eigen::Index rows = cond.projection.rows();
        QVector<double> x(rows, 0.0);
        QVector<double> y(rows, 0.0);
        for (Eigen::Index k = 0; k < rows; ++k) {
            if (m_componentX < cond.projection.cols()) {
                x[k] = cond.projection(k, m_componentX);
            }
            if (m_componentY < cond.projection.cols()) {
                y[k] = cond.projection(k, m_componentY);
            }
        }
        auto* curve = new TrajectoryCurve(m_plot->xAxis, m_plot->yAxis);
        curve->setName(QString::fromStdString(cond.name));
        curve->setColor(PlotTheme::seriesColor(c));
        curve->setOutlineColor(outline);
        curve->setMinimumAlpha(count > 6 ? 0.08 : 0.15);
        curve->setStates(x, y);
        m_curves.push_back(curve);
    }
    m_plot->legend->setVisible(count > 0 && count <= 12);
    m_plot->rescaleAxes();
    for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis}) {
        QCPRange range = axis->range();
        const double pad = range.size() > 0.0 ? 0.08 * range.size() : 1.0;
        axis->setRange(range.lower - pad, range.upper + pad);
    }

    double shown = 0.0;
    for (Eigen::Index i = 0; i < std::min<Eigen::Index>(3, ratio.size()); ++i) {
        shown += ratio(i);
    }
    m_info->setText(
        tr("%1 · %2 units · %3 PCA · PC1-%4 explain %5 %")
            .arg(countText(static_cast<qint64>(count), tr("condition"), tr("conditions")))
            .arg(traj.units)
            .arg(QString::fromStdString(traj.pca.methodName()))
            .arg(std::min<Eigen::Index>(3, ratio.size()))
            .arg(100.0 * shown, 0, 'f', 1));
    updateHighlight();
    fillMetrics();
    applyTheme();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TrajectoryView::updateHighlight() {
    m_flags.clear();
    if (!m_result || !m_result->trajectory) {
        return;
    }
    const auto& traj = *m_result->trajectory;
    for (std::size_t c = 0; c < m_curves.size() && c < traj.conditions.size(); ++c) {
        const auto& times = traj.conditions[c].timesMs;
        const int n = m_curves[c]->stateCount();
        std::vector<bool> flags(static_cast<std::size_t>(n), false);
        if (m_window && c < m_result->repeatStartsMs.size() &&
            !m_result->repeatStartsMs[c].empty()) {
            const auto& starts = m_result->repeatStartsMs[c];
            for (int k = 0; k < n && static_cast<std::size_t>(k) < times.size(); ++k) {
                // Offset of the state in its epoch, found in every repeat.
                const double offset = times[static_cast<std::size_t>(k)] - starts.front();
                flags[static_cast<std::size_t>(k)] =
                    std::any_of(starts.begin(), starts.end(), [&](double start) {
                        const double t = start + offset;
                        return t >= m_window->first && t <= m_window->second;
                    });
            }
        }
        m_flags.push_back(flags);
        m_curves[c]->setHighlighted(std::move(flags));
    }
}

void TrajectoryView::fillMetrics() {
    for (int r = 0; r < MetricRowCount; ++r) {
        for (int c = 0; c < 3; ++c) {
            m_metrics->setItem(r, c, nullptr);
        }
    }
    m_conditions->setRowCount(0);
    if (!m_result || !m_result->trajectory) {
        return;
    }
    const auto& traj = *m_result->trajectory;
    for (int r = 0; r < MetricRowCount; ++r) {
        const std::string name = metricName(static_cast<MetricRow>(r));
        const auto it =
            std::find_if(traj.summary.begin(), traj.summary.end(),
                         [&](const analysis::TrajectoryMetric& m) { return m.name == name; });
        if (it == traj.summary.end()) {
            auto* item =
                new QTableWidgetItem(traj.conditions.size() < 2 ? QObject::tr("needs 2 conditions")
                                                                : QStringLiteral("—"));
            item->setFlags(Qt::ItemIsEnabled);
            m_metrics->setItem(r, ValueColumn, item);
            continue;
        }
        m_metrics->setItem(r, ValueColumn, valueItem(it->value));
        m_metrics->setItem(r, TimeShuffleColumn, controlItem(it->timeShuffle));
        m_metrics->setItem(r, UnitShuffleColumn, controlItem(it->unitShuffle));
    }
    m_conditions->setRowCount(static_cast<int>(traj.conditions.size()));
    for (std::size_t c = 0; c < traj.conditions.size(); ++c) {
        const auto& cond = traj.conditions[c];
        const int row = static_cast<int>(c);
        auto* name = new QTableWidgetItem(QString::fromStdString(cond.name));
        name->setForeground(PlotTheme::seriesColor(c));
        name->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        m_conditions->setItem(row, 0, name);
        m_conditions->setItem(row, 1, valueItem(cond.pathLength));
        m_conditions->setItem(row, 2, valueItem(cond.meanCurvature));
        m_conditions->setItem(row, 3, valueItem(cond.stability));
        m_conditions->setItem(row, 4, valueItem(cond.participationRatio));
    }
}

void TrajectoryView::applyTheme() {
    PlotTheme::apply(m_plot, palette());
    const QColor outline = palette().color(QPalette::Text);
    for (TrajectoryCurve* c : m_curves) {
        c->setOutlineColor(outline);
    }
}

void TrajectoryView::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyTheme();
        updateView3DColors();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

} // namespace plexus::widgets
