#include "plexus/analysis/ArchiveSpikes.h"

#include "plexus/core/record/RunArchive.h"

namespace plexus::analysis {

std::vector<SpikeTimes> ArchiveSpikes::fromRecord(const core::RunRecord& record) {
    std::vector<SpikeTimes> out;
    for (const auto& pop : record.populations)
        for (std::size_t i = 0; i < pop.spikes.size(); ++i) {
            SpikeTimes s;
            s.name = i == 0 ? pop.name : pop.name + "/" + pop.spikes[i].recorder;
            s.size = pop.size;
            s.timesMs = pop.spikes[i].timesMs;
            s.neurons = pop.spikes[i].neurons;
            out.push_back(std::move(s));
        }
    return out;
}

std::vector<SpikeTimes> ArchiveSpikes::read(const std::filesystem::path& path) {
    return fromRecord(core::RunArchive::read(path));
}

} // namespace plexus::analysis
