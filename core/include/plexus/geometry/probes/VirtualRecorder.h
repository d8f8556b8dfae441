#pragma once

#include "plexus/core/engine/Network.h"
#include "plexus/core/project/ProjectSpec.h"
#include "plexus/geometry/probes/LfpProxy.h"
#include "plexus/geometry/probes/RecordingProbe.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace plexus::geometry {

/**
 * @brief Virtual recordings of a running network at electrode contacts: an LFP proxy per
 * contact sampled every binSteps() steps and multi-unit spike counts per contact in bins of
 * binSteps() steps (1 ms by default).
 *
 * LFP: at each sample time t = k * binSteps() * dt, the synaptic current of every placed
 * neuron (see currentTerms()) is fed to an LfpProxy (point sources, sigma = 0.3 S/m by
 * default): V_c = 1/(4 pi sigma) * sum_i I_i / max(r_ci, r_min), in uV for currents in nA.
 * MUA: the spikes in bin b (steps [b, b+1) * binSteps()) of the neurons within
 * LfpProxy::Options::multiUnitRadiusMm of the contact.
 *
 * The recorder works through the engine's own recorders, so chunked and multithreaded runs
 * need nothing special: attach() adds one core::StateRecorder (the current variables of every
 * placed neuron, interval binSteps()) and one core::SpikeRecorder per recorded population to
 * the network, named with kRecorderPrefix; after each Simulator::run() chunk, collect()
 * turns what they hold into LFP samples and MUA bins and empties them. Results accumulate
 * until discardResults(). A network rebuilt during a run (NetworkStateTransfer) gets a new
 * recorder that continueFrom() the old one, attached at the current step.
 */
class VirtualRecorder {
public:
    /// Prefix of the names of the engine recorders attach() adds.
    static constexpr const char* kRecorderPrefix = "virtual-recording:";

    /// One term of a model's synaptic current: I (nA) = scaleToNa * x, or for a conductance
    /// x = g, I = scaleToNa * g * (reversalMv - v).
    struct CurrentTerm {
        std::size_t variable = 0;        ///< state index of x (a current or a conductance)
        double scaleToNa = 1.0;          ///< factor to nA
        bool conductance = false;        ///< x is a conductance (nS)
        double reversalMv = 0.0;         ///< reversal potential of a conductance
        std::size_t voltageVariable = 0; ///< state index of v (conductance terms)
    };

    /// Settings.
    struct Options {
        std::int64_t binSteps = 0; ///< sample / bin interval in steps (0: round(1 ms / dt))
        LfpProxy::Options lfp;     ///< conductivity, clamp, multi-unit radius
    };

    /**
     * @brief The synaptic current of a neuron model, as the sum of terms over its state
     * variables (documented rule, by state key and unit):
     *
     * - currents: keys starting "i_" that name a synapse ("exc", "inh" or "syn" in the key;
     *   "i_stim" and the like are not synaptic). Unit nA: x; pA: x / 1000; mV (current times
     *   membrane resistance, e.g. lif_cuba): x / R_m with R_m = tau_m / c_m (parameters
     *   "tau_m" ms and "c_m" pF; the term is left out when they are missing); any other unit
     *   (e.g. Izhikevich's mV/ms) is taken as nA.
     * - conductances: keys "g_exc" / "g_inh" in nS give g * (E - v) pA with E the parameter
     *   "e_exc" / "e_inh" and v the state "v" (left out when either is missing).
     *
     * Positive values depolarise. Parameter values come from @p params, else the model's
     * defaults. An empty list: the model contributes no LFP (its spikes still count as MUA).
     */
    static std::vector<CurrentTerm> currentTerms(const core::ModelInfo& info,
                                                 const std::map<std::string, double>& params);

    /**
     * @brief A recorder of the populations of @p network named in @p probe (spike sources are
     * skipped), with parameters of @p project's populations when given (else model defaults).
     * Throws core::Error on non-finite positions or invalid options.
     */
    VirtualRecorder(const core::Network& network, const RecordingProbe& probe,
                    const core::ProjectSpec* project, const Options& options);
    /// As above with default Options.
    VirtualRecorder(const core::Network& network, const RecordingProbe& probe,
                    const core::ProjectSpec* project = nullptr);
    ~VirtualRecorder();

