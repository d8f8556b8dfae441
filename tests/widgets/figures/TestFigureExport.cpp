// Figure export: SVG/PDF/PNG of plot views and multi-panel figures, checked by parsing the files
// (XML paths and text, PDF page box, PNG size and content), the provenance sidecar, and that a
// failed export loses no data and leaves the plot's own look unchanged.
#include "plexus/widgets/figures/ExportDialog.h"
#include "plexus/widgets/figures/FigureComposer.h"
#include "plexus/widgets/figures/FigureProvenance.h"
#include "plexus/widgets/figures/FigureStyle.h"
#include "plexus/widgets/figures/ImageFigureSource.h"
#include "plexus/widgets/figures/PlotFigureSource.h"
#include "plexus/widgets/live/ContactPlot.h"
#include "plexus/widgets/plots/QCustomPlotInclude.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QImage>
#include <QListWidget>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>
#include <cmath>
#include <memory>
#include <plexus/core/project/ProjectSpec.h>
#include <plexus/core/project/StandardNetworks.h>

using namespace plexus::widgets;

namespace {

/// A plot with a sine and known axis labels, dark-themed so the export's restyling shows.
std::unique_ptr<QCustomPlot> makePlot(const QString& xLabel, const QString& yLabel) {
    auto plot = std::make_unique<QCustomPlot>();
    plot->resize(640, 400);
    QVector<double> x(200);
    QVector<double> y(200);
    for (int i = 0; i < 200; ++i) {
        x[i] = i;
        y[i] = std::sin(i / 20.0);
    }
    plot->addGraph()->setData(x, y);
    plot->xAxis->setLabel(xLabel);
    plot->yAxis->setLabel(yLabel);
    plot->xAxis->setRange(0, 200);
    plot->yAxis->setRange(-1.2, 1.2);
    plot->setBackground(QBrush(QColor(30, 30, 30)));
    plot->xAxis->setLabelColor(QColor(230, 230, 230));
    plot->replot();
    return plot;
}

struct SvgContent {
    int paths = 0;
    QStringList texts;
    bool wellFormed = false;
};

SvgContent readSvg(const QString& path) {
    QFile file(path);
    SvgContent content;
    if (!file.open(QIODevice::ReadOnly)) {
        return content;
    }
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement) {
            if (xml.name() == QLatin1String("path") || xml.name() == QLatin1String("polyline")) {
                ++content.paths;
            } else if (xml.name() == QLatin1String("text")) {
                content.texts
                    << xml.readElementText(QXmlStreamReader::IncludeChildElements).simplified();
            }
        }
    }
    content.wellFormed = !xml.hasError();
    return content;
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestFigureExport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void styleSizesAndPresets() {
        const FigureStyle single = FigureStyle::singleColumn();
        QCOMPARE(single.widthMm, 85.0);
        QCOMPARE(FigureStyle::doubleColumn().widthMm, 180.0);
        // 85 mm at 300 dpi: 85 / 25.4 * 300 = 1003.9 pixels.
        QCOMPARE(single.widthPx(), 1004);
        QVERIFY(std::abs(single.widthPt() - 240.945) < 1e-3);
        FigureStyle bad = single;
        bad.dpi = 10.0;
        QVERIFY(bad.validate().contains(QStringLiteral("dpi")));
        FigureFormat format{};
        QVERIFY(figureFormatFromSuffix(QStringLiteral("SVG"), format));
        QCOMPARE(format, FigureFormat::Svg);
        QVERIFY(!figureFormatFromSuffix(QStringLiteral("jpg"), format));
        QCOMPARE(FigureComposer::panelLetter(0), QStringLiteral("A"));
        QCOMPARE(FigureComposer::panelLetter(25), QStringLiteral("Z"));
        QCOMPARE(FigureComposer::panelLetter(26), QStringLiteral("AA"));
    }

    void svgHasVectorPathsAndAxisLabels() {
        QTemporaryDir dir;
        auto plot = makePlot(QStringLiteral("time (ms)"), QStringLiteral("rate (Hz)"));
        FigureComposer figure;
        figure.addPanel(std::make_shared<PlotFigureSource>(plot.get(), QStringLiteral("rate")));
        const QString path = dir.filePath(QStringLiteral("rate.svg"));
        QString error;
        QVERIFY2(figure.write(path, FigureFormat::Svg, FigureStyle::singleColumn(), &error),
                 qPrintable(error));
        const SvgContent svg = readSvg(path);
        QVERIFY(svg.wellFormed);
        QVERIFY2(svg.paths >= 5, qPrintable(QString::number(svg.paths)));
        QVERIFY(svg.texts.contains(QStringLiteral("time (ms)")));
        QVERIFY(svg.texts.contains(QStringLiteral("rate (Hz)")));
        // The physical size is in the root element (points of the 85 x 64 mm figure).
        const QByteArray text = readAll(path);
        QVERIFY(text.contains("viewBox=\"0 0 240.945 181.417\""));
        // No bitmap stands in for the curve.
        QVERIFY(!text.contains("<image"));
    }

    void exportLeavesThePlotsLookUnchanged() {
        QTemporaryDir dir;
        auto plot = makePlot(QStringLiteral("t"), QStringLiteral("v"));
        const QFont before = plot->xAxis->tickLabelFont();
        const QColor labelBefore = plot->xAxis->labelColor();
        const int ticksBefore = plot->xAxis->ticker()->tickCount();
        FigureComposer figure;
        figure.addPanel(std::make_shared<PlotFigureSource>(plot.get(), QStringLiteral("v")));
        FigureStyle style;
        style.fontPt = 12.0;
        QVERIFY(figure.write(dir.filePath(QStringLiteral("v.png")), FigureFormat::Png, style));
        QCOMPARE(plot->xAxis->tickLabelFont(), before);
        QCOMPARE(plot->xAxis->labelColor(), labelBefore);
        QCOMPARE(plot->xAxis->ticker()->tickCount(), ticksBefore);
        // The export itself was restyled: white background, black labels (a dark pixel
        // fraction far below the dark widget's).
        const QImage image(dir.filePath(QStringLiteral("v.png")));
        QCOMPARE(image.pixelColor(2, 2), QColor(Qt::white));
    }

    void pdfHasThePageSizeAskedFor() {
        QTemporaryDir dir;
        auto plot = makePlot(QStringLiteral("x"), QStringLiteral("y"));
        FigureComposer figure;
        figure.addPanel(std::make_shared<PlotFigureSource>(plot.get(), QStringLiteral("p")));
        const QString path = dir.filePath(QStringLiteral("p.pdf"));
        QVERIFY(figure.write(path, FigureFormat::Pdf, FigureStyle::doubleColumn()));
        const QByteArray pdf = readAll(path);
        QVERIFY(pdf.startsWith("%PDF"));
        // 180 x 100 mm = 510.2 x 283.5 points.
        const QRegularExpression box(
            QStringLiteral(R"(MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\])"));
        const QRegularExpressionMatch m = box.match(QString::fromLatin1(pdf));
        QVERIFY(m.hasMatch());
        QVERIFY(std::abs(m.captured(1).toDouble() - 510.24) <= 1.0);
        QVERIFY(std::abs(m.captured(2).toDouble() - 283.46) <= 1.0);
    }

    void pngHasThePixelSizeAskedForAndIsNotBlank() {
        QTemporaryDir dir;
        auto plot = makePlot(QStringLiteral("x"), QStringLiteral("y"));
        FigureComposer figure;
        figure.addPanel(std::make_shared<PlotFigureSource>(plot.get(), QStringLiteral("p")));
        FigureStyle style;
        style.widthMm = 76.2; // 3 inches
        style.heightMm = 50.8;
        style.dpi = 100.0;
        const QString path = dir.filePath(QStringLiteral("p.png"));
        QVERIFY(figure.write(path, FigureFormat::Png, style));
        const QImage image(path);
        QCOMPARE(image.size(), QSize(300, 200));
        QCOMPARE(image.dotsPerMeterX(), static_cast<int>(std::lround(100.0 / 0.0254)));
        int ink = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                ink += qGray(image.pixel(x, y)) < 200 ? 1 : 0;
            }
        }
        const double fraction = double(ink) / (image.width() * image.height());
        QVERIFY2(fraction > 0.01 && fraction < 0.5, qPrintable(QString::number(fraction)));
    }

    void multiPanelFigureHasPanelLetters() {
        QTemporaryDir dir;
        auto a = makePlot(QStringLiteral("first"), QStringLiteral("y"));
        auto b = makePlot(QStringLiteral("second"), QStringLiteral("y"));
        QImage picture(64, 32, QImage::Format_RGB32);
        picture.fill(Qt::red);
        FigureComposer figure;
        figure.addPanel(std::make_shared<PlotFigureSource>(a.get(), QStringLiteral("a")));
        figure.addPanel(std::make_shared<PlotFigureSource>(b.get(), QStringLiteral("b")));
        double textPixels = 0.0;
        figure.addPanel(std::make_shared<ImageFigureSource>(
            [picture, &textPixels](QSize, double, double text) {
                textPixels = text;
                return picture;
            },
            QStringLiteral("cortex")));
        QCOMPARE(figure.columns(), 2);
        const QString path = dir.filePath(QStringLiteral("abc.svg"));
        QVERIFY(figure.write(path, FigureFormat::Svg, FigureStyle::doubleColumn()));
        // The picture's text is asked for at the figure's font size, in the export's pixels.
        const FigureStyle style = FigureStyle::doubleColumn();
        QCOMPARE(textPixels, style.fontPt / 72.0 * style.dpi);
        const SvgContent svg = readSvg(path);
        QVERIFY(svg.texts.contains(QStringLiteral("A")));
        QVERIFY(svg.texts.contains(QStringLiteral("B")));
        QVERIFY(svg.texts.contains(QStringLiteral("C")));
        QVERIFY(svg.texts.contains(QStringLiteral("first")));
        QVERIFY(svg.texts.contains(QStringLiteral("second")));
        // The 3-D picture is embedded as a bitmap inside the vector figure.
        QVERIFY(readAll(path).contains("<image"));
        // In a PNG, panel C (bottom left of a 2 x 2 grid) is the red picture.
        const QImage png = figure.toImage(FigureStyle::doubleColumn());
        const QColor centre = png.pixelColor(png.width() / 4, png.height() * 3 / 4);
        QVERIFY2(centre.red() > 200 && centre.green() < 60, qPrintable(centre.name()));
    }

    void panelsTooSmallToReadAreRefused() {
        // Every panel needs 14 x 13 ems of the font (a contact plot 14 x 21), and each row of
        // a multi-panel figure a letter band of 1.6 ems: 2 x 2 panels at 8 pt need
        // 2 x 14 x 8 pt = 79.0 mm by 2 x (13 + 1.6) x 8 pt = 82.4 mm.
        const FigureStyle single = FigureStyle::singleColumn();
        constexpr double mmPerPt = 25.4 / 72.0;
        const QSizeF four = FigureComposer::minimumSizeMm(4, 2, single);
        QCOMPARE(single.fontPt, 8.0);
        QVERIFY(std::abs(four.width() - 2 * 14 * 8 * mmPerPt) < 1e-9);
        QVERIFY(std::abs(four.height() - 2 * 14.6 * 8 * mmPerPt) < 1e-9);
        // One view alone has no letter; three in one column are three rows.
        QVERIFY(std::abs(FigureComposer::minimumSizeMm(1, 0, single).height() - 13 * 8 * mmPerPt) <
                1e-9);
        QVERIFY(std::abs(FigureComposer::minimumSizeMm(3, 1, single).height() -
                         3 * 14.6 * 8 * mmPerPt) < 1e-9);
        QVERIFY(FigureComposer::sizeProblem(2, 2, single).isEmpty());
        QVERIFY(FigureComposer::sizeProblem(4, 2, single)
                    .contains(QStringLiteral(
                        "4 views in 2 x 2 panels need a figure of at least 85 x 83 mm")));

        QTemporaryDir dir;
        std::vector<std::unique_ptr<QCustomPlot>> plots;
        FigureComposer figure;
        for (int i = 0; i < 3; ++i) {
            plots.push_back(makePlot(QStringLiteral("x"), QStringLiteral("y")));
            figure.addPanel(
                std::make_shared<PlotFigureSource>(plots.back().get(), QStringLiteral("p")));
        }
        // The contact plot's row is as high as the contact plot needs.
        ContactPlot contacts;
        figure.addPanel(std::make_shared<PlotFigureSource>(&contacts, QStringLiteral("contacts")));
        const QSizeF least = figure.minimumSizeMm(single);
        QVERIFY(std::abs(least.height() - (14.6 + 22.6) * 8 * mmPerPt) < 1e-9);
        const QString path = dir.filePath(QStringLiteral("small.png"));
        QString error;
        QVERIFY(!figure.write(path, FigureFormat::Png, single, &error));
        QVERIFY2(error.startsWith(path) &&
                     error.contains(QStringLiteral("at least 85 x 105 mm at 8 pt")),
                 qPrintable(error));
        QVERIFY(!QFile::exists(path));
        // As high as it said, or at a smaller font, the figure is written.
        FigureStyle higher = single;
        higher.heightMm = 105.0;
        QVERIFY2(figure.write(path, FigureFormat::Png, higher, &error), qPrintable(error));
        FigureStyle smallFont = single;
        smallFont.fontPt = 4.0;
        QVERIFY2(figure.write(path, FigureFormat::Png, smallFont, &error), qPrintable(error));
    }

    void failedExportLosesNoData() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("keep.svg"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("old figure");
        }
        FigureComposer figure;
        figure.addPanel(std::make_shared<ImageFigureSource>(
            [](QSize, double, double) { return QImage(); }, QStringLiteral("cortex")));
        QString error;
        QVERIFY(!figure.write(path, FigureFormat::Svg, FigureStyle::singleColumn(), &error));
        QVERIFY2(error.startsWith(path) && error.contains(QStringLiteral("cortex")),
                 qPrintable(error));
        QCOMPARE(readAll(path), QByteArray("old figure"));

        FigureStyle bad;
        bad.widthMm = -1.0;
        auto plot = makePlot(QStringLiteral("x"), QStringLiteral("y"));
        FigureComposer one;
        one.addPanel(std::make_shared<PlotFigureSource>(plot.get(), QStringLiteral("p")));
        QVERIFY(!one.write(path, FigureFormat::Png, bad, &error));
        QVERIFY(error.contains(QStringLiteral("width")));
        QVERIFY(!one.write(dir.filePath(QStringLiteral("missing/dir/x.png")), FigureFormat::Png,
                           FigureStyle::singleColumn(), &error));
        QCOMPARE(readAll(path), QByteArray("old figure"));
    }

    void dialogCollectsViewsSizeAndFile() {
        ExportDialog dialog({{QStringLiteral("raster"), QStringLiteral("Raster")},
                             {QStringLiteral("rate"), QStringLiteral("Population rates")},
                             {QStringLiteral("cortex"), QStringLiteral("3-D cortex")}},
                            {QStringLiteral("rate")});
        QCOMPARE(dialog.selectedViews(), QStringList{QStringLiteral("rate")});
        QVERIFY(dialog.problem().contains(QStringLiteral("file")));
        QTemporaryDir dir;
        dialog.setFilePath(dir.filePath(QStringLiteral("figure.jpg")));
        QVERIFY(dialog.problem().contains(QStringLiteral(".png, .svg or .pdf")));
        dialog.setFilePath(dir.filePath(QStringLiteral("figure.pdf")));
        QVERIFY(dialog.problem().isEmpty());
        QCOMPARE(dialog.style().widthMm, 85.0);
        auto* preset = dialog.findChild<QComboBox*>();
        QVERIFY(preset != nullptr);
        preset->setCurrentIndex(1); // double column
        QCOMPARE(dialog.style().widthMm, 180.0);
        QCOMPARE(dialog.style().heightMm, 100.0);
        auto* list = dialog.findChild<QListWidget*>(QStringLiteral("exportViews"));
        list->item(0)->setCheckState(Qt::Checked);
        QCOMPARE(dialog.selectedViews(),
                 QStringList({QStringLiteral("raster"), QStringLiteral("rate")}));
        list->item(1)->setCheckState(Qt::Unchecked);
        list->item(0)->setCheckState(Qt::Unchecked);
        QVERIFY(dialog.problem().contains(QStringLiteral("view")));
        list->item(0)->setCheckState(Qt::Checked);
        list->item(2)->setCheckState(Qt::Checked);
        // Three views in two columns at single-column size: two rows of panels too low to read.
        list->item(1)->setCheckState(Qt::Checked);
        preset->setCurrentIndex(0);
        QVERIFY2(dialog.problem().contains(QStringLiteral("at least 85 x 83 mm")),
                 qPrintable(dialog.problem()));
        auto* height = dialog.findChildren<QDoubleSpinBox*>().at(1);
        height->setValue(83.0);
        QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
        // Three columns are too wide for 85 mm; the state follows the column count.
        dialog.findChild<QSpinBox*>()->setValue(3);
        QVERIFY2(dialog.problem().contains(QStringLiteral("3 views in 1 x 3 panels")),
                 qPrintable(dialog.problem()));
        dialog.resize(480, 560);
        if (const QByteArray shots = qgetenv("PLEXUS_SCREENSHOT_DIR"); !shots.isEmpty()) {
            dialog.grab().save(QString::fromLocal8Bit(shots) +
                               QStringLiteral("/export-dialog.png"));
        }
    }

    void provenanceNamesProjectRunAndFigure() {
        QTemporaryDir dir;
        const plexus::core::ProjectSpec project = plexus::core::StandardNetworks::cuba(400);
        FigureProvenance::Run run;
        run.state = QStringLiteral("finished");
        run.simulatedMs = 250.0;
        run.spikes = 1234;
        const QString figure = dir.filePath(QStringLiteral("f.pdf"));
        const nlohmann::json p = FigureProvenance::describe(
            project, nullptr, QString(), run, figure, {QStringLiteral("raster")},
            FigureStyle::singleColumn(), QStringLiteral("9.9.9"));
        QVERIFY(FigureProvenance::write(figure, p));
        const nlohmann::json back =
            nlohmann::json::parse(readAll(FigureProvenance::sidecarPath(figure)).toStdString());
        QCOMPARE(back["plexus_version"].get<std::string>(), std::string("9.9.9"));
        QCOMPARE(back["simulation"]["seed"].get<std::uint64_t>(), project.simulation.seed);
        QCOMPARE(back["run"]["spikes"].get<std::uint64_t>(), std::uint64_t(1234));
        QCOMPARE(back["figure"]["format"].get<std::string>(), std::string("pdf"));
        QCOMPARE(back["figure"]["views"][0].get<std::string>(), std::string("raster"));
        const std::string hash = back["project"]["hash"].get<std::string>();
        QVERIFY(QString::fromStdString(hash).contains(
            QRegularExpression(QStringLiteral("^fnv1a64:[0-9a-f]{16}$"))));
        QCOMPARE(QString::fromStdString(hash), FigureProvenance::projectHash(project));
        QVERIFY(back["models"].is_array() && !back["models"].empty());
        // A different project (one more neuron) has a different hash.
        QVERIFY(FigureProvenance::projectHash(plexus::core::StandardNetworks::cuba(401)) !=
                QString::fromStdString(hash));
        QVERIFY(!back["created_utc"].get<std::string>().empty());
    }
};

QTEST_MAIN(TestFigureExport)
#include "TestFigureExport.moc"
