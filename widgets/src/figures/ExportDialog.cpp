#include "plexus/widgets/figures/ExportDialog.h"

#include "plexus/widgets/figures/FigureComposer.h"
#include "plexus/widgets/plots/CountText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace plexus::widgets {

namespace {
enum Preset { SingleColumn, DoubleColumn, Custom };
constexpr int kIdRole = Qt::UserRole;
} // namespace

ExportDialog::ExportDialog(const std::vector<View>& views, const QStringList& checked,
                           QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Export Figure"));
    setObjectName(QStringLiteral("exportDialog"));

    m_views = new QListWidget;
    m_views->setObjectName(QStringLiteral("exportViews"));
    for (const auto& [id, label] : views) {
        auto* item = new QListWidgetItem(label, m_views);
        item->setData(kIdRole, id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(checked.contains(id) ? Qt::Checked : Qt::Unchecked);
    }
    auto* up = new QToolButton;
    up->setArrowType(Qt::UpArrow);
    up->setToolTip(tr("Move the view up (earlier panel letter)"));
    auto* down = new QToolButton;
    down->setArrowType(Qt::DownArrow);
    down->setToolTip(tr("Move the view down"));
    auto* order = new QVBoxLayout;
    order->addWidget(up);
    order->addWidget(down);
    order->addStretch();
    auto* viewRow = new QHBoxLayout;
    viewRow->addWidget(m_views, 1);
    viewRow->addLayout(order);

    m_preset = new QComboBox;
    m_preset->addItem(tr("Single column (85 mm)"));
    m_preset->addItem(tr("Double column (180 mm)"));
    m_preset->addItem(tr("Custom"));
    auto spin = [](double lo, double hi, double value, const QString& suffix, int decimals) {
        auto* box = new QDoubleSpinBox;
        box->setRange(lo, hi);
        box->setDecimals(decimals);
        box->setValue(value);
        box->setSuffix(suffix);
        return box;
    };
    const FigureStyle single = FigureStyle::singleColumn();
    m_width = spin(10.0, 1000.0, single.widthMm, tr(" mm"), 1);
    m_height = spin(10.0, 1000.0, single.heightMm, tr(" mm"), 1);
    m_dpi = spin(36.0, 2400.0, single.dpi, tr(" dpi"), 0);
    m_font = spin(4.0, 48.0, single.fontPt, tr(" pt"), 1);
    m_columns = new QSpinBox;
    m_columns->setRange(1, 6);
    m_columns->setValue(2);
    m_letters = new QCheckBox(tr("Panel letters (A, B, C…)"));
    m_letters->setChecked(true);
    m_file = new QLineEdit;
    m_file->setObjectName(QStringLiteral("exportFile"));
    m_file->setPlaceholderText(tr("figure.svg, figure.pdf or figure.png"));
    auto* browse = new QPushButton(tr("Browse…"));
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);

    auto* form = new QFormLayout;
    form->addRow(tr("Size"), m_preset);
    form->addRow(tr("Width"), m_width);
    form->addRow(tr("Height"), m_height);
    form->addRow(tr("Resolution (PNG)"), m_dpi);
    form->addRow(tr("Font size"), m_font);
    form->addRow(tr("Columns"), m_columns);
    form->addRow(QString(), m_letters);
    form->addRow(tr("File"), fileRow);

    m_info = new QLabel;
    m_info->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Views (several make a multi-panel figure):")));
    layout->addLayout(viewRow, 1);
    layout->addLayout(form);
    layout->addWidget(m_info);
    layout->addWidget(m_buttons);

    connect(m_preset, &QComboBox::currentIndexChanged, this, &ExportDialog::applyPreset);
    for (QDoubleSpinBox* box : {m_width, m_height}) {
        connect(box, &QDoubleSpinBox::valueChanged, this, [this] {
            if (m_preset->currentIndex() != Custom && !m_preset->signalsBlocked()) {
                const FigureStyle preset = m_preset->currentIndex() == SingleColumn
                                               ? FigureStyle::singleColumn()
                                               : FigureStyle::doubleColumn();
                if (m_width->value() != preset.widthMm || m_height->value() != preset.heightMm) {
                    m_preset->blockSignals(true);
                    m_preset->setCurrentIndex(Custom);
                    m_preset->blockSignals(false);
                }
            }
            updateState();
        });
    }
    for (QDoubleSpinBox* box : {m_dpi, m_font}) {
        connect(box, &QDoubleSpinBox::valueChanged, this, &ExportDialog::updateState);
    }
    connect(m_columns, &QSpinBox::valueChanged, this, &ExportDialog::updateState);
    connect(m_views, &QListWidget::itemChanged, this, &ExportDialog::updateState);
    connect(m_file, &QLineEdit::textChanged, this, &ExportDialog::updateState);
    connect(up, &QToolButton::clicked, this, [this] { moveCurrent(-1); });
    connect(down, &QToolButton::clicked, this, [this] { moveCurrent(1); });
    connect(browse, &QPushButton::clicked, this, &ExportDialog::chooseFile);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateState();
}

