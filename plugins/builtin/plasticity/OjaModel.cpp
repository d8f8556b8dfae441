#include "OjaModel.h"

#include "OjaDynamics.h"
#include "WeightBounds.h"

namespace plexus::plugins {

OjaModel::OjaModel() {
    m_info.name = "oja";
    m_info.label = "Oja rule (Hebbian / anti-Hebbian, normalised)";
    m_info.kind = core::ModelKind::Synapse;
    m_info.category = "Plasticity";
    m_info.tags = {"Oja", "Hebbian", "anti-Hebbian", "PCA", "lateral"};
    m_info.equations =
        "rate traces in Hz: dx/dt = -x/tau_pre, x <- x + 1000/tau_pre at pre spikes;\n"
        "                   dy/dt = -y/tau_post, y <- y + 1000/tau_post at post spikes\n"
        "post spike: w <- w + eta (s x - alpha y(t-) w),   s = +1 Hebbian, -1 anti-Hebbian\n"
        "mean over a post train of rate y: dw/dt = eta (s x y - alpha y^2 w)   (Oja 1982; t in "
        "s)\n"
        "w kept in [w_min, w_max]";
    m_info.references =
        "Oja E (1982) A simplified neuron model as a principal component analyzer. J Math Biol "
        "15:267-273. "
        "Földiák P (1990) Forming sparse representations by local anti-Hebbian learning. Biol "
        "Cybern 64:165-170. "
        "Kempter R, Gerstner W, van Hemmen JL (1999) Hebbian learning and spiking neurons. Phys "
        "Rev E 59:4498-4514.";
    m_info.doc =
        "Oja's rule dw/dt = eta (x y - alpha y^2 w) on rates, evaluated at spikes: x and y are "
        "exponential traces of the pre- and postsynaptic spike trains, scaled so that their "
        "mean is the rate in Hz. The update is applied at each postsynaptic spike, which "
        "samples the factor y: every incoming weight of the spiking neuron changes by "
        "eta (s x - alpha y w), with x the presynaptic trace and y the neuron's trace just "
        "before its own spike (pre spikes in the same step count as later). Presynaptic spikes "
        "only update x. Averaged over the postsynaptic train this is Oja's rule, so for a "
        "neuron whose rate is linear in its input, y = g sum w x, the weight vector turns to "
        "the principal eigenvector of the input correlation <x x^T> (not mean-subtracted: rates "
        "are positive) and its norm settles at 1 / sqrt(alpha g). With anti_hebbian = 1 the "
        "correlation term changes sign (s = -1): lateral weights become negative in proportion "
        "to the correlation of the two neurons and decorrelate them (Földiák); use a receptor "
        "that takes negative weights, or a weight range on the negative side. Keep "
        "eta alpha y well below 1 for a smooth approach. The projection needs one delay.";
    m_info.parameters = {
        {"eta", "Learning rate", "weight/Hz", 1e-5, 0.0, 1e6,
         "Weight change per postsynaptic spike per Hz of presynaptic rate."},
        {"alpha", "Normalisation strength", "1/weight", 1.0, 0.0, 1e6,
         "Weight of the decay term alpha y^2 w; sets the norm 1/sqrt(alpha g)."},
        {"tau_pre", "Presynaptic rate window", "ms", 100.0, 0.01, 1e6,
         "Time constant of the presynaptic rate trace."},
        {"tau_post", "Postsynaptic rate window", "ms", 100.0, 0.01, 1e6,
         "Time constant of the postsynaptic rate trace."},
        {"anti_hebbian", "Anti-Hebbian", "", 0.0, 0.0, 1.0,
         "0 Hebbian (Oja), 1 anti-Hebbian (lateral decorrelation)."},
        {"w_min", "Lower weight bound", "weight", -10.0, -1e9, 1e9, "Hard lower bound."},
        {"w_max", "Upper weight bound", "weight", 10.0, -1e9, 1e9,
         "Hard upper bound (not below w_min)."},
    };
}

std::unique_ptr<core::SynapseDynamics> OjaModel::create(const core::SynapseSetup& setup) const {
    const core::ParameterSet& p = *setup.params;
    OjaDynamics::Rule rule;
    rule.eta = p.get("eta");
    rule.alpha = p.get("alpha");
    rule.sign = p.get("anti_hebbian") >= 0.5 ? -1.0 : 1.0;
    rule.preJump = static_cast<float>(1000.0 / p.get("tau_pre"));
    rule.postJump = static_cast<float>(1000.0 / p.get("tau_post"));
    const WeightBounds bounds = WeightBounds::read(p);
    rule.wMin = bounds.min;
    rule.wMax = bounds.max;
    rule.pre = TraceDecay(p.get("tau_pre"), setup.dtMs);
    rule.post = TraceDecay(p.get("tau_post"), setup.dtMs);
    return std::make_unique<OjaDynamics>(rule, setup.numSources, setup.numTargets,
                                         setup.partitions);
}

} // namespace plexus::plugins
