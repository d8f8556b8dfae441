#pragma once

#include "plexus/analysis/DistanceMetric.h"
#include "plexus/analysis/GeoTopology.h"
#include "plexus/analysis/RdmComparison.h"
#include "plexus/widgets/analysis/AnalysisResult.h"
#include "plexus/widgets/analysis/ModelRdm.h"

#include <QWidget>
#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QSlider;
class QSpinBox;

namespace plexus::widgets {

class ComparisonChart;
class MdsPlot;
class RdmHeatmap;

/**
 * @brief Representational similarity analysis of the conditions: the RDM as a heatmap, a 2D
 *        MDS of the conditions and a bar chart comparing the RDM with model RDMs.
 *
 * Settings (each change emits settingsChanged(); the owner recomputes): the distance metric
 * (correlation, Euclidean, cosine, and crossnobis when the conditions have repeats), the
 * comparison method (Spearman, Kendall tau-a, cosine, Pearson), bootstrap samples, the model
 * RDMs (time distance, category by name prefix, and matrices loaded from CSV/NPY files) and the
 * geo-topological transform (lower and upper thresholds as quantiles of the RDM's entries).
 * With the transform on, the heatmap shows the transformed RDM and the chart shows both
 * comparisons. Errors (e.g. fewer than 2 conditions) are shown in place of the plots.
 */
class RsaView : public QWidget {
    Q_OBJECT

public:
    /// Creates the view with the time distance and category models selected.
    explicit RsaView(QWidget* parent = nullptr);
    ~RsaView() override;

    /// Shows the RSA part of @p result (its error when it has none); nullptr clears.
    void setResult(std::shared_ptr<const AnalysisResult> result);
    /// The result shown (may be nullptr).
    const std::shared_ptr<const AnalysisResult>& result() const { return m_result; }

    /// The distance metric chosen.
    analysis::DistanceMetric metric() const;
    /// Chooses @p metric (crossnobis only when available).
    void setMetric(analysis::DistanceMetric metric);
    /// Offers crossnobis (the conditions have repeats); falls back to correlation without.
    void setCrossnobisAvailable(bool available);
    /// The comparison method chosen.
    analysis::ComparisonMethod comparisonMethod() const;
    void setComparisonMethod(analysis::ComparisonMethod method);
    /// Bootstrap samples of the comparison intervals.
    std::size_t bootstraps() const;
    void setBootstraps(std::size_t samples);

    /// The models to compare with: the built-in ones that are ticked, then the loaded ones.
    std::vector<ModelRdm> models() const;
    /// Adds a model (e.g. read from a file); emits settingsChanged().
    void addModel(const ModelRdm& model);
    /// Reads a model RDM from a CSV or NPY file; false (and the reason in @p error) on failure.
    bool loadModel(const QString& path, QString* error = nullptr);
    /// Forgets the loaded models.
    void clearLoadedModels();

    /// The geo-topological thresholds (quantiles), none when the transform is off.
    std::optional<analysis::GeoTopologicalThresholds> geoTopology() const;
    /// Switches the transform on with quantile thresholds @p lower <= @p upper (0..1), or off.
    void setGeoTopology(std::optional<analysis::GeoTopologicalThresholds> thresholds);

    /// The heatmap.
    RdmHeatmap* heatmap() const { return m_heatmap; }
    /// The MDS plot.
    MdsPlot* mdsPlot() const { return m_mds; }
    /// The model comparison chart.
    ComparisonChart* comparisonChart() const { return m_chart; }
    /// The error message shown (empty when the plots are shown).
    QString message() const;

    /// Label of a metric's distances ("1 - r", ...).
    static QString metricLabel(analysis::DistanceMetric metric);
    /// Label of a comparison method ("Spearman ρ", ...).
    static QString methodLabel(analysis::ComparisonMethod method);

Q_SIGNALS:
    /// A setting that changes the result changed.
    void settingsChanged();

private:
    void updateThresholdLabels();
    void rebuild();

    QComboBox* m_metric = nullptr;
    QComboBox* m_method = nullptr;
    QSpinBox* m_bootstraps = nullptr;
    QCheckBox* m_timeModel = nullptr;
    QCheckBox* m_categoryModel = nullptr;
    QLabel* m_loadedLabel = nullptr;
    QCheckBox* m_geo = nullptr;
    QSlider* m_lower = nullptr;
    QSlider* m_upper = nullptr;
    QLabel* m_thresholds = nullptr;
    QLabel* m_message = nullptr;
    QLabel* m_info = nullptr;
    RdmHeatmap* m_heatmap = nullptr;
    MdsPlot* m_mds = nullptr;
    ComparisonChart* m_chart = nullptr;
    std::vector<ModelRdm> m_loaded;
    std::shared_ptr<const AnalysisResult> m_result;
};

} // namespace plexus::widgets
