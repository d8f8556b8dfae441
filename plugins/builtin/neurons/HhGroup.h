#pragma once

#include "plexus/core/base/AlignedVector.h"
#include "plexus/core/engine/NeuronGroup.h"
#include "plexus/core/model/ParameterSet.h"

#include <array>

namespace plexus::plugins {

/// Population state of HhModel: v, m, h, n, the per-neuron stimulus and two synaptic currents
/// (structure of arrays, float), updated with NEURON's fixed-step scheme.
class HhGroup : public core::NeuronGroup {
public:
    /// `size` neurons at rest (finitialize(v_init)), i_stim set to the ramp; step `dtMs`.
    HhGroup(const core::ParameterSet& params, std::size_t size, double dtMs);

    std::size_t size() const override { return m_size; }
    void update(const core::StepContext& ctx, float* const* inputs, std::size_t begin,
                std::size_t end, std::vector<std::int32_t>& spikes) override;
    bool clearsInputs() const override { return true; }
    float* directInput(std::size_t receptor) override;
    float* state(std::size_t index) override;

    /// Points of NEURON's rate table: FROM -100 TO 100 WITH 200 (1 mV apart).
    static constexpr int kTablePoints = 201;
    static constexpr double kTableMin = -100.0;
    static constexpr double kTableMax = 100.0;

    /// x_inf and tau_x of the three gates, in the order m_inf, tau_m, h_inf, tau_h, n_inf,
    /// tau_n, at `v` (mV) and temperature factor `q10`: NEURON's PROCEDURE rates, in double.
    static std::array<double, 6> rates(double v, double q10);

    /// Per-step constants (float, broadcast to SIMD lanes).
    struct Constants {
        float stimScale; ///< nA -> mA/cm^2: 100 / area_um2
        float cmOverDt;  ///< c_m / dt in S/cm^2
        float gnabar, gkbar, gl, ena, ek, el;
        float dt;    ///< ms
        float dtQ10; ///< dt * q10, for the direct rates
        float vSpike;
        float iBias;    ///< nA
        float decayExc; ///< exp(-dt / tau_syn_exc)
        float decayInh;
        float tableMin;   ///< mV
        float tableScale; ///< table intervals per mV
    };

    /// NEURON's table, as value and slope per interval so that
    /// y(v) = value[i] + theta * slope[i] (NEURON's linear interpolation).
    struct RateTable {
        float value[6][kTablePoints];
        float slope[6][kTablePoints];
    };

private:
    std::size_t m_size;
    bool m_avx2; ///< AVX2 kernels (useAvx2Kernels() when built), else the portable path
    bool m_useTable;
    Constants m_c;
    RateTable m_table;
    core::AlignedVector<float> m_v, m_m, m_h, m_n, m_iStim, m_iExc, m_iInh;
};

} // namespace plexus::plugins
