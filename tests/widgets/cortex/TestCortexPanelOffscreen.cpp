// The 3D panel on Qt's offscreen platform (no OpenGL windows): it must show a note instead of
// the view, never crash, and keep the view's non-rendering API working.

#include "TestArtifacts.h"
#include "plexus/widgets/cortex/CortexPanel.h"
#include "plexus/widgets/cortex/CortexView.h"

#include <QLabel>
#include <QtTest>

using namespace plexus;

class TestCortexPanelOffscreen : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void showsANoteInsteadOfTheView();
};

void TestCortexPanelOffscreen::showsANoteInsteadOfTheView() {
    QCOMPARE(QGuiApplication::platformName(), QStringLiteral("offscreen"));
    QVERIFY(!widgets::VtkOpenGLWidget::isRenderingSupported());
    widgets::CortexPanel panel;
    panel.resize(640, 480);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QTest::qWait(50);
    // The view is not part of the window, so the window is painted without OpenGL.
    QVERIFY(panel.view() != nullptr);
    QVERIFY(!panel.isAncestorOf(panel.view()));
    bool noted = false;
    for (const QLabel* label : panel.findChildren<QLabel*>()) {
        noted = noted || label->text().contains(QLatin1String("OpenGL"));
    }
    QVERIFY(noted);
    QVERIFY(!panel.grab().isNull());
    // Geometry work still happens; rendering-only calls fail politely.
    QCOMPARE(panel.view()->pialSurface().vertexCount(), 40962);
    QVERIFY(
        !panel.exportPngFile(plexus::tests::artifactPath(QStringLiteral("plexus-offscreen.png"))));
    QVERIFY(panel.statusText().contains(QLatin1String("not been shown")));
}

QTEST_MAIN(TestCortexPanelOffscreen)
#include "TestCortexPanelOffscreen.moc"
