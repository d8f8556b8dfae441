#include "plexus/widgets/editor/CircuitScene.h"

#include "plexus/widgets/document/Document.h"
#include "plexus/widgets/document/DocumentClipboard.h"
#include "plexus/widgets/document/ElectrodeSpec.h"
#include "plexus/widgets/document/ProjectLayout.h"

#include <QApplication>
#include <QGraphicsPathItem>
#include <QGraphicsSceneDragDropEvent>
#include <QGraphicsSceneMouseEvent>
#include <QLocale>
#include <QMimeData>
#include <QPainter>
#include <algorithm>
#include <cmath>
#include <map>
#include <plexus/core/connectivity/ConnectivityRule.h>
#include <plexus/core/plugin/ModelRegistry.h>
#include <tuple>

namespace plexus::widgets {

namespace {

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

/// The canvas is at least this large, and grows with the circuit.
const QRectF kMinimumSceneRect(-2000, -1500, 4000, 3000);

/// Label of a model, or its name with a note when it is missing.
QString modelLabel(const core::ModelRegistry* registry, const std::string& model) {
    const core::ModelInfo* info = registry ? registry->info(model) : nullptr;
    if (info == nullptr) {
        return QStringLiteral("%1 (missing model)").arg(qs(model));
    }
    return qs(info->label.empty() ? info->name : info->label);
}

QString modelToolTip(const core::ModelRegistry* registry, const std::string& model) {
    const core::ModelInfo* info = registry ? registry->info(model) : nullptr;
    if (info == nullptr) {
        return QStringLiteral("Model \"%1\" is not available: it may come from a plugin that is "
                              "not installed. The element is kept as a placeholder and saved "
                              "back unchanged; the project cannot run until the model is "
                              "available.")
            .arg(qs(model));
    }
    return QStringLiteral("%1 (%2)\n%3").arg(qs(info->label), qs(info->name), qs(info->doc));
}

} // namespace

CircuitScene::CircuitScene(Document* document, QObject* parent)
    : QGraphicsScene(parent)
    , m_document(document)
    , m_theme(CircuitTheme::light()) {
    setItemIndexMethod(QGraphicsScene::NoIndex);
    setSceneRect(kMinimumSceneRect);
    connect(m_document, &Document::projectReset, this, &CircuitScene::rebuild);
    connect(m_document, &Document::nodeAdded, this, &CircuitScene::addNodeItem);
    connect(m_document, &Document::nodeRemoved, this, &CircuitScene::removeNodeItem);
    connect(m_document, &Document::nodeRenamed, this, &CircuitScene::renameNodeItem);
    connect(m_document, &Document::nodeChanged, this, &CircuitScene::refreshNode);
    connect(m_document, &Document::nodeMoved, this, &CircuitScene::moveNodeItem);
    connect(m_document, &Document::projectionAdded, this, &CircuitScene::syncProjection);
    connect(m_document, &Document::projectionChanged, this, &CircuitScene::syncProjection);
    connect(m_document, &Document::projectionRemoved, this, &CircuitScene::removeProjectionItem);
    connect(m_document, &Document::projectionRenamed, this, &CircuitScene::renameProjectionItem);
    connect(m_document, &Document::changed, this, &CircuitScene::updateBends);
    rebuild();
}

CircuitScene::~CircuitScene() {
    // Edges detach from nodes as they go; delete them first so nodes never see dangling edges.
    qDeleteAll(m_links);
    qDeleteAll(m_edges);
    m_links.clear();
    m_edges.clear();
}

QString CircuitScene::paletteMimeType() {
    return QStringLiteral("application/x-plexus-palette-entry");
}

void CircuitScene::rebuild() {
    m_syncing = true;
    clearConnectionHints();
    delete m_pendingEdge;
    m_pendingEdge = nullptr;
    m_connectFrom = nullptr;
    qDeleteAll(m_links);
    qDeleteAll(m_edges);
    qDeleteAll(m_nodes);
    m_links.clear();
    m_edges.clear();
    m_nodes.clear();
    for (const QString& name : m_document->nodeNames()) {
        addNodeItem(name);
    }
    for (const QString& name : m_document->projectionNames()) {
        syncProjection(name);
    }
    updateBends();
    m_syncing = false;
}

NodeItem::Content CircuitScene::contentFor(const QString& name) const {
    NodeItem::Content content;
    const core::ModelRegistry* registry = m_document->registry();
    const QLocale locale = QLocale::c();
    if (const auto* population = m_document->population(name)) {
        content.kind = NodeKind::Population;
        content.subtitle = modelLabel(registry, population->model);
        content.detail = QStringLiteral("N = %1").arg(population->size);
        content.glyph = ProjectLayout::shape(*population);
        content.accent = m_theme.population;
        content.missing = m_document->hasMissingModel(name);
        content.toolTip = QStringLiteral("Population %1: %2 neurons\n%3")
                              .arg(name)
                              .arg(population->size)
                              .arg(modelToolTip(registry, population->model));
    } else if (const auto* stimulus = m_document->stimulus(name)) {
        content.kind = NodeKind::Stimulus;
        content.subtitle = modelLabel(registry, stimulus->model);
        content.missing = m_document->hasMissingModel(name);
        content.hasInput = false;
        if (m_document->isCurrentSource(name)) {
            content.glyph = QStringLiteral("current");
            content.accent = m_theme.currentSource;
            content.detail = stimulus->target.empty()
                                 ? QStringLiteral("not connected")
                                 : QStringLiteral("into %1").arg(qs(stimulus->target));
        } else {
            content.glyph = QStringLiteral("spikes");
            content.accent = m_theme.spikeSource;
            content.detail = QStringLiteral("%1 channels").arg(stimulus->size);
        }
        content.toolTip =
            QStringLiteral("Stimulus %1\n%2").arg(name, modelToolTip(registry, stimulus->model));
    } else if (const auto* recorder = m_document->recorder(name)) {
        content.kind = NodeKind::Recorder;
        const QString type = qs(recorder->type);
        content.subtitle = type == QLatin1String("spikes") ? QStringLiteral("Spike recorder")
                           : type == QLatin1String("rate") ? QStringLiteral("Rate recorder")
                                                           : QStringLiteral("State recorder");
        content.detail = recorder->target.empty()
                             ? QStringLiteral("not connected")
                             : QStringLiteral("of %1").arg(qs(recorder->target));
        if (type == QLatin1String("state") && !recorder->variables.empty()) {
            QStringList variables;
            for (const auto& variable : recorder->variables) {
                variables << qs(variable);
            }
            content.detail += QStringLiteral(": ") + variables.join(QStringLiteral(", "));
        }
        content.glyph = QStringLiteral("recorder-") + type;
        content.accent = m_theme.recorder;
        content.hasOutput = false;
        content.toolTip = QStringLiteral("Recorder %1 (%2)").arg(name, type);
    } else if (const auto electrode = m_document->electrode(name)) {
        content.kind = NodeKind::Electrode;
        content.subtitle = qs(ElectrodeSpec::kindLabel(electrode->type));
        content.detail = QStringLiteral("%1 contact%2%3")
                             .arg(electrode->contacts)
                             .arg(electrode->contacts == 1 ? QString() : QStringLiteral("s"))
                             .arg(electrode->target.empty()
                                      ? QString()
                                      : QStringLiteral(" in %1").arg(qs(electrode->target)));
        content.glyph = QStringLiteral("electrode-") + qs(electrode->type);
        content.accent = m_theme.electrode;
        content.hasOutput = false;
        content.toolTip = QStringLiteral("Electrode %1 (%2)").arg(name, content.subtitle);
    }
    Q_UNUSED(locale);
    return content;
}

EdgeItem::Style CircuitScene::styleFor(const QString& name) const {
    EdgeItem::Style style;
    const core::ProjectionSpec* spec = m_document->projection(name);
    if (spec == nullptr) {
        return style;
    }
    const QString receptor = qs(spec->receptor);
    if (receptor.contains(QLatin1String("inh")) || spec->weight.mean() < 0.0) {
        style.sign = EdgeItem::Sign::Inhibitory;
    } else if (spec->synapse == "gap_junction" || spec->synapse == "rate") {
        style.sign = EdgeItem::Sign::Neutral;
    }
    style.label = qs(core::ConnectivityRule::summary(spec->connectivity));
    if (spec->synapse != "static") {
        const core::ModelInfo* info =
            m_document->registry() ? m_document->registry()->info(spec->synapse) : nullptr;
        style.plastic = true;
        style.plasticity = info != nullptr ? qs(info->label) : qs(spec->synapse);
        if (info != nullptr && info->label.size() > 18) {
            style.plasticity = qs(info->name);
        }
    }
    style.toolTip =
        QStringLiteral("%1: %2 \u2192 %3 (%4)\n%5\nweight %6, delay %7 ms\nsynapse: %8")
            .arg(name, qs(spec->source), qs(spec->target), receptor,
                 qs(core::ConnectivityRule::summary(spec->connectivity)),
                 qs(spec->weight.toString()), qs(spec->delayMs.toString()), qs(spec->synapse));
    return style;
}

void CircuitScene::addNodeItem(const QString& name) {
    if (m_nodes.contains(name)) {
        refreshNode(name);
        return;
    }
    auto* item = new NodeItem(name, &m_theme);
    item->setSnapGrid(m_snap ? gridSize : 0.0);
    item->setContent(contentFor(name));
    item->setPos(m_document->nodePosition(name));
    addItem(item);
    m_nodes.insert(name, item);
    syncLink(name);
}

void CircuitScene::removeNodeItem(const QString& name) {
    NodeItem* item = m_nodes.take(name);
    if (item == nullptr) {
        return;
    }
    if (item == m_connectFrom) {
        m_connectFrom = nullptr;
        delete m_pendingEdge;
        m_pendingEdge = nullptr;
    }
    delete m_links.take(name);
    // Edges into or out of the node go with it (the document removed their projections or
    // cleared the links, and says so separately).
    const QList<EdgeItem*> attached = item->edges();
    for (EdgeItem* edge : attached) {
        if (edge->kind() == EdgeItem::Kind::Projection) {
            m_edges.remove(edge->name());
        } else {
            m_links.remove(edge->name());
        }
        delete edge;
    }
    delete item;
}

void CircuitScene::renameNodeItem(const QString& from, const QString& to) {
    NodeItem* item = m_nodes.take(from);
    if (item == nullptr) {
        addNodeItem(to);
        return;
    }
    item->setName(to);
    m_nodes.insert(to, item);
    if (EdgeItem* link = m_links.take(from)) {
        link->setName(to);
        m_links.insert(to, link);
    }
    refreshNode(to);
}

void CircuitScene::refreshNode(const QString& name) {
    NodeItem* item = m_nodes.value(name);
    if (item == nullptr) {
        addNodeItem(name);
        return;
    }
    item->setContent(contentFor(name));
    syncLink(name);
    // Links of observers that point at this node depend on its existence only.
}

void CircuitScene::moveNodeItem(const QString& name, QPointF position) {
    NodeItem* item = m_nodes.value(name);
    if (item != nullptr && item->pos() != position) {
        item->setPos(position);
    }
}

void CircuitScene::syncLink(const QString& name) {
    QString target;
    if (const auto* recorder = m_document->recorder(name)) {
        target = qs(recorder->target);
    } else if (const auto* stimulus = m_document->stimulus(name)) {
        if (m_document->isCurrentSource(name)) {
            target = qs(stimulus->target);
        }
    } else if (const auto electrode = m_document->electrode(name)) {
        target = qs(electrode->target);
    }
    NodeItem* self = m_nodes.value(name);
    NodeItem* other = target.isEmpty() ? nullptr : m_nodes.value(target);
    EdgeItem* link = m_links.value(name);
    if (self == nullptr || other == nullptr) {
        delete m_links.take(name);
        return;
    }
    // Current sources drive their target; recorders and electrodes observe theirs.
    const bool drives = m_document->stimulus(name) != nullptr;
    NodeItem* from = drives ? self : other;
    NodeItem* to = drives ? other : self;
    if (link == nullptr) {
        link = new EdgeItem(EdgeItem::Kind::Link, name, from, to, &m_theme);
        addItem(link);
        m_links.insert(name, link);
    } else if (link->source() != from || link->target() != to) {
        link->setEndpoints(from, to);
    }
}

void CircuitScene::syncProjection(const QString& name) {
    const core::ProjectionSpec* spec = m_document->projection(name);
    if (spec == nullptr) {
        removeProjectionItem(name);
        return;
    }
    NodeItem* source = m_nodes.value(qs(spec->source));
    NodeItem* target = m_nodes.value(qs(spec->target));
    EdgeItem* edge = m_edges.value(name);
    if (source == nullptr || target == nullptr) {
        // A dangling projection (its node is missing from the file) is not drawn.
        removeProjectionItem(name);
        return;
    }
    if (edge == nullptr) {
        edge = new EdgeItem(EdgeItem::Kind::Projection, name, source, target, &m_theme);
        addItem(edge);
        m_edges.insert(name, edge);
    } else if (edge->source() != source || edge->target() != target) {
        edge->setEndpoints(source, target);
    }
    edge->setStyle(styleFor(name));
}

void CircuitScene::removeProjectionItem(const QString& name) {
    delete m_edges.take(name);
}

void CircuitScene::renameProjectionItem(const QString& from, const QString& to) {
    EdgeItem* edge = m_edges.take(from);
    if (edge == nullptr) {
        syncProjection(to);
        return;
    }
    edge->setName(to);
    m_edges.insert(to, edge);
    syncProjection(to);
}

void CircuitScene::updateBends() {
    // Parallel projections between the same two nodes fan out; loops nest.
    std::map<std::pair<NodeItem*, NodeItem*>, QList<EdgeItem*>> groups;
    for (EdgeItem* edge : std::as_const(m_edges)) {
        NodeItem* a = edge->source();
        NodeItem* b = edge->target();
        groups[{std::min(a, b), std::max(a, b)}].append(edge);
    }
    for (auto& [pair, edges] : groups) {
        std::sort(edges.begin(), edges.end(),
                  [](EdgeItem* x, EdgeItem* y) { return x->name() < y->name(); });
        for (int i = 0; i < edges.size(); ++i) {
            if (pair.first == pair.second) {
                edges[i]->setBend(26.0 * i);
            } else {
                const qreal centre = 0.5 * (edges.size() - 1);
                edges[i]->setBend(edges.size() == 1 ? 0.0 : 36.0 * (i - centre));
            }
        }
    }
    // Room to scroll around the circuit wherever it is.
    setSceneRect(kMinimumSceneRect.united(itemsBoundingRect().adjusted(-1000, -1000, 1000, 1000)));
    // Nodes that are not being dragged follow the document (e.g. after undo of a move).
    for (auto it = m_nodes.cbegin(); it != m_nodes.cend(); ++it) {
        const QPointF position = m_document->nodePosition(it.key());
        if (!m_dragging && it.value()->pos() != position) {
            it.value()->setPos(position);
        }
    }
    // A node that moved may now stand in the way of edges it has nothing to do with.
    for (EdgeItem* edge : std::as_const(m_edges)) {
        edge->updatePath();
    }
    for (EdgeItem* link : std::as_const(m_links)) {
        link->updatePath();
    }
}

QPointF CircuitScene::freeSpot(QPointF near, const QRectF& preferred) const {
    // Cards keep this much room between them (more sideways, where the ports are).
    const QSizeF gap(3 * gridSize, 1.5 * gridSize);
    QList<QRectF> taken;
    for (const NodeItem* node : std::as_const(m_nodes)) {
        taken << node->sceneCardRect().adjusted(-gap.width(), -gap.height(), gap.width(),
                                                gap.height());
    }
    const QPointF centre = QPointF(std::round(near.x() / gridSize) * gridSize,
                                   std::round(near.y() / gridSize) * gridSize);
    auto cardAt = [](QPointF at) {
        return QRectF(at.x() - NodeItem::width / 2, at.y() - NodeItem::height / 2, NodeItem::width,
                      NodeItem::height);
    };
    auto isFree = [&](QPointF at) {
        const QRectF card = cardAt(at);
        return std::none_of(taken.cbegin(), taken.cend(),
                            [&](const QRectF& other) { return other.intersects(card); });
    };
    if (isFree(centre) && (preferred.isNull() || preferred.contains(cardAt(centre)))) {
        return centre;
    }
    // Grid points by distance from the centre, measured in node pitches so that nodes spread
    // as evenly sideways as downwards; spots inside the preferred area come first.
    const QSizeF pitch(NodeItem::width + 2 * gap.width(), NodeItem::height + 2 * gap.height());
    constexpr int kReach = 80; // grid steps in each direction
    struct Candidate {
        bool outside;
        double distance;
        QPointF at;
    };
    std::vector<Candidate> candidates;
    candidates.reserve((2 * kReach + 1) * (2 * kReach + 1));
    for (int i = -kReach; i <= kReach; ++i) {
        for (int j = -kReach; j <= kReach; ++j) {
            const QPointF at = centre + QPointF(i, j) * gridSize;
            const double dx = i * gridSize / pitch.width();
            const double dy = j * gridSize / pitch.height();
            candidates.push_back(
                {!preferred.isNull() && !preferred.contains(cardAt(at)), dx * dx + dy * dy, at});
        }
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& p, const Candidate& q) {
                         return std::tie(p.outside, p.distance) < std::tie(q.outside, q.distance);
                     });
    for (const Candidate& candidate : candidates) {
        if (isFree(candidate.at)) {
            return candidate.at;
        }
    }
    return centre;
}

