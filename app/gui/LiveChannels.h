#pragma once

#include "plexus/core/engine/SpscRing.h"
#include "plexus/widgets/live/LiveRecording.h"

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace plexus::app {

/**
 * @brief The ring buffers of one live session: what the simulation thread hands to the GUI.
 *
 * One single-producer/single-consumer ring per population for spikes and for rate bins, one per
 * plastic projection for weight statistics, one per membrane trace and one for the virtual
 * recordings at electrode contacts (ContactSet). The simulation thread
 * pushes after every chunk and never waits: a full ring drops and counts. The GUI drains on its
 * timer (LiveDrain). A session lasts as long as the set of populations does; a structural edit
 * starts a new one.
 */
class LiveChannels {
public:
    /// One spike.
    struct Spike {
        std::int64_t step;
        std::int32_t neuron;
    };
    /// Spike count of one rate bin of a population.
    struct RateBin {
        std::int64_t bin;
        std::uint32_t count;
    };
    /// One state sample of a trace.
    struct Sample {
        std::int64_t step;
        float value;
    };
    /// Bins of a weight histogram.
    static constexpr std::size_t kWeightBins = 32;
    /// Weight statistics of a plastic projection.
    struct Weights {
        std::int64_t step = 0;
        float mean = 0.0f;
        float low = 0.0f;
        float high = 1.0f;
        std::array<std::uint32_t, kWeightBins> histogram{};
    };
    /// A population as the views show it.
    using Population = widgets::LiveRecording::Population;
    /// A membrane (state) trace.
    struct Trace {
        std::size_t population = 0;
        std::int32_t neuron = 0;
        std::string variable;
        std::string unit;
    };
    /// One bin of a virtual recording at one contact: the LFP proxy sampled at the bin's end
    /// and the multi-unit spikes in it (bin b covers steps [b, b+1) * binSteps).
    struct ContactBin {
        std::int64_t bin;
        std::uint32_t contact;
        std::uint32_t units;
        float lfpUv;
    };
    /**
     * @brief The electrode contacts being recorded and the ring of their bins. Replaced as a
     * whole (with a new id) when the contacts change: the views then restart their contact
     * recording, and bins left in the old set's ring are dropped with it.
     */
    struct ContactSet {
        ContactSet(std::uint64_t setId, std::vector<std::string> contactNames,
                   std::int64_t stepsPerBin, std::size_t capacity)
            : id(setId)
            , names(std::move(contactNames))
            , binSteps(stepsPerBin)
            , bins(capacity) {}
        const std::uint64_t id;
        const std::vector<std::string> names;
        const std::int64_t binSteps;
        core::SpscRing<ContactBin> bins;
    };
    /// Most traces one session records.
    static constexpr std::size_t kMaxTraces = 16;

    /// Channels for these populations and plastic projections; rings hold `spikeCapacity`
    /// spikes per population.
    LiveChannels(std::vector<Population> populations, std::vector<std::string> plasticProjections,
                 double dtMs, std::int64_t rateBinSteps, std::size_t spikeCapacity);

    const std::vector<Population>& populations() const { return m_populations; }
    const std::vector<std::string>& plasticProjections() const { return m_projections; }
    double dtMs() const { return m_dtMs; }
    std::int64_t rateBinSteps() const { return m_rateBinSteps; }

    core::SpscRing<Spike>& spikes(std::size_t population) { return *m_spikes[population]; }
    core::SpscRing<RateBin>& rates(std::size_t population) { return *m_rates[population]; }
    core::SpscRing<Weights>& weights(std::size_t projection) { return *m_weights[projection]; }
    core::SpscRing<Sample>& samples(std::size_t trace) { return *m_samples[trace]; }

    /// Simulation thread: publish a new trace; returns its index, or -1 when all are in use.
    int addTrace(const Trace& trace);
    /// Traces published so far (GUI thread).
    std::size_t traceCount() const { return m_traceCount.load(std::memory_order_acquire); }
    /// Trace `index` (< traceCount()).
    const Trace& trace(std::size_t index) const { return m_traces[index]; }
    /// Index of the trace of (population, neuron, variable), or -1.
    int findTrace(std::size_t population, std::int32_t neuron, const std::string& variable) const;

    /// Simulation thread: publish the contacts recorded from now on (null: none).
    void setContacts(std::shared_ptr<ContactSet> contacts);
    /// The contacts recorded now (null: none). Any thread; the set stays valid while held.
    std::shared_ptr<ContactSet> contacts() const;

    /// Simulation thread: publish the run's protocol (every trial of its schedule and the
    /// condition names); bumps protocolVersion().
    void setProtocol(std::vector<core::TrialWindow> trials, std::vector<std::string> conditions);
    /// The protocol published last (any thread).
    void protocol(std::vector<core::TrialWindow>& trials,
                  std::vector<std::string>& conditions) const;
    /// Number of setProtocol() calls so far (any thread).
    std::uint64_t protocolVersion() const;

    /// A perturbation the simulation thread applied (shown in the log and the raster).
    using Perturbation = widgets::LiveRecording::PerturbationMark;
    /// Simulation thread: note an applied perturbation.
    void addPerturbation(Perturbation perturbation);
    /// GUI thread: the perturbations applied since the last call.
    std::vector<Perturbation> takePerturbations();

    /// Step the simulation has reached; published after each chunk's data.
    std::int64_t step() const { return m_step.load(std::memory_order_acquire); }
    void setStep(std::int64_t step) { m_step.store(step, std::memory_order_release); }

    /// Everything dropped by every ring so far.
    std::uint64_t dropped() const;

private:
    std::vector<Population> m_populations;
    std::vector<std::string> m_projections;
    double m_dtMs;
    std::int64_t m_rateBinSteps;
    std::vector<std::unique_ptr<core::SpscRing<Spike>>> m_spikes;
    std::vector<std::unique_ptr<core::SpscRing<RateBin>>> m_rates;
    std::vector<std::unique_ptr<core::SpscRing<Weights>>> m_weights;
    std::array<std::unique_ptr<core::SpscRing<Sample>>, kMaxTraces> m_samples;
    std::array<Trace, kMaxTraces> m_traces;
    std::atomic<std::size_t> m_traceCount{0};
    std::atomic<std::int64_t> m_step{0};
    mutable std::mutex m_contactsMutex; ///< guards the pointer only, never the ring
    std::shared_ptr<ContactSet> m_contacts;
    std::uint64_t m_retiredContactDrops = 0; ///< drops of replaced contact sets
    mutable std::mutex m_eventsMutex;        ///< guards the protocol and the perturbations (rare)
    std::vector<core::TrialWindow> m_trials;
    std::vector<std::string> m_conditions;
    std::uint64_t m_protocolVersion = 0;
    std::vector<Perturbation> m_perturbations;
};

} // namespace plexus::app
