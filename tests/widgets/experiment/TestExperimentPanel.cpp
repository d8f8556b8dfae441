// Parameter sweeps in the window: the parameter path of an inspector row is the one the core
// resolves (pointing at the row's value), the axis dialog writes the right SPEC, and the
// Experiment panel runs real plexus-cli sweeps: 3 points shown in its table and line plot,
// Cancel then Run resumes without recomputing finished rows, a 2-D archive becomes a heatmap,
// and a point with a kept run asks to open that run archive.

#include "../../TestArtifacts.h"
#include "plexus/widgets/document/Document.h"
#include "plexus/widgets/experiment/ExperimentPanel.h"
#include "plexus/widgets/experiment/SweepAxisDialog.h"
#include "plexus/widgets/experiment/SweepPlot.h"
#include "plexus/widgets/inspector/Inspector.h"
#include "plexus/widgets/inspector/ParameterForm.h"
#include "plexus/widgets/inspector/SweepTarget.h"

#include <QApplication>
#include <QFile>
#include <QLineEdit>
#include <QMenu>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <cmath>
#include <nlohmann/json.hpp>
#include <plexus/core/plugin/ModelRegistry.h>
#include <plexus/core/project/ParameterPath.h>
#include <plexus/core/project/ProjectIo.h>
#include <plexus/core/record/SweepArchive.h>
#include <plexus/plugins/BuiltinModels.h>

using namespace plexus;
using plexus::tests::artifactPath;
using widgets::Document;
using widgets::ExperimentPanel;
using widgets::Inspector;
using widgets::SweepAxisDialog;
using widgets::SweepTarget;

namespace {

// CUBA scaled to N = 200 (p = 80 / N), 0.2 s: a run takes a fraction of a second.
const char* const projectJson = R"({
  "format": "plexus-project",
  "formatVersion": 3,
  "name": "Small CUBA",
  "simulation": {"dt_ms": 0.1, "duration_s": 0.2, "seed": 3, "threads": 1},
  "populations": [
    {"name": "E", "model": "lif_cuba", "size": 160,
     "params": {"e_l": -49.0, "t_ref": 5.0, "tau_m": 20.0, "tau_syn_exc": 5.0,
                "tau_syn_inh": 10.0, "v_reset": -60.0, "v_thresh": -50.0},
     "initial": {"v": {"dist": "uniform", "low": -60.0, "high": -50.0}}},
    {"name": "I", "model": "lif_cuba", "size": 40,
     "params": {"e_l": -49.0, "t_ref": 5.0, "tau_m": 20.0, "tau_syn_exc": 5.0,
                "tau_syn_inh": 10.0, "v_reset": -60.0, "v_thresh": -50.0},
     "initial": {"v": {"dist": "uniform", "low": -60.0, "high": -50.0}}}
  ],
  "stimuli": [
    {"name": "drive", "model": "poisson", "size": 20, "params": {"rate_hz": 12.5}}
  ],
  "projections": [
    {"name": "E->E", "source": "E", "target": "E", "receptor": "exc", "synapse": "static",
     "connectivity": {"rule": "fixed_probability", "p": 0.4}, "weight": 1.62, "delay_ms": 0.1},
    {"name": "E->I", "source": "E", "target": "I", "receptor": "exc", "synapse": "static",
     "connectivity": {"rule": "fixed_probability", "p": 0.4}, "weight": 1.62, "delay_ms": 0.1},
    {"name": "I->E", "source": "I", "target": "E", "receptor": "inh", "synapse": "static",
     "connectivity": {"rule": "fixed_probability", "p": 0.4}, "weight": -9.0, "delay_ms": 0.1},
    {"name": "I->I", "source": "I", "target": "I", "receptor": "inh", "synapse": "static",
     "connectivity": {"rule": "fixed_probability", "p": 0.4}, "weight": -9.0, "delay_ms": 0.1},
    {"name": "drive->E", "source": "drive", "target": "E", "receptor": "exc",
     "synapse": "static", "connectivity": {"rule": "fixed_probability", "p": 0.1},
     "weight": 0.5, "delay_ms": 1.0}
  ],
  "recorders": [
    {"name": "spikes_E", "type": "spikes", "target": "E"},
    {"name": "spikes_I", "type": "spikes", "target": "I"}
  ]
})";

