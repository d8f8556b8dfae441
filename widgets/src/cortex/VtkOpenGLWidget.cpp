#include "plexus/widgets/cortex/VtkOpenGLWidget.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QOpenGLExtraFunctions>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkImageData.h>
#include <vtkInteractorStyleTrackballCamera.h>
#include <vtkNew.h>
#include <vtkOpenGLFramebufferObject.h>
#include <vtkOpenGLState.h>
#include <vtkPointData.h>
#include <vtkRenderer.h>
#include <vtkUnsignedCharArray.h>
#include <vtkWindowToImageFilter.h>

namespace plexus::widgets {

namespace {

/// Largest off-screen image side renderImage() attempts.
constexpr int kMaxImageSide = 16384;

} // namespace

QSurfaceFormat VtkOpenGLWidget::defaultFormat() {
    QSurfaceFormat format;
    format.setRenderableType(QSurfaceFormat::OpenGL);
    format.setVersion(3, 2);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setDepthBufferSize(24);
    format.setStencilBufferSize(8);
    return format;
}

bool VtkOpenGLWidget::isRenderingSupported() {
    const QString platform = QGuiApplication::platformName();
    return platform != QLatin1String("offscreen") && platform != QLatin1String("minimal");
}

VtkOpenGLWidget::VtkOpenGLWidget(QWidget* parent)
    : QOpenGLWidget(parent) {
    setFocusPolicy(Qt::StrongFocus);
    setUpdateBehavior(QOpenGLWidget::NoPartialUpdate);
    setMinimumSize(64, 64);

    m_renderWindow = vtkSmartPointer<vtkGenericOpenGLRenderWindow>::New();
    // Nothing can render before initializeGL() provides the context.
    m_renderWindow->SetReadyForRendering(false);
    // VTK renders into its own framebuffers; paintGL() blits them into Qt's.
    m_renderWindow->SetFrameBlitModeToNoBlit();
    // No multisampling (its buffers grow with renderImage()'s scale); FXAA smooths edges.
    m_renderWindow->SetMultiSamples(0);

    m_renderer = vtkSmartPointer<vtkRenderer>::New();
    m_renderer->SetBackground(1.0, 1.0, 1.0);
    m_renderer->UseFXAAOn();
    m_renderWindow->AddRenderer(m_renderer);

    m_interactor = vtkSmartPointer<vtkGenericRenderWindowInteractor>::New();
    m_interactor->SetRenderWindow(m_renderWindow);
    // Renders requested by the interactor become repaints (see onInteractorRender()).
    m_interactor->EnableRenderOff();
    auto style = vtkSmartPointer<vtkInteractorStyleTrackballCamera>::New();
    m_style = style;
    m_interactor->SetInteractorStyle(style);
    m_interactor->Initialize();

    for (const unsigned long event :
         {static_cast<unsigned long>(vtkCommand::WindowMakeCurrentEvent),
          static_cast<unsigned long>(vtkCommand::WindowIsCurrentEvent),
          static_cast<unsigned long>(vtkCommand::WindowFrameEvent)}) {
        m_renderWindow->AddObserver(event, this, &VtkOpenGLWidget::onRenderWindowEvent);
    }
    m_interactor->AddObserver(vtkCommand::RenderEvent, this, &VtkOpenGLWidget::onRenderWindowEvent);
}

VtkOpenGLWidget::~VtkOpenGLWidget() {
    cleanupVtk();
    m_renderWindow->RemoveObservers(vtkCommand::WindowMakeCurrentEvent);
    m_renderWindow->RemoveObservers(vtkCommand::WindowIsCurrentEvent);
    m_renderWindow->RemoveObservers(vtkCommand::WindowFrameEvent);
    m_interactor->RemoveObservers(vtkCommand::RenderEvent);
}

vtkGenericOpenGLRenderWindow* VtkOpenGLWidget::renderWindow() const {
    return m_renderWindow;
}

vtkRenderer* VtkOpenGLWidget::renderer() const {
    return m_renderer;
}

vtkGenericRenderWindowInteractor* VtkOpenGLWidget::interactor() const {
    return m_interactor;
}

vtkInteractorStyle* VtkOpenGLWidget::interactorStyle() const {
    return m_style;
}

void VtkOpenGLWidget::requestRender() {
    update();
}

QPoint VtkOpenGLWidget::toDisplay(const QPoint& widgetPos) const {
    const double dpr = devicePixelRatioF();
    const int h = static_cast<int>(std::lround(height() * dpr));
    return {static_cast<int>(std::lround(widgetPos.x() * dpr)),
            h - 1 - static_cast<int>(std::lround(widgetPos.y() * dpr))};
}

void VtkOpenGLWidget::prepareRender(double /*pixelScale*/) {}

void VtkOpenGLWidget::initializeGL() {
    // A new context (first show, or the widget moved to another window): start VTK on it.
    cleanupVtk();
    m_vtkContext = context();
    connect(m_vtkContext, &QOpenGLContext::aboutToBeDestroyed, this, &VtkOpenGLWidget::cleanupVtk,
            Qt::UniqueConnection);

    vtkOpenGLState* state = m_renderWindow->GetState();
    state->Reset();
    // Qt leaves GL_LESS; VTK expects GL_LEQUAL.
    state->vtkglDepthFunc(GL_LEQUAL);
    m_renderWindow->SetOwnContext(0);
    m_renderWindow->SetForceMaximumHardwareLineWidth(1);
    m_renderWindow->SetReadyForRendering(true);
    m_renderWindow->OpenGLInitContext();
    m_vtkInitialized = true;
}

void VtkOpenGLWidget::resizeGL(int w, int h) {
    const double dpr = devicePixelRatioF();
    const int pw = std::max(1, static_cast<int>(std::lround(w * dpr)));
    const int ph = std::max(1, static_cast<int>(std::lround(h * dpr)));
    // Resizes the render window too.
    m_interactor->UpdateSize(pw, ph);
    m_renderWindow->SetSize(pw, ph);
}

void VtkOpenGLWidget::paintGL() {
    if (!m_vtkInitialized) {
        QOpenGLFunctions* f = context()->functions();
        f->glClearColor(1.0f, 1.0f, 1.0f, 1.0f);
        f->glClear(GL_COLOR_BUFFER_BIT);
        return;
    }
    m_inPaint = true;
    vtkOpenGLState* state = m_renderWindow->GetState();
    state->Reset();
    state->Push();
    state->vtkglDepthFunc(GL_LEQUAL);
    renderScene(1.0);

    // Rendering may have made another context current (e.g. progress updates): rebind ours,
    // with Qt's framebuffer.
    makeCurrent();
    QOpenGLExtraFunctions* f = context()->extraFunctions();
    f->glBindFramebuffer(GL_DRAW_FRAMEBUFFER, defaultFramebufferObject());
    const GLenum drawBuffer = GL_COLOR_ATTACHMENT0;
    f->glDrawBuffers(1, &drawBuffer);
    const bool scissor = f->glIsEnabled(GL_SCISSOR_TEST) == GL_TRUE;
    if (scissor) {
        state->vtkglDisable(GL_SCISSOR_TEST);
        f->glDisable(GL_SCISSOR_TEST);
    }
    const double dpr = devicePixelRatioF();
    const int w = static_cast<int>(std::lround(width() * dpr));
    const int h = static_cast<int>(std::lround(height() * dpr));
    int* source = m_renderWindow->GetRenderFramebuffer()->GetLastSize();
    m_renderWindow->BlitDisplayFramebuffer(0, 0, 0, source[0], source[1], 0, 0, w, h,
                                           GL_COLOR_BUFFER_BIT, GL_LINEAR);
    // Opaque alpha: otherwise the compositor may blend the view with what lies behind it.
    GLboolean mask[4];
    f->glGetBooleanv(GL_COLOR_WRITEMASK, mask);
    GLfloat clear[4];
    f->glGetFloatv(GL_COLOR_CLEAR_VALUE, clear);
    f->glColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_TRUE);
    f->glClearColor(0.0f, 0.0f, 0.0f, 1.0f);
    f->glViewport(0, 0, w, h);
    f->glClear(GL_COLOR_BUFFER_BIT);
    f->glColorMask(mask[0], mask[1], mask[2], mask[3]);
    f->glClearColor(clear[0], clear[1], clear[2], clear[3]);
    if (scissor) {
        state->vtkglEnable(GL_SCISSOR_TEST);
        f->glEnable(GL_SCISSOR_TEST);
    }
    state->Pop();
    m_inPaint = false;
    Q_EMIT frameRendered();
}

