#include "AstroStdpModel.h"

#include "AstroStdpDynamics.h"
#include "WeightBounds.h"

namespace plexus::plugins {

AstroStdpModel::AstroStdpModel() {
    m_info.name = "astro_stdp";
    m_info.label = "Astrocyte-gated STDP";
    m_info.kind = core::ModelKind::Synapse;
    m_info.category = "Plasticity";
    m_info.tags = {"astrocyte", "STDP", "calcium", "gating"};
    m_info.equations =
        "dCa_j/dt = -Ca_j/tau_ca + ca_increment * sum over presynaptic spikes arriving at j\n"
        "G(Ca) = [Ca >= ca_threshold]  (gate_width = 0),  "
        "1 / (1 + exp(-(Ca - ca_threshold)/gate_width))  (gate_width > 0)\n"
        "pre spike:  w <- w - a_minus G y  (G = 1 when gate_depression = 0);  x <- x + 1\n"
        "post spike: w <- w + a_plus G x;   y <- y + 1\n"
        "dx/dt = -x/tau_plus, dy/dt = -y/tau_minus;  w kept in [w_min, w_max]";
    m_info.references =
        "Henneberger C, Papouin T, Oliet SHR, Rusakov DA (2010) Long-term potentiation depends "
        "on release of D-serine from astrocytes. Nature 463:232-236. "
        "De Pittà M, Brunel N, Volterra A (2016) Astrocytes: orchestrating synaptic plasticity? "
        "Neuroscience 323:43-61. "
        "Wade JJ, McDaid LJ, Harkin J, Crunelli V, Kelso JAS (2011) Bidirectional coupling "
        "between astrocytes and neurons mediates learning and dynamic coordination in the brain: "
        "a multiple modeling approach. PLoS One 6:e29445.";
    m_info.doc =
        "Pair STDP (all-to-all, additive) whose amplitudes are multiplied by a gate of a slow "
        "calcium-like variable Ca, one per postsynaptic neuron, standing for the astrocyte "
        "around it. Ca integrates the presynaptic spikes that arrive at the neuron through this "
        "projection: after n spikes of a regular train with period T it peaks at "
        "ca_increment (1 - exp(-n T/tau_ca)) / (1 - exp(-T/tau_ca)). With gate_width = 0 "
        "plasticity is on only while Ca >= ca_threshold (astrocyte-gated LTP); a positive "
        "gate_width gives a smooth logistic gate. Each spike event uses Ca just before its time "
        "step. With gate_depression = 0 only potentiation is gated. The projection needs one "
        "delay.";
    m_info.parameters = {
        {"a_plus", "Potentiation amplitude", "weight", 0.01, 0.0, 1e6,
         "Weight added per pre-post pair at full gate."},
        {"a_minus", "Depression amplitude", "weight", 0.0105, 0.0, 1e6,
         "Weight removed per post-pre pair at full gate."},
        {"tau_plus", "Potentiation window", "ms", 20.0, 0.01, 1e6, "Presynaptic trace decay."},
        {"tau_minus", "Depression window", "ms", 20.0, 0.01, 1e6, "Postsynaptic trace decay."},
        {"tau_ca", "Calcium time constant", "ms", 1000.0, 0.01, 1e7,
         "Decay of the astrocytic calcium variable."},
        {"ca_increment", "Calcium per presynaptic spike", "", 0.01, 0.0, 1e6,
         "Jump of Ca for each presynaptic spike arriving at the neuron."},
        {"ca_threshold", "Calcium threshold", "", 1.0, 0.0, 1e9,
         "Ca at which plasticity switches on (half-activation of the smooth gate)."},
        {"gate_width", "Gate width", "", 0.0, 0.0, 1e9,
         "0: step gate; > 0: width of the logistic gate."},
        {"gate_depression", "Gate depression", "", 1.0, 0.0, 1.0,
         "1: gate both potentiation and depression; 0: gate potentiation only."},
        {"w_min", "Lower weight bound", "weight", 0.0, -1e9, 1e9, "Hard lower bound."},
        {"w_max", "Upper weight bound", "weight", 1.0, -1e9, 1e9,
         "Hard upper bound (not below w_min)."},
    };
}

std::unique_ptr<core::SynapseDynamics>
AstroStdpModel::create(const core::SynapseSetup& setup) const {
    const core::ParameterSet& p = *setup.params;
    AstroStdpDynamics::Rule rule;
    rule.aPlus = p.get("a_plus");
    rule.aMinus = p.get("a_minus");
    const WeightBounds bounds = WeightBounds::read(p);
    rule.wMin = bounds.min;
    rule.wMax = bounds.max;
    rule.caIncrement = p.get("ca_increment");
    rule.caThreshold = p.get("ca_threshold");
    rule.gateWidth = p.get("gate_width");
    rule.gateDepression = p.get("gate_depression") >= 0.5;
    rule.plus = TraceDecay(p.get("tau_plus"), setup.dtMs);
    rule.minus = TraceDecay(p.get("tau_minus"), setup.dtMs);
    rule.calcium = TraceDecay(p.get("tau_ca"), setup.dtMs);
    return std::make_unique<AstroStdpDynamics>(rule, setup.numSources, setup.numTargets,
                                               setup.partitions);
}

} // namespace plexus::plugins