QStringList ExportDialog::selectedViews() const {
    QStringList ids;
    for (int i = 0; i < m_views->count(); ++i) {
        if (m_views->item(i)->checkState() == Qt::Checked) {
            ids << m_views->item(i)->data(kIdRole).toString();
        }
    }
    return ids;
}

FigureStyle ExportDialog::style() const {
    FigureStyle style;
    style.widthMm = m_width->value();
    style.heightMm = m_height->value();
    style.dpi = m_dpi->value();
    style.fontPt = m_font->value();
    style.panelLetters = m_letters->isChecked();
    return style;
}

int ExportDialog::columns() const {
    return m_columns->value();
}

QString ExportDialog::filePath() const {
    return m_file->text().trimmed();
}

void ExportDialog::setFilePath(const QString& path) {
    m_file->setText(path);
}

QString ExportDialog::problem() const {
    if (selectedViews().isEmpty()) {
        return tr("Check at least one view.");
    }
    if (const QString problem = style().validate(); !problem.isEmpty()) {
        return problem;
    }
    if (const QString problem = FigureComposer::sizeProblem(
            static_cast<int>(selectedViews().size()), columns(), style());
        !problem.isEmpty()) {
        return problem.left(1).toUpper() + problem.mid(1) + QLatin1Char('.');
    }
    FigureFormat format{};
    if (filePath().isEmpty()) {
        return tr("Choose a file.");
    }
    if (!figureFormatFromSuffix(QFileInfo(filePath()).suffix(), format)) {
        return tr("The file must end in .png, .svg or .pdf.");
    }
    return {};
}

void ExportDialog::applyPreset(int index) {
    if (index == Custom) {
        return;
    }
    const FigureStyle preset =
        index == SingleColumn ? FigureStyle::singleColumn() : FigureStyle::doubleColumn();
    m_preset->blockSignals(true);
    m_width->setValue(preset.widthMm);
    m_height->setValue(preset.heightMm);
    m_preset->blockSignals(false);
    updateState();
}

void ExportDialog::moveCurrent(int delta) {
    const int row = m_views->currentRow();
    const int target = row + delta;
    if (row < 0 || target < 0 || target >= m_views->count()) {
        return;
    }
    QListWidgetItem* item = m_views->takeItem(row);
    m_views->insertItem(target, item);
    m_views->setCurrentRow(target);
    updateState();
}

void ExportDialog::chooseFile() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Figure"), filePath(),
        tr("Vector figure (*.svg *.pdf);;PNG image (*.png);;All files (*)"));
    if (!path.isEmpty()) {
        m_file->setText(path);
    }
}

void ExportDialog::updateState() {
    const QString why = problem();
    const FigureStyle s = style();
    const int panels = static_cast<int>(selectedViews().size());
    m_columns->setEnabled(panels > 1);
    m_letters->setEnabled(panels > 1);
    m_info->setText(why.isEmpty() ? tr("%1, %2 x %3 mm (PNG: %4 x %5 pixels).")
                                        .arg(countText(panels, tr("panel"), tr("panels")))
                                        .arg(s.widthMm)
                                        .arg(s.heightMm)
                                        .arg(s.widthPx())
                                        .arg(s.heightPx())
                                  : why);
    for (QAbstractButton* button : m_buttons->buttons()) {
        if (m_buttons->buttonRole(button) == QDialogButtonBox::AcceptRole) {
            button->setEnabled(why.isEmpty());
        }
    }
}

} // namespace plexus::widgets
