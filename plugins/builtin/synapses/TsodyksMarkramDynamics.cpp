#include "TsodyksMarkramDynamics.h"

#include <cmath>

namespace plexus::plugins {

TsodyksMarkramDynamics::TsodyksMarkramDynamics(double u, double tauRecMs, double tauFacMs,
                                               double dtMs, std::size_t numSources,
                                               std::size_t partitions)
    : m_u(u)
    , m_tauRec(tauRecMs)
    , m_tauFac(tauFacMs)
    , m_dt(dtMs)
    , m_state(partitions) {
    for (auto& s : m_state) {
        s.u.assign(numSources, u);
        s.x.assign(numSources, 1.0);
        s.last.assign(numSources, -1);
    }
}

void TsodyksMarkramDynamics::deliver(std::int64_t spikeStep, std::size_t partition,
                                     core::SynapsePartition& syn,
                                     std::span<const std::int32_t> spikes, float* buffer) {
    State& st = m_state[partition];
    for (const std::int32_t src : spikes) {
        double& u = st.u[src];
        double& x = st.x[src];
        if (st.last[src] >= 0) {
            const double gap = static_cast<double>(spikeStep - st.last[src]) * m_dt;
            // x and u as left by the previous spike relax towards 1 and U.
            x = 1.0 + (x - u * x - 1.0) * std::exp(-gap / m_tauRec);
            u = m_tauFac > 0 ? m_u + u * (1.0 - m_u) * std::exp(-gap / m_tauFac) : m_u;
        }
        st.last[src] = spikeStep;
        const float scale = static_cast<float>(u * x);
        for (std::uint32_t q = syn.rowStart[src], e = syn.rowStart[src + 1]; q < e; ++q)
            buffer[syn.targets[q]] += syn.weights[q] * scale;
    }
}

} // namespace plexus::plugins
