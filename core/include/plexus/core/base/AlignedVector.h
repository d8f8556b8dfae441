#pragma once

#include "plexus/core/base/AlignedAllocator.h"

#include <vector>

namespace plexus::core {

/// std::vector with 64-byte aligned storage.
template <typename T>
using AlignedVector = std::vector<T, AlignedAllocator<T>>;

} // namespace plexus::core
