#pragma once

#include "plexus/core/connectivity/NeuronPositions.h"

#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace plexus::geometry {

/**
 * @brief Virtual recordings at electrode contacts: a point-source LFP proxy and multi-unit
 * spike pick-up.
 *
 * LFP: every neuron is a point current source in an infinite homogeneous ohmic medium of
 * conductivity sigma, so the potential at contact c is
 *
 *     V_c = 1 / (4 pi sigma) * sum_i I_i / max(r_ci, r_min)
 *
 * with r_ci the contact-neuron distance and r_min a clamp that keeps a source next to a
 * contact finite. Units: positions in mm, currents in nA, sigma in S/m give V in microvolts
 * (1 nA at 1 mm in 0.3 S/m is 0.2653 uV). Default sigma = 0.3 S/m (grey matter), r_min =
 * 10 um. The currents are whatever the caller feeds (e.g. the synaptic currents of the
 * neurons, summing to a dipole-free proxy; the sum over a closed population of transmembrane
 * currents would be zero). The weights 1 / (4 pi sigma max(r, r_min)) are precomputed as a
 * float contacts x neurons matrix when that has at most Options::maxStoredWeights entries;
 * otherwise they are recomputed per call in vectorised blocks (same answer, less memory).
 *
 * Multi-unit: the neurons within Options::multiUnitRadiusMm of each contact (distance <=
 * radius); multiUnitCounts() turns a list of spiking neurons into per-contact counts.
 */
class LfpProxy {
public:
    /// Model constants.
    struct Options {
        double conductivitySPerM = 0.3;          ///< sigma, S/m (> 0)
        double minDistanceMm = 0.01;             ///< r_min, mm (> 0)
        double multiUnitRadiusMm = 0.1;          ///< pick-up radius for spikes, mm (>= 0)
        std::int64_t maxStoredWeights = 1 << 25; ///< above this, weights are not stored
    };

    /**
     * @brief A proxy for contacts at the rows of @p contactsMm and neurons at the rows of
     * @p neuronsMm; throws core::Error for non-finite positions or invalid options.
     */
    LfpProxy(Eigen::MatrixX3d contactsMm, Eigen::MatrixX3d neuronsMm, const Options& options);
    /// As above with the default Options.
    LfpProxy(Eigen::MatrixX3d contactsMm, Eigen::MatrixX3d neuronsMm);

    /**
     * @brief Neuron positions in mm: @p positions (micrometres, centred on the origin as
     * NeuronPositions makes them) scaled to mm and moved to @p originMm.
     */
    static Eigen::MatrixX3d positionsMm(const core::NeuronPositions& positions,
                                        const Eigen::Vector3d& originMm = Eigen::Vector3d::Zero());

    /// Number of contacts.
    Eigen::Index contactCount() const { return m_contacts.rows(); }
    /// Number of neurons.
    Eigen::Index neuronCount() const { return m_neurons.rows(); }
    /// The options in use.
    const Options& options() const { return m_options; }
    /// True when the weight matrix is stored (see the class documentation).
    bool storesWeights() const { return m_weights.size() > 0 || neuronCount() == 0; }

    /// Potential at every contact (uV) for per-neuron currents @p currentsNa (nA); throws
    /// core::Error when the size is not neuronCount().
    Eigen::VectorXd potentials(const Eigen::Ref<const Eigen::VectorXf>& currentsNa) const;
    /// Double-precision overload.
    Eigen::VectorXd potentials(const Eigen::Ref<const Eigen::VectorXd>& currentsNa) const;

    /// Weight (uV per nA) of neuron @p neuron at contact @p contact.
    double weight(Eigen::Index contact, Eigen::Index neuron) const;

    /// Indices of the neurons within the multi-unit radius of contact @p contact, ascending.
    const std::vector<std::int32_t>& neuronsNear(Eigen::Index contact) const {
        return m_near[static_cast<std::size_t>(contact)];
    }
    /**
     * @brief Spikes picked up per contact: for each contact, how many entries of
     * @p spikingNeurons (neuron indices, repeats count again) lie within its radius. Indices
     * outside [0, neuronCount()) throw core::Error.
     */
    Eigen::VectorXi multiUnitCounts(const std::vector<std::int32_t>& spikingNeurons) const;

private:
    template <typename Vector>
    Eigen::VectorXd compute(const Vector& currents) const;

    Options m_options;
    Eigen::MatrixX3d m_contacts;
    Eigen::MatrixX3d m_neurons;
    double m_scale = 0.0;      // 1 / (4 pi sigma) in uV mm / nA
    Eigen::MatrixXf m_weights; // contacts x neurons, uV / nA (empty when not stored)
    std::vector<std::vector<std::int32_t>> m_near;     // per contact
    std::vector<std::int32_t> m_contactsOfNeuronStart; // CSR: neuron -> contacts
    std::vector<std::int32_t> m_contactsOfNeuron;
};

} // namespace plexus::geometry
