#include "StdpTripletModel.h"

#include "StdpTripletDynamics.h"
#include "WeightBounds.h"

namespace plexus::plugins {

StdpTripletModel::StdpTripletModel() {
    m_info.name = "stdp_triplet";
    m_info.label = "Triplet STDP (Pfister–Gerstner)";
    m_info.kind = core::ModelKind::Synapse;
    m_info.category = "Plasticity";
    m_info.tags = {"STDP", "triplet", "spike timing"};
    m_info.equations =
        "dr1/dt = -r1/tau_plus;  dr2/dt = -r2/tau_x;  do1/dt = -o1/tau_minus;  do2/dt = -o2/tau_y\n"
        "pre spike:  w <- w - o1 (a2_minus + a3_minus r2(t-));  then r1, r2 <- r1 + 1, r2 + 1\n"
        "post spike: w <- w + r1 (a2_plus + a3_plus o2(t-));    then o1, o2 <- o1 + 1, o2 + 1\n"
        "nearest: the traces are set to 1 instead of incremented;  w kept in [w_min, w_max]";
    m_info.references =
        "Pfister JP, Gerstner W (2006) Triplets of spikes in a model of spike timing-dependent "
        "plasticity. J Neurosci 26:9673-9682. "
        "Clopath C, Gerstner W (2010) Voltage and spike timing interact in STDP - a unified "
        "model. Front Synaptic Neurosci 2:25.";
    m_info.doc =
        "A pair term (a2_plus, a2_minus) as in pair STDP plus triplet terms: potentiation at a "
        "postsynaptic spike grows with the earlier postsynaptic spikes (o2, time constant tau_y) "
        "and depression at a presynaptic spike grows with the earlier presynaptic spikes (r2, "
        "tau_x); t- means just before the spike's own increment. For one pair at lag "
        "dt = t_post - t_pre the change is a2_plus exp(-dt/tau_plus) (dt > 0) or "
        "-a2_minus exp(dt/tau_minus) (dt <= 0). For pre-post-post at t_pre = 0 < t1 < t2 it is "
        "a2_plus exp(-t1/tau_plus) + exp(-t2/tau_plus) (a2_plus + a3_plus exp(-(t2-t1)/tau_y)). "
        "'All-to-all' sums over every earlier spike; 'nearest' keeps only the latest one. The "
        "minimal model of the paper is a2_plus = 0 and a3_minus = 0. The defaults are the "
        "all-to-all visual-cortex fit, in units of a maximal weight of 1; amplitudes and bounds "
        "are in the receptor's unit. The projection needs one delay.";
    m_info.parameters = {
        {"a2_plus", "Pair potentiation A2+", "weight", 5e-10, 0.0, 1e6,
         "Weight added per pre-post pair (times r1)."},
        {"a3_plus", "Triplet potentiation A3+", "weight", 6.2e-3, 0.0, 1e6,
         "Weight added per pre-post pair times the postsynaptic o2 trace."},
        {"a2_minus", "Pair depression A2-", "weight", 7e-3, 0.0, 1e6,
         "Weight removed per post-pre pair (times o1)."},
        {"a3_minus", "Triplet depression A3-", "weight", 2.3e-4, 0.0, 1e6,
         "Weight removed per post-pre pair times the presynaptic r2 trace."},
        {"tau_plus", "Pair potentiation window", "ms", 16.8, 0.01, 1e6,
         "Decay of the presynaptic trace r1."},
        {"tau_minus", "Pair depression window", "ms", 33.7, 0.01, 1e6,
         "Decay of the postsynaptic trace o1."},
        {"tau_x", "Presynaptic triplet time constant", "ms", 101.0, 0.01, 1e6,
         "Decay of the presynaptic trace r2."},
        {"tau_y", "Postsynaptic triplet time constant", "ms", 125.0, 0.01, 1e6,
         "Decay of the postsynaptic trace o2."},
        {"w_min", "Lower weight bound", "weight", 0.0, -1e9, 1e9, "Hard lower bound."},
        {"w_max", "Upper weight bound", "weight", 1.0, -1e9, 1e9,
         "Hard upper bound (not below w_min)."},
        {"nearest", "Nearest-spike interactions", "", 0.0, 0.0, 1.0,
         "0 all-to-all (traces accumulate), 1 nearest spike (traces reset to 1)."},
    };
}

std::unique_ptr<core::SynapseDynamics>
StdpTripletModel::create(const core::SynapseSetup& setup) const {
    const core::ParameterSet& p = *setup.params;
    StdpTripletDynamics::Rule rule;
    rule.a2Plus = p.get("a2_plus");
    rule.a3Plus = p.get("a3_plus");
    rule.a2Minus = p.get("a2_minus");
    rule.a3Minus = p.get("a3_minus");
    const WeightBounds bounds = WeightBounds::read(p);
    rule.wMin = bounds.min;
    rule.wMax = bounds.max;
    rule.nearest = p.get("nearest") >= 0.5;
    rule.plus = TraceDecay(p.get("tau_plus"), setup.dtMs);
    rule.minus = TraceDecay(p.get("tau_minus"), setup.dtMs);
    rule.x = TraceDecay(p.get("tau_x"), setup.dtMs);
    rule.y = TraceDecay(p.get("tau_y"), setup.dtMs);
    return std::make_unique<StdpTripletDynamics>(rule, setup.numSources, setup.numTargets,
                                                 setup.partitions);
}

} // namespace plexus::plugins
