#!/usr/bin/env bash
# Builds Plexus and runs every test: Qt tests on the offscreen platform, then the OpenGL/VTK tests
# (label `gl`) under a virtual X server. Exits non-zero when any test fails.
set -euo pipefail

# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "${PLEXUS_ROOT}"

plexus_install_deps "${PLEXUS_TEST_PACKAGES[@]}"
plexus_build

status=0

plexus_log "running tests (offscreen)"
QT_QPA_PLATFORM=offscreen \
    ctest --test-dir "${PLEXUS_BUILD_DIR}" --output-on-failure -LE gl || status=1

gl_tests="$(ctest --test-dir "${PLEXUS_BUILD_DIR}" -N -L gl | sed -n 's/^Total Tests: *//p')"
if [[ "${gl_tests:-0}" -gt 0 ]]; then
    plexus_log "running ${gl_tests} OpenGL test(s) under xvfb"
    QT_QPA_PLATFORM=xcb xvfb-run -a -s '-screen 0 1280x800x24' \
        ctest --test-dir "${PLEXUS_BUILD_DIR}" --output-on-failure -L gl || status=1
fi

if ((status != 0)); then
    plexus_log "some tests FAILED"
else
    plexus_log "all tests passed"
fi
exit "${status}"
