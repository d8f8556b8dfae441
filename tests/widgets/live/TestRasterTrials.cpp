// Protocol trials in the raster: shaded bands, a strip per trial in its condition's colour, the
// condition legend and perturbation marks; the same trials in a run record and back.
#include <QImage>
#include <QTest>
#include <plexus/core/project/ProjectSpec.h>
#include <plexus/widgets/live/LiveRecording.h>
#include <plexus/widgets/live/LiveRunRecord.h>
#include <plexus/widgets/live/RasterPlot.h>
#include <plexus/widgets/plots/PlotTheme.h>

using namespace plexus;

namespace {

/// Two populations over 1 s at dt 0.1 ms with a steady spike train, and four trials of 150 ms
/// every 250 ms: conditions 0, 1, 0, 1 ("left", "right").
void fill(widgets::LiveRecording& rec) {
    rec.reset({{"E", 40, false}, {"I", 10, false}}, 0.1, 10);
    std::vector<std::int64_t> steps;
    std::vector<std::int32_t> neurons;
    for (std::int64_t s = 0; s < 10000; s += 50) {
        steps.push_back(s);
        neurons.push_back(static_cast<std::int32_t>((s / 50) % 40));
    }
    rec.appendSpikes(0, steps.data(), neurons.data(), steps.size());
    std::vector<core::TrialWindow> trials;
    for (int k = 0; k < 4; ++k)
        trials.push_back({k * 250.0, k * 250.0 + 150.0, k % 2, k / 2, k % 2 ? "right" : "left"});
    rec.setTrials(trials, {"left", "right"});
    rec.setCurrentStep(10000);
}

} // namespace

class TestRasterTrials : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void bandsFollowTheTrials();
    void bandsAreDrawn();
    void perturbationsAreMarked();
    void runRecordKeepsCompletedTrials();
    void figureLegendFitsTheFigure();
};

void TestRasterTrials::bandsFollowTheTrials() {
    widgets::LiveRecording rec;
    fill(rec);
    widgets::RasterPlot plot;
    plot.resize(800, 400);
    plot.setRecording(&rec);
    plot.setTimeRange(0.0, 1000.0);
    plot.refresh();

    const auto bands = plot.trialBands();
    QCOMPARE(bands.size(), std::size_t{4});
    for (std::size_t k = 0; k < bands.size(); ++k) {
        QCOMPARE(bands[k].startMs, 250.0 * static_cast<double>(k));
        QCOMPARE(bands[k].endMs, 250.0 * static_cast<double>(k) + 150.0);
        QCOMPARE(bands[k].condition, static_cast<int>(k % 2));
        QCOMPARE(bands[k].color, widgets::PlotTheme::conditionColor(k % 2));
        QCOMPARE(bands[k].darker, k % 2 == 1); // alternating shades
    }
    QVERIFY(widgets::PlotTheme::conditionColor(0) != widgets::PlotTheme::conditionColor(1));
    const auto legend = plot.conditionLegend();
    QCOMPARE(legend.size(), std::size_t{2});
    QCOMPARE(legend[0].first, QStringLiteral("left"));
    QCOMPARE(legend[1].first, QStringLiteral("right"));
    QCOMPARE(legend[1].second, widgets::PlotTheme::conditionColor(1));

    // Only the trials in the shown range; while running, only as far as the run has come.
    plot.setTimeRange(300.0, 700.0);
    plot.refresh();
    QCOMPARE(plot.trialBands().size(), std::size_t{2});
    rec.setCurrentStep(5500); // 550 ms: the third trial is under way, the fourth not started
    plot.setTimeRange(0.0, 1000.0);
    plot.refresh();
    const auto live = plot.trialBands();
    QCOMPARE(live.size(), std::size_t{3});
    QCOMPARE(live[2].endMs, 550.0);

    // Conditions that share a label keep their own names (and colours) in the legend.
    rec.setTrials({{0.0, 100.0, 0, 0, "A"}, {200.0, 300.0, 1, 0, "A"}}, {"A_train", "A_test"});
    plot.invalidate();
    plot.refresh();
    QCOMPARE(plot.conditionLegend()[0].first, QStringLiteral("A_train"));
    QCOMPARE(plot.conditionLegend()[1].first, QStringLiteral("A_test"));

    // Without a protocol: no bands, no legend.
    rec.setTrials({}, {});
    plot.invalidate();
    plot.refresh();
    QVERIFY(plot.trialBands().empty());
    QVERIFY(plot.conditionLegend().empty());
}