QStringList CircuitScene::selectedNodes() const {
    QStringList names;
    for (QGraphicsItem* item : selectedItems()) {
        if (item->type() == NodeItem::Type) {
            names << static_cast<NodeItem*>(item)->name();
        }
    }
    names.sort();
    return names;
}

QStringList CircuitScene::selectedProjections() const {
    QStringList names;
    for (QGraphicsItem* item : selectedItems()) {
        if (item->type() == EdgeItem::Type &&
            static_cast<EdgeItem*>(item)->kind() == EdgeItem::Kind::Projection) {
            names << static_cast<EdgeItem*>(item)->name();
        }
    }
    names.sort();
    return names;
}

void CircuitScene::selectElements(const QStringList& nodes, const QStringList& projections) {
    QSignalBlocker blocker(this);
    clearSelection();
    for (const QString& name : nodes) {
        if (NodeItem* item = m_nodes.value(name)) {
            item->setSelected(true);
        }
    }
    for (const QString& name : projections) {
        if (EdgeItem* item = m_edges.value(name)) {
            item->setSelected(true);
        }
    }
    blocker.unblock();
    Q_EMIT selectionChanged();
}

void CircuitScene::setGridSnapping(bool on) {
    m_snap = on;
    for (NodeItem* item : std::as_const(m_nodes)) {
        item->setSnapGrid(on ? gridSize : 0.0);
    }
}

