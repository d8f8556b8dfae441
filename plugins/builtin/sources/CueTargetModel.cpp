#include "CueTargetModel.h"

#include "CueTargetGroup.h"

#include <string>

namespace plexus::plugins {

CueTargetModel::CueTargetModel() {
    m_info.name = "cue_target";
    m_info.label = "Cue-delay-target paradigm";
    m_info.kind = core::ModelKind::SpikeSource;
    m_info.category = "Stimuli";
    m_info.tags = {"cue",        "target", "delay", "working memory",
                   "prediction", "Posner", "catch", "stimulus"};
    m_info.version = "1.0";
    m_info.equations =
        "channels split evenly into C cue groups, then T target groups\n"
        "trial n at onset_ms + n period_ms: cue c with probability p_cue_c / sum(p_cue), shown "
        "for cue_ms; delay ~ U[delay_min_ms, delay_max_ms]; target for target_ms: none with "
        "probability p_catch, else target c mod T with probability p_valid, else another\n"
        "shown group: P(spike in a step) = (rate_hz + background_hz) dt; others: background_hz "
        "dt";
    m_info.references =
        "Posner MI (1980) Orienting of attention. Q J Exp Psychol 32:3 (valid, invalid and "
        "catch cues). Fuster JM, Alexander GE (1971) Neuron activity related to short-term "
        "memory. Science 173:652 (cue-delay-response). Wang X-J (2002) Probabilistic decision "
        "making by slow reverberation in cortical circuits. Neuron 36:955 (cue-driven "
        "selective populations).";
    m_info.doc =
        "A cue paradigm as spike input. The channels form C cue groups and T target groups "
        "(split evenly, in that order). Every period_ms a cue group is chosen with the relative "
        "weights p_cue_0..p_cue_3 and fires at rate_hz for cue_ms; after a delay drawn "
        "uniformly from [delay_min_ms, delay_max_ms] a target group fires for target_ms: with "
        "probability p_catch none (a catch trial), otherwise the target the cue predicts (cue "
        "c predicts target c mod T) with probability p_valid, else one of the other targets. "
        "The sequence depends only on the parameters and sequence_seed, so it is the same in "
        "every run and the analysis rebuilds it (CueTargetSchedule::events); the spikes are "
        "Poisson and drawn from the run's random stream.";
    m_info.parameters = {
        {"cue_groups", "Cue groups C", "", 2.0, 1.0, 4.0,
         "Number of cue groups (an integer, at most 4: one weight p_cue_c each)."},
        {"target_groups", "Target groups T", "", 2.0, 1.0, 64.0,
         "Number of target groups (an integer)."},
    };
    for (int c = 0; c < 4; ++c)
        m_info.parameters.push_back(
            {"p_cue_" + std::to_string(c), "Weight of cue " + std::to_string(c), "", 1.0, 0.0, 1e6,
             "Relative probability of cue group " + std::to_string(c) +
                 " (the weights of the C groups are normalised; groups beyond C are ignored)."});
    const std::vector<core::ParameterDescriptor> rest = {
        {"p_valid", "Valid probability", "", 0.8, 0.0, 1.0,
         "Probability that a target trial shows the cued target (Posner 1980: 0.8)."},
        {"p_catch", "Catch probability", "", 0.1, 0.0, 1.0,
         "Probability that a trial shows no target."},
        {"cue_ms", "Cue duration", "ms", 100.0, 0.0, 1e7, "How long the cue group fires."},
        {"delay_min_ms", "Shortest delay", "ms", 200.0, 0.0, 1e7,
         "Lower bound of the cue-to-target delay (from the cue's end)."},
        {"delay_max_ms", "Longest delay", "ms", 400.0, 0.0, 1e7,
         "Upper bound of the delay; equal bounds give a fixed delay."},
        {"target_ms", "Target duration", "ms", 100.0, 0.0, 1e7, "How long the target fires."},
        {"rate_hz", "Shown rate", "Hz", 50.0, 0.0, 1e4,
         "Rate of a group's channels while it is shown (added to the background)."},
        {"background_hz", "Background rate", "Hz", 0.0, 0.0, 1e4,
         "Rate of every channel at all times."},
        {"onset_ms", "Onset", "ms", 0.0, 0.0, 1e9, "Start of trial 0."},
        {"period_ms", "Trial period", "ms", 1000.0, 0.1, 1e9,
         "Time between trial starts; at least cue_ms + delay_max_ms + target_ms."},
        {"sequence_seed", "Sequence seed", "", 1.0, 0.0, 9.007199254740992e15,
         "Seed of the cue, delay and target draws (an integer): the sequence is the same in "
         "every run."},
    };
    m_info.parameters.insert(m_info.parameters.end(), rest.begin(), rest.end());
}

std::unique_ptr<core::NeuronGroup>
CueTargetModel::createGroup(const core::GroupSetup& setup) const {
    return std::make_unique<CueTargetGroup>(*setup.params, setup.size, setup.dtMs, setup.seed);
}

} // namespace plexus::plugins
