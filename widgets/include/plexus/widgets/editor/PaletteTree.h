#pragma once

#include <QTreeWidget>

namespace plexus::widgets {

/**
 * @brief The palette's tree: items carry a palette entry (Palette::EntryRole) and drag it as
 *        CircuitScene::paletteMimeType() data.
 */
class PaletteTree : public QTreeWidget {
    Q_OBJECT

public:
    explicit PaletteTree(QWidget* parent = nullptr);

protected:
    /// Drags copy: the palette keeps its entries whatever the drop target answers.
    void startDrag(Qt::DropActions supportedActions) override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QList<QTreeWidgetItem*>& items) const override;
};

} // namespace plexus::widgets
