#include "plexus/core/model/InputSignal.h"

#include "plexus/core/base/Error.h"
#include "plexus/core/base/RandomStream.h"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <numbers>
#include <string>

namespace plexus::core {

namespace {

void checkStep(double stepMs) {
    if (!(stepMs > 0.0) || !std::isfinite(stepMs))
        throw Error("input signal: the step must be a positive number of ms");
}

bool parseDouble(const std::string& text, double& value) {
    const char* begin = text.c_str();
    while (*begin == ' ' || *begin == '\t')
        ++begin;
    char* end = nullptr;
    value = std::strtod(begin, &end);
    if (end == begin)
        return false;
    while (*end == ' ' || *end == '\t' || *end == '\r')
        ++end;
    return *end == '\0' && std::isfinite(value);
}

} // namespace

std::vector<double> InputSignal::timesMs() const {
    std::vector<double> out(size());
    for (std::size_t n = 0; n < out.size(); ++n)
        out[n] = timeMs(n);
    return out;
}

double InputSignal::valueAt(double t) const {
    const double index = std::floor((t - startMs) / stepMs + 1e-9);
    if (!(index >= 0.0) || index >= static_cast<double>(size()))
        throw Error("input signal: time " + std::to_string(t) + " ms lies outside the signal");
    return values(static_cast<Eigen::Index>(index));
}

InputSignal InputSignal::uniform(std::size_t count, double stepMs, double low, double high,
                                 std::uint64_t seed) {
    checkStep(stepMs);
    if (!(high > low))
        throw Error("input signal: uniform needs high > low");
    InputSignal s;
    s.stepMs = stepMs;
    s.values.resize(static_cast<Eigen::Index>(count));
    RandomStream random(seed);
    for (Eigen::Index n = 0; n < s.values.size(); ++n)
        s.values(n) = random.uniform(low, high);
    return s;
}

InputSignal InputSignal::narma10(std::size_t count, double stepMs, std::uint64_t seed) {
    return uniform(count, stepMs, 0.0, 0.5, seed);
}

InputSignal InputSignal::sine(std::size_t count, double stepMs, double frequencyHz,
                              double amplitude, double phase, double offset) {
    checkStep(stepMs);
    InputSignal s;
    s.stepMs = stepMs;
    s.values.resize(static_cast<Eigen::Index>(count));
    for (Eigen::Index n = 0; n < s.values.size(); ++n) {
        const double t = static_cast<double>(n) * stepMs * 1e-3;
        s.values(n) =
            offset + amplitude * std::sin(2.0 * std::numbers::pi * frequencyHz * t + phase);
    }
    return s;
}

InputSignal InputSignal::chirp(std::size_t count, double stepMs, double f0Hz, double f1Hz,
                               double amplitude) {
    checkStep(stepMs);
    InputSignal s;
    s.stepMs = stepMs;
    s.values.resize(static_cast<Eigen::Index>(count));
    const double duration = static_cast<double>(count) * stepMs * 1e-3;
    for (Eigen::Index n = 0; n < s.values.size(); ++n) {
        const double t = static_cast<double>(n) * stepMs * 1e-3;
        s.values(n) = amplitude * std::sin(2.0 * std::numbers::pi *
                                           (f0Hz * t + (f1Hz - f0Hz) * t * t / (2.0 * duration)));
    }
    return s;
}

InputSignal InputSignal::readCsv(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in)
        throw Error(path.string() + ": cannot be opened");
    std::vector<double> times, values;
    std::vector<std::size_t> lines;
    std::string line;
    std::size_t lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos)
            continue;
        const auto comma = line.find(',');
        double t = 0.0, v = 0.0;
        const bool ok =
            comma != std::string::npos && line.find(',', comma + 1) == std::string::npos &&
            parseDouble(line.substr(0, comma), t) && parseDouble(line.substr(comma + 1), v);
        if (!ok) {
            if (times.empty() && lineNo == 1)
                continue; // header
            throw Error(path.string() + ":" + std::to_string(lineNo) +
                        ": expected two numbers time_ms,value");
        }
        times.push_back(t);
        lines.push_back(lineNo);
        values.push_back(v);
    }
    if (times.size() < 2)
        throw Error(path.string() + ": needs at least two rows time_ms,value");
    const double step = times[1] - times[0];
    if (!(step > 0.0))
        throw Error(path.string() + ":" + std::to_string(lines[1]) + ": times must increase");
    for (std::size_t i = 1; i < times.size(); ++i) {
        const double expected = times[0] + static_cast<double>(i) * step;
        if (std::fabs(times[i] - expected) > 1e-6 * std::max(1.0, std::fabs(expected)))
            throw Error(path.string() + ":" + std::to_string(lines[i]) + ": time " +
                        std::to_string(times[i]) + " ms breaks the even step of " +
                        std::to_string(step) + " ms");
    }
    InputSignal s;
    s.startMs = times[0];
    s.stepMs = step;
    s.values =
        Eigen::Map<const Eigen::VectorXd>(values.data(), static_cast<Eigen::Index>(values.size()));
    return s;
}

} // namespace plexus::core
