#pragma once

#include "plexus/core/model/InputSignal.h"
#include "plexus/core/project/StimulusSpec.h"

#include <filesystem>

namespace plexus::analysis {

/// The input u(t) a `time_series` stimulus of a project plays, rebuilt from its description
/// with the same code as the stimulus model (core::TimeSeriesSignal), so a readout is trained
/// on exactly the signal that drove the run.
class StimulusSignal {
public:
    /// One period of the stimulus' u(t): generated from its parameters, or its "values" /
    /// "signal_file" members for `signal` = 4 (a relative file is looked up beside
    /// `projectFile`). Throws core::Error naming the stimulus (and the file and line of a bad
    /// CSV row) when the stimulus is not a time series or its signal is malformed.
    static core::InputSignal period(const core::StimulusSpec& spec,
                                    const std::filesystem::path& projectFile);
    /// The stimulus' u(t) sampled at its step over a run of `durationMs` (the signal repeats
    /// with its period).
    static core::InputSignal overRun(const core::StimulusSpec& spec, double durationMs,
                                     const std::filesystem::path& projectFile);
};

} // namespace plexus::analysis
