// plexus-icon-render SVG OUTDIR SIZE...: renders the application icon SVG to OUTDIR/<SIZE>.png
// for each SIZE (square, transparent background). A build tool: the install rules put the PNGs
// into the hicolor icon theme beside the SVG. The icon has no text, so no QGuiApplication (and no
// platform plugin) is needed to paint it.

#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <cstdio>

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: plexus-icon-render SVG OUTDIR SIZE...\n");
        return 2;
    }
    QSvgRenderer renderer(QString::fromLocal8Bit(argv[1]));
    if (!renderer.isValid()) {
        std::fprintf(stderr, "plexus-icon-render: %s: not a readable SVG image\n", argv[1]);
        return 1;
    }
    const QString outDir = QString::fromLocal8Bit(argv[2]);
    for (int k = 3; k < argc; ++k) {
        bool ok = false;
        const int size = QString::fromLocal8Bit(argv[k]).toInt(&ok);
        if (!ok || size < 8 || size > 1024) {
            std::fprintf(stderr, "plexus-icon-render: size \"%s\" is not 8..1024\n", argv[k]);
            return 2;
        }
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        {
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            renderer.render(&painter, QRectF(0, 0, size, size));
        }
        const QString file = QStringLiteral("%1/%2.png").arg(outDir).arg(size);
        if (!image.save(file, "PNG")) {
            std::fprintf(stderr, "plexus-icon-render: %s: cannot be written\n", qPrintable(file));
            return 1;
        }
    }
    return 0;
}
