#include "plexus/widgets/live/LiveRecording.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <utility>

namespace plexus::widgets {

namespace {

/**
 * Appends (keys[i], values[i]) to the parallel vectors @p keyStore / @p valueStore, keeping
 * them sorted by key. The usual case (the new keys are ascending and not before the stored
 * ones) is a plain append; anything else is merged with a stable sort so binary searches over
 * the keys stay valid.
 */
template <typename Key, typename Value>
void appendSorted(std::vector<Key>& keyStore, std::vector<Value>& valueStore, const Key* keys,
                  const Value* values, std::size_t count) {
    const std::size_t old = keyStore.size();
    keyStore.insert(keyStore.end(), keys, keys + count);
    valueStore.insert(valueStore.end(), values, values + count);
    const auto begin = keyStore.begin() + static_cast<std::ptrdiff_t>(old > 0 ? old - 1 : 0);
    if (std::is_sorted(begin, keyStore.end())) {
        return;
    }
    // Out of order: sort the whole store by key, keeping equal keys in arrival order.
    std::vector<std::size_t> order(keyStore.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return keyStore[a] < keyStore[b]; });
    std::vector<Key> sortedKeys(keyStore.size());
    std::vector<Value> sortedValues(valueStore.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        sortedKeys[i] = keyStore[order[i]];
        sortedValues[i] = valueStore[order[i]];
    }
    keyStore = std::move(sortedKeys);
    valueStore = std::move(sortedValues);
}

} // namespace

void LiveRecording::reset(std::vector<Population> populations, double dtMs,
                          std::int64_t rateBinSteps) {
    m_populations = std::move(populations);
    m_dtMs = dtMs > 0.0 ? dtMs : 0.1;
    m_rateBinSteps = std::max<std::int64_t>(1, rateBinSteps);
    m_spikeSteps.assign(m_populations.size(), {});
    m_spikeNeurons.assign(m_populations.size(), {});
    m_rateBins.assign(m_populations.size(), {});
    m_traces.clear();
    m_weights.clear();
    if (!m_contacts.empty()) {
        m_contacts.clear();
        ++m_contactGeneration;
    }
    m_trials.clear();
    m_conditionNames.clear();
    m_perturbations.clear();
    m_spikeTotal = 0;
    m_currentStep = 0;
    m_dropped = 0;
    ++m_generation;
    ++m_revision;
}

void LiveRecording::appendSpikes(std::size_t population, const std::int64_t* steps,
                                 const std::int32_t* neurons, std::size_t count) {
    if (population >= m_populations.size() || count == 0 || steps == nullptr ||
        neurons == nullptr) {
        return;
    }
    appendSorted(m_spikeSteps[population], m_spikeNeurons[population], steps, neurons, count);
    m_spikeTotal += count;
    m_currentStep = std::max(m_currentStep, m_spikeSteps[population].back());
    ++m_revision;
}

const std::vector<std::int64_t>& LiveRecording::spikeSteps(std::size_t population) const {
    static const std::vector<std::int64_t> empty;
    return population < m_spikeSteps.size() ? m_spikeSteps[population] : empty;
}

const std::vector<std::int32_t>& LiveRecording::spikeNeurons(std::size_t population) const {
    static const std::vector<std::int32_t> empty;
    return population < m_spikeNeurons.size() ? m_spikeNeurons[population] : empty;
}

void LiveRecording::appendRateBins(std::size_t population, std::int64_t firstBin,
                                   const std::uint32_t* counts, std::size_t count) {
    if (population >= m_populations.size() || count == 0 || counts == nullptr) {
        return;
    }
    // Bins before 0 do not exist: drop that part of the input.
    if (firstBin < 0) {
        const auto skip = static_cast<std::size_t>(-firstBin);
        if (skip >= count) {
            return;
        }
        counts += skip;
        count -= skip;
        firstBin = 0;
    }
    auto& bins = m_rateBins[population];
    const auto first = static_cast<std::size_t>(firstBin);
    if (bins.size() < first + count) {
        bins.resize(first + count, 0u); // a gap before firstBin is filled with zeros
    }
    std::copy(counts, counts + count, bins.begin() + static_cast<std::ptrdiff_t>(first));
    const std::int64_t endStep = (firstBin + static_cast<std::int64_t>(count)) * m_rateBinSteps;
    m_currentStep = std::max(m_currentStep, endStep - 1);
    ++m_revision;
}

const std::vector<std::uint32_t>& LiveRecording::rateBins(std::size_t population) const {
    static const std::vector<std::uint32_t> empty;
    return population < m_rateBins.size() ? m_rateBins[population] : empty;
}

