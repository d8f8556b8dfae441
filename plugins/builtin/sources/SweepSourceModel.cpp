#include "SweepSourceModel.h"

#include "SweepSourceGroup.h"

namespace plexus::plugins {

SweepSourceModel::SweepSourceModel() {
    m_info.name = "sweep";
    m_info.label = "Moving sweep";
    m_info.kind = core::ModelKind::SpikeSource;
    m_info.category = "Stimuli";
    m_info.tags = {"motion",         "direction selectivity", "moving bar",
                   "spike sequence", "heterogeneous delays",  "stimulus"};
    m_info.version = "1.0";
    m_info.equations = "channel i of N at position x_i = spacing_um * (direction > 0 ? i : N-1-i)\n"
                       "sweep p: channel i fires at onset_ms + p period_ms + x_i / speed_mm_s\n"
                       "noise: P(extra spike in a step) = noise_hz dt, on every channel";
    m_info.references =
        "Grimaldi A, Perrinet LU (2023) Learning heterogeneous delays in a layer of spiking "
        "neurons for fast motion detection. Biol Cybern 117:373 (motion as a sequence of "
        "channel activations read by delays). Hassenstein B, Reichardt W (1956) Z Naturforsch "
        "11b:513 (delay-and-compare motion detector).";
    m_info.doc =
        "A stimulus moving along a line of N input channels spaced spacing_um apart: each channel "
        "fires once when the stimulus passes it, so one sweep is a sequence of N spikes, one "
        "channel after the other, spacing_um / speed_mm_s ms apart (mm/s = um/ms). direction +1 "
        "sweeps from channel 0 to N-1, -1 from N-1 to 0. The sweep starts at onset_ms and, when "
        "period_ms > 0, again every period_ms (set the period to trial + inter-trial interval to "
        "sweep once per trial, and override speed_mm_s or direction per condition). noise_hz adds "
        "Poisson spikes on every channel at all times.";
    m_info.parameters = {
        {"spacing_um", "Channel spacing", "um", 100.0, 1e-6, 1e9,
         "Distance between neighbouring channels."},
        {"speed_mm_s", "Speed", "mm/s", 50.0, 1e-6, 1e9,
         "Speed of the sweep; neighbouring channels fire spacing_um / speed_mm_s ms apart."},
        {"direction", "Direction", "", 1.0, -1.0, 1.0,
         "+1: from channel 0 to channel N-1; -1: from channel N-1 to channel 0."},
        {"onset_ms", "Onset", "ms", 0.0, 0.0, 1e9, "Start of the first sweep."},
        {"period_ms", "Period", "ms", 0.0, 0.0, 1e9,
         "Time between sweep starts; 0 sweeps once. Must exceed the sweep's duration."},
        {"noise_hz", "Noise rate", "Hz", 0.0, 0.0, 1e4,
         "Rate of extra Poisson spikes on every channel at all times."},
    };
}

std::unique_ptr<core::NeuronGroup>
SweepSourceModel::createGroup(const core::GroupSetup& setup) const {
    return std::make_unique<SweepSourceGroup>(*setup.params, setup.size, setup.dtMs, setup.seed);
}

} // namespace plexus::plugins
