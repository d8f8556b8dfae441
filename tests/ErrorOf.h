#pragma once

#include "plexus/core/base/Error.h"

#include <functional>
#include <string>

namespace plexus::tests {

/// The message of the core::Error that @p f throws, or an empty string when it throws none.
inline std::string errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const core::Error& e) {
        return e.what();
    }
    return {};
}

} // namespace plexus::tests
