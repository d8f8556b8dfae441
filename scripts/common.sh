# shellcheck shell=bash
# Shared helpers for scripts/run.sh and scripts/test.sh. Source it; do not run it.
#
# Provides:
#   PLEXUS_ROOT            absolute path of the repository
#   PLEXUS_BUILD_DIR       build directory (default: $PLEXUS_ROOT/build)
#   plexus_install_deps    installs the Debian packages the build needs (only when missing)
#   plexus_configure       configures a build directory (again when its settings differ)
#   plexus_build           configures when needed, then builds

PLEXUS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PLEXUS_BUILD_DIR="${PLEXUS_BUILD_DIR:-${PLEXUS_ROOT}/build}"

PLEXUS_PACKAGES=(
    cmake g++ ninja-build
    qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev qt6-svg-dev
    libqcustomplot-dev libqcustomplot2.1-qt6
    libvtk9-dev libeigen3-dev nlohmann-json3-dev libhdf5-dev
    xvfb xauth libgl1-mesa-dri fonts-dejavu-core
)

# What the tests read or compare against besides the build: real files written by other tools
# (nibabel's FreeSurfer/GIfTI surfaces, MNE's EEG montage files) and SciPy as a reference.
# The installation checks validate the desktop entry, render the man pages and build the Debian
# package (dpkg-shlibdeps).
PLEXUS_TEST_PACKAGES=(
    python3-scipy python3-nibabel python3-mne python3-h5py clang-format
    desktop-file-utils groff-base dpkg-dev
)

plexus_log() {
    printf '[plexus] %s\n' "$*" >&2
}

# Installs the packages in PLEXUS_PACKAGES (and any package names given as arguments) that are not
# installed yet. Silent when none is missing.
plexus_install_deps() {
    local missing=()
    local package
    for package in "${PLEXUS_PACKAGES[@]}" "$@"; do
        if ! dpkg -s "${package}" >/dev/null 2>&1; then
            missing+=("${package}")
        fi
    done
    if ((${#missing[@]} == 0)); then
        return 0
    fi

    local sudo=()
    if [[ "$(id -u)" -ne 0 ]]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo=(sudo)
        else
            plexus_log "missing packages: ${missing[*]}"
            plexus_log "not root and sudo is not available: install them and try again"
            return 1
        fi
    fi

    plexus_log "installing missing packages: ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq "${missing[@]}" </dev/null
}

# plexus_configure DIR [-DNAME=VALUE...]: configures DIR when it is not configured yet, or again
# when one of the given settings differs from the one in its CMakeCache.txt (so a build directory
# shared by scripts/run.sh and scripts/test.sh follows the script that uses it).
plexus_configure() {
    local dir="$1"
    shift
    local cache="${dir}/CMakeCache.txt"
    local reconfigure=0
    if [[ ! -f "${dir}/build.ninja" || ! -f "${cache}" ]]; then
        reconfigure=1
    else
        local setting name
        for setting in "$@"; do
            name="${setting#-D}"
            name="${name%%=*}"
            name="${name%%:*}"
            if [[ "$(sed -n "s/^${name}:[A-Z]*=//p" "${cache}")" != "${setting#*=}" ]]; then
                reconfigure=1
            fi
        done
    fi
    if ((reconfigure)); then
        plexus_log "configuring ${dir}"
        cmake -S "${PLEXUS_ROOT}" -B "${dir}" -G Ninja "$@"
    fi
}

# plexus_build [-DNAME=VALUE...]: configures PLEXUS_BUILD_DIR when needed (a Release build the
# first time), then builds everything.
plexus_build() {
    if [[ -f "${PLEXUS_BUILD_DIR}/build.ninja" ]]; then
        plexus_configure "${PLEXUS_BUILD_DIR}" "$@"
    else
        plexus_configure "${PLEXUS_BUILD_DIR}" -DCMAKE_BUILD_TYPE=Release "$@"
    fi
    cmake --build "${PLEXUS_BUILD_DIR}" -j"$(nproc)"
}
