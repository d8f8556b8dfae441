#!/usr/bin/env bash
# Builds Plexus and runs every test: Qt tests on the offscreen platform, then the OpenGL/VTK tests
# (label `gl`) under a virtual X server. Compiler warnings are errors in this build
# (PLEXUS_WERROR). Exits non-zero when any test fails.
#
#   scripts/test.sh              build/ (Release) and every test, then the Debian package check
#                                (scripts/package.sh --check: install, run, remove; root only)
#   scripts/test.sh --sanitize   build-asan/: AddressSanitizer + UndefinedBehaviorSanitizer, the
#                                tests that need no GUI; build-tsan/: ThreadSanitizer, the tests
#                                that run our threads (label `threads`) and need no GUI
set -euo pipefail

# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "${PLEXUS_ROOT}"

sanitize=0
for argument in "$@"; do
    case "${argument}" in
    --sanitize) sanitize=1 ;;
    *)
        plexus_log "unknown argument '${argument}' (usage: scripts/test.sh [--sanitize])"
        exit 2
        ;;
    esac
done

# Sanitizer runtimes: GCC's, the ones g++ links with -fsanitize.
PLEXUS_SANITIZER_PACKAGES=(libasan8 libubsan1 libtsan2)

if ((sanitize)); then
    plexus_install_deps "${PLEXUS_TEST_PACKAGES[@]}" "${PLEXUS_SANITIZER_PACKAGES[@]}"
else
    plexus_install_deps "${PLEXUS_TEST_PACKAGES[@]}"
fi

# plexus_sanitized_tests DIR SANITIZER EXCLUDE [SELECT]: configures DIR for SANITIZER, builds only
# the tests ctest selects with `-LE EXCLUDE [-L SELECT]` (and what they need), then runs them.
plexus_sanitized_tests() {
    local dir="$1" sanitizer="$2"
    local labels=(-LE "$3")
    if (($# > 3)); then
        labels+=(-L "$4")
    fi
    plexus_configure "${dir}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
        -DPLEXUS_SANITIZE="${sanitizer}"
    # Generate again first: a build folder left by an older tree would list its old tests.
    cmake "${dir}" >/dev/null
    local tests
    mapfile -t tests < <(ctest --test-dir "${dir}" -N "${labels[@]}" 2>/dev/null |
        sed -n 's/^ *Test *#[0-9]*: *//p')
    if ((${#tests[@]} == 0)); then
        plexus_log "no tests selected in ${dir}"
        return 1
    fi
    # The executables the selected tests run (a test is named after its executable or, like
    # the sanitizer probes, runs one of another name): read from the generated CTestTestfiles,
    # kept when they are targets of the build, and only those are built.
    local known targets
    known="$(cmake --build "${dir}" --target help 2>/dev/null | sed -n 's/^\([A-Za-z0-9_.+-]*\): .*/\1/p')"
    mapfile -t targets < <(
        for name in "${tests[@]}"; do
            grep -rhF "add_test([=[${name}]=] " "${dir}/tests" --include=CTestTestfile.cmake |
                sed -n 's/^add_test(\[=\[[^]]*\]=\] "\([^"]*\)".*/\1/p'
        done | xargs -r -n1 basename | sort -u | grep -Fxf <(printf '%s\n' "${known}"))
    plexus_log "${sanitizer} sanitizer: building ${#targets[@]} executable(s) for ${#tests[@]} test(s) in ${dir}"
    if ! cmake --build "${dir}" -j"$(nproc)" --target "${targets[@]}"; then
        plexus_log "${sanitizer} sanitizer: the build failed"
        return 1
    fi
    plexus_log "${sanitizer} sanitizer: running ${#tests[@]} test(s)"
    QT_QPA_PLATFORM=offscreen \
        ctest --test-dir "${dir}" --output-on-failure "${labels[@]}"
}

if ((sanitize)); then
    started=${SECONDS}
    status=0
    suppressions="${PLEXUS_ROOT}/scripts/sanitizers"
    # Any finding fails the test: ASan and UBSan abort, LeakSanitizer exits with 23, TSan with 66.
    export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=1"
    export LSAN_OPTIONS="suppressions=${suppressions}/lsan.supp:print_suppressions=0"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
    export TSAN_OPTIONS="suppressions=${suppressions}/tsan.supp:halt_on_error=1:exitcode=66"

    # Architecture checks are scripts, not executables: the default build runs them.
    plexus_sanitized_tests "${PLEXUS_ROOT}/build-asan" address 'gl|gui|architecture' ||
        status=1
    plexus_sanitized_tests "${PLEXUS_ROOT}/build-tsan" thread 'gl|gui|architecture' threads ||
        status=1

    plexus_log "sanitizer builds and tests took $((SECONDS - started)) s"
    if ((status != 0)); then
        plexus_log "some sanitizer tests FAILED"
    else
        plexus_log "all sanitizer tests passed"
    fi
    exit "${status}"
fi

plexus_build -DPLEXUS_WERROR=ON

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

# The Debian package: built, installed, run from the installation and removed (needs root or
# sudo, which CI has; elsewhere it is skipped with a note).
if [[ "$(id -u)" -eq 0 ]] || sudo -n true 2>/dev/null; then
    plexus_log "checking the Debian package"
    bash "${PLEXUS_ROOT}/scripts/package.sh" --check || status=1
else
    plexus_log "not root: the Debian package check is skipped (scripts/package.sh --check)"
fi

if ((status != 0)); then
    plexus_log "some tests FAILED"
else
    plexus_log "all tests passed"
fi
exit "${status}"
