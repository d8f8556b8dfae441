#pragma once

#include "plexus/core/engine/TrialWindow.h"
#include "plexus/geometry/probes/ContactTracks.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace plexus::widgets {

/**
 * @brief GUI-side history of a live run: spikes, population rates, membrane traces and weight
 *        statistics, appended by the application as it drains the engine's ring buffers.
 *
 * Plots read from it on every redraw; nothing here is touched by the simulation thread. Times
 * are kept in steps (exact) and converted with dtMs(). Spikes of a population arrive in
 * ascending step order, so views find their time window by binary search.
 */
class LiveRecording {
public:
    /// A population (or spike source) as shown in the raster.
    struct Population {
        std::string name;
        std::size_t size = 0;
        bool isStimulus = false;
    };

    /// A recorded state trace: one variable of one neuron.
    struct Trace {
        std::size_t population = 0;
        std::int32_t neuron = 0;
        std::string variable;            ///< state variable name, e.g. "v"
        std::string unit;                ///< e.g. "mV"
        std::vector<std::int64_t> steps; ///< sample time in steps (ascending)
        std::vector<float> values;
    };

    /// Weight statistics of a plastic projection over time.
    struct WeightTrack {
        std::string projection;
        std::vector<std::int64_t> steps;      ///< when each sample was taken
        std::vector<float> mean;              ///< mean weight per sample
        double histogramLow = 0.0;            ///< lower edge of the first histogram bin
        double histogramHigh = 1.0;           ///< upper edge of the last bin
        std::vector<std::uint32_t> histogram; ///< latest weight histogram (counts per bin)
    };

    /// A perturbation applied to the run while it went (e.g. "Perturb now" in the editor):
    /// its window [startMs, endMs) (endMs == startMs for a one-time change of a projection).
    struct PerturbationMark {
        double startMs = 0.0;
        double endMs = 0.0;
        std::string label; ///< e.g. "silence E for 200 ms"
        bool operator==(const PerturbationMark&) const = default;
    };

    /**
     * @brief Virtual recording at one electrode contact: the LFP proxy sampled at the end of
     * every contact bin (uV; NaN where none arrived) and the multi-unit spike count of every
     * bin. Index b covers steps [b, b+1) * contactBinSteps().
     */
    using ContactTrack = geometry::ContactTracks::Track;

    /// Forget everything and start a run over these populations at step `dtMs`; rates are
    /// counted in bins of `rateBinSteps` steps.
    void reset(std::vector<Population> populations, double dtMs, std::int64_t rateBinSteps);

    double dtMs() const { return m_dtMs; }
    std::int64_t rateBinSteps() const { return m_rateBinSteps; }
    std::size_t populationCount() const { return m_populations.size(); }
    const Population& population(std::size_t index) const { return m_populations[index]; }

    /// Append `count` spikes of population `population` (steps ascending, not before earlier ones).
    void appendSpikes(std::size_t population, const std::int64_t* steps,
                      const std::int32_t* neurons, std::size_t count);
    const std::vector<std::int64_t>& spikeSteps(std::size_t population) const;
    const std::vector<std::int32_t>& spikeNeurons(std::size_t population) const;
    /// Total spikes held (all populations).
    std::uint64_t spikeTotal() const { return m_spikeTotal; }

    /// Append spike counts per rate bin of `population`, starting at bin `firstBin` (bins already
    /// present from firstBin on are overwritten; a gap is filled with zeros).
    void appendRateBins(std::size_t population, std::int64_t firstBin, const std::uint32_t* counts,
                        std::size_t count);
    /// Spike counts per bin of `population` (bin b covers steps [b, b+1) * rateBinSteps()).
    const std::vector<std::uint32_t>& rateBins(std::size_t population) const;
    /// Rate of bin `bin` in Hz.
    double rateHz(std::size_t population, std::size_t bin) const;

    /// Start a trace; returns its index (an existing identical trace's index if there is one).
    std::size_t addTrace(std::size_t population, std::int32_t neuron, const std::string& variable,
                         const std::string& unit);
    /// Append samples to trace `trace`.
    void appendSamples(std::size_t trace, const std::int64_t* steps, const float* values,
                       std::size_t count);
    /// Drop a trace (indices of later traces shift down by one).
    void removeTrace(std::size_t trace);
    std::size_t traceCount() const { return m_traces.size(); }
    const Trace& trace(std::size_t index) const { return m_traces[index]; }