/// A synthetic sweep archive: axes (path, values), `repeats` rows per point, metric value
/// `metric(point, repeat)` in the single metric column "rate:E".
core::SweepArchive
syntheticArchive(const std::vector<std::pair<std::string, std::vector<double>>>& axes, int repeats,
                 double (*metric)(int, int)) {
    core::SweepArchive archive;
    nlohmann::json definition;
    definition["axes"] = nlohmann::json::array();
    std::size_t points = 1;
    for (const auto& [path, values] : axes) {
        definition["axes"].push_back({{"path", path}, {"spec", "list"}, {"values", values}});
        archive.parameters.push_back(path);
        points *= values.size();
    }
    definition["repeats"] = repeats;
    definition["seed"] = 1;
    definition["metrics"] = {"rate:E"};
    definition["duration_s"] = 0.0;
    archive.definition = definition.dump();
    archive.hash = "synthetic";
    archive.project = "{}";
    archive.metrics = {"rate:E"};
    for (std::size_t p = 0; p < points; ++p) {
        for (int r = 0; r < repeats; ++r) {
            core::SweepArchive::Point row;
            row.index = static_cast<std::int64_t>(p) * repeats + r;
            row.repeat = r;
            row.seed = 1 + static_cast<std::uint64_t>(r);
            std::size_t rest = p;
            row.values.assign(axes.size(), 0.0);
            for (std::size_t a = axes.size(); a-- > 0;) {
                row.values[a] = axes[a].second[rest % axes[a].second.size()];
                rest /= axes[a].second.size();
            }
            row.status = "ok";
            row.wallS = 0.01;
            row.metrics = {metric(static_cast<int>(p), r)};
            archive.points.push_back(row);
        }
    }
    return archive;
}

} // namespace

class TestExperimentPanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void pathsOfInspectorRows();
    void contextMenuOffersSweep();
    void dialogMakesSpecs();
    void panelRunsThreePointSweep();
    void cancelThenRunResumes();
    void failedRowsAndDefaultParameters();
    void lineShowsMeanAndSd();
    void twoAxesGiveHeatmap();
    void pointWithKeptRunOpens();

private:
    /// Runs the panel's sweep and waits until plexus-cli ends; its exit code.
    int runToEnd(ExperimentPanel& panel);

    core::ModelRegistry m_models;
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<Document> m_document;
};

void TestExperimentPanel::initTestCase() {
    plugins::registerBuiltinModels(m_models);
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("small.json"));
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(projectJson);
}

void TestExperimentPanel::init() {
    m_document = std::make_unique<Document>(&m_models);
    QString error;
    QVERIFY2(m_document->load(m_path, &error), qPrintable(error));
}

void TestExperimentPanel::cleanup() {
    m_document.reset();
}

int TestExperimentPanel::runToEnd(ExperimentPanel& panel) {
    QSignalSpy finished(&panel, &ExperimentPanel::sweepFinished);
    QString error;
    if (!panel.run(&error)) {
        qWarning("%s", qPrintable(error));
        return -1;
    }
    if (!finished.wait(120000)) {
        return -2;
    }
    return finished.first().first().toInt();
}

