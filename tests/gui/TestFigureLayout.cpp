// Figure layout of every view from a real run (CUBA with electrodes, an STDP input, traced
// neurons, six conditions for the analysis): each view alone at single-column (85 x 64 mm) and
// double-column (180 x 100 mm) size and in multi-panel figures of both sizes. The text boxes
// come from the drawing itself (widgets::TextBoxRecorder records every line of text the painter
// draws, with its transform and clip): no text may leave the figure or its panel, be cut by a
// clip or overlap other text, and every axis has its label. The 3-D views fill their panel and
// are rendered at the panel's resolution. A figure does not depend on the figures drawn before
// it; legends keep the height of their text in short panels, and MDS names stay inside the
// rectangle their axes clip them to, wherever the points fall.
#include "FigureViews.h"
#include "MainWindow.h"
#include "RunController.h"
#include "TestArtifacts.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>
#include <plexus/analysis/ConditionEpoch.h>
#include <plexus/widgets/analysis/AnalysisPanel.h>
#include <plexus/widgets/analysis/ComparisonChart.h>
#include <plexus/widgets/analysis/MdsPlot.h>
#include <plexus/widgets/analysis/RdmHeatmap.h>
#include <plexus/widgets/analysis/RsaView.h>
#include <plexus/widgets/analysis/TrajectoryView.h>
#include <plexus/widgets/figures/FigureComposer.h>
#include <plexus/widgets/figures/FigureSource.h>
#include <plexus/widgets/figures/FigureStyle.h>
#include <plexus/widgets/figures/PlotFigureSource.h>
#include <plexus/widgets/figures/TextBoxRecorder.h>
#include <plexus/widgets/live/LiveRecording.h>
#include <plexus/widgets/live/RatePlot.h>
#include <plexus/widgets/live/WeightPlot.h>
#include <plexus/widgets/plots/QCustomPlotInclude.h>
#include <random>

using namespace plexus;
using widgets::TextBoxRecorder;

namespace {

/// Tolerance of the containment checks, in points.
constexpr double kSlackPt = 0.5;

/// Draws another source with a tag on the recorder and remembers the rectangle it was given.
class TaggedPanel : public widgets::FigureSource {
public:
    TaggedPanel(std::shared_ptr<widgets::FigureSource> inner, int tag, TextBoxRecorder* recorder,
                std::vector<QRectF>* rects)
        : m_inner(std::move(inner))
        , m_tag(tag)
        , m_recorder(recorder)
        , m_rects(rects) {}
    QString name() const override { return m_inner->name(); }
    QString problem() const override { return m_inner->problem(); }
    void render(QCPPainter& painter, const QRectF& rect,
                const widgets::FigureStyle& style) override {
        (*m_rects)[static_cast<std::size_t>(m_tag)] = rect;
        m_recorder->setTag(m_tag);
        m_inner->render(painter, rect, style);
        m_recorder->setTag(-1);
    }

private:
    std::shared_ptr<widgets::FigureSource> m_inner;
    int m_tag;
    TextBoxRecorder* m_recorder;
    std::vector<QRectF>* m_rects;
};

bool inside(const QRectF& outer, const QRectF& inner) {
    return inner.left() >= outer.left() - kSlackPt && inner.top() >= outer.top() - kSlackPt &&
           inner.right() <= outer.right() + kSlackPt && inner.bottom() <= outer.bottom() + kSlackPt;
}

QString describe(const TextBoxRecorder::Text& text) {
    const QRectF b = text.bounds();
    return QStringLiteral("'%1' [%2,%3 %4x%5]")
        .arg(text.text)
        .arg(b.x(), 0, 'f', 1)
        .arg(b.y(), 0, 'f', 1)
        .arg(b.width(), 0, 'f', 1)
        .arg(b.height(), 0, 'f', 1);
}

/// Axis labels each view must show (a text starting with each string).
QStringList expectedLabels(const QString& view) {
    static const QHash<QString, QStringList> labels = {
        {QStringLiteral("raster"), {"time (ms)", "population"}},
        {QStringLiteral("membrane"), {"time (ms)", "v (mV)"}},
        {QStringLiteral("rate"), {"time (ms)", "rate (Hz)"}},
        {QStringLiteral("weights"), {"time (ms)", "mean weight", "weight", "synapses"}},
        {QStringLiteral("contacts"), {"time (ms)", "LFP", "MUA (Hz)"}},
        {QStringLiteral("trajectory"), {"PC1", "PC2"}},
        {QStringLiteral("rdm"), {"condition"}},
        {QStringLiteral("mds"), {"MDS 1", "MDS 2"}},
        {QStringLiteral("comparison"), {"model RDM"}}};
    return labels.value(view);
}

bool isThreeD(const QString& view) {
    return view == QLatin1String("cortex") || view == QLatin1String("trajectory3d");
}

/// Every text of @p texts with its box, one line each (to compare two drawings).
QStringList described(const std::vector<TextBoxRecorder::Text>& texts) {
    QStringList lines;
    for (const TextBoxRecorder::Text& text : texts) {
        QString line = describe(text);
        for (const QPointF& corner : text.box) {
            line += QStringLiteral(" %1,%2").arg(corner.x(), 0, 'f', 2).arg(corner.y(), 0, 'f', 2);
        }
        lines << line;
    }
    return lines;
}

} // namespace