void VtkOpenGLWidget::renderScene(double pixelScale) {
    prepareRender(pixelScale);
    QElapsedTimer timer;
    timer.start();
    m_renderWindow->Render();
    // Include the GPU's work in the timing.
    if (QOpenGLContext* current = QOpenGLContext::currentContext()) {
        current->functions()->glFinish();
    }
    m_lastRenderMs = static_cast<double>(timer.nsecsElapsed()) * 1e-6;
    ++m_renderCount;
}

QImage VtkOpenGLWidget::renderImage(double scale) {
    if (!m_vtkInitialized || !(scale > 0.0)) {
        return {};
    }
    const double dpr = devicePixelRatioF();
    const int w = static_cast<int>(std::lround(width() * dpr * scale));
    const int h = static_cast<int>(std::lround(height() * dpr * scale));
    if (w < 1 || h < 1 || w > kMaxImageSide || h > kMaxImageSide) {
        return {};
    }
    makeCurrent();
    const int* current = m_renderWindow->GetSize();
    const int oldWidth = current[0];
    const int oldHeight = current[1];
    m_inPaint = true; // our own render: no repaint from its frame event
    vtkOpenGLState* state = m_renderWindow->GetState();
    state->Reset();
    state->Push();
    state->vtkglDepthFunc(GL_LEQUAL);
    m_renderWindow->SetSize(w, h);
    renderScene(scale);

    vtkNew<vtkWindowToImageFilter> grab;
    grab->SetInput(m_renderWindow);
    grab->SetInputBufferTypeToRGB();
    grab->ShouldRerenderOff();
    grab->ReadFrontBufferOff();
    grab->Update();
    vtkImageData* frame = grab->GetOutput();
    int dims[3] = {0, 0, 0};
    frame->GetDimensions(dims);
    QImage image;
    auto* scalars = vtkUnsignedCharArray::SafeDownCast(frame->GetPointData()->GetScalars());
    if (scalars != nullptr && dims[0] == w && dims[1] == h &&
        scalars->GetNumberOfComponents() == 3) {
        image = QImage(w, h, QImage::Format_RGB888);
        const unsigned char* pixels = scalars->GetPointer(0);
        // VTK's rows run bottom-up.
        for (int y = 0; y < h; ++y) {
            std::memcpy(image.scanLine(h - 1 - y), pixels + static_cast<std::size_t>(y) * w * 3,
                        static_cast<std::size_t>(w) * 3);
        }
        image = image.convertToFormat(QImage::Format_RGB32);
    }

    m_renderWindow->SetSize(oldWidth, oldHeight);
    prepareRender(1.0);
    state->Pop();
    m_inPaint = false;
    doneCurrent();
    update();
    return image;
}

