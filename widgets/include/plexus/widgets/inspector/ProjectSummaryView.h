#pragma once

#include <QWidget>
#include <string>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace plexus::core {
class ModelRegistry;
struct ProjectSpec;
} // namespace plexus::core

namespace plexus::widgets {

/**
 * @brief Read-only overview of a project: its populations, stimuli and projections.
 *
 * A header line shows the project name, description and simulation settings; below it a
 * QTreeWidget lists one section per kind of element. Each row shows the element's name, its
 * model, its size and (for projections and current sources) how it connects.
 *
 * The view copies what it shows, so the ProjectSpec passed to setProject() need not outlive it.
 * When a model registry is set, an element whose model is not registered (for example because
 * its plugin is not installed) is shown as a placeholder: its model text ends in
 * "(missing model)" and its tooltip says why.
 */
class ProjectSummaryView : public QWidget {
    Q_OBJECT

public:
    /// Columns of the tree.
    enum Column : int {
        NameColumn = 0,     ///< Element name (section title for top-level rows).
        ModelColumn,        ///< Neuron, source or synapse model.
        SizeColumn,         ///< Number of neurons (populations) or channels (spike sources).
        ConnectivityColumn, ///< Connectivity rule with its parameters, or a stimulus target.
        DetailsColumn,      ///< Parameters, weights, delays, receptors.
        ColumnCount
    };

    /// The top-level sections of the tree.
    enum class Section : int { Populations = 0, Stimuli, Projections };

    /// Item data role (on column 0 of top-level rows) holding the Section as an int.
    static constexpr int SectionRole = Qt::UserRole + 1;

    /// Creates an empty view.
    explicit ProjectSummaryView(QWidget* parent = nullptr);

    /// Replaces the shown project with @p project.
    void setProject(const core::ProjectSpec& project);

    /**
     * @brief Sets the models known to the application, used to mark elements whose model is
     *        missing. nullptr (the default) marks nothing. The registry must outlive the view;
     *        it applies from the next setProject().
     */
    void setModelRegistry(const core::ModelRegistry* registry);

    /// Suffix appended to the model text of an element whose model is not registered.
    static QString missingModelSuffix();

    /// Removes the shown project and returns to the empty state.
    void clear();

    /// True when no project is shown.
    bool isEmpty() const;

    /// Name of the shown project (empty when none is shown).
    QString projectName() const;

    /// The tree holding the summary; exposed for selection handling and tests.
    QTreeWidget* treeWidget() const;

    /// The top-level row of @p section, or nullptr when no project is shown.
    QTreeWidgetItem* sectionItem(Section section) const;

    /**
     * @brief Finds the row named @p name in @p section.
     * @return The row, or nullptr when the section has no element of that name.
     */
    QTreeWidgetItem* findItem(Section section, const QString& name) const;

Q_SIGNALS:
    /// Emitted when the current row changes; @p item is nullptr when nothing is current.
    void currentItemChanged(QTreeWidgetItem* item);

private:
    QTreeWidgetItem* addSection(Section section, const QString& title, qsizetype count);
    void setModelText(QTreeWidgetItem* item, const std::string& model, bool builtinName) const;
    void showEmptyState();

    QLabel* m_header = nullptr;
    QTreeWidget* m_tree = nullptr;
    QString m_projectName;
    const core::ModelRegistry* m_models = nullptr;
    bool m_empty = true;
};

} // namespace plexus::widgets
