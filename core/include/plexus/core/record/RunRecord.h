#pragma once

#include "plexus/core/engine/Network.h"
#include "plexus/core/record/NamedArray.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace plexus::core {

/// Everything a finished run recorded, independent of the network that produced it: the
/// in-memory form of a run archive (RunArchive writes and reads it; layout in
/// docs/file-formats.md, "Run archive (HDF5)"). Recordings are grouped by population.
struct RunRecord {
    /// All spikes of one spike recorder, in time then neuron order.
    struct Spikes {
        std::string recorder;              ///< recorder name in the project
        std::vector<double> timesMs;       ///< spike times (step x dt)
        std::vector<std::int32_t> neurons; ///< neuron index of each spike

        bool operator==(const Spikes&) const = default;
    };
    /// State variables of chosen neurons sampled at an interval (one state recorder).
    struct StateTrace {
        std::string recorder;
        double intervalMs = 0.0;
        std::vector<std::int32_t> neurons;  ///< recorded neuron indices (columns)
        std::vector<double> timesMs;        ///< time of each sample (rows)
        std::vector<std::string> variables; ///< variable names
        /// Per variable: timesMs.size() x neurons.size() values, row-major.
        std::vector<std::vector<float>> values;

        bool operator==(const StateTrace&) const = default;
    };
    /// A population rate in bins (one rate recorder).
    struct RateTrace {
        std::string recorder;
        double binMs = 0.0;
        std::vector<double> timesMs; ///< bin start times
        std::vector<double> rateHz;  ///< rate of each bin

        bool operator==(const RateTrace&) const = default;
    };
    /// One population (or spike source) and what was recorded from it.
    struct PopulationData {
        std::string name;
        std::string model;
        std::size_t size = 0;
        bool stimulus = false;
        std::vector<Spikes> spikes; ///< usually zero or one
        std::vector<StateTrace> states;
        std::vector<RateTrace> rates;

        bool operator==(const PopulationData&) const = default;
    };
    /// One electrode (array) and its recordings as generic named arrays (e.g. `lfp_uv`
    /// samples x contacts, `mua`).
    struct ElectrodeData {
        std::string name;
        std::vector<NamedArray> arrays;

        bool operator==(const ElectrodeData&) const = default;
    };

    std::string plexusVersion;
    std::string name; ///< project name
    std::uint64_t seed = 0;
    double dtMs = 0.0;
    double durationMs = 0.0; ///< simulated time
    std::size_t threads = 1; ///< thread slices used
    std::string projectJson; ///< the project document that was run
    std::string projectHash; ///< hashProject(projectJson)
    std::vector<PopulationData> populations;
    std::vector<ElectrodeData> electrodes;
    std::vector<NamedArray> analysis;
    /// The protocol trials the run completed, in time order (empty without a protocol).
    std::vector<TrialWindow> trials;
    /// The protocol's condition names (index = TrialWindow::condition).
    std::vector<std::string> conditionNames;

    /// Decides whether an engine recorder (by name) is left out of a record, e.g. the internal
    /// recorders of geometry::VirtualRecorder (its ownsRecorder()).
    using RecorderFilter = std::function<bool(const std::string& recorderName)>;

    /// The recordings of a finished run of `network` (every spike, state and rate recorder
    /// except those `skip` names) and the protocol trials it completed, with the meta data
    /// filled in; electrodes and analysis are
    /// left empty for the caller (e.g. electrodes.push_back({"utah", {lfp_uv, mua, t_ms}})).
    static RunRecord fromNetwork(const Network& network, double durationMs,
                                 const std::string& projectName, const std::string& projectJson,
                                 const RecorderFilter& skip = nullptr);
    /// "fnv1a64:" followed by 16 hex digits of the 64-bit FNV-1a hash of `text`.
    static std::string hashProject(const std::string& text);
    /// The population called `name`, or nullptr.
    const PopulationData* population(const std::string& name) const;

    bool operator==(const RunRecord&) const = default;
};

} // namespace plexus::core