void TestExperimentPanel::pathsOfInspectorRows() {
    Inspector inspector(m_document.get());
    inspector.resize(420, 900);
    const nlohmann::json project = core::ProjectIo::toJson(m_document->project());
    struct Row {
        QString node;
        QString projection;
        QString key;
        QString path;
        double value;
    };
    const std::vector<Row> rows = {
        {QStringLiteral("E"),
         {},
         QStringLiteral("param:tau_m"),
         QStringLiteral("populations.E.params.tau_m"),
         20.0},
        {QStringLiteral("I"),
         {},
         QStringLiteral("size"),
         QStringLiteral("populations.I.size"),
         40.0},
        {QStringLiteral("drive"),
         {},
         QStringLiteral("param:rate_hz"),
         QStringLiteral("stimuli.drive.params.rate_hz"),
         12.5},
        {{},
         QStringLiteral("E->I"),
         QStringLiteral("weight"),
         QStringLiteral("projections.E->I.weight"),
         1.62},
        {{},
         QStringLiteral("I->E"),
         QStringLiteral("conn:p"),
         QStringLiteral("projections.I->E.connectivity.p"),
         0.4},
        {{},
         QStringLiteral("drive->E"),
         QStringLiteral("delay"),
         QStringLiteral("projections.drive->E.delay_ms"),
         1.0},
        {{}, {}, QStringLiteral("seed"), QStringLiteral("simulation.seed"), 3.0},
        {{}, {}, QStringLiteral("duration"), QStringLiteral("simulation.duration_s"), 0.2},
    };
    for (const Row& row : rows) {
        if (!row.projection.isEmpty()) {
            inspector.showProjection(row.projection);
        } else if (!row.node.isEmpty()) {
            inspector.showNode(row.node);
        } else {
            inspector.showProject();
        }
        const std::optional<SweepTarget> target = inspector.sweepTarget(row.key);
        QVERIFY2(target.has_value(), qPrintable(row.key));
        QCOMPARE(target->path, row.path);
        QCOMPARE(target->value, row.value);
        // The core resolves the same path to the same number.
        const auto pointer = core::ParameterPath::parse(row.path.toStdString()).resolve(project);
        QCOMPARE(project.at(pointer).get<double>(), target->value);
    }
    // Rows that are not numbers of the project offer no sweep.
    inspector.showNode(QStringLiteral("E"));
    QVERIFY(!inspector.sweepTarget(QStringLiteral("model")).has_value());
    QVERIFY(!inspector.sweepTarget(QStringLiteral("name")).has_value());
    inspector.showNode(QStringLiteral("spikes_E"));
    QVERIFY(SweepTarget::pathOf(*m_document, QStringLiteral("spikes_E"), {}, QStringLiteral("size"))
                .isEmpty());
    // Range and label come from the model descriptor.
    inspector.showNode(QStringLiteral("E"));
    const auto tau = inspector.sweepTarget(QStringLiteral("param:tau_m"));
    QVERIFY(tau.has_value());
    QVERIFY(tau->minValue > 0.0);
    QVERIFY(!tau->label.isEmpty());
}

void TestExperimentPanel::contextMenuOffersSweep() {
    Inspector inspector(m_document.get());
    inspector.resize(420, 900);
    inspector.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    inspector.showNode(QStringLiteral("E"));
    auto* edit = qobject_cast<QLineEdit*>(inspector.field(QStringLiteral("param:tau_m")));
    QVERIFY(edit != nullptr);
    QCOMPARE(edit->contextMenuPolicy(), Qt::CustomContextMenu);
    QSignalSpy requested(&inspector, &Inspector::sweepRequested);
    QMenu* shown = nullptr;
    QTimer::singleShot(0, [&shown] {
        for (QWidget* widget : QApplication::topLevelWidgets()) {
            if (auto* menu = qobject_cast<QMenu*>(widget);
                menu != nullptr && menu->objectName() == QLatin1String("fieldMenu")) {
                shown = menu;
            }
        }
    });
    Q_EMIT edit->customContextMenuRequested(QPoint(5, 5));
    QTRY_VERIFY(shown != nullptr);
    QAction* sweep = shown->findChild<QAction*>(QStringLiteral("sweepAction"));
    QVERIFY(sweep != nullptr);
    QVERIFY(sweep->isEnabled());
    QTRY_VERIFY(shown->isVisible());
    inspector.grab().save(artifactPath(QStringLiteral("experiment-inspector.png")));
    shown->grab().save(artifactPath(QStringLiteral("experiment-context-menu.png")));
    sweep->trigger();
    QCOMPARE(requested.count(), 1);
    const auto target = requested.first().first().value<SweepTarget>();
    QCOMPARE(target.path, QStringLiteral("populations.E.params.tau_m"));
    QCOMPARE(target.value, 20.0);
    shown->close();
}

