#pragma once

#include "plexus/core/model/InputSignal.h"
#include "plexus/core/model/ParameterDescriptor.h"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace plexus::core {

/// The signal u(t) of a rate-coded time-series stimulus, described by numbers only: which
/// generator (`signal`), its range, frequencies, sampling step, length and seed. The generators
/// are InputSignal's, so the readout side rebuilds exactly the u(t) that drove the network.
///
/// The signal is one period of `length_ms` (generated) or the given values (`signal` = 4); it
/// starts at t = 0 and repeats with that period for as long as the run lasts.
class TimeSeriesSignal {
public:
    /// The generators, in the order of the `signal` parameter's values.
    enum class Kind { Uniform = 0, Narma = 1, Sine = 2, Chirp = 3, Values = 4 };

    /// The descriptors of the signal parameters (`signal`, `low`, `high`, `frequency_hz`,
    /// `f0_hz`, `f1_hz`, `step_ms`, `length_ms`, `signal_seed`) with their defaults and docs;
    /// a model that plays a time series lists them among its parameters.
    static std::vector<ParameterDescriptor> parameters();

    /// The value of signal parameter `key` in `params`, or its default when missing; throws
    /// Error for a key that is not a signal parameter.
    static double parameter(const std::map<std::string, double>& params, const std::string& key);

    /// The generator named by `params` ("signal"); throws Error when the value is not one of
    /// the kinds.
    static Kind kind(const std::map<std::string, double>& params);

    /// One period of the signal for parameter values `params` (keys of parameters(); a missing
    /// key takes its default, other keys are ignored). Kind::Values returns `given` (the values
    /// of the stimulus, inline or from a CSV file) and throws Error naming the stimulus' members
    /// when it is empty.
    static InputSignal period(const std::map<std::string, double>& params,
                              const InputSignal& given = {});

    /// The values a stimulus gives for `signal` = 4, from its JSON members `extraJson` (the
    /// text of a JSON object, or empty): "values"
    /// (a list of numbers, one per `stepMs` from t = 0) or "signal_file" (a CSV file
    /// `time_ms,value` with an even step, relative to the folder of `projectFile`). Empty when
    /// neither is given. Throws Error naming the member (or the file and line).
    static InputSignal given(const std::string& extraJson, const std::filesystem::path& projectFile,
                             double stepMs);

    /// The value of the periodic signal at time `tMs` (sample floor((t - startMs) / stepMs)
    /// modulo the number of samples). `signal` must not be empty.
    static double valueAt(const InputSignal& signal, double tMs);

    /// The periodic signal sampled at its own step over [0, durationMs): what a readout needs
    /// for a run of that length.
    static InputSignal overRun(const InputSignal& signal, double durationMs);
};

} // namespace plexus::core
