#!/usr/bin/env bash
# Builds Plexus and starts it on the CUBA example. With a display this opens the GUI (extra
# arguments go to `plexus`); without one it runs the example headless with `plexus-cli` (extra
# arguments go to `plexus-cli run`).
set -euo pipefail

# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "${PLEXUS_ROOT}"

plexus_install_deps
plexus_build -DPLEXUS_WERROR=OFF

example="resources/examples/cuba.json"

if [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]; then
    exec "${PLEXUS_BUILD_DIR}/app/gui/plexus" "${example}" "$@"
fi

out="${PLEXUS_BUILD_DIR}/demo"
plexus_log "no display found: running ${example} headless"
"${PLEXUS_BUILD_DIR}/app/cli/plexus-cli" run "${example}" --out "${out}" "$@"
plexus_log "output written to ${out}/"
