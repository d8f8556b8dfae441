// Writes the example projects of the gallery (File > Examples) that are not plain benchmark
// networks:
//
//     plexus_make_examples resources/examples
//
// The files are written through ProjectIo, so they are canonical, with a layout from
// AutoLayout. TestExamples checks that every example opens, validates and runs.

#include <QHash>
#include <QPointF>
#include <QString>
#include <cstdio>
#include <filesystem>
#include <plexus/core/project/ProjectIo.h>
#include <plexus/core/project/ProjectSpec.h>
#include <plexus/core/project/StandardNetworks.h>
#include <plexus/widgets/document/ElectrodeSpec.h>
#include <plexus/widgets/document/ProjectLayout.h>
#include <plexus/widgets/editor/AutoLayout.h>

using namespace plexus::core;

namespace {

PopulationSpec population(const std::string& name, const std::string& model, std::int64_t size,
                          std::map<std::string, double> params,
                          std::map<std::string, ValueSpec> initial = {}) {
    PopulationSpec spec;
    spec.name = name;
    spec.model = model;
    spec.size = size;
    spec.params = std::move(params);
    spec.initial = std::move(initial);
    return spec;
}

ProjectionSpec projection(const std::string& source, const std::string& target,
                          const std::string& receptor, ConnectivitySpec connectivity,
                          ValueSpec weight, ValueSpec delay = ValueSpec::constant(1.0)) {
    ProjectionSpec spec;
    spec.name = source + "->" + target;
    spec.source = source;
    spec.target = target;
    spec.receptor = receptor;
    spec.connectivity = std::move(connectivity);
    spec.weight = weight;
    spec.delayMs = delay;
    return spec;
}

ConnectivitySpec probability(double p) {
    return {"fixed_probability", {{"p", p}}, true};
}

ConnectivitySpec inDegree(double k) {
    return {"fixed_indegree", {{"k", k}}, true};
}

RecorderSpec recorder(const std::string& name, const std::string& type, const std::string& target) {
    RecorderSpec spec;
    spec.name = name;
    spec.type = type;
    spec.target = target;
    if (type == "rate") {
        spec.binMs = 10.0;
    }
    return spec;
}

StimulusSpec poisson(const std::string& name, std::int64_t size, double rateHz) {
    StimulusSpec spec;
    spec.name = name;
    spec.model = "poisson";
    spec.size = size;
    spec.params = {{"rate_hz", rateHz}};
    return spec;
}

/// Places the nodes at the given centres; nodes not listed go where AutoLayout puts them.
void place(ProjectSpec& project, const std::map<std::string, QPointF>& chosen = {}) {
    const QHash<QString, QPointF> positions = plexus::widgets::AutoLayout::compute(project);
    for (auto it = positions.cbegin(); it != positions.cend(); ++it) {
        const auto picked = chosen.find(it.key().toStdString());
        plexus::widgets::ProjectLayout::setPosition(
            project, it.key(), picked != chosen.end() ? picked->second : it.value());
    }
}

/// LIF parameters shared by the reservoirs (current-based, exact).
std::map<std::string, double> lif(double tRef) {
    return {{"tau_m", 20.0},     {"tau_syn_exc", 5.0}, {"tau_syn_inh", 10.0}, {"e_l", -60.0},
            {"v_thresh", -50.0}, {"v_reset", -60.0},   {"t_ref", tRef}};
}

ProjectSpec liquidStateMachine() {
    ProjectSpec p;
    p.name = "Liquid state machine";
    p.description =
        "A liquid state machine (Maass, Natschlaeger & Markram 2002): 50 Poisson input channels "
        "drive a recurrent reservoir of 800 excitatory and 200 inhibitory LIF neurons with "
        "random, distance-free connectivity (p = 0.1) and heterogeneous delays. The rate "
        "recorder on the excitatory population is the input of a linear readout.";
    p.simulation.durationS = 1.0;
    p.stimuli.push_back(poisson("Input", 50, 20.0));
    const auto v0 = std::map<std::string, ValueSpec>{{"v", ValueSpec::uniform(-60.0, -50.0)}};
    p.populations.push_back(population("E", "lif_cuba", 800, lif(2.0), v0));
    p.populations.push_back(population("I", "lif_cuba", 200, lif(1.0), v0));
    p.projections.push_back(
        projection("Input", "E", "exc", probability(0.2), ValueSpec::constant(10.0)));
    p.projections.push_back(
        projection("Input", "I", "exc", probability(0.2), ValueSpec::constant(10.0)));
    const ValueSpec delays = ValueSpec::uniform(0.5, 3.0);
    p.projections.push_back(
        projection("E", "E", "exc", probability(0.1), ValueSpec::constant(1.0), delays));
    p.projections.push_back(
        projection("E", "I", "exc", probability(0.1), ValueSpec::constant(1.5), delays));
    p.projections.push_back(
        projection("I", "E", "inh", probability(0.1), ValueSpec::constant(-4.0), delays));
    p.projections.push_back(
        projection("I", "I", "inh", probability(0.1), ValueSpec::constant(-4.0), delays));
    p.recorders.push_back(recorder("spikes_E", "spikes", "E"));
    p.recorders.push_back(recorder("spikes_I", "spikes", "I"));
    p.recorders.push_back(recorder("readout", "rate", "E"));
    place(p, {{"Input", {0, 0}},
              {"E", {330, -100}},
              {"I", {660, 120}},
              {"spikes_E", {660, -260}},
              {"readout", {990, -100}},
              {"spikes_I", {990, 120}}});
    return p;
}

ProjectSpec stdpLearning() {
    ProjectSpec p;
    p.name = "STDP learning";
    p.description =
        "Competitive Hebbian learning with pair STDP (Song, Miller & Abbott 2000): 500 "
        "independent Poisson inputs at 15 Hz converge on 20 LIF neurons through additive STDP "
        "synapses bounded by w_max. Depression slightly outweighs potentiation, so inputs "
        "compete and the output rates settle.";
    p.simulation.durationS = 5.0;
    p.stimuli.push_back(poisson("Inputs", 500, 15.0));
    p.populations.push_back(population("Output", "lif_cuba", 20,
                                       {{"tau_m", 20.0},
                                        {"tau_syn_exc", 5.0},
                                        {"e_l", -70.0},
                                        {"v_thresh", -54.0},
                                        {"v_reset", -60.0},
                                        {"t_ref", 2.0}},
                                       {{"v", ValueSpec::uniform(-70.0, -54.0)}}));
    ProjectionSpec plastic =
        projection("Inputs", "Output", "exc", {"all_to_all", {}, true}, ValueSpec::constant(0.45));
    const double wMax = 0.9;
    plastic.synapse = "stdp";
    plastic.synapseParams = {{"a_plus", 0.005 * wMax}, {"a_minus", 0.00525 * wMax},
                             {"tau_plus", 20.0},       {"tau_minus", 20.0},
                             {"w_min", 0.0},           {"w_max", wMax}};
    p.projections.push_back(plastic);
    p.recorders.push_back(recorder("spikes_Output", "spikes", "Output"));
    p.recorders.push_back(recorder("spikes_Inputs", "spikes", "Inputs"));
    place(p, {{"Inputs", {0, 0}},
              {"Output", {360, 0}},
              {"spikes_Output", {700, 0}},
              {"spikes_Inputs", {360, 180}}});
    return p;
}

ProjectSpec eiReservoir() {
    ProjectSpec p;
    p.name = "E/I reservoir";
    p.description =
        "A reservoir of heterogeneous Izhikevich neurons (Izhikevich 2003): 800 excitatory "
        "cells from regular spiking to chattering (c, d drawn per neuron) and 200 fast-spiking "
        "inhibitory cells, driven by thalamic Poisson input. Inhibitory synapses onto the "
        "excitatory cells adapt toward a 5 Hz target rate (Vogels-Sprekeler homeostatic "
        "plasticity), so the reservoir balances itself.";
    p.simulation.durationS = 2.0;
    p.stimuli.push_back(poisson("Thalamus", 200, 10.0));
    p.populations.push_back(
        population("E", "izhikevich", 800,
                   {{"a", 0.02}, {"b", 0.2}, {"tau_syn_exc", 5.0}, {"tau_syn_inh", 5.0}},
                   {{"c", ValueSpec::uniform(-65.0, -50.0)}, {"d", ValueSpec::uniform(2.0, 8.0)}}));
    p.populations.push_back(
        population("I", "izhikevich", 200,
                   {{"a", 0.1}, {"b", 0.2}, {"d", 2.0}, {"tau_syn_exc", 5.0}, {"tau_syn_inh", 5.0}},
                   {{"a", ValueSpec::uniform(0.02, 0.1)}, {"b", ValueSpec::uniform(0.2, 0.25)}}));
    p.projections.push_back(
        projection("Thalamus", "E", "exc", inDegree(20), ValueSpec::uniform(2.0, 8.0)));
    p.projections.push_back(
        projection("Thalamus", "I", "exc", inDegree(20), ValueSpec::uniform(2.0, 8.0)));
    p.projections.push_back(
        projection("E", "E", "exc", probability(0.1), ValueSpec::uniform(0.0, 0.2)));
    p.projections.push_back(
        projection("E", "I", "exc", probability(0.1), ValueSpec::uniform(0.0, 0.3)));
    ProjectionSpec homeostatic =
        projection("I", "E", "inh", probability(0.2), ValueSpec::constant(-0.5));
    homeostatic.synapse = "homeostatic";
    homeostatic.synapseParams = {{"eta", 0.01},         {"rho0", 5.0},   {"tau", 20.0},
                                 {"weight_sign", -1.0}, {"w_min", -5.0}, {"w_max", 0.0}};
    p.projections.push_back(homeostatic);
    p.projections.push_back(
        projection("I", "I", "inh", probability(0.2), ValueSpec::uniform(-0.6, -0.2)));
    p.recorders.push_back(recorder("spikes_E", "spikes", "E"));
    p.recorders.push_back(recorder("spikes_I", "spikes", "I"));
    place(p, {{"Thalamus", {0, 0}},
              {"E", {330, -100}},
              {"I", {660, 120}},
              {"spikes_E", {660, -260}},
              {"spikes_I", {990, 120}}});
    return p;
}

ProjectSpec gainControl() {
    ProjectSpec p;
    p.name = "Gain control";
    p.description =
        "An E/I circuit with gain control: a sinusoidally modulated Poisson input (4 Hz) "
        "drives adapting AdEx excitatory cells and, as feedforward inhibition, fast LIF "
        "interneurons that also receive recurrent excitation. Spike-frequency adaptation and "
        "inhibition together divide the excitatory response, compressing its gain.";
    p.simulation.durationS = 1.0;
    StimulusSpec input;
    input.name = "Stimulus";
    input.model = "poisson_inhomogeneous";
    input.size = 100;
    input.params = {{"rate_hz", 15.0}, {"amplitude_hz", 10.0}, {"frequency_hz", 4.0}};
    p.stimuli.push_back(input);
    p.populations.push_back(population("E", "adex", 400,
                                       {{"a", 4.0}, {"b", 80.5}, {"tau_w", 144.0}},
                                       {{"v", ValueSpec::uniform(-70.6, -55.0)}}));
    p.populations.push_back(population("I", "lif_cuba", 100,
                                       {{"tau_m", 10.0},
                                        {"tau_syn_exc", 2.0},
                                        {"tau_syn_inh", 5.0},
                                        {"e_l", -65.0},
                                        {"v_thresh", -52.0},
                                        {"v_reset", -65.0},
                                        {"t_ref", 1.0}},
                                       {{"v", ValueSpec::uniform(-65.0, -52.0)}}));
    p.projections.push_back(
        projection("Stimulus", "E", "exc", probability(0.3), ValueSpec::constant(400.0)));
    p.projections.push_back(
        projection("Stimulus", "I", "exc", probability(0.3), ValueSpec::constant(8.0)));
    p.projections.push_back(
        projection("E", "I", "exc", probability(0.1), ValueSpec::constant(0.8)));
    p.projections.push_back(
        projection("I", "E", "inh", probability(0.2), ValueSpec::constant(-60.0)));
    p.recorders.push_back(recorder("spikes_E", "spikes", "E"));
    p.recorders.push_back(recorder("spikes_I", "spikes", "I"));
    p.recorders.push_back(recorder("rate_E", "rate", "E"));
    place(p, {{"Stimulus", {0, 0}},
              {"I", {330, 120}},
              {"E", {660, -60}},
              {"spikes_E", {990, -160}},
              {"rate_E", {990, 0}},
              {"spikes_I", {990, 180}}});
    return p;
}

ProjectSpec spatialSheet() {
    ProjectSpec p;
    p.name = "Spatial sheet";
    p.description =
        "Local connectivity on a cortical sheet: 800 excitatory and 200 inhibitory LIF neurons "
        "placed at random in a 1 x 1 mm sheet, 200 um deep. Excitatory synapses fall off as a "
        "Gaussian of distance (sigma = 150 um), inhibitory ones exponentially (lambda = 100 um), "
        "so neighbours share input and activity spreads locally. 50 Poisson channels drive "
        "both populations.";
    p.simulation.durationS = 1.0;
    p.stimuli.push_back(poisson("Input", 50, 20.0));
    const auto v0 = std::map<std::string, ValueSpec>{{"v", ValueSpec::uniform(-60.0, -50.0)}};
    p.populations.push_back(population("E", "lif_cuba", 800, lif(2.0), v0));
    p.populations.push_back(population("I", "lif_cuba", 200, lif(1.0), v0));
    for (auto& population : p.populations) {
        population.spatial = SpatialSpec::withShape("sheet");
    }
    const ConnectivitySpec gaussian{"distance_gaussian", {{"p0", 0.5}, {"sigma_um", 150.0}}, true};
    const ConnectivitySpec exponential{
        "distance_exponential", {{"p0", 0.5}, {"lambda_um", 100.0}}, true};
    p.projections.push_back(
        projection("Input", "E", "exc", probability(0.2), ValueSpec::constant(10.0)));
    p.projections.push_back(
        projection("Input", "I", "exc", probability(0.2), ValueSpec::constant(10.0)));
    const ValueSpec delays = ValueSpec::uniform(0.5, 3.0);
    p.projections.push_back(
        projection("E", "E", "exc", gaussian, ValueSpec::constant(1.0), delays));
    p.projections.push_back(
        projection("E", "I", "exc", gaussian, ValueSpec::constant(1.5), delays));
    p.projections.push_back(
        projection("I", "E", "inh", exponential, ValueSpec::constant(-4.0), delays));
    p.projections.push_back(
        projection("I", "I", "inh", exponential, ValueSpec::constant(-4.0), delays));
    p.recorders.push_back(recorder("spikes_E", "spikes", "E"));
    p.recorders.push_back(recorder("spikes_I", "spikes", "I"));
    p.recorders.push_back(recorder("rate_E", "rate", "E"));
    place(p, {{"Input", {0, 0}},
              {"E", {330, -100}},
              {"I", {660, 120}},
              {"spikes_E", {660, -260}},
              {"rate_E", {990, -100}},
              {"spikes_I", {990, 120}}});
    return p;
}

/// A cortical slab: neurons uniform over @p widthUm x @p widthUm, @p depthUm deep.
SpatialSpec slab(double widthUm, double depthUm) {
    SpatialSpec spatial = SpatialSpec::withShape("sheet");
    spatial.extentUm = {widthUm, widthUm, depthUm};
    return spatial;
}

plexus::widgets::ElectrodeSpec electrode(const std::string& name, const std::string& type,
                                         int contacts, double spacingUm) {
    plexus::widgets::ElectrodeSpec spec;
    spec.name = name;
    spec.type = type;
    spec.target = "E";
    spec.contacts = contacts;
    spec.spacingUm = spacingUm;
    return spec;
}

ProjectSpec cubaWithElectrodes() {
    ProjectSpec p = StandardNetworks::cuba(4000);
    p.name = "CUBA with electrodes";
    p.description =
        "The CUBA benchmark network (3200 excitatory, 800 inhibitory LIF neurons) in a patch of "
        "cortex: E fills a slab 1.6 x 1.6 mm wide and 1 mm deep, I a 0.8 mm slab beside it, "
        "deeper. A 16-contact laminar probe (100 um spacing) goes down through the middle of E "
        "and a 4 x 4 Utah-style array (400 um pitch, 1 mm shanks) sits on it. Each contact "
        "records an LFP proxy (point sources, sigma = 0.3 S/m) and the multi-unit spikes of the "
        "neurons within 100 um, shown live below the rates.";
    p.populations[0].spatial = slab(1600.0, 1000.0);
    p.populations[1].spatial = slab(800.0, 1000.0);
    p.electrodes = {electrode("probe", "laminar", 16, 100.0), electrode("utah", "utah", 16, 400.0)};
    place(p);
    return p;
}

} // namespace

int main(int argc, char* argv[]) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: plexus_make_examples OUTPUT_FOLDER\n");
        return 2;
    }
    const std::filesystem::path folder(argv[1]);
    const std::pair<const char*, ProjectSpec> examples[] = {
        {"liquid_state_machine.json", liquidStateMachine()},
        {"stdp_learning.json", stdpLearning()},
        {"ei_reservoir.json", eiReservoir()},
        {"gain_control.json", gainControl()},
        {"spatial_sheet.json", spatialSheet()},
        {"cuba_electrodes.json", cubaWithElectrodes()},
    };
    for (const auto& [file, project] : examples) {
        ProjectIo::save(project, folder / file);
        std::printf("wrote %s\n", (folder / file).string().c_str());
    }
    return 0;
}