void VtkOpenGLWidget::cleanupVtk() {
    if (!m_vtkInitialized) {
        return;
    }
    makeCurrent();
    m_renderWindow->Finalize();
    m_renderWindow->SetReadyForRendering(false);
    m_vtkInitialized = false;
    if (m_vtkContext != nullptr) {
        disconnect(m_vtkContext, &QOpenGLContext::aboutToBeDestroyed, this,
                   &VtkOpenGLWidget::cleanupVtk);
        m_vtkContext = nullptr;
    }
    doneCurrent();
}

void VtkOpenGLWidget::onRenderWindowEvent(vtkObject* /*caller*/, unsigned long eventId,
                                          void* callData) {
    switch (eventId) {
    case vtkCommand::WindowMakeCurrentEvent:
        // Not QOpenGLWidget::makeCurrent(): that would rebind Qt's framebuffer behind VTK.
        if (QOpenGLContext* ctx = context()) {
            ctx->makeCurrent(ctx->surface());
        }
        break;
    case vtkCommand::WindowIsCurrentEvent: {
        QOpenGLContext* ctx = context();
        QOpenGLContext* current = QOpenGLContext::currentContext();
        *static_cast<bool*>(callData) =
            ctx != nullptr && current == ctx && current->surface() == ctx->surface();
        break;
    }
    case vtkCommand::WindowFrameEvent:
        // A render outside paintGL() (e.g. an image grab): show its result.
        if (!m_inPaint) {
            update();
        }
        break;
    case vtkCommand::RenderEvent:
        onInteractorRender();
        break;
    default:
        break;
    }
}

void VtkOpenGLWidget::onInteractorRender() {
    update();
}

