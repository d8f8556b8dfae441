#include "plexus/widgets/editor/PaletteTree.h"

#include "plexus/widgets/editor/CircuitScene.h"
#include "plexus/widgets/editor/Palette.h"

#include <QMimeData>

namespace plexus::widgets {

PaletteTree::PaletteTree(QWidget* parent)
    : QTreeWidget(parent) {
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setDefaultDropAction(Qt::CopyAction);
}

void PaletteTree::startDrag(Qt::DropActions supportedActions) {
    Q_UNUSED(supportedActions);
    QTreeWidget::startDrag(Qt::CopyAction);
}

QStringList PaletteTree::mimeTypes() const {
    return {CircuitScene::paletteMimeType()};
}

QMimeData* PaletteTree::mimeData(const QList<QTreeWidgetItem*>& items) const {
    for (QTreeWidgetItem* item : items) {
        const QString entry = item->data(0, Palette::EntryRole).toString();
        if (!entry.isEmpty()) {
            return Palette::mimeDataFor(entry);
        }
    }
    return nullptr;
}

} // namespace plexus::widgets
