#!/usr/bin/env bash
# Raspberry Pi OS Bookworm (Debian 12 arm64), built and tried on this x86_64
# Debian machine: the release binary and the .deb cross-built for
# aarch64-unknown-linux-gnu with Debian's cross toolchain, then the binary
# run under qemu-user (qemu-aarch64) for the command-line checks of
# packaging/cli-check.sh (validate, export-pack, set-pin, the gala hub over
# TLS against a real PostgreSQL), each timed against this machine's own
# build to say how slow emulation is.
#
#   packaging/arm64-check.sh
#
# Needs (apt-get install): gcc-aarch64-linux-gnu libc6-dev-arm64-cross
# qemu-user postgresql openssl; cargo-deb (cargo install cargo-deb); and
# the Rust target (rustup target add aarch64-unknown-linux-gnu).
# Results in target/arm64-check/: report.txt and the .deb.
# Exits 0 only if every check passed.
#
# The kiosk session itself on an arm64 machine (full screen, kill -9, the
# sandboxed unit) is packaging/vm-check.sh's: VM_ARCH=arm64
# packaging/vm-check.sh target/arm64-check/storykiosk_*_arm64.deb.
set -uo pipefail
cd "$(dirname "$0")/.."
TARGET=aarch64-unknown-linux-gnu
OUT=$PWD/target/arm64-check
rm -rf "$OUT"
mkdir -p "$OUT"
REPORT=$OUT/report.txt
WORK=$(mktemp -d /tmp/storykiosk-arm64-check.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc

rustup target add "$TARGET" >/dev/null 2>&1 || true
set -e
t0=$SECONDS
cargo build --release --target "$TARGET"
echo "build: $((SECONDS - t0)) s" | tee "$REPORT"
cargo build --release --bin storykiosk
cargo build --release --example hub_kiosk
cargo deb --no-build --target "$TARGET" --output "$OUT/" >/dev/null
set +e
BIN=$PWD/target/$TARGET/release/storykiosk
DEB=$(ls "$OUT"/storykiosk_*_arm64.deb)
echo "binary: $(stat -c %s "$BIN") bytes; $(file -b "$BIN" | cut -d, -f1-2)" | tee -a "$REPORT"
echo "package: $(basename "$DEB"): $(dpkg-deb -f "$DEB" Package Version Architecture | tr '\n' ' ')" | tee -a "$REPORT"
echo "depends: $(dpkg-deb -f "$DEB" Depends)" | tee -a "$REPORT"
echo "qemu: $(qemu-aarch64 --version | head -n 1)" | tee -a "$REPORT"

SK=(qemu-aarch64 -L /usr/aarch64-linux-gnu "$BIN")
# shellcheck source=cli-check.sh
source packaging/cli-check.sh
listing=$(dpkg-deb -c "$DEB" | awk '{print $6}')
if grep -qx './usr/bin/storykiosk' <<<"$listing"; then
    pass "the .deb holds usr/bin/storykiosk, and $(grep -c -E 'storykiosk\.service|storykiosk-session|storykiosk\.desktop' <<<"$listing") of 3: the unit, the session and its .desktop"
else
    fail "the .deb lacks usr/bin/storykiosk: $(tr '\n' ' ' <<<"$listing")"
fi

# How slow emulation is: the same checks' commands, timed, native and
# emulated (median of 3).
timed() {
    local runs=()
    for _ in 1 2 3; do
        local s e
        s=$(date +%s%N)
        "$@" >/dev/null 2>&1
        e=$(date +%s%N)
        runs+=($(((e - s) / 1000000)))
    done
    printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p
}
time_both() { # label, then the arguments
    local label=$1 n q
    shift
    n=$(timed target/release/storykiosk "$@")
    q=$(timed "${SK[@]}" "$@")
    echo "timing: $label: native $n ms, qemu-aarch64 $q ms ($(awk -v a="$n" -v b="$q" 'BEGIN { printf "%.1f", b / a }')x)" | tee -a "$REPORT"
}
time_both "validate, the bundled pack" validate
time_both "validate, an exported pack" validate "$D/pack"
time_both "pledges stats, 5 pledges" pledges stats --data-dir "$S"

if [ "$failed" = 0 ]; then echo "RESULT: all passed" | tee -a "$REPORT"; else echo "RESULT: some failed" | tee -a "$REPORT"; fi
[ "$failed" = 0 ]
