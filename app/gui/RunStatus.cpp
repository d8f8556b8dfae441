#include "RunStatus.h"

namespace plexus::app {

const char* runStateName(RunState state) {
    switch (state) {
    case RunState::Idle:
        return "idle";
    case RunState::Running:
        return "running";
    case RunState::Paused:
        return "paused";
    case RunState::Finished:
        return "finished";
    case RunState::Failed:
        return "failed";
    }
    return "?";
}

} // namespace plexus::app
