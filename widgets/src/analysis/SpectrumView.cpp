#include "plexus/widgets/analysis/SpectrumView.h"

#include "plexus/widgets/plots/PlotTheme.h"

#include <algorithm>
#include <cmath>

namespace plexus::widgets {

namespace {

/// log10 of the aperiodic component at @p f.
double aperiodicLog(const analysis::AperiodicResult& a, double f) {
    return a.offset - std::log10(a.knee + std::pow(f, a.exponent));
}

} // namespace

SpectrumView::SpectrumView(QWidget* parent)
    : ResultPlot(parent) {
    setLogarithmic(xAxis, true);
    setLogarithmic(yAxis, true);
    xAxis->setLabel(tr("frequency (Hz)"));
    yAxis->setLabel(tr("power (Hz²/Hz)"));
    showMessage(tr("No spectrum yet"));
}

SpectrumView::~SpectrumView() = default;

QString SpectrumView::alphaLabel() const {
    return m_alpha != nullptr ? m_alpha->text() : QString();
}

void SpectrumView::setLogFrequency(bool logarithmic) {
    m_logFrequency = logarithmic;
    setLogarithmic(xAxis, logarithmic);
    replot(QCustomPlot::rpQueuedReplot);
}

ResultTable SpectrumView::table(const AnalysisResult::Dynamics& dynamics) {
    ResultTable t;
    t.columns = {"frequency_hz", "power"};
    if (!dynamics.spectrum) {
        return t;
    }
    const auto& s = *dynamics.spectrum;
    for (std::size_t i = 0; i < s.frequenciesHz.size(); ++i) {
        const double f = s.frequenciesHz[i];
        if (f > 0.0 && f >= dynamics.spectrumLowHz && f <= dynamics.spectrumHighHz) {
            t.add("spectrum", {f, s.power[i]});
        }
    }
    if (dynamics.aperiodic) {
        const auto& a = *dynamics.aperiodic;
        for (const double f : s.frequenciesHz) {
            if (f > 0.0 && f >= dynamics.aperiodicOptions.lowHz &&
                f <= dynamics.aperiodicOptions.highHz) {
                t.add("aperiodic_fit", {f, std::pow(10.0, aperiodicLog(a, f))});
            }
        }
        for (const auto& peak : a.peaks) {
            t.add("peak", {peak.frequencyHz,
                           std::pow(10.0, aperiodicLog(a, peak.frequencyHz) + peak.power)});
        }
    }
    return t;
}

void SpectrumView::setDynamics(const AnalysisResult::Dynamics& dynamics) {
    const ResultTable t = table(dynamics);
    m_alpha = nullptr;
    const auto x = t.column("spectrum", 0);
    if (x.empty()) {
        showMessage(
            dynamics.spectrumError.empty()
                ? tr("No spectrum")
                : tr("No spectrum: %1").arg(QString::fromStdString(dynamics.spectrumError)));
        return;
    }
    showMessage(QString());
    const auto y = t.column("spectrum", 1);
    addSeries(axisRect(), x, y, PlotTheme::seriesColor(0), false, tr("Welch spectrum"));
    double low = *std::min_element(y.begin(), y.end());
    double high = *std::max_element(y.begin(), y.end());
    if (dynamics.aperiodic) {
        const auto& a = *dynamics.aperiodic;
        const auto fx = t.column("aperiodic_fit", 0);
        const auto fy = t.column("aperiodic_fit", 1);
        if (!fx.empty()) {
            QCPGraph* fit = addSeries(axisRect(), fx, fy, palette().color(QPalette::Text), false,
                                      tr("aperiodic fit"));
            QPen pen = fit->pen();
            pen.setStyle(Qt::DashLine);
            fit->setPen(pen);
        }
        const auto px = t.column("peak", 0);
        const auto py = t.column("peak", 1);
        if (!px.empty()) {
            addSeries(axisRect(), px, py, PlotTheme::seriesColor(3), true,
                      tr("%n peak(s)", nullptr, static_cast<int>(px.size())));
            high = std::max(high, *std::max_element(py.begin(), py.end()));
        }
        if (a.hasAlpha) {
            const double f = a.alpha.frequencyHz;
            const double p = std::pow(10.0, aperiodicLog(a, f) + a.alpha.power);
            m_alpha = new QCPItemText(this);
            m_alpha->setPositionAlignment(Qt::AlignBottom | Qt::AlignHCenter);
            m_alpha->position->setCoords(f, p * 1.4);
            m_alpha->setText(tr("alpha %1 Hz").arg(f, 0, 'f', 1));
            m_alpha->setColor(palette().color(QPalette::Text));
            high = std::max(high, p * 6.0);
        }
        setTitle(tr("Rate spectrum: χ = %1, R² = %2")
                     .arg(a.exponent, 0, 'f', 2)
                     .arg(a.rSquared, 0, 'f', 2));
    } else {
        setTitle(tr("Rate spectrum (no aperiodic fit: %1)")
                     .arg(QString::fromStdString(dynamics.spectrumError)));
    }
    xAxis->setRange(m_logFrequency ? x.front() / 1.1 : 0.0, x.back() * 1.05);
    yAxis->setRange(std::max(low, high * 1e-12) / 2.0, high * 2.0);
    showLegend(this, axisRect());
    replot(QCustomPlot::rpQueuedReplot);
}

} // namespace plexus::widgets