class TestFigureLayout : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void eachViewAlone_data();
    void eachViewAlone();
    void multiPanelFigures_data();
    void multiPanelFigures();
    void analysisPlotsOnScreen();
    void figuresDoNotDependOnEarlierFigures_data();
    void figuresDoNotDependOnEarlierFigures();
    void legendsKeepTheirHeightInShortPanels();
    void mdsNamesStayInsideTheirAxes();
    void cleanupTestCase();

private:
    /// Lays out @p views as one figure in @p style and returns every layout problem found.
    QStringList layoutProblems(const QStringList& views, const widgets::FigureStyle& style,
                               int columns, const QString& artifact);
    /**
     * @brief Lays out @p sources (panels named @p names) as one figure in @p style and returns
     *        every layout problem found; @p texts (if given) receives what was drawn.
     */
    static QStringList
    figureProblems(const std::vector<std::shared_ptr<widgets::FigureSource>>& sources,
                   const QStringList& names, const widgets::FigureStyle& style, int columns,
                   const QString& artifact, std::vector<TextBoxRecorder::Text>* texts = nullptr);

    QTemporaryDir m_dir;
    std::unique_ptr<app::MainWindow> m_window;
};

void TestFigureLayout::initTestCase() {
    QVERIFY(m_dir.isValid());
    // CUBA with a laminar probe and a Utah array, plus a Poisson input onto E through STDP.
    QFile source(QStringLiteral(PLEXUS_SOURCE_DIR "/resources/examples/cuba_electrodes.json"));
    QVERIFY(source.open(QIODevice::ReadOnly));
    nlohmann::json project = nlohmann::json::parse(source.readAll().toStdString());
    project["stimuli"].push_back(
        {{"model", "poisson"}, {"name", "drive"}, {"params", {{"rate_hz", 20.0}}}, {"size", 200}});
    project["projections"].push_back(
        {{"connectivity", {{"p", 0.05}, {"rule", "fixed_probability"}}},
         {"delay_ms", 1.0},
         {"name", "drive->E"},
         {"receptor", "exc"},
         {"source", "drive"},
         {"target", "E"},
         {"synapse",
          {{"model", "stdp"},
           {"params",
            {{"a_minus", 0.0105},
             {"a_plus", 0.01},
             {"tau_minus", 20.0},
             {"tau_plus", 20.0},
             {"w_max", 1.0},
             {"w_min", 0.0}}}}},
         {"weight", 0.5}});
    const QString path = m_dir.filePath(QStringLiteral("layout.json"));
    {
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QByteArray::fromStdString(project.dump(2)));
    }

    m_window = std::make_unique<app::MainWindow>();
    QVERIFY2(m_window->loadProject(path), qPrintable(m_window->lastError()));
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->showPanel(QStringLiteral("plots"));
    m_window->showPanel(QStringLiteral("3d"));
    m_window->showPanel(QStringLiteral("analysis"));
    auto* analysis = m_window->findChild<widgets::AnalysisPanel*>();
    QVERIFY(analysis != nullptr);
    analysis->setEpochs({{"tone_1", 0.0, 100.0},
                         {"tone_2", 100.0, 200.0},
                         {"noise_1", 200.0, 300.0},
                         {"noise_2", 300.0, 400.0},
                         {"silence_1", 400.0, 500.0},
                         {"silence_2", 500.0, 600.0}});
    app::RunController* run = m_window->runController();
    run->runFor(0.6);
    run->traceFirstNeurons(4);
    QVERIFY(run->waitUntilDone(120000));
    // The run raised the plots; the analysis computes while it is shown. The 3-D trajectories
    // exist once their mode was shown.
    m_window->showPanel(QStringLiteral("analysis"));
    analysis->trajectoryView()->setThreeD(true);
    QVERIFY(m_window->settleViews(120000));
    analysis->trajectoryView()->setThreeD(false);
    QVERIFY(m_window->settleViews(120000));
    QVERIFY(!analysis->hasPendingWork());
    // The six conditions were analysed: the RDM has its off-diagonal values.
    QVERIFY(std::isfinite(analysis->rsaView()->heatmap()->cellValue(0, 5)));
}

