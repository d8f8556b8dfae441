#include "plexus/core/engine/Intervention.h"

#include "plexus/core/base/RandomStream.h"

#include <algorithm>

namespace plexus::core {

bool Intervention::activeAt(std::int64_t step) const {
    // The first window that ends after `step`; it holds `step` when it has begun.
    const auto it = std::upper_bound(windows.begin(), windows.end(), step,
                                     [](std::int64_t s, const Window& w) { return s < w.end; });
    return it != windows.end() && it->begin <= step;
}

bool Intervention::lesions(std::int64_t source, std::int64_t target,
                           std::uint32_t pairIndex) const {
    const std::uint64_t h =
        mix64(mix64(mix64(seed ^ static_cast<std::uint64_t>(source)) ^
                    (static_cast<std::uint64_t>(target) * 0xd1b54a32d192ed03ULL)) ^
              pairIndex);
    return static_cast<double>(h >> 11) * 0x1.0p-53 < static_cast<double>(value);
}

} // namespace plexus::core
