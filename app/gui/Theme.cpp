#include "Theme.h"

#include <QApplication>
#include <QStyleFactory>
#include <QToolTip>

namespace plexus::app {

QPalette Theme::palette(bool dark) {
    if (!dark) {
        QPalette p;
        p.setColor(QPalette::Window, QColor(0xef, 0xf1, 0xf4));
        p.setColor(QPalette::WindowText, QColor(0x1f, 0x25, 0x2e));
        p.setColor(QPalette::Base, QColor(0xff, 0xff, 0xff));
        p.setColor(QPalette::AlternateBase, QColor(0xf5, 0xf6, 0xf8));
        p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xf2));
        p.setColor(QPalette::ToolTipText, QColor(0x1f, 0x25, 0x2e));
        p.setColor(QPalette::PlaceholderText, QColor(0x80, 0x88, 0x94));
        p.setColor(QPalette::Text, QColor(0x1f, 0x25, 0x2e));
        p.setColor(QPalette::Button, QColor(0xe8, 0xeb, 0xef));
        p.setColor(QPalette::ButtonText, QColor(0x1f, 0x25, 0x2e));
        p.setColor(QPalette::BrightText, Qt::red);
        p.setColor(QPalette::Link, QColor(0x1f, 0x6f, 0xd0));
        p.setColor(QPalette::Highlight, QColor(0x2f, 0x7d, 0xe1));
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x9a, 0xa1, 0xab));
        p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x9a, 0xa1, 0xab));
        p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x9a, 0xa1, 0xab));
        return p;
    }
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x25, 0x29, 0x2f));
    p.setColor(QPalette::WindowText, QColor(0xe3, 0xe6, 0xea));
    p.setColor(QPalette::Base, QColor(0x1c, 0x1f, 0x24));
    p.setColor(QPalette::AlternateBase, QColor(0x2a, 0x2e, 0x35));
    p.setColor(QPalette::ToolTipBase, QColor(0x31, 0x36, 0x3e));
    p.setColor(QPalette::ToolTipText, QColor(0xe3, 0xe6, 0xea));
    p.setColor(QPalette::PlaceholderText, QColor(0x80, 0x88, 0x94));
    p.setColor(QPalette::Text, QColor(0xe3, 0xe6, 0xea));
    p.setColor(QPalette::Button, QColor(0x30, 0x35, 0x3c));
    p.setColor(QPalette::ButtonText, QColor(0xe3, 0xe6, 0xea));
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Link, QColor(0x6a, 0xaf, 0xff));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x7e, 0xd8));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x3a, 0x40, 0x48));
    p.setColor(QPalette::Midlight, QColor(0x34, 0x39, 0x41));
    p.setColor(QPalette::Mid, QColor(0x28, 0x2c, 0x32));
    p.setColor(QPalette::Dark, QColor(0x18, 0x1b, 0x1f));
    p.setColor(QPalette::Shadow, QColor(0x10, 0x12, 0x15));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x6f, 0x76, 0x80));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x6f, 0x76, 0x80));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x6f, 0x76, 0x80));
    return p;
}

void Theme::apply(bool dark) {
    if (QStyle* fusion = QStyleFactory::create(QStringLiteral("Fusion"))) {
        QApplication::setStyle(fusion);
    }
    const QPalette p = palette(dark);
    QApplication::setPalette(p);
    QToolTip::setPalette(p);
}

} // namespace plexus::app
