#pragma once

#include "plexus/widgets/figures/FigureStyle.h"

#include <QDialog>
#include <QStringList>
#include <utility>
#include <vector>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace plexus::widgets {

/**
 * @brief "Export Figure…": which views, what size, which file.
 *
 * Views are listed with check boxes (one checked: a single-view figure; several: a
 * multi-panel figure with panel letters, in the list's order, which the arrows change). Size
 * presets are a single (85 mm) or double (180 mm) journal column or custom; the resolution
 * applies to PNG, the font size to every axis and legend. The format follows the file's
 * suffix (.png, .svg, .pdf). The dialog only collects the choice; the caller exports.
 */
class ExportDialog : public QDialog {
    Q_OBJECT

public:
    /// A view offered: its id (used in provenance) and the label shown.
    using View = std::pair<QString, QString>;

    ExportDialog(const std::vector<View>& views, const QStringList& checked,
                 QWidget* parent = nullptr);

    /// Ids of the checked views, in list order.
    QStringList selectedViews() const;
    /// Size, resolution and font chosen.
    FigureStyle style() const;
    /// Grid columns of a multi-panel figure.
    int columns() const;
    /// The file chosen (may be empty).
    QString filePath() const;
    void setFilePath(const QString& path);
    /// Why the current choice cannot be exported (empty when it can).
    QString problem() const;

private:
    void applyPreset(int index);
    void moveCurrent(int delta);
    void chooseFile();
    void updateState();

    QListWidget* m_views = nullptr;
    QComboBox* m_preset = nullptr;
    QDoubleSpinBox* m_width = nullptr;
    QDoubleSpinBox* m_height = nullptr;
    QDoubleSpinBox* m_dpi = nullptr;
    QDoubleSpinBox* m_font = nullptr;
    QSpinBox* m_columns = nullptr;
    QCheckBox* m_letters = nullptr;
    QLineEdit* m_file = nullptr;
    QLabel* m_info = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace plexus::widgets