QPointF CircuitScene::snapToGrid(QPointF point) const {
    if (!m_snap) {
        return point;
    }
    return QPointF(std::round(point.x() / gridSize) * gridSize,
                   std::round(point.y() / gridSize) * gridSize);
}

void CircuitScene::setTheme(const CircuitTheme& theme) {
    m_theme = theme;
    for (auto it = m_nodes.cbegin(); it != m_nodes.cend(); ++it) {
        it.value()->setContent(contentFor(it.key()));
    }
    update();
    invalidate(sceneRect(), BackgroundLayer);
    Q_EMIT themeChanged();
}

QString CircuitScene::dropEntry(const QString& entry, QPointF scenePos) {
    // A synapse model dropped on a projection becomes its synapse.
    if (entry.startsWith(QLatin1String("model:"))) {
        const std::string model = entry.mid(6).toStdString();
        const core::ModelInfo* info =
            m_document->registry() ? m_document->registry()->info(model) : nullptr;
        if (info != nullptr && info->kind == core::ModelKind::Synapse) {
            for (QGraphicsItem* item : items(scenePos)) {
                if (item->type() != EdgeItem::Type) {
                    continue;
                }
                auto* edge = static_cast<EdgeItem*>(item);
                if (edge->kind() != EdgeItem::Kind::Projection) {
                    continue;
                }
                core::ProjectionSpec spec = *m_document->projection(edge->name());
                spec.synapse = model;
                spec.synapseParams.clear();
                QString error;
                if (!m_document->updateProjection(
                        edge->name(), spec,
                        tr("Use %1 synapses on %2").arg(qs(info->name), edge->name()), &error)) {
                    Q_EMIT message(error.isEmpty()
                                       ? tr("%1 already uses %2.").arg(edge->name(), qs(info->name))
                                       : error);
                    return {};
                }
                selectElements({}, {edge->name()});
                return edge->name();
            }
        }
    }
    QString error;
    const QString name = m_document->createNode(entry, freeSpot(snapToGrid(scenePos)), &error);
    if (name.isEmpty()) {
        Q_EMIT message(error);
        return {};
    }
    selectElements({name});
    return name;
}

