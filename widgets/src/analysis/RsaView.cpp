#include "plexus/widgets/analysis/RsaView.h"

#include "plexus/analysis/ActivityIo.h"
#include "plexus/widgets/analysis/ComparisonChart.h"
#include "plexus/widgets/analysis/MdsPlot.h"
#include "plexus/widgets/analysis/OptionBar.h"
#include "plexus/widgets/analysis/RdmHeatmap.h"
#include "plexus/widgets/plots/CountText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <exception>

namespace plexus::widgets {

RsaView::RsaView(QWidget* parent)
    : QWidget(parent) {
    using analysis::ComparisonMethod;
    using analysis::DistanceMetric;
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    // Row 1: metric, comparison, bootstrap.
    auto* row1 = OptionBar::row(2, 0);
    m_metric = new QComboBox(this);
    m_metric->addItem(tr("Correlation"), static_cast<int>(DistanceMetric::Correlation));
    m_metric->addItem(tr("Euclidean"), static_cast<int>(DistanceMetric::Euclidean));
    m_metric->addItem(tr("Cosine"), static_cast<int>(DistanceMetric::Cosine));
    m_metric->addItem(tr("Crossnobis"), static_cast<int>(DistanceMetric::Crossnobis));
    m_metric->setToolTip(tr("Dissimilarity of two condition patterns; crossnobis (cross-"
                            "validated Mahalanobis) needs repeats of every condition"));
    m_method = new QComboBox(this);
    m_method->addItem(tr("Spearman"), static_cast<int>(ComparisonMethod::Spearman));
    m_method->addItem(tr("Kendall τa"), static_cast<int>(ComparisonMethod::KendallTauA));
    m_method->addItem(tr("Cosine"), static_cast<int>(ComparisonMethod::Cosine));
    m_method->addItem(tr("Pearson"), static_cast<int>(ComparisonMethod::Pearson));
    m_method->setToolTip(tr("How the data RDM is compared with the model RDMs"));
    m_bootstraps = new QSpinBox(this);
    m_bootstraps->setRange(0, 100000);
    m_bootstraps->setValue(500);
    m_bootstraps->setSingleStep(100);
    m_bootstraps->setToolTip(tr("Bootstrap samples (over conditions) of the 95 % intervals"));
    m_bootstraps->setKeyboardTracking(false);
    m_timeModel = new QCheckBox(tr("Time distance"), this);
    m_timeModel->setChecked(true);
    m_timeModel->setToolTip(tr("Model: conditions are as dissimilar as their centre times are "
                               "far apart"));
    m_categoryModel = new QCheckBox(tr("Category"), this);
    m_categoryModel->setChecked(true);
    m_categoryModel->setToolTip(tr("Model: 0 within a category (the name up to '_', '-', '.' "
                                   "or trailing digits), 1 between categories"));
    auto* load = new QPushButton(tr("Load model…"), this);
    load->setToolTip(tr("Read a model RDM (conditions x conditions) from a CSV or NPY file"));
    auto* clearLoaded = new QPushButton(tr("Clear"), this);
    clearLoaded->setToolTip(tr("Forget the loaded model RDMs"));
    m_loadedLabel = new QLabel(this);
    row1->addWidget(new QLabel(tr("Metric"), this));
    row1->addWidget(m_metric);
    row1->addWidget(new QLabel(tr("Compare"), this));
    row1->addWidget(m_method);
    row1->addWidget(new QLabel(tr("Bootstrap"), this));
    row1->addWidget(m_bootstraps);
    row1->addStretch(1);
    layout->addLayout(row1);

    // Row 2: model RDMs.
    auto* row2 = OptionBar::row();
    row2->addWidget(new QLabel(tr("Models"), this));
    row2->addWidget(m_timeModel);
    row2->addWidget(m_categoryModel);
    row2->addWidget(load);
    row2->addWidget(clearLoaded);
    row2->addWidget(m_loadedLabel, 1);
    layout->addLayout(row2);

    // Row 3: geo-topological transform.
    auto* row3 = OptionBar::row(0, 2);
    m_geo = new QCheckBox(tr("Geo-topological"), this);
    m_geo->setToolTip(tr("Transform distances: d <= l -> 0, d >= u -> 1, linear in between "
                         "(l and u as quantiles of the RDM's entries)"));
    m_lower = new QSlider(Qt::Horizontal, this);
    m_upper = new QSlider(Qt::Horizontal, this);
    for (QSlider* s : {m_lower, m_upper}) {
        s->setRange(0, 100);
        s->setMinimumWidth(60);
        s->setEnabled(false);
    }
    m_lower->setValue(10);
    m_upper->setValue(60);
    m_lower->setToolTip(tr("Lower threshold l (quantile)"));
    m_upper->setToolTip(tr("Upper threshold u (quantile)"));
    m_thresholds = new QLabel(this);
    m_loadedLabel->setMinimumWidth(20);
    row3->addWidget(m_geo);
    row3->addWidget(new QLabel(tr("lower"), this));
    row3->addWidget(m_lower, 1);
    row3->addWidget(new QLabel(tr("upper"), this));
    row3->addWidget(m_upper, 1);
    row3->addWidget(m_thresholds);
    layout->addLayout(row3);

    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #c0392b; padding: 2px 6px;"));
    m_message->hide();
    layout->addWidget(m_message);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    m_heatmap = new RdmHeatmap(splitter);
    auto* right = new QSplitter(Qt::Vertical, splitter);
    m_mds = new MdsPlot(right);
    m_chart = new ComparisonChart(right);
    right->addWidget(m_mds);
    right->addWidget(m_chart);
    splitter->addWidget(m_heatmap);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);
    m_info = new QLabel(this);
    m_info->setContentsMargins(4, 0, 4, 2);
    m_info->setWordWrap(true);
    layout->addWidget(m_info);

