// Gallery system 1, the neuron-astrocyte liquid state machine (Ivanov & Michmizos 2021), reduced:
// a liquid of 400 LIF neurons whose recurrent synapses learn by pair STDP under the feedback of
// one astrocyte (astro_feedback_stdp) that integrates the liquid's spikes against the input's.
// From a sub-critical (weak recurrent weights) and a super-critical (strong weights) start,
// training moves the multistep-regression branching ratio of the liquid into [0.95, 1.05]; with
// the astrocyte switched off (plain STDP, same amplitudes) it stays outside. docs/gallery.md
// section 1 shows the numbers.

#include "plexus/analysis/BranchingRatio.h"
#include "plexus/analysis/ReadoutStates.h"
#include "plexus/analysis/ReadoutTasks.h"
#include "plexus/analysis/SpikeTimes.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/build/NetworkBuilder.h"
#include "plexus/core/engine/Simulator.h"
#include "plexus/core/model/PatternTable.h"
#include "plexus/core/plugin/ModelRegistry.h"
#include "plexus/core/project/ProjectIo.h"
#include "plexus/plugins/BuiltinModels.h"

#include <QtTest>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

using namespace plexus;
using nlohmann::json;

namespace {

constexpr double kDt = 0.1;
constexpr int kNeurons = 400;
constexpr double kSubCritical = 0.5, kSuperCritical = 2.0; ///< initial recurrent weights
const char* kDigits = "/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz";
constexpr int kFirstImage = 134, kImages = 900; ///< images read out: after 20 s of training
constexpr double kImageMs = 100.0, kGapMs = 50.0;

const core::ModelRegistry& registry() {
    static const core::ModelRegistry r = [] {
        core::ModelRegistry m;
        plugins::registerBuiltinModels(m);
        return m;
    }();
    return r;
}

/// The liquid: 64 Poisson inputs at 20 Hz (p = 0.2, weight 6) onto 400 LIF neurons with
/// recurrent synapses (p = 0.1, weight `wee`, 1 ms delay) under astro_feedback_stdp. `plastic`
/// false freezes the weights; `astrocyte` false is plain pair STDP. `digits`: the input plays
/// scikit-learn's 8 x 8 digits instead (pattern_table, 100 ms per image at up to 100 Hz, 50 ms
/// gaps).
core::ProjectSpec liquid(double wee, bool plastic, bool astrocyte, double seconds,
                         bool digits = false) {
    const json lif = {{"e_l", -60.0},  {"v_reset", -60.0},   {"v_thresh", -50.0},
                      {"tau_m", 20.0}, {"tau_syn_exc", 5.0}, {"tau_syn_inh", 10.0},
                      {"t_ref", 2.0}};
    const double amplitude = plastic ? 0.01 : 0.0;
    const json doc = {
        {"format", "plexus-project"},
        {"formatVersion", 3},
        {"name", "nalsm"},
        {"populations",
         {{{"name", "E"},
           {"model", "lif_cuba"},
           {"size", kNeurons},
           {"params", lif},
           {"initial", {{"v", {{"dist", "uniform"}, {"low", -60.0}, {"high", -50.0}}}}}}}},
        {"stimuli",
         {digits ? json{{"name", "Input"},
                        {"model", "pattern_table"},
                        {"size", 64},
                        {"params",
                         {{"max_rate_hz", 100.0},
                          {"present_ms", kImageMs},
                          {"gap_ms", kGapMs},
                          {"label_column", 64}}},
                        {"table_file", kDigits}}
                 : json{{"name", "Input"},
                        {"model", "poisson"},
                        {"size", 64},
                        {"params", {{"rate_hz", 20.0}}}}}},
        {"projections",
         {{{"name", "Input->E"},
           {"source", "Input"},
           {"target", "E"},
           {"receptor", "exc"},
           {"weight", 6.0},
           {"delay_ms", 1.0},
           {"connectivity", {{"rule", "fixed_probability"}, {"p", 0.2}}}},
          {{"name", "E->E"},
           {"source", "E"},
           {"target", "E"},
           {"receptor", "exc"},
           {"weight", wee},
           {"delay_ms", 1.0},
           {"connectivity", {{"rule", "fixed_probability"}, {"p", 0.1}}},
           {"modulator", "Input"},
           {"synapse",
            {{"model", "astro_feedback_stdp"},
             {"params",
              {{"a_plus", amplitude},
               {"a_minus", amplitude},
               {"tau_astro", 100.0},
               {"w_liquid", astrocyte ? 0.001 : 0.0},
               {"w_input", astrocyte ? 0.013 : 0.0},
               {"w_max", 20.0}}}}}}}},
        {"recorders", {{{"name", "spikes_E"}, {"target", "E"}, {"type", "spikes"}}}},
        {"simulation", {{"dt_ms", kDt}, {"duration_s", seconds}, {"seed", 1}, {"threads", 1}}}};
    return core::ProjectIo::fromJson(doc, "");
}

struct Measured {
    double m = 0.0;    ///< MR branching ratio (1 ms bins, kmax 40)
    double rate = 0.0; ///< liquid spikes per ms
};

/// Run `project` and estimate the branching ratio of the liquid over [fromMs, toMs).
Measured branching(const core::ProjectSpec& project, double fromMs, double toMs) {
    auto net = core::NetworkBuilder::build(project, registry(), {});
    core::Simulator sim(*net);
    sim.run(std::llround(toMs / kDt));
    sim.finish();
    const auto& rec = net->spikeRecorders[0];
    const std::int64_t bin = std::llround(1.0 / kDt), from = std::llround(fromMs / kDt);
    std::vector<double> counts(static_cast<std::size_t>(std::llround((toMs - fromMs) / 1.0)), 0.0);
    for (const std::int64_t step : rec.steps)
        if (step >= from) {
            const auto b = static_cast<std::size_t>((step - from) / bin);
            if (b < counts.size())
                counts[b] += 1.0;
        }
    Measured out;
    for (double c : counts)
        out.rate += c;
    out.rate /= static_cast<double>(counts.size());
    try {
        out.m = analysis::BranchingRatio::estimate(counts, 40).m;
    } catch (const core::Error&) {
        out.m = std::nan("");
    }
    return out;
}

/// Test accuracy of a ridge readout of the digit shown, from the liquid's spikes filtered with
/// tau = 30 ms at the end of each image (images kFirstImage .. + kImages; 20 % held out).
double digitAccuracy(const core::ProjectSpec& project) {
    auto net = core::NetworkBuilder::build(project, registry(), {});
    core::Simulator sim(*net);
    const double period = kImageMs + kGapMs;
    sim.run(std::llround((kFirstImage + kImages) * period / kDt) + 1);
    sim.finish();
    const auto table = core::PatternTable::read(kDigits);
    std::vector<double> times;
    std::vector<int> groups, labels;
    for (int k = kFirstImage; k < kFirstImage + kImages; ++k) {
        times.push_back(k * period + kImageMs);
        groups.push_back(k);
        labels.push_back(static_cast<int>(table.at(static_cast<std::size_t>(k), 64)));
    }
    const auto states = analysis::ReadoutStates::sample(
        {analysis::SpikeTimes::fromRecorder(net->spikeRecorders[0], kNeurons, kDt)}, times, groups,
        {});
    return analysis::ReadoutTasks::classify(states.states, labels, 10, groups, {}).testAccuracy;
}

bool critical(double m) {
    return m >= 0.95 && m <= 1.05;
}

} // namespace

