#pragma once

#include "plexus/core/model/InputSignal.h"

namespace plexus::analysis {

/// The readouts' input signal is the core's: the `time_series` stimulus model generates the
/// same u(t) from the same code, so a readout is trained on exactly the signal that drove the
/// network.
using InputSignal = core::InputSignal;

} // namespace plexus::analysis
