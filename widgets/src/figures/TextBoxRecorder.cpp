#include "plexus/widgets/figures/TextBoxRecorder.h"

#include <QImage>
#include <QPaintEngine>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QTextItem>
#include <algorithm>
#include <cmath>
#include <limits>

namespace plexus::widgets {

namespace {

constexpr int kDpi = 72;

/// Projection interval of @p polygon onto the direction @p axis.
std::pair<double, double> project(const QPolygonF& polygon, const QPointF& axis) {
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    for (const QPointF& p : polygon) {
        const double d = p.x() * axis.x() + p.y() * axis.y();
        low = std::min(low, d);
        high = std::max(high, d);
    }
    return {low, high};
}

/// Unit normals of the edges of @p polygon.
void addNormals(const QPolygonF& polygon, std::vector<QPointF>& normals) {
    for (qsizetype i = 0; i < polygon.size(); ++i) {
        const QPointF edge = polygon[(i + 1) % polygon.size()] - polygon[i];
        const double length = std::hypot(edge.x(), edge.y());
        if (length > 1e-12) {
            normals.emplace_back(-edge.y() / length, edge.x() / length);
        }
    }
}

} // namespace

/// The engine behind TextBoxRecorder: every drawing call is a no-op except text and images.
class TextBoxRecorder::Engine : public QPaintEngine {
public:
    Engine()
        : QPaintEngine(QPaintEngine::AllFeatures) {}

    bool begin(QPaintDevice*) override { return true; }
    bool end() override { return true; }
    void updateState(const QPaintEngineState&) override {}
    Type type() const override { return static_cast<Type>(QPaintEngine::User + 7); }

    void drawRects(const QRect*, int) override {}
    void drawRects(const QRectF*, int) override {}
    void drawLines(const QLine*, int) override {}
    void drawLines(const QLineF*, int) override {}
    void drawEllipse(const QRectF&) override {}
    void drawEllipse(const QRect&) override {}
    void drawPath(const QPainterPath&) override {}
    void drawPoints(const QPointF*, int) override {}
    void drawPoints(const QPoint*, int) override {}
    void drawPolygon(const QPointF*, int, PolygonDrawMode) override {}
    void drawPolygon(const QPoint*, int, PolygonDrawMode) override {}
    void drawTiledPixmap(const QRectF& r, const QPixmap& pixmap, const QPointF&) override {
        addImage(r, pixmap.size());
    }
    void drawPixmap(const QRectF& r, const QPixmap& pixmap, const QRectF& sr) override {
        addImage(r, sr.isEmpty() ? QSizeF(pixmap.size()) : sr.size());
    }
    void drawImage(const QRectF& r, const QImage& image, const QRectF& sr,
                   Qt::ImageConversionFlags) override {
        addImage(r, sr.isEmpty() ? QSizeF(image.size()) : sr.size());
    }

    void drawTextItem(const QPointF& p, const QTextItem& item) override {
        QPainter* painter = this->painter();
        const QTransform transform = painter->combinedTransform();
        const QRectF local(p.x(), p.y() - item.ascent(), item.width(),
                           item.ascent() + item.descent());
        Text text;
        text.text = item.text();
        text.font = item.font();
        text.box = transform.map(QPolygonF(local));
        text.tag = m_tag;
        if (painter->hasClipping() && local.width() > 0.0) {
            // Shrunk a little: text that only touches the clip's edge is not cut.
            const QRectF inner = local.adjusted(0.05, 0.05, -0.05, -0.05);
            QPainterPath textPath;
            textPath.addPolygon(transform.map(QPolygonF(inner)));
            textPath.closeSubpath();
            const QPainterPath clip = transform.map(painter->clipPath());
            text.clipped = !clip.contains(textPath);
        }
        m_texts.push_back(std::move(text));
    }

    std::vector<Text> m_texts;
    std::vector<Image> m_images;
    int m_tag = -1;

private:
    void addImage(const QRectF& r, const QSizeF& source) {
        Image image;
        image.target = painter()->combinedTransform().mapRect(r);
        image.pixels = source.toSize();
        image.tag = m_tag;
        m_images.push_back(image);
    }
};

TextBoxRecorder::TextBoxRecorder(const QSizeF& size)
    : m_engine(std::make_unique<Engine>())
    , m_size(size) {}

TextBoxRecorder::~TextBoxRecorder() = default;

const std::vector<TextBoxRecorder::Text>& TextBoxRecorder::texts() const {
    return m_engine->m_texts;
}

const std::vector<TextBoxRecorder::Image>& TextBoxRecorder::images() const {
    return m_engine->m_images;
}

void TextBoxRecorder::clear() {
    m_engine->m_texts.clear();
    m_engine->m_images.clear();
}

void TextBoxRecorder::setTag(int tag) {
    m_engine->m_tag = tag;
}

bool TextBoxRecorder::overlap(const QPolygonF& a, const QPolygonF& b, double tolerance) {
    if (a.size() < 3 || b.size() < 3) {
        return false;
    }
    // Separating axes of two convex boxes: the normals of their edges.
    std::vector<QPointF> normals;
    addNormals(a, normals);
    addNormals(b, normals);
    for (const QPointF& axis : normals) {
        const auto [a0, a1] = project(a, axis);
        const auto [b0, b1] = project(b, axis);
        if (std::min(a1, b1) - std::max(a0, b0) <= tolerance) {
            return false;
        }
    }
    return true;
}

QPaintEngine* TextBoxRecorder::paintEngine() const {
    return m_engine.get();
}

int TextBoxRecorder::metric(PaintDeviceMetric metric) const {
    switch (metric) {
    case PdmWidth:
        return static_cast<int>(std::ceil(m_size.width()));
    case PdmHeight:
        return static_cast<int>(std::ceil(m_size.height()));
    case PdmWidthMM:
        return static_cast<int>(std::lround(m_size.width() / kDpi * 25.4));
    case PdmHeightMM:
        return static_cast<int>(std::lround(m_size.height() / kDpi * 25.4));
    case PdmNumColors:
        return std::numeric_limits<int>::max();
    case PdmDepth:
        return 32;
    case PdmDpiX:
    case PdmDpiY:
    case PdmPhysicalDpiX:
    case PdmPhysicalDpiY:
        return kDpi;
    case PdmDevicePixelRatio:
        return 1;
    case PdmDevicePixelRatioScaled:
        return static_cast<int>(QPaintDevice::devicePixelRatioFScale());
    }
    return 0;
}

} // namespace plexus::widgets
