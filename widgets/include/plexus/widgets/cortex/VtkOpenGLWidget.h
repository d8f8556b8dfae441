#pragma once

#include <QImage>
#include <QOpenGLWidget>
#include <QPoint>
#include <QSurfaceFormat>
#include <vtkSmartPointer.h>

class QOpenGLContext;
class vtkGenericOpenGLRenderWindow;
class vtkGenericRenderWindowInteractor;
class vtkInteractorStyle;
class vtkObject;
class vtkRenderer;

namespace plexus::widgets {

/**
 * @brief A QOpenGLWidget that hosts a VTK scene (the Qt 6 replacement for VTK's Qt 5-only
 * QVTKOpenGLNativeWidget).
 *
 * VTK renders through a vtkGenericOpenGLRenderWindow that uses this widget's OpenGL context
 * (no context of its own, no blit of its own) into its own framebuffers; paintGL() renders and
 * then blits VTK's display framebuffer into the widget's framebuffer
 * (defaultFramebufferObject()). VTK's make-current requests are answered with
 * `context()->makeCurrent(context()->surface())` so that Qt's framebuffer binding is left
 * alone. Rendering needs the 3.2 core QSurfaceFormat that the application sets before
 * QApplication exists, and an X display (GLX).
 *
 * Qt mouse and wheel events drive a vtkGenericRenderWindowInteractor with a trackball-camera
 * style: left drag rotates, middle (or shift + left) drag pans, right drag and the wheel zoom.
 * Renders requested by the interactor are deferred to the next paint, so a burst of events
 * costs one frame.
 */
class VtkOpenGLWidget : public QOpenGLWidget {
    Q_OBJECT

public:
    /**
     * @brief The surface format VTK needs (OpenGL 3.2 core, 24-bit depth, 8-bit stencil).
     * Pass it to QSurfaceFormat::setDefaultFormat() before the QApplication is created.
     */
    static QSurfaceFormat defaultFormat();

    /**
     * @brief False on platforms where a shown QOpenGLWidget cannot work (Qt's "offscreen"
     * and "minimal" platforms: Qt 6.4 crashes when such a window is flushed). Containers
     * show a placeholder instead of the view there (see CortexPanel).
     */
    static bool isRenderingSupported();

    /// Creates the widget with an empty renderer (white background).
    explicit VtkOpenGLWidget(QWidget* parent = nullptr);
    ~VtkOpenGLWidget() override;

    /// The VTK render window drawing into this widget.
    vtkGenericOpenGLRenderWindow* renderWindow() const;
    /// The scene's renderer.
    vtkRenderer* renderer() const;
    /// The interactor fed from Qt events.
    vtkGenericRenderWindowInteractor* interactor() const;
    /// The trackball-camera style driving the camera.
    vtkInteractorStyle* interactorStyle() const;

    /// Schedules a repaint that renders the scene.
    void requestRender();

    /**
     * @brief Renders the scene off screen at @p scale times the widget's pixel size and
     * returns the image (RGB32); a null image when the widget has no OpenGL context yet
     * (never shown) or the size exceeds the GPU's limit (16384 pixels a side).
     */
    QImage renderImage(double scale = 1.0);
    /**
     * @brief Writes renderImage(@p scale) to the PNG file @p path.
     * @return empty on success, otherwise the reason ("PATH: ...").
     */
    QString writePng(const QString& path, double scale);

    /// Wall time of the last render in milliseconds (VTK's render, without the blit).
    double lastRenderMs() const { return m_lastRenderMs; }
    /// Number of renders done so far.
    int renderCount() const { return m_renderCount; }
    /// True once the OpenGL context exists and VTK is initialised on it.
    bool isVtkInitialized() const { return m_vtkInitialized; }

    /// Converts a widget position to VTK display coordinates (device pixels, y up).
    QPoint toDisplay(const QPoint& widgetPos) const;

Q_SIGNALS:
    /// Emitted after each render of the scene.
    void frameRendered();

protected:
    /**
     * @brief Called before every render with the pixel scale of the target (1 on screen,
     * N for renderImage(N)); subclasses size 2-D overlays (text, scale bars) with it.
     */
    virtual void prepareRender(double pixelScale);

    void initializeGL() override;
    void resizeGL(int w, int h) override;
    void paintGL() override;

    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void enterEvent(QEnterEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    void onRenderWindowEvent(vtkObject* caller, unsigned long eventId, void* callData);
    void onInteractorRender();
    void cleanupVtk();
    void setEventInformation(const QPoint& pos, Qt::KeyboardModifiers modifiers, int repeat);
    void renderScene(double pixelScale);

    vtkSmartPointer<vtkGenericOpenGLRenderWindow> m_renderWindow;
    vtkSmartPointer<vtkRenderer> m_renderer;
    vtkSmartPointer<vtkGenericRenderWindowInteractor> m_interactor;
    vtkSmartPointer<vtkInteractorStyle> m_style;
    QOpenGLContext* m_vtkContext = nullptr;
    bool m_vtkInitialized = false;
    bool m_inPaint = false;
    double m_lastRenderMs = 0.0;
    int m_renderCount = 0;
};

} // namespace plexus::widgets
