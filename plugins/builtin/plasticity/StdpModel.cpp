#include "StdpModel.h"

#include "StdpDynamics.h"
#include "WeightBounds.h"

namespace plexus::plugins {

StdpModel::StdpModel() {
    m_info.name = "stdp";
    m_info.label = "Pair STDP";
    m_info.kind = core::ModelKind::Synapse;
    m_info.category = "Plasticity";
    m_info.tags = {"STDP", "Hebbian", "spike timing"};
    m_info.equations = "pre spike:  w <- w - a_minus f-(w) x_post;   x_pre <- x_pre + 1\n"
                       "post spike: w <- w + a_plus f+(w) x_pre;     x_post <- x_post + 1\n"
                       "dx_pre/dt = -x_pre / tau_plus;  dx_post/dt = -x_post / tau_minus\n"
                       "additive: f+ = f- = 1;  multiplicative: f+ = w_max - w, f- = w - w_min";
    m_info.references = "Song S, Miller KD, Abbott LF (2000) Nat Neurosci 3:919-926. "
                        "van Rossum MCW, Bi GQ, Turrigiano GG (2000) J Neurosci 20:8812-8821. "
                        "Morrison A, Diesmann M, Gerstner W (2008) Biol Cybern 98:459-478.";
    m_info.doc = "For one pre/post pair with lag dt = t_post - t_pre the weight changes by "
                 "a_plus exp(-dt/tau_plus) (dt > 0) or -a_minus exp(dt/tau_minus) (dt <= 0). "
                 "Weights stay in [w_min, w_max]. Nearest-spike pairing resets the traces to 1 "
                 "instead of adding 1. The projection needs one delay; weights are in the "
                 "receptor's unit.";
    m_info.parameters = {
        {"a_plus", "Potentiation amplitude", "weight", 0.01, 0.0, 1e6, "Weight added per pair."},
        {"a_minus", "Depression amplitude", "weight", 0.0105, 0.0, 1e6, "Weight removed per pair."},
        {"tau_plus", "Potentiation window", "ms", 20.0, 0.01, 1e5, "Presynaptic trace decay."},
        {"tau_minus", "Depression window", "ms", 20.0, 0.01, 1e5, "Postsynaptic trace decay."},
        {"w_min", "Lower weight bound", "weight", 0.0, -1e9, 1e9, ""},
        {"w_max", "Upper weight bound", "weight", 1.0, -1e9, 1e9, ""},
        {"multiplicative", "Multiplicative (soft bounds)", "", 0.0, 0.0, 1.0,
         "0 additive, 1 multiplicative."},
        {"nearest", "Nearest-spike pairing", "", 0.0, 0.0, 1.0, "0 all-to-all, 1 nearest spike."},
    };
}

std::unique_ptr<core::SynapseDynamics> StdpModel::create(const core::SynapseSetup& setup) const {
    const core::ParameterSet& p = *setup.params;
    StdpDynamics::Rule rule;
    rule.aPlus = static_cast<float>(p.get("a_plus"));
    rule.aMinus = static_cast<float>(p.get("a_minus"));
    const WeightBounds bounds = WeightBounds::read(p);
    rule.wMin = bounds.min;
    rule.wMax = bounds.max;
    rule.multiplicative = p.get("multiplicative") >= 0.5;
    rule.nearest = p.get("nearest") >= 0.5;
    rule.plus = core::DecayTable(p.get("tau_plus"), setup.dtMs);
    rule.minus = core::DecayTable(p.get("tau_minus"), setup.dtMs);
    return std::make_unique<StdpDynamics>(rule, setup.numSources, setup.numTargets,
                                          setup.partitions);
}

} // namespace plexus::plugins
