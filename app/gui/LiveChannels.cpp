#include "LiveChannels.h"

namespace plexus::app {

namespace {
constexpr std::size_t kRateCapacity = 1 << 14;
constexpr std::size_t kWeightCapacity = 256;
constexpr std::size_t kSampleCapacity = 1 << 17;
} // namespace

LiveChannels::LiveChannels(std::vector<Population> populations,
                           std::vector<std::string> plasticProjections, double dtMs,
                           std::int64_t rateBinSteps, std::size_t spikeCapacity)
    : m_populations(std::move(populations))
    , m_projections(std::move(plasticProjections))
    , m_dtMs(dtMs)
    , m_rateBinSteps(rateBinSteps) {
    for (std::size_t p = 0; p < m_populations.size(); ++p) {
        m_spikes.push_back(std::make_unique<core::SpscRing<Spike>>(spikeCapacity));
        m_rates.push_back(std::make_unique<core::SpscRing<RateBin>>(kRateCapacity));
    }
    for (std::size_t k = 0; k < m_projections.size(); ++k)
        m_weights.push_back(std::make_unique<core::SpscRing<Weights>>(kWeightCapacity));
}

int LiveChannels::addTrace(const Trace& trace) {
    const std::size_t n = m_traceCount.load(std::memory_order_relaxed);
    if (n >= kMaxTraces)
        return -1;
    m_traces[n] = trace;
    m_samples[n] = std::make_unique<core::SpscRing<Sample>>(kSampleCapacity);
    m_traceCount.store(n + 1, std::memory_order_release);
    return static_cast<int>(n);
}

int LiveChannels::findTrace(std::size_t population, std::int32_t neuron,
                            const std::string& variable) const {
    const std::size_t n = m_traceCount.load(std::memory_order_acquire);
    for (std::size_t k = 0; k < n; ++k)
        if (m_traces[k].population == population && m_traces[k].neuron == neuron &&
            m_traces[k].variable == variable)
            return static_cast<int>(k);
    return -1;
}

void LiveChannels::setContacts(std::shared_ptr<ContactSet> contacts) {
    std::lock_guard lock(m_contactsMutex);
    if (m_contacts)
        m_retiredContactDrops += m_contacts->bins.dropped();
    m_contacts = std::move(contacts);
}

std::shared_ptr<LiveChannels::ContactSet> LiveChannels::contacts() const {
    std::lock_guard lock(m_contactsMutex);
    return m_contacts;
}

std::uint64_t LiveChannels::dropped() const {
    std::uint64_t total = 0;
    {
        std::lock_guard lock(m_contactsMutex);
        total += m_retiredContactDrops + (m_contacts ? m_contacts->bins.dropped() : 0);
    }
    for (const auto& ring : m_spikes)
        total += ring->dropped();
    for (const auto& ring : m_rates)
        total += ring->dropped();
    for (const auto& ring : m_weights)
        total += ring->dropped();
    const std::size_t n = traceCount();
    for (std::size_t k = 0; k < n; ++k)
        total += m_samples[k]->dropped();
    return total;
}

void LiveChannels::setProtocol(std::vector<core::TrialWindow> trials,
                               std::vector<std::string> conditions) {
    std::lock_guard lock(m_eventsMutex);
    m_trials = std::move(trials);
    m_conditions = std::move(conditions);
    ++m_protocolVersion;
}

void LiveChannels::protocol(std::vector<core::TrialWindow>& trials,
                            std::vector<std::string>& conditions) const {
    std::lock_guard lock(m_eventsMutex);
    trials = m_trials;
    conditions = m_conditions;
}

std::uint64_t LiveChannels::protocolVersion() const {
    std::lock_guard lock(m_eventsMutex);
    return m_protocolVersion;
}

void LiveChannels::addPerturbation(Perturbation perturbation) {
    std::lock_guard lock(m_eventsMutex);
    m_perturbations.push_back(std::move(perturbation));
}

std::vector<LiveChannels::Perturbation> LiveChannels::takePerturbations() {
    std::lock_guard lock(m_eventsMutex);
    std::vector<Perturbation> taken;
    taken.swap(m_perturbations);
    return taken;
}

} // namespace plexus::app
