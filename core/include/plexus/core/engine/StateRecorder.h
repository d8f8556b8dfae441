#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace plexus::core {

/// Samples state variables of chosen neurons every `intervalSteps` steps. Sample r is the state
/// after the update of step sampleSteps[r] - 1, i.e. at time sampleSteps[r] * dt.
struct StateRecorder {
    std::string name;
    std::size_t population = 0;
    std::vector<std::string> variableNames;
    std::vector<std::size_t> variables; ///< state indices of the model
    std::vector<std::int32_t> neurons;
    std::int64_t intervalSteps = 1;
    std::vector<std::int64_t> sampleSteps; ///< time of each sample, in steps
    /// Row per sample: for each variable, for each neuron (variables.size() * neurons.size()).
    std::vector<float> values;
    /// Samples already handed on and removed from the front (a live view drains them): row r of
    /// `values` is sample rowOffset + r, taken at time (rowOffset + r + 1) * intervalSteps.
    std::int64_t rowOffset = 0;
    /// Per slice: columns (index into neurons) owned by that slice.
    std::vector<std::vector<std::size_t>> columns;

    /// Values per row.
    std::size_t rowWidth() const { return variables.size() * neurons.size(); }
    /// Fill `columns` for a population split into slices at `bounds` (slice k owns neurons
    /// [bounds[k], bounds[k+1])).
    void assignColumns(const std::vector<std::size_t>& bounds);
    /// Remove the samples held so far (advancing rowOffset), e.g. after a live view copied them.
    void discardSamples();
};

} // namespace plexus::core
