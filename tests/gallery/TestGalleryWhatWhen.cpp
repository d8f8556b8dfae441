// Gallery system 3: "what" and "when" predictions in an Izhikevich reservoir
// (resources/examples/what_when.json, docs/gallery.md section 3).
//
// A cue_target stimulus shows one of two cues; 150 ms after the cue onset a target follows: the
// cued one with probability 0.75 p_valid, the other with 0.75 (1 - p_valid), none in catch trials.
// The reservoir of Izhikevich cells sees only the cues (each cell with its own delay); each
// readout_k learns online through the three-factor rule with target k as its error-signed
// modulator. On the catch trials of the run's second half (no target, so no teacher) the claim
// is checked: each readout's rate after the cues peaks within 10 % of the cue-target delay of
// the target onset, and its rate in the target window after cue c correlates (r > 0.8) with
// P(target k | cue c) over three levels (0.1875, 0.375, 0.5625: p_valid 0.75 and 0.5).
// Control: learning rate 0 - the readouts do not predict and the claim fails.

#include "core/TestSupport.h"
#include "plexus/core/project/ProjectIo.h"
#include "plexus/core/project/ProjectSpec.h"

#include <QtTest>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <future>
#include <string>
#include <vector>

using namespace plexus;

namespace {

constexpr double kPeriodMs = 400.0;      ///< trial period of the example
constexpr double kCueMs = 50.0;          ///< cue duration
constexpr double kTargetOnsetMs = 150.0; ///< target onset after the cue onset (cue + delay)
constexpr double kTargetMs = 50.0;       ///< target duration
constexpr double kCatch = 0.25;          ///< p_catch of the example
constexpr double kDurationMs = 40000.0;  ///< simulated time per run
constexpr int kGroup = 20;               ///< channels per cue / target group
constexpr int kReadoutSize = 10;
constexpr double kBinMs = 10.0;
constexpr int kBins = static_cast<int>(kPeriodMs / kBinMs);

/// Peak of a rate histogram smoothed over the target's duration (5 bins, centred), in ms.
double peakMs(const std::vector<double>& h) {
    const int half = static_cast<int>(kTargetMs / kBinMs) / 2;
    double best = -1.0, at = 0.0;
    for (int b = 0; b < kBins; ++b) {
        double s = 0.0;
        int m = 0;
        for (int j = std::max(0, b - half); j <= std::min(kBins - 1, b + half); ++j, ++m)
            s += h[static_cast<std::size_t>(j)];
        s /= m;
        if (s > best) {
            best = s;
            at = (b + 0.5) * kBinMs;
        }
    }
    return at;
}

/// Rates of one readout after one cue on the catch trials.
struct Response {
    int cue = 0;
    int readout = 0;
    double probability = 0.0; ///< P(target = readout | cue)
    int trials = 0;
    double peakMs = 0.0;   ///< peak of the readout's rate after either cue (pooled)
    double windowHz = 0.0; ///< mean rate in the target window
};

std::vector<Response> measure(double pValid, double learningRate) {
    core::ProjectSpec p =
        core::ProjectIo::load(PLEXUS_SOURCE_DIR "/resources/examples/what_when.json");
    for (auto& s : p.stimuli)
        if (s.model == "cue_target")
            s.params["p_valid"] = pValid;
    for (auto& pr : p.projections)
        if (pr.synapse == "three_factor")
            pr.synapseParams["learning_rate"] = learningRate;
    const auto run = tests::runProject(p, kDurationMs);
    const double dt = run.network->dtMs;

    auto recorder = [&](const std::string& name) -> const core::SpikeRecorder& {
        for (const auto& r : run.network->spikeRecorders)
            if (r.name == name)
                return r;
        qFatal("no recorder %s", name.c_str());
    };
    const auto& cues = recorder("spikes_Cues");
    const int trials = static_cast<int>(kDurationMs / kPeriodMs);
    // Per trial: spikes of each of the 4 groups in the cue and in the target window.
    std::vector<std::array<int, 4>> inCue(static_cast<std::size_t>(trials)),
        inTarget(static_cast<std::size_t>(trials));
    for (std::size_t i = 0; i < cues.steps.size(); ++i) {
        const double t = static_cast<double>(cues.steps[i]) * dt;
        const int n = static_cast<int>(t / kPeriodMs);
        if (n >= trials)
            continue;
        const double rel = t - n * kPeriodMs;
        const int group = cues.neurons[i] / kGroup;
        if (rel < kCueMs)
            ++inCue[static_cast<std::size_t>(n)][static_cast<std::size_t>(group)];
        else if (rel >= kTargetOnsetMs && rel < kTargetOnsetMs + kTargetMs)
            ++inTarget[static_cast<std::size_t>(n)][static_cast<std::size_t>(group)];
    }
    std::vector<int> cueOf(static_cast<std::size_t>(trials), -1);
    for (int n = trials / 2; n < trials; ++n) {
        const auto& c = inCue[static_cast<std::size_t>(n)];
        const auto& g = inTarget[static_cast<std::size_t>(n)];
        if (std::max(g[2], g[3]) > kGroup) // a target was shown: not a catch trial
            continue;
        cueOf[static_cast<std::size_t>(n)] = c[0] >= c[1] ? 0 : 1;
    }
    std::vector<Response> out;
    for (int k = 0; k < 2; ++k) {
        const auto& r = recorder("spikes_readout_" + std::to_string(k));
        std::array<std::vector<double>, 2> psth{std::vector<double>(kBins),
                                                std::vector<double>(kBins)};
        std::array<int, 2> count{};
        for (int n = 0; n < trials; ++n)
            if (cueOf[static_cast<std::size_t>(n)] >= 0)
                ++count[static_cast<std::size_t>(cueOf[static_cast<std::size_t>(n)])];
        for (std::size_t i = 0; i < r.steps.size(); ++i) {
            const double t = static_cast<double>(r.steps[i]) * dt;
            const int n = static_cast<int>(t / kPeriodMs);
            if (n >= trials || cueOf[static_cast<std::size_t>(n)] < 0)
                continue;
            const int bin = std::min(kBins - 1, static_cast<int>((t - n * kPeriodMs) / kBinMs));
            psth[static_cast<std::size_t>(cueOf[static_cast<std::size_t>(n)])]
                [static_cast<std::size_t>(bin)] += 1.0;
        }
        for (int c = 0; c < 2; ++c) {
            Response resp;
            resp.cue = c;
            resp.readout = k;
            resp.probability = (1.0 - kCatch) * (c == k ? pValid : 1.0 - pValid);
            resp.trials = count[static_cast<std::size_t>(c)];
            const double norm = 1000.0 / (kBinMs * kReadoutSize * std::max(1, resp.trials));
            auto& h = psth[static_cast<std::size_t>(c)];
            for (auto& v : h)
                v *= norm;
            const int b0 = static_cast<int>(kTargetOnsetMs / kBinMs);
            const int b1 = static_cast<int>((kTargetOnsetMs + kTargetMs) / kBinMs);
            for (int b = b0; b < b1; ++b)
                resp.windowHz += h[static_cast<std::size_t>(b)] / (b1 - b0);
            out.push_back(resp);
        }
        // When: the readout's rate after either cue (all its catch trials).
        std::vector<double> pooled(kBins);
        for (int b = 0; b < kBins; ++b)
            pooled[static_cast<std::size_t>(b)] =
                (psth[0][static_cast<std::size_t>(b)] * count[0] +
                 psth[1][static_cast<std::size_t>(b)] * count[1]) /
                std::max(1, count[0] + count[1]);
        for (auto& resp : out)
            if (resp.readout == k)
                resp.peakMs = peakMs(pooled);
    }
    return out;
}

double correlation(const std::vector<Response>& rs) {
    double mx = 0.0, my = 0.0;
    for (const auto& r : rs) {
        mx += r.probability;
        my += r.windowHz;
    }
    mx /= static_cast<double>(rs.size());
    my /= static_cast<double>(rs.size());
    double sxy = 0.0, sxx = 0.0, syy = 0.0;
    for (const auto& r : rs) {
        sxy += (r.probability - mx) * (r.windowHz - my);
        sxx += (r.probability - mx) * (r.probability - mx);
        syy += (r.windowHz - my) * (r.windowHz - my);
    }
    return sxx > 0.0 && syy > 0.0 ? sxy / std::sqrt(sxx * syy) : 0.0;
}

/// Largest |peak - target onset| over the readouts, in ms.
double worstPeakError(const std::vector<Response>& rs) {
    double worst = 0.0;
    for (const auto& r : rs)
        worst = std::max(worst, std::abs(r.peakMs - kTargetOnsetMs));
    return worst;
}

void print(const char* label, const std::vector<Response>& rs) {
    for (const auto& r : rs)
        std::printf("%s cue %d readout %d P %.4f catch trials %d peak %.0f ms window %.1f Hz\n",
                    label, r.cue, r.readout, r.probability, r.trials, r.peakMs, r.windowHz);
}

} // namespace

