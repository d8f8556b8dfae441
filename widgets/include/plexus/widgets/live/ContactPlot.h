#pragma once

#include "plexus/widgets/live/LivePlot.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace plexus::widgets {

/**
 * @brief Virtual recordings at electrode contacts over time, from a LiveRecording's contact
 *        tracks: the LFP proxy of every contact stacked top to bottom (one trace per contact,
 *        offset by a common spacing, the contact names on the y axis) above the multi-unit
 *        rates (Hz, one graph per contact in the same colour).
 *
 * The traces take four fifths of the height and the rates the rest (at least a thin strip).
 * The spacing is the largest LFP excursion in view (so traces never overlap and amplitudes
 * stay comparable across contacts); the side column shows it. Contact names are spaced by the
 * height available: every k-th one when the traces are closer than a line of text
 * (AxisLabelFit). With many more bins in view than pixels, LFP traces are sampled and MUA rates
 * averaged at about two points per pixel. In a figure the spacing note goes below the axes.
 */
class ContactPlot : public LivePlot {
    Q_OBJECT

public:
    /// Creates an empty plot.
    explicit ContactPlot(QWidget* parent = nullptr);
    ~ContactPlot() override;

    /// At most this many contacts are drawn; with more, the first ones in electrode order.
    static constexpr std::size_t kMaxShownContacts = 16;

    /// The LFP trace of contact @p contact (nullptr when out of range, not shown or not built
    /// yet); its values are (LFP - mean in view) / lfpSpacingUv() - row, row = its place in
    /// shownContacts().
    QCPGraph* lfpGraph(std::size_t contact) const;
    /// The multi-unit rate graph of contact @p contact (nullptr when out of range or not shown).
    QCPGraph* muaGraph(std::size_t contact) const;
    /// Indices of the contacts drawn, top to bottom.
    const std::vector<std::size_t>& shownContacts() const { return m_shown; }
    /// Vertical distance between neighbouring LFP traces in uV (as of the last redraw): twice
    /// the 98th percentile of the excursions from the traces' means in view.
    double lfpSpacingUv() const { return m_spacingUv; }
    /// The axis rect of the multi-unit rates (below the LFP traces).
    QCPAxisRect* muaRect() const { return m_muaRect; }
    /// The contact names on the LFP axis now (every k-th when they would run together).
    QStringList shownLabels() const;

    void beginFigure(const QSize& size, const QFont& font, double pixelRatio) override;
    void endFigure() override;
    /// Two stacked axes and the note under them need more height than a single plot.
    QSizeF minimumFigureSizeEm() const override { return {14.0, 21.0}; }

protected:
    void updateContent() override;
    QString readout(QCPAxisRect* rect, double timeMs, double value) const override;
    void applyTheme() override;

private:
    void rebuild();
    /// Shows every k-th contact name, k from the LFP rect's height (as of the last layout).
    void thinLabels();
    /// The note under the traces ("LFP spacing 12 µV", "(mean removed)", "MUA: 20 ms mean" and
    /// how many contacts are shown), parts joined by @p separator.
    QString scaleNote(const QString& separator) const;

    QCPAxisRect* m_muaRect = nullptr;
    QCPTextElement* m_scaleText = nullptr;
    QMap<double, QString> m_names; ///< every shown contact's name at its trace's baseline
    int m_labelStride = 0;         ///< stride of the names on the axis (0: not set yet)
    int m_labelPadding = 5;        ///< the axes' own label padding
    QPointer<QCPTextElement> m_figureNote;
    std::vector<QCPGraph*> m_lfp;
    std::vector<QCPGraph*> m_mua;
    std::vector<std::size_t> m_shown;
    std::vector<double> m_means;       ///< per shown contact: mean LFP in view (uV)
    std::uint64_t m_builtContacts = 0; ///< LiveRecording::contactGeneration() built for
    double m_spacingUv = 1.0;
    double m_muaWindowMs = 0.0; ///< width of the multi-unit rate's sliding mean
};

} // namespace plexus::widgets
