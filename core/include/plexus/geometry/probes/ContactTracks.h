#pragma once

#include "plexus/core/record/RunRecord.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace plexus::geometry {

class VirtualRecorder;

/**
 * @brief The recordings at electrode contacts as per-contact tracks of bins, and the one rule
 * that turns them into a run record's electrodes (`/electrodes` in the run archive).
 *
 * A bin b covers steps [b, b + 1) * binSteps; it holds the multi-unit spike count of the bin
 * and the LFP sample at the bin's end (NaN when none was taken). The live window and the
 * headless run both collect a VirtualRecorder's complete bins with completeBins() and write
 * them with electrodes(), so both give the same arrays for the same run.
 */
class ContactTracks {
public:
    /// One complete bin of one contact.
    struct Bin {
        std::int64_t bin = 0;      ///< bin index (from step 0)
        std::uint32_t contact = 0; ///< contact index in the probe
        std::uint32_t units = 0;   ///< multi-unit spikes in the bin
        float lfpUv = 0.0f;        ///< LFP at the bin's end (uV), NaN when not sampled
    };
    /// One contact's track.
    struct Track {
        std::string name;                 ///< "ELECTRODE:CONTACT"
        std::vector<float> lfpUv;         ///< per bin (NaN: no sample)
        std::vector<std::uint32_t> units; ///< per bin
    };

    /**
     * @brief The complete MUA bins @p recorder holds (as of its last collect()), each with the
     * LFP sample at its end (every complete bin has one when the recorded models have a
     * synaptic current), contact by contact within a bin. The caller discards the results.
     */
    static std::vector<Bin> completeBins(const VirtualRecorder& recorder);

    /// Tracks for contacts named @p names, bins of @p binSteps steps.
    ContactTracks(std::vector<std::string> names, std::int64_t binSteps);

    /// Puts @p bins into the tracks (tracks grow as needed: NaN LFP, zero units in gaps).
    void append(const std::vector<Bin>& bins);
    /// The tracks, one per contact.
    const std::vector<Track>& tracks() const { return m_tracks; }
    /// Steps per bin.
    std::int64_t binSteps() const { return m_binSteps; }

    /**
     * @brief The run record's electrodes of @p tracks: contacts grouped by electrode (the
     * part of the name before ':'; a name without ':' is its own electrode) in order of first
     * appearance; per electrode `lfp_uv` (bins x contacts, float32, NaN where no sample),
     * `mua` (spike counts) and `t_ms` (end of each bin, 1-D); columns labelled by the part
     * after ':'. An electrode has as many bins as its longest track.
     */
    static std::vector<core::RunRecord::ElectrodeData>
    electrodes(const std::vector<Track>& tracks, std::int64_t binSteps, double dtMs);

private:
    std::vector<Track> m_tracks;
    std::int64_t m_binSteps = 10;
};

} // namespace plexus::geometry
