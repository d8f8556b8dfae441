#include "plexus/core/project/PopulationSpec.h"

namespace plexus::core {

std::string PopulationSpec::sizeProblem(std::int64_t size) {
    if (size < minSize)
        return "must be >= " + std::to_string(minSize) + " (got " + std::to_string(size) + ")";
    if (size > maxSize)
        return "must be at most " + std::to_string(maxSize) + " (got " + std::to_string(size) + ")";
    return {};
}

} // namespace plexus::core
