#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>

namespace plexus::core {

/**
 * @brief A bounded single-producer / single-consumer lock-free queue.
 *
 * One thread pushes (the simulation), one thread pops (the GUI). Neither ever blocks: a push
 * into a full ring fails, and the ring counts what was dropped so the consumer can show it.
 * Capacity is rounded up to a power of two.
 */
template <typename T>
class SpscRing {
public:
    /// A ring holding at least `capacity` items (>= 2).
    explicit SpscRing(std::size_t capacity) {
        std::size_t size = 2;
        while (size < capacity)
            size <<= 1;
        m_mask = size - 1;
        m_items = std::make_unique<T[]>(size);
    }

    SpscRing(const SpscRing&) = delete;
    SpscRing& operator=(const SpscRing&) = delete;

    /// Number of items the ring holds when full.
    std::size_t capacity() const { return m_mask + 1; }

    /// Producer: append one item; false (and counted as dropped) when the ring is full.
    bool push(const T& item) {
        const std::size_t head = m_head.load(std::memory_order_relaxed);
        if (head - m_tailCache > m_mask) {
            m_tailCache = m_tail.load(std::memory_order_acquire);
            if (head - m_tailCache > m_mask) {
                m_dropped.fetch_add(1, std::memory_order_relaxed);
                return false;
            }
        }
        m_items[head & m_mask] = item;
        m_head.store(head + 1, std::memory_order_release);
        return true;
    }

    /// Producer: append up to `count` items; the ones that do not fit are dropped and counted.
    /// Returns the number appended.
    std::size_t push(const T* items, std::size_t count) {
        const std::size_t head = m_head.load(std::memory_order_relaxed);
        std::size_t room = capacity() - (head - m_tailCache);
        if (room < count) {
            m_tailCache = m_tail.load(std::memory_order_acquire);
            room = capacity() - (head - m_tailCache);
        }
        const std::size_t n = count < room ? count : room;
        for (std::size_t i = 0; i < n; ++i)
            m_items[(head + i) & m_mask] = items[i];
        m_head.store(head + n, std::memory_order_release);
        if (n < count)
            m_dropped.fetch_add(count - n, std::memory_order_relaxed);
        return n;
    }

    /// Consumer: move up to `max` items into `out`; returns how many.
    std::size_t pop(T* out, std::size_t max) {
        const std::size_t tail = m_tail.load(std::memory_order_relaxed);
        const std::size_t head = m_head.load(std::memory_order_acquire);
        const std::size_t available = head - tail;
        const std::size_t n = available < max ? available : max;
        for (std::size_t i = 0; i < n; ++i)
            out[i] = m_items[(tail + i) & m_mask];
        m_tail.store(tail + n, std::memory_order_release);
        return n;
    }

    /// Consumer: hand every waiting item to `f(const T&)`; returns how many.
    template <typename F>
    std::size_t consume(F&& f) {
        const std::size_t tail = m_tail.load(std::memory_order_relaxed);
        const std::size_t head = m_head.load(std::memory_order_acquire);
        for (std::size_t i = tail; i != head; ++i)
            f(static_cast<const T&>(m_items[i & m_mask]));
        m_tail.store(head, std::memory_order_release);
        return head - tail;
    }

    /// Items waiting (approximate while the other side works).
    std::size_t size() const {
        return m_head.load(std::memory_order_acquire) - m_tail.load(std::memory_order_acquire);
    }

    /// Items refused because the ring was full, since construction.
    std::uint64_t dropped() const { return m_dropped.load(std::memory_order_relaxed); }

private:
    static constexpr std::size_t kLine = 64;
    std::size_t m_mask = 1;
    std::unique_ptr<T[]> m_items;
    alignas(kLine) std::atomic<std::size_t> m_head{0}; ///< written by the producer
    std::size_t m_tailCache = 0;                       ///< producer's last view of m_tail
    alignas(kLine) std::atomic<std::size_t> m_tail{0}; ///< written by the consumer
    alignas(kLine) std::atomic<std::uint64_t> m_dropped{0};
};

} // namespace plexus::core
