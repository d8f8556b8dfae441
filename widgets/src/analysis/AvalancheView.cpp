#include "plexus/widgets/analysis/AvalancheView.h"

#include "plexus/analysis/PowerLawFit.h"
#include "plexus/widgets/plots/PlotTheme.h"

#include <QFontMetricsF>
#include <algorithm>
#include <cmath>
#include <map>

namespace plexus::widgets {

namespace {

/// Probability of every observed value of @p values.
void addDistribution(ResultTable& table, const std::string& name,
                     const std::vector<std::int64_t>& values) {
    std::map<std::int64_t, std::size_t> counts;
    for (const std::int64_t v : values) {
        ++counts[v];
    }
    const auto n = static_cast<double>(values.size());
    for (const auto& [value, count] : counts) {
        table.add(name, {static_cast<double>(value), static_cast<double>(count) / n});
    }
}

/// The fitted law (scaled to the tail's share) at integer x from xmin to the largest value.
void addFit(ResultTable& table, const std::string& name, const analysis::PowerLawResult& fit,
            const std::vector<std::int64_t>& values) {
    if (values.empty() || fit.samples == 0 || !(fit.alpha > 1.0)) {
        return;
    }
    const std::int64_t top = *std::max_element(values.begin(), values.end());
    const double share = static_cast<double>(fit.tail) / static_cast<double>(fit.samples);
    const double zeta =
        analysis::PowerLawFit::hurwitzZeta(fit.alpha, static_cast<double>(fit.xmin));
    const double lo = std::log(static_cast<double>(fit.xmin));
    const double hi = std::log(static_cast<double>(std::max(top, fit.xmin)));
    constexpr int kPoints = 60;
    std::int64_t last = 0;
    for (int i = 0; i < kPoints; ++i) {
        const double t = kPoints > 1 ? static_cast<double>(i) / (kPoints - 1) : 0.0;
        const auto x = static_cast<std::int64_t>(std::llround(std::exp(lo + t * (hi - lo))));
        if (x <= last) {
            continue;
        }
        last = x;
        table.add(name, {static_cast<double>(x),
                         share * std::pow(static_cast<double>(x), -fit.alpha) / zeta});
    }
}

} // namespace

AvalancheView::AvalancheView(QWidget* parent)
    : ResultPlot(parent) {
    setMinimumSize(420, 220);
    // Row 0: the title; row 1: the caption; row 2: sizes | durations.
    QCPAxisRect* sizes = axisRect();
    plotLayout()->take(sizes);
    m_plots = new QCPLayoutGrid;
    plotLayout()->addElement(1, 0, m_plots);
    m_plots->addElement(0, 0, sizes);
    m_durations = new QCPAxisRect(this);
    m_plots->addElement(0, 1, m_durations);
    for (QCPAxisRect* rect : {sizes, m_durations}) {
        setLogarithmic(rect->axis(QCPAxis::atBottom), true);
        setLogarithmic(rect->axis(QCPAxis::atLeft), true);
        rect->axis(QCPAxis::atLeft)->setLabel(tr("probability"));
    }
    sizes->axis(QCPAxis::atBottom)->setLabel(tr("size S (spikes)"));
    m_durations->axis(QCPAxis::atBottom)->setLabel(tr("duration T (bins)"));
    m_caption = new QCPTextElement(this, QString(), font());
    plotLayout()->insertRow(1);
    plotLayout()->addElement(1, 0, m_caption);
    plotLayout()->setRowStretchFactor(1, 0.001);
    applyTheme();
    showMessage(tr("No avalanches yet"));
}

AvalancheView::~AvalancheView() = default;

void AvalancheView::showMessage(const QString& message) {
    m_ksGraphs.clear();
    m_ksText.clear();
    ResultPlot::showMessage(message);
    if (m_caption != nullptr) {
        m_caption->setText(QString());
    }
}

void AvalancheView::beginFigure(const QSize& size, const QFont& font, double pixelRatio) {
    m_screenCaption = m_caption->text();
    for (QCPGraph* graph : m_ksGraphs) {
        for (QCPLegend* l : findChildren<QCPLegend*>()) {
            graph->removeFromLegend(l);
        }
    }
    QString caption = m_screenCaption;
    const double em = font.pixelSize() > 0 ? font.pixelSize() : QFontMetricsF(font).height();
    m_narrow = size.width() < 30.0 * em || size.height() < 22.0 * em;
    if (m_narrow) {
        // The sizes alone, directly in the plot's layout (where a short figure can take
        // height from its axes); the durations hide.
        QCPAxisRect* sizes = axisRect();
        m_plots->take(sizes);
        plotLayout()->take(m_plots);
        plotLayout()->simplify();
        plotLayout()->insertRow(2);
        plotLayout()->addElement(2, 0, sizes);
        setDurationsVisible(false);
        if (!m_betaText.isEmpty()) {
            caption += QStringLiteral("; ") + m_betaText;
        }
    }
    if (!m_ksText.isEmpty() && size.height() >= 22.0 * em) {
        caption += QStringLiteral("; ") + m_ksText;
    }
    m_caption->setText(caption);
    ResultPlot::beginFigure(size, font, pixelRatio);
}

void AvalancheView::setDurationsVisible(bool visible) {
    m_durations->setVisible(visible);
    for (QCPAxis* axis : m_durations->axes()) {
        const bool shown =
            axis->axisType() == QCPAxis::atBottom || axis->axisType() == QCPAxis::atLeft;
        axis->setVisible(visible && shown);
        axis->grid()->setVisible(visible && shown);
    }
    for (int i = 0; i < graphCount(); ++i) {
        if (graph(i)->keyAxis()->axisRect() == m_durations) {
            graph(i)->setVisible(visible);
        }
    }
    for (int i = 0; i < m_durations->insetLayout()->elementCount(); ++i) {
        if (auto* l = qobject_cast<QCPLegend*>(m_durations->insetLayout()->elementAt(i))) {
            l->setVisible(visible && l->itemCount() > 0);
        }
    }
}

void AvalancheView::endFigure() {
    ResultPlot::endFigure();
    if (m_narrow) {
        QCPAxisRect* sizes = axisRect();
        plotLayout()->take(sizes);
        plotLayout()->simplify();
        plotLayout()->insertRow(2);
        plotLayout()->addElement(2, 0, m_plots);
        m_plots->addElement(0, 0, sizes);
        setDurationsVisible(true);
        m_narrow = false;
    }
    m_caption->setText(m_screenCaption);
    for (QCPGraph* graph : m_ksGraphs) {
        QCPAxisRect* rect = graph->keyAxis()->axisRect();
        for (QCPLegend* l : findChildren<QCPLegend*>()) {
            if (l->layout() == rect->insetLayout()) {
                graph->addToLegend(l);
            }
        }
    }
}

QString AvalancheView::caption() const {
    return m_caption->text();
}

ResultTable AvalancheView::table(const AnalysisResult::Dynamics& dynamics) {
    ResultTable t;
    t.columns = {"x", "probability"};
    if (!dynamics.avalanches || dynamics.avalanches->sizes.empty()) {
        return t;
    }
    const auto& a = *dynamics.avalanches;
    addDistribution(t, "size", a.sizes);
    addDistribution(t, "duration", a.durations);
    if (dynamics.crackling) {
        addFit(t, "size_fit", dynamics.crackling->sizes, a.sizes);
        addFit(t, "duration_fit", dynamics.crackling->durations, a.durations);
    }
    return t;
}

void AvalancheView::setDynamics(const AnalysisResult::Dynamics& dynamics) {
    const ResultTable t = table(dynamics);
    if (t.rowNames.empty()) {
        showMessage(
            dynamics.avalancheError.empty()
                ? tr("No avalanches")
                : tr("No avalanches: %1").arg(QString::fromStdString(dynamics.avalancheError)));
        m_caption->setText(QString());
        return;
    }
    showMessage(QString());
    m_ksGraphs.clear();
    m_ksText.clear();
    m_betaText.clear();
    const auto& a = *dynamics.avalanches;
    const QColor sizeColor = PlotTheme::seriesColor(0);
    const QColor durationColor = PlotTheme::seriesColor(1);
    const QColor fitColor = palette().color(QPalette::Text);
    struct Part {
        QCPAxisRect* rect;
        std::string name;
        QColor color;
        const analysis::PowerLawResult* fit;
        QString symbol;
    };
    const auto* c = dynamics.crackling ? &*dynamics.crackling : nullptr;
    for (const Part& part :
         {Part{axisRect(), "size", sizeColor, c ? &c->sizes : nullptr, QStringLiteral("α")},
          Part{m_durations, "duration", durationColor, c ? &c->durations : nullptr,
               QStringLiteral("β")}}) {
        const auto x = t.column(part.name, 0);
        const auto p = t.column(part.name, 1);
        addSeries(part.rect, x, p, part.color, true, QString());
        double xLow = *std::min_element(x.begin(), x.end());
        double xHigh = *std::max_element(x.begin(), x.end());
        double pLow = *std::min_element(p.begin(), p.end());
        double pHigh = *std::max_element(p.begin(), p.end());
        if (part.fit != nullptr) {
            const auto fx = t.column(part.name + "_fit", 0);
            const auto fp = t.column(part.name + "_fit", 1);
            if (!fx.empty()) {
                const auto& f = *part.fit;
                addSeries(part.rect, fx, fp, fitColor, false,
                          tr("%1 = %2 ± %3")
                              .arg(part.symbol)
                              .arg(f.alpha, 0, 'f', 2)
                              .arg(f.alphaError, 0, 'f', 2));
                // The KS distance as a second, symbol-less entry.
                QCPGraph* ks = addSeries(part.rect, {}, {}, fitColor, false,
                                         tr("KS = %1, x ≥ %2").arg(f.ks, 0, 'f', 3).arg(f.xmin));
                ks->setPen(Qt::NoPen);
                m_ksGraphs.push_back(ks);
                if (part.name == "duration") {
                    m_betaText =
                        tr("β = %1 ± %2").arg(f.alpha, 0, 'f', 2).arg(f.alphaError, 0, 'f', 2);
                }
                m_ksText +=
                    (m_ksText.isEmpty() ? tr("KS ") : tr(", ")) +
                    tr("%1 (%2 ≥ %3)")
                        .arg(f.ks, 0, 'f', 3)
                        .arg(part.name == "size" ? QStringLiteral("S") : QStringLiteral("T"))
                        .arg(f.xmin);
                pLow = std::min(pLow, *std::min_element(fp.begin(), fp.end()));
            }
        }
        part.rect->axis(QCPAxis::atBottom)->setRange(std::max(0.5, xLow / 1.5), xHigh * 1.5);
        part.rect->axis(QCPAxis::atLeft)->setRange(pLow / 2.0, std::min(1.5, pHigh * 2.0));
        showLegend(this, part.rect);
    }
    setTitle(tr("%1 avalanches, bin %2 ms").arg(a.sizes.size()).arg(a.binMs, 0, 'g', 3));
    if (c != nullptr) {
        m_caption->setText(tr("⟨S⟩(T) ~ T^γ: γ = (β−1)/(α−1) = %1, fitted %2")
                               .arg(c->predictedExponent, 0, 'f', 2)
                               .arg(c->fittedExponent, 0, 'f', 2));
    } else {
        m_caption->setText(
            tr("No power-law fit: %1").arg(QString::fromStdString(dynamics.avalancheError)));
    }
    replot(QCustomPlot::rpQueuedReplot);
}

} // namespace plexus::widgets
