// Gallery system 4, supervised learning with the symmetric STDP rule (after Hao, Huang, Dong &
// Xu 2020, Neural Networks 121:387-395), reduced: scikit-learn's 8 x 8 digits as Poisson rates
// (pattern_table, 300 ms per image) drive 200 LIF neurons (4 random pixels each) with lateral
// inhibition through 50 inhibitory neurons; their synapses onto 100 label neurons (10 per
// class, mutual inhibition) learn by stdp_symmetric with synaptic scaling while a teacher
// (pattern_table with one_hot_column, the class column played one-hot at the same time as the
// images) drives the label neurons of the shown class. 1200 training images (rows 0-1199), then
// 300 test images (rows 1200-1499) with the teacher off and the weights frozen: the label group
// with most spikes answers. With pair STDP in place of the symmetric rule the accuracy falls to
// near chance. docs/gallery.md section 4 shows the numbers.

#include "plexus/core/build/NetworkBuilder.h"
#include "plexus/core/engine/Simulator.h"
#include "plexus/core/model/PatternTable.h"
#include "plexus/core/plugin/ModelRegistry.h"
#include "plexus/core/project/ProjectIo.h"
#include "plexus/plugins/BuiltinModels.h"

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

using namespace plexus;
using nlohmann::json;

namespace {

constexpr double kDt = 0.1;
const char* kDigits = "/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz";
constexpr int kTrain = 1200, kTest = 300;
constexpr double kImageMs = 300.0, kGapMs = 50.0;
constexpr int kHidden = 200, kClasses = 10, kPerClass = 10;
constexpr int kLabels = kClasses * kPerClass;
constexpr std::size_t kLearned = 3; ///< index of E->Label among the projections

const core::ModelRegistry& registry() {
    static const core::ModelRegistry r = [] {
        core::ModelRegistry m;
        plugins::registerBuiltinModels(m);
        return m;
    }();
    return r;
}

/// The network of resources/examples/symmetric_stdp_digits.json with E->Label learning by
/// stdp_symmetric (`symmetric`) or by pair STDP with equal amplitudes (the control).
core::ProjectSpec network(bool symmetric) {
    const json lif = {{"e_l", -60.0},  {"v_reset", -60.0},   {"v_thresh", -50.0},
                      {"tau_m", 20.0}, {"tau_syn_exc", 5.0}, {"tau_syn_inh", 10.0},
                      {"t_ref", 2.0}};
    const json rule = symmetric ? json{{"model", "stdp_symmetric"},
                                       {"params",
                                        {{"a_plus", 0.002},
                                         {"a_minus", 0.0},
                                         {"tau_plus", 20.0},
                                         {"w_max", 10.0},
                                         {"scaling_interval_ms", 100.0},
                                         {"keep_initial_total", 1.0},
                                         {"learn_until_ms", kTrain * (kImageMs + kGapMs)}}}}
                                : json{{"model", "stdp"},
                                       {"params",
                                        {{"a_plus", 0.002},
                                         {"a_minus", 0.002},
                                         {"tau_plus", 20.0},
                                         {"tau_minus", 20.0},
                                         {"w_max", 10.0}}}};
    auto projection = [](const char* name, const char* from, const char* to, const char* receptor,
                         json weight, json connectivity) {
        return json{{"name", name},
                    {"source", from},
                    {"target", to},
                    {"receptor", receptor},
                    {"weight", weight},
                    {"delay_ms", 1.0},
                    {"connectivity", connectivity}};
    };
    json learned =
        projection("E->Label", "E", "Label", "exc",
                   {{"dist", "uniform"}, {"low", 0.0}, {"high", 1.0}}, {{"rule", "all_to_all"}});
    learned["synapse"] = rule;
    const json doc = {
        {"format", "plexus-project"},
        {"formatVersion", 3},
        {"name", "symmetric_stdp_digits"},
        {"populations",
         {{{"name", "E"}, {"model", "lif_cuba"}, {"size", kHidden}, {"params", lif}},
          {{"name", "I"}, {"model", "lif_cuba"}, {"size", kHidden / 4}, {"params", lif}},
          {{"name", "Label"}, {"model", "lif_cuba"}, {"size", kLabels}, {"params", lif}}}},
        {"stimuli",
         {{{"name", "Input"},
           {"model", "pattern_table"},
           {"size", 64},
           {"params",
            {{"max_rate_hz", 100.0},
             {"present_ms", kImageMs},
             {"gap_ms", kGapMs},
             {"label_column", 64},
             {"rows", kTrain + kTest},
             {"repeat", 0}}},
           {"table_file", kDigits}},
          {{"name", "Teacher"},
           {"model", "pattern_table"},
           {"size", kLabels},
           {"params",
            {{"max_rate_hz", 100.0},
             {"present_ms", kImageMs},
             {"gap_ms", kGapMs},
             {"one_hot_column", 64},
             {"one_hot_width", kPerClass},
             {"rows", kTrain},
             {"repeat", 0}}},
           {"table_file", kDigits}}}},
        {"projections",
         {projection("Input->E", "Input", "E", "exc", 20.0, {{"rule", "fixed_indegree"}, {"k", 4}}),
          projection("E->I", "E", "I", "exc", 3.0, {{"rule", "fixed_probability"}, {"p", 0.2}}),
          projection("I->E", "I", "E", "inh", -2.0, {{"rule", "fixed_probability"}, {"p", 0.2}}),
          learned,
          projection("Label->Label", "Label", "Label", "inh", -3.0, {{"rule", "all_to_all"}}),
          projection("Teacher->Label", "Teacher", "Label", "exc", 30.0, {{"rule", "one_to_one"}})}},
        {"recorders", {{{"name", "spikes_Label"}, {"target", "Label"}, {"type", "spikes"}}}},
        {"simulation",
         {{"dt_ms", kDt},
          {"duration_s", (kTrain + kTest) * (kImageMs + kGapMs) / 1000.0},
          {"seed", 1},
          {"threads", 1}}}};
    return core::ProjectIo::fromJson(doc, "");
}

/// Summed incoming E->Label weight of every label neuron.
std::vector<double> incomingTotals(const core::Network& net) {
    std::vector<double> totals(kLabels, 0.0);
    const core::SynapseMatrix& m = net.projections[kLearned].matrix;
    m.forEach([&](std::size_t, std::int32_t target, std::size_t k, std::size_t q) {
        totals[static_cast<std::size_t>(target)] += m.partition(k).weights[q];
    });
    return totals;
}

struct Result {
    double trainAccuracy = 0.0, testAccuracy = 0.0;
    double maxTotalChange = 0.0; ///< largest relative change of a label neuron's summed weight
};

/// Train and test; the answer to an image is the label neuron with most spikes while it plays.
Result trainAndTest(bool symmetric) {
    auto net = core::NetworkBuilder::build(network(symmetric), registry(), {});
    const std::vector<double> before = incomingTotals(*net);
    core::Simulator sim(*net);
    const double period = kImageMs + kGapMs;
    sim.run(std::llround((kTrain + kTest) * period / kDt));
    sim.finish();
    const std::vector<double> after = incomingTotals(*net);
    const auto table = core::PatternTable::read(kDigits);
    std::vector<std::array<int, kClasses>> counts(kTrain + kTest);
    for (auto& c : counts)
        c.fill(0);
    const auto& rec = net->spikeRecorders[0];
    for (std::size_t s = 0; s < rec.steps.size(); ++s) {
        const double t = static_cast<double>(rec.steps[s]) * kDt;
        const auto k = static_cast<std::size_t>(t / period);
        if (k < counts.size() && t - static_cast<double>(k) * period < kImageMs)
            ++counts[k][static_cast<std::size_t>(rec.neurons[s] / kPerClass)];
    }
    Result r;
    for (int k = 0; k < kTrain + kTest; ++k) {
        const auto& c = counts[static_cast<std::size_t>(k)];
        const auto answer = std::max_element(c.begin(), c.end()) - c.begin();
        const bool right = *std::max_element(c.begin(), c.end()) > 0 &&
                           answer == static_cast<long>(table.at(static_cast<std::size_t>(k), 64));
        (k < kTrain ? r.trainAccuracy : r.testAccuracy) += right ? 1.0 : 0.0;
    }
    r.trainAccuracy /= kTrain;
    r.testAccuracy /= kTest;
    for (int j = 0; j < kLabels; ++j)
        r.maxTotalChange = std::max(r.maxTotalChange, std::fabs(after[j] / before[j] - 1.0));
    return r;
}

} // namespace

