#include "BenchRsa.h"

#include "RunSummary.h"
#include "plexus/analysis/RdmCalculator.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/base/RandomStream.h"

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>

namespace plexus::app {

namespace {

using core::Error;

std::int64_t integerValue(const std::string& option, const std::string& text, std::int64_t min,
                          std::int64_t max) {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !std::isfinite(v) || v != std::floor(v) ||
        v < static_cast<double>(min) || v > static_cast<double>(max))
        throw Error(option + ": must be an integer in [" + std::to_string(min) + ", " +
                    std::to_string(max) + "] (got " + text + ")");
    return static_cast<std::int64_t>(v);
}

} // namespace

const char* BenchRsa::usage() {
    return "  plexus-cli bench rsa [--conditions K] [--units P]\n"
           "                   [--metric correlation|euclidean|cosine] [--seed N]\n";
}

int BenchRsa::run(const std::vector<std::string>& args) {
    std::int64_t conditions = 1000;
    std::int64_t units = 10000;
    std::uint64_t seed = 1;
    std::string metricName = "correlation";
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a != "--conditions" && a != "--units" && a != "--metric" && a != "--seed")
            throw Error("bench rsa: unknown argument \"" + a + "\"");
        if (i + 1 >= args.size())
            throw Error(a + ": missing value");
        const std::string v = args[++i];
        if (a == "--conditions")
            conditions = integerValue(a, v, 2, 100000);
        else if (a == "--units")
            units = integerValue(a, v, 1, 10'000'000);
        else if (a == "--seed")
            seed = static_cast<std::uint64_t>(integerValue(a, v, 0, std::int64_t{1} << 53));
        else
            metricName = v;
    }
    const auto metric = analysis::parseDistanceMetric(metricName);
    if (metric == analysis::DistanceMetric::Crossnobis)
        throw Error("bench rsa: --metric must be correlation, euclidean or cosine");
    if (static_cast<double>(conditions) * static_cast<double>(units) > 2e9)
        throw Error("bench rsa: conditions x units must stay below 2e9");

    core::RandomStream random(seed);
    Eigen::MatrixXd patterns(conditions, units);
    for (Eigen::Index c = 0; c < patterns.cols(); ++c)
        for (Eigen::Index r = 0; r < patterns.rows(); ++r)
            patterns(r, c) = random.normal();

    const auto t0 = std::chrono::steady_clock::now();
    const auto rdm = analysis::RdmCalculator::compute(patterns, metric);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    const nlohmann::json out = {{"benchmark", "rsa"},
                                {"metric", analysis::distanceMetricName(metric)},
                                {"conditions", conditions},
                                {"units", units},
                                {"threads", 1},
                                {"seconds", seconds},
                                {"rdm_mean", rdm.upperTriangle().mean()},
                                {"peak_rss_mb", RunSummary::peakRssMb()}};
    std::cout << out.dump() << std::endl;
    return 0;
}

} // namespace plexus::app
