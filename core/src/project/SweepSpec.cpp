#include "plexus/core/project/SweepSpec.h"

#include "plexus/core/base/Error.h"
#include "plexus/core/base/RandomStream.h"

#include <cmath>
#include <cstdlib>
#include <limits>

namespace plexus::core {

namespace {

/// Key of the random streams of sweep axes ("sweep").
constexpr std::uint64_t kAxisStream = 0x7377656570ULL;

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find(separator, start);
        parts.push_back(text.substr(start, end == std::string::npos ? end : end - start));
        if (end == std::string::npos)
            return parts;
        start = end + 1;
    }
}

double number(const std::string& text, const std::string& argument) {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !std::isfinite(v))
        throw Error("--param " + argument + ": \"" + text + "\" is not a number");
    return v;
}

std::size_t count(const std::string& text, const std::string& argument) {
    const double v = number(text, argument);
    if (v != std::floor(v) || v < 1 || v > 1e7)
        throw Error("--param " + argument + ": N must be a whole number in [1, 10000000] (got " +
                    text + ")");
    return static_cast<std::size_t>(v);
}

/// N values from a to b, evenly spaced (both ends included).
std::vector<double> linear(double a, double b, std::size_t n) {
    std::vector<double> v(n);
    for (std::size_t i = 0; i < n; ++i)
        v[i] = n == 1       ? a
               : i + 1 == n ? b
                            : a + (b - a) * static_cast<double>(i) / static_cast<double>(n - 1);
    return v;
}

} // namespace

SweepSpec::Axis SweepSpec::parseAxis(const std::string& text, std::uint64_t seed,
                                     std::size_t axisIndex) {
    const std::size_t eq = text.rfind('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
        throw Error("--param " + text +
                    ": expected PATH=SPEC (SPEC: START:STOP:N, log:START:STOP:N, "
                    "rand:LOW:HIGH:N or a,b,c)");
    Axis axis;
    axis.path = ParameterPath::parse(text.substr(0, eq));
    axis.spec = text.substr(eq + 1);
    const auto parts = split(axis.spec, ':');
    if (parts.size() == 4 && parts[0] == "log") {
        const double a = number(parts[1], text), b = number(parts[2], text);
        if (!(a > 0 && b > 0))
            throw Error("--param " + text + ": log needs START and STOP > 0");
        for (const double e : linear(std::log10(a), std::log10(b), count(parts[3], text)))
            axis.values.push_back(std::pow(10.0, e));
        axis.values.front() = a;
        axis.values.back() = b;
    } else if (parts.size() == 4 && parts[0] == "rand") {
        const double low = number(parts[1], text), high = number(parts[2], text);
        if (!(low <= high))
            throw Error("--param " + text + ": rand needs LOW <= HIGH");
        RandomStream random(streamSeed(seed, kAxisStream, axisIndex));
        const std::size_t n = count(parts[3], text);
        for (std::size_t i = 0; i < n; ++i)
            axis.values.push_back(low + (high - low) * random.uniform());
    } else if (parts.size() == 3) {
        axis.values = linear(number(parts[0], text), number(parts[1], text), count(parts[2], text));
    } else if (parts.size() == 1) {
        for (const auto& item : split(axis.spec, ','))
            axis.values.push_back(number(item, text));
    } else {
        throw Error("--param " + text +
                    ": SPEC must be START:STOP:N, log:START:STOP:N, rand:LOW:HIGH:N or a,b,c");
    }
    return axis;
}

void SweepSpec::validate(const nlohmann::json& project) const {
    if (repeats < 1)
        throw Error("--repeat: must be at least 1");
    for (const auto& axis : axes) {
        nlohmann::json copy = project;
        for (const double v : axis.values)
            axis.path.apply(copy, v);
    }
}

std::size_t SweepSpec::pointCount() const {
    std::size_t n = repeats;
    for (const auto& axis : axes)
        n *= axis.values.size();
    return n;
}

std::vector<SweepSpec::Point> SweepSpec::points() const {
    std::vector<Point> out;
    const std::size_t total = pointCount();
    out.reserve(total);
    std::size_t seedAxis = axes.size();
    for (std::size_t a = 0; a < axes.size(); ++a)
        if (axes[a].path.text() == "simulation.seed" || axes[a].path.text() == "/simulation/seed")
            seedAxis = a;
    for (std::size_t i = 0; i < total; ++i) {
        Point p;
        p.index = i;
        p.repeat = i % repeats;
        std::size_t rest = i / repeats;
        p.values.resize(axes.size());
        for (std::size_t a = axes.size(); a-- > 0;) {
            p.values[a] = axes[a].values[rest % axes[a].values.size()];
            rest /= axes[a].values.size();
        }
        const std::uint64_t base =
            seedAxis < axes.size() ? static_cast<std::uint64_t>(p.values[seedAxis]) : seed;
        p.seed = base + p.repeat;
        out.push_back(std::move(p));
    }
    return out;
}

nlohmann::json SweepSpec::apply(const nlohmann::json& project, const Point& point) const {
    nlohmann::json doc = project;
    for (std::size_t a = 0; a < axes.size(); ++a)
        axes[a].path.apply(doc, point.values[a]);
    return doc;
}

nlohmann::json SweepSpec::definition() const {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& axis : axes)
        a.push_back({{"path", axis.path.text()}, {"spec", axis.spec}, {"values", axis.values}});
    return {{"axes", a},
            {"repeats", repeats},
            {"seed", seed},
            {"metrics", metrics},
            {"duration_s", durationS}};
}

} // namespace plexus::core
