#pragma once

#include <plexus/core/record/RunRecord.h>
#include <string>

namespace plexus::core {
struct ProjectSpec;
} // namespace plexus::core

namespace plexus::widgets {

class LiveRecording;

/**
 * @brief Converts between what the live views hold (LiveRecording) and a run record
 *        (core::RunRecord, written and read by core::RunArchive as HDF5).
 *
 * A live recording becomes: per population its spikes (recorder "live", times = step x dt),
 * its rate bins (recorder "live", Hz) and one state trace per picked neuron and variable
 * (recorder "trace_<neuron>_<variable>"); per electrode (contacts named "ELECTRODE:CONTACT")
 * the arrays `lfp_uv` (bins x contacts, NaN where no sample arrived), `mua` (spike counts) and
 * `t_ms` (end of each bin); the protocol trials it completed and the condition names (as
 * plexus-cli run writes them). Loading reverses it, so a recorded run can be viewed and analysed
 * again without simulating.
 */
class LiveRunRecord {
public:
    /// The run record of @p recording, with @p project's name, seed and JSON.
    static core::RunRecord fromRecording(const LiveRecording& recording,
                                         const core::ProjectSpec& project,
                                         const std::string& plexusVersion);
    /**
     * @brief Replaces @p recording by the run of @p record (spikes, rates, traces, contacts).
     * @throws core::Error when the record has no time step.
     */
    static void toRecording(const core::RunRecord& record, LiveRecording& recording);
};

} // namespace plexus::widgets