void TestFigureLayout::cleanupTestCase() {
    m_window.reset();
}

QStringList TestFigureLayout::layoutProblems(const QStringList& views,
                                             const widgets::FigureStyle& style, int columns,
                                             const QString& artifact) {
    const app::FigureViews available(m_window->runController()->plotPanel(),
                                     m_window->cortexPanel(),
                                     m_window->findChild<widgets::AnalysisPanel*>());
    std::vector<std::shared_ptr<widgets::FigureSource>> sources;
    for (const QString& view : views) {
        std::shared_ptr<widgets::FigureSource> source = available.source(view);
        if (!source) {
            return {QStringLiteral("view %1 is not available").arg(view)};
        }
        sources.push_back(std::move(source));
    }
    return figureProblems(sources, views, style, columns, artifact);
}

QStringList
TestFigureLayout::figureProblems(const std::vector<std::shared_ptr<widgets::FigureSource>>& sources,
                                 const QStringList& views, const widgets::FigureStyle& style,
                                 int columns, const QString& artifact,
                                 std::vector<TextBoxRecorder::Text>* drawn) {
    QStringList problems;
    TextBoxRecorder recorder(QSizeF(style.widthPt(), style.heightPt()));
    std::vector<QRectF> rects(static_cast<std::size_t>(views.size()));
    widgets::FigureComposer composer;
    widgets::FigureComposer kept; // the same views, written as a PNG to look at
    for (int i = 0; i < views.size(); ++i) {
        const std::shared_ptr<widgets::FigureSource>& source = sources[static_cast<std::size_t>(i)];
        composer.addPanel(std::make_shared<TaggedPanel>(source, i, &recorder, &rects));
        kept.addPanel(source);
    }
    composer.setColumns(columns);
    kept.setColumns(columns);
    {
        QCPPainter painter(&recorder);
        composer.paint(painter, style);
    }
    kept.toImage(style).save(plexus::tests::artifactPath(artifact));
    if (drawn != nullptr) {
        *drawn = recorder.texts();
    }

    const QRectF page(0.0, 0.0, style.widthPt(), style.heightPt());
    const auto& texts = recorder.texts();
    for (const TextBoxRecorder::Text& text : texts) {
        const QString where = text.tag >= 0 ? views[text.tag] : QStringLiteral("figure");
        if (!inside(page, text.bounds())) {
            problems << QStringLiteral("%1: %2 leaves the figure").arg(where, describe(text));
        } else if (text.tag >= 0 &&
                   !inside(rects[static_cast<std::size_t>(text.tag)], text.bounds())) {
            problems << QStringLiteral("%1: %2 leaves its panel").arg(where, describe(text));
        }
        if (text.clipped) {
            problems << QStringLiteral("%1: %2 is clipped").arg(where, describe(text));
        }
    }
    for (std::size_t i = 0; i < texts.size(); ++i) {
        for (std::size_t j = i + 1; j < texts.size(); ++j) {
            if (TextBoxRecorder::overlap(texts[i].box, texts[j].box)) {
                const QString where =
                    texts[i].tag >= 0 ? views[texts[i].tag] : QStringLiteral("figure");
                problems << QStringLiteral("%1: %2 overlaps %3")
                                .arg(where, describe(texts[i]), describe(texts[j]));
            }
        }
    }
    for (int i = 0; i < views.size(); ++i) {
        const QRectF panel = rects[static_cast<std::size_t>(i)];
        for (const QString& label : expectedLabels(views[i])) {
            const bool found = std::any_of(texts.begin(), texts.end(), [&](const auto& t) {
                return t.tag == i && t.text.startsWith(label);
            });
            if (!found) {
                problems << QStringLiteral("%1: no axis label '%2'").arg(views[i], label);
            }
        }
        if (isThreeD(views[i])) {
            // One picture filling the panel, rendered at the panel's own resolution.
            const double scale = style.dpi / 72.0;
            bool fills = false;
            for (const TextBoxRecorder::Image& image : recorder.images()) {
                if (image.tag != i) {
                    continue;
                }
                fills = std::abs(image.target.left() - panel.left()) <= 1.0 &&
                        std::abs(image.target.right() - panel.right()) <= 1.0 &&
                        std::abs(image.target.top() - panel.top()) <= 1.0 &&
                        std::abs(image.target.bottom() - panel.bottom()) <= 1.0 &&
                        std::abs(image.pixels.width() - panel.width() * scale) <= 2.0 &&
                        std::abs(image.pixels.height() - panel.height() * scale) <= 2.0;
                if (!fills) {
                    problems << QStringLiteral("%1: picture %2x%3 px drawn at %4,%5 %6x%7 pt in "
                                               "a panel at %8,%9 %10x%11 pt")
                                    .arg(views[i])
                                    .arg(image.pixels.width())
                                    .arg(image.pixels.height())
                                    .arg(image.target.x(), 0, 'f', 1)
                                    .arg(image.target.y(), 0, 'f', 1)
                                    .arg(image.target.width(), 0, 'f', 1)
                                    .arg(image.target.height(), 0, 'f', 1)
                                    .arg(panel.x(), 0, 'f', 1)
                                    .arg(panel.y(), 0, 'f', 1)
                                    .arg(panel.width(), 0, 'f', 1)
                                    .arg(panel.height(), 0, 'f', 1);
                }
            }
        }
    }
    return problems;
}

