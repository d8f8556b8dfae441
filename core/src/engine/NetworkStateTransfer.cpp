#include "plexus/core/engine/NetworkStateTransfer.h"

#include <algorithm>

namespace plexus::core {

namespace {

void copyPopulation(Population& from, Population& to, std::int64_t step) {
    for (std::size_t v = 0; v < to.info->stateVariables.size(); ++v) {
        const auto source = from.info->stateIndex(to.info->stateVariables[v].key);
        if (!source)
            continue;
        const float* src = from.group->state(*source);
        float* dst = to.group->state(v);
        if (src && dst)
            std::copy(src, src + to.size, dst);
    }
    to.group->carryHiddenState(*from.group);
    // Input already scheduled for future steps (delayed spikes, this step's currents).
    const std::size_t slots = std::min(from.ring.slotCount(), to.ring.slotCount());
    const std::size_t receptors = std::min(from.ring.receptors(), to.ring.receptors());
    for (std::size_t s = 0; s < slots; ++s)
        for (std::size_t r = 0; r < receptors; ++r) {
            const float* src = from.ring.at(step + static_cast<std::int64_t>(s), r);
            std::copy(src, src + to.size, to.ring.at(step + static_cast<std::int64_t>(s), r));
        }
}

bool sameSynapses(const Projection& a, const Projection& b) {
    if (a.matrix.numPartitions() != b.matrix.numPartitions())
        return false;
    for (std::size_t k = 0; k < a.matrix.numPartitions(); ++k) {
        const auto& pa = a.matrix.partition(k);
        const auto& pb = b.matrix.partition(k);
        if (pa.rowStart != pb.rowStart || pa.targets != pb.targets)
            return false;
    }
    return true;
}

} // namespace

NetworkStateTransfer::Report NetworkStateTransfer::transfer(Network& from, Network& to,
                                                            std::int64_t step) {
    Report report;
    for (Population& pop : to.populations) {
        const auto index = from.populationIndex(pop.name);
        if (!index)
            continue;
        Population& old = from.populations[*index];
        if (old.info->name != pop.info->name || old.size != pop.size)
            continue;
        copyPopulation(old, pop, step);
        report.populations.push_back(pop.name);
    }
    for (Projection& proj : to.projections) {
        const auto it = std::find_if(from.projections.begin(), from.projections.end(),
                                     [&](const Projection& p) { return p.name == proj.name; });
        if (it == from.projections.end() ||
            from.populations[it->source].name != to.populations[proj.source].name ||
            from.populations[it->target].name != to.populations[proj.target].name ||
            !sameSynapses(*it, proj))
            continue;
        bool copied = false;
        for (std::size_t k = 0; k < proj.matrix.numPartitions(); ++k) {
            const auto& src = it->matrix.partition(k);
            auto& dst = proj.matrix.partition(k);
            // Only learned values: a static projection whose weights were edited keeps the edit.
            if (it->dynamics && proj.dynamics && src.weights.size() == dst.weights.size()) {
                dst.weights = src.weights;
                copied = true;
            }
            if (it->dynamics && proj.dynamics && src.delays.size() == dst.delays.size() &&
                it->dynamics->maxDelaySteps() > 0) {
                dst.delays = src.delays;
                copied = true;
            }
        }
        if (copied)
            report.projections.push_back(proj.name);
    }
    return report;
}

} // namespace plexus::core
