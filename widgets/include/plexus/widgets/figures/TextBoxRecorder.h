#pragma once

#include <QFont>
#include <QPaintDevice>
#include <QPolygonF>
#include <QRectF>
#include <QSize>
#include <QString>
#include <memory>
#include <vector>

namespace plexus::widgets {

/**
 * @brief A paint device that draws nothing and records where text and images would go.
 *
 * Every piece of text a QPainter draws on it (one entry per line, as the painter lays it
 * out) is kept with its box in device coordinates (the line's advance width by its ascent
 * plus descent, through the painter's transform, so rotated text gives a rotated box) and
 * whether the painter's clip cuts it. Images and pixmaps are kept with their target
 * rectangles. Figure layout uses it for a dry run to find text that would leave a panel;
 * tests use it to check that no text of a figure is clipped or overlaps other text.
 *
 * The device has a resolution of 72 dots per inch, like the figure composer's devices, so
 * one device unit is one point and fonts sized in points measure as they print.
 */
class TextBoxRecorder : public QPaintDevice {
public:
    /// A line of text as drawn.
    struct Text {
        QString text;
        QPolygonF box;        ///< four corners in device coordinates
        QFont font;           ///< the font it was drawn with
        bool clipped = false; ///< the painter's clip cuts part of the box away
        int tag = -1;         ///< the tag set when it was drawn (see setTag())

        /// The axis-aligned bounding rectangle of box.
        QRectF bounds() const { return box.boundingRect(); }
    };
    /// An image or pixmap as drawn.
    struct Image {
        QRectF target; ///< bounding rectangle of the target in device coordinates
        QSize pixels;  ///< pixel size of the source
        int tag = -1;
    };

    /// A device of @p size units (points).
    explicit TextBoxRecorder(const QSizeF& size);
    ~TextBoxRecorder() override;
    TextBoxRecorder(const TextBoxRecorder&) = delete;
    TextBoxRecorder& operator=(const TextBoxRecorder&) = delete;

    /// The text drawn so far, in drawing order.
    const std::vector<Text>& texts() const;
    /// The images drawn so far, in drawing order.
    const std::vector<Image>& images() const;
    /// Forgets what was recorded.
    void clear();
    /// Marks what is drawn from now on with @p tag (e.g. the index of a figure panel).
    void setTag(int tag);

    /**
     * @brief True when the interiors of @p a and @p b intersect by more than @p tolerance
     *        (device units) in every direction: boxes that only touch do not overlap.
     */
    static bool overlap(const QPolygonF& a, const QPolygonF& b, double tolerance = 0.25);

    QPaintEngine* paintEngine() const override;

protected:
    int metric(PaintDeviceMetric metric) const override;

private:
    class Engine;
    std::unique_ptr<Engine> m_engine;
    QSizeF m_size;
};

} // namespace plexus::widgets
