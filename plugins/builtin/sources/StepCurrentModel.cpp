#include "StepCurrentModel.h"

#include "StepCurrentSource.h"
#include "plexus/core/base/Error.h"

#include <cmath>
#include <limits>

namespace plexus::plugins {

StepCurrentModel::StepCurrentModel(bool withWindow)
    : m_withWindow(withWindow) {
    m_info.name = withWindow ? "step_current" : "dc_current";
    m_info.label = withWindow ? "Current step" : "DC current";
    m_info.kind = core::ModelKind::CurrentSource;
    m_info.category = "Stimuli";
    m_info.tags = {"current injection", "DC", "step", "stimulus"};
    m_info.doc = withWindow ? "Injects a constant current between start and stop."
                            : "Injects a constant current for the whole run.";
    m_info.parameters = {
        {"amplitude_pa", "Amplitude", "pA", 100.0, -1e6, 1e6, "Injected current."}};
    if (withWindow) {
        m_info.parameters.push_back({"start_ms", "Start", "ms", 0.0, 0.0, 1e12, "Onset time."});
        m_info.parameters.push_back(
            {"stop_ms", "Stop", "ms", 1e12, 0.0, 1e12, "Offset time (exclusive)."});
    }
}

std::unique_ptr<core::CurrentSource>
StepCurrentModel::createSource(const core::GroupSetup& setup) const {
    const double amplitude = setup.params->get("amplitude_pa");
    std::int64_t start = 0;
    std::int64_t stop = std::numeric_limits<std::int64_t>::max();
    if (m_withWindow) {
        const double startMs = setup.params->get("start_ms");
        const double stopMs = setup.params->get("stop_ms");
        if (stopMs < startMs)
            throw core::Error("params.stop_ms: must not precede start_ms");
        start = std::llround(startMs / setup.dtMs);
        stop = std::llround(std::min(stopMs / setup.dtMs, 9e18));
    }
    return std::make_unique<StepCurrentSource>(amplitude, start, stop);
}

} // namespace plexus::plugins
