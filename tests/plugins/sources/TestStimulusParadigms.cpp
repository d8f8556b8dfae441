// Stimulus paradigms: frozen spatio-temporal spike patterns (repetition, templates frozen by
// their seed, jitter, noise), rate-coded time series (rates follow baseline + gain u(t), u(t)
// is the readouts' InputSignal, inline values and CSV files), the cue paradigm and the motion
// sweep (channel order, speed, period, thread independence).

#include "ErrorOf.h"
#include "plexus/analysis/StimulusSignal.h"
#include "plexus/core/model/InputSignal.h"
#include "plexus/core/model/TimeSeriesSignal.h"
#include "plugins/PluginTestSupport.h"
#include "sources/CueTargetModel.h"
#include "sources/CueTargetSchedule.h"
#include "sources/FrozenPatternsGroup.h"
#include "sources/SweepSourceGroup.h"

#include <QTemporaryDir>
#include <QtTest>
#include <fstream>
#include <set>
#include <utility>

using namespace plexus;

namespace {

using SpikeSet = std::set<std::pair<std::int64_t, std::int32_t>>; ///< (step, channel)

core::ProjectSpec sourceProject(const std::string& model, std::int64_t size,
                                std::map<std::string, double> params) {
    core::ProjectSpec p;
    core::StimulusSpec s;
    s.name = std::string("S");
    s.model = model;
    s.size = size;
    s.params = std::move(params);
    p.stimuli.push_back(s);
    p.recorders.push_back(tests::recorder("spikes", "spikes", "S"));
    return p;
}

/// Spikes of the first recorder with steps in [fromStep, toStep), shifted by -fromStep.
SpikeSet spikesBetween(const tests::Run& run, std::int64_t fromStep, std::int64_t toStep) {
    const auto& rec = run.network->spikeRecorders[0];
    SpikeSet out;
    for (std::size_t k = 0; k < rec.steps.size(); ++k)
        if (rec.steps[k] >= fromStep && rec.steps[k] < toStep)
            out.emplace(rec.steps[k] - fromStep, rec.neurons[k]);
    return out;
}

/// The spikes one presentation of a template plays without jitter: (step, channel) from the
/// presentation's first step.
SpikeSet templateSpikes(std::uint64_t patternSeed, std::uint64_t pattern, std::int32_t channels,
                        double rateHz, double durationMs, double dtMs) {
    SpikeSet out;
    for (std::int32_t i = 0; i < channels; ++i)
        for (const double t : plugins::FrozenPatternsGroup::templateTimes(
                 patternSeed, pattern, static_cast<std::uint64_t>(i), rateHz, durationMs))
            out.emplace(std::llround(t / dtMs), i);
    return out;
}

/// Build options with `threads` threads even for small networks, and `seed` when given.
core::BuildOptions threads(int count, std::optional<std::uint64_t> seed = std::nullopt) {
    core::BuildOptions options;
    options.seed = seed;
    options.threads = count;
    options.minNeuronsPerThread = 0;
    return options;
}

std::map<std::string, double> patternParams() {
    return {{"patterns", 3.0},     {"pattern", 1.0},   {"rate_hz", 20.0},   {"duration_ms", 200.0},
            {"pattern_seed", 7.0}, {"onset_ms", 10.0}, {"period_ms", 300.0}};
}

} // namespace

class TestStimulusParadigms : public QObject {
    Q_OBJECT

private slots:
    /// Jitter 0, noise 0: every presentation of pattern 1 is its template, shifted by the
    /// period, and nothing fires outside the presentations.
    void frozenPatternRepeatsItsTemplate() {
        const auto run =
            tests::runProject(sourceProject("frozen_patterns", 50, patternParams()), 900.0);
        const SpikeSet expected = templateSpikes(7, 1, 50, 20.0, 200.0, 0.1);
        QVERIFY(expected.size() > 150); // 50 channels x 20 Hz x 0.2 s = 200 expected
        for (int p = 0; p < 3; ++p) {
            const std::int64_t start = 100 + 3000 * p;
            QCOMPARE(spikesBetween(run, start, start + 3000), expected);
        }
        QCOMPARE(spikesBetween(run, 0, 100).size(), std::size_t(0));
    }

