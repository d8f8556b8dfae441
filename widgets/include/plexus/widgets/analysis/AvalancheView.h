#pragma once

#include "plexus/widgets/analysis/AnalysisResult.h"
#include "plexus/widgets/analysis/ResultPlot.h"

namespace plexus::widgets {

/**
 * @brief Avalanche size and duration distributions side by side on log-log axes: the
 *        empirical probability P(x) of every observed value as points and the fitted discrete
 *        power law p(x) = (tail / n) x^-alpha / zeta(alpha, xmin) drawn from xmin, with alpha
 *        ± its error and the KS distance in the legend; the title holds the number of
 *        avalanches and the bin, the caption under it the crackling-noise exponents.
 */
class AvalancheView : public ResultPlot {
    Q_OBJECT

public:
    explicit AvalancheView(QWidget* parent = nullptr);
    ~AvalancheView() override;

    /// Shows @p dynamics (its avalanches), or its error.
    void setDynamics(const AnalysisResult::Dynamics& dynamics);

    /**
     * @brief The plotted numbers: series `size`, `duration` (x, probability of each observed
     *        value) and `size_fit`, `duration_fit` (the power law at integer x from xmin to the
     *        largest value, at most 60 points spaced evenly in log x). Empty without a fit.
     */
    static ResultTable table(const AnalysisResult::Dynamics& dynamics);

    /// Also empties the caption.
    void showMessage(const QString& message) override;
    /// In a figure the KS distances move from the legends to the caption (legends of one row
    /// leave the two plots their height); a figure narrower than 30 ems or shorter than 22
    /// shows the size distribution alone, with the duration fit in the caption (a short one
    /// without the KS distances).
    void beginFigure(const QSize& size, const QFont& font, double pixelRatio) override;
    void endFigure() override;
    /// Two plots side by side need a wide panel.
    QSizeF minimumFigureSizeEm() const override { return {30.0, 15.0}; }

    /// The axis rect of the durations (the sizes use axisRect()).
    QCPAxisRect* durationRect() const { return m_durations; }
    /// The crackling-noise caption.
    QString caption() const;

private:
    /// Shows or hides the duration plot (axes, graphs, legend).
    void setDurationsVisible(bool visible);

    QCPAxisRect* m_durations = nullptr;
    QCPTextElement* m_caption = nullptr;
    QString m_ksText;                  ///< the KS distances, for the caption of a figure
    std::vector<QCPGraph*> m_ksGraphs; ///< the symbol-less legend entries of the KS distances
    QString m_screenCaption;           ///< the caption while a figure is drawn
    QString m_betaText;                ///< the duration fit, for the caption of a narrow figure
    QCPLayoutGrid* m_plots = nullptr;  ///< sizes | durations
    bool m_narrow = false;             ///< a narrow figure shows the sizes alone
};

} // namespace plexus::widgets
