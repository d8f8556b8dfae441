#include "plexus/analysis/RunReadout.h"

#include "plexus/core/base/Error.h"

#include <algorithm>

namespace plexus::analysis {

RunReadout::Trials RunReadout::trials(const std::vector<ConditionEpoch>& epochs, double durationMs,
                                      const std::string& where) {
    Trials out;
    for (std::size_t i = 0; i < epochs.size(); ++i) {
        const auto& e = epochs[i];
        if (e.endMs > durationMs + 1e-9 || e.startMs < 0.0)
            throw core::Error(where + ": trial " + std::to_string(i + 1) + " (" + e.name +
                              ") ends after the run (" + std::to_string(durationMs) + " ms)" +
                              " or starts before 0");
        auto it = std::find(out.classes.begin(), out.classes.end(), e.name);
        if (it == out.classes.end())
            it = out.classes.insert(out.classes.end(), e.name);
        out.labels.push_back(static_cast<int>(it - out.classes.begin()));
        out.groups.push_back(static_cast<int>(i));
        out.timesMs.push_back(e.endMs);
    }
    if (out.classes.size() < 2)
        throw core::Error(where + ": classification needs at least 2 labels");
    return out;
}

RunReadout::Signal RunReadout::signal(const core::InputSignal& signal, double durationMs,
                                      std::size_t blocks, const std::string& where) {
    Signal out;
    std::vector<double> values;
    for (std::size_t n = 0; n < signal.size(); ++n) {
        const double t = signal.timeMs(n);
        if (t < 0.0 || t > durationMs)
            continue;
        out.timesMs.push_back(t);
        values.push_back(signal.values(static_cast<Eigen::Index>(n)));
    }
    if (out.timesMs.size() < 2 * blocks)
        throw core::Error(where + ": " + std::to_string(out.timesMs.size()) +
                          " input times lie inside the run (0.." + std::to_string(durationMs) +
                          " ms); " + std::to_string(blocks) + " blocks need at least " +
                          std::to_string(2 * blocks));
    out.values =
        Eigen::Map<const Eigen::VectorXd>(values.data(), static_cast<Eigen::Index>(values.size()));
    out.groups.resize(out.timesMs.size());
    for (std::size_t i = 0; i < out.groups.size(); ++i)
        out.groups[i] = static_cast<int>(i * blocks / out.timesMs.size());
    out.outside = signal.size() - out.timesMs.size();
    return out;
}

} // namespace plexus::analysis