    /// Two patterns differ; a pattern's template does not depend on the run's seed.
    void frozenPatternsDifferAndAreFrozen() {
        auto params = patternParams();
        const auto a =
            tests::runProject(sourceProject("frozen_patterns", 50, params), 300.0, threads(1, 1));
        const auto b =
            tests::runProject(sourceProject("frozen_patterns", 50, params), 300.0, threads(2, 99));
        QCOMPARE(spikesBetween(a, 0, 3000), spikesBetween(b, 0, 3000));
        params["pattern"] = 0.0;
        const auto c = tests::runProject(sourceProject("frozen_patterns", 50, params), 300.0);
        const SpikeSet one = spikesBetween(a, 0, 3000), zero = spikesBetween(c, 0, 3000);
        std::size_t shared = 0;
        for (const auto& s : zero)
            shared += one.count(s);
        // Independent templates share a (step, channel) with probability ~ rate dt = 0.002.
        QVERIFY2(shared < 10, qPrintable(QString::number(shared)));
        QVERIFY(zero.size() > 150);
    }

    /// Jitter 2 ms: each presentation moves every spike by its own N(0, 2 ms) shift (spike
    /// order within a channel kept at 20 Hz), so presentations differ, the shifts have SD 2 ms
    /// (3000 spikes: standard error 1.3 %) and a run with another seed jitters differently.
    void frozenPatternJitter() {
        auto params = patternParams();
        params["jitter_ms"] = 2.0;
        params["onset_ms"] = 20.0;
        const auto run = tests::runProject(sourceProject("frozen_patterns", 50, params), 4500.0);
        double sum = 0.0, sumSq = 0.0;
        std::size_t n = 0;
        std::vector<SpikeSet> shows;
        for (int p = 0; p < 15; ++p) {
            const std::int64_t start = 200 + 3000 * p;
            const auto& rec = run.network->spikeRecorders[0];
            shows.push_back(spikesBetween(run, start - 100, start + 2900));
            for (std::int32_t i = 0; i < 50; ++i) {
                const auto tmpl = plugins::FrozenPatternsGroup::templateTimes(7, 1, i, 20.0, 200.0);
                std::vector<double> got;
                for (std::size_t k = 0; k < rec.steps.size(); ++k)
                    if (rec.neurons[k] == i && rec.steps[k] >= start - 100 &&
                        rec.steps[k] < start + 2900)
                        got.push_back(static_cast<double>(rec.steps[k] - start) * 0.1);
                if (got.size() != tmpl.size())
                    continue; // two spikes merged into one step
                for (std::size_t k = 0; k < got.size(); ++k) {
                    const double d = got[k] - tmpl[k];
                    sum += d;
                    sumSq += d * d;
                    ++n;
                }
            }
        }
        QVERIFY(n > 2500);
        const double mean = sum / static_cast<double>(n);
        const double sd = std::sqrt(sumSq / static_cast<double>(n) - mean * mean);
        qInfo("jitter: %zu spikes, mean shift %.3f ms, SD %.3f ms", n, mean, sd);
        QVERIFY2(std::fabs(mean) < 0.2, qPrintable(QString::number(mean)));
        // Rounding to the 0.1 ms step adds 0.1 / sqrt(12) ms in quadrature.
        QVERIFY2(std::fabs(sd - std::hypot(2.0, 0.1 / std::sqrt(12.0))) < 0.1,
                 qPrintable(QString::number(sd)));
        QVERIFY(shows[0] != shows[1]);
    }

