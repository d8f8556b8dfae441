#pragma once

#include <plexus/core/base/AlignedVector.h>
#include <plexus/core/engine/NeuronGroup.h>
#include <plexus/core/model/ParameterSet.h>

namespace plexus::examples {

/// Population state of QifModel as structure of arrays: the membrane potential v and a
/// refractory countdown (in steps) per neuron.
///
/// With u = v - (v_rest + v_crit) / 2 the equation becomes du/dt = (u^2 + c) / (tau_m delta_v),
/// c = b tau_m delta_v - (v_crit - v_rest)^2 / 4, b = (i_e + I) / c_m. For input held over a
/// step this has a closed-form solution (tan for c > 0, a ratio of exponentials for c < 0),
/// which update() applies neuron by neuron.
class QifGroup : public core::NeuronGroup {
public:
    /// Throws core::Error when v_crit <= v_rest, v_peak <= v_crit or v_reset >= v_peak.
    QifGroup(const core::ParameterSet& params, std::size_t size, double dtMs);

    std::size_t size() const override { return m_size; }
    void update(const core::StepContext& ctx, float* const* inputs, std::size_t begin,
                std::size_t end, std::vector<std::int32_t>& spikes) override;
    bool clearsInputs() const override { return true; }
    float* state(std::size_t index) override;

private:
    /// Advances u over one step with constant c; returns true when u reaches the spike cut-off
    /// within the step (then `u` is left unchanged).
    bool flow(double& u, double c) const;

    std::size_t m_size;
    double m_mid;        ///< (v_rest + v_crit) / 2
    double m_halfWidth2; ///< ((v_crit - v_rest) / 2)^2
    double m_tauDelta;   ///< tau_m * delta_v
    double m_s;          ///< dt / (tau_m delta_v)
    double m_uPeak;      ///< v_peak - m_mid
    double m_bias;       ///< i_e / c_m, mV/ms
    double m_perPa;      ///< 1 / c_m: dv/dt per pA
    float m_vReset;
    float m_refSteps;
    core::AlignedVector<float> m_v, m_refractory;
};

} // namespace plexus::examples
