#include "plexus/core/model/ModelInfo.h"

namespace plexus::core {

namespace {
template <typename T>
std::optional<std::size_t> findKey(const std::vector<T>& items, const std::string& key) {
    for (std::size_t i = 0; i < items.size(); ++i)
        if (items[i].key == key)
            return i;
    return std::nullopt;
}
} // namespace

std::optional<std::size_t> ModelInfo::parameterIndex(const std::string& key) const {
    return findKey(parameters, key);
}

std::optional<std::size_t> ModelInfo::stateIndex(const std::string& key) const {
    return findKey(stateVariables, key);
}

std::optional<std::size_t> ModelInfo::receptorIndex(const std::string& key) const {
    return findKey(receptors, key);
}

} // namespace plexus::core
