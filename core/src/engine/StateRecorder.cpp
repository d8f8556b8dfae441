#include "plexus/core/engine/StateRecorder.h"

namespace plexus::core {

void StateRecorder::assignColumns(const std::vector<std::size_t>& bounds) {
    const std::size_t parts = bounds.empty() ? 0 : bounds.size() - 1;
    columns.assign(parts, {});
    for (std::size_t c = 0; c < neurons.size(); ++c) {
        std::size_t k = 0;
        while (k + 1 < parts && static_cast<std::size_t>(neurons[c]) >= bounds[k + 1])
            ++k;
        columns[k].push_back(c);
    }
}

void StateRecorder::discardSamples() {
    rowOffset += static_cast<std::int64_t>(sampleSteps.size());
    sampleSteps.clear();
    values.clear();
}

} // namespace plexus::core
