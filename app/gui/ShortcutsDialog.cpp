#include "ShortcutsDialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QScreen>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace plexus::app {

ShortcutsDialog::ShortcutsDialog(const QList<ShortcutList::Entry>& entries,
                                 const QList<QPair<QString, QString>>& gestures, QWidget* parent)
    : QDialog(parent)
    , m_tree(new QTreeWidget(this)) {
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard Shortcuts"));
    m_tree->setObjectName(QStringLiteral("shortcutTree"));
    m_tree->setColumnCount(3);
    m_tree->setHeaderLabels({tr("Action"), tr("Keys"), tr("Works in")});
    m_tree->setRootIsDecorated(false);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::NoSelection);
    QTreeWidgetItem* group = nullptr;
    for (const ShortcutList::Entry& entry : entries) {
        if (group == nullptr || group->text(0) != entry.group) {
            group = new QTreeWidgetItem(m_tree, {entry.group});
            QFont bold = group->font(0);
            bold.setBold(true);
            group->setFont(0, bold);
            group->setFirstColumnSpanned(true);
        }
        new QTreeWidgetItem(group, {entry.action, ShortcutList::keysText(entry.keys), entry.scope});
    }
    if (!gestures.isEmpty()) {
        group = new QTreeWidgetItem(m_tree, {tr("Mouse in the circuit editor")});
        QFont bold = group->font(0);
        bold.setBold(true);
        group->setFont(0, bold);
        group->setFirstColumnSpanned(true);
        for (const auto& [gesture, effect] : gestures) {
            new QTreeWidgetItem(group, {effect, gesture, tr("Circuit editor")});
        }
    }
    m_tree->expandAll();
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_tree);
    layout->addWidget(buttons);
    // Tall enough for most of the list, never taller than the screen.
    const int screenHeight =
        parent != nullptr ? parent->screen()->availableGeometry().height() : 900;
    resize(720, std::min(800, screenHeight * 85 / 100));
}

} // namespace plexus::app
