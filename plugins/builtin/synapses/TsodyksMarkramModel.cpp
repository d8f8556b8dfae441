#include "TsodyksMarkramModel.h"

#include "TsodyksMarkramDynamics.h"

namespace plexus::plugins {

TsodyksMarkramModel::TsodyksMarkramModel() {
    m_info.name = "tsodyks_markram";
    m_info.label = "Tsodyks–Markram short-term plasticity";
    m_info.kind = core::ModelKind::Synapse;
    m_info.category = "Short-term plasticity";
    m_info.tags = {"short-term plasticity", "depression", "facilitation"};
    m_info.equations = "first spike: u_1 = U, x_1 = 1\n"
                       "x_{n+1} = 1 + (x_n - u_n x_n - 1) exp(-dt_n / tau_rec)\n"
                       "u_{n+1} = U + u_n (1 - U) exp(-dt_n / tau_fac)   (u = U when tau_fac = 0)\n"
                       "effective weight of spike n: w u_n x_n";
    m_info.references = "Tsodyks MV, Markram H (1997) PNAS 94:719-723. "
                        "Tsodyks M, Pawelzik K, Markram H (1998) Neural Comput 10:821-835.";
    m_info.doc = "Depressing (large U, long tau_rec) or facilitating (small U, long tau_fac) "
                 "synapses. The state belongs to the presynaptic neuron.";
    m_info.parameters = {
        {"u", "Utilisation U", "", 0.5, 1e-6, 1.0, "Fraction of resources used by a spike."},
        {"tau_rec", "Recovery time constant", "ms", 800.0, 0.01, 1e6, ""},
        {"tau_fac", "Facilitation time constant", "ms", 0.0, 0.0, 1e6, "0 disables facilitation."},
    };
}

std::unique_ptr<core::SynapseDynamics>
TsodyksMarkramModel::create(const core::SynapseSetup& setup) const {
    const core::ParameterSet& p = *setup.params;
    return std::make_unique<TsodyksMarkramDynamics>(p.get("u"), p.get("tau_rec"), p.get("tau_fac"),
                                                    setup.dtMs, setup.numSources, setup.partitions);
}

} // namespace plexus::plugins
