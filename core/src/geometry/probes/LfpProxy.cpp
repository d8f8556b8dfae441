#include "plexus/geometry/probes/LfpProxy.h"

#include "plexus/core/base/Error.h"

#include <cmath>
#include <limits>
#include <numbers>

namespace plexus::geometry {

namespace {

constexpr Eigen::Index kBlock = 4096; // neurons per block when weights are not stored

} // namespace

LfpProxy::LfpProxy(Eigen::MatrixX3d contactsMm, Eigen::MatrixX3d neuronsMm)
    : LfpProxy(std::move(contactsMm), std::move(neuronsMm), Options{}) {}

LfpProxy::LfpProxy(Eigen::MatrixX3d contactsMm, Eigen::MatrixX3d neuronsMm, const Options& options)
    : m_options(options)
    , m_contacts(std::move(contactsMm))
    , m_neurons(std::move(neuronsMm)) {
    if (!std::isfinite(options.conductivitySPerM) || options.conductivitySPerM <= 0.0) {
        throw core::Error("LFP proxy: conductivity must be positive (S/m)");
    }
    if (!std::isfinite(options.minDistanceMm) || options.minDistanceMm <= 0.0) {
        throw core::Error("LFP proxy: minimum distance must be positive (mm)");
    }
    if (!std::isfinite(options.multiUnitRadiusMm) || options.multiUnitRadiusMm < 0.0) {
        throw core::Error("LFP proxy: multi-unit radius must be >= 0 (mm)");
    }
    if (!m_contacts.allFinite()) {
        throw core::Error("LFP proxy: contact positions are not finite");
    }
    if (!m_neurons.allFinite()) {
        throw core::Error("LFP proxy: neuron positions are not finite");
    }
    if (m_neurons.rows() > std::numeric_limits<std::int32_t>::max()) {
        throw core::Error("LFP proxy: too many neurons");
    }
    m_scale = 1.0 / (4.0 * std::numbers::pi * options.conductivitySPerM);
    const Eigen::Index nc = m_contacts.rows();
    const Eigen::Index nn = m_neurons.rows();
    const double rMin = options.minDistanceMm;
    const double r2 = options.multiUnitRadiusMm * options.multiUnitRadiusMm;
    const bool store = nc * nn <= options.maxStoredWeights;
    if (store) {
        m_weights.resize(nc, nn);
    }
    m_near.assign(static_cast<std::size_t>(nc), {});
    std::vector<std::int32_t> perNeuron(static_cast<std::size_t>(nn) + 1, 0);
    Eigen::ArrayXd d2(nn);
    for (Eigen::Index c = 0; c < nc; ++c) {
        d2 = (m_neurons.rowwise() - m_contacts.row(c)).rowwise().squaredNorm().array();
        if (store) {
            m_weights.row(c) = (m_scale / d2.sqrt().max(rMin)).cast<float>().transpose();
        }
        auto& near = m_near[static_cast<std::size_t>(c)];
        for (Eigen::Index i = 0; i < nn; ++i) {
            if (d2[i] <= r2) {
                near.push_back(static_cast<std::int32_t>(i));
                ++perNeuron[static_cast<std::size_t>(i) + 1];
            }
        }
    }
    for (std::size_t i = 0; i < static_cast<std::size_t>(nn); ++i) {
        perNeuron[i + 1] += perNeuron[i];
    }
    m_contactsOfNeuron.resize(static_cast<std::size_t>(perNeuron.back()));
    std::vector<std::int32_t> fill(perNeuron.begin(), perNeuron.end() - 1);
    for (Eigen::Index c = 0; c < nc; ++c) {
        for (const std::int32_t i : m_near[static_cast<std::size_t>(c)]) {
            m_contactsOfNeuron[static_cast<std::size_t>(fill[static_cast<std::size_t>(i)]++)] =
                static_cast<std::int32_t>(c);
        }
    }
    m_contactsOfNeuronStart = std::move(perNeuron);
}

Eigen::MatrixX3d LfpProxy::positionsMm(const core::NeuronPositions& positions,
                                       const Eigen::Vector3d& originMm) {
    Eigen::MatrixX3d out(static_cast<Eigen::Index>(positions.size()), 3);
    for (std::size_t i = 0; i < positions.size(); ++i) {
        const auto r = static_cast<Eigen::Index>(i);
        out(r, 0) = originMm.x() + positions.x(i) * 1e-3;
        out(r, 1) = originMm.y() + positions.y(i) * 1e-3;
        out(r, 2) = originMm.z() + positions.z(i) * 1e-3;
    }
    return out;
}

template <typename Vector>
Eigen::VectorXd LfpProxy::compute(const Vector& currents) const {
    if (currents.size() != neuronCount()) {
        throw core::Error("LFP proxy: " + std::to_string(currents.size()) + " currents for " +
                          std::to_string(neuronCount()) + " neurons");
    }
    const Eigen::Index nc = contactCount();
    if (m_weights.size() > 0) {
        return (m_weights * currents.template cast<float>()).template cast<double>();
    }
    Eigen::VectorXd out = Eigen::VectorXd::Zero(nc);
    const double rMin = m_options.minDistanceMm;
    Eigen::ArrayXd d(kBlock);
    for (Eigen::Index start = 0; start < neuronCount(); start += kBlock) {
        const Eigen::Index n = std::min(kBlock, neuronCount() - start);
        const auto block = m_neurons.middleRows(start, n);
        const auto i = currents.segment(start, n).template cast<double>().array();
        for (Eigen::Index c = 0; c < nc; ++c) {
            d.head(n) = (block.rowwise() - m_contacts.row(c)).rowwise().norm().array().max(rMin);
            out[c] += (i / d.head(n)).sum();
        }
    }
    return out * m_scale;
}

Eigen::VectorXd LfpProxy::potentials(const Eigen::Ref<const Eigen::VectorXf>& currentsNa) const {
    return compute(currentsNa);
}

Eigen::VectorXd LfpProxy::potentials(const Eigen::Ref<const Eigen::VectorXd>& currentsNa) const {
    return compute(currentsNa);
}

double LfpProxy::weight(Eigen::Index contact, Eigen::Index neuron) const {
    const double r = (m_neurons.row(neuron) - m_contacts.row(contact)).norm();
    return m_scale / std::max(r, m_options.minDistanceMm);
}

Eigen::VectorXi LfpProxy::multiUnitCounts(const std::vector<std::int32_t>& spikingNeurons) const {
    Eigen::VectorXi counts = Eigen::VectorXi::Zero(contactCount());
    const auto nn = static_cast<std::int32_t>(neuronCount());
    for (const std::int32_t i : spikingNeurons) {
        if (i < 0 || i >= nn) {
            throw core::Error("LFP proxy: spike from neuron " + std::to_string(i) + " of " +
                              std::to_string(nn));
        }
        const auto u = static_cast<std::size_t>(i);
        for (std::int32_t k = m_contactsOfNeuronStart[u]; k < m_contactsOfNeuronStart[u + 1]; ++k) {
            ++counts[m_contactsOfNeuron[static_cast<std::size_t>(k)]];
        }
    }
    return counts;
}

} // namespace plexus::geometry
