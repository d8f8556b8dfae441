// `plexus-cli figure`: runs a project in the GUI without a window and exports views as SVG, PDF
// or PNG with a provenance sidecar; bad arguments fail with one line and write nothing.

#include "TestProcess.h"

#include <QImage>
#include <QXmlStreamReader>
#include <QtTest>
#include <nlohmann/json.hpp>

namespace {

using Result = plexus::tests::ProcessResult;

Result runCli(const QStringList& args) {
    return plexus::tests::runProcess(QStringLiteral(PLEXUS_CLI), args);
}

QString example(const char* name) {
    return QStringLiteral(PLEXUS_SOURCE_DIR "/resources/examples/") + QLatin1String(name);
}

QStringList svgTexts(const QString& path) {
    QFile file(path);
    QStringList texts;
    if (!file.open(QIODevice::ReadOnly))
        return texts;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("text"))
            texts << xml.readElementText(QXmlStreamReader::IncludeChildElements).simplified();
    }
    return xml.hasError() ? QStringList{} : texts;
}

} // namespace

class TestCliFigure : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void exportsTwoViewsAsOneSvgWithProvenance() {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("cuba.svg"));
        const Result r = runCli({"figure", example("cuba.json"), "--view", "raster,rate", "--out",
                                 out, "--duration", "0.3", "--size-mm", "180x80"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList texts = svgTexts(out);
        QVERIFY2(texts.contains(QStringLiteral("A")) && texts.contains(QStringLiteral("B")),
                 qPrintable(texts.join(QLatin1Char('|'))));
        // The rate plot's axis labels and the raster's population names are vector text.
        QVERIFY(texts.contains(QStringLiteral("E")));
        QVERIFY(texts.contains(QStringLiteral("time (ms)")));
        QFile sidecar(out + QStringLiteral(".json"));
        QVERIFY(sidecar.open(QIODevice::ReadOnly));
        const auto p = nlohmann::json::parse(sidecar.readAll().toStdString());
        QCOMPARE(p["run"]["state"].get<std::string>(), std::string("finished"));
        QVERIFY(std::abs(p["run"]["simulated_ms"].get<double>() - 300.0) < 1e-6);
        QVERIFY(p["run"]["spikes"].get<std::uint64_t>() > 0);
        QCOMPARE(p["project"]["name"].get<std::string>(), std::string("CUBA"));
        QCOMPARE(p["figure"]["views"].size(), std::size_t(2));
        QCOMPARE(p["figure"]["width_mm"].get<double>(), 180.0);
    }

    void membraneFigureTracesNeuronsByItself() {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("v.svg"));
        const Result r = runCli({"figure", example("cuba.json"), "--view", "membrane", "--out", out,
                                 "--duration", "0.2"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList texts = svgTexts(out);
        QVERIFY2(texts.contains(QStringLiteral("v (mV)")),
                 qPrintable(texts.join(QLatin1Char('|'))));
    }

    void contactsFigureWithoutADisplay() {
        // The electrode recordings of a project with electrodes, with no X display at all.
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("contacts.svg"));
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(PLEXUS_CLI), {"figure", example("cuba_electrodes.json"), "--view",
                                             "contacts", "--out", out, "--duration", "0.2"});
        QVERIFY(p.waitForFinished(180000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const QStringList texts = svgTexts(out);
        QVERIFY2(texts.contains(QStringLiteral("probe:0")) &&
                     texts.contains(QStringLiteral("MUA (Hz)")),
                 qPrintable(texts.join(QLatin1Char('|'))));
    }

    void exportsPngAtTheSizeAskedFor() {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("rate.png"));
        const Result r = runCli({"figure", example("cuba.json"), "--view", "rate", "--out", out,
                                 "--duration", "0.2", "--size-mm", "76.2x50.8", "--dpi", "200"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QImage image(out);
        QCOMPARE(image.size(), QSize(600, 400));
    }

    void defaultSizeGrowsToFitItsViews() {
        // Four views at the default 85 x 64 mm would get panels too small to read: the figure
        // grows to 2 x 2 panels of 14 x 13 ems of 8 pt (plus a letter band of 1.6 ems a row),
        // 85 x 83 mm; asked for 85 x 64 mm by name, it is refused in one line.
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("four.png"));
        const QStringList four = {"figure",     example("cuba.json"),
                                  "--view",     "raster,rate,membrane,weights",
                                  "--duration", "0.2",
                                  "--dpi",      "100",
                                  "--out",      out};
        const Result grown = runCli(four);
        QVERIFY2(grown.exitCode == 0, qPrintable(grown.err));
        const QImage image(out);
        QCOMPARE(image.size(),
                 QSize(std::lround(85.0 / 25.4 * 100.0), std::lround(83.0 / 25.4 * 100.0)));
        QVERIFY(QFile::remove(out));
        const Result refused = runCli(four + QStringList{"--size-mm", "85x64"});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(QStringLiteral("need a figure of at least 85 x 83 mm")),
                 qPrintable(refused.err));
        QCOMPARE(refused.err.trimmed().count(QLatin1Char('\n')), 0);
        QVERIFY(!QFile::exists(out));
    }

    void dynamicsAndReadoutViews() {
        // The analysis panel's dynamics and readout views, drawn headless: a PNG with both
        // panels, and an SVG whose text holds the avalanche count and the memory capacity.
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("dynamics.png"));
        const Result r = runCli({"figure", example("ei_reservoir.json"), "--view",
                                 "avalanches,memory", "--out", png, "--duration", "1"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > 500 && image.height() > 200);
        const QString svg = dir.filePath(QStringLiteral("dynamics.svg"));
        const Result s = runCli({"figure", example("cuba.json"), "--view", "avalanches,memory",
                                 "--out", svg, "--duration", "1"});
        QVERIFY2(s.exitCode == 0, qPrintable(s.err));
        // Text is written in pieces: join them with spaces.
        const QString texts = svgTexts(svg).join(QLatin1Char(' '));
        QVERIFY2(texts.contains(QStringLiteral(" avalanches, bin ")), qPrintable(texts));
        QVERIFY2(texts.contains(QStringLiteral("MC = Σ r²(k) = ")), qPrintable(texts));
        QVERIFY2(texts.contains(QStringLiteral("α = ")), qPrintable(texts));
    }

    void badArgumentsFailWithOneLineAndWriteNothing() {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("x.png"));
        struct Case {
            QStringList args;
            const char* says;
        };
        const QList<Case> cases = {
            {{"--view", "bogus", "--out", out}, "--view: unknown view \"bogus\""},
            {{"--view", "raster", "--out", out, "--format", "pdf"}, "does not end in .pdf"},
            {{"--view", "raster", "--out", dir.filePath("x.jpg")},
             "must end in .png, .svg or .pdf"},
            {{"--view", "raster"}, "--out FILE is required"},
            {{"--view", "raster", "--out", out, "--duration", "-1"}, "--duration"},
            {{"--view", "raster", "--out", out, "--size-mm", "85by64"},
             "--size-mm: \"85by64\" is not WIDTHxHEIGHT"},
            {{"--view", "raster", "--out", out, "--columns", "0"}, "--columns"},
            {{"--view", "raster", "--out", out, "--font-pt", "100"},
             "font size must be between 4 and 48 pt"},
        };
        for (const Case& c : cases) {
            const Result r = runCli(QStringList{"figure", example("cuba.json")} + c.args);
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains(QLatin1String(c.says)), qPrintable(r.err));
            QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);
        }
        const Result missing =
            runCli({"figure", dir.filePath("none.json"), "--view", "raster", "--out", out});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains(QStringLiteral("none.json")));
        QVERIFY(!QFile::exists(out));
    }
};

QTEST_GUILESS_MAIN(TestCliFigure)
#include "TestCliFigure.moc"