    /// Noise 5 Hz on 400 channels for 5 s, a 10 Hz pattern of 200 ms every 500 ms: the count is
    /// 10 presentations of the templates' spikes plus Binomial(400 x 50000 steps, 5e-4) noise
    /// (SD 100 spikes); bound 4 SD. The mean rate is close to 10 Hz x 0.4 + 5 Hz.
    void frozenPatternNoiseRate() {
        const std::map<std::string, double> params = {{"patterns", 1.0},      {"rate_hz", 10.0},
                                                      {"duration_ms", 200.0}, {"pattern_seed", 3.0},
                                                      {"noise_hz", 5.0},      {"period_ms", 500.0}};
        const auto run = tests::runProject(sourceProject("frozen_patterns", 400, params), 5000.0);
        const double templ =
            static_cast<double>(templateSpikes(3, 0, 400, 10.0, 200.0, 0.1).size());
        const double expected = 10.0 * templ + 400 * 50000 * 5e-4;
        const double got = static_cast<double>(run.network->spikeRecorders[0].steps.size());
        qInfo("noise: %.0f spikes, expected %.0f, mean rate %.3f Hz", got, expected,
              got / 400.0 / 5.0);
        QVERIFY2(std::fabs(got - expected) < 400.0, qPrintable(QString::number(got)));
        QVERIFY2(std::fabs(got / 2000.0 - 9.0) < 0.4, qPrintable(QString::number(got / 2000.0)));

        // Jitter and noise do not depend on the thread split.
        auto jittered = params;
        jittered["jitter_ms"] = 3.0;
        const auto one =
            tests::runProject(sourceProject("frozen_patterns", 400, jittered), 1000.0, threads(1));
        const auto two =
            tests::runProject(sourceProject("frozen_patterns", 400, jittered), 1000.0, threads(2));
        QCOMPARE(spikesBetween(one, 0, 10000), spikesBetween(two, 0, 10000));
    }

    void frozenPatternBadIndex() {
        auto params = patternParams();
        params["pattern"] = 3.0;
        const std::string error = tests::errorOf(
            [&] { tests::runProject(sourceProject("frozen_patterns", 5, params), 1.0); });
        QVERIFY2(error.find("stimuli[0]: params.pattern: 3 is not one of the patterns 0..2") !=
                     std::string::npos,
                 error.c_str());
    }

    /// The generated u(t) is InputSignal's, sample for sample, for every generator.
    void timeSeriesSignalIsInputSignal() {
        using core::InputSignal;
        using core::TimeSeriesSignal;
        const std::map<std::string, double> base = {
            {"low", -0.5},   {"high", 2.0},    {"frequency_hz", 3.0}, {"f0_hz", 2.0},
            {"f1_hz", 30.0}, {"step_ms", 5.0}, {"length_ms", 2000.0}, {"signal_seed", 11.0}};
        const std::pair<double, InputSignal> cases[] = {
            {0.0, InputSignal::uniform(400, 5.0, -0.5, 2.0, 11)},
            {1.0, InputSignal::narma10(400, 5.0, 11)},
            {2.0, InputSignal::sine(400, 5.0, 3.0)},
            {3.0, InputSignal::chirp(400, 5.0, 2.0, 30.0)},
        };
        for (const auto& [kind, expected] : cases) {
            auto params = base;
            params["signal"] = kind;
            const InputSignal got = TimeSeriesSignal::period(params);
            QCOMPARE(got.stepMs, expected.stepMs);
            QVERIFY(got.values == expected.values);
            // The project's stimulus gives the readout the same signal, repeated over a run.
            core::StimulusSpec spec;
            spec.name = "u";
            spec.model = "time_series";
            spec.params = params;
            const InputSignal run = analysis::StimulusSignal::overRun(spec, 5000.0, {});
            QCOMPARE(run.size(), std::size_t(1000));
            QCOMPARE(run.values(0), expected.values(0));
            QCOMPARE(run.values(399), expected.values(399));
            QCOMPARE(run.values(400), expected.values(0));
            QCOMPARE(run.values(999), expected.values(199));
        }
    }

