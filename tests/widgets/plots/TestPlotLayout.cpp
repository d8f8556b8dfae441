// Plot layout on screen and the tools figures lay plots out with: the text-box recorder measures
// what a painter draws (known boxes, rotation, clipping, images), the label-fitting rule spaces
// tick labels by the axis length, the live contact plot at its size in the Plots dock keeps its
// contact names apart and gives the traces the height, and MDS names stay apart and inside.
#include "plexus/widgets/analysis/MdsPlot.h"
#include "plexus/widgets/figures/FigureComposer.h"
#include "plexus/widgets/figures/PlotFigureSource.h"
#include "plexus/widgets/figures/TextBoxRecorder.h"
#include "plexus/widgets/live/ContactPlot.h"
#include "plexus/widgets/live/LivePlotPanel.h"
#include "plexus/widgets/live/LiveRecording.h"
#include "plexus/widgets/live/RasterPlot.h"
#include "plexus/widgets/live/RatePlot.h"
#include "plexus/widgets/live/WeightPlot.h"
#include "plexus/widgets/plots/AxisLabelFit.h"
#include "plexus/widgets/plots/QCustomPlotInclude.h"

#include <QFontMetricsF>
#include <QImage>
#include <QPainter>
#include <QScrollArea>
#include <QScrollBar>
#include <QtTest>
#include <cmath>
#include <random>

using namespace plexus::widgets;

namespace {

/// Every text @p plot draws at its size, as recorded.
std::vector<TextBoxRecorder::Text> textsOf(QCustomPlot& plot) {
    TextBoxRecorder recorder{QSizeF(plot.size())};
    QCPPainter painter(&recorder);
    plot.toPainter(&painter, plot.width(), plot.height());
    painter.end();
    return recorder.texts();
}

/// Overlapping, cut or outside texts of @p plot, described.
QStringList problemsOf(QCustomPlot& plot) {
    QStringList problems;
    const auto texts = textsOf(plot);
    const QRectF area(QPointF(0, 0), QSizeF(plot.size()));
    for (std::size_t i = 0; i < texts.size(); ++i) {
        const QRectF b = texts[i].bounds();
        if (texts[i].clipped || !area.adjusted(-0.5, -0.5, 0.5, 0.5).contains(b)) {
            problems << QStringLiteral("'%1' is cut").arg(texts[i].text);
        }
        for (std::size_t j = i + 1; j < texts.size(); ++j) {
            if (TextBoxRecorder::overlap(texts[i].box, texts[j].box)) {
                problems << QStringLiteral("'%1' overlaps '%2'").arg(texts[i].text, texts[j].text);
            }
        }
    }
    return problems;
}

/// What a figure export may rearrange: every layout element's place, size limits and visibility,
/// and the layout's stretch factors and spacing.
QStringList layoutOf(QCustomPlot& plot) {
    QStringList out;
    QCPLayoutGrid* grid = plot.plotLayout();
    out << QStringLiteral("grid %1x%2 spacing %3/%4")
               .arg(grid->rowCount())
               .arg(grid->columnCount())
               .arg(grid->rowSpacing())
               .arg(grid->columnSpacing());
    for (double f : grid->rowStretchFactors()) {
        out << QStringLiteral("row stretch %1").arg(f);
    }
    for (double f : grid->columnStretchFactors()) {
        out << QStringLiteral("column stretch %1").arg(f);
    }
    for (QCPLayoutElement* e : grid->elements(true)) {
        if (e == nullptr) {
            out << QStringLiteral("-");
            continue;
        }
        out << QStringLiteral("%1 in %2 min %3x%4 max %5x%6 visible %7 margins %8,%9,%10,%11")
                   .arg(QString::fromLatin1(e->metaObject()->className()))
                   .arg(e->layout() ? QString::fromLatin1(e->layout()->metaObject()->className())
                                    : QStringLiteral("none"))
                   .arg(e->minimumSize().width())
                   .arg(e->minimumSize().height())
                   .arg(e->maximumSize().width())
                   .arg(e->maximumSize().height())
                   .arg(e->visible())
                   .arg(e->minimumMargins().left())
                   .arg(e->minimumMargins().top())
                   .arg(e->minimumMargins().right())
                   .arg(e->minimumMargins().bottom());
    }
    for (QCPAxisRect* rect : plot.axisRects()) {
        for (QCPAxis* axis : rect->axes()) {
            out << QStringLiteral("axis '%1' labels %2 rotation %3 ticks %4")
                       .arg(axis->label())
                       .arg(axis->tickLabels())
                       .arg(axis->tickLabelRotation())
                       .arg(axis->ticker()->tickCount());
        }
    }
    return out;
}

QFont pixelFont(int pixels) {
    QFont font;
    font.setPixelSize(pixels);
    return font;
}

} // namespace

