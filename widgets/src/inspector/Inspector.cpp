#include "plexus/widgets/inspector/Inspector.h"

#include "plexus/widgets/document/Document.h"
#include "plexus/widgets/inspector/ElectrodePage.h"
#include "plexus/widgets/inspector/ParameterForm.h"
#include "plexus/widgets/inspector/PopulationPage.h"
#include "plexus/widgets/inspector/ProjectPage.h"
#include "plexus/widgets/inspector/ProjectionPage.h"
#include "plexus/widgets/inspector/RecorderPage.h"
#include "plexus/widgets/inspector/SelectionSummaryPage.h"
#include "plexus/widgets/inspector/StimulusPage.h"
#include "plexus/widgets/inspector/ValueSpecEditor.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QScrollArea>
#include <QScrollBar>
#include <QTimer>
#include <QVBoxLayout>

namespace plexus::widgets {

Inspector::Inspector(Document* document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_title(new QLabel(this))
    , m_scroll(new QScrollArea(this)) {
    setObjectName(QStringLiteral("inspector"));
    m_title->setObjectName(QStringLiteral("inspectorTitle"));
    m_title->setMargin(8);
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::RichText);
    m_scroll->setWidgetResizable(true);
    // A panel narrower than the form scrolls sideways rather than cutting fields and units off.
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_scroll->setFrameShape(QFrame::NoFrame);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_title);
    layout->addWidget(m_scroll, 1);
    setMinimumWidth(280);

    connect(m_document, &Document::projectReset, this, &Inspector::showProject);
    connect(m_document, &Document::nodeRemoved, this, [this](const QString& name) {
        if (name == m_node) {
            showProject();
        }
    });
    connect(m_document, &Document::projectionRemoved, this, [this](const QString& name) {
        if (name == m_projection) {
            showProject();
        }
    });
    connect(m_document, &Document::nodeRenamed, this,
            [this](const QString& from, const QString& to) {
                if (from == m_node) {
                    m_node = to;
                }
                scheduleRebuild();
            });
    connect(m_document, &Document::projectionRenamed, this,
            [this](const QString& from, const QString& to) {
                if (from == m_projection) {
                    m_projection = to;
                }
                scheduleRebuild();
            });
    for (auto signal : {&Document::nodeChanged, &Document::nodeAdded, &Document::projectionChanged,
                        &Document::projectionAdded}) {
        connect(m_document, signal, this, [this] { scheduleRebuild(); });
    }
    connect(m_document, &Document::projectInfoChanged, this, [this] { scheduleRebuild(); });
    // The project page sums up the protocol, which no other signal covers.
    connect(m_document, &Document::changed, this, [this] {
        const auto* page = qobject_cast<const ProjectPage*>(m_page.data());
        if (page != nullptr && page->protocolChanged()) {
            scheduleRebuild();
        }
    });
    // The project heading names the file of an untitled project (Save As).
    connect(m_document, &Document::filePathChanged, this, [this] {
        if (m_node.isEmpty() && m_projection.isEmpty() && m_summary.isEmpty()) {
            scheduleRebuild();
        }
    });
    showProject();
}

void Inspector::setSelection(const QStringList& nodes, const QStringList& projections) {
    if (nodes.size() == 1 && projections.isEmpty()) {
        showNode(nodes.front());
    } else if (nodes.isEmpty() && projections.size() == 1) {
        showProjection(projections.front());
    } else if (nodes.isEmpty() && projections.isEmpty()) {
        showProject();
    } else {
        m_node.clear();
        m_projection.clear();
        m_summary = nodes;
        m_summary << projections;
        rebuild();
    }
}

void Inspector::showProject() {
    m_node.clear();
    m_projection.clear();
    m_summary.clear();
    rebuild();
}

void Inspector::showNode(const QString& name) {
    m_node = name;
    m_projection.clear();
    m_summary.clear();
    rebuild();
}

void Inspector::showProjection(const QString& name) {
    m_node.clear();
    m_projection = name;
    m_summary.clear();
    rebuild();
}

ParameterForm* Inspector::form() {
    if (m_rebuildPending) {
        rebuild();
    }
    return m_page != nullptr ? m_page->form() : nullptr;
}

QWidget* Inspector::field(const QString& key) {
    ParameterForm* current = form();
    return current != nullptr ? current->field(key) : nullptr;
}

QString Inspector::errorText(const QString& key) {
    ParameterForm* current = form();
    return current != nullptr ? current->error(key) : QString();
}

QString Inspector::title() const {
    return m_title->text();
}

QString Inspector::commitPendingEdits() {
    // The form shown holds what the user typed, even when a rebuild is pending.
    ParameterForm* shown = m_page != nullptr ? m_page->form() : nullptr;
    if (shown == nullptr) {
        return {};
    }
    const QStringList invalid = shown->commitPending();
    if (invalid.isEmpty()) {
        return {};
    }
    const QString key = invalid.front();
    QString element = tr("Project");
    if (!m_projection.isEmpty()) {
        element = tr("Projection %1").arg(m_projection);
    } else if (!m_node.isEmpty()) {
        if (const auto kind = m_document->nodeKind(m_node)) {
            QString kindName = nodeKindName(*kind);
            kindName[0] = kindName[0].toUpper();
            element = QStringLiteral("%1 %2").arg(kindName, m_node);
        }
    }
    if (QWidget* invalidField = shown->field(key)) {
        invalidField->setFocus(Qt::OtherFocusReason);
    }
    QString label = shown->label(key);
    label.remove(QLatin1Char('&'));
    return tr("%1, %2: %3").arg(element, label, shown->error(key));
}

