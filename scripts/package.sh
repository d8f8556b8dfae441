#!/usr/bin/env bash
# Builds the Debian package of Plexus: build/plexus_<version>_<arch>.deb (`cpack -G DEB` in the
# build folder; Depends is computed by dpkg-shlibdeps).
#
#   scripts/package.sh           build the package
#   scripts/package.sh --check   then install it with apt-get, run the installed plexus-cli on an
#                                installed example, build the plugin template against the installed
#                                SDK and load it, take a screenshot with the installed plexus under
#                                Xvfb, and remove the package again (needs root or sudo;
#                                refuses when a plexus package is installed already)
set -euo pipefail

# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "${PLEXUS_ROOT}"

check=0
for argument in "$@"; do
    case "${argument}" in
    --check) check=1 ;;
    *)
        plexus_log "unknown argument '${argument}' (usage: scripts/package.sh [--check])"
        exit 2
        ;;
    esac
done

# dpkg-shlibdeps (dpkg-dev) computes Depends; desktop-file-utils validates the desktop entry.
plexus_install_deps dpkg-dev desktop-file-utils
# The build folder keeps the settings it has (scripts/test.sh builds it with PLEXUS_WERROR=ON).
plexus_build

plexus_log "building the Debian package"
rm -f "${PLEXUS_BUILD_DIR}"/plexus_*.deb
(cd "${PLEXUS_BUILD_DIR}" && cpack -G DEB >/dev/null)
package="$(ls "${PLEXUS_BUILD_DIR}"/plexus_*.deb)"
plexus_log "package: ${package}"
dpkg-deb --field "${package}" Package Version Architecture Provides Depends >&2

if ((!check)); then
    exit 0
fi

sudo=()
if [[ "$(id -u)" -ne 0 ]]; then
    command -v sudo >/dev/null || {
        plexus_log "--check installs the package: run as root or with sudo available"
        exit 1
    }
    sudo=(sudo)
fi
if dpkg -s plexus >/dev/null 2>&1; then
    plexus_log "a plexus package is installed already: remove it first (apt-get remove plexus);" \
        "--check installs and removes its own"
    exit 1
fi

work="$(mktemp -d)"
cleanup() {
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq plexus \
        </dev/null >/dev/null 2>&1 || true
    rm -rf "${work}"
}
trap cleanup EXIT
fail() {
    plexus_log "package check FAILED: $*"
    exit 1
}

plexus_log "installing ${package}"
cp "${package}" "${work}/"
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq "${work}/$(basename "${package}")" </dev/null >/dev/null

for file in /usr/bin/plexus /usr/bin/plexus-cli /usr/share/applications/plexus.desktop \
    /usr/share/icons/hicolor/scalable/apps/plexus.svg \
    /usr/share/icons/hicolor/48x48/apps/plexus.png /usr/share/man/man1/plexus-cli.1.gz \
    /usr/share/plexus/examples/cuba.json; do
    [[ -f "${file}" ]] || fail "${file} is not installed"
done
desktop-file-validate /usr/share/applications/plexus.desktop || fail "plexus.desktop"

export HOME="${work}/home" XDG_DATA_HOME="${work}/home/.local/share"
unset PLEXUS_PLUGIN_PATH
plexus-cli --version >&2
plexus-cli run /usr/share/plexus/examples/cuba.json --duration 0.1 --out "${work}/run" >&2 ||
    fail "plexus-cli run of the installed CUBA example"
grep -q '"spikes"' "${work}/run/summary.json" || fail "the run wrote no summary"

# The plugin template builds against the installed SDK with the three commands of its README,
# and the installed plexus-cli loads the result from the per-user plugin folder.
cp -r "${PLEXUS_ROOT}/resources/plugin-template" "${work}/template"
(
    cd "${work}/template"
    cmake -S . -B build -G Ninja >/dev/null
    cmake --build build >/dev/null
    cmake --install build >/dev/null
) || fail "the plugin template does not build against the installed SDK"
models="$(plexus-cli models)"
grep -q "^qif_example .*${XDG_DATA_HOME}/plexus/plugins/qif_example.so" <<<"${models}" ||
    fail "the installed plexus-cli does not load the template built against the installed SDK"

QT_QPA_PLATFORM=xcb xvfb-run -a -s '-screen 0 1280x800x24' \
    plexus /usr/share/plexus/examples/cuba.json --screenshot "${work}/window.png" --quit ||
    fail "plexus --screenshot from the installed binary"
size=$(stat -c %s "${work}/window.png")
((size > 20000)) || fail "the screenshot has only ${size} bytes"
if [[ -n "${PLEXUS_PACKAGE_SCREENSHOT:-}" ]]; then
    cp "${work}/window.png" "${PLEXUS_PACKAGE_SCREENSHOT}"
fi

plexus_log "removing the package"
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq plexus </dev/null >/dev/null
[[ ! -e /usr/bin/plexus ]] || fail "/usr/bin/plexus is still there after removal"
plexus_log "package check passed: installed, ran CUBA headless and in the window, built and loaded" \
    "the plugin template against the installed SDK, removed"
