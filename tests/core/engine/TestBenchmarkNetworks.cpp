// CUBA and COBA (Brette et al. 2007) against Brian2's published statistics, and determinism.

#include "core/TestSupport.h"
#include "plexus/core/project/StandardNetworks.h"
#include "plexus/core/record/SpikeStatistics.h"

#include <QtTest>

using namespace plexus;

namespace {

struct Stats {
    double rate = 0.0;
    double cv = 0.0;
};

/// Rate and mean CV(ISI) over the whole network (neurons with >= 3 spikes), like the Brian2 runner.
Stats networkStats(const core::ProjectSpec& project, std::uint64_t seed, double durationMs) {
    core::BuildOptions options;
    options.seed = seed;
    auto run = tests::runProject(project, durationMs, options);
    core::SpikeRecorder all;
    std::size_t offset = 0;
    std::size_t size = 0;
    for (const auto& rec : run.network->spikeRecorders) {
        for (std::size_t k = 0; k < rec.steps.size(); ++k) {
            all.steps.push_back(rec.steps[k]);
            all.neurons.push_back(static_cast<std::int32_t>(rec.neurons[k] + offset));
        }
        offset += run.network->populations[rec.population].size;
        size += run.network->populations[rec.population].size;
    }
    return {static_cast<double>(all.steps.size()) / size / (durationMs * 1e-3),
            core::SpikeStatistics::meanCvIsi(all, size)};
}

Stats meanOverSeeds(const core::ProjectSpec& project, int seeds) {
    Stats mean;
    for (int s = 1; s <= seeds; ++s) {
        const Stats one = networkStats(project, static_cast<std::uint64_t>(s), 1000.0);
        mean.rate += one.rate / seeds;
        mean.cv += one.cv / seeds;
    }
    return mean;
}

std::vector<std::pair<std::int64_t, std::int32_t>> spikes(const core::ProjectSpec& project,
                                                          int threads, double durationMs) {
    core::BuildOptions options;
    options.threads = threads;
    options.minNeuronsPerThread = 0;
    auto run = tests::runProject(project, durationMs, options);
    std::vector<std::pair<std::int64_t, std::int32_t>> out;
    for (const auto& rec : run.network->spikeRecorders)
        for (std::size_t k = 0; k < rec.steps.size(); ++k)
            out.emplace_back(rec.steps[k], rec.neurons[k] + (rec.population == 0 ? 0 : 1 << 24));
    return out;
}

} // namespace

class TestBenchmarkNetworks : public QObject {
    Q_OBJECT

private slots:
    void cubaMatchesBrian2() {
        const auto project = core::StandardNetworks::cuba(4000);
        QCOMPARE(project.populations[0].size + project.populations[1].size, std::int64_t(4000));
        const Stats s = meanOverSeeds(project, 5);
        qInfo("CUBA N=4000, 1 s, 5 seeds: rate %.3f Hz, CV(ISI) %.3f (Brian2 5.68, 0.523)", s.rate,
              s.cv);
        QVERIFY2(std::fabs(s.rate - 5.68) <= 0.5, qPrintable(QString::number(s.rate)));
        QVERIFY2(std::fabs(s.cv - 0.52) <= 0.05, qPrintable(QString::number(s.cv)));
    }

    void cobaMatchesBrian2() {
        const Stats s = meanOverSeeds(core::StandardNetworks::coba(4000), 5);
        qInfo("COBA N=4000, 1 s, 5 seeds: rate %.3f Hz, CV(ISI) %.3f (Brian2 18.7, 1.53)", s.rate,
              s.cv);
        QVERIFY2(std::fabs(s.rate - 18.7) <= 2.0, qPrintable(QString::number(s.rate)));
        QVERIFY2(std::fabs(s.cv - 1.53) <= 0.15, qPrintable(QString::number(s.cv)));
    }

    void synapseCountFollowsConnectionProbability() {
        auto net = core::NetworkBuilder::build(core::StandardNetworks::cuba(4000),
                                               tests::builtinRegistry());
        // Binomial(4000 * 4000, 0.02): mean 320000, sd ~560.
        const double n = static_cast<double>(net->synapseCount());
        QVERIFY2(std::fabs(n - 320000.0) < 5 * 560.0, qPrintable(QString::number(n)));
    }

    void sameSeedGivesIdenticalSpikes() {
        const auto project = core::StandardNetworks::coba(1000);
        QCOMPARE(spikes(project, 1, 300.0), spikes(project, 1, 300.0));
    }

    void spikesDoNotDependOnThreadCount_data() {
        QTest::addColumn<QString>("model");
        QTest::newRow("cuba") << "cuba";
        QTest::newRow("coba") << "coba";
    }

    void spikesDoNotDependOnThreadCount() {
        QFETCH(QString, model);
        const auto project = model == "cuba" ? core::StandardNetworks::cuba(4000)
                                             : core::StandardNetworks::coba(4000);
        const auto one = spikes(project, 1, 500.0);
        QVERIFY(one.size() > 1000);
        QCOMPARE(spikes(project, 2, 500.0), one);
        auto net = core::NetworkBuilder::build(project, tests::builtinRegistry(),
                                               {std::nullopt, 3, false, 0, {}});
        QCOMPARE(net->partitions, std::size_t(3));
        QCOMPARE(spikes(project, 3, 500.0), one);
    }

    void smallNetworksUseOneThread() {
        auto small = core::NetworkBuilder::build(core::StandardNetworks::cuba(4000),
                                                 tests::builtinRegistry(),
                                                 {std::nullopt, 2, false, 20000, {}});
        QCOMPARE(small->partitions, std::size_t(1));
        QCOMPARE(small->requestedThreads, std::size_t(2));
        auto large = core::NetworkBuilder::build(core::StandardNetworks::cuba(40000),
                                                 tests::builtinRegistry(),
                                                 {std::nullopt, 2, false, 20000, {}});
        QCOMPARE(large->partitions, std::size_t(2));
    }

    void chunkedRunEqualsOneRun() {
        const auto project = core::StandardNetworks::cuba(2000);
        auto whole = tests::runProject(project, 200.0);
        auto net = core::NetworkBuilder::build(project, tests::builtinRegistry());
        core::Simulator sim(*net);
        for (int k = 0; k < 7; ++k)
            sim.run(k < 6 ? 300 : 200);
        QCOMPARE(sim.currentStep(), std::int64_t(2000));
        QCOMPARE(net->spikeRecorders[0].neurons, whole.network->spikeRecorders[0].neurons);
        QCOMPARE(net->spikeRecorders[0].steps, whole.network->spikeRecorders[0].steps);
    }

    void cancelStopsWithinAStep() {
        auto net =
            core::NetworkBuilder::build(core::StandardNetworks::cuba(4000),
                                        tests::builtinRegistry(), {std::nullopt, 2, true, 0, {}});
        core::Simulator sim(*net);
        std::atomic<bool> started{false};
        std::thread canceller([&] {
            while (!started.load())
                std::this_thread::yield();
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            sim.requestCancel();
        });
        started = true;
        const std::int64_t done = sim.run(100'000'000);
        canceller.join();
        QVERIFY(done > 0);
        QVERIFY(done < 100'000'000);
        QCOMPARE(sim.currentStep(), done);
        // Recorded spikes never lie beyond the steps that were done.
        for (const auto& rec : net->spikeRecorders)
            for (const auto s : rec.steps)
                QVERIFY(s < done);
    }
};

QTEST_APPLESS_MAIN(TestBenchmarkNetworks)
#include "TestBenchmarkNetworks.moc"