class TestGallerySymmetricStdp : public QObject {
    Q_OBJECT

private slots:
    /// Claim 1 (reduced) and its control: with the teacher off, the label layer trained by
    /// symmetric STDP answers about 80 % of the test digits (chance 10 %); trained by pair STDP
    /// (equal amplitudes and windows) it stays near chance.
    /// Claim 2: synaptic scaling keeps each label neuron's summed incoming weight.
    void symmetricStdpLearnsDigitLabels() {
        if (!std::filesystem::exists(kDigits))
            QSKIP("scikit-learn's digits.csv.gz is not installed");
        const Result sym = trainAndTest(true);
        const Result pair = trainAndTest(false);
        qInfo("symmetric STDP: train (teacher on) %.3f, test %.3f, max summed-weight change %.4f",
              sym.trainAccuracy, sym.testAccuracy, sym.maxTotalChange);
        qInfo("pair STDP:      train (teacher on) %.3f, test %.3f, max summed-weight change %.4f",
              pair.trainAccuracy, pair.testAccuracy, pair.maxTotalChange);
        QVERIFY2(sym.testAccuracy >= 0.75, qPrintable(QString::number(sym.testAccuracy)));
        QVERIFY2(pair.testAccuracy <= 0.3, qPrintable(QString::number(pair.testAccuracy)));
        QVERIFY2(sym.maxTotalChange < 0.1, qPrintable(QString::number(sym.maxTotalChange)));
        QVERIFY2(pair.maxTotalChange > 0.2, qPrintable(QString::number(pair.maxTotalChange)));
    }
};

QTEST_APPLESS_MAIN(TestGallerySymmetricStdp)
#include "TestGallerySymmetricStdp.moc"