    const auto changed = [this] { Q_EMIT settingsChanged(); };
    connect(m_metric, &QComboBox::currentIndexChanged, this, changed);
    connect(m_method, &QComboBox::currentIndexChanged, this, changed);
    connect(m_bootstraps, &QSpinBox::valueChanged, this, changed);
    connect(m_timeModel, &QCheckBox::toggled, this, changed);
    connect(m_categoryModel, &QCheckBox::toggled, this, changed);
    connect(m_geo, &QCheckBox::toggled, this, [this, changed](bool on) {
        m_lower->setEnabled(on);
        m_upper->setEnabled(on);
        updateThresholdLabels();
        changed();
    });
    connect(m_lower, &QSlider::valueChanged, this, [this, changed](int value) {
        if (m_upper->value() < value) {
            m_upper->setValue(value);
        }
        updateThresholdLabels();
        changed();
    });
    connect(m_upper, &QSlider::valueChanged, this, [this, changed](int value) {
        if (m_lower->value() > value) {
            m_lower->setValue(value);
        }
        updateThresholdLabels();
        changed();
    });
    connect(load, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Load model RDM"), QString(), tr("Matrices (*.csv *.npy);;All files (*)"));
        if (!path.isEmpty()) {
            loadModel(path);
        }
    });
    connect(clearLoaded, &QPushButton::clicked, this, &RsaView::clearLoadedModels);
    updateThresholdLabels();
    rebuild();
}

RsaView::~RsaView() = default;

QString RsaView::metricLabel(analysis::DistanceMetric metric) {
    switch (metric) {
    case analysis::DistanceMetric::Correlation:
        return tr("1 − r");
    case analysis::DistanceMetric::Euclidean:
        return tr("Euclidean distance");
    case analysis::DistanceMetric::Cosine:
        return tr("1 − cos");
    case analysis::DistanceMetric::Crossnobis:
        return tr("crossnobis (squared)");
    }
    return {};
}

