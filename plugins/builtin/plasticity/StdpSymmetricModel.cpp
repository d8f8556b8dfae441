#include "StdpSymmetricModel.h"

#include "StdpSymmetricDynamics.h"
#include "WeightBounds.h"

#include <algorithm>
#include <cmath>

namespace plexus::plugins {

StdpSymmetricModel::StdpSymmetricModel() {
    m_info.name = "stdp_symmetric";
    m_info.label = "Symmetric STDP with synaptic scaling";
    m_info.kind = core::ModelKind::Synapse;
    m_info.category = "Plasticity";
    m_info.tags = {"STDP", "symmetric", "synaptic scaling"};
    m_info.equations =
        "pair window: W(dt) = a_plus exp(-|dt|/tau_plus) - a_minus exp(-|dt|/tau_minus), "
        "dt = t_post - t_pre\n"
        "pre spike:  w <- w + a_plus y+ - a_minus y-;   x+ <- x+ + 1, x- <- x- + 1\n"
        "post spike: w <- w + a_plus x+ - a_minus x-;   y+ <- y+ + 1, y- <- y- + 1\n"
        "dx+/dt = -x+/tau_plus, dx-/dt = -x-/tau_minus (y likewise);  w kept in [w_min, w_max]\n"
        "at t = k scaling_interval_ms: w_ij <- w_ij * total_i / sum_j w_ij  for each target i";
    m_info.references =
        "Mishra RK, Kim S, Guzman SJ, Jonas P (2016) Symmetric spike timing-dependent plasticity "
        "at CA3-CA3 synapses optimizes storage and recall in autoassociative networks. "
        "Nat Commun 7:11552. "
        "Turrigiano GG, Leslie KR, Desai NS, Rutherford LC, Nelson SB (1998) Activity-dependent "
        "scaling of quantal amplitude in neocortical neurons. Nature 391:892-896. "
        "van Rossum MCW, Bi GQ, Turrigiano GG (2000) J Neurosci 20:8812-8821.";
    m_info.doc =
        "Every pre/post pair changes the weight by W(dt), which depends only on |dt|: both "
        "orders potentiate within about tau_plus, and the a_minus term depresses over the longer "
        "tau_minus (a long tau_minus makes it an almost constant depression per pair). A pair in "
        "the same step (dt = 0) counts once. Every scaling_interval_ms the incoming weights of "
        "each target neuron are multiplied by one factor so that their sum equals target_total "
        "(or the target's initial sum when keep_initial_total is 1); a neuron whose sum is 0 or "
        "of the other sign is left unchanged, and scaled weights are still kept in "
        "[w_min, w_max], so the sum is exact unless a bound is reached. Scaling happens after "
        "the plasticity of all spikes before the scaling time. With learn_until_ms > 0 the "
        "weights stay as they are from that time on (a test phase). The projection needs one "
        "delay.";
    m_info.parameters = {
        {"a_plus", "Potentiation amplitude", "weight", 0.01, 0.0, 1e6,
         "Peak of the symmetric window, W(0) = a_plus - a_minus."},
        {"tau_plus", "Potentiation window", "ms", 20.0, 0.01, 1e6,
         "Width of the potentiating part of the window."},
        {"a_minus", "Depression amplitude", "weight", 0.002, 0.0, 1e6,
         "Depression per pair (times exp(-|dt|/tau_minus))."},
        {"tau_minus", "Depression window", "ms", 200.0, 0.01, 1e6,
         "Width of the depressing part; long values give a near-constant depression."},
        {"w_min", "Lower weight bound", "weight", 0.0, -1e9, 1e9, "Hard lower bound."},
        {"w_max", "Upper weight bound", "weight", 1.0, -1e9, 1e9,
         "Hard upper bound (not below w_min)."},
        {"scaling_interval_ms", "Scaling interval", "ms", 1000.0, 0.0, 1e9,
         "Time between synaptic scalings; 0 disables scaling."},
        {"target_total", "Target total weight", "weight", 1.0, -1e12, 1e12,
         "Sum of each neuron's incoming weights after scaling."},
        {"keep_initial_total", "Keep initial total", "", 0.0, 0.0, 1.0,
         "1: scale each neuron back to its own initial sum instead of target_total."},
        {"learn_until_ms", "Learn until", "ms", 0.0, 0.0, 1e12,
         "From this time on the weights are frozen (no STDP, no scaling), e.g. for a test "
         "phase after training; 0: learn throughout."},
    };
}

std::unique_ptr<core::SynapseDynamics>
StdpSymmetricModel::create(const core::SynapseSetup& setup) const {
    const core::ParameterSet& p = *setup.params;
    StdpSymmetricDynamics::Rule rule;
    rule.aPlus = p.get("a_plus");
    rule.aMinus = p.get("a_minus");
    const WeightBounds bounds = WeightBounds::read(p);
    rule.wMin = bounds.min;
    rule.wMax = bounds.max;
    rule.plus = TraceDecay(p.get("tau_plus"), setup.dtMs);
    rule.minus = TraceDecay(p.get("tau_minus"), setup.dtMs);
    const double interval = p.get("scaling_interval_ms");
    rule.scalingSteps =
        interval > 0.0 ? std::max<std::int64_t>(1, std::llround(interval / setup.dtMs)) : 0;
    rule.targetTotal = p.get("target_total");
    rule.keepInitialTotal = p.get("keep_initial_total") >= 0.5;
    const double until = p.get("learn_until_ms");
    if (until > 0.0)
        rule.learnUntilStep = std::llround(until / setup.dtMs);
    return std::make_unique<StdpSymmetricDynamics>(rule, setup.numSources, setup.numTargets,
                                                   setup.partitions);
}

} // namespace plexus::plugins
