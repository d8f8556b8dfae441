#pragma once

#include "LiveChannels.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace plexus::widgets {
class LiveRecording;
} // namespace plexus::widgets

namespace plexus::app {

/**
 * @brief GUI side of the live rings: moves what the simulation thread pushed into the
 *        LiveRecording the plots read, on the GUI's timer.
 *
 * When the worker starts a new session (a reset, a new run or a structural edit that changed
 * the populations) the recording is cleared and set up for the new populations; when the
 * worker starts recording at other electrode contacts, the recording's contacts are replaced.
 * The run's protocol (its trials) and the perturbations applied during the run go to the
 * recording too; the perturbations drained are also kept for the log (takePerturbations()).
 */
class LiveDrain {
public:
    /// Drain `channels` (the worker's current session, may be null) into `recording`.
    /// Returns true when the recording changed.
    bool drain(const std::shared_ptr<LiveChannels>& channels, widgets::LiveRecording& recording);
    /// The perturbations drained since the last call (for the log).
    std::vector<LiveChannels::Perturbation> takePerturbations();
    /// The session drained last.
    const std::shared_ptr<LiveChannels>& session() const { return m_channels; }

private:
    bool drainSession(LiveChannels& channels, widgets::LiveRecording& recording);
    bool drainContacts(widgets::LiveRecording& recording);

    std::shared_ptr<LiveChannels> m_channels;
    std::vector<std::size_t> m_traceIndex; ///< channel trace -> recording trace
    std::vector<LiveChannels::Spike> m_spikes;
    std::vector<std::int64_t> m_steps;
    std::vector<std::int32_t> m_neurons;
    std::vector<std::uint32_t> m_counts;
    std::vector<float> m_values;
    std::shared_ptr<LiveChannels::ContactSet> m_contacts; ///< contact set drained last
    std::vector<LiveChannels::ContactBin> m_contactBins;
    std::uint64_t m_protocolVersion = 0; ///< protocol version drained last
    std::vector<LiveChannels::Perturbation> m_perturbations;
};

} // namespace plexus::app