void VtkOpenGLWidget::setEventInformation(const QPoint& pos, Qt::KeyboardModifiers modifiers,
                                          int repeat) {
    const double dpr = devicePixelRatioF();
    m_interactor->SetEventInformationFlipY(static_cast<int>(std::lround(pos.x() * dpr)),
                                           static_cast<int>(std::lround(pos.y() * dpr)),
                                           (modifiers & Qt::ControlModifier) ? 1 : 0,
                                           (modifiers & Qt::ShiftModifier) ? 1 : 0, 0, repeat);
    m_interactor->SetAltKey((modifiers & Qt::AltModifier) ? 1 : 0);
}

void VtkOpenGLWidget::mousePressEvent(QMouseEvent* event) {
    setEventInformation(event->position().toPoint(), event->modifiers(), 0);
    switch (event->button()) {
    case Qt::LeftButton:
        m_interactor->InvokeEvent(vtkCommand::LeftButtonPressEvent, nullptr);
        break;
    case Qt::MiddleButton:
        m_interactor->InvokeEvent(vtkCommand::MiddleButtonPressEvent, nullptr);
        break;
    case Qt::RightButton:
        m_interactor->InvokeEvent(vtkCommand::RightButtonPressEvent, nullptr);
        break;
    default:
        break;
    }
    event->accept();
}

void VtkOpenGLWidget::mouseDoubleClickEvent(QMouseEvent* event) {
    setEventInformation(event->position().toPoint(), event->modifiers(), 1);
    if (event->button() == Qt::LeftButton) {
        m_interactor->InvokeEvent(vtkCommand::LeftButtonPressEvent, nullptr);
    }
    event->accept();
}

void VtkOpenGLWidget::mouseReleaseEvent(QMouseEvent* event) {
    setEventInformation(event->position().toPoint(), event->modifiers(), 0);
    switch (event->button()) {
    case Qt::LeftButton:
        m_interactor->InvokeEvent(vtkCommand::LeftButtonReleaseEvent, nullptr);
        break;
    case Qt::MiddleButton:
        m_interactor->InvokeEvent(vtkCommand::MiddleButtonReleaseEvent, nullptr);
        break;
    case Qt::RightButton:
        m_interactor->InvokeEvent(vtkCommand::RightButtonReleaseEvent, nullptr);
        break;
    default:
        break;
    }
    event->accept();
}

void VtkOpenGLWidget::mouseMoveEvent(QMouseEvent* event) {
    setEventInformation(event->position().toPoint(), event->modifiers(), 0);
    m_interactor->InvokeEvent(vtkCommand::MouseMoveEvent, nullptr);
    event->accept();
}

void VtkOpenGLWidget::wheelEvent(QWheelEvent* event) {
    setEventInformation(event->position().toPoint(), event->modifiers(), 0);
    const int delta = event->angleDelta().y();
    if (delta > 0) {
        m_interactor->InvokeEvent(vtkCommand::MouseWheelForwardEvent, nullptr);
    } else if (delta < 0) {
        m_interactor->InvokeEvent(vtkCommand::MouseWheelBackwardEvent, nullptr);
    }
    event->accept();
}

void VtkOpenGLWidget::enterEvent(QEnterEvent* event) {
    m_interactor->InvokeEvent(vtkCommand::EnterEvent, nullptr);
    QOpenGLWidget::enterEvent(event);
}

void VtkOpenGLWidget::leaveEvent(QEvent* event) {
    m_interactor->InvokeEvent(vtkCommand::LeaveEvent, nullptr);
    QOpenGLWidget::leaveEvent(event);
}

QString VtkOpenGLWidget::writePng(const QString& path, double scale) {
    if (!(scale > 0.0) || scale > 16.0) {
        return QStringLiteral("%1: invalid scale %2").arg(path).arg(scale);
    }
    if (!isVtkInitialized()) {
        return QStringLiteral("%1: the 3D view has not been shown yet").arg(path);
    }
    const QImage image = renderImage(scale);
    if (image.isNull()) {
        return QStringLiteral("%1: could not render a %2 x %3 image")
            .arg(path)
            .arg(std::lround(width() * devicePixelRatioF() * scale))
            .arg(std::lround(height() * devicePixelRatioF() * scale));
    }
    if (!image.save(path, "PNG")) {
        return QStringLiteral("%1: cannot write the PNG file").arg(path);
    }
    return {};
}

} // namespace plexus::widgets
