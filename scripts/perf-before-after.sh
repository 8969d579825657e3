#!/usr/bin/env bash
# Before and after a change, in one run on one machine: the release build of
# BASE (a git revision) against the release build of the working tree,
# alternated under the peer's measure.sh (the kiosk's attract loop and the
# photo panels), then `cargo bench --bench frames` of each, alternated too.
# Prints the medians side by side; a refactor should leave them where they
# were.
#
#   scripts/perf-before-after.sh BASE        # e.g. 431db0c
#
# Environment: RUNS (measure.sh runs per round, default 3), ROUNDS (default
# 2), PEER (the web-kiosk folder, default ../shared/peers/web-kiosk), FRAMES
# (0 to skip the frame benchmark, for a change that draws nothing new).
# BASE is built in a worktree under target/perf/base-<rev>/ with its own
# target folder (kept, so a second run reuses it). Needs what measure.sh
# needs (Xvfb, gcc with libX11/libXext headers, ImageMagick, x11-utils).
# Results: target/perf/ab-<date>/ (compare.txt, frames-*.txt, measure runs).
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=${1:?usage: scripts/perf-before-after.sh BASE}
RUNS=${RUNS:-3}
ROUNDS=${ROUNDS:-2}
PEER=${PEER:-$(cd ../shared/peers/web-kiosk && pwd)}
REV=$(git rev-parse --short "$BASE")
HEAD_REV=$(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo "+changes")
OUT=$PWD/target/perf/ab-$(date -u +%Y%m%dT%H%M%SZ)
WT=$PWD/target/perf/base-$REV
mkdir -p "$OUT"
export WINIT_X11_SCALE_FACTOR=1

# The two release builds, copied out (a later `cargo bench` rebuilds
# target/release with the bench profile).
[ -d "$WT" ] || git worktree add --detach "$WT" "$BASE" >/dev/null
(cd "$WT" && CARGO_TARGET_DIR="$WT/target" cargo build --release --quiet)
cargo build --release --quiet
cp "$WT/target/release/storykiosk" "$OUT/storykiosk-before"
cp target/release/storykiosk "$OUT/storykiosk-after"
echo "before: $REV ($(stat -c %s "$OUT/storykiosk-before") bytes)" | tee "$OUT/builds.txt"
echo "after:  $HEAD_REV ($(stat -c %s "$OUT/storykiosk-after") bytes)" | tee -a "$OUT/builds.txt"

# measure.sh, alternating before and after, ROUNDS times.
for round in $(seq 1 "$ROUNDS"); do
    for side in before after; do
        bin=$OUT/storykiosk-$side
        "$PEER/measure.sh" -n "$RUNS" -l "kiosk-$side" -o "$OUT/kiosk-$side-$round" \
            -- "$bin" --kiosk --data-dir @TMPDIR@ >/dev/null
        "$PEER/measure.sh" -n "$RUNS" -l "photos-$side" -o "$OUT/photos-$side-$round" \
            -- "$bin" --fullscreen --screen photos --data-dir @TMPDIR@ >/dev/null
    done
done

# The frame benchmark of each, alternating.
FRAMES=${FRAMES:-1}
for round in $(seq 1 "$((FRAMES == 0 ? 0 : ROUNDS))"); do
    (cd "$WT" && CARGO_TARGET_DIR="$WT/target" cargo bench --quiet --bench frames) \
        >"$OUT/frames-before-$round.txt" 2>&1
    cargo bench --quiet --bench frames >"$OUT/frames-after-$round.txt" 2>&1
done

# Medians over every run of every round.
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
runs_of() { # metric, kind, side: every run's value
    for d in "$OUT/$2-$3"-*; do
        awk -v k="$1" '$1 == k { for (i = 2; i < NF; i++) print $i }' "$d/summary.txt"
    done
}
{
    printf '%-24s %12s %12s\n' "metric (median)" "before" "after"
    for kind in kiosk photos; do
        for k in first_content_ms settled_ms pss_30s_mib pss_anon_30s_mib idle_cpu_s; do
            [ "$kind" = kiosk ] && [ "$k" = settled_ms ] && continue
            printf '%-24s %12s %12s\n' "$kind $k" \
                "$(runs_of "$k" "$kind" before | median)" "$(runs_of "$k" "$kind" after | median)"
        done
    done
    [ "$FRAMES" = 0 ] && exit 0
    echo
    printf '%-28s %14s %14s %14s %14s\n' "frames (single frames)" "before median" "after median" "before p99" "after p99"
    # A line of the bench's table: the name in 28 columns, then frames,
    # median, p99 and max.
    awk '/^single frames/ { on = 1; next } on && NF >= 5 && $1 != "screen" {
        n = substr($0, 1, 28); sub(/ +$/, "", n); print n }' "$OUT/frames-after-1.txt" |
        while IFS= read -r s; do
            col() { # side, column (2 median, 3 p99)
                cat "$OUT"/frames-"$1"-*.txt | awk -v s="$s" -v c="$2" '
                    { n = substr($0, 1, 28); sub(/ +$/, "", n) }
                    n == s && NF >= 5 { print $(NF - 4 + c) }' | median
            }
            printf '%-28s %14s %14s %14s %14s\n' "$s µs" "$(col before 2)" "$(col after 2)" \
                "$(col before 3)" "$(col after 3)"
        done
} | tee "$OUT/compare.txt"
echo "results in $OUT"
