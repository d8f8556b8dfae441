#include "AstroFeedbackStdpModel.h"

#include "AstroFeedbackStdpDynamics.h"
#include "WeightBounds.h"

namespace plexus::plugins {

AstroFeedbackStdpModel::AstroFeedbackStdpModel() {
    m_info.name = "astro_feedback_stdp";
    m_info.label = "STDP with astrocyte feedback";
    m_info.kind = core::ModelKind::Synapse;
    m_info.category = "Plasticity";
    m_info.tags = {"astrocyte", "STDP", "criticality", "liquid state machine", "homeostasis"};
    m_info.equations =
        "da/dt = -a/tau_astro + w_liquid * (presynaptic spikes) - w_input * (modulator spikes)\n"
        "A = tanh(a)\n"
        "pre spike:  w <- w - a_minus (1 + A) y;   x <- x + 1\n"
        "post spike: w <- w + a_plus (1 - A) x;    y <- y + 1\n"
        "dx/dt = -x/tau_plus, dy/dt = -y/tau_minus;  w kept in [w_min, w_max]";
    m_info.references =
        "Ivanov VA, Michmizos KP (2021) Increasing liquid state machine performance with "
        "edge-of-chaos dynamics organized by astrocyte-modulated plasticity. NeurIPS 34. "
        "De Pittà M, Brunel N, Volterra A (2016) Astrocytes: orchestrating synaptic plasticity? "
        "Neuroscience 323:43-61.";
    m_info.doc =
        "Pair STDP (all-to-all, additive) whose balance is set by one astrocyte shared by the "
        "whole projection. The astrocyte integrates every presynaptic spike of the projection "
        "(weight w_liquid, e.g. the spikes of a liquid's recurrent synapses) against every "
        "spike of the projection's modulator population (weight w_input, e.g. the input that "
        "drives the liquid) with time constant tau_astro. Its output A = tanh(a) in (-1, 1) "
        "scales depression by (1 + A) and potentiation by (1 - A): while the liquid fires more "
        "than w_input / w_liquid times the input, depression wins and the recurrent weights "
        "shrink; while it fires less, they grow. The liquid-to-input activity ratio the "
        "astrocyte holds sets how close to critical the liquid ends up. With w_liquid = "
        "w_input = 0 (or without a modulator and w_liquid = 0) the rule is plain pair STDP: "
        "the astrocyte switched off. Events use a as of just before their step. The projection "
        "needs one delay.";
    m_info.parameters = {
        {"a_plus", "Potentiation amplitude", "weight", 0.001, 0.0, 1e6,
         "Weight added per pre-post pair at A = 0."},
        {"a_minus", "Depression amplitude", "weight", 0.001, 0.0, 1e6,
         "Weight removed per post-pre pair at A = 0."},
        {"tau_plus", "Potentiation window", "ms", 20.0, 0.01, 1e6, "Presynaptic trace decay."},
        {"tau_minus", "Depression window", "ms", 20.0, 0.01, 1e6, "Postsynaptic trace decay."},
        {"tau_astro", "Astrocyte time constant", "ms", 100.0, 0.01, 1e7,
         "Integration time of the astrocyte."},
        {"w_liquid", "Astrocyte drive per liquid spike", "", 0.001, 0.0, 1e6,
         "Jump of a per presynaptic spike of the projection; 0 with w_input = 0: astrocyte "
         "off."},
        {"w_input", "Astrocyte drive per input spike", "", 0.01, 0.0, 1e6,
         "Drop of a per spike of the modulator population (the input)."},
        {"w_min", "Lower weight bound", "weight", 0.0, -1e9, 1e9, "Hard lower bound."},
        {"w_max", "Upper weight bound", "weight", 10.0, -1e9, 1e9,
         "Hard upper bound (not below w_min)."},
    };
}

std::unique_ptr<core::SynapseDynamics>
AstroFeedbackStdpModel::create(const core::SynapseSetup& setup) const {
    const core::ParameterSet& p = *setup.params;
    AstroFeedbackStdpDynamics::Rule rule;
    rule.aPlus = p.get("a_plus");
    rule.aMinus = p.get("a_minus");
    rule.wLiquid = p.get("w_liquid");
    rule.wInput = p.get("w_input");
    const WeightBounds bounds = WeightBounds::read(p);
    rule.wMin = bounds.min;
    rule.wMax = bounds.max;
    rule.plus = TraceDecay(p.get("tau_plus"), setup.dtMs);
    rule.minus = TraceDecay(p.get("tau_minus"), setup.dtMs);
    rule.astro = TraceDecay(p.get("tau_astro"), setup.dtMs);
    return std::make_unique<AstroFeedbackStdpDynamics>(rule, setup.numSources, setup.numTargets,
                                                       setup.partitions);
}

} // namespace plexus::plugins
