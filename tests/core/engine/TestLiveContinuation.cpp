// Continuing a run in a rebuilt network (live edits) and draining recorders while running
// (live views) must not change what is computed; the live ring buffer loses nothing it did not
// count as dropped.
#include "core/TestSupport.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/engine/NetworkStateTransfer.h"
#include "plexus/core/engine/SpscRing.h"
#include "plexus/core/project/StandardNetworks.h"

#include <QtTest>
#include <thread>

using namespace plexus;

class TestLiveContinuation : public QObject {
    Q_OBJECT

private:
    struct Spikes {
        std::vector<std::int64_t> steps;
        std::vector<std::int32_t> neurons;
    };

    static core::ProjectSpec cubaWithProbes() {
        core::ProjectSpec p = core::StandardNetworks::cuba(4000);
        core::RecorderSpec state;
        state.name = "v";
        state.type = "state";
        state.target = p.populations.front().name;
        state.variables = {"v"};
        state.neurons = {0, 7, 1999};
        state.intervalMs = 0.1;
        p.recorders.push_back(state);
        core::RecorderSpec rate;
        rate.name = "rate";
        rate.type = "rate";
        rate.target = p.populations.front().name;
        rate.binMs = 2.0;
        p.recorders.push_back(rate);
        return p;
    }

    static void append(Spikes& out, core::Network& net) {
        for (auto& rec : net.spikeRecorders)
            if (rec.population == 0) {
                out.steps.insert(out.steps.end(), rec.steps.begin(), rec.steps.end());
                out.neurons.insert(out.neurons.end(), rec.neurons.begin(), rec.neurons.end());
                rec.steps.clear();
                rec.neurons.clear();
            }
    }

private Q_SLOTS:
    void ringKeepsOrderAndCountsDrops() {
        core::SpscRing<int> ring(5);
        QCOMPARE(ring.capacity(), std::size_t(8));
        for (int i = 0; i < 10; ++i)
            ring.push(i);
        QCOMPARE(ring.size(), std::size_t(8));
        QCOMPARE(ring.dropped(), std::uint64_t(2));
        int out[16];
        QCOMPARE(ring.pop(out, 3), std::size_t(3));
        QCOMPARE(out[0], 0);
        QCOMPARE(out[2], 2);
        const int more[5] = {100, 101, 102, 103, 104};
        QCOMPARE(ring.push(more, 5), std::size_t(3)); // 5 waiting + 3 fit
        QCOMPARE(ring.dropped(), std::uint64_t(4));
        std::vector<int> got;
        ring.consume([&](int v) { got.push_back(v); });
        QCOMPARE(got, (std::vector<int>{3, 4, 5, 6, 7, 100, 101, 102}));
        QCOMPARE(ring.size(), std::size_t(0));
    }

    void ringAcrossThreadsLosesNothingUncounted() {
        core::SpscRing<std::uint64_t> ring(1024);
        constexpr std::uint64_t total = 2'000'000;
        std::uint64_t received = 0;
        std::uint64_t last = 0;
        bool ordered = true;
        std::atomic<bool> done{false};
        std::thread producer([&] {
            for (std::uint64_t i = 1; i <= total; ++i)
                ring.push(i);
            done = true;
        });
        std::uint64_t buffer[256];
        while (!done.load() || ring.size() > 0) {
            const std::size_t n = ring.pop(buffer, 256);
            for (std::size_t i = 0; i < n; ++i) {
                ordered = ordered && buffer[i] > last;
                last = buffer[i];
            }
            received += n;
        }
        producer.join();
        QVERIFY(ordered);
        QCOMPARE(received + ring.dropped(), total);
        QVERIFY(received > 0);
    }

    void rebuiltNetworkContinuesBitIdentically_data() {
        QTest::addColumn<int>("threads");
        QTest::newRow("1 thread") << 1;
        QTest::newRow("2 threads") << 2;
    }

