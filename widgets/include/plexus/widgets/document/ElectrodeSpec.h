#pragma once

#include <plexus/core/project/ElectrodeSpec.h>

namespace plexus::widgets {

/// The editor's electrodes are the core's (core::ElectrodeSpec, the project's "electrodes"
/// list, read and written by core::ProjectIo): the editor keeps no electrode parser of its own.
using ElectrodeSpec = core::ElectrodeSpec;

} // namespace plexus::widgets
