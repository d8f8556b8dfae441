#include "plexus/core/record/RunRecord.h"

#include "plexus/Version.h"

#include <algorithm>
#include <cstdio>

namespace plexus::core {

RunRecord RunRecord::fromNetwork(const Network& net, double durationMs,
                                 const std::string& projectName, const std::string& projectJson,
                                 const RecorderFilter& skip) {
    const auto skipped = [&](const std::string& name) { return skip && skip(name); };
    RunRecord r;
    r.plexusVersion = PLEXUS_VERSION;
    r.name = projectName;
    r.seed = net.seed;
    r.dtMs = net.dtMs;
    r.durationMs = durationMs;
    r.threads = net.partitions;
    r.projectJson = projectJson;
    r.projectHash = hashProject(projectJson);
    r.trials = TrialWindow::completed(net.trials, durationMs);
    r.conditionNames = net.conditionNames;
    for (const auto& pop : net.populations) {
        PopulationData p;
        p.name = pop.name;
        p.model = pop.info ? pop.info->name : std::string();
        p.size = pop.size;
        p.stimulus = pop.isStimulus;
        r.populations.push_back(std::move(p));
    }
    for (const auto& rec : net.spikeRecorders) {
        if (skipped(rec.name))
            continue;
        Spikes s;
        s.recorder = rec.name;
        s.timesMs.reserve(rec.steps.size());
        for (const auto step : rec.steps)
            s.timesMs.push_back(static_cast<double>(step) * net.dtMs);
        s.neurons = rec.neurons;
        r.populations.at(rec.population).spikes.push_back(std::move(s));
    }
    for (const auto& rec : net.stateRecorders) {
        if (skipped(rec.name))
            continue;
        StateTrace t;
        t.recorder = rec.name;
        t.intervalMs = static_cast<double>(rec.intervalSteps) * net.dtMs;
        t.neurons = rec.neurons;
        t.variables = rec.variableNames;
        const std::size_t width = rec.rowWidth();
        const std::size_t n = rec.neurons.size();
        const std::size_t rows =
            std::min(rec.sampleSteps.size(), width == 0 ? 0 : rec.values.size() / width);
        for (std::size_t row = 0; row < rows; ++row)
            t.timesMs.push_back(static_cast<double>(rec.sampleSteps[row]) * net.dtMs);
        t.values.assign(t.variables.size(), std::vector<float>(rows * n));
        for (std::size_t row = 0; row < rows; ++row)
            for (std::size_t v = 0; v < t.variables.size(); ++v)
                for (std::size_t k = 0; k < n; ++k)
                    t.values[v][row * n + k] = rec.values[row * width + v * n + k];
        r.populations.at(rec.population).states.push_back(std::move(t));
    }
    for (const auto& rec : net.rateRecorders) {
        if (skipped(rec.name))
            continue;
        RateTrace t;
        t.recorder = rec.name;
        t.binMs = static_cast<double>(rec.binSteps) * net.dtMs;
        const std::size_t size = net.populations.at(rec.population).size;
        for (std::size_t b = 0; b < rec.counts.size(); ++b) {
            t.timesMs.push_back(
                static_cast<double>((rec.binOffset + static_cast<std::int64_t>(b)) * rec.binSteps) *
                net.dtMs);
            t.rateHz.push_back(rec.rateHz(b, size, net.dtMs));
        }
        r.populations.at(rec.population).rates.push_back(std::move(t));
    }
    return r;
}

std::string RunRecord::hashProject(const std::string& text) {
    std::uint64_t h = 14695981039346656037ull;
    for (const unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ull;
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "fnv1a64:%016llx", static_cast<unsigned long long>(h));
    return buffer;
}

const RunRecord::PopulationData* RunRecord::population(const std::string& wanted) const {
    for (const auto& p : populations)
        if (p.name == wanted)
            return &p;
    return nullptr;
}

} // namespace plexus::core
