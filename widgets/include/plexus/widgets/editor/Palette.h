#pragma once

#include <QString>
#include <QWidget>

class QLineEdit;
class QMimeData;
class QTreeWidget;
class QTreeWidgetItem;

namespace plexus::core {
class ModelRegistry;
} // namespace plexus::core

namespace plexus::widgets {

class PaletteTree;

/**
 * @brief Everything that can be placed in a circuit, grouped by category, with a search field.
 *
 * Lists every model of the registry under its category (neurons, stimuli, synapses and
 * plasticity rules), plus recorders and electrodes. Dragging an entry onto the circuit view
 * creates a node (synapse models are dropped on projections); double-clicking or pressing Enter
 * emits entryActivated(). The search matches names, labels, categories and descriptions.
 */
class Palette : public QWidget {
    Q_OBJECT

public:
    /// Item data role holding the entry ("model:lif_cuba", "recorder:spikes", ...).
    static constexpr int EntryRole = Qt::UserRole + 10;

    /// A palette of the models of @p registry (may be nullptr: recorders and electrodes only).
    explicit Palette(const core::ModelRegistry* registry, QWidget* parent = nullptr);

    /// Lists the models of @p registry (which must outlive the palette).
    void setRegistry(const core::ModelRegistry* registry);
    /// Shows only entries matching @p text (case-insensitive); empty shows everything.
    void setFilter(const QString& text);
    /// The search field.
    QLineEdit* searchField() const;
    /// The tree of entries.
    QTreeWidget* tree() const;
    /// The item of @p entry, or nullptr.
    QTreeWidgetItem* findEntry(const QString& entry) const;
    /// Entries currently shown (not filtered out).
    QStringList visibleEntries() const;
    /// Drag data for @p entry, as a drag from the palette carries it.
    static QMimeData* mimeDataFor(const QString& entry);

Q_SIGNALS:
    /// An entry was double-clicked or activated with Enter.
    void entryActivated(const QString& entry);

private:
    void rebuild();

    const core::ModelRegistry* m_registry;
    QLineEdit* m_search;
    PaletteTree* m_tree;
};

} // namespace plexus::widgets