double LiveRecording::rateHz(std::size_t population, std::size_t bin) const {
    if (population >= m_rateBins.size() || bin >= m_rateBins[population].size()) {
        return 0.0;
    }
    const double size = static_cast<double>(m_populations[population].size);
    const double binSeconds = static_cast<double>(m_rateBinSteps) * m_dtMs * 1e-3;
    if (size <= 0.0 || binSeconds <= 0.0) {
        return 0.0;
    }
    return static_cast<double>(m_rateBins[population][bin]) / (size * binSeconds);
}

std::size_t LiveRecording::addTrace(std::size_t population, std::int32_t neuron,
                                    const std::string& variable, const std::string& unit) {
    for (std::size_t i = 0; i < m_traces.size(); ++i) {
        const Trace& t = m_traces[i];
        if (t.population == population && t.neuron == neuron && t.variable == variable) {
            return i;
        }
    }
    Trace trace;
    trace.population = population;
    trace.neuron = neuron;
    trace.variable = variable;
    trace.unit = unit;
    m_traces.push_back(std::move(trace));
    ++m_revision;
    return m_traces.size() - 1;
}

void LiveRecording::appendSamples(std::size_t trace, const std::int64_t* steps, const float* values,
                                  std::size_t count) {
    if (trace >= m_traces.size() || count == 0 || steps == nullptr || values == nullptr) {
        return;
    }
    Trace& t = m_traces[trace];
    appendSorted(t.steps, t.values, steps, values, count);
    m_currentStep = std::max(m_currentStep, t.steps.back());
    ++m_revision;
}

void LiveRecording::removeTrace(std::size_t trace) {
    if (trace >= m_traces.size()) {
        return;
    }
    m_traces.erase(m_traces.begin() + static_cast<std::ptrdiff_t>(trace));
    ++m_revision;
}

std::size_t LiveRecording::appendWeights(const std::string& projection, std::int64_t step,
                                         float mean, double low, double high,
                                         std::vector<std::uint32_t> histogram) {
    auto it = std::find_if(m_weights.begin(), m_weights.end(),
                           [&](const WeightTrack& w) { return w.projection == projection; });
    if (it == m_weights.end()) {
        WeightTrack track;
        track.projection = projection;
        m_weights.push_back(std::move(track));
        it = m_weights.end() - 1;
    }
    appendSorted(it->steps, it->mean, &step, &mean, 1);
    it->histogramLow = low;
    it->histogramHigh = high;
    it->histogram = std::move(histogram);
    m_currentStep = std::max(m_currentStep, step);
    ++m_revision;
    return static_cast<std::size_t>(it - m_weights.begin());
}

void LiveRecording::setContacts(std::vector<std::string> names, std::int64_t binSteps) {
    m_contacts.clear();
    for (std::string& name : names) {
        ContactTrack track;
        track.name = std::move(name);
        m_contacts.push_back(std::move(track));
    }
    m_contactBinSteps = std::max<std::int64_t>(1, binSteps);
    ++m_contactGeneration;
    ++m_revision;
}

void LiveRecording::appendContactBins(std::size_t contact, std::int64_t firstBin,
                                      const float* lfpUv, const std::uint32_t* units,
                                      std::size_t count) {
    if (contact >= m_contacts.size() || count == 0 || lfpUv == nullptr || units == nullptr ||
        firstBin < 0) {
        return;
    }
    ContactTrack& track = m_contacts[contact];
    const auto first = static_cast<std::size_t>(firstBin);
    if (track.lfpUv.size() < first + count) {
        track.lfpUv.resize(first + count, std::numeric_limits<float>::quiet_NaN());
        track.units.resize(first + count, 0u);
    }
    std::copy(lfpUv, lfpUv + count, track.lfpUv.begin() + static_cast<std::ptrdiff_t>(first));
    std::copy(units, units + count, track.units.begin() + static_cast<std::ptrdiff_t>(first));
    const std::int64_t endStep = (firstBin + static_cast<std::int64_t>(count)) * m_contactBinSteps;
    m_currentStep = std::max(m_currentStep, endStep);
    ++m_revision;
}

double LiveRecording::contactRateHz(std::size_t contact, std::size_t bin) const {
    if (contact >= m_contacts.size() || bin >= m_contacts[contact].units.size()) {
        return 0.0;
    }
    const double binSeconds = static_cast<double>(m_contactBinSteps) * m_dtMs * 1e-3;
    return binSeconds > 0.0 ? m_contacts[contact].units[bin] / binSeconds : 0.0;
}

void LiveRecording::setCurrentStep(std::int64_t step) {
    if (step == m_currentStep) {
        return;
    }
    m_currentStep = step;
    ++m_revision;
}

void LiveRecording::setTrials(std::vector<core::TrialWindow> trials,
                              std::vector<std::string> conditionNames) {
    m_trials = std::move(trials);
    m_conditionNames = std::move(conditionNames);
    ++m_revision;
}

void LiveRecording::addPerturbation(PerturbationMark mark) {
    m_perturbations.push_back(std::move(mark));
    ++m_revision;
}

} // namespace plexus::widgets