void CircuitScene::deleteSelection() {
    const QStringList nodes = selectedNodes();
    const QStringList projections = selectedProjections();
    if (nodes.isEmpty() && projections.isEmpty()) {
        return;
    }
    core::ProjectEdits::Removal removed;
    if (m_document->removeElements(nodes, projections, &removed)) {
        Q_EMIT message(Document::removalSummary(removed));
    }
}

void CircuitScene::copySelection() {
    const QStringList nodes = selectedNodes();
    if (nodes.isEmpty()) {
        return;
    }
    m_document->clipboard().toClipboard(nodes);
    m_pasteCount = 0;
    Q_EMIT message(tr("Copied %n node(s).", nullptr, static_cast<int>(nodes.size())));
}

void CircuitScene::cutSelection() {
    copySelection();
    deleteSelection();
}

void CircuitScene::pasteClipboard() {
    if (!DocumentClipboard::clipboardHasElements()) {
        Q_EMIT message(tr("The clipboard holds no circuit elements."));
        return;
    }
    ++m_pasteCount;
    const qreal step = 2 * gridSize * m_pasteCount;
    QString error;
    const QStringList created = m_document->clipboard().fromClipboard(QPointF(step, step), &error);
    if (created.isEmpty()) {
        Q_EMIT message(error);
        return;
    }
    QStringList projections;
    for (const QString& name : m_document->projectionNames()) {
        const core::ProjectionSpec* spec = m_document->projection(name);
        if (created.contains(qs(spec->source)) && created.contains(qs(spec->target))) {
            projections << name;
        }
    }
    selectElements(created, projections);
}

