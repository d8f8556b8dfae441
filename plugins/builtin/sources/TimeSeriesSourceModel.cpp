#include "TimeSeriesSourceModel.h"

#include "TimeSeriesSourceGroup.h"
#include "plexus/core/model/TimeSeriesSignal.h"

namespace plexus::plugins {

TimeSeriesSourceModel::TimeSeriesSourceModel() {
    m_info.name = "time_series";
    m_info.label = "Time-series input (rate-coded)";
    m_info.kind = core::ModelKind::SpikeSource;
    m_info.category = "Stimuli";
    m_info.tags = {"rate code", "time series", "memory capacity", "NARMA", "reservoir",
                   "chirp",     "sine",        "Poisson",         "CSV",   "stimulus"};
    m_info.version = "1.0";
    m_info.equations = "rate_i(t) = max(0, baseline_hz + g_i gain_hz u(t)), g_i = 1 + "
                       "gain_spread (2 h_i - 1), h_i uniform on [0, 1) from (signal_seed, i)\n"
                       "P(spike in step s) = min(1, rate((s + 1/2) dt) dt)\n"
                       "u(t) held for step_ms, repeating every length_ms";
    m_info.references =
        "Jaeger H (2001) Short term memory in echo state networks. GMD Report 152 (uniform "
        "input, memory capacity). Atiya AF, Parlos AG (2000) New results on recurrent network "
        "training. IEEE Trans Neural Netw 11:697 (NARMA-10). Maass W, Natschlaeger T, Markram H "
        "(2002) Real-time computing without stable states. Neural Comput 14:2531 (rate-coded "
        "input streams to a liquid).";
    m_info.doc =
        "Feeds a scalar time series u(t) to a network as the rate of N independent Poisson "
        "channels. `signal` chooses u(t) (a number, see its help): uniform random values per "
        "step for the memory capacity, the NARMA-10 input, a sine, a chirp, or the stimulus' "
        "own values (a list \"values\", one per step_ms, or a CSV file \"signal_file\" with "
        "rows time_ms,value relative to the project file). The generated signals are "
        "plexus::core::TimeSeriesSignal's, the same code the readouts use, so `plexus-cli "
        "analyze readout` rebuilds exactly the u(t) that drove the run. gain_spread gives every "
        "channel its own gain (seeded by signal_seed). A channel spikes in step s when a "
        "counter-based hash of (seed, s, channel) falls below its probability, so the trains "
        "do not depend on how the channels are split across threads.";
    m_info.parameters = {
        {"baseline_hz", "Baseline rate", "Hz", 5.0, -1e5, 1e5,
         "Rate at u = 0; rates below zero are clipped."},
        {"gain_hz", "Gain", "Hz", 20.0, -1e5, 1e5, "Rate change per unit of u(t)."},
        {"gain_spread", "Gain spread", "", 0.0, 0.0, 1.0,
         "Channel tuning: channel i's gain is scaled by a seeded factor uniform on [1 - spread, "
         "1 + spread) (0: every channel has the same gain)."},
    };
    for (auto& d : core::TimeSeriesSignal::parameters())
        m_info.parameters.push_back(std::move(d));
}

std::unique_ptr<core::NeuronGroup>
TimeSeriesSourceModel::createGroup(const core::GroupSetup& setup) const {
    const core::InputSignal given =
        core::TimeSeriesSignal::given(setup.extraJson, setup.origin, setup.params->get("step_ms"));
    return std::make_unique<TimeSeriesSourceGroup>(*setup.params, setup.size, setup.dtMs,
                                                   setup.seed, given);
}

} // namespace plexus::plugins
