#include "plexus/core/engine/InputRing.h"

#include <algorithm>

namespace plexus::core {

InputRing::InputRing(std::size_t slots, std::size_t receptors, std::size_t size)
    : m_slots(std::max<std::size_t>(slots, 1))
    , m_receptors(receptors)
    , m_stride((size + 15) / 16 * 16)
    , m_data(m_slots * m_receptors * m_stride, 0.0f) {}

void InputRing::clear(std::int64_t step, std::size_t begin, std::size_t end) {
    for (std::size_t r = 0; r < m_receptors; ++r) {
        float* a = at(step, r);
        std::fill(a + begin, a + end, 0.0f);
    }
}

void InputRing::clearAll() {
    std::fill(m_data.begin(), m_data.end(), 0.0f);
}

} // namespace plexus::core