void Inspector::scheduleRebuild() {
    if (m_rebuildPending) {
        return;
    }
    m_rebuildPending = true;
    QTimer::singleShot(0, this, [this] {
        if (m_rebuildPending) {
            rebuild();
        }
    });
}

void Inspector::rebuild() {
    m_rebuildPending = false;
    // Keep the scroll position and the focused field across rebuilds.
    const int scroll = m_scroll->verticalScrollBar()->value();
    ParameterForm* old = m_page != nullptr ? m_page->form() : nullptr;
    QString focusKey;
    if (old != nullptr) {
        for (QWidget* w = QApplication::focusWidget(); w != nullptr; w = w->parentWidget()) {
            if (w->parentWidget() == old) {
                focusKey = w->objectName();
                break;
            }
        }
    }
    if (!m_node.isEmpty() && !m_document->nodeKind(m_node)) {
        m_node.clear();
    }
    if (!m_projection.isEmpty() && m_document->projection(m_projection) == nullptr) {
        m_projection.clear();
    }

    InspectorPage* page = createPage();
    m_title->setText(page->heading());
    QWidget* shown = m_scroll->takeWidget();
    m_scroll->setWidget(page);
    m_page = page;
    if (shown != nullptr) {
        shown->hide();
        shown->deleteLater();
    }
    addSweepMenus(page);
    if (auto* projectPage = qobject_cast<ProjectPage*>(page)) {
        connect(projectPage, &ProjectPage::protocolRequested, this, &Inspector::protocolRequested);
    }
    m_scroll->verticalScrollBar()->setValue(scroll);
    if (!focusKey.isEmpty()) {
        if (QWidget* w = page->form()->field(focusKey)) {
            w->setFocus(Qt::OtherFocusReason);
        }
    }
}

InspectorPage* Inspector::createPage() const {
    if (!m_summary.isEmpty() && m_node.isEmpty() && m_projection.isEmpty()) {
        return new SelectionSummaryPage(m_document, m_summary);
    }
    if (!m_projection.isEmpty()) {
        return new ProjectionPage(m_document, m_projection);
    }
    if (!m_node.isEmpty()) {
        switch (*m_document->nodeKind(m_node)) {
        case NodeKind::Population:
            return new PopulationPage(m_document, m_node);
        case NodeKind::Stimulus:
            return new StimulusPage(m_document, m_node);
        case NodeKind::Recorder:
            return new RecorderPage(m_document, m_node);
        case NodeKind::Electrode:
            return new ElectrodePage(m_document, m_node, m_surface);
        }
    }
    return new ProjectPage(m_document);
}

void Inspector::setElectrodeSurface(std::shared_ptr<const geometry::SurfaceMesh> pial) {
    m_surface = std::move(pial);
    if (!m_node.isEmpty() && m_document->electrode(m_node)) {
        scheduleRebuild();
    }
}

std::optional<SweepTarget> Inspector::sweepTarget(const QString& key) {
    ParameterForm* shown = form();
    if (shown == nullptr) {
        return std::nullopt;
    }
    SweepTarget target;
    target.path = SweepTarget::pathOf(*m_document, m_node, m_projection, key);
    if (target.path.isEmpty()) {
        return std::nullopt;
    }
    QWidget* editor = shown->field(key);
    auto* edit = qobject_cast<QLineEdit*>(editor);
    if (auto* value = qobject_cast<ValueSpecEditor*>(editor)) {
        // Only a constant can be swept: a distribution is not one number.
        if (value->kindBox()->currentData().toString() != QLatin1String("constant")) {
            return std::nullopt;
        }
        edit = value->firstField();
    }
    if (edit == nullptr) {
        return std::nullopt;
    }
    bool ok = false;
    target.value = QLocale::c().toDouble(edit->text().trimmed(), &ok);
    if (!ok) {
        return std::nullopt;
    }
    target.label = shown->label(key).remove(QLatin1Char('&'));
    if (const auto number = shown->number(key)) {
        target.unit = number->unit;
        target.minValue = number->minValue;
        target.maxValue = number->maxValue;
        target.integer = number->integer;
    }
    return target;
}

void Inspector::addSweepMenus(InspectorPage* page) {
    ParameterForm* shown = page->form();
    for (const QString& key : shown->keys()) {
        if (SweepTarget::pathOf(*m_document, m_node, m_projection, key).isEmpty()) {
            continue;
        }
        QWidget* editor = shown->field(key);
        QLineEdit* edit = qobject_cast<QLineEdit*>(editor);
        if (auto* value = qobject_cast<ValueSpecEditor*>(editor)) {
            edit = value->firstField();
        }
        if (edit == nullptr) {
            continue;
        }
        edit->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(edit, &QWidget::customContextMenuRequested, this, [this, edit, key](QPoint at) {
            QMenu* menu = edit->createStandardContextMenu();
            menu->setObjectName(QStringLiteral("fieldMenu"));
            menu->addSeparator();
            QAction* sweep = menu->addAction(tr("Sweep this parameter…"));
            sweep->setObjectName(QStringLiteral("sweepAction"));
            const std::optional<SweepTarget> target = sweepTarget(key);
            sweep->setEnabled(target.has_value());
            if (target) {
                sweep->setToolTip(target->path);
                connect(sweep, &QAction::triggered, this,
                        [this, target] { Q_EMIT sweepRequested(*target); });
            }
            menu->setAttribute(Qt::WA_DeleteOnClose);
            menu->popup(edit->mapToGlobal(at));
        });
    }
}

} // namespace plexus::widgets
