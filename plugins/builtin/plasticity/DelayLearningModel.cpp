#include "DelayLearningModel.h"

#include "DelayLearningDynamics.h"
#include "plexus/core/base/Error.h"

#include <cmath>

namespace plexus::plugins {

DelayLearningModel::DelayLearningModel() {
    m_info.name = "delay_learning";
    m_info.label = "Learnable synaptic delays";
    m_info.kind = core::ModelKind::Synapse;
    m_info.category = "Plasticity";
    m_info.tags = {"delay learning", "heterogeneous delays", "spike timing"};
    m_info.equations = "post spike at t_post, last pre spike at t_pre, lag = t_post - t_pre:\n"
                       "  0 < lag <= window:  d <- d + eta (lag - d),  clipped to [d_min, d_max]\n"
                       "transmission uses d rounded to the step";
    m_info.references = "Hüning H, Glünder H, Palm G (1998) Neural Comput 10:555-565. "
                        "Matsubara T (2017) Front Comput Neurosci 11:104.";
    m_info.doc = "Each synapse keeps its own delay and moves it toward the lag between its "
                 "presynaptic spike and the postsynaptic response, so that after learning its "
                 "input arrives when the neuron fires: heterogeneous delays tuned to "
                 "spatio-temporal patterns (e.g. motion direction). Weights stay fixed.";
    m_info.parameters = {
        {"eta", "Learning rate", "", 0.1, 0.0, 1.0, "Fraction of the mismatch corrected."},
        {"window_ms", "Learning window", "ms", 20.0, 0.1, 1e4, "Largest lag that counts."},
        {"d_min_ms", "Shortest delay", "ms", 0.1, 0.0, 6553.0, ""},
        {"d_max_ms", "Longest delay", "ms", 20.0, 0.1, 6553.0, ""},
    };
}

std::unique_ptr<core::SynapseDynamics>
DelayLearningModel::create(const core::SynapseSetup& setup) const {
    const auto& p = *setup.params;
    auto steps = [&](double ms) {
        return std::max(1, static_cast<int>(std::lround(ms / setup.dtMs)));
    };
    const int minSteps = steps(p.get("d_min_ms"));
    const int maxSteps = steps(p.get("d_max_ms"));
    if (maxSteps < minSteps)
        throw core::Error("params.d_max_ms: must not be below d_min_ms");
    if (maxSteps > 65535)
        throw core::Error("params.d_max_ms: more than 65535 steps");
    return std::make_unique<DelayLearningDynamics>(p.get("eta"), steps(p.get("window_ms")),
                                                   minSteps, maxSteps, setup.numSources,
                                                   setup.partitions);
}

} // namespace plexus::plugins