    /// rate(t) = 20 + 15 u(t), u uniform on [-0.5, 1) per 10 ms step: the counts of 2000
    /// channels in every 10 ms bin are Binomial(2000 x 100 steps, rate dt), SD <= 22 spikes;
    /// every bin lies within 5 SD of its expectation and the mean squared z-score is ~1.
    void timeSeriesRateFollowsSignal() {
        const std::map<std::string, double> params = {
            {"baseline_hz", 20.0}, {"gain_hz", 15.0}, {"signal", 0.0},       {"low", -0.5},
            {"high", 1.0},         {"step_ms", 10.0}, {"length_ms", 1000.0}, {"signal_seed", 5.0}};
        const auto run = tests::runProject(sourceProject("time_series", 2000, params), 1000.0);
        const auto u = core::InputSignal::uniform(100, 10.0, -0.5, 1.0, 5);
        std::vector<double> counts(100, 0.0);
        for (const auto step : run.network->spikeRecorders[0].steps)
            counts[static_cast<std::size_t>(step / 100)] += 1.0;
        double chi = 0.0;
        for (std::size_t b = 0; b < 100; ++b) {
            const double p = (20.0 + 15.0 * u.values(static_cast<Eigen::Index>(b))) * 1e-4;
            const double mean = 2000 * 100 * p, sd = std::sqrt(mean * (1 - p));
            const double z = (counts[b] - mean) / sd;
            chi += z * z;
            QVERIFY2(
                std::fabs(z) < 5.0,
                qPrintable(
                    QString("bin %1: %2 spikes, expected %3").arg(b).arg(counts[b]).arg(mean)));
        }
        qInfo("time series: mean z^2 %.3f over 100 bins", chi / 100.0);
        QVERIFY2(chi / 100.0 < 1.6, qPrintable(QString::number(chi / 100.0)));
    }

    /// gain_spread 0.5: channel gains are spread uniformly over [0.5, 1.5) x gain_hz. With u = 1
    /// at 100 Hz for 10 s a channel's count is Poisson(1000 g_i): across 200 channels the counts
    /// / 1000 have SD sqrt(0.5^2 / 3 + 1 / 1000) = 0.29 (standard error ~ 0.02) and lie in
    /// [0.5, 1.5] up to 4 Poisson SDs; without the spread the SD is 0.03.
    void timeSeriesGainSpread() {
        auto project = sourceProject(
            "time_series", 200,
            {{"signal", 4.0}, {"baseline_hz", 0.0}, {"gain_hz", 100.0}, {"gain_spread", 0.5}});
        project.stimuli[0].extra = {{"values", {1.0}}};
        const auto run = tests::runProject(project, 10000.0);
        std::vector<double> counts(200, 0.0);
        for (const auto n : run.network->spikeRecorders[0].neurons)
            counts[static_cast<std::size_t>(n)] += 1e-3;
        double sum = 0.0, sumSq = 0.0;
        for (const double c : counts) {
            QVERIFY2(c > 0.5 - 4 * std::sqrt(1.5e-3) && c < 1.5 + 4 * std::sqrt(1.5e-3),
                     qPrintable(QString::number(c)));
            sum += c;
            sumSq += c * c;
        }
        const double mean = sum / 200.0, sd = std::sqrt(sumSq / 200.0 - mean * mean);
        qInfo("gain spread: mean %.3f, SD %.3f", mean, sd);
        QVERIFY2(std::fabs(mean - 1.0) < 0.1, qPrintable(QString::number(mean)));
        QVERIFY2(std::fabs(sd - std::sqrt(0.25 / 3 + 1e-3)) < 0.06,
                 qPrintable(QString::number(sd)));
    }

