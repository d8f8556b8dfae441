// Virtual recordings at electrode contacts (geometry::VirtualRecorder): the LFP proxy of
// neurons with a known synaptic current at known distances against I / (4 pi sigma r), the
// multi-unit counts of neurons within the pick-up radius only, the synaptic current read from
// each built-in model, and runs split into chunks (1 and 2 threads) giving the same samples.

#include "core/TestSupport.h"
#include "plexus/core/plugin/NeuronModel.h"
#include "plexus/core/project/StandardNetworks.h"
#include "plexus/geometry/probes/VirtualRecorder.h"

#include <QtTest>
#include <cmath>
#include <numbers>

using namespace plexus;
using geometry::RecordingProbe;
using geometry::VirtualRecorder;

namespace {

/// A test population whose synaptic current is held at a given value per neuron (nA) and
/// whose neuron i spikes every period[i] steps (at steps period - 1, 2 period - 1, ...).
class HeldCurrentGroup : public core::NeuronGroup {
public:
    HeldCurrentGroup(std::vector<float> currents, std::vector<int> periods)
        : m_v(currents.size(), -65.0f)
        , m_current(std::move(currents))
        , m_period(std::move(periods)) {}
    std::size_t size() const override { return m_v.size(); }
    void update(const core::StepContext& ctx, float* const*, std::size_t begin, std::size_t end,
                std::vector<std::int32_t>& spikes) override {
        for (std::size_t i = begin; i < end; ++i)
            if ((ctx.step + 1) % m_period[i] == 0)
                spikes.push_back(static_cast<std::int32_t>(i));
    }
    bool clearsInputs() const override { return true; }
    float* state(std::size_t index) override {
        return index == 0 ? m_v.data() : index == 1 ? m_current.data() : nullptr;
    }

private:
    std::vector<float> m_v;
    std::vector<float> m_current;
    std::vector<int> m_period;
};

core::ModelInfo heldCurrentInfo() {
    core::ModelInfo info;
    info.name = "held_current";
    info.stateVariables = {{"v", "Membrane potential", "mV", ""},
                           {"i_syn_exc", "Synaptic current", "nA", ""}};
    return info;
}

/// A network of one HeldCurrentGroup population "P" split into `partitions` slices.
std::unique_ptr<core::Network> heldNetwork(const core::ModelInfo& info, std::vector<float> currents,
                                           std::vector<int> periods, std::size_t partitions) {
    auto net = std::make_unique<core::Network>();
    net->dtMs = 0.1;
    net->partitions = partitions;
    core::Population pop;
    pop.name = "P";
    pop.info = &info;
    pop.size = currents.size();
    pop.group = std::make_unique<HeldCurrentGroup>(std::move(currents), std::move(periods));
    pop.ring = core::InputRing(1, 0, pop.size);
    for (std::size_t k = 0; k <= partitions; ++k)
        pop.bounds.push_back(k * pop.size / partitions);
    net->populations.push_back(std::move(pop));
    return net;
}

constexpr double kInvFourPiSigma = 1.0 / (4.0 * std::numbers::pi * 0.3); // uV mm / nA

bool close(double a, double b, double relative) {
    return std::abs(a - b) <= relative * std::max(std::abs(a), std::abs(b));
}

/// Run `network` for `steps` in chunks of `chunk` steps, collecting after each.
void runChunked(core::Network& network, VirtualRecorder& recorder, std::int64_t steps,
                std::int64_t chunk) {
    core::Simulator sim(network);
    recorder.attach(network, 0);
    while (sim.currentStep() < steps) {
        sim.run(std::min(chunk, steps - sim.currentStep()));
        recorder.collect(network, sim.currentStep());
    }
}

} // namespace

class TestVirtualRecordings : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void knownCurrentsGiveTheAnalyticPotential() {
        // Two neurons on the z axis: n0 = +1.5 nA at z = 0.05 mm, n1 = -0.8 nA at z = 0.95 mm.
        // Contact c0 at the origin, c1 at z = 1 mm (sigma 0.3 S/m).
        const core::ModelInfo info = heldCurrentInfo();
        RecordingProbe probe;
        probe.contactsMm.resize(2, 3);
        probe.contactsMm << 0, 0, 0, 0, 0, 1;
        RecordingProbe::Population placed;
        placed.name = "P";
        placed.neuronsMm.resize(2, 3);
        placed.neuronsMm << 0, 0, 0.05, 0, 0, 0.95;
        probe.populations.push_back(placed);
        const double expected0 = kInvFourPiSigma * (1.5 / 0.05 - 0.8 / 0.95); // 7.7340 uV
        const double expected1 = kInvFourPiSigma * (1.5 / 0.95 - 0.8 / 0.05); // -3.8253 uV
        QVERIFY(close(expected0, 7.7341, 1e-4));
        QVERIFY(close(expected1, -3.8253, 1e-4));

