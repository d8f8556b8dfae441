#include "plexus/analysis/OnlineReadoutScore.h"

#include "plexus/core/base/Error.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace plexus::analysis {

namespace {

/// Spikes of `s` in [start, end) (its times are sorted when read from a run; sorted or not,
/// every spike is counted once).
std::size_t countIn(const SpikeTimes& s, double start, double end) {
    if (std::is_sorted(s.timesMs.begin(), s.timesMs.end()))
        return static_cast<std::size_t>(
            std::lower_bound(s.timesMs.begin(), s.timesMs.end(), end) -
            std::lower_bound(s.timesMs.begin(), s.timesMs.end(), start));
    return static_cast<std::size_t>(std::count_if(s.timesMs.begin(), s.timesMs.end(),
                                                  [&](double t) { return t >= start && t < end; }));
}

} // namespace

OnlineReadoutScore::Result OnlineReadoutScore::score(const std::vector<SpikeTimes>& groups,
                                                     const std::vector<Trial>& trials) {
    if (groups.size() < 2)
        throw core::Error("online readout: needs a group of readout neurons for each of at "
                          "least 2 classes (got " +
                          std::to_string(groups.size()) + ")");
    if (trials.empty())
        throw core::Error("online readout: no trials to score");
    const auto k = static_cast<Eigen::Index>(groups.size());
    Result r;
    r.classes = groups.size();
    r.trials = trials.size();
    r.confusion = Eigen::MatrixXi::Zero(k, k);
    r.noAnswer = Eigen::VectorXi::Zero(k);
    Eigen::VectorXi perClass = Eigen::VectorXi::Zero(k);
    std::size_t hits = 0;
    for (std::size_t i = 0; i < trials.size(); ++i) {
        const Trial& t = trials[i];
        if (t.label < 0 || t.label >= k)
            throw core::Error("online readout: trial " + std::to_string(i + 1) + " has class " +
                              std::to_string(t.label) + ", outside [0, " +
                              std::to_string(groups.size()) + ")");
        if (!std::isfinite(t.startMs) || !std::isfinite(t.endMs) || !(t.endMs > t.startMs))
            throw core::Error("online readout: trial " + std::to_string(i + 1) +
                              " has an empty or non-finite window");
        std::vector<std::size_t> counts;
        for (const SpikeTimes& g : groups)
            counts.push_back(countIn(g, t.startMs, t.endMs));
        const auto best = std::max_element(counts.begin(), counts.end());
        const bool tie = std::count(counts.begin(), counts.end(), *best) > 1;
        const int answer = tie ? -1 : static_cast<int>(best - counts.begin());
        perClass(t.label) += 1;
        if (answer < 0) {
            r.noAnswer(t.label) += 1;
        } else {
            r.confusion(t.label, answer) += 1;
            hits += answer == t.label;
        }
        r.answers.push_back(answer);
        r.counts.push_back(std::move(counts));
    }
    r.accuracy = static_cast<double>(hits) / static_cast<double>(trials.size());
    r.chance = static_cast<double>(perClass.maxCoeff()) / static_cast<double>(trials.size());
    return r;
}

std::vector<SpikeTimes> OnlineReadoutScore::splitGroups(const SpikeTimes& population,
                                                        std::size_t classes) {
    if (classes < 2)
        throw core::Error("online readout: needs at least 2 classes to split " + population.name);
    if (population.size < classes)
        throw core::Error("online readout: " + population.name + " has " +
                          std::to_string(population.size) + " neurons, fewer than the " +
                          std::to_string(classes) + " classes");
    std::vector<SpikeTimes> out(classes);
    for (std::size_t g = 0; g < classes; ++g) {
        const std::size_t lo = g * population.size / classes;
        const std::size_t hi = (g + 1) * population.size / classes;
        out[g].name = population.name + "[" + std::to_string(lo) + ".." + std::to_string(hi) + ")";
        out[g].size = hi - lo;
    }
    for (std::size_t i = 0; i < population.timesMs.size(); ++i) {
        const auto n = static_cast<std::size_t>(population.neurons[i]);
        const std::size_t g = std::min(classes - 1, n * classes / population.size);
        // n * classes / size is the group whose range [g n / c, (g + 1) n / c) holds n, up to
        // rounding: step to the group that really holds it.
        std::size_t h = g;
        while (h > 0 && n < h * population.size / classes)
            --h;
        while (h + 1 < classes && n >= (h + 1) * population.size / classes)
            ++h;
        out[h].timesMs.push_back(population.timesMs[i]);
        out[h].neurons.push_back(static_cast<std::int32_t>(n - h * population.size / classes));
    }
    return out;
}

} // namespace plexus::analysis
