#!/usr/bin/env bash
# Measures storykiosk against the Chromium kiosk peer in one run, with the
# peer's measure.sh (startup, memory, idle CPU under Xvfb 1920x1080), and
# prints the medians side by side. The figures in docs/PERFORMANCE.md come
# from this script.
#
#   scripts/perf-compare.sh [-n RUNS]       # default 5 runs each
#
# Needs a release build (cargo build --release), the peer folder at
# ../shared/peers/web-kiosk (or PEER=DIR), Chromium, and what measure.sh
# needs (Xvfb, gcc with libX11/libXext headers, ImageMagick, x11-utils).
# Results: target/perf/<date>/{chromium,kiosk,kiosk-peer-photos,photos,peer-photos}/.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=5
[ "${1:-}" = "-n" ] && RUNS=$2
PEER=${PEER:-$(cd ../shared/peers/web-kiosk && pwd)}
BIN=$PWD/target/release/storykiosk
OUT=$PWD/target/perf/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
export WINIT_X11_SCALE_FACTOR=1

# An override pack: the bundled pack with its photos replaced by the peer's
# six 2400x1600 JPEGs (the same decode work Chromium does).
PACK=$OUT/peer-photos-pack
"$BIN" export-pack "$PACK" >/dev/null
[ -f "$PEER/photos/p6.jpg" ] || "$PEER/make-photos.sh" >/dev/null
i=1
for f in $(cd "$PACK/photos" && ls | sort); do
    n=$(( (i - 1) % 6 + 1 ))
    cp "$PEER/photos/p$n.jpg" "$PACK/photos/$f"
    i=$((i + 1))
done
"$BIN" validate "$PACK"

m() { "$PEER/measure.sh" -n "$RUNS" "$@"; }
LABEL=chromium "$PEER/measure-chromium.sh" -n "$RUNS" -o "$OUT/chromium"
# Kiosk mode as at a gala: the attract loop, first content.
m -l kiosk -o "$OUT/kiosk" -- "$BIN" --kiosk --data-dir @TMPDIR@
# The same with the peer's photos in an override pack (checked at start).
m -l kiosk-peer-photos -o "$OUT/kiosk-peer-photos" -- "$BIN" --kiosk \
    --content "$PACK" --data-dir @TMPDIR@
# Every photo shown: the photo panels, full screen, bundled and peer photos.
m -l photos -o "$OUT/photos" -- "$BIN" --fullscreen --screen photos --data-dir @TMPDIR@
m -l peer-photos -o "$OUT/peer-photos" -- "$BIN" --fullscreen --screen photos \
    --content "$PACK" --data-dir @TMPDIR@

median() { awk -v k="$1" '$1 == k { print $NF }' "$2/summary.txt"; }
printf '\n%-22s %12s %12s %12s %12s %12s\n' metric chromium kiosk kiosk-peer photos peer-photos
for k in first_content_ms settled_ms pss_5s_mib pss_30s_mib pss_anon_30s_mib \
         pss_file_30s_mib startup_cpu_s idle_cpu_s other_cpu_idle_s; do
    printf '%-22s %12s %12s %12s %12s %12s\n' "$k" \
        "$(median "$k" "$OUT/chromium")" "$(median "$k" "$OUT/kiosk")" \
        "$(median "$k" "$OUT/kiosk-peer-photos")" \
        "$(median "$k" "$OUT/photos")" "$(median "$k" "$OUT/peer-photos")"
done | tee "$OUT/compare.txt"
echo "results in $OUT"