QString RsaView::methodLabel(analysis::ComparisonMethod method) {
    switch (method) {
    case analysis::ComparisonMethod::Spearman:
        return tr("Spearman ρ");
    case analysis::ComparisonMethod::KendallTauA:
        return tr("Kendall τa");
    case analysis::ComparisonMethod::Cosine:
        return tr("cosine similarity");
    case analysis::ComparisonMethod::Pearson:
        return tr("Pearson r");
    }
    return {};
}

analysis::DistanceMetric RsaView::metric() const {
    return static_cast<analysis::DistanceMetric>(m_metric->currentData().toInt());
}

void RsaView::setMetric(analysis::DistanceMetric metric) {
    const int index = m_metric->findData(static_cast<int>(metric));
    auto* items = qobject_cast<QStandardItemModel*>(m_metric->model());
    if (index >= 0 && (items == nullptr || items->item(index)->isEnabled())) {
        m_metric->setCurrentIndex(index);
    }
}

void RsaView::setCrossnobisAvailable(bool available) {
    const int index = m_metric->findData(static_cast<int>(analysis::DistanceMetric::Crossnobis));
    auto* items = qobject_cast<QStandardItemModel*>(m_metric->model());
    if (index < 0 || items == nullptr) {
        return;
    }
    items->item(index)->setEnabled(available);
    items->item(index)->setToolTip(available ? QString()
                                             : tr("Needs repeats: epochs that share a name"));
    if (!available && m_metric->currentIndex() == index) {
        m_metric->setCurrentIndex(0);
    }
}

analysis::ComparisonMethod RsaView::comparisonMethod() const {
    return static_cast<analysis::ComparisonMethod>(m_method->currentData().toInt());
}

void RsaView::setComparisonMethod(analysis::ComparisonMethod method) {
    const int index = m_method->findData(static_cast<int>(method));
    if (index >= 0) {
        m_method->setCurrentIndex(index);
    }
}

std::size_t RsaView::bootstraps() const {
    return static_cast<std::size_t>(m_bootstraps->value());
}

void RsaView::setBootstraps(std::size_t samples) {
    m_bootstraps->setValue(static_cast<int>(std::min<std::size_t>(samples, 100000)));
}

std::vector<ModelRdm> RsaView::models() const {
    std::vector<ModelRdm> out;
    if (m_timeModel->isChecked()) {
        out.push_back(ModelRdm::timeDistance());
    }
    if (m_categoryModel->isChecked()) {
        out.push_back(ModelRdm::category());
    }
    out.insert(out.end(), m_loaded.begin(), m_loaded.end());
    return out;
}

void RsaView::addModel(const ModelRdm& model) {
    m_loaded.push_back(model);
    QStringList names;
    for (const auto& m : m_loaded) {
        names << QString::fromStdString(m.name);
    }
    m_loadedLabel->setStyleSheet(QString());
    m_loadedLabel->setText(names.join(QStringLiteral(", ")));
    Q_EMIT settingsChanged();
}

bool RsaView::loadModel(const QString& path, QString* error) {
    try {
        const Eigen::MatrixXd matrix = analysis::ActivityIo::readSquareMatrix(path.toStdString());
        addModel(ModelRdm::fromMatrix(QFileInfo(path).completeBaseName().toStdString(), matrix));
        return true;
    } catch (const std::exception& e) {
        const QString message = QString::fromUtf8(e.what());
        m_loadedLabel->setStyleSheet(QStringLiteral("color: #c0392b;"));
        m_loadedLabel->setText(message);
        if (error != nullptr) {
            *error = message;
        }
        return false;
    }
}

void RsaView::clearLoadedModels() {
    if (m_loaded.empty()) {
        return;
    }
    m_loaded.clear();
    m_loadedLabel->clear();
    Q_EMIT settingsChanged();
}

std::optional<analysis::GeoTopologicalThresholds> RsaView::geoTopology() const {
    if (!m_geo->isChecked()) {
        return std::nullopt;
    }
    analysis::GeoTopologicalThresholds t;
    t.quantiles = true;
    t.lower = m_lower->value() / 100.0;
    t.upper = m_upper->value() / 100.0;
    return t;
}

