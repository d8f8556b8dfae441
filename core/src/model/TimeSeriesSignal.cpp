#include "plexus/core/model/TimeSeriesSignal.h"

#include "plexus/core/base/Error.h"

#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>

namespace plexus::core {

namespace {
/// Longest generated period, in samples (80 MB).
constexpr double kMaxSamples = 1e7;
} // namespace

double TimeSeriesSignal::parameter(const std::map<std::string, double>& params,
                                   const std::string& key) {
    const auto it = params.find(key);
    if (it != params.end())
        return it->second;
    for (const auto& d : TimeSeriesSignal::parameters())
        if (d.key == key)
            return d.defaultValue;
    throw Error("time series: unknown signal parameter \"" + key + "\"");
}

std::vector<ParameterDescriptor> TimeSeriesSignal::parameters() {
    return {
        {"signal", "Signal u(t): 0 uniform, 1 NARMA-10, 2 sine, 3 chirp, 4 values", "", 0.0, 0.0,
         4.0,
         "Which u(t) drives the rates, a number: 0 = uniform random on [low, high) per step "
         "(memory capacity, Jaeger 2001), 1 = NARMA-10 input, uniform on [0, 0.5) (Atiya & "
         "Parlos 2000), 2 = sine at frequency_hz, 3 = linear chirp from f0_hz to f1_hz over "
         "length_ms, 4 = the stimulus' own values (member \"values\" or CSV \"signal_file\")."},
        {"low", "Uniform low", "", 0.0, -1e6, 1e6, "Lower bound of the uniform signal (0)."},
        {"high", "Uniform high", "", 1.0, -1e6, 1e6,
         "Upper bound of the uniform signal (0); must exceed low."},
        {"frequency_hz", "Sine frequency", "Hz", 5.0, 0.0, 1e4,
         "Frequency of the sine (2): u(t) = sin(2 pi f t)."},
        {"f0_hz", "Chirp start frequency", "Hz", 1.0, 0.0, 1e4,
         "Frequency of the chirp (3) at the start of each period."},
        {"f1_hz", "Chirp end frequency", "Hz", 20.0, 0.0, 1e4,
         "Frequency of the chirp (3) at the end of each period (length_ms)."},
        {"step_ms", "Sample step", "ms", 10.0, 0.01, 1e6,
         "u(t) is held for one step: the sampling step of the generated signal and of the "
         "inline values (a CSV file brings its own step)."},
        {"length_ms", "Signal length", "ms", 10000.0, 0.01, 1e9,
         "Length of one period of the generated signal; it repeats afterwards."},
        {"signal_seed", "Signal seed", "", 1.0, 0.0, 9.007199254740992e15,
         "Seed of the uniform and NARMA-10 signals: the same seed gives the same u(t) in every "
         "run and condition, and the readout rebuilds it from the project."},
    };
}

TimeSeriesSignal::Kind TimeSeriesSignal::kind(const std::map<std::string, double>& params) {
    const double k = parameter(params, "signal");
    if (!(k >= 0.0 && k <= 4.0) || k != std::floor(k))
        throw Error("signal: " + std::to_string(k) +
                    " is not a signal (0 uniform, 1 narma, 2 sine, 3 chirp, 4 values)");
    return static_cast<Kind>(static_cast<int>(k));
}

InputSignal TimeSeriesSignal::period(const std::map<std::string, double>& params,
                                     const InputSignal& given) {
    const Kind k = kind(params);
    if (k == Kind::Values) {
        if (given.size() == 0)
            throw Error("signal 4 (values) needs the stimulus member \"values\" (a list of "
                        "numbers) or \"signal_file\" (a CSV file time_ms,value)");
        return given;
    }
    const double step = parameter(params, "step_ms");
    const double length = parameter(params, "length_ms");
    const double samples = std::max(1.0, std::ceil(length / step - 1e-9));
    if (samples > kMaxSamples)
        throw Error("length_ms: " + std::to_string(length) + " ms at step_ms " +
                    std::to_string(step) +
                    " needs more than 10^7 samples; raise step_ms or "
                    "shorten length_ms");
    const auto count = static_cast<std::size_t>(samples);
    const auto seed = static_cast<std::uint64_t>(parameter(params, "signal_seed"));
    switch (k) {
    case Kind::Uniform:
        return InputSignal::uniform(count, step, parameter(params, "low"),
                                    parameter(params, "high"), seed);
    case Kind::Narma:
        return InputSignal::narma10(count, step, seed);
    case Kind::Sine:
        return InputSignal::sine(count, step, parameter(params, "frequency_hz"));
    case Kind::Chirp:
        return InputSignal::chirp(count, step, parameter(params, "f0_hz"),
                                  parameter(params, "f1_hz"));
    case Kind::Values:
        break;
    }
    return given;
}

InputSignal TimeSeriesSignal::given(const std::string& extraJson,
                                    const std::filesystem::path& projectFile, double stepMs) {
    InputSignal out;
    if (extraJson.empty())
        return out;
    const nlohmann::json extra = nlohmann::json::parse(extraJson, nullptr, false);
    if (!extra.is_object())
        return out;
    const bool hasValues = extra.contains("values");
    const bool hasFile = extra.contains("signal_file");
    if (hasValues && hasFile)
        throw Error("signal_file: give either \"values\" or \"signal_file\", not both");
    if (hasValues) {
        const nlohmann::json& values = extra["values"];
        if (!values.is_array() || values.empty())
            throw Error("values: must be a non-empty list of numbers");
        out.stepMs = stepMs;
        out.values.resize(static_cast<Eigen::Index>(values.size()));
        for (std::size_t n = 0; n < values.size(); ++n) {
            if (!values[n].is_number() || !std::isfinite(values[n].get<double>()))
                throw Error("values[" + std::to_string(n) + "]: must be a finite number");
            out.values(static_cast<Eigen::Index>(n)) = values[n].get<double>();
        }
    } else if (hasFile) {
        if (!extra["signal_file"].is_string())
            throw Error("signal_file: must be a file name");
        std::filesystem::path file(extra["signal_file"].get<std::string>());
        if (file.is_relative())
            file = projectFile.parent_path() / file;
        out = InputSignal::readCsv(file);
    }
    return out;
}

double TimeSeriesSignal::valueAt(const InputSignal& signal, double tMs) {
    const auto n = static_cast<std::int64_t>(signal.size());
    auto index =
        static_cast<std::int64_t>(std::floor((tMs - signal.startMs) / signal.stepMs + 1e-9));
    index %= n;
    if (index < 0)
        index += n;
    return signal.values(static_cast<Eigen::Index>(index));
}

InputSignal TimeSeriesSignal::overRun(const InputSignal& signal, double durationMs) {
    InputSignal out;
    out.stepMs = signal.stepMs;
    const auto count =
        static_cast<Eigen::Index>(std::max(0.0, std::ceil(durationMs / signal.stepMs - 1e-9)));
    out.values.resize(count);
    for (Eigen::Index n = 0; n < count; ++n)
        out.values(n) = valueAt(signal, out.timeMs(static_cast<std::size_t>(n)));
    return out;
}

} // namespace plexus::core
