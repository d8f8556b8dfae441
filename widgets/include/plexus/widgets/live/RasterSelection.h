#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

namespace plexus::widgets {

/**
 * @brief A selection made in the spike raster: a time window and, optionally, a range of
 *        neurons of one population.
 *
 * Plain data. RasterPlot emits it when the user shift-drags; AnalysisPanel::setSelection()
 * highlights the states of the trajectories inside the time window and can restrict the
 * analysis to the selected neurons.
 */
struct RasterSelection {
    double startMs = 0.0; ///< start of the time window (ms)
    double endMs = 0.0;   ///< end of the time window (ms); not after startMs: no selection
    /// The population whose neurons are selected; none: the time window only (all neurons of
    /// all populations).
    std::optional<std::size_t> population;
    std::int32_t firstNeuron = 0; ///< first selected neuron of population (inclusive)
    std::int32_t lastNeuron = -1; ///< last selected neuron of population (inclusive)

    /// True when nothing is selected (the time window is empty).
    bool isEmpty() const { return !(endMs > startMs); }
    /// True when a neuron range of one population is selected.
    bool hasNeurons() const { return population.has_value() && lastNeuron >= firstNeuron; }
    /// Number of selected neurons (0 without a neuron range).
    std::int32_t neuronCount() const { return hasNeurons() ? lastNeuron - firstNeuron + 1 : 0; }
    /// True when @p timeMs lies in [startMs, endMs].
    bool containsTime(double timeMs) const { return timeMs >= startMs && timeMs <= endMs; }

    bool operator==(const RasterSelection&) const = default;
};

} // namespace plexus::widgets