        for (const std::size_t threads : {std::size_t{1}, std::size_t{2}}) {
            auto net = heldNetwork(info, {1.5f, -0.8f}, {5, 2}, threads);
            VirtualRecorder recorder(*net, probe);
            QCOMPARE(recorder.binSteps(), std::int64_t{10}); // 1 ms at dt = 0.1 ms
            QCOMPARE(recorder.neuronCount(), Eigen::Index{2});
            runChunked(*net, recorder, 100, 37);
            // Samples at 1, 2, ..., 10 ms.
            QCOMPARE(recorder.sampleSteps().size(), std::size_t{10});
            for (std::size_t r = 0; r < 10; ++r) {
                QCOMPARE(recorder.sampleSteps()[r], static_cast<std::int64_t>((r + 1) * 10));
                QVERIFY2(close(recorder.lfpUv()[2 * r], expected0, 1e-6),
                         qPrintable(QString::number(recorder.lfpUv()[2 * r], 'g', 10)));
                QVERIFY(close(recorder.lfpUv()[2 * r + 1], expected1, 1e-6));
            }
            // MUA (radius 0.1 mm): c0 hears only n0 (2 spikes per 10-step bin), c1 only n1 (5).
            QCOMPARE(recorder.completeMuaBins(), std::int64_t{10});
            for (std::size_t b = 0; b < 10; ++b) {
                QCOMPARE(recorder.muaCounts()[2 * b], 2u);
                QCOMPARE(recorder.muaCounts()[2 * b + 1], 5u);
            }
            // The engine recorders were emptied; discarding keeps the bin numbering.
            for (const auto& rec : net->spikeRecorders)
                QVERIFY(rec.steps.empty());
            recorder.discardResults();
            QVERIFY(recorder.sampleSteps().empty());
            QCOMPARE(recorder.firstMuaBin(), std::int64_t{10});
        }
    }

    void radiusSelectsTheUnits() {
        // Neurons at 0.05, 0.0999, 0.1001 and 0.3 mm from one contact, each spiking every 4
        // steps: a 0.1 mm radius counts the first two, a 0.2 mm radius three.
        const core::ModelInfo info = heldCurrentInfo();
        RecordingProbe probe;
        probe.contactsMm = Eigen::MatrixX3d::Zero(1, 3);
        RecordingProbe::Population placed;
        placed.name = "P";
        placed.neuronsMm.resize(4, 3);
        placed.neuronsMm << 0.05, 0, 0, 0, 0.0999, 0, 0, 0, 0.1001, 0.3, 0, 0;
        probe.populations.push_back(placed);
        for (const auto& [radius, units] : {std::pair{0.1, 2u}, std::pair{0.2, 3u}}) {
            auto net = heldNetwork(info, {0.f, 0.f, 0.f, 0.f}, {4, 4, 4, 4}, 1);
            VirtualRecorder::Options options;
            options.binSteps = 20;
            options.lfp.multiUnitRadiusMm = radius;
            VirtualRecorder recorder(*net, probe, nullptr, options);
            runChunked(*net, recorder, 60, 60);
            QCOMPARE(recorder.completeMuaBins(), std::int64_t{3});
            for (std::size_t b = 0; b < 3; ++b)
                QCOMPARE(recorder.muaCounts()[b], units * 5u); // 5 spikes per neuron per bin
            // Zero current: zero potential.
            for (const float v : recorder.lfpUv())
                QCOMPARE(v, 0.0f);
        }
    }

    void modelsExposeTheirSynapticCurrent() {
        const auto& registry = tests::builtinRegistry();
        const auto terms = [&](const char* model, std::map<std::string, double> params = {}) {
            const core::ModelInfo& info = registry.neuronModel(model)->info();
            return VirtualRecorder::currentTerms(info, params);
        };
        // lif_cuba: i_exc, i_inh in mV (current x R_m), R_m = 10 ms / 250 pF = 40 MOhm.
        auto t = terms("lif_cuba");
        QCOMPARE(t.size(), std::size_t{2});
        QVERIFY(close(t[0].scaleToNa, 1.0 / 40.0, 1e-12));
        t = terms("lif_cuba", {{"tau_m", 20.0}, {"c_m", 200.0}}); // 100 MOhm
        QVERIFY(close(t[1].scaleToNa, 0.01, 1e-12));
        // lif_coba: g (nS) (E - v) with E = 0 / -80 mV.
        t = terms("lif_coba");
        QCOMPARE(t.size(), std::size_t{2});
        QVERIFY(t[0].conductance && t[1].conductance);
        QCOMPARE(t[0].reversalMv, 0.0);
        QCOMPARE(t[1].reversalMv, -80.0);
        QCOMPARE(t[0].scaleToNa, 1e-3);
        // adex: pA; hh: nA (i_stim is not synaptic).
        t = terms("adex");
        QCOMPARE(t.size(), std::size_t{2});
        QCOMPARE(t[0].scaleToNa, 1e-3);
        t = terms("hh");
        QCOMPARE(t.size(), std::size_t{2});
        QCOMPARE(t[0].scaleToNa, 1.0);
    }

    void chunkedRunsGiveTheSameRecording() {
        // CUBA N = 400 with neurons on a 20 x 20 grid (0.05 mm pitch), contacts in its
        // middle: one 100-step run vs chunks of 7 steps; 1 and 2 threads.
        const core::ProjectSpec project = core::StandardNetworks::cuba(400);
        RecordingProbe probe;
        probe.contactsMm.resize(3, 3);
        probe.contactsMm << 0.5, 0.5, 0.0, 0.2, 0.7, 0.05, 0.9, 0.1, -0.05;
        for (const auto& spec : project.populations) {
            RecordingProbe::Population placed;
            placed.name = spec.name;
            placed.neuronsMm.resize(static_cast<Eigen::Index>(spec.size), 3);
            const double z = spec.name == project.populations.front().name ? 0.0 : 0.02;
            for (Eigen::Index i = 0; i < placed.neuronsMm.rows(); ++i)
                placed.neuronsMm.row(i) << 0.05 * static_cast<double>(i % 20),
                    0.05 * static_cast<double>((i / 20) % 20), z;
            probe.populations.push_back(placed);
        }
        std::vector<float> reference;
        std::vector<std::uint32_t> referenceMua;
        for (const std::size_t threads : {std::size_t{1}, std::size_t{2}}) {
            for (const std::int64_t chunk : {std::int64_t{1000}, std::int64_t{7}}) {
                core::BuildOptions options;
                options.threads = static_cast<int>(threads);
                options.minNeuronsPerThread = 1;
                auto net = core::NetworkBuilder::build(project, tests::builtinRegistry(), options);
                VirtualRecorder recorder(*net, probe, &project);
                runChunked(*net, recorder, 1000, chunk);
                QCOMPARE(recorder.sampleSteps().size(), std::size_t{100});
                QCOMPARE(recorder.completeMuaBins(), std::int64_t{100});
                if (reference.empty()) {
                    reference = recorder.lfpUv();
                    referenceMua.assign(recorder.muaCounts().begin(),
                                        recorder.muaCounts().begin() + 300);
                    // The network is active: some LFP and some units.
                    float peak = 0.0f;
                    for (const float v : reference)
                        peak = std::max(peak, std::abs(v));
                    QVERIFY(peak > 0.0f);
                    std::uint64_t units = 0;
                    for (const auto c : referenceMua)
                        units += c;
                    QVERIFY(units > 0);
                    continue;
                }
                QCOMPARE(recorder.lfpUv(), reference);
                QVERIFY(std::equal(referenceMua.begin(), referenceMua.end(),
                                   recorder.muaCounts().begin()));
            }
        }
    }

    void continuesAcrossARebuild() {
        // A recorder continued on a rebuilt network (here: the same network) at a step inside
        // an MUA bin keeps the open bin's counts and the sample times.
        const core::ModelInfo info = heldCurrentInfo();
        RecordingProbe probe;
        probe.contactsMm = Eigen::MatrixX3d::Zero(1, 3);
        RecordingProbe::Population placed;
        placed.name = "P";
        placed.neuronsMm = Eigen::MatrixX3d::Zero(1, 3);
        placed.neuronsMm(0, 2) = 0.02;
        probe.populations.push_back(placed);
        auto net = heldNetwork(info, {1.0f}, {3}, 1);
        core::Simulator sim(*net);
        auto first = std::make_unique<VirtualRecorder>(*net, probe);
        first->attach(*net, 0);
        sim.run(15);
        first->collect(*net, sim.currentStep());
        QCOMPARE(first->completeMuaBins(), std::int64_t{1});
        QCOMPARE(first->muaCounts()[0], 3u); // spikes at steps 2, 5, 8
        first->discardResults();

        auto net2 = heldNetwork(info, {1.0f}, {3}, 1);
        core::Simulator sim2(*net2);
        sim2.startAt(15);
        VirtualRecorder second(*net2, probe);
        second.continueFrom(*first);
        second.attach(*net2, 15);
        sim2.run(15);
        second.collect(*net2, sim2.currentStep());
        // Bin 1 (steps 10-19): 11, 14 before the rebuild, 17 after; bin 2: 20, 23, 26, 29.
        QCOMPARE(second.firstMuaBin(), std::int64_t{1});
        QCOMPARE(second.completeMuaBins(), std::int64_t{2});
        QCOMPARE(second.muaCounts()[0], 3u);
        QCOMPARE(second.muaCounts()[1], 4u);
        QCOMPARE(second.sampleSteps(), (std::vector<std::int64_t>{20, 30}));
        QVERIFY(close(second.lfpUv()[0], kInvFourPiSigma / 0.02, 1e-6));
    }
};

QTEST_GUILESS_MAIN(TestVirtualRecordings)
#include "TestVirtualRecordings.moc"
