#!/usr/bin/env bash
# Soaks the real release binary: storykiosk --kiosk under Xvfb 1920x1080,
# set up as deployed (GLIBC_TUNABLES from packaging/storykiosk.service),
# driven by xdotool in rounds of a minute of random taps, drags and keys,
# each followed by two and a half minutes of nobody (so the idle countdown
# resets the visitor and the attract loop runs), for HOURS hours. Logs the
# process's RSS and PSS every minute.
#
#   scripts/soak-binary.sh [HOURS]      # default 3
#
# Output: target/soak/<date>/memory.csv (seconds, phase, rss_kib, pss_kib,
# pss_anon_kib) and summary.txt. Needs Xvfb and xdotool. Exits 1 if the
# kiosk dies. `kill -STOP`/`-CONT` on the script's process group pauses it
# (for example while timing something else on the machine).
set -euo pipefail
cd "$(dirname "$0")/.."
HOURS=${1:-3}
BIN=$PWD/target/release/storykiosk
for tool in Xvfb xdotool; do
    command -v "$tool" >/dev/null || { echo "soak-binary: $tool is not installed (apt-get install xvfb xdotool)" >&2; exit 2; }
done
[ -x "$BIN" ] || { echo "soak-binary: no release binary at $BIN (cargo build --release)" >&2; exit 2; }
OUT=$PWD/target/soak/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
DATA=$(mktemp -d)
DISPLAY_NO=:93
Xvfb "$DISPLAY_NO" -screen 0 1920x1080x24 -nolisten tcp >"$OUT/xvfb.log" 2>&1 &
XVFB=$!
trap 'kill "${APP:-}" "$XVFB" 2>/dev/null || true; rm -rf "$DATA"' EXIT
sleep 1
export DISPLAY=$DISPLAY_NO WINIT_X11_SCALE_FACTOR=1
GLIBC_TUNABLES=$(sed -n 's/^Environment=GLIBC_TUNABLES=//p' packaging/storykiosk.service) \
    "$BIN" --kiosk --data-dir "$DATA" >"$OUT/app.log" 2>&1 &
APP=$!
sleep 5
kill -0 "$APP" 2>/dev/null || { echo "the kiosk did not start:" >&2; cat "$OUT/app.log" >&2; exit 1; }

echo "seconds,phase,rss_kib,pss_kib,pss_anon_kib" >"$OUT/memory.csv"
start=$SECONDS
end=$((start + ${SOAK_SECS:-$((HOURS * 3600))}))
next_sample=$start
sample() {
    local phase=$1
    if [ "$SECONDS" -ge "$next_sample" ]; then
        kill -0 "$APP" 2>/dev/null || { echo "the kiosk died" >&2; exit 1; }
        awk -v t=$((SECONDS - start)) -v p="$phase" '
            /^Rss:/ {r=$2} /^Pss:/ {s=$2} /^Pss_Anon:/ {a=$2}
            END {printf "%d,%s,%d,%d,%d\n", t, p, r, s, a}' \
            "/proc/$APP/smaps_rollup" >>"$OUT/memory.csv"
        next_sample=$((next_sample + 60))
    fi
}
r() { echo $((RANDOM % $1)); }
rounds=0
taps=0
while [ "$SECONDS" -lt "$end" ]; do
    rounds=$((rounds + 1))
    busy_until=$((SECONDS + 60))
    while [ "$SECONDS" -lt "$busy_until" ]; do
        case $(r 10) in
            0 | 1 | 2 | 3 | 4 | 5)
                xdotool mousemove "$(r 1920)" "$(r 1080)" click 1 ;;
            6 | 7)
                x=$(r 1920) y=$(r 1080)
                xdotool mousemove "$x" "$y" mousedown 1 \
                    mousemove "$(r 1920)" "$y" mousemove "$(r 1920)" "$(r 1080)" mouseup 1 ;;
            8) xdotool key --delay 80 Right Right Left ;;
            9) xdotool mousemove 960 1000 click 1 ;;
        esac
        taps=$((taps + 1))
        sleep 0.$((2 + $(r 6)))
        sample busy
    done
    idle_until=$((SECONDS + 150))
    while [ "$SECONDS" -lt "$idle_until" ]; do
        sleep 5
        sample idle
    done
done
kill -0 "$APP" 2>/dev/null || { echo "the kiosk died" >&2; exit 1; }
{
    echo "minutes: $(((SECONDS - start) / 60))   rounds: $rounds   input actions: $taps"
    echo "binary: $BIN ($(stat -c %s "$BIN") bytes)"
    awk -F, 'NR > 1 { n++; if (n == 1 || $4 < lo) lo = $4; if ($4 > hi) hi = $4;
                     if (n <= 10) first += $4; last[n % 10] = $4 }
        END { for (i in last) l += last[i]; k = n < 10 ? n : 10;
              printf "PSS MiB: min %.1f, max %.1f, mean of the first %d samples %.1f, of the last %d %.1f\n",
                     lo / 1024, hi / 1024, k, first / k / 1024, k, l / k / 1024 }' "$OUT/memory.csv"
    scripts/soak-summary.sh "$OUT/memory.csv"
} | tee "$OUT/summary.txt"
echo "results in $OUT"