class TestGalleryNalsm : public QObject {
    Q_OBJECT

private slots:
    void startsAreOffCritical_data() {
        QTest::addColumn<double>("wee");
        QTest::newRow("sub-critical") << kSubCritical;
        QTest::newRow("super-critical") << kSuperCritical;
    }

    /// The untrained liquids (frozen weights) are outside [0.95, 1.05]: the weak one relaxes
    /// fast (m < 0.95), the strong one runs away into saturated, oscillating activity.
    void startsAreOffCritical() {
        QFETCH(double, wee);
        const Measured start = branching(liquid(wee, false, false, 3.0), 1000.0, 3000.0);
        qInfo("frozen liquid w_EE %.1f: m = %.3f, %.1f spikes/ms", wee, start.m, start.rate);
        QVERIFY2(!critical(start.m), qPrintable(QString::number(start.m)));
        if (wee == kSubCritical)
            QVERIFY(start.m < 0.93);
        else
            QVERIFY(start.rate > 60.0); // most neurons fire near their refractory limit
    }

    void astrocyteTunesToCriticality_data() {
        QTest::addColumn<double>("wee");
        QTest::newRow("from sub-critical") << kSubCritical;
        QTest::newRow("from super-critical") << kSuperCritical;
    }

    /// 10 s of training: with the astrocyte the branching ratio over the last 2 s is in
    /// [0.95, 1.05]; with plain STDP (astrocyte off) it is not.
    void astrocyteTunesToCriticality() {
        QFETCH(double, wee);
        const Measured tuned = branching(liquid(wee, true, true, 10.0), 8000.0, 10000.0);
        const Measured plain = branching(liquid(wee, true, false, 10.0), 8000.0, 10000.0);
        qInfo("w_EE %.1f after 10 s: astrocyte m = %.3f (%.1f spikes/ms), plain STDP m = %.3f "
              "(%.1f spikes/ms)",
              wee, tuned.m, tuned.rate, plain.m, plain.rate);
        QVERIFY2(critical(tuned.m), qPrintable(QString::number(tuned.m)));
        QVERIFY2(!critical(plain.m), qPrintable(QString::number(plain.m)));
    }

    /// The part of the accuracy claim that holds in the reduced system: on the digits, the
    /// liquid the astrocyte tuned from the super-critical start reads out at least 10 points
    /// better than the frozen super-critical liquid (and far above chance, 10 %). It does not
    /// beat the sub-critical liquid (docs/gallery.md), which the test reports.
    void tunedLiquidReadsDigitsBetterThanSuperCritical() {
        if (!std::filesystem::exists(kDigits))
            QSKIP("scikit-learn's digits.csv.gz is not installed");
        const double seconds = (kFirstImage + kImages) * (kImageMs + kGapMs) / 1000.0 + 1.0;
        const double frozenSuper =
            digitAccuracy(liquid(kSuperCritical, false, false, seconds, true));
        const double frozenSub = digitAccuracy(liquid(kSubCritical, false, false, seconds, true));
        const double tuned = digitAccuracy(liquid(kSuperCritical, true, true, seconds, true));
        qInfo("digits test accuracy: frozen sub-critical %.3f, frozen super-critical %.3f, "
              "astrocyte-tuned from super-critical %.3f",
              frozenSub, frozenSuper, tuned);
        QVERIFY2(tuned > 0.5, qPrintable(QString::number(tuned)));
        QVERIFY2(tuned > frozenSuper + 0.1,
                 qPrintable(QString("%1 vs %2").arg(tuned).arg(frozenSuper)));
    }
};

QTEST_APPLESS_MAIN(TestGalleryNalsm)
#include "TestGalleryNalsm.moc"
