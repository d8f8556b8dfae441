#include "FrozenPatternsModel.h"

#include "FrozenPatternsGroup.h"

namespace plexus::plugins {

FrozenPatternsModel::FrozenPatternsModel() {
    m_info.name = "frozen_patterns";
    m_info.label = "Frozen spike patterns";
    m_info.kind = core::ModelKind::SpikeSource;
    m_info.category = "Stimuli";
    m_info.tags = {"spatio-temporal pattern", "frozen noise", "jitter", "tempotron",
                   "classification",          "stimulus"};
    m_info.version = "1.0";
    m_info.equations =
        "template k, channel i: Poisson times at rate_hz on [0, duration_ms) from "
        "(pattern_seed, k, i)\n"
        "presentation p: t = onset_ms + p period_ms + template time + jitter_ms xi, xi ~ N(0, 1) "
        "truncated at +-4\n"
        "noise: P(extra spike in a step) = noise_hz dt, on every channel at all times";
    m_info.references =
        "Guetig R, Sompolinsky H (2006) The tempotron: a neuron that learns spike timing-based "
        "decisions. Nat Neurosci 9:420 (fixed Poisson patterns with Gaussian jitter). "
        "Masquelier T, Guyonneau R, Thorpe SJ (2008) Spike timing dependent plasticity finds the "
        "start of repeating patterns in continuous spike trains. PLoS ONE 3:e1377 (patterns "
        "embedded in Poisson noise). Maass W, Natschlaeger T, Markram H (2002) Real-time "
        "computing without stable states. Neural Comput 14:2531 (jittered spike templates as "
        "liquid input).";
    m_info.doc =
        "A set of K frozen spike patterns over the N channels. Pattern k is a template of "
        "independent Poisson spike times at rate_hz over duration_ms on every channel, drawn "
        "from pattern_seed and k alone: the same templates in every run, seed and condition. "
        "The pattern selected by `pattern` is presented at onset_ms and, when period_ms > 0, "
        "again every period_ms (set the period to trial + inter-trial interval to play it once "
        "per trial). Every presentation moves each spike by its own Gaussian jitter and "
        "noise_hz adds Poisson spikes on every channel at all times, both drawn from the run's "
        "random stream, so presentations differ between runs and between each other. Two "
        "spikes of one channel in one step count once.";
    m_info.parameters = {
        {"patterns", "Number of patterns K", "", 2.0, 1.0, 1e4,
         "Number of frozen templates; `pattern` selects one of them (an integer)."},
        {"pattern", "Pattern played", "", 0.0, 0.0, 1e4,
         "Index k of the template presented, an integer in [0, K): a condition overrides it to "
         "show another pattern."},
        {"rate_hz", "Pattern rate", "Hz", 5.0, 0.0, 1e4,
         "Rate of the Poisson spike times of each template channel (Guetig & Sompolinsky 2006)."},
        {"duration_ms", "Pattern duration", "ms", 500.0, 0.1, 1e7,
         "Length of each template (Guetig & Sompolinsky 2006: 500 ms)."},
        {"pattern_seed", "Pattern seed", "", 1.0, 0.0, 9.007199254740992e15,
         "Seed of the templates (an integer): fixes the K patterns independently of the "
         "project's seed."},
        {"jitter_ms", "Jitter", "ms", 0.0, 0.0, 1e4,
         "Standard deviation of the Gaussian jitter added to every spike at every presentation "
         "(truncated at 4 SD; Guetig & Sompolinsky 2006)."},
        {"noise_hz", "Noise rate", "Hz", 0.0, 0.0, 1e4,
         "Rate of extra Poisson spikes on every channel at all times (Masquelier et al. 2008)."},
        {"onset_ms", "Onset", "ms", 0.0, 0.0, 1e9, "Time of the first presentation."},
        {"period_ms", "Period", "ms", 0.0, 0.0, 1e9,
         "Time between presentation onsets; 0 presents the pattern once."},
    };
}

std::unique_ptr<core::NeuronGroup>
FrozenPatternsModel::createGroup(const core::GroupSetup& setup) const {
    return std::make_unique<FrozenPatternsGroup>(*setup.params, setup.size, setup.dtMs, setup.seed);
}

} // namespace plexus::plugins