void TestRasterTrials::bandsAreDrawn() {
    widgets::LiveRecording rec;
    fill(rec);
    widgets::RasterPlot plot;
    plot.resize(800, 400);
    plot.setRecording(&rec);
    plot.setTimeRange(0.0, 1000.0);
    plot.refresh();
    const QImage image = plot.grab().toImage();
    const QRect rect = plot.axisRect()->rect();
    // The strip along the top of each trial has its condition's colour; between trials, none.
    const auto stripColor = [&](double ms) {
        const int x = static_cast<int>(plot.xAxis->coordToPixel(ms));
        return QColor(image.pixel(x * image.width() / plot.width(),
                                  (rect.top() + 1) * image.height() / plot.height()));
    };
    QCOMPARE(stripColor(75.0), widgets::PlotTheme::conditionColor(0));
    QCOMPARE(stripColor(325.0), widgets::PlotTheme::conditionColor(1));
    QCOMPARE(stripColor(575.0), widgets::PlotTheme::conditionColor(0));
    QVERIFY(stripColor(200.0) != widgets::PlotTheme::conditionColor(0));
    // The bands shade the background inside the trials only (row of the I band, no spikes).
    const int y = static_cast<int>(plot.yAxis->coordToPixel(plot.band(1).first + 5.0));
    const auto shadeAt = [&](double ms) {
        const int x = static_cast<int>(plot.xAxis->coordToPixel(ms));
        return QColor(image.pixel(x * image.width() / plot.width(),
                                  y * image.height() / plot.height()))
            .lightness();
    };
    QVERIFY(shadeAt(110.0) < shadeAt(220.0));
    QVERIFY(shadeAt(360.0) < shadeAt(110.0)); // the second band is the darker shade
}

void TestRasterTrials::perturbationsAreMarked() {
    widgets::LiveRecording rec;
    fill(rec);
    rec.addPerturbation({400.0, 600.0, "silence E for 200 ms"});
    rec.addPerturbation({900.0, 900.0, "lesion 50% of the synapses of E->I"});
    widgets::RasterPlot plot;
    plot.resize(800, 400);
    plot.setRecording(&rec);
    plot.setTimeRange(0.0, 800.0);
    plot.refresh();
    QCOMPARE(plot.visiblePerturbations().size(), std::size_t{1});
    const QImage image = plot.grab().toImage();
    const QRect rect = plot.axisRect()->rect();
    const auto bottom = [&](double ms) {
        const int x = static_cast<int>(plot.xAxis->coordToPixel(ms));
        return QColor(image.pixel(x * image.width() / plot.width(),
                                  (rect.bottom() - 1) * image.height() / plot.height()));
    };
    QCOMPARE(bottom(500.0), QColor(0xd6, 0x27, 0x28));
    QVERIFY(bottom(300.0) != QColor(0xd6, 0x27, 0x28));
    plot.setTimeRange(0.0, 1000.0);
    plot.refresh();
    QCOMPARE(plot.visiblePerturbations().size(), std::size_t{2});
}

void TestRasterTrials::runRecordKeepsCompletedTrials() {
    widgets::LiveRecording rec;
    fill(rec);
    rec.setCurrentStep(6000); // 600 ms: trials 0 and 1 completed; trial 2 ends at 650 ms
    core::ProjectSpec project;
    project.name = "trials";
    const core::RunRecord record = widgets::LiveRunRecord::fromRecording(rec, project, "test");
    QCOMPARE(record.trials.size(), std::size_t{2});
    QCOMPARE(record.trials[1].condition, 1);
    QCOMPARE(record.trials[1].label, std::string("right"));
    QCOMPARE(record.conditionNames, (std::vector<std::string>{"left", "right"}));

    widgets::LiveRecording back;
    widgets::LiveRunRecord::toRecording(record, back);
    QVERIFY(back.trials() == record.trials);
    QVERIFY(back.conditionNames() == record.conditionNames);
    widgets::RasterPlot plot;
    plot.resize(800, 400);
    plot.setRecording(&back);
    plot.setTimeRange(0.0, 1000.0);
    plot.refresh();
    QCOMPARE(plot.trialBands().size(), std::size_t{2});
}

void TestRasterTrials::figureLegendFitsTheFigure() {
    // Items of the legend below the axes of a figure of @p size.
    const auto figureItems = [](widgets::RasterPlot& plot, const QSize& size) {
        plot.grab(); // lays the bands out
        const QList<QCPLegend*> before = plot.findChildren<QCPLegend*>();
        plot.beginFigure(size, QFont(QStringLiteral("DejaVu Sans"), 9), 1.0);
        int items = 0;
        for (QCPLegend* legend : plot.findChildren<QCPLegend*>()) {
            if (!before.contains(legend)) {
                for (int k = 0; k < legend->itemCount(); ++k) {
                    items += legend->item(k) != nullptr; // a wrapped grid has empty cells
                }
            }
        }
        plot.endFigure();
        return items;
    };
    widgets::LiveRecording rec;
    fill(rec);
    widgets::RasterPlot plot;
    plot.resize(800, 400);
    plot.setRecording(&rec);
    plot.setTimeRange(0.0, 1000.0);
    plot.refresh();
    // Two populations and two conditions fit: every entry.
    QCOMPARE(figureItems(plot, QSize(500, 400)), 4);

    // Twelve populations in a small figure: the populations' entries would take more than 40 %
    // of its height, so only the conditions are listed (the axis names the populations).
    std::vector<widgets::LiveRecording::Population> many;
    for (int p = 0; p < 12; ++p) {
        std::string name(1, 'P');
        name.append(std::to_string(p));
        many.push_back({name, 10, false});
    }
    rec.reset(many, 0.1, 10);
    rec.setTrials({{0.0, 100.0, 0, 0, "left"}, {200.0, 300.0, 1, 0, "right"}}, {"left", "right"});
    rec.setCurrentStep(10000);
    plot.setRecording(&rec);
    plot.invalidate();
    plot.refresh();
    QCOMPARE(figureItems(plot, QSize(300, 240)), 2);
}

QTEST_MAIN(TestRasterTrials)
#include "TestRasterTrials.moc"