void CircuitScene::duplicateSelection() {
    copySelection();
    pasteClipboard();
}

void CircuitScene::selectAllElements() {
    selectElements(m_nodes.keys(), m_edges.keys());
}

void CircuitScene::nudgeSelection(QPointF delta) {
    QHash<QString, QPointF> positions;
    for (const QString& name : selectedNodes()) {
        positions.insert(name, m_document->nodePosition(name) + delta);
    }
    if (!positions.isEmpty()) {
        m_document->moveNodes(positions);
    }
}

NodeItem* CircuitScene::nodeAt(const QPointF& scenePos) const {
    for (QGraphicsItem* item : items(scenePos)) {
        if (item->type() == NodeItem::Type) {
            return static_cast<NodeItem*>(item);
        }
    }
    return nullptr;
}

void CircuitScene::mousePressEvent(QGraphicsSceneMouseEvent* event) {
    if (event->button() == Qt::LeftButton) {
        NodeItem* item = nodeAt(event->scenePos());
        const NodeItem::Port port =
            item != nullptr ? item->portAt(event->scenePos()) : NodeItem::Port::None;
        if (port != NodeItem::Port::None) {
            m_connectFrom = item;
            m_connectBackwards = port == NodeItem::Port::Input;
            delete m_pendingEdge;
            m_pendingEdge = new QGraphicsPathItem;
            QPen pen(m_theme.selection, 2.0, Qt::DashLine);
            m_pendingEdge->setPen(pen);
            m_pendingEdge->setZValue(5.0);
            addItem(m_pendingEdge);
            event->accept();
            return;
        }
        m_dragging = item != nullptr;
    }
    QGraphicsScene::mousePressEvent(event);
}