void TestExperimentPanel::dialogMakesSpecs() {
    SweepTarget target;
    target.path = QStringLiteral("populations.E.params.tau_m");
    target.label = QStringLiteral("Membrane time constant");
    target.unit = QStringLiteral("ms");
    target.value = 20.0;
    target.minValue = 0.01;
    target.maxValue = 1e5;
    SweepAxisDialog dialog(target);
    // Prefilled around the value: 10 to 30 in 5 points.
    QCOMPARE(dialog.spec(), QStringLiteral("10:30:5"));
    QCOMPARE(dialog.values(), (std::vector<double>{10, 15, 20, 25, 30}));
    dialog.setMode(SweepAxisDialog::Mode::Log);
    dialog.setRange(1, 100, 3);
    QCOMPARE(dialog.spec(), QStringLiteral("log:1:100:3"));
    const std::vector<double> log = dialog.values();
    QCOMPARE(log.size(), std::size_t{3});
    QVERIFY(std::fabs(log[1] - 10.0) < 1e-9);
    dialog.setMode(SweepAxisDialog::Mode::List);
    dialog.setList(QStringLiteral("5, 7.5  12"));
    QCOMPARE(dialog.spec(), QStringLiteral("5,7.5,12"));
    QCOMPARE(dialog.values(), (std::vector<double>{5, 7.5, 12}));
    dialog.show();
    dialog.grab().save(artifactPath(QStringLiteral("experiment-dialog.png")));
    // Out of the model's range: refused, the dialog stays open with the reason.
    dialog.setList(QStringLiteral("-5, 10"));
    QString error;
    QVERIFY(dialog.values(&error).empty());
    QVERIFY2(error.contains(QStringLiteral("outside the allowed range")), qPrintable(error));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(dialog.isVisible());
    // Log of values <= 0 is refused by the core's rule.
    dialog.setMode(SweepAxisDialog::Mode::Log);
    dialog.setRange(0, 10, 3);
    QVERIFY(dialog.values(&error).empty());
    // Whole numbers only for an integer field.
    target.integer = true;
    target.value = 7;
    SweepAxisDialog sizes(target);
    QCOMPARE(sizes.spec(), QStringLiteral("4:10:5"));
    sizes.setMode(SweepAxisDialog::Mode::List);
    sizes.setList(QStringLiteral("4, 5.5"));
    QVERIFY(sizes.values(&error).empty());
    QVERIFY2(error.contains(QStringLiteral("whole")), qPrintable(error));
}