class TestGalleryWhatWhen : public QObject {
    Q_OBJECT
private slots:
    void readoutsPredictWhatAndWhen();
};

void TestGalleryWhatWhen::readoutsPredictWhatAndWhen() {
    // Three runs at once: p_valid 0.75 and 0.5 learning, p_valid 0.75 with learning rate 0.
    auto a = std::async(std::launch::async, [] { return measure(0.75, 0.001); });
    auto b = std::async(std::launch::async, [] { return measure(0.5, 0.001); });
    auto off = std::async(std::launch::async, [] { return measure(0.75, 0.0); });
    std::vector<Response> learned = a.get();
    const std::vector<Response> half = b.get();
    learned.insert(learned.end(), half.begin(), half.end());
    const std::vector<Response> control = off.get();
    print("learned", learned);
    print("control", control);

    const double tolerance = 0.1 * kTargetOnsetMs; // 10 % of the cue-target delay
    const double r = correlation(learned);
    const double peak = worstPeakError(learned);
    const double rOff = correlation(control);
    const double peakOff = worstPeakError(control);
    std::printf("learned: correlation %.3f, worst peak error %.0f ms (tolerance %.0f ms)\n", r,
                peak, tolerance);
    std::printf("learning rate 0: correlation %.3f, worst peak error %.0f ms\n", rOff, peakOff);
    for (const auto& x : learned)
        QVERIFY(x.trials >= 3);
    QVERIFY2(r > 0.8, "readout rates do not follow the probabilities");
    QVERIFY2(peak < tolerance, "a readout peaks away from the target time");
    QVERIFY2(!(rOff > 0.8 && peakOff < tolerance), "the claim holds without learning");
}

QTEST_GUILESS_MAIN(TestGalleryWhatWhen)
#include "TestGalleryWhatWhen.moc"