void TestFigureLayout::eachViewAlone_data() {
    QTest::addColumn<QString>("view");
    QTest::addColumn<double>("widthMm");
    QTest::addColumn<double>("heightMm");
    for (const QString& view : app::FigureViews::allIds()) {
        QTest::addRow("%s single", qPrintable(view)) << view << 85.0 << 64.0;
        QTest::addRow("%s double", qPrintable(view)) << view << 180.0 << 100.0;
    }
}

void TestFigureLayout::eachViewAlone() {
    QFETCH(QString, view);
    QFETCH(double, widthMm);
    QFETCH(double, heightMm);
    widgets::FigureStyle style;
    style.widthMm = widthMm;
    style.heightMm = heightMm;
    const QStringList problems = layoutProblems(
        {view}, style, 1, QStringLiteral("layout-%1-%2mm.png").arg(view).arg(widthMm, 0, 'f', 0));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void TestFigureLayout::multiPanelFigures_data() {
    QTest::addColumn<QStringList>("views");
    QTest::addColumn<double>("widthMm");
    QTest::addColumn<double>("heightMm");
    const QStringList all = app::FigureViews::allIds();
    // Single column: two panels side by side (the default two columns), every view once.
    for (int i = 0; i < all.size(); i += 2) {
        const QStringList pair = {all[i], all[(i + 1) % all.size()]};
        QTest::addRow("%s single", qPrintable(pair.join(QLatin1Char('+')))) << pair << 85.0 << 64.0;
    }
    // Double column: two by two, every view once.
    for (int i = 0; i < all.size(); i += 4) {
        QStringList four;
        for (int k = 0; k < 4; ++k) {
            four << all[(i + k) % all.size()];
        }
        QTest::addRow("%s double", qPrintable(four.join(QLatin1Char('+'))))
            << four << 180.0 << 100.0;
    }
}

void TestFigureLayout::multiPanelFigures() {
    QFETCH(QStringList, views);
    QFETCH(double, widthMm);
    QFETCH(double, heightMm);
    widgets::FigureStyle style;
    style.widthMm = widthMm;
    style.heightMm = heightMm;
    const QStringList problems = layoutProblems(views, style, 2,
                                                QStringLiteral("layout-%1-%2mm.png")
                                                    .arg(views.join(QLatin1Char('+')))
                                                    .arg(widthMm, 0, 'f', 0));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void TestFigureLayout::analysisPlotsOnScreen() {
    // The RSA plots as the analysis panel shows them at 1280 x 800: every text inside its plot,
    // unclipped and apart from the others (the MDS axis labels included).
    auto* analysis = m_window->findChild<widgets::AnalysisPanel*>();
    analysis->tabs()->setCurrentWidget(analysis->rsaView());
    QVERIFY(m_window->settleViews(60000));
    QTest::qWait(200);
    m_window->grab().save(plexus::tests::artifactPath(QStringLiteral("layout-rsa-screen.png")));
    const QList<QCustomPlot*> plots = {analysis->rsaView()->mdsPlot(),
                                       analysis->rsaView()->heatmap(),
                                       analysis->rsaView()->comparisonChart()};
    QStringList problems;
    for (QCustomPlot* plot : plots) {
        QVERIFY(plot->isVisible() && plot->width() > 0);
        plot->replot();
        TextBoxRecorder recorder{QSizeF(plot->size())};
        {
            QCPPainter painter(&recorder);
            plot->toPainter(&painter, plot->width(), plot->height());
        }
        const QRectF area(QPointF(0, 0), QSizeF(plot->size()));
        const auto& texts = recorder.texts();
        for (std::size_t i = 0; i < texts.size(); ++i) {
            const QString where = QString::fromLatin1(plot->metaObject()->className());
            if (texts[i].text.trimmed().isEmpty()) {
                continue;
            }
            if (!inside(area, texts[i].bounds()) || texts[i].clipped) {
                problems << QStringLiteral("%1: %2 is cut").arg(where, describe(texts[i]));
            }
            for (std::size_t j = i + 1; j < texts.size(); ++j) {
                if (TextBoxRecorder::overlap(texts[i].box, texts[j].box)) {
                    problems << QStringLiteral("%1: %2 overlaps %3")
                                    .arg(where, describe(texts[i]), describe(texts[j]));
                }
            }
        }
    }
    analysis->tabs()->setCurrentIndex(0);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void TestFigureLayout::figuresDoNotDependOnEarlierFigures_data() {
    QTest::addColumn<QString>("view");
    for (const QString& view : app::FigureViews::allIds()) {
        if (!isThreeD(view)) {
            QTest::addRow("%s", qPrintable(view)) << view;
        }
    }
}

void TestFigureLayout::figuresDoNotDependOnEarlierFigures() {
    // Drawing a figure leaves the plot as it was: the third figure of a view is the first.
    QFETCH(QString, view);
    const app::FigureViews available(m_window->runController()->plotPanel(),
                                     m_window->cortexPanel(),
                                     m_window->findChild<widgets::AnalysisPanel*>());
    const std::shared_ptr<widgets::FigureSource> source = available.source(view);
    QVERIFY(source != nullptr);
    widgets::FigureStyle style;
    style.widthMm = 85.0;
    style.heightMm = 64.0;
    std::vector<QStringList> figures;
    for (int i = 0; i < 3; ++i) {
        std::vector<TextBoxRecorder::Text> texts;
        figureProblems({source}, {view}, style, 1, QStringLiteral("again-%1.png").arg(view),
                       &texts);
        QVERIFY(!texts.empty());
        figures.push_back(described(texts));
    }
    QCOMPARE(figures[2], figures[0]);
}

void TestFigureLayout::legendsKeepTheirHeightInShortPanels() {
    // Rates of three populations and the weights of two plastic projections, drawn in panels
    // of a third of a page's width and of less and less height: the axes give up room to the
    // legends below them, whose names are never cut.
    widgets::LiveRecording recording;
    recording.reset({{"E", 80, false}, {"I", 20, false}, {"drive", 50, true}}, 0.1, 10);
    const std::vector<std::uint32_t> counts(600, 2);
    for (std::size_t p = 0; p < 3; ++p) {
        recording.appendRateBins(p, 0, counts.data(), counts.size());
    }
    for (const char* name : {"drive->E", "E->E"}) {
        recording.appendWeights(name, 0, 0.5f, 0.0, 1.0, std::vector<std::uint32_t>(20, 3));
        recording.appendWeights(name, 6000, 0.45f, 0.0, 1.0,
                                std::vector<std::uint32_t>{1, 4, 9, 30, 12, 5, 2});
    }
    recording.setCurrentStep(6000);
    widgets::RatePlot rate;
    widgets::WeightPlot weights;
    const QStringList names = {"E", "I", "drive", "drive->E", "E->E"};
    for (widgets::LivePlot* plot : std::initializer_list<widgets::LivePlot*>{&rate, &weights}) {
        plot->resize(600, 300);
        plot->setRecording(&recording);
        plot->setTimeRange(0.0, 600.0);
        plot->show();
        QVERIFY(QTest::qWaitForWindowExposed(plot));
        plot->refresh();
        plot->replot();
    }
    QStringList problems;
    int legendTexts = 0;
    for (QCustomPlot* plot : std::initializer_list<QCustomPlot*>{&rate, &weights}) {
        for (double heightMm = 72.0; heightMm >= 48.0; heightMm -= 3.0) {
            widgets::FigureStyle style;
            style.widthMm = 60.0;
            style.heightMm = heightMm;
            const QString name = plot == &rate ? QStringLiteral("rate") : QStringLiteral("weights");
            std::vector<TextBoxRecorder::Text> texts;
            const auto source = std::make_shared<widgets::PlotFigureSource>(plot, name);
            const QStringList found = figureProblems(
                {source}, {name}, style, 1,
                QStringLiteral("legend-%1-%2mm.png").arg(name).arg(heightMm), &texts);
            for (const QString& problem : found) {
                // The legends' names: cut by the clip of a squeezed legend item.
                if (std::any_of(names.begin(), names.end(), [&](const QString& n) {
                        return problem.contains(QStringLiteral("'%1' [").arg(n));
                    })) {
                    problems << QStringLiteral("%1 mm high: %2").arg(heightMm).arg(problem);
                }
            }
            legendTexts += static_cast<int>(std::count_if(
                texts.begin(), texts.end(), [&](const auto& t) { return names.contains(t.text); }));
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    // Each figure named its three populations or two projections.
    QCOMPARE(legendTexts, 9 * (3 + 2));
}

void TestFigureLayout::mdsNamesStayInsideTheirAxes() {
    // Six conditions where a run put them, then at random places (a fixed seed), in figures of
    // two sizes and on screen: every name drawn lies inside the rectangle its axes clip it to,
    // uncut.
    widgets::MdsPlot plot;
    plot.resize(420, 300);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    const std::vector<std::string> names = {"tone_1",  "tone_2",    "noise_1",
                                            "noise_2", "silence_1", "silence_2"};
    std::mt19937 random(7);
    std::uniform_real_distribution<double> uniform(-0.3, 0.3);
    widgets::FigureStyle single;
    single.widthMm = 85.0;
    single.heightMm = 64.0;
    widgets::FigureStyle wide;
    wide.widthMm = 90.0;
    wide.heightMm = 48.0;
    QStringList problems;
    // The conditions of the run above, three crowded near the bottom: every name has a place,
    // in a panel of a two-by-two double-column figure.
    Eigen::MatrixXd run(6, 2);
    run << 0.29, -0.03, -0.07, -0.07, -0.07, -0.11, -0.06, -0.02, -0.06, 0.0, -0.02, 0.22;
    plot.setCoordinates(run, names);
    widgets::FigureStyle panel;
    panel.widthMm = 90.0;
    panel.heightMm = 45.5;
    std::vector<TextBoxRecorder::Text> texts;
    problems << figureProblems(
        {std::make_shared<widgets::PlotFigureSource>(&plot, QStringLiteral("mds"))},
        {QStringLiteral("mds")}, panel, 1, QStringLiteral("mds-run.png"), &texts);
    for (const std::string& name : names) {
        if (std::none_of(texts.begin(), texts.end(), [&](const TextBoxRecorder::Text& t) {
                return t.text == QString::fromStdString(name);
            })) {
            problems << QStringLiteral("%1 has no place").arg(QString::fromStdString(name));
        }
    }
    int drawn = 0;
    int shown = 0;
    const int layouts = 60;
    for (int layout = 0; layout < layouts; ++layout) {
        Eigen::MatrixXd points(6, 2);
        for (Eigen::Index i = 0; i < points.rows(); ++i) {
            points(i, 0) = uniform(random);
            points(i, 1) = uniform(random);
        }
        plot.setCoordinates(points, names);
        const auto isName = [&](const TextBoxRecorder::Text& t) {
            return std::find(names.begin(), names.end(), t.text.toStdString()) != names.end();
        };
        for (const widgets::FigureStyle& style : {single, wide}) {
            std::vector<TextBoxRecorder::Text> drawnTexts;
            const auto source =
                std::make_shared<widgets::PlotFigureSource>(&plot, QStringLiteral("mds"));
            for (const QString& problem :
                 figureProblems({source}, {QStringLiteral("mds")}, style, 1,
                                QStringLiteral("mds-%1-%2mm.png").arg(layout).arg(style.widthMm),
                                &drawnTexts)) {
                problems << QStringLiteral("layout %1, %2 mm: %3")
                                .arg(layout)
                                .arg(style.widthMm)
                                .arg(problem);
            }
            drawn += static_cast<int>(std::count_if(drawnTexts.begin(), drawnTexts.end(), isName));
        }
        // On screen, at the widget's size.
        plot.replot();
        TextBoxRecorder recorder{QSizeF(plot.size())};
        {
            QCPPainter painter(&recorder);
            plot.toPainter(&painter, plot.width(), plot.height());
        }
        for (const TextBoxRecorder::Text& text : recorder.texts()) {
            if (isName(text)) {
                ++shown;
                if (text.clipped) {
                    problems << QStringLiteral("layout %1 on screen: %2 is clipped")
                                    .arg(layout)
                                    .arg(describe(text));
                }
            }
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    // Names are left out only where they have no room: most of them are drawn.
    QVERIFY2(drawn >= layouts * 2 * 6 * 3 / 4, qPrintable(QString::number(drawn)));
    QVERIFY2(shown >= layouts * 6 * 3 / 4, qPrintable(QString::number(shown)));
}

QTEST_MAIN(TestFigureLayout)
#include "TestFigureLayout.moc"
