#!/bin/bash
# The real binary under Xvfb (cargo build --release first): paddle entry
# unlocked and typed with xdotool, a level clicked (LEVEL_X, LEVEL_Y), then
# the total screen on the same data folder, and again in high contrast;
# screenshots to target/look-gala/. SIZE=3840x2160x24 for a 4K screen.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$ROOT/target/release/storykiosk}
PACK=${PACK:-$ROOT/tests/packs/banco-alimentos}
OUT=${OUT:-$ROOT/target/look-gala}; rm -rf "$OUT"; mkdir -p "$OUT"
D=$(mktemp -d); chmod 700 $D
echo 2468 | $BIN --data-dir $D set-pin >/dev/null
export DISPLAY=:77 WINIT_X11_SCALE_FACTOR=1
Xvfb :77 -screen 0 ${SIZE:-1920x1080x24} -nolisten tcp >/dev/null 2>&1 &
XV=$!; sleep 1
matchbox-window-manager -use_titlebar no -use_cursor no >/dev/null 2>&1 &
WM=$!; sleep 0.5
$BIN --paddle-entry --content $PACK --data-dir $D > $OUT/paddle.log 2>&1 &
P=$!
# Typing only once the window is there and drawn (a loaded machine starts it
# late, and keys sent before are lost).
timeout 30 xdotool search --sync --onlyvisible --name "${TITLE:-Ronda de paletas}" >/dev/null; sleep 2
shot() { import -window root $OUT/$1.png; }
shot paddle-locked
for d in 2 4 6 8; do xdotool key $d; sleep 0.3; done; xdotool key Return; sleep 4
shot paddle-open
# the first level button: found from the accessible layout (left column, first button)
xdotool mousemove ${LEVEL_X:-300} ${LEVEL_Y:-345} click 1; sleep 0.5
for n in 42 7 118; do xdotool type --delay 60 $n; xdotool key Return; sleep 0.4; done
sleep 1; shot paddle-entries
kill $P; wait $P 2>/dev/null
$BIN --total-screen --content $PACK --data-dir $D > $OUT/total.log 2>&1 &
T=$!; sleep 5
shot total-still
xdotool key c; sleep 1; shot total-contrast; xdotool key c
kill $T; wait $T 2>/dev/null
kill $WM $XV
echo "data: $D"
