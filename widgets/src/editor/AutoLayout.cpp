#include "plexus/widgets/editor/AutoLayout.h"

#include "plexus/widgets/document/ElectrodeSpec.h"

#include <QList>
#include <QMap>
#include <QSet>
#include <algorithm>
#include <plexus/core/project/ProjectSpec.h>

namespace plexus::widgets {

QHash<QString, QPointF> AutoLayout::compute(const core::ProjectSpec& project) {
    // Successors: projections and current sources (which drive their target).
    QMultiHash<QString, QString> successors;
    for (const auto& projection : project.projections) {
        successors.insert(QString::fromStdString(projection.source),
                          QString::fromStdString(projection.target));
    }
    for (const auto& stimulus : project.stimuli) {
        if (!stimulus.target.empty()) {
            successors.insert(QString::fromStdString(stimulus.name),
                              QString::fromStdString(stimulus.target));
        }
    }
    QSet<QString> populations;
    for (const auto& population : project.populations) {
        populations.insert(QString::fromStdString(population.name));
    }

    // Columns: breadth-first from the stimuli, then from each population nothing reached yet.
    QHash<QString, int> column;
    QList<QString> queue;
    auto spread = [&] {
        while (!queue.isEmpty()) {
            const QString node = queue.takeFirst();
            const QList<QString> next = successors.values(node);
            for (auto it = next.crbegin(); it != next.crend(); ++it) {
                if (populations.contains(*it) && !column.contains(*it)) {
                    column.insert(*it, column.value(node) + 1);
                    queue << *it;
                }
            }
        }
    };
    for (const auto& stimulus : project.stimuli) {
        const QString name = QString::fromStdString(stimulus.name);
        column.insert(name, 0);
        queue << name;
    }
    spread();
    const int firstPopulationColumn = project.stimuli.empty() ? 0 : 1;
    for (const auto& population : project.populations) {
        const QString name = QString::fromStdString(population.name);
        if (!column.contains(name)) {
            column.insert(name, firstPopulationColumn);
            queue << name;
            spread();
        }
    }

    // Observers (recorders, electrodes) sit below the node they observe.
    QMultiHash<QString, QString> observers;
    QStringList unattached;
    auto addObserver = [&](const std::string& name, const std::string& target) {
        const QString key = QString::fromStdString(target);
        if (column.contains(key)) {
            observers.insert(key, QString::fromStdString(name));
        } else {
            unattached << QString::fromStdString(name);
        }
    };
    for (const auto& recorder : project.recorders) {
        addObserver(recorder.name, recorder.target);
    }
    for (const auto& electrode : project.electrodes) {
        addObserver(electrode.name, electrode.target);
    }

    // Stack each column: a node, then its observers; centre the column on y = 0.
    QMap<int, QStringList> nodes;
    for (const auto& stimulus : project.stimuli) {
        nodes[0] << QString::fromStdString(stimulus.name);
    }
    int lastColumn = 0;
    for (const auto& population : project.populations) {
        const QString name = QString::fromStdString(population.name);
        nodes[column.value(name)] << name;
        lastColumn = std::max(lastColumn, column.value(name));
    }
    QHash<QString, QPointF> out;
    const double observerSpacing = rowSpacing + 10.0;
    for (auto it = nodes.cbegin(); it != nodes.cend(); ++it) {
        struct Slot {
            QString name;
            double y = 0.0;
        };
        std::vector<Slot> slots;
        double y = 0.0;
        for (const QString& name : it.value()) {
            if (!slots.empty()) {
                y += rowSpacing;
            }
            slots.push_back({name, y});
            QList<QString> watching = observers.values(name);
            std::reverse(watching.begin(), watching.end()); // insertion order
            for (const QString& observer : watching) {
                y += observerSpacing;
                slots.push_back({observer, y});
            }
        }
        for (const Slot& slot : slots) {
            out.insert(slot.name, QPointF(columnSpacing * it.key(), slot.y - 0.5 * y));
        }
    }
    const int freeColumn = out.isEmpty() ? 0 : lastColumn + 1;
    const double top = -0.5 * rowSpacing * static_cast<double>(unattached.size() - 1);
    for (int row = 0; row < unattached.size(); ++row) {
        out.insert(unattached[row], QPointF(columnSpacing * freeColumn, top + rowSpacing * row));
    }
    return out;
}

} // namespace plexus::widgets