    void rebuiltNetworkContinuesBitIdentically() {
        QFETCH(int, threads);
        core::BuildOptions options;
        options.threads = threads;
        options.minNeuronsPerThread = 0;
        options.recordAllSpikes = true;
        const core::ProjectSpec project = cubaWithProbes();
        constexpr std::int64_t steps = 3000;

        auto whole = core::NetworkBuilder::build(project, tests::builtinRegistry(), options);
        core::Simulator straight(*whole);
        straight.run(steps);
        straight.finish();
        Spikes expected;
        append(expected, *whole);
        QVERIFY(expected.steps.size() > 1000);

        // Same run in pieces: 1000 steps, drain recorders, 700 more, rebuild the network from
        // the project and carry the state over, then the rest.
        Spikes pieces;
        auto first = core::NetworkBuilder::build(project, tests::builtinRegistry(), options);
        auto sim1 = std::make_unique<core::Simulator>(*first);
        sim1->run(1000);
        append(pieces, *first);
        std::vector<float> samples(first->stateRecorders[0].values);
        std::vector<std::uint32_t> bins(first->rateRecorders[0].counts.begin(),
                                        first->rateRecorders[0].counts.end() - 1);
        first->stateRecorders[0].discardSamples();
        auto& rate = first->rateRecorders[0];
        rate.binOffset = static_cast<std::int64_t>(rate.counts.size()) - 1;
        rate.counts.erase(rate.counts.begin(), rate.counts.end() - 1);
        sim1->run(700);
        append(pieces, *first);
        samples.insert(samples.end(), first->stateRecorders[0].values.begin(),
                       first->stateRecorders[0].values.end());
        QCOMPARE(first->stateRecorders[0].sampleSteps.front(), std::int64_t(1001));

        auto second = core::NetworkBuilder::build(project, tests::builtinRegistry(), options);
        const auto report = core::NetworkStateTransfer::transfer(*first, *second, 1700);
        QCOMPARE(report.populations.size(), first->populations.size());
        // The rebuilt recorders start where the old ones stopped.
        second->stateRecorders[0].rowOffset = 1700;
        second->rateRecorders[0].binOffset = 1700 / second->rateRecorders[0].binSteps;
        core::Simulator sim2(*second);
        sim2.continueFrom(*sim1);
        QCOMPARE(sim2.currentStep(), std::int64_t(1700));
        sim2.run(steps - 1700);
        sim2.finish();
        append(pieces, *second);
        samples.insert(samples.end(), second->stateRecorders[0].values.begin(),
                       second->stateRecorders[0].values.end());

        for (std::size_t i = 0; i < std::min(pieces.steps.size(), expected.steps.size()); ++i)
            if (pieces.steps[i] != expected.steps[i] || pieces.neurons[i] != expected.neurons[i]) {
                qDebug() << "first difference at spike" << i << "step" << expected.steps[i]
                         << pieces.steps[i] << "neuron" << expected.neurons[i] << pieces.neurons[i];
                break;
            }
        QCOMPARE(pieces.steps, expected.steps);
        QCOMPARE(pieces.neurons, expected.neurons);
        QCOMPARE(samples, whole->stateRecorders[0].values);
        QCOMPARE(static_cast<std::size_t>(whole->stateRecorders[0].sampleSteps.back()),
                 std::size_t(steps));
        // Rate bins: the drained ones plus what the first network still held, then the rest.
        const auto& full = whole->rateRecorders[0].counts;
        for (std::size_t b = 0; b < bins.size(); ++b)
            QCOMPARE(bins[b], full[b]);
        const auto& tail = second->rateRecorders[0].counts;
        QCOMPARE(tail.size(), full.size() - 85);
        for (std::size_t b = 0; b < tail.size(); ++b)
            QCOMPARE(tail[b], full[85 + b]);
    }

    void continueFromRefusesAStartedRun() {
        auto net = core::NetworkBuilder::build(core::StandardNetworks::cuba(400),
                                               tests::builtinRegistry());
        core::Simulator a(*net);
        a.run(10);
        bool refused = false;
        try {
            a.startAt(5);
        } catch (const core::Error&) {
            refused = true;
        }
        QVERIFY(refused);
        QCOMPARE(a.currentStep(), std::int64_t(10));
    }
};

QTEST_GUILESS_MAIN(TestLiveContinuation)
#include "TestLiveContinuation.moc"