    /// Inline values and a CSV file (relative to the project file) drive the rates; a bad CSV
    /// row is reported with the file and line, a stimulus without values says what it needs.
    void timeSeriesValuesAndCsv() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string folder = dir.path().toStdString();
        {
            std::ofstream csv(folder + "/u.csv");
            csv << "time_ms,value\n0,0\n50,1\n100,0\n150,1\n";
        }
        auto project = sourceProject("time_series", 1000,
                                     {{"signal", 4.0}, {"baseline_hz", 0.0}, {"gain_hz", 100.0}});
        project.stimuli[0].extra = {{"signal_file", "u.csv"}};
        core::BuildOptions options;
        options.origin = folder + "/project.json";
        const auto run = tests::runProject(project, 200.0, options);
        // u = 0 on [0, 50) and [100, 150): no spikes there; 1 elsewhere: 1000 x 0.05 s x 100 Hz.
        const SpikeSet quiet = spikesBetween(run, 0, 500), loud = spikesBetween(run, 500, 1000);
        QCOMPARE(quiet.size(), std::size_t(0));
        QCOMPARE(spikesBetween(run, 1000, 1500).size(), std::size_t(0));
        QVERIFY2(std::fabs(static_cast<double>(loud.size()) - 5000.0) < 300.0,
                 qPrintable(QString::number(loud.size())));

        // The same signal inline, one value per step_ms.
        auto inlined = project;
        inlined.stimuli[0].params["step_ms"] = 50.0;
        inlined.stimuli[0].extra = {{"values", {0.0, 1.0}}};
        const auto run2 = tests::runProject(inlined, 200.0);
        QCOMPARE(spikesBetween(run2, 0, 500).size(), std::size_t(0));
        QVERIFY(spikesBetween(run2, 500, 1000).size() > 4000);

        {
            std::ofstream csv(folder + "/bad.csv");
            csv << "time_ms,value\n0,0\n50,one\n";
        }
        project.stimuli[0].extra = {{"signal_file", "bad.csv"}};
        std::string error = tests::errorOf([&] { tests::runProject(project, 1.0, options); });
        QVERIFY2(error.find("stimuli[0]: ") != std::string::npos &&
                     error.find("bad.csv:3: expected two numbers time_ms,value") !=
                         std::string::npos,
                 error.c_str());
        error = tests::errorOf(
            [&] { analysis::StimulusSignal::period(project.stimuli[0], options.origin); });
        QVERIFY2(error.find("stimulus \"S\": ") == 0 &&
                     error.find("bad.csv:3:") != std::string::npos,
                 error.c_str());

