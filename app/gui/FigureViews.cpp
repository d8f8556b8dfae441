#include "FigureViews.h"

#include "FigureViewCatalog.h"

#include <QCoreApplication>
#include <QPointer>
#include <algorithm>
#include <cmath>
#include <plexus/widgets/analysis/AnalysisPanel.h>
#include <plexus/widgets/analysis/AvalancheView.h>
#include <plexus/widgets/analysis/BranchingView.h>
#include <plexus/widgets/analysis/ComparisonChart.h>
#include <plexus/widgets/analysis/ConfusionMatrixView.h>
#include <plexus/widgets/analysis/DynamicsView.h>
#include <plexus/widgets/analysis/MdsPlot.h>
#include <plexus/widgets/analysis/MemoryCapacityView.h>
#include <plexus/widgets/analysis/PredictionView.h>
#include <plexus/widgets/analysis/RdmHeatmap.h>
#include <plexus/widgets/analysis/ReadoutView.h>
#include <plexus/widgets/analysis/RsaView.h>
#include <plexus/widgets/analysis/SpectrumView.h>
#include <plexus/widgets/analysis/TrajectoryView.h>
#include <plexus/widgets/analysis/TrajectoryView3D.h>
#include <plexus/widgets/cortex/CortexPanel.h>
#include <plexus/widgets/cortex/CortexView.h>
#include <plexus/widgets/cortex/VtkOpenGLWidget.h>
#include <plexus/widgets/figures/ImageFigureSource.h>
#include <plexus/widgets/figures/PlotFigureSource.h>
#include <plexus/widgets/live/ContactPlot.h>
#include <plexus/widgets/live/LivePlotPanel.h>
#include <plexus/widgets/live/MembranePlot.h>
#include <plexus/widgets/live/RasterPlot.h>
#include <plexus/widgets/live/RatePlot.h>
#include <plexus/widgets/live/WeightPlot.h>