class TestPlotLayout : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void recorderMeasuresTextAsDrawn() {
        TextBoxRecorder recorder(QSizeF(200, 100));
        const QFont font = pixelFont(10);
        const QFontMetricsF metrics(font, &recorder);
        {
            QPainter painter(&recorder);
            painter.setFont(font);
            recorder.setTag(3);
            painter.drawText(QPointF(10, 20), QStringLiteral("Hello"));
            recorder.setTag(-1);
            // Rotated a quarter turn about (100, 50): the box turns with it.
            painter.save();
            painter.translate(100, 50);
            painter.rotate(-90);
            painter.drawText(QPointF(0, 0), QStringLiteral("up"));
            painter.restore();
            // Half of this one is clipped away.
            painter.setClipRect(QRectF(0, 60, 30, 40));
            painter.drawText(QPointF(20, 80), QStringLiteral("cut"));
            painter.drawText(QPointF(2, 80), QStringLiteral("in"));
            painter.setClipping(false);
            QImage image(40, 20, QImage::Format_RGB32);
            painter.drawImage(QRectF(150, 10, 20, 10), image);
        }
        const auto& texts = recorder.texts();
        QCOMPARE(texts.size(), std::size_t(4));
        const QRectF hello = texts[0].bounds();
        QCOMPARE(texts[0].text, QStringLiteral("Hello"));
        QCOMPARE(texts[0].tag, 3);
        QVERIFY(std::abs(hello.left() - 10.0) < 1e-6);
        QVERIFY(std::abs(hello.width() - metrics.horizontalAdvance(QStringLiteral("Hello"))) < 0.5);
        QVERIFY(std::abs(hello.top() - (20.0 - metrics.ascent())) < 0.5);
        QVERIFY(std::abs(hello.height() - (metrics.ascent() + metrics.descent())) < 0.5);
        const QRectF up = texts[1].bounds();
        // Turned: as tall as the text is wide, and it runs upwards from (100, 50).
        QVERIFY(std::abs(up.height() - metrics.horizontalAdvance(QStringLiteral("up"))) < 0.5);
        QVERIFY(std::abs(up.bottom() - 50.0) < 1e-6);
        QVERIFY(!texts[0].clipped && !texts[1].clipped);
        QVERIFY(texts[2].clipped);
        QVERIFY(!texts[3].clipped);
        QCOMPARE(recorder.images().size(), std::size_t(1));
        QCOMPARE(recorder.images()[0].target, QRectF(150, 10, 20, 10));
        QCOMPARE(recorder.images()[0].pixels, QSize(40, 20));
    }

    void overlapNeedsCommonInterior() {
        const QPolygonF a(QRectF(0, 0, 10, 10));
        QVERIFY(TextBoxRecorder::overlap(a, QPolygonF(QRectF(9, 9, 10, 10))));
        QVERIFY(!TextBoxRecorder::overlap(a, QPolygonF(QRectF(10, 0, 10, 10))));  // touching
        QVERIFY(!TextBoxRecorder::overlap(a, QPolygonF(QRectF(9.9, 0, 10, 10)))); // < tolerance
        // A diamond (a box turned 45 degrees) whose bounding box overlaps the square's corner
        // but whose shape does not.
        const QPolygonF near({QPointF(15, 9), QPointF(21, 15), QPointF(15, 21), QPointF(9, 15)});
        QVERIFY(near.boundingRect().intersects(a.boundingRect()));
        QVERIFY(!TextBoxRecorder::overlap(a, near));
        QVERIFY(TextBoxRecorder::overlap(a, near.translated(-3, -3)));
    }

    void labelsAreSpacedByTheAxisLength() {
        QCustomPlot plot;
        plot.resize(400, 300);
        plot.show(); // resizes reach a shown plot at once
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        const QFont font = pixelFont(12);
        plot.xAxis->setTickLabelFont(font);
        plot.xAxis->setRange(0.0, 1000.0);
        plot.replot();
        const int wide = AxisLabelFit::tickCount(plot.xAxis, font);
        // Known answer: the labels of the count chosen keep half an em apart, those of the next
        // count do not.
        const auto gaps = [&](int count) {
            const QMap<double, QString> labels = AxisLabelFit::numericLabels(plot.xAxis, count);
            const QFontMetricsF metrics(font);
            double smallest = 1e9;
            for (auto it = labels.begin(); std::next(it) != labels.end(); ++it) {
                const auto next = std::next(it);
                const double distance =
                    plot.xAxis->coordToPixel(next.key()) - plot.xAxis->coordToPixel(it.key());
                smallest =
                    std::min(smallest, distance - 0.5 * (metrics.horizontalAdvance(it.value()) +
                                                         metrics.horizontalAdvance(next.value())));
            }
            return smallest;
        };
        QVERIFY(wide >= 2 && wide <= 8);
        QVERIFY2(gaps(wide) >= 6.0, qPrintable(QString::number(gaps(wide))));
        if (wide < 8) {
            QVERIFY(gaps(wide + 1) < 6.0 || AxisLabelFit::numericLabels(plot.xAxis, wide + 1) ==
                                                AxisLabelFit::numericLabels(plot.xAxis, wide));
        }
        // A short axis gets fewer labels; one too short for two of them says so.
        plot.resize(120, 300);
        plot.replot();
        QVERIFY(AxisLabelFit::tickCount(plot.xAxis, font) < wide);
        plot.xAxis->setRange(0.0, 1.0e6);
        plot.resize(60, 300);
        plot.replot();
        QCOMPARE(AxisLabelFit::tickCount(plot.xAxis, font), 0);

        // Text labels stacked on a vertical axis: 16 names on 100 pixels at a 14 px line need
        // every ceil(14 + 2)/(100/16)) = 3rd.
        plot.resize(300, 100 + 30);
        plot.axisRect()->setAutoMargins(QCP::msNone);
        plot.axisRect()->setMargins(QMargins(60, 0, 10, 30));
        plot.yAxis->setRange(-0.5, 15.5);
        plot.replot();
        QMap<double, QString> names;
        for (int i = 0; i < 16; ++i) {
            names.insert(i, QStringLiteral("probe:%1").arg(i));
        }
        const QFontMetricsF metrics(font);
        const double spacing = plot.axisRect()->height() / 16.0;
        const int expected = static_cast<int>(std::ceil((metrics.height() + 12.0 / 6.0) / spacing));
        QCOMPARE(AxisLabelFit::textStride(plot.yAxis, names, font), expected);
        QCOMPARE(AxisLabelFit::everyNth(names, 3)->ticks().size(), 6);
        // Names wider than their room are slanted, then set upright.
        const QStringList long_ = {QStringLiteral("silence_1"), QStringLiteral("silence_2")};
        const double width = metrics.horizontalAdvance(long_[0]);
        QCOMPARE(AxisLabelFit::rotationFor(long_, width + 7.0, font), 0.0);
        QCOMPARE(AxisLabelFit::rotationFor(long_, width - 1.0, font), 45.0);
        QCOMPARE(AxisLabelFit::rotationFor(long_, metrics.height(), font), 90.0);
    }

    void contactPlotIsReadableInThePlotsDock() {
        // Sixteen contacts of a laminar probe, as the Plots dock shows them at 1280 x 800.
        LiveRecording recording;
        recording.reset({{"E", 100, false}}, 0.1, 10);
        std::vector<std::string> names;
        for (int c = 0; c < 16; ++c) {
            names.push_back("probe:" + std::to_string(c));
        }
        recording.setContacts(names, 10);
        std::mt19937 random(7);
        std::normal_distribution<float> noise(0.0f, 20.0f);
        std::vector<float> lfp(500);
        std::vector<std::uint32_t> units(500, 1);
        for (std::size_t c = 0; c < names.size(); ++c) {
            for (float& v : lfp) {
                v = noise(random);
            }
            recording.appendContactBins(c, 0, lfp.data(), units.data(), lfp.size());
        }
        recording.setCurrentStep(5000);
        LivePlotPanel panel;
        panel.resize(1280, 485);
        panel.setRecording(&recording);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.refresh();
        ContactPlot* plot = panel.contactPlot();
        QVERIFY(plot->isVisible());
        plot->replot();
        plot->replot(); // the contact names are thinned for the layout of the first
        QVERIFY2(plot->height() >= 220, qPrintable(QString::number(plot->height())));
        // The traces take most of the height of the two axis rects (the rates keep a strip).
        const int lfp_ = plot->axisRect()->height();
        const int mua = plot->muaRect()->height();
        QVERIFY2(lfp_ >= 0.7 * (lfp_ + mua),
                 qPrintable(QStringLiteral("LFP %1 px, MUA %2 px").arg(lfp_).arg(mua)));
        // Names spaced by the height: some, not all, and none touching another text.
        const QStringList shown = plot->shownLabels();
        QVERIFY2(shown.size() >= 3 && shown.size() < 16, qPrintable(shown.join(QLatin1Char(','))));
        const QStringList problems = problemsOf(*plot);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));

        // A dock lower than all plots at their readable minimum heights (the default window at
        // 1280 x 800): the contact plot keeps its height and the plots scroll.
        panel.resize(1280, 262);
        QTest::qWait(20);
        QVERIFY2(plot->height() >= 220, qPrintable(QString::number(plot->height())));
        auto* scroll = panel.findChild<QScrollArea*>(QStringLiteral("livePlotScroll"));
        QVERIFY(scroll != nullptr);
        QVERIFY(scroll->verticalScrollBar()->maximum() > 0);
    }

    void rasterNamesNeverOverlap() {
        // Twelve small populations (a protocol's sources, one per condition) in a short raster:
        // the names on the left are thinned, not piled up.
        LiveRecording recording;
        std::vector<LiveRecording::Population> populations;
        for (int p = 0; p < 12; ++p) {
            populations.push_back({"Sweep@condition_" + std::to_string(p), 8, false});
        }
        recording.reset(populations, 0.1, 10);
        recording.setCurrentStep(10000);
        RasterPlot raster;
        raster.resize(900, 140);
        raster.setRecording(&recording);
        raster.show();
        QVERIFY(QTest::qWaitForWindowExposed(&raster));
        raster.invalidate();
        raster.replot();
        raster.replot(); // the names are thinned for the layout of the first
        // The names shown on the left keep a line apart.
        const QFontMetricsF metrics(raster.yAxis->tickLabelFont());
        const QVector<double> ticks = raster.yAxis->tickVector();
        const QVector<QString> labels = raster.yAxis->tickVectorLabels();
        int named = 0;
        double last = -1e9;
        for (int i = 0; i < ticks.size() && i < labels.size(); ++i) {
            if (labels[i].isEmpty()) {
                continue;
            }
            const double y = raster.yAxis->coordToPixel(ticks[i]);
            QVERIFY2(std::abs(y - last) >= metrics.height(),
                     qPrintable(QStringLiteral("%1 at %2 px").arg(labels[i]).arg(y)));
            last = y;
            ++named;
        }
        QVERIFY2(named >= 2 && named < 12, qPrintable(QString::number(named)));
    }

    void rateLegendFitsBesideThePlot() {
        // Twelve populations beside a short rate plot: the legend lists those that fit and
        // counts the rest, no entry is cut.
        LiveRecording recording;
        std::vector<LiveRecording::Population> populations;
        for (int p = 0; p < 12; ++p) {
            populations.push_back({"population_" + std::to_string(p), 8, false});
        }
        recording.reset(populations, 0.1, 10);
        recording.setCurrentStep(10000);
        RatePlot rates;
        rates.resize(900, 140);
        rates.setRecording(&recording);
        rates.show();
        QVERIFY(QTest::qWaitForWindowExposed(&rates));
        rates.invalidate();
        rates.replot();
        rates.replot(); // the legend is fitted to the layout of the first
        const int items = rates.legend->itemCount();
        QVERIFY2(items >= 2 && items < 12, qPrintable(QString::number(items)));
        auto* last = qobject_cast<QCPAbstractLegendItem*>(rates.legend->item(items - 1));
        QVERIFY(last != nullptr);
        QVERIFY(rates.legend->outerRect().bottom() <= rates.height());
        const QStringList problems = problemsOf(rates);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        const auto texts = textsOf(rates);
        const QString count = QStringLiteral("+ %1 more").arg(12 - (items - 1));
        QStringList drawn;
        for (const auto& t : texts) {
            drawn << t.text;
        }
        QVERIFY2(drawn.contains(count), qPrintable(drawn.join(QLatin1Char(','))));
        // Taller: every population fits, no count.
        rates.resize(900, 400);
        rates.replot();
        rates.replot();
        QCOMPARE(rates.legend->itemCount(), 12);
    }

    void figuresLeaveThePlotsLayoutAsItWas() {
        // A recording with populations, a plastic projection and contacts, in the panel.
        LiveRecording recording;
        recording.reset({{"E", 80, false}, {"I", 20, false}}, 0.1, 10);
        std::vector<std::int64_t> steps(200);
        std::vector<std::int32_t> neurons(200);
        for (int i = 0; i < 200; ++i) {
            steps[static_cast<std::size_t>(i)] = i * 20;
            neurons[static_cast<std::size_t>(i)] = i % 20;
        }
        recording.appendSpikes(0, steps.data(), neurons.data(), steps.size());
        recording.appendSpikes(1, steps.data(), neurons.data(), steps.size());
        const std::vector<std::uint32_t> counts(400, 2);
        recording.appendRateBins(0, 0, counts.data(), counts.size());
        recording.appendRateBins(1, 0, counts.data(), counts.size());
        recording.appendWeights("E->I", 0, 0.5f, 0.0, 1.0, std::vector<std::uint32_t>(10, 3));
        recording.appendWeights("E->I", 4000, 0.6f, 0.0, 1.0, std::vector<std::uint32_t>(10, 4));
        recording.setContacts({"a", "b", "c"}, 10);
        const std::vector<float> lfp(400, 1.0f);
        const std::vector<std::uint32_t> units(400, 1);
        for (std::size_t c = 0; c < 3; ++c) {
            recording.appendContactBins(c, 0, lfp.data(), units.data(), lfp.size());
        }
        recording.setCurrentStep(4000);
        LivePlotPanel panel;
        panel.resize(1000, 700);
        panel.setRecording(&recording);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.refresh();
        const QList<QCustomPlot*> plots = {panel.rasterPlot(), panel.ratePlot(), panel.weightPlot(),
                                           panel.contactPlot()};
        for (QCustomPlot* plot : plots) {
            plot->replot();
            const QStringList before = layoutOf(*plot);
            const int legends = static_cast<int>(plot->findChildren<QCPLegend*>().size());
            // Wide and narrow figures take different arrangements.
            for (const double width : {180.0, 40.0}) {
                FigureComposer figure;
                figure.addPanel(std::make_shared<PlotFigureSource>(plot, QStringLiteral("p")));
                FigureStyle style;
                style.widthMm = width;
                style.dpi = 100.0;
                QVERIFY(!figure.toImage(style).isNull());
            }
            QCOMPARE(layoutOf(*plot), before);
            QCOMPARE(static_cast<int>(plot->findChildren<QCPLegend*>().size()), legends);
        }
    }

    void mdsNamesStayApartAndInside() {
        MdsPlot plot;
        plot.resize(200, 150);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        Eigen::MatrixXd points(6, 2);
        points << 0.30, -0.03, -0.07, -0.07, -0.08, -0.11, -0.07, -0.01, -0.07, 0.01, -0.02, 0.20;
        plot.setCoordinates(points,
                            {"tone_1", "tone_2", "noise_1", "noise_2", "silence_1", "silence_2"});
        plot.replot();
        plot.replot();
        const QStringList problems = problemsOf(plot);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        QStringList texts;
        for (const auto& t : textsOf(plot)) {
            texts << t.text;
        }
        QVERIFY(texts.contains(QStringLiteral("MDS 1")));
        QVERIFY(texts.contains(QStringLiteral("MDS 2")));
        QVERIFY(texts.contains(QStringLiteral("tone_1")));
        QVERIFY(texts.contains(QStringLiteral("silence_2")));
    }
};

QTEST_MAIN(TestPlotLayout)
#include "TestPlotLayout.moc"
