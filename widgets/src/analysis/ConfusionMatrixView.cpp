#include "plexus/widgets/analysis/ConfusionMatrixView.h"

#include "plexus/widgets/analysis/ResultPlot.h"

#include <QFontMetricsF>
#include <algorithm>

namespace plexus::widgets {

ConfusionMatrixView::ConfusionMatrixView(QWidget* parent)
    : RdmHeatmap(parent) {
    m_title = ResultPlot::addTitle(this);
    m_title->setTextColor(palette().color(QPalette::Text));
    xAxis->setLabel(tr("predicted class"));
    yAxis->setLabel(tr("true class"));
    setReadout(nullptr, tr("No classification yet"));
}

ConfusionMatrixView::~ConfusionMatrixView() = default;

ResultTable ConfusionMatrixView::table(const AnalysisResult::Readout& readout) {
    ResultTable t;
    t.firstColumn = "true_class";
    if (!readout.classification) {
        return t;
    }
    const Eigen::MatrixXi& m = readout.classification->confusion;
    for (Eigen::Index c = 0; c < m.cols(); ++c) {
        t.columns.push_back(static_cast<std::size_t>(c) < readout.classes.size()
                                ? readout.classes[static_cast<std::size_t>(c)]
                                : std::to_string(c));
    }
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        std::vector<double> row;
        for (Eigen::Index c = 0; c < m.cols(); ++c) {
            row.push_back(static_cast<double>(m(r, c)));
        }
        t.add(t.columns[static_cast<std::size_t>(r)], row);
    }
    return t;
}

QString ConfusionMatrixView::title() const {
    return m_title->text();
}

QString ConfusionMatrixView::cellText(std::size_t row, std::size_t column) const {
    if (row >= m_classes || column >= m_classes) {
        return {};
    }
    return m_cells[row * m_classes + column]->text();
}

void ConfusionMatrixView::setReadout(const AnalysisResult::Readout* readout, const QString& error) {
    for (QCPItemText* cell : m_cells) {
        removeItem(cell);
    }
    m_cells.clear();
    m_classes = 0;
    const ResultTable t = readout != nullptr ? table(*readout) : ResultTable{};
    if (t.rowNames.empty() || t.values.rows() != t.values.cols()) {
        m_title->setText(QString());
        clear(ResultPlot::wrapped(error.isEmpty() ? tr("No classification") : error, font(),
                                  ResultPlot::kMessageWidth));
        return;
    }
    const Eigen::Index n = t.values.rows();
    Eigen::MatrixXd percent = Eigen::MatrixXd::Zero(n, n);
    for (Eigen::Index r = 0; r < n; ++r) {
        const double total = t.values.row(r).sum();
        if (total > 0.0) {
            percent.row(r) = 100.0 * t.values.row(r) / total;
        }
    }
    setRdm(analysis::Rdm(percent, t.rowNames), tr("% of true class"));
    colorMap()->setDataRange(QCPRange(0.0, 100.0));
    m_classes = static_cast<std::size_t>(n);
    for (Eigen::Index r = 0; r < n; ++r) {
        for (Eigen::Index c = 0; c < n; ++c) {
            auto* cell = new QCPItemText(this);
            cell->position->setCoords(static_cast<double>(c), static_cast<double>(r));
            cell->setText(QStringLiteral("%1\n%2%")
                              .arg(static_cast<long long>(t.values(r, c)))
                              .arg(percent(r, c), 0, 'f', 0));
            cell->setColor(percent(r, c) > 60.0 ? Qt::black : Qt::white);
            cell->setVisible(n <= 12);
            m_cells.push_back(cell);
        }
    }
    const auto& c = *readout->classification;
    m_title->setText(tr("Accuracy %1% (chance %2%)")
                         .arg(100.0 * c.testAccuracy, 0, 'f', 1)
                         .arg(100.0 * c.chance, 0, 'f', 1));
    xAxis->setLabel(tr("predicted class"));
    yAxis->setLabel(tr("true class"));
    replot(QCustomPlot::rpQueuedReplot);
}

void ConfusionMatrixView::beginFigure(const QSize& size, const QFont& font, double pixelRatio) {
    // The heatmap lays out its rows itself: the title row goes away meanwhile.
    plotLayout()->take(m_title);
    plotLayout()->simplify();
    m_screenTitle = m_title->text();
    QFont bold = font;
    bold.setBold(true);
    if (QFontMetricsF(bold).horizontalAdvance(m_screenTitle) > 0.95 * size.width() &&
        m_title->text().contains(QLatin1String(" ("))) {
        m_title->setText(m_screenTitle.left(m_screenTitle.indexOf(QLatin1String(" ("))));
    }
    // Cell texts (two lines, up to "100%") only where the cells hold them.
    const double em = font.pixelSize() > 0 ? font.pixelSize() : QFontMetricsF(font).height();
    const double cell = m_classes > 0
                            ? std::min(size.width() - 10.0 * em, size.height() - 8.0 * em) /
                                  static_cast<double>(m_classes)
                            : 0.0;
    m_cellsShown = !m_cells.empty() && m_cells.front()->visible();
    for (QCPItemText* item : m_cells) {
        item->setVisible(m_cellsShown && cell >= 3.5 * em);
    }
    RdmHeatmap::beginFigure(size, font, pixelRatio);
    xAxis->setLabel(tr("predicted class"));
    yAxis->setLabel(tr("true class"));
    // A short panel keeps its height for the matrix: the title's first part goes into the
    // axis label.
    m_titleRow = size.height() >= 20.0 * em || m_screenTitle.isEmpty();
    if (m_titleRow) {
        plotLayout()->insertRow(0);
        plotLayout()->addElement(0, 0, m_title);
    } else {
        m_title->setVisible(false); // out of the layout, it would draw where it was
        const int cut = m_screenTitle.indexOf(QLatin1String(" ("));
        xAxis->setLabel(
            tr("predicted class · %1").arg(cut > 0 ? m_screenTitle.left(cut) : m_screenTitle));
    }
}

void ConfusionMatrixView::endFigure() {
    if (m_titleRow) {
        plotLayout()->take(m_title);
        plotLayout()->simplify();
    }
    m_titleRow = true;
    m_title->setVisible(true);
    RdmHeatmap::endFigure();
    m_title->setText(m_screenTitle);
    for (QCPItemText* item : m_cells) {
        item->setVisible(m_cellsShown);
    }
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0, m_title);
}

} // namespace plexus::widgets