namespace plexus::app {

namespace {
constexpr int kMaxRenderSide = 16384;
} // namespace

FigureViews::FigureViews(widgets::LivePlotPanel* plots, widgets::CortexPanel* cortex,
                         widgets::AnalysisPanel* analysis)
    : m_plots(plots)
    , m_cortex(cortex)
    , m_analysis(analysis) {}

QStringList FigureViews::allIds() {
    QStringList ids;
    for (const FigureViewCatalog::View& view : FigureViewCatalog::views()) {
        ids << QString::fromStdString(view.id);
    }
    return ids;
}

QString FigureViews::label(const QString& id) {
    static const QHash<QString, const char*> labels = {
        {QStringLiteral("raster"), "Raster"},
        {QStringLiteral("membrane"), "Membrane potential"},
        {QStringLiteral("rate"), "Population rates"},
        {QStringLiteral("weights"), "Synaptic weights"},
        {QStringLiteral("contacts"), "Electrode recordings (LFP, MUA)"},
        {QStringLiteral("cortex"), "3-D cortex"},
        {QStringLiteral("trajectory"), "PCA trajectories"},
        {QStringLiteral("trajectory3d"), "PCA trajectories (3-D)"},
        {QStringLiteral("rdm"), "RDM heatmap"},
        {QStringLiteral("mds"), "MDS of conditions"},
        {QStringLiteral("comparison"), "RDM comparison"},
        {QStringLiteral("avalanches"), "Avalanche distributions"},
        {QStringLiteral("spectrum"), "Rate spectrum"},
        {QStringLiteral("branching"), "Branching ratio"},
        {QStringLiteral("memory"), "Memory capacity"},
        {QStringLiteral("confusion"), "Confusion matrix"},
        {QStringLiteral("prediction"), "Readout prediction"}};
    const auto it = labels.find(id);
    return it == labels.end() ? id : QCoreApplication::translate("FigureViews", it.value());
}

std::vector<std::pair<QString, QString>> FigureViews::available() const {
    std::vector<std::pair<QString, QString>> views;
    for (const QString& id : allIds()) {
        if (source(id)) {
            views.emplace_back(id, label(id));
        }
    }
    return views;
}

void FigureViews::prepare(const QStringList& ids) const {
    if (m_analysis == nullptr) {
        return;
    }
    using Task = widgets::AnalysisResult::ReadoutTask;
    widgets::ReadoutView* readout = m_analysis->readoutView();
    auto settings = readout->settings();
    for (const QString& id : ids) {
        if (id == QLatin1String("memory")) {
            settings.task = Task::MemoryCapacity;
        } else if (id == QLatin1String("confusion")) {
            settings.task = Task::Classify;
        } else if (id == QLatin1String("prediction")) {
            if (settings.task != Task::Regress) {
                settings.task = Task::Narma10;
                settings.input.kind = widgets::AnalysisJob::ReadoutInput::Kind::Narma;
            }
        } else {
            continue;
        }
        readout->setSettings(settings);
        return;
    }
}

std::shared_ptr<widgets::FigureSource> FigureViews::source(const QString& id) const {
    QCustomPlot* plot = nullptr;
    if (m_plots != nullptr) {
        if (id == QLatin1String("raster")) {
            plot = m_plots->rasterPlot();
        } else if (id == QLatin1String("membrane")) {
            plot = m_plots->membranePlot();
        } else if (id == QLatin1String("rate")) {
            plot = m_plots->ratePlot();
        } else if (id == QLatin1String("weights")) {
            plot = m_plots->weightPlot();
        } else if (id == QLatin1String("contacts")) {
            plot = m_plots->contactPlot();
        }
    }
    if (m_analysis != nullptr) {
        if (id == QLatin1String("trajectory")) {
            plot = m_analysis->trajectoryView()->plot();
        } else if (id == QLatin1String("rdm")) {
            plot = m_analysis->rsaView()->heatmap();
        } else if (id == QLatin1String("mds")) {
            plot = m_analysis->rsaView()->mdsPlot();
        } else if (id == QLatin1String("comparison")) {
            plot = m_analysis->rsaView()->comparisonChart();
        } else if (id == QLatin1String("avalanches")) {
            plot = m_analysis->dynamicsView()->avalancheView();
        } else if (id == QLatin1String("spectrum")) {
            plot = m_analysis->dynamicsView()->spectrumView();
        } else if (id == QLatin1String("branching")) {
            plot = m_analysis->dynamicsView()->branchingView();
        } else if (id == QLatin1String("memory")) {
            plot = m_analysis->readoutView()->memoryView();
        } else if (id == QLatin1String("confusion")) {
            plot = m_analysis->readoutView()->confusionView();
        } else if (id == QLatin1String("prediction")) {
            plot = m_analysis->readoutView()->predictionView();
        }
    }
    if (plot != nullptr) {
        return std::make_shared<widgets::PlotFigureSource>(plot, id);
    }
    if (!widgets::VtkOpenGLWidget::isRenderingSupported()) {
        return nullptr;
    }
    widgets::VtkOpenGLWidget* view = nullptr;
    if (id == QLatin1String("cortex") && m_cortex != nullptr) {
        view = m_cortex->view();
    } else if (id == QLatin1String("trajectory3d") && m_analysis != nullptr) {
        view = m_analysis->trajectoryView()->view3D();
    }
    if (view == nullptr) {
        return nullptr;
    }
    return std::make_shared<widgets::ImageFigureSource>(
        [view = QPointer<widgets::VtkOpenGLWidget>(view)](QSize pixels, double pixelScale,
                                                          double textPixels) {
            if (!view || pixels.isEmpty() || !(pixelScale > 0.0)) {
                return QImage();
            }
            // Lay the view out at the panel's size in screen pixels, then render it at the
            // panel's resolution: the whole panel is filled and overlay text (labels, scale
            // bar) keeps its on-screen point size instead of shrinking with a scaled image.
            QSize target = pixels;
            const int side = std::max(pixels.width(), pixels.height());
            if (side > kMaxRenderSide) {
                target = (QSizeF(pixels) * (double(kMaxRenderSide) / side)).toSize();
            }
            const double wanted = pixelScale * double(target.width()) / pixels.width();
            const QSize layout(
                std::max(1, static_cast<int>(std::lround(target.width() / wanted))),
                std::max(1, static_cast<int>(std::lround(target.height() / wanted))));
            const double scale = double(target.width()) / layout.width();
            const QSize shown = view->size();
            view->resize(layout);
            // The 3-D cortex draws its scale bar and legend at the figure's font size.
            auto* cortex = dynamic_cast<widgets::CortexView*>(view.data());
            const QImage image =
                cortex != nullptr
                    ? cortex->renderImageWithText(scale / view->devicePixelRatioF(),
                                                  textPixels * target.width() / pixels.width())
                    : view->renderImage(scale / view->devicePixelRatioF());
            view->resize(shown);
            if (image.isNull() || image.size() == pixels) {
                return image;
            }
            return image.scaled(pixels, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        },
        id);
}

} // namespace plexus::app