    /// Weight statistics of projection `projection` at step `step`: mean and a histogram over
    /// [low, high). Creates the track on first use; returns its index.
    std::size_t appendWeights(const std::string& projection, std::int64_t step, float mean,
                              double low, double high, std::vector<std::uint32_t> histogram);
    std::size_t weightTrackCount() const { return m_weights.size(); }
    const WeightTrack& weightTrack(std::size_t index) const { return m_weights[index]; }

    /**
     * @brief Starts virtual recordings at contacts named @p names, binned in @p binSteps
     * steps; what earlier contacts recorded is dropped (an empty list: no contacts).
     */
    void setContacts(std::vector<std::string> names, std::int64_t binSteps);
    /// Append @p count bins of contact @p contact from bin @p firstBin: LFP samples (uV) and
    /// unit counts (bins already present are overwritten; gaps hold NaN and 0).
    void appendContactBins(std::size_t contact, std::int64_t firstBin, const float* lfpUv,
                           const std::uint32_t* units, std::size_t count);
    std::size_t contactCount() const { return m_contacts.size(); }
    const ContactTrack& contact(std::size_t index) const { return m_contacts[index]; }
    /// Steps per contact bin.
    std::int64_t contactBinSteps() const { return m_contactBinSteps; }
    /// Multi-unit rate of contact @p contact in bin @p bin (spikes per second).
    double contactRateHz(std::size_t contact, std::size_t bin) const;
    /// Bumped by every setContacts() (views rebuild their contact series).
    std::uint64_t contactGeneration() const { return m_contactGeneration; }

    /**
     * @brief The run's protocol: every trial of its schedule (also those still to come) and the
     *        condition names (index = TrialWindow::condition). Empty without a protocol;
     *        reset() clears them.
     */
    void setTrials(std::vector<core::TrialWindow> trials, std::vector<std::string> conditionNames);
    const std::vector<core::TrialWindow>& trials() const { return m_trials; }
    const std::vector<std::string>& conditionNames() const { return m_conditionNames; }

    /// Note a perturbation applied during the run (reset() clears them).
    void addPerturbation(PerturbationMark mark);
    const std::vector<PerturbationMark>& perturbations() const { return m_perturbations; }

    /// Last simulated step covered by appended data (the run's current time).
    std::int64_t currentStep() const { return m_currentStep; }
    /// Advance the current step (the engine reports it after every drained chunk).
    void setCurrentStep(std::int64_t step);
    /// Time of the current step in ms.
    double currentTimeMs() const { return static_cast<double>(m_currentStep) * m_dtMs; }

    /// Events the engine dropped because a ring buffer was full (shown in the status bar).
    std::uint64_t dropped() const { return m_dropped; }
    void setDropped(std::uint64_t dropped) { m_dropped = dropped; }

    /// Bumped by every change; views redraw only when it moved.
    std::uint64_t revision() const { return m_revision; }
    /// Bumped by every reset(): views rebuild (rather than extend) their data when it moved.
    std::uint64_t generation() const { return m_generation; }

private:
    double m_dtMs = 0.1;
    std::int64_t m_rateBinSteps = 10;
    std::vector<Population> m_populations;
    std::vector<std::vector<std::int64_t>> m_spikeSteps;
    std::vector<std::vector<std::int32_t>> m_spikeNeurons;
    std::vector<std::vector<std::uint32_t>> m_rateBins;
    std::vector<Trace> m_traces;
    std::vector<WeightTrack> m_weights;
    std::vector<ContactTrack> m_contacts;
    std::int64_t m_contactBinSteps = 10;
    std::vector<core::TrialWindow> m_trials;
    std::vector<std::string> m_conditionNames;
    std::vector<PerturbationMark> m_perturbations;
    std::uint64_t m_contactGeneration = 0;
    std::uint64_t m_spikeTotal = 0;
    std::int64_t m_currentStep = 0;
    std::uint64_t m_dropped = 0;
    std::uint64_t m_revision = 0;
    std::uint64_t m_generation = 0;
};

} // namespace plexus::widgets
