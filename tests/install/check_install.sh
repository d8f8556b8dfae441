#!/usr/bin/env bash
# An installed Plexus is complete and relocatable: `cmake --install` into a temporary prefix, then
# the prefix is moved elsewhere, and the installed programs still find their examples, their
# system plugin folder and their man pages; no installed file names the build or source tree.
#
#   check_install.sh BUILD_DIR SOURCE_DIR PLUGIN.so
set -euo pipefail

build="$1" source="$2" plugin="$3"
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
fail() {
    echo "FAIL: $*" >&2
    exit 1
}

cmake --install "${build}" --prefix "${work}/first" >/dev/null
mv "${work}/first" "${work}/moved"
prefix="${work}/moved"

# What an installation holds.
for file in bin/plexus bin/plexus-cli share/applications/plexus.desktop \
    share/icons/hicolor/scalable/apps/plexus.svg share/man/man1/plexus.1.gz \
    share/man/man1/plexus-cli.1.gz share/plexus/examples/cuba.json \
    share/doc/plexus/README.md share/doc/plexus/LICENSE share/doc/plexus/file-formats.md; do
    [[ -f "${prefix}/${file}" ]] || fail "${file} is not installed"
done
for size in 16 24 32 48 64 128 256 512; do
    png="${prefix}/share/icons/hicolor/${size}x${size}/apps/plexus.png"
    [[ -f "${png}" ]] || fail "the ${size}x${size} icon is not installed"
    # PNG: width and height are big-endian 32-bit integers at bytes 16 and 20.
    read -r width height < <(od -An -tu1 -j16 -N8 "${png}" |
        awk '{print $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8}')
    [[ "${width}x${height}" == "${size}x${size}" ]] ||
        fail "${png} is ${width}x${height}, not ${size}x${size}"
done
examples_in_source=$(find "${source}/resources/examples" -name '*.json' | wc -l)
examples_installed=$(find "${prefix}/share/plexus/examples" -name '*.json' | wc -l)
[[ "${examples_installed}" -eq "${examples_in_source}" ]] ||
    fail "${examples_installed} examples installed, ${examples_in_source} in the sources"

# The desktop entry follows the freedesktop specification.
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "${prefix}/share/applications/plexus.desktop" ||
        fail "plexus.desktop does not validate"
fi

# The man pages render without a warning and hold the programs' --help.
for page in plexus plexus-cli; do
    warnings="$(zcat "${prefix}/share/man/man1/${page}.1.gz" | groff -man -Tutf8 -ww -z 2>&1)"
    [[ -z "${warnings}" ]] || fail "${page}.1: ${warnings}"
done
grep -q 'plexus\\-cli run PROJECT.json' <<<"$(zcat "${prefix}/share/man/man1/plexus-cli.1.gz")" ||
    fail "plexus-cli.1 does not hold the usage of plexus-cli"

# No installed file names the build or source tree.
for tree in "${build}" "${source}"; do
    if named="$(grep -rlF "${tree}" "${prefix}")"; then
        fail "installed files name ${tree}: ${named}"
    fi
done

# The installed programs run from the moved prefix, and find their examples there.
export XDG_DATA_HOME="${work}/xdg" HOME="${work}/home"
unset PLEXUS_PLUGIN_PATH
# (Outputs go through variables: with pipefail, grep -q ending a pipe early would fail it.)
grep -q '^plexus-cli 0' <<<"$("${prefix}/bin/plexus-cli" --version)" || fail "plexus-cli --version"
grep -q '^plexus 0' <<<"$(QT_QPA_PLATFORM=offscreen "${prefix}/bin/plexus" --version)" ||
    fail "plexus --version"
listing="$("${prefix}/bin/plexus-cli" examples --json)" ||
    fail "plexus-cli examples finds no examples in ${prefix}"
grep -qF "\"folder\": \"${prefix}/share/plexus/examples\"" <<<"${listing}" ||
    fail "plexus-cli examples does not list ${prefix}/share/plexus/examples: ${listing}"
grep -qF "\"name\": \"CUBA\"" <<<"${listing}" || fail "plexus-cli examples lacks CUBA"
"${prefix}/bin/plexus-cli" run "${prefix}/share/plexus/examples/cuba.json" --duration 0.05 \
    --out "${work}/run" >/dev/null || fail "plexus-cli run of the installed CUBA example"
grep -q '"spikes"' "${work}/run/summary.json" || fail "the run wrote no summary"

# A plugin in the installation's plugin folder is loaded by the installed programs.
plugins="$("${prefix}/bin/plexus-cli" plugins list --json | grep -B1 '"source": "system"' |
    sed -n 's/^ *"path": "\(.*\)",$/\1/p')"
[[ -n "${plugins}" ]] || fail "plexus-cli plugins list names no system plugin folder"
[[ "${plugins}" == "${prefix}"/lib*/plexus/plugins ]] ||
    fail "the system plugin folder ${plugins} is not inside ${prefix}"
mkdir -p "${plugins}"
cp "${plugin}" "${plugins}/"
models="$("${prefix}/bin/plexus-cli" models)"
grep -q "^qif_example .*\[${plugins}/qif_example.so\]" <<<"${models}" ||
    fail "a plugin in ${plugins} is not loaded"
echo "installation in ${prefix} is complete and relocatable"
