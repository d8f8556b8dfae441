#include "plexus/core/project/StandardNetworks.h"

#include <string>

namespace plexus::core {

namespace {

ProjectSpec twoPopulationNetwork(std::size_t n, const std::string& model,
                                 const std::map<std::string, double>& params,
                                 const std::map<std::string, ValueSpec>& initial, double wExc,
                                 double wInh) {
    ProjectSpec p;
    p.simulation.dtMs = 0.1;
    p.simulation.durationS = 1.0;
    p.simulation.seed = 1;
    p.simulation.threads = 1;
    const auto nExc = static_cast<std::int64_t>(0.8 * static_cast<double>(n));
    const auto nInh = static_cast<std::int64_t>(n) - nExc;
    p.populations.push_back({"E", model, nExc, params, initial});
    p.populations.push_back({"I", model, nInh, params, initial});
    const double prob = n > 0 ? std::min(1.0, 80.0 / static_cast<double>(n)) : 0.0;
    for (const char* source : {"E", "I"}) {
        for (const char* target : {"E", "I"}) {
            ProjectionSpec pr;
            pr.name = std::string(source) + "->" + target;
            pr.source = source;
            pr.target = target;
            const bool excitatory = std::string(source) == "E";
            pr.receptor = excitatory ? "exc" : "inh";
            pr.connectivity.rule = "fixed_probability";
            pr.connectivity.params["p"] = prob;
            pr.weight = ValueSpec::constant(excitatory ? wExc : wInh);
            pr.delayMs = ValueSpec::constant(0.1);
            p.projections.push_back(pr);
        }
    }
    for (const char* pop : {"E", "I"}) {
        RecorderSpec rec;
        rec.name = std::string("spikes_") + pop;
        rec.type = "spikes";
        rec.target = pop;
        p.recorders.push_back(rec);
    }
    return p;
}

} // namespace

ProjectSpec StandardNetworks::cuba(std::size_t n) {
    ProjectSpec p = twoPopulationNetwork(n, "lif_cuba",
                                         {{"tau_m", 20.0},
                                          {"tau_syn_exc", 5.0},
                                          {"tau_syn_inh", 10.0},
                                          {"e_l", -49.0},
                                          {"v_thresh", -50.0},
                                          {"v_reset", -60.0},
                                          {"t_ref", 5.0}},
                                         {{"v", ValueSpec::uniform(-60.0, -50.0)}},
                                         60.0 * 0.27 / 10.0, -20.0 * 4.5 / 10.0);
    p.name = "CUBA";
    p.description = "Brette et al. (2007) benchmark 2: " + std::to_string(n) +
                    " LIF neurons with exponential current synapses (we = 1.62 mV, wi = -9 mV), "
                    "p = 80/N, exact integration.";
    return p;
}

ProjectSpec StandardNetworks::coba(std::size_t n) {
    ProjectSpec p = twoPopulationNetwork(n, "lif_coba",
                                         {{"tau_m", 20.0},
                                          {"tau_syn_exc", 5.0},
                                          {"tau_syn_inh", 10.0},
                                          {"e_l", -60.0},
                                          {"e_exc", 0.0},
                                          {"e_inh", -80.0},
                                          {"v_thresh", -50.0},
                                          {"v_reset", -60.0},
                                          {"t_ref", 5.0},
                                          {"g_l", 10.0}},
                                         {{"v", ValueSpec::normal(-65.0, 5.0)},
                                          {"g_exc", ValueSpec::normal(40.0, 15.0)},
                                          {"g_inh", ValueSpec::normal(200.0, 120.0)}},
                                         6.0, 67.0);
    p.name = "COBA";
    p.description =
        "Brette et al. (2007) benchmark 1 (Vogels & Abbott 2005): " + std::to_string(n) +
        " LIF neurons with exponential conductances (6 nS / 67 nS), p = 80/N, "
        "forward Euler.";
    return p;
}

bool StandardNetworks::addStdp(ProjectSpec& project) {
    bool changed = false;
    for (auto& pr : project.projections) {
        if (pr.source != "E")
            continue;
        const double w = pr.weight.mean();
        pr.synapse = "stdp";
        pr.synapseParams = {{"a_plus", 0.005 * w}, {"a_minus", 0.00525 * w}, {"tau_plus", 20.0},
                            {"tau_minus", 20.0},   {"w_min", 0.0},           {"w_max", 2.0 * w}};
        changed = true;
    }
    return changed;
}

} // namespace plexus::core
