#include "HomeostaticModel.h"

#include "HomeostaticDynamics.h"
#include "WeightBounds.h"
#include "plexus/core/base/Error.h"

namespace plexus::plugins {

HomeostaticModel::HomeostaticModel() {
    m_info.name = "homeostatic";
    m_info.label = "Homeostatic target-rate plasticity (Vogels–Sprekeler)";
    m_info.kind = core::ModelKind::Synapse;
    m_info.category = "Plasticity";
    m_info.tags = {"homeostasis", "target rate", "inhibitory plasticity", "E/I balance"};
    m_info.equations =
        "dx/dt = -x/tau, x <- x + 1 at pre spikes;  dy/dt = -y/tau, y <- y + 1 at post spikes\n"
        "alpha_j = 2 rho0_j tau  (rho0_j in Hz, tau in s; rho0_j = rho0 or lognormal, mean rho0, "
        "CV rho0_cv)\n"
        "inhibitory (excitatory = 0): pre spike  s <- s + eta (y - alpha);  post spike  "
        "s <- s + eta x\n"
        "excitatory (excitatory = 1): pre spike  s <- s - eta (y - alpha);  post spike  "
        "s <- s - eta x\n"
        "strength s = weight_sign * w,  w kept in [w_min, w_max]";
    m_info.references =
        "Vogels TP, Sprekeler H, Zenke F, Clopath C, Gerstner W (2011) Inhibitory plasticity "
        "balances excitation and inhibition in sensory pathways and memory networks. Science "
        "334:1569-1573. "
        "Zenke F, Hennequin G, Gerstner W (2013) Synaptic plasticity in neural networks needs "
        "homeostasis with a fast rate detector. PLoS Comput Biol 9:e1003330. "
        "Buzsaki G, Mizuseki K (2014) The log-dynamic brain. Nat Rev Neurosci 15:264-278. "
        "Srinivasan K, Plenz D, Girvan M (2025) Boosting reservoir computing with "
        "brain-inspired adaptive dynamics. arXiv:2504.12480.";
    m_info.doc =
        "For uncorrelated pre- and postsynaptic spikes the mean drift of the strength is "
        "eta nu_pre (2 nu_post tau - alpha), which is zero exactly when the postsynaptic rate "
        "nu_post equals rho0. Inhibitory synapses therefore strengthen while their target fires "
        "above rho0 and weaken below it; with excitatory = 1 the mirrored rule makes excitatory "
        "synapses strengthen while the target fires below rho0. Both push every neuron toward "
        "rho0. Set weight_sign = -1 when the receptor takes inhibition as negative weights "
        "(e.g. lif_cuba 'inh'): a stronger synapse is then a more negative weight, and w_min / "
        "w_max bound the signed weight. Pairs within one step count as post-before-pre. The "
        "projection needs one delay. With rho0_cv > 0 every postsynaptic neuron j has its own "
        "target rho0_j, drawn once from a lognormal distribution with mean rho0 and that "
        "coefficient of variation (cortical rates are lognormal: Buzsaki & Mizuseki 2014), "
        "seeded by the project seed: the local E/I balance then settles each neuron at its own "
        "rate (heterogeneous targets, Srinivasan, Plenz & Girvan 2025).";
    m_info.parameters = {
        {"eta", "Learning rate", "weight", 1e-3, 0.0, 1e6, "Strength change per unit of trace."},
        {"rho0", "Target rate", "Hz", 5.0, 0.0, 1e4,
         "Rate each postsynaptic neuron is driven to (the mean target with rho0_cv > 0)."},
        {"rho0_cv", "Target rate spread (CV)", "", 0.0, 0.0, 10.0,
         "Coefficient of variation of lognormal per-neuron targets; 0: every neuron rho0."},
        {"tau", "Trace time constant", "ms", 20.0, 0.01, 1e6,
         "Decay of the pre- and postsynaptic traces."},
        {"excitatory", "Excitatory synapses", "", 0.0, 0.0, 1.0,
         "0: inhibitory (strengthen above target), 1: excitatory (strengthen below target)."},
        {"weight_sign", "Weight sign", "", 1.0, -1.0, 1.0,
         "+1: strength is the weight; -1: strength is minus the weight (negative inhibition)."},
        {"w_min", "Lower weight bound", "weight", 0.0, -1e9, 1e9, "Hard lower bound."},
        {"w_max", "Upper weight bound", "weight", 100.0, -1e9, 1e9,
         "Hard upper bound (not below w_min)."},
    };
}

std::unique_ptr<core::SynapseDynamics>
HomeostaticModel::create(const core::SynapseSetup& setup) const {
    const core::ParameterSet& p = *setup.params;
    const double sign = p.get("weight_sign");
    if (sign != 1.0 && sign != -1.0)
        throw core::Error("params.weight_sign: must be -1 or 1");
    HomeostaticDynamics::Rule rule;
    rule.eta = p.get("eta") * sign * (p.get("excitatory") >= 0.5 ? -1.0 : 1.0);
    rule.alpha = 2.0 * p.get("rho0") / 1000.0 * p.get("tau");
    if (p.get("rho0_cv") > 0.0) {
        rule.alphas = HomeostaticDynamics::targetRates(p.get("rho0"), p.get("rho0_cv"),
                                                       setup.numTargets, setup.seed);
        for (double& a : rule.alphas)
            a *= 2.0 / 1000.0 * p.get("tau");
    }
    const WeightBounds bounds = WeightBounds::read(p);
    rule.wMin = bounds.min;
    rule.wMax = bounds.max;
    rule.decay = TraceDecay(p.get("tau"), setup.dtMs);
    return std::make_unique<HomeostaticDynamics>(rule, setup.numSources, setup.numTargets,
                                                 setup.partitions);
}

} // namespace plexus::plugins