void TestExperimentPanel::panelRunsThreePointSweep() {
    QTemporaryDir out;
    ExperimentPanel panel(m_document.get());
    panel.resize(1280, 320);
    panel.setCliProgram(QStringLiteral(PLEXUS_CLI));
    // The default output sits next to the project.
    QCOMPARE(panel.outputFile(), m_dir.filePath(QStringLiteral("small.sweep.h5")));
    panel.setOutputFile(out.filePath(QStringLiteral("s.sweep.h5")));
    panel.addAxis(QStringLiteral("populations.E.params.tau_m"), QStringLiteral("15:25:3"), 20.0);
    panel.setMetrics({QStringLiteral("rate:E"), QStringLiteral("cv_isi:all")});
    panel.setWorkers(2);
    panel.show();
    QCOMPARE(runToEnd(panel), 0);
    QTableWidget* table = panel.pointTable();
    QCOMPARE(table->rowCount(), 3);
    const std::vector<double> tau = {15, 20, 25};
    QStringList headers;
    for (int c = 0; c < table->columnCount(); ++c) {
        headers << table->horizontalHeaderItem(c)->text();
    }
    const int tauColumn =
        static_cast<int>(headers.indexOf(QStringLiteral("populations.E.params.tau_m")));
    const int statusColumn = static_cast<int>(headers.indexOf(QStringLiteral("status")));
    const int rateColumn = static_cast<int>(headers.indexOf(QStringLiteral("rate:E")));
    QVERIFY(tauColumn > 0 && statusColumn > 0 && rateColumn > 0);
    for (int row = 0; row < 3; ++row) {
        QCOMPARE(table->item(row, statusColumn)->text(), QStringLiteral("ok"));
        QCOMPARE(table->item(row, tauColumn)->text().toDouble(),
                 tau[static_cast<std::size_t>(row)]);
        QVERIFY(table->item(row, rateColumn)->text().toDouble() > 0.0);
    }
    // The line has the 3 points at the swept values, with their rates.
    widgets::SweepPlot* plot = panel.plot();
    QCOMPARE(plot->dimensions(), 1);
    QVERIFY(plot->line() != nullptr);
    QCOMPARE(plot->line()->data()->size(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(plot->line()->data()->at(i)->key, tau[static_cast<std::size_t>(i)]);
        QCOMPARE(plot->line()->data()->at(i)->value,
                 panel.archive().points[static_cast<std::size_t>(i)].metrics[0]);
    }
    QCOMPARE(panel.progressBar()->value(), 3);
    QCOMPARE(panel.progressBar()->maximum(), 3);
    panel.grab().save(artifactPath(QStringLiteral("experiment-panel-1d.png")));
}

void TestExperimentPanel::cancelThenRunResumes() {
    QTemporaryDir out;
    const QString file = out.filePath(QStringLiteral("r.sweep.h5"));
    ExperimentPanel panel(m_document.get());
    panel.setCliProgram(QStringLiteral(PLEXUS_CLI));
    panel.setOutputFile(file);
    panel.addAxis(QStringLiteral("simulation.seed"), QStringLiteral("1:40:40"), 3.0);
    panel.setMetrics({QStringLiteral("rate:E")});
    panel.setWorkers(1);
    QSignalSpy finished(&panel, &ExperimentPanel::sweepFinished);
    QVERIFY(panel.run());
    QVERIFY(panel.isRunning());
    // Cancel once the first rows are in the archive.
    QTRY_VERIFY_WITH_TIMEOUT(
        panel.progressBar()->maximum() == 40 && panel.progressBar()->value() >= 2, 60000);
    panel.cancel();
    QVERIFY(finished.wait(60000));
    QVERIFY(!panel.isRunning());
    QCOMPARE(finished.first().first().toInt(), 128 + 15);
    const core::SweepArchive stopped = core::SweepArchive::read(file.toStdString());
    std::vector<std::size_t> done;
    for (std::size_t i = 0; i < stopped.points.size(); ++i) {
        if (stopped.points[i].status == "ok") {
            done.push_back(i);
        }
    }
    QVERIFY2(!done.empty() && done.size() < 40, qPrintable(QString::number(done.size())));
    QVERIFY2(panel.statusText().contains(QStringLiteral("resume")), qPrintable(panel.statusText()));
    // Run resumes: every row ends ok, and the rows finished before were not run again (their
    // wall time and run summary are the ones of the first call).
    QCOMPARE(runToEnd(panel), 0);
    const core::SweepArchive resumed = core::SweepArchive::read(file.toStdString());
    QCOMPARE(resumed.points.size(), std::size_t{40});
    for (const auto& point : resumed.points) {
        QCOMPARE(QString::fromStdString(point.status), QStringLiteral("ok"));
    }
    for (const std::size_t i : done) {
        QCOMPARE(resumed.points[i].wallS, stopped.points[i].wallS);
        QCOMPARE(resumed.points[i].summary, stopped.points[i].summary);
    }
    QCOMPARE(panel.pointTable()->rowCount(), 40);
}

void TestExperimentPanel::failedRowsAndDefaultParameters() {
    QTemporaryDir out;
    ExperimentPanel panel(m_document.get());
    panel.setCliProgram(QStringLiteral(PLEXUS_CLI));
    panel.setOutputFile(out.filePath(QStringLiteral("f.sweep.h5")));
    // tau_m = -5 is outside the model's range: those runs fail, the others go on. i_e is left
    // at its default (the project file does not hold it): the panel writes the value shown.
    panel.addAxis(QStringLiteral("populations.E.params.tau_m"), QStringLiteral("-5,20"), 20.0);
    panel.addAxis(QStringLiteral("populations.I.params.i_e"), QStringLiteral("0,10"), 0.0);
    panel.setMetrics({QStringLiteral("rate:E")});
    QCOMPARE(runToEnd(panel), 0);
    QTableWidget* table = panel.pointTable();
    QCOMPARE(table->rowCount(), 4);
    int statusColumn = -1;
    for (int c = 0; c < table->columnCount(); ++c) {
        if (table->horizontalHeaderItem(c)->text() == QLatin1String("status")) {
            statusColumn = c;
        }
    }
    QVERIFY(statusColumn > 0);
    for (int row = 0; row < 4; ++row) {
        const QTableWidgetItem* status = table->item(row, statusColumn);
        if (row < 2) {
            QCOMPARE(status->text(), QStringLiteral("failed"));
            QVERIFY2(status->toolTip().contains(QStringLiteral("outside the allowed range")),
                     qPrintable(status->toolTip()));
        } else {
            QCOMPARE(status->text(), QStringLiteral("ok"));
        }
    }
}

void TestExperimentPanel::lineShowsMeanAndSd() {
    QTemporaryDir out;
    const QString file = out.filePath(QStringLiteral("line.sweep.h5"));
    // Point p, repeat r: 10 p + (r ? 2 : 0) -> mean 10 p + 1, sd sqrt(2).
    syntheticArchive({{"populations.E.params.tau_m", {10, 20, 40}}}, 2, [](int p, int r) {
        return 10.0 * p + (r == 1 ? 2.0 : 0.0);
    }).write(file.toStdString());
    ExperimentPanel panel(m_document.get());
    QVERIFY(panel.openArchive(file));
    QCOMPARE(panel.axes(), QStringList{QStringLiteral("populations.E.params.tau_m=list")});
    widgets::SweepPlot* plot = panel.plot();
    QCOMPARE(plot->dimensions(), 1);
    QCOMPARE(plot->line()->data()->size(), 3);
    QVERIFY(plot->errorBars() != nullptr);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(plot->line()->data()->at(i)->value, 10.0 * i + 1.0);
        QVERIFY(std::fabs(plot->errorBars()->data()->at(i).errorPlus - std::sqrt(2.0)) < 1e-12);
    }
    QTemporaryDir csvDir;
    const QString csv = csvDir.filePath(QStringLiteral("line.csv"));
    plot->writeCsv(csv);
    QFile text(csv);
    QVERIFY(text.open(QIODevice::ReadOnly));
    const QStringList lines =
        QString::fromUtf8(text.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines[0], QStringLiteral("populations.E.params.tau_m,mean,sd,n"));
    QVERIFY2(lines[2].startsWith(QStringLiteral("20,11,1.41421356")), qPrintable(lines[2]));
    // Bad input: one line naming the file, nothing shown changes.
    QString error;
    QVERIFY(!panel.openArchive(out.filePath(QStringLiteral("missing.h5")), &error));
    QVERIFY2(error.contains(QStringLiteral("missing.h5")), qPrintable(error));
    QCOMPARE(plot->line()->data()->size(), 3);
}

