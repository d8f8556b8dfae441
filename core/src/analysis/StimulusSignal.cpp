#include "plexus/analysis/StimulusSignal.h"

#include "plexus/core/base/Error.h"
#include "plexus/core/model/TimeSeriesSignal.h"

#include <map>
#include <string>

namespace plexus::analysis {

core::InputSignal StimulusSignal::period(const core::StimulusSpec& spec,
                                         const std::filesystem::path& projectFile) {
    const std::string where = "stimulus \"" + spec.name + "\"";
    if (spec.model != "time_series")
        throw core::Error(where + ": model \"" + spec.model +
                          "\" is not a time series (time_series)");
    try {
        const double stepMs = core::TimeSeriesSignal::parameter(spec.params, "step_ms");
        return core::TimeSeriesSignal::period(
            spec.params,
            core::TimeSeriesSignal::given(spec.extra.is_null() ? std::string() : spec.extra.dump(),
                                          projectFile, stepMs));
    } catch (const core::Error& e) {
        throw core::Error(where + ": " + e.what());
    }
}

core::InputSignal StimulusSignal::overRun(const core::StimulusSpec& spec, double durationMs,
                                          const std::filesystem::path& projectFile) {
    return core::TimeSeriesSignal::overRun(period(spec, projectFile), durationMs);
}

} // namespace plexus::analysis