void RsaView::setGeoTopology(std::optional<analysis::GeoTopologicalThresholds> thresholds) {
    const QSignalBlocker blockGeo(m_geo);
    const QSignalBlocker blockLower(m_lower);
    const QSignalBlocker blockUpper(m_upper);
    m_geo->setChecked(thresholds.has_value());
    m_lower->setEnabled(thresholds.has_value());
    m_upper->setEnabled(thresholds.has_value());
    if (thresholds) {
        m_lower->setValue(static_cast<int>(std::lround(thresholds->lower * 100.0)));
        m_upper->setValue(static_cast<int>(std::lround(thresholds->upper * 100.0)));
    }
    updateThresholdLabels();
    Q_EMIT settingsChanged();
}

void RsaView::updateThresholdLabels() {
    QString text = QStringLiteral("l = q%1, u = q%2").arg(m_lower->value()).arg(m_upper->value());
    if (m_result && m_result->rsa && m_result->rsa->geoTopological) {
        text += QStringLiteral("  (%1 … %2)")
                    .arg(m_result->rsa->thresholds.first, 0, 'g', 3)
                    .arg(m_result->rsa->thresholds.second, 0, 'g', 3);
    }
    m_thresholds->setText(text);
    m_thresholds->setEnabled(m_geo->isChecked());
}

QString RsaView::message() const {
    return m_message->isHidden() ? QString() : m_message->text();
}

void RsaView::setResult(std::shared_ptr<const AnalysisResult> result) {
    m_result = std::move(result);
    rebuild();
}

void RsaView::rebuild() {
    updateThresholdLabels();
    if (!m_result) {
        m_message->hide();
        m_heatmap->clear();
        m_mds->clear();
        m_chart->clear();
        m_info->clear();
        return;
    }
    if (!m_result->rsa) {
        const QString error = QString::fromStdString(
            m_result->rsaError.empty() ? std::string("not computed") : m_result->rsaError);
        m_message->setText(tr("RSA: %1").arg(error));
        m_message->show();
        m_heatmap->clear(tr("No RDM"));
        m_mds->clear();
        m_chart->clear();
        m_info->clear();
        return;
    }
    m_message->hide();
    const auto& rsa = *m_result->rsa;
    if (rsa.geoTopological) {
        m_heatmap->setRdm(*rsa.geoTopological,
                          tr("geo-topological %1").arg(metricLabel(rsa.metric)));
    } else {
        m_heatmap->setRdm(rsa.rdm, metricLabel(rsa.metric));
    }
    m_mds->setCoordinates(rsa.mds, rsa.rdm.names());
    m_chart->setModels(rsa.models, methodLabel(rsa.method));
    double explained = 0.0;
    double total = 0.0;
    for (Eigen::Index i = 0; i < rsa.mdsEigenvalues.size(); ++i) {
        const double v = std::max(0.0, rsa.mdsEigenvalues(i));
        total += v;
        if (i < 2) {
            explained += v;
        }
    }
    QString text =
        tr("%1 · %2 · %3 units · MDS shows %4 % of the variance")
            .arg(countText(static_cast<qint64>(rsa.rdm.size()), tr("condition"), tr("conditions")))
            .arg(QString::fromStdString(analysis::distanceMetricName(rsa.metric)))
            .arg(m_result->units)
            .arg(total > 0.0 ? 100.0 * explained / total : 0.0, 0, 'f', 1);
    if (!rsa.models.empty()) {
        text += tr(" · 95 % intervals from %1 of %2 bootstrap samples (the others drew fewer "
                   "than 2 distinct conditions)")
                    .arg(rsa.models.front().comparison.bootstraps)
                    .arg(bootstraps());
    }
    m_info->setText(text);
    m_info->setToolTip(text);
}

} // namespace plexus::widgets