void TestExperimentPanel::twoAxesGiveHeatmap() {
    QTemporaryDir out;
    const QString file = out.filePath(QStringLiteral("map.sweep.h5"));
    syntheticArchive(
        {{"projections.E->E.weight", {1, 2}}, {"populations.E.params.tau_m", {10, 20, 30}}}, 2,
        [](int p, int r) { return 100.0 * p + r; })
        .write(file.toStdString());
    ExperimentPanel panel(m_document.get());
    panel.resize(1280, 320);
    QVERIFY(panel.openArchive(file));
    widgets::SweepPlot* plot = panel.plot();
    QCOMPARE(plot->dimensions(), 2);
    QVERIFY(plot->heatmap() != nullptr);
    QVERIFY(plot->line() == nullptr);
    QCOMPARE(plot->heatmap()->data()->keySize(), 2);
    QCOMPARE(plot->heatmap()->data()->valueSize(), 3);
    // Cell (weight 2, tau 20) is point 1 * 3 + 1 = 4: mean of 400 and 401.
    QCOMPARE(plot->heatmap()->data()->cell(1, 1), 400.5);
    QCOMPARE(plot->heatmap()->data()->cell(0, 2), 200.5);
    QVERIFY(plot->colorScale() != nullptr);
    QCOMPARE(plot->colorScale()->axis()->label(), QStringLiteral("rate:E"));
    panel.show();
    panel.grab().save(artifactPath(QStringLiteral("experiment-panel-2d.png")));
    // A third axis: the first two are shown, the third held (and said).
    const QString three = out.filePath(QStringLiteral("three.sweep.h5"));
    syntheticArchive({{"projections.E->E.weight", {1, 2}},
                      {"populations.E.params.tau_m", {10, 20, 30}},
                      {"simulation.seed", {1, 2}}},
                     1, [](int p, int) { return static_cast<double>(p); })
        .write(three.toStdString());
    QVERIFY(panel.openArchive(three));
    QCOMPARE(plot->heatmap()->data()->keySize(), 2);
    QCOMPARE(plot->heatmap()->data()->valueSize(), 3);
    QCOMPARE(plot->heatmap()->data()->cell(1, 2), 10.0); // point (1, 2, 0) = 1*6 + 2*2 + 0
    QVERIFY(plot->note().contains(QStringLiteral("simulation.seed = 1")));
}