void CircuitScene::mouseMoveEvent(QGraphicsSceneMouseEvent* event) {
    if (m_connectFrom != nullptr) {
        const QPointF start =
            m_connectBackwards ? m_connectFrom->inputPortPos() : m_connectFrom->outputPortPos();
        const QPointF end = event->scenePos();
        const qreal dx = std::max(40.0, std::abs(end.x() - start.x()) * 0.5);
        const qreal sign = m_connectBackwards ? -1.0 : 1.0;
        QPainterPath path(start);
        path.cubicTo(start + QPointF(sign * dx, 0), end - QPointF(sign * dx, 0), end);
        if (m_pendingEdge != nullptr) {
            m_pendingEdge->setPath(path);
        }
        clearConnectionHints();
        if (NodeItem* target = nodeAt(end)) {
            if (target != m_connectFrom ||
                target->portAt(end) ==
                    (m_connectBackwards ? NodeItem::Port::Output : NodeItem::Port::Input)) {
                const QString source = m_connectBackwards ? target->name() : m_connectFrom->name();
                const QString sink = m_connectBackwards ? m_connectFrom->name() : target->name();
                target->setConnectionHint(true, m_document->canConnect(source, sink));
            }
        }
        event->accept();
        return;
    }
    QGraphicsScene::mouseMoveEvent(event);
    if (m_dragging && (event->buttons() & Qt::LeftButton)) {
        commitDrag();
    }
}

