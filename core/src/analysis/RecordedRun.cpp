#include "plexus/analysis/RecordedRun.h"

#include "plexus/analysis/ArchiveSpikes.h"
#include "plexus/analysis/RunFolder.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/record/RunArchive.h"

#include <algorithm>

namespace plexus::analysis {

namespace fs = std::filesystem;

bool RecordedRun::isArchivePath(const fs::path& path) {
    const std::string ext = path.extension().string();
    std::error_code ec;
    if (ext == ".h5" || ext == ".hdf5")
        return !fs::is_directory(path, ec);
    return fs::is_regular_file(path, ec) && core::RunArchive::isHdf5File(path);
}

RecordedRun RecordedRun::load(const fs::path& path) {
    RecordedRun run;
    run.path = path.string();
    std::error_code ec;
    if (isArchivePath(path)) {
        run.record = core::RunArchive::read(path);
        run.spikes = ArchiveSpikes::fromRecord(*run.record);
        for (const auto& pop : run.record->populations)
            if (pop.stimulus)
                for (std::size_t i = 0; i < pop.spikes.size(); ++i)
                    run.stimuli.insert(i == 0 ? pop.name : pop.name + "/" + pop.spikes[i].recorder);
        run.durationMs = run.record->durationMs;
        run.kind = "archive";
    } else if (fs::is_directory(path, ec)) {
        if (!RunFolder::isRunFolder(path))
            throw core::Error(run.path + ": no spikes_<name>.csv files (expected a run folder "
                                         "written by plexus-cli run --out DIR)");
        run.spikes = RunFolder::readSpikes(path);
        run.durationMs = RunFolder::durationMs(path).value_or(0.0);
        run.kind = "run";
    } else if (!fs::exists(path, ec)) {
        throw core::Error(run.path + ": no such file or folder");
    } else {
        throw core::Error(run.path + ": expected a run archive (.h5) or a run folder");
    }
    if (run.spikes.empty())
        throw core::Error(run.path + ": the run holds no spike recordings "
                                     "(/populations/<name>/spikes or spikes_<name>.csv)");
    run.durationRecorded = run.durationMs > 0.0;
    if (!run.durationRecorded)
        for (const auto& s : run.spikes)
            for (const double t : s.timesMs)
                run.durationMs = std::max(run.durationMs, t);
    return run;
}

std::vector<SpikeTimes> RecordedRun::network() const {
    std::vector<SpikeTimes> out;
    for (const auto& s : spikes)
        if (!stimuli.count(s.name))
            out.push_back(s);
    return out;
}

std::vector<ConditionEpoch> RecordedRun::trialEpochs() const {
    if (!hasTrials())
        return {};
    return ConditionEpoch::fromTrials(record->trials, record->conditionNames);
}

} // namespace plexus::analysis