void TestExperimentPanel::pointWithKeptRunOpens() {
    QTemporaryDir out;
    const QString file = out.filePath(QStringLiteral("k.sweep.h5"));
    ExperimentPanel panel(m_document.get());
    panel.resize(1280, 320);
    panel.show();
    panel.setCliProgram(QStringLiteral(PLEXUS_CLI));
    panel.setOutputFile(file);
    panel.addAxis(QStringLiteral("stimuli.drive.params.rate_hz"), QStringLiteral("5,20"), 12.5);
    panel.setMetrics({QStringLiteral("rate:E")});
    panel.setKeepRuns(true);
    QCOMPARE(runToEnd(panel), 0);
    QSignalSpy open(&panel, &ExperimentPanel::openRunRequested);
    QSignalSpy status(&panel, &ExperimentPanel::statusMessage);
    // A table row.
    panel.openRow(1);
    QCOMPARE(open.count(), 1);
    const QString run = open.first().first().toString();
    QCOMPARE(run, file + QStringLiteral(".runs/1.h5"));
    QVERIFY(QFile::exists(run));
    // A plot point: click the first point of the line.
    widgets::SweepPlot* plot = panel.plot();
    QCOMPARE(plot->cells().size(), std::size_t{2});
    const auto& cell = plot->cells()[0];
    const QPoint at(static_cast<int>(plot->xAxis->coordToPixel(cell.values[0])),
                    static_cast<int>(plot->yAxis->coordToPixel(cell.mean)));
    QTest::mouseClick(plot, Qt::LeftButton, Qt::NoModifier, at);
    QCOMPARE(open.count(), 2);
    QCOMPARE(open.last().first().toString(), file + QStringLiteral(".runs/0.h5"));
    // Without kept runs: no request, the status says why.
    QVERIFY(QFile::remove(run));
    panel.openRow(1);
    QCOMPARE(open.count(), 2);
    QVERIFY(!status.isEmpty());
    QVERIFY2(status.last().first().toString().contains(QStringLiteral("no kept run")),
             qPrintable(status.last().first().toString()));
}

QTEST_MAIN(TestExperimentPanel)
#include "TestExperimentPanel.moc"
