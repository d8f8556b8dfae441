#pragma once

#include "plexus/core/engine/InputRing.h"
#include "plexus/core/engine/NeuronGroup.h"
#include "plexus/core/model/ModelInfo.h"

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace plexus::core {

/// A population at run time: the model instance, its input ring and its thread slices.
struct Population {
    std::string name;
    const ModelInfo* info = nullptr;
    std::unique_ptr<NeuronGroup> group;
    std::size_t size = 0;
    InputRing ring;
    std::vector<std::size_t> bounds; ///< slice k owns neurons [bounds[k], bounds[k+1])
    bool isStimulus = false;         ///< a spike-source stimulus rather than neurons
    std::vector<char> receptorUsed;  ///< per receptor: does any projection or stimulus feed it
};

} // namespace plexus::core
