#pragma once

#include "plexus/core/engine/Network.h"
#include "plexus/core/engine/SpinBarrier.h"

#include <atomic>
#include <cstdint>
#include <exception>
#include <mutex>
#include <vector>

namespace plexus::core {

/// Runs a Network in chunks: prepare(), run(steps) any number of times, finish().
///
/// Each of the network's partitions is advanced by its own thread; threads meet once per step.
/// Spikes of step s are delivered at the start of step s+1 by every thread into its own target
/// slice, so results are bit-identical for any thread count. requestCancel() (from any thread)
/// stops a running chunk after the current step.
class Simulator {
public:
    explicit Simulator(Network& network);

    /// Continue a run at step `step` (e.g. a network rebuilt after an edit, whose state was
    /// copied from the previous one). Only before the first prepare()/run(). Throws Error.
    void startAt(std::int64_t step);
    /// Continue where `previous` (over another network, e.g. the one this network was rebuilt
    /// from, with its state copied by NetworkStateTransfer) stopped: same step, and the spikes
    /// of its last step still to be delivered here (populations matched by name). Only before
    /// the first prepare()/run(). Throws Error.
    void continueFrom(const Simulator& previous);
    /// Allocate per-run buffers. Called by run() when needed.
    void prepare();
    /// Advance up to `steps` steps; returns the number done (fewer only when cancelled).
    /// When a model throws, the steps before the failing one count as done, recorders keep
    /// what they recorded until then, and the exception is rethrown (from any thread).
    std::int64_t run(std::int64_t steps);
    /// Complete the run (recorders hold everything up to the current step).
    void finish();
    /// Ask a running chunk to stop after its current step. Thread-safe.
    void requestCancel() { m_cancel.store(true, std::memory_order_relaxed); }

    /// Steps computed so far.
    std::int64_t currentStep() const { return m_step; }
    /// Simulated time so far, in ms.
    double timeMs() const { return static_cast<double>(m_step) * m_network.dtMs; }
    /// Spikes per population so far.
    const std::vector<std::uint64_t>& spikeCounts() const { return m_spikeCounts; }
    /// Synaptic events (spikes x out-degree) delivered so far.
    std::uint64_t synapticEvents() const { return m_events; }

private:
    void advance(std::size_t slice, std::int64_t step);
    void couple(const Projection& proj, std::size_t slice, std::int64_t step);
    void collect(std::int64_t step);
    /// Sort the network's interventions by what they act on (at the start of every chunk).
    void indexInterventions();
    /// The one-time interventions of `step` on the synapses of `slice` (kept out of advance()
    /// so that a network without interventions runs the same code as before).
    [[gnu::noinline]] void applyOneTime(std::size_t slice, std::int64_t step);
    /// The windowed interventions on population `p` active at `step`, before (`afterUpdate`
    /// false: Drive) or after (Gate, Silence, Clamp) its update.
    [[gnu::noinline]] void intervene(std::size_t p, std::size_t slice, std::int64_t step,
                                     bool afterUpdate, std::vector<std::int32_t>& spikes);
    void workerLoop(std::size_t slice, std::int64_t first, std::int64_t last, SpinBarrier& barrier);

    Network& m_network;
    bool m_prepared = false;
    std::int64_t m_step = 0;
    /// [parity][slice][population] spikes of the step with that parity.
    std::vector<std::vector<std::vector<std::int32_t>>> m_spikes[2];
    std::vector<std::vector<float*>> m_inputPointers;    ///< [slice] scratch for receptor arrays
    std::vector<std::vector<std::uint32_t>> m_outDegree; ///< [population][neuron]
    std::vector<std::uint64_t> m_spikeCounts;
    /// Double-buffered copies of state read by rate/gap projections: per population, the state
    /// index (or -1) and [parity][neuron] values at the end of the step with that parity.
    std::vector<int> m_snapshotVariable;
    std::vector<std::vector<float>> m_snapshots[2];
    std::uint64_t m_events = 0;
    bool m_intervening = false; ///< the network has interventions (this chunk)
    /// Per population: indices of the windowed interventions acting on it.
    std::vector<std::vector<std::size_t>> m_populationInterventions;
    /// Per current injection: index of the intervention gating it, or -1.
    std::vector<std::int64_t> m_injectionGates;
    /// Indices of the one-time interventions (ScaleWeights, Lesion).
    std::vector<std::size_t> m_oneTimeInterventions;
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_failed{false}; ///< a thread's step threw in this chunk
    std::exception_ptr m_failure;      ///< the first exception of this chunk
    std::mutex m_failureMutex;
    std::atomic<std::int64_t> m_stopAfter{-1};
};

} // namespace plexus::core
