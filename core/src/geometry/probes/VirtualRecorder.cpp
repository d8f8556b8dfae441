#include "plexus/geometry/probes/VirtualRecorder.h"

#include "plexus/core/base/Error.h"

#include <algorithm>
#include <cmath>

namespace plexus::geometry {

namespace {

/// Value of parameter @p key: @p params, else the model's default; NaN when unknown.
double parameter(const core::ModelInfo& info, const std::map<std::string, double>& params,
                 const std::string& key) {
    if (const auto it = params.find(key); it != params.end())
        return it->second;
    if (const auto index = info.parameterIndex(key))
        return info.parameters[*index].defaultValue;
    return std::nan("");
}

bool contains(const std::string& text, const char* part) {
    return text.find(part) != std::string::npos;
}

} // namespace

std::vector<VirtualRecorder::CurrentTerm>
VirtualRecorder::currentTerms(const core::ModelInfo& info,
                              const std::map<std::string, double>& params) {
    std::vector<CurrentTerm> terms;
    for (std::size_t s = 0; s < info.stateVariables.size(); ++s) {
        const core::StateVariableDescriptor& var = info.stateVariables[s];
        const std::string& key = var.key;
        CurrentTerm term;
        term.variable = s;
        if (key.rfind("i_", 0) == 0 &&
            (contains(key, "exc") || contains(key, "inh") || contains(key, "syn"))) {
            if (var.unit == "nA") {
                term.scaleToNa = 1.0;
            } else if (var.unit == "pA") {
                term.scaleToNa = 1e-3;
            } else if (var.unit == "mV") {
                // Current times R_m: R_m = tau_m / c_m (ms / pF = GOhm), I = x / R_m.
                const double tau = parameter(info, params, "tau_m");
                const double cm = parameter(info, params, "c_m");
                if (!(std::isfinite(tau) && std::isfinite(cm) && tau > 0.0 && cm > 0.0))
                    continue;
                const double rMOhm = tau / cm * 1e3;
                term.scaleToNa = 1.0 / rMOhm; // mV / MOhm = nA
            } else {
                term.scaleToNa = 1.0; // model units taken as nA
            }
            terms.push_back(term);
        } else if ((key == "g_exc" || key == "g_inh") && var.unit == "nS") {
            const double reversal =
                parameter(info, params, key == "g_exc" ? std::string("e_exc") : "e_inh");
            const auto v = info.stateIndex("v");
            if (!std::isfinite(reversal) || !v)
                continue;
            term.conductance = true;
            term.reversalMv = reversal;
            term.voltageVariable = *v;
            term.scaleToNa = 1e-3; // nS * mV = pA
            terms.push_back(term);
        }
    }
    return terms;
}

VirtualRecorder::VirtualRecorder(const core::Network& network, const RecordingProbe& probe,
                                 const core::ProjectSpec* project)
    : VirtualRecorder(network, probe, project, Options{}) {}

VirtualRecorder::VirtualRecorder(const core::Network& network, const RecordingProbe& probe,
                                 const core::ProjectSpec* project, const Options& options)
    : m_options(options) {
    if (options.binSteps < 0)
        throw core::Error("virtual recording: the bin must be at least one step");
    m_binSteps = options.binSteps > 0 ? options.binSteps
                                      : std::max<std::int64_t>(1, std::llround(1.0 / network.dtMs));
    m_contactCount = probe.contactCount();

    // Populations of the network that the probe places, in network order.
    Eigen::Index total = 0;
    std::vector<const Eigen::MatrixX3d*> positions;
    for (std::size_t p = 0; p < network.populations.size(); ++p) {
        const core::Population& pop = network.populations[p];
        if (pop.isStimulus || pop.info == nullptr)
            continue;
        const auto placed =
            std::find_if(probe.populations.begin(), probe.populations.end(),
                         [&](const RecordingProbe::Population& x) { return x.name == pop.name; });
        if (placed == probe.populations.end() || placed->neuronsMm.rows() == 0)
            continue;
        Source source;
        source.population = p;
        source.name = std::string(kRecorderPrefix) + pop.name;
        source.offset = total;
        source.count =
            std::min<std::size_t>(pop.size, static_cast<std::size_t>(placed->neuronsMm.rows()));
        static const std::map<std::string, double> none;
        const std::map<std::string, double>* params = &none;
        if (project != nullptr)
            for (const core::PopulationSpec& spec : project->populations)
                if (spec.name == pop.name)
                    params = &spec.params;
        // Sample each state variable the terms read once; terms index into that list.
        for (CurrentTerm term : currentTerms(*pop.info, *params)) {
            const auto column = [&](std::size_t variable) {
                const auto it =
                    std::find(source.variables.begin(), source.variables.end(), variable);
                if (it != source.variables.end())
                    return static_cast<std::size_t>(it - source.variables.begin());
                source.variables.push_back(variable);
                return source.variables.size() - 1;
            };
            term.variable = column(term.variable);
            if (term.conductance)
                term.voltageVariable = column(term.voltageVariable);
            source.terms.push_back(term);
        }
        total += static_cast<Eigen::Index>(source.count);
        positions.push_back(&placed->neuronsMm);
        m_sources.push_back(std::move(source));
    }
    Eigen::MatrixX3d neurons(total, 3);
    for (std::size_t k = 0; k < m_sources.size(); ++k)
        neurons.middleRows(m_sources[k].offset, static_cast<Eigen::Index>(m_sources[k].count)) =
            positions[k]->topRows(static_cast<Eigen::Index>(m_sources[k].count));
    m_proxy = std::make_unique<LfpProxy>(probe.contactsMm, std::move(neurons), options.lfp);
    m_currents = Eigen::VectorXf::Zero(total);

    // Neuron -> contacts within the multi-unit radius (CSR).
    std::vector<std::int32_t> degree(static_cast<std::size_t>(total) + 1, 0);
    for (Eigen::Index c = 0; c < m_contactCount; ++c)
        for (const std::int32_t n : m_proxy->neuronsNear(c))
            ++degree[static_cast<std::size_t>(n) + 1];
    for (std::size_t i = 1; i < degree.size(); ++i)
        degree[i] += degree[i - 1];
    m_contactsOfNeuronStart = degree;
    m_contactsOfNeuron.assign(static_cast<std::size_t>(degree.back()), 0);
    for (Eigen::Index c = 0; c < m_contactCount; ++c)
        for (const std::int32_t n : m_proxy->neuronsNear(c))
            m_contactsOfNeuron[static_cast<std::size_t>(degree[static_cast<std::size_t>(n)]++)] =
                static_cast<std::int32_t>(c);
}

VirtualRecorder::~VirtualRecorder() = default;

bool VirtualRecorder::ownsRecorder(const std::string& recorderName) {
    return recorderName.rfind(kRecorderPrefix, 0) == 0;
}

Eigen::Index VirtualRecorder::proxyOffset(std::size_t population) const {
    for (const Source& s : m_sources)
        if (s.population == population)
            return s.offset;
    return -1;
}

void VirtualRecorder::attach(core::Network& network, std::int64_t step) {
    for (const Source& source : m_sources) {
        const core::Population& pop = network.populations[source.population];
        if (!source.variables.empty()) {
            core::StateRecorder rec;
            rec.name = source.name;
            rec.population = source.population;
            for (const std::size_t v : source.variables)
                rec.variableNames.push_back(pop.info->stateVariables[v].key);
            rec.variables = source.variables;
            rec.neurons.resize(source.count);
            for (std::size_t i = 0; i < source.count; ++i)
                rec.neurons[i] = static_cast<std::int32_t>(i);
            rec.intervalSteps = m_binSteps;
            rec.rowOffset = step / m_binSteps;
            rec.assignColumns(pop.bounds);
            network.stateRecorders.push_back(std::move(rec));
        }
        network.spikeRecorders.push_back({source.name, source.population, {}, {}});
    }
    if (m_sampleSteps.empty() && m_mua.empty()) {
        m_firstBin = step / m_binSteps;
        m_completeBins = 0;
    }
}

void VirtualRecorder::continueFrom(const VirtualRecorder& previous) {
    if (previous.m_contactCount != m_contactCount || previous.m_binSteps != m_binSteps)
        return;
    m_sampleSteps = previous.m_sampleSteps;
    m_lfp = previous.m_lfp;
    m_firstBin = previous.m_firstBin;
    m_completeBins = previous.m_completeBins;
    m_mua = previous.m_mua;
}

void VirtualRecorder::addSpikes(const std::vector<std::int64_t>& steps,
                                const std::vector<std::int32_t>& neurons, Eigen::Index offset,
                                std::size_t count) {
    const auto contacts = static_cast<std::size_t>(m_contactCount);
    for (std::size_t k = 0; k < steps.size(); ++k) {
        if (neurons[k] < 0 || static_cast<std::size_t>(neurons[k]) >= count)
            continue;
        const auto n = static_cast<std::size_t>(offset + neurons[k]);
        const std::int32_t begin = m_contactsOfNeuronStart[n];
        const std::int32_t end = m_contactsOfNeuronStart[n + 1];
        if (begin == end)
            continue;
        const std::int64_t bin = steps[k] / m_binSteps - m_firstBin;
        if (bin < 0)
            continue;
        const auto row = static_cast<std::size_t>(bin);
        if (m_mua.size() < (row + 1) * contacts)
            m_mua.resize((row + 1) * contacts, 0u);
        for (std::int32_t j = begin; j < end; ++j)
            ++m_mua[row * contacts +
                    static_cast<std::size_t>(m_contactsOfNeuron[static_cast<std::size_t>(j)])];
    }
}

void VirtualRecorder::collect(core::Network& network, std::int64_t step) {
    const auto contacts = static_cast<std::size_t>(m_contactCount);
    // Engine recorders of each source (found by name: other recorders may come and go).
    std::vector<core::StateRecorder*> states(m_sources.size(), nullptr);
    std::size_t rows = 0;
    bool first = true;
    for (std::size_t k = 0; k < m_sources.size(); ++k) {
        for (core::StateRecorder& rec : network.stateRecorders)
            if (rec.name == m_sources[k].name)
                states[k] = &rec;
        if (states[k] != nullptr) {
            rows = first ? states[k]->sampleSteps.size()
                         : std::min(rows, states[k]->sampleSteps.size());
            first = false;
        }
    }
    for (std::size_t r = 0; r < rows; ++r) {
        std::int64_t sampleStep = 0;
        for (std::size_t k = 0; k < m_sources.size(); ++k) {
            const Source& source = m_sources[k];
            float* out = m_currents.data() + source.offset;
            std::fill(out, out + source.count, 0.0f);
            const core::StateRecorder* rec = states[k];
            if (rec == nullptr)
                continue;
            sampleStep = rec->sampleSteps[r];
            const float* row = rec->values.data() + r * rec->rowWidth();
            const std::size_t n = rec->neurons.size();
            for (const CurrentTerm& term : source.terms) {
                const float* x = row + term.variable * n;
                const auto scale = static_cast<float>(term.scaleToNa);
                if (term.conductance) {
                    const float* v = row + term.voltageVariable * n;
                    const auto e = static_cast<float>(term.reversalMv);
                    for (std::size_t i = 0; i < source.count; ++i)
                        out[i] += scale * x[i] * (e - v[i]);
                } else {
                    for (std::size_t i = 0; i < source.count; ++i)
                        out[i] += scale * x[i];
                }
            }
        }
        const Eigen::VectorXd v = m_proxy->potentials(m_currents);
        m_sampleSteps.push_back(sampleStep);
        for (std::size_t c = 0; c < contacts; ++c)
            m_lfp.push_back(static_cast<float>(v[static_cast<Eigen::Index>(c)]));
    }
    for (core::StateRecorder* rec : states)
        if (rec != nullptr)
            rec->discardSamples();

    for (const Source& source : m_sources)
        for (core::SpikeRecorder& rec : network.spikeRecorders)
            if (rec.name == source.name) {
                addSpikes(rec.steps, rec.neurons, source.offset, source.count);
                rec.steps.clear();
                rec.neurons.clear();
            }
    // Bins before the one holding `step` are complete; they exist even when silent.
    m_completeBins = std::max<std::int64_t>(m_completeBins, step / m_binSteps - m_firstBin);
    const auto need = static_cast<std::size_t>(m_completeBins) * contacts;
    if (m_mua.size() < need)
        m_mua.resize(need, 0u);
}

void VirtualRecorder::discardResults() {
    m_sampleSteps.clear();
    m_lfp.clear();
    const auto contacts = static_cast<std::size_t>(m_contactCount);
    const auto done = std::min(m_mua.size(), static_cast<std::size_t>(m_completeBins) * contacts);
    m_mua.erase(m_mua.begin(), m_mua.begin() + static_cast<std::ptrdiff_t>(done));
    m_firstBin += m_completeBins;
    m_completeBins = 0;
}

} // namespace plexus::geometry
