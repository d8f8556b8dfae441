#pragma once

#include <atomic>
#include <cstddef>
#include <thread>

namespace plexus::core {

/// Sense-reversing barrier that spins briefly, then yields. Used once per step between
/// worker threads, where a futex-based barrier would cost more than the step itself.
class SpinBarrier {
public:
    explicit SpinBarrier(std::size_t count)
        : m_count(count)
        , m_waiting(0) {}

    /// Block until `count` threads have arrived.
    void wait() {
        const bool sense = m_sense.load(std::memory_order_relaxed);
        if (m_waiting.fetch_add(1, std::memory_order_acq_rel) + 1 == m_count) {
            m_waiting.store(0, std::memory_order_relaxed);
            m_sense.store(!sense, std::memory_order_release);
            return;
        }
        int spins = 0;
        while (m_sense.load(std::memory_order_acquire) == sense) {
            if (++spins > 4000)
                std::this_thread::yield();
            else
                __builtin_ia32_pause();
        }
    }

private:
    const std::size_t m_count;
    alignas(64) std::atomic<std::size_t> m_waiting;
    alignas(64) std::atomic<bool> m_sense{false};
};

} // namespace plexus::core
