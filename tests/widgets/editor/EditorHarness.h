#pragma once

#include <QPoint>
#include <QPointF>
#include <QString>
#include <QWidget>
#include <memory>

class QLineEdit;

namespace plexus::core {
class ModelRegistry;
} // namespace plexus::core

namespace plexus::widgets {
class CircuitScene;
class CircuitView;
class Document;
class Inspector;
class Palette;
} // namespace plexus::widgets

/**
 * @brief The circuit editor assembled as the main window does (palette, view, inspector over
 *        one document with the built-in models), with helpers that drive it through real mouse
 *        and keyboard events.
 */
class EditorHarness : public QWidget {
public:
    EditorHarness();
    ~EditorHarness() override;

    std::unique_ptr<plexus::core::ModelRegistry> registry;
    plexus::widgets::Document* document = nullptr;
    plexus::widgets::CircuitScene* scene = nullptr;
    plexus::widgets::CircuitView* view = nullptr;
    plexus::widgets::Palette* palette = nullptr;
    plexus::widgets::Inspector* inspector = nullptr;

    /// Viewport coordinates of a scene point.
    QPoint viewPoint(QPointF scenePos) const;
    /// Drags palette @p entry onto the canvas at @p scenePos with drag-enter, move and drop
    /// events carrying the palette's own drag data. Returns false if the view refused the drop.
    bool dropFromPalette(const QString& entry, QPointF scenePos);
    /// Left click at @p scenePos.
    void click(QPointF scenePos, Qt::KeyboardModifiers modifiers = Qt::NoModifier);
    /// Left-button drag from @p from to @p to in @p steps moves.
    void drag(QPointF from, QPointF to, int steps = 6);
    /// Clicks node @p name on its title.
    void clickNode(const QString& name);
    /// Clicks the label of projection @p name.
    void clickEdge(const QString& name);
    /// Drags from the output port of @p source to node @p target (to its input port when it
    /// is the same node).
    void connectNodes(const QString& source, const QString& target);
    /// Clicks empty canvas far from every node.
    void clickCanvas();
    /// Types @p text into inspector field @p key (replacing it) and presses Enter.
    bool typeInto(const QString& key, const QString& text);
    /// Types @p text into line edit @p edit (replacing it) and presses Enter.
    static void typeInto(QLineEdit* edit, const QString& text);
    /// Chooses the item with data @p itemData in inspector combo box @p key, as picking it from the
    /// open list does.
    bool choose(const QString& key, const QString& itemData);
    /// Processes pending events (deferred inspector rebuilds, repaints).
    static void settle();
};
