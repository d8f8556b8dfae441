#pragma once

#include "plexus/widgets/analysis/AnalysisResult.h"
#include "plexus/widgets/analysis/ResultPlot.h"

namespace plexus::widgets {

/**
 * @brief The Welch spectrum of the population rate on log-log (default) or semilog axes,
 *        with the aperiodic fit 10^(offset - log10(knee + f^chi)) over the fit range, the
 *        peaks of the aperiodic + peaks model marked at the model's power and the alpha peak
 *        labelled. The title holds the aperiodic exponent and the fit's R².
 */
class SpectrumView : public ResultPlot {
    Q_OBJECT

public:
    explicit SpectrumView(QWidget* parent = nullptr);
    ~SpectrumView() override;

    /// Shows the spectrum of @p dynamics, or its error.
    void setDynamics(const AnalysisResult::Dynamics& dynamics);
    /// Logarithmic (default) or linear frequency axis; the power axis stays logarithmic.
    void setLogFrequency(bool logarithmic);
    bool logFrequency() const { return m_logFrequency; }

    /**
     * @brief The plotted numbers (frequency_hz, power): series `spectrum` (every frequency
     *        > 0 in the shown range), `aperiodic_fit` (the fitted aperiodic component at each
     *        frequency of the fit range) and `peak` (centre of each model peak, at the power of
     *        aperiodic component plus peak).
     */
    static ResultTable table(const AnalysisResult::Dynamics& dynamics);
    /// The alpha peak's label (empty without an alpha peak).
    QString alphaLabel() const;

private:
    bool m_logFrequency = true;
    QCPItemText* m_alpha = nullptr;
};

} // namespace plexus::widgets
