// The two lock-free primitives the threads share, exercised across threads with plain (not
// atomic) payloads, so that a missing acquire/release shows as a wrong value here and as a data
// race under ThreadSanitizer (scripts/test.sh --sanitize builds this test with it).
//
// SpinBarrier: every thread writes its own slot, waits, then reads every other thread's slot of
// the same phase. SpscRing: a producer publishes multi-field records that the consumer checks.
#include "plexus/core/engine/SpinBarrier.h"
#include "plexus/core/engine/SpscRing.h"

#include <QTest>
#include <cstdint>
#include <thread>
#include <vector>

using namespace plexus;

class TestThreadPrimitives : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void barrierPublishesEachPhaseToEveryThread() {
        constexpr std::size_t threads = 3;
        constexpr int phases = 200;
        core::SpinBarrier barrier(threads);
        // Written by one thread per phase, read by all after the barrier: plain memory.
        std::vector<int> written(threads, -1);
        std::vector<int> mismatches(threads, 0);
        auto work = [&](std::size_t self) {
            for (int phase = 0; phase < phases; ++phase) {
                written[self] = phase;
                barrier.wait(); // every slot now holds this phase
                for (std::size_t other = 0; other < threads; ++other)
                    if (written[other] != phase)
                        ++mismatches[self];
                barrier.wait(); // nobody writes the next phase before all have read
            }
        };
        std::vector<std::thread> pool;
        for (std::size_t t = 1; t < threads; ++t)
            pool.emplace_back(work, t);
        work(0);
        for (auto& thread : pool)
            thread.join();
        QCOMPARE(mismatches, std::vector<int>(threads, 0));
        QCOMPARE(written, std::vector<int>(threads, phases - 1));
    }

    void ringPublishesWholeRecords() {
        struct Record {
            std::uint64_t index = 0;
            std::uint64_t square = 0;
            double half = 0.0;
        };
        core::SpscRing<Record> ring(1024);
        constexpr std::uint64_t total = 20'000;
        std::thread producer([&] {
            for (std::uint64_t i = 1; i <= total; ++i) {
                const Record r{i, i * i, 0.5 * static_cast<double>(i)};
                while (!ring.push(r))
                    std::this_thread::yield(); // full: wait instead of dropping
            }
        });
        std::uint64_t expected = 1;
        std::uint64_t wrong = 0;
        Record buffer[256];
        while (expected <= total) {
            const std::size_t n = ring.pop(buffer, 256);
            for (std::size_t k = 0; k < n; ++k, ++expected) {
                const Record& r = buffer[k];
                if (r.index != expected || r.square != expected * expected ||
                    r.half != 0.5 * static_cast<double>(expected))
                    ++wrong;
            }
            if (n == 0)
                std::this_thread::yield();
        }
        producer.join();
        QCOMPARE(wrong, std::uint64_t(0));
        QCOMPARE(expected, total + 1);
        QCOMPARE(ring.size(), std::size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestThreadPrimitives)
#include "TestThreadPrimitives.moc"