        project.stimuli[0].extra = nullptr;
        error = tests::errorOf([&] { tests::runProject(project, 1.0, options); });
        QVERIFY2(error.find("stimuli[0]: signal 4 (values) needs the stimulus member \"values\"") !=
                     std::string::npos,
                 error.c_str());
        project.stimuli[0].extra = {{"values", {0.0, "x"}}};
        error = tests::errorOf([&] { tests::runProject(project, 1.0, options); });
        QVERIFY2(error.find("stimuli[0]: values[1]: must be a finite number") != std::string::npos,
                 error.c_str());
    }

    /// 4000 trials, cue weights 3 : 1, T = 3, p_valid 0.7, p_catch 0.2, delay U[150, 350]:
    /// the frequencies lie within 4 binomial SDs of the probabilities (cue 0: 0.75 +- 0.027,
    /// catch: 0.2 +- 0.025, valid among targets: 0.7 +- 0.032), invalid targets are the two
    /// others equally often, and the delay's mean is 250 +- 4 SD (SD 57.7 / sqrt(3200) ms).
    void cueTargetStatistics() {
        const plugins::CueTargetModel model;
        const auto params = core::ParameterSet::resolve(model.info(),
                                                        {{"p_cue_0", 3.0},
                                                         {"p_cue_1", 1.0},
                                                         {"target_groups", 3.0},
                                                         {"p_valid", 0.7},
                                                         {"p_catch", 0.2},
                                                         {"delay_min_ms", 150.0},
                                                         {"delay_max_ms", 350.0},
                                                         {"period_ms", 1000.0},
                                                         {"onset_ms", 50.0}},
                                                        "params");
        const plugins::CueTargetSchedule schedule(params);
        const auto events = schedule.events(4000 * 1000.0);
        using Kind = plugins::CueTargetSchedule::Event::Kind;
        double cue0 = 0, cues = 0, targets = 0, valid = 0, delaySum = 0;
        std::vector<double> invalidOffset(3, 0.0);
        int lastCue = -1;
        double lastCueEnd = 0;
        for (const auto& e : events) {
            if (e.kind == Kind::Cue) {
                QCOMPARE(e.startMs, 50.0 + 1000.0 * static_cast<double>(e.trial));
                QCOMPARE(e.endMs - e.startMs, 100.0);
                cues += 1;
                cue0 += e.group == 0;
                lastCue = e.group;
                lastCueEnd = e.endMs;
                continue;
            }
            targets += 1;
            const double delay = e.startMs - lastCueEnd;
            QVERIFY(delay >= 150.0 && delay <= 350.0);
            delaySum += delay;
            QCOMPARE(e.valid, e.group == lastCue % 3);
            if (e.valid)
                valid += 1;
            else
                invalidOffset[static_cast<std::size_t>((e.group - lastCue % 3 + 3) % 3)] += 1;
        }
        QCOMPARE(cues, 4000.0);
        const double catchFraction = 1.0 - targets / cues;
        qInfo("cue 0 %.4f, catch %.4f, valid %.4f, delay %.2f ms, invalid +1 %.0f / +2 %.0f",
              cue0 / cues, catchFraction, valid / targets, delaySum / targets, invalidOffset[1],
              invalidOffset[2]);
        QVERIFY(std::fabs(cue0 / cues - 0.75) < 4 * std::sqrt(0.75 * 0.25 / 4000));
        QVERIFY(std::fabs(catchFraction - 0.2) < 4 * std::sqrt(0.2 * 0.8 / 4000));
        QVERIFY(std::fabs(valid / targets - 0.7) < 4 * std::sqrt(0.7 * 0.3 / targets));
        QVERIFY(std::fabs(delaySum / targets - 250.0) < 4 * 200.0 / std::sqrt(12.0 * targets));
        const double invalid = invalidOffset[1] + invalidOffset[2];
        QCOMPARE(invalidOffset[0], 0.0);
        QVERIFY(std::fabs(invalidOffset[1] / invalid - 0.5) < 4 * 0.5 / std::sqrt(invalid));
    }

    /// rate_hz x dt = 1: a shown group's channels fire in every step of its window and nothing
    /// else fires, so the spikes are exactly the schedule's events (40 channels: groups of 10).
    void cueTargetSpikesFollowEvents() {
        const std::map<std::string, double> params = {
            {"rate_hz", 1e4},    {"period_ms", 500.0},   {"cue_ms", 20.0},
            {"target_ms", 30.0}, {"delay_min_ms", 50.0}, {"delay_max_ms", 250.0},
            {"onset_ms", 10.0},  {"p_catch", 0.25},      {"sequence_seed", 4.0}};
        const auto run =
            tests::runProject(sourceProject("cue_target", 40, params), 5000.0, threads(2));
        const plugins::CueTargetModel model;
        const plugins::CueTargetSchedule schedule(
            core::ParameterSet::resolve(model.info(), params, "params"));
        SpikeSet expected;
        int catches = 0;
        for (const auto& e : schedule.events(5000.0)) {
            const int group =
                e.kind == plugins::CueTargetSchedule::Event::Kind::Cue ? e.group : 2 + e.group;
            const auto [first, last] = schedule.channels(group, 40);
            QCOMPARE(last - first, std::size_t(10));
            // A step belongs to the window when its start time lies in [startMs, endMs).
            for (auto s = std::llround(e.startMs / 0.1) - 1; s <= std::llround(e.endMs / 0.1); ++s)
                if (static_cast<double>(s) * 0.1 >= e.startMs &&
                    static_cast<double>(s) * 0.1 < e.endMs)
                    for (auto i = first; i < last; ++i)
                        expected.emplace(s, static_cast<std::int32_t>(i));
        }
        for (std::int64_t n = 0; n < 10; ++n)
            catches += schedule.trial(n).target < 0;
        QVERIFY(catches > 0 && catches < 10); // both kinds of trial occur
        QCOMPARE(spikesBetween(run, 0, 50000), expected);
    }

    void cueTargetRejectsOverlappingTrials() {
        const std::string error = tests::errorOf([&] {
            tests::runProject(sourceProject("cue_target", 8, {{"period_ms", 500.0}}), 1.0);
        });
        QVERIFY2(error.find("stimuli[0]: params.period_ms: must be at least cue_ms + "
                            "delay_max_ms + target_ms") != std::string::npos,
                 error.c_str());
    }
    /// A sweep at 50 mm/s over channels 100 um apart: channel i fires 2 i ms after each sweep's
    /// start (direction +1) or 2 (N-1-i) ms after it (direction -1), once per period, and the
    /// spikes do not depend on the number of threads.
    void sweepFiresTheChannelsInOrder() {
        const double dt = 0.1;
        for (const double direction : {1.0, -1.0}) {
            const std::map<std::string, double> params{{"spacing_um", 100.0},
                                                       {"speed_mm_s", 50.0},
                                                       {"direction", direction},
                                                       {"onset_ms", 5.0},
                                                       {"period_ms", 40.0}};
            const auto run = tests::runProject(sourceProject("sweep", 6, params), 125.0);
            SpikeSet expected;
            for (std::int64_t p = 0; p < 3; ++p)
                for (std::int32_t i = 0; i < 6; ++i) {
                    const std::int32_t position = direction > 0 ? i : 5 - i;
                    expected.emplace(std::llround((5.0 + 40.0 * p + 2.0 * position) / dt), i);
                }
            QCOMPARE(spikesBetween(run, 0, 1250), expected);
            QCOMPARE(plugins::SweepSourceGroup::channelTimeMs(1, 6, 100.0, 50.0, -1), 8.0);
            const auto two =
                tests::runProject(sourceProject("sweep", 6, params), 125.0, threads(2, 3));
            QCOMPARE(spikesBetween(two, 0, 1250), expected);
        }
    }

    /// noise_hz adds Poisson spikes at about the given rate; a sweep longer than the period and
    /// a direction other than +-1 are refused with the parameter named.
    void sweepNoiseAndErrors() {
        const auto run = tests::runProject(
            sourceProject("sweep", 200, {{"noise_hz", 20.0}, {"onset_ms", 1e6}}), 5000.0);
        const double rate =
            static_cast<double>(run.network->spikeRecorders[0].steps.size()) / (200 * 5.0);
        QVERIFY2(std::fabs(rate - 20.0) < 1.5, qPrintable(QString::number(rate)));
        std::string error = tests::errorOf([&] {
            tests::runProject(
                sourceProject("sweep", 11, {{"speed_mm_s", 10.0}, {"period_ms", 50.0}}), 1.0);
        });
        QVERIFY2(error.find("stimuli[0]: params.period_ms: a sweep over 11 channels lasts") !=
                     std::string::npos,
                 error.c_str());
        error = tests::errorOf([&] {
            tests::runProject(sourceProject("sweep", 4, {{"direction", 0.0}}), 1.0);
        });
        QVERIFY2(error.find("stimuli[0]: params.direction: must be +1 or -1") != std::string::npos,
                 error.c_str());
    }
};

QTEST_GUILESS_MAIN(TestStimulusParadigms)
#include "TestStimulusParadigms.moc"