void CircuitScene::commitDrag() {
    QHash<QString, QPointF> positions;
    for (QGraphicsItem* item : selectedItems()) {
        if (item->type() != NodeItem::Type) {
            continue;
        }
        auto* node = static_cast<NodeItem*>(item);
        if (node->pos() != m_document->nodePosition(node->name())) {
            positions.insert(node->name(), node->pos());
        }
    }
    if (!positions.isEmpty()) {
        m_document->moveNodes(positions, m_dragSerial);
    }
}

void CircuitScene::mouseReleaseEvent(QGraphicsSceneMouseEvent* event) {
    if (m_connectFrom != nullptr && event->button() == Qt::LeftButton) {
        finishConnection(event->scenePos());
        event->accept();
        return;
    }
    QGraphicsScene::mouseReleaseEvent(event);
    if (m_dragging && event->button() == Qt::LeftButton) {
        commitDrag();
        m_dragging = false;
        ++m_dragSerial;
    }
}

void CircuitScene::finishConnection(const QPointF& scenePos) {
    NodeItem* from = m_connectFrom;
    const bool backwards = m_connectBackwards;
    m_connectFrom = nullptr;
    delete m_pendingEdge;
    m_pendingEdge = nullptr;
    clearConnectionHints();
    NodeItem* other = nodeAt(scenePos);
    if (from == nullptr || other == nullptr) {
        return;
    }
    // Releasing on the starting node connects it to itself only on its opposite port.
    if (other == from &&
        other->portAt(scenePos) != (backwards ? NodeItem::Port::Output : NodeItem::Port::Input)) {
        return;
    }
    const QString source = backwards ? other->name() : from->name();
    const QString target = backwards ? from->name() : other->name();
    QString error;
    if (!m_document->connectNodes(source, target, &error)) {
        Q_EMIT message(error);
        return;
    }
    const QString created = m_document->lastCreatedProjection();
    if (!created.isEmpty()) {
        selectElements({}, {created});
    } else {
        selectElements({m_document->nodeKind(target) == NodeKind::Population ? source : target});
    }
}

void CircuitScene::clearConnectionHints() {
    for (NodeItem* item : std::as_const(m_nodes)) {
        item->setConnectionHint(false, false);
    }
}

void CircuitScene::dragEnterEvent(QGraphicsSceneDragDropEvent* event) {
    if (event->mimeData()->hasFormat(paletteMimeType())) {
        event->setDropAction(Qt::CopyAction);
        event->accept();
        return;
    }
    QGraphicsScene::dragEnterEvent(event);
}

void CircuitScene::dragMoveEvent(QGraphicsSceneDragDropEvent* event) {
    if (event->mimeData()->hasFormat(paletteMimeType())) {
        event->setDropAction(Qt::CopyAction);
        event->accept();
        return;
    }
    QGraphicsScene::dragMoveEvent(event);
}

void CircuitScene::dropEvent(QGraphicsSceneDragDropEvent* event) {
    if (!event->mimeData()->hasFormat(paletteMimeType())) {
        QGraphicsScene::dropEvent(event);
        return;
    }
    const QString entry = QString::fromUtf8(event->mimeData()->data(paletteMimeType()));
    event->setDropAction(Qt::CopyAction);
    event->accept();
    dropEntry(entry, event->scenePos());
}

void CircuitScene::drawBackground(QPainter* painter, const QRectF& rect) {
    painter->fillRect(rect, m_theme.background);
    const qreal scale = painter->worldTransform().m11();
    if (scale < 0.35) {
        return;
    }
    const qreal left = std::floor(rect.left() / gridSize) * gridSize;
    const qreal top = std::floor(rect.top() / gridSize) * gridSize;
    QVector<QLineF> minor;
    QVector<QLineF> major;
    for (qreal x = left; x < rect.right(); x += gridSize) {
        const bool isMajor = std::fmod(std::abs(std::round(x / gridSize)), 5.0) == 0.0;
        (isMajor ? major : minor).append(QLineF(x, rect.top(), x, rect.bottom()));
    }
    for (qreal y = top; y < rect.bottom(); y += gridSize) {
        const bool isMajor = std::fmod(std::abs(std::round(y / gridSize)), 5.0) == 0.0;
        (isMajor ? major : minor).append(QLineF(rect.left(), y, rect.right(), y));
    }
    painter->setPen(QPen(m_theme.gridMinor, 0));
    painter->drawLines(minor);
    painter->setPen(QPen(m_theme.gridMajor, 0));
    painter->drawLines(major);
}

} // namespace plexus::widgets
