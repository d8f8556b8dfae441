#include "LiveDrain.h"

#include "plexus/widgets/live/LiveRecording.h"

namespace plexus::app {

bool LiveDrain::drain(const std::shared_ptr<LiveChannels>& channels,
                      widgets::LiveRecording& recording) {
    bool changed = false;
    if (channels != m_channels) {
        // The old session produces nothing more: take its last data, then start over.
        if (m_channels)
            changed = drainSession(*m_channels, recording) || changed;
        m_channels = channels;
        m_traceIndex.clear();
        m_contacts.reset();
        m_protocolVersion = 0;
        recording.reset(m_channels ? m_channels->populations()
                                   : std::vector<widgets::LiveRecording::Population>{},
                        m_channels ? m_channels->dtMs() : recording.dtMs(),
                        m_channels ? m_channels->rateBinSteps() : recording.rateBinSteps());
        changed = true;
    }
    if (m_channels)
        changed = drainSession(*m_channels, recording) || changed;
    return changed;
}

bool LiveDrain::drainSession(LiveChannels& ch, widgets::LiveRecording& recording) {
    bool changed = false;
    // The step first: everything pushed before it was published is in the rings now.
    const std::int64_t step = ch.step();
    if (const std::uint64_t version = ch.protocolVersion(); version != m_protocolVersion) {
        m_protocolVersion = version;
        std::vector<core::TrialWindow> trials;
        std::vector<std::string> conditions;
        ch.protocol(trials, conditions);
        recording.setTrials(std::move(trials), std::move(conditions));
        changed = true;
    }
    for (LiveChannels::Perturbation& p : ch.takePerturbations()) {
        recording.addPerturbation(p);
        m_perturbations.push_back(std::move(p));
        changed = true;
    }
    for (std::size_t p = 0; p < ch.populations().size(); ++p) {
        auto& ring = ch.spikes(p);
        m_spikes.resize(ring.capacity());
        const std::size_t n = ring.pop(m_spikes.data(), m_spikes.size());
        if (n > 0) {
            m_steps.resize(n);
            m_neurons.resize(n);
            for (std::size_t i = 0; i < n; ++i) {
                m_steps[i] = m_spikes[i].step;
                m_neurons[i] = m_spikes[i].neuron;
            }
            recording.appendSpikes(p, m_steps.data(), m_neurons.data(), n);
            changed = true;
        }
        // Rate bins arrive in order; append runs of consecutive bins.
        std::int64_t first = -1;
        m_counts.clear();
        ch.rates(p).consume([&](const LiveChannels::RateBin& b) {
            if (first >= 0 && b.bin != first + static_cast<std::int64_t>(m_counts.size())) {
                recording.appendRateBins(p, first, m_counts.data(), m_counts.size());
                m_counts.clear();
            }
            if (m_counts.empty())
                first = b.bin;
            m_counts.push_back(b.count);
        });
        if (!m_counts.empty()) {
            recording.appendRateBins(p, first, m_counts.data(), m_counts.size());
            changed = true;
        }
    }
    const std::size_t traces = ch.traceCount();
    while (m_traceIndex.size() < traces) {
        const auto& t = ch.trace(m_traceIndex.size());
        m_traceIndex.push_back(recording.addTrace(t.population, t.neuron, t.variable, t.unit));
        changed = true;
    }
    for (std::size_t k = 0; k < traces; ++k) {
        m_steps.clear();
        m_values.clear();
        ch.samples(k).consume([&](const LiveChannels::Sample& s) {
            m_steps.push_back(s.step);
            m_values.push_back(s.value);
        });
        if (!m_steps.empty() && m_traceIndex[k] < recording.traceCount()) {
            recording.appendSamples(m_traceIndex[k], m_steps.data(), m_values.data(),
                                    m_steps.size());
            changed = true;
        }
    }
    if (const auto contacts = ch.contacts(); contacts != m_contacts) {
        // New contacts: their recording starts afresh.
        m_contacts = contacts;
        if (m_contacts)
            recording.setContacts(m_contacts->names, m_contacts->binSteps);
        else if (recording.contactCount() > 0)
            recording.setContacts({}, recording.contactBinSteps());
        changed = true;
    }
    changed = drainContacts(recording) || changed;
    for (std::size_t k = 0; k < ch.plasticProjections().size(); ++k)
        ch.weights(k).consume([&](const LiveChannels::Weights& w) {
            recording.appendWeights(
                ch.plasticProjections()[k], w.step, w.mean, w.low, w.high,
                std::vector<std::uint32_t>(w.histogram.begin(), w.histogram.end()));
            changed = true;
        });
    if (step != recording.currentStep()) {
        recording.setCurrentStep(step);
        changed = true;
    }
    const std::uint64_t dropped = ch.dropped();
    if (dropped != recording.dropped()) {
        recording.setDropped(dropped);
        changed = true;
    }
    return changed;
}

std::vector<LiveChannels::Perturbation> LiveDrain::takePerturbations() {
    std::vector<LiveChannels::Perturbation> taken;
    taken.swap(m_perturbations);
    return taken;
}

bool LiveDrain::drainContacts(widgets::LiveRecording& recording) {
    if (!m_contacts)
        return false;
    auto& ring = m_contacts->bins;
    m_contactBins.resize(ring.capacity());
    const std::size_t n = ring.pop(m_contactBins.data(), m_contactBins.size());
    for (std::size_t i = 0; i < n; ++i) {
        const LiveChannels::ContactBin& b = m_contactBins[i];
        recording.appendContactBins(b.contact, b.bin, &b.lfpUv, &b.units, 1);
    }
    return n > 0;
}

} // namespace plexus::app