    VirtualRecorder(const VirtualRecorder&) = delete;
    VirtualRecorder& operator=(const VirtualRecorder&) = delete;

    /// True when @p recorderName is the name of an engine recorder that attach() adds.
    static bool ownsRecorder(const std::string& recorderName);

    /**
     * @brief Adds the engine recorders to @p network (the network this recorder was made
     * for) for a run continuing at step @p step (0 for a new run): the first LFP sample is at
     * the next multiple of binSteps() after @p step, MUA counts from @p step on.
     */
    void attach(core::Network& network, std::int64_t step = 0);
    /// Continue the results of @p previous (a recorder of the network this one's was rebuilt
    /// from): its undiscarded results and the counts of its open MUA bin carry over. Call
    /// before collecting. Ignored when the contact count or binSteps() differ.
    void continueFrom(const VirtualRecorder& previous);
    /**
     * @brief Turns what the engine recorders of @p network hold into results and empties
     * them; @p step is the simulator's current step (MUA bins before it are complete).
     */
    void collect(core::Network& network, std::int64_t step);

    /// Number of contacts.
    Eigen::Index contactCount() const { return m_contactCount; }
    /// Sample / bin interval in steps.
    std::int64_t binSteps() const { return m_binSteps; }
    /// Neurons placed and recorded (all populations).
    Eigen::Index neuronCount() const { return m_proxy ? m_proxy->neuronCount() : 0; }
    /// The LFP proxy over the recorded neurons (populations in network order, concatenated).
    const LfpProxy& proxy() const { return *m_proxy; }
    /// Index of the first neuron of network population @p population in proxy() (-1: not
    /// recorded).
    Eigen::Index proxyOffset(std::size_t population) const;

    /// Time (in steps) of each LFP sample held.
    const std::vector<std::int64_t>& sampleSteps() const { return m_sampleSteps; }
    /// LFP samples held (uV): row per sample, contactCount() values per row.
    const std::vector<float>& lfpUv() const { return m_lfp; }
    /// Index of the first MUA bin held.
    std::int64_t firstMuaBin() const { return m_firstBin; }
    /// Complete MUA bins held (as of the last collect()).
    std::int64_t completeMuaBins() const { return m_completeBins; }
    /// MUA counts: row per bin from firstMuaBin() (complete ones first, then the open bin),
    /// contactCount() values per row.
    const std::vector<std::uint32_t>& muaCounts() const { return m_mua; }

    /// Forget the LFP samples and the complete MUA bins held (e.g. after handing them on).
    void discardResults();

private:
    struct Source {
        std::size_t population = 0;
        std::string name;                   ///< engine recorder name
        Eigen::Index offset = 0;            ///< first neuron in the proxy
        std::size_t count = 0;              ///< neurons recorded
        std::vector<CurrentTerm> terms;     ///< state indices relative to the recorder's variables
        std::vector<std::size_t> variables; ///< model state indices sampled
    };

    void addSpikes(const std::vector<std::int64_t>& steps, const std::vector<std::int32_t>& neurons,
                   Eigen::Index offset, std::size_t count);

    Options m_options;
    std::int64_t m_binSteps = 10;
    Eigen::Index m_contactCount = 0;
    std::vector<Source> m_sources;
    std::unique_ptr<LfpProxy> m_proxy;
    std::vector<std::int32_t> m_contactsOfNeuronStart; ///< CSR neuron -> contacts in radius
    std::vector<std::int32_t> m_contactsOfNeuron;
    Eigen::VectorXf m_currents; ///< scratch, one per recorded neuron

    std::vector<std::int64_t> m_sampleSteps;
    std::vector<float> m_lfp;
    std::int64_t m_firstBin = 0;
    std::int64_t m_completeBins = 0;
    std::vector<std::uint32_t> m_mua;
};

} // namespace plexus::geometry
