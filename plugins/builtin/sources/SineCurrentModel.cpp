#include "SineCurrentModel.h"

#include "SineCurrentSource.h"

namespace plexus::plugins {

SineCurrentModel::SineCurrentModel() {
    m_info.name = "sine_current";
    m_info.label = "Sinusoidal current";
    m_info.kind = core::ModelKind::CurrentSource;
    m_info.category = "Stimuli";
    m_info.tags = {"current injection", "sine", "oscillation", "stimulus"};
    m_info.version = "1.0";
    m_info.equations = "I(t) = offset_pa + amplitude_pa sin(2 pi frequency_hz t + phase_deg pi / "
                       "180)\n"
                       "I_s = (1 / dt) integral over step s of I(t) dt";
    m_info.references = "NEST ac_generator (same parametrisation).";
    m_info.doc = "Injects a sine plus an offset into every targeted neuron. The value injected "
                 "during a step is the exact average of I(t) over that step, so the charge "
                 "delivered equals that of the continuous sine whatever dt is. Amplitudes are "
                 "read in the unit of the target's input (pA for the integrate-and-fire models, "
                 "nA for hh).";
    m_info.parameters = {
        {"amplitude_pa", "Amplitude", "pA", 100.0, -1e6, 1e6, "Amplitude of the sine."},
        {"offset_pa", "Offset", "pA", 0.0, -1e6, 1e6, "Constant added to the sine."},
        {"frequency_hz", "Frequency", "Hz", 10.0, 0.0, 1e5, "Frequency f."},
        {"phase_deg", "Phase", "deg", 0.0, -360.0, 360.0, "Phase of the sine at t = 0."},
    };
}

std::unique_ptr<core::CurrentSource>
SineCurrentModel::createSource(const core::GroupSetup& setup) const {
    return std::make_unique<SineCurrentSource>(*setup.params, setup.dtMs);
}

} // namespace plexus::plugins
