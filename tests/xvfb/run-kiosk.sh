#!/usr/bin/env bash
# Starts the real storykiosk binary in --kiosk mode on a private Xvfb screen
# with a window manager and a private accessibility bus, then records what a
# visitor and a screen reader would find. Used by tests/xvfb.rs.
#
#   run-kiosk.sh BINARY OUT_DIR [WIDTHxHEIGHT]
#
# Writes to OUT_DIR: window.txt (xwininfo of the kiosk window), screen.png
# (a screenshot of the whole screen), app.log, and the accessibility tree
# (role<TAB>name per line) as a screen reader finds it at each step:
#   names.txt       after pressing "Touch the screen to begin";
#   amounts.txt     on the pledge form's amounts;
#   form.txt        on its details, with the keyboard open;
#   form-zh.txt     after pressing the language switch "中文";
#   amounts-zh.txt  the amounts in Chinese;
#   names-zh.txt    the story in Chinese;
# and sockets.txt, every socket() and connect() the app made (strace).
set -euo pipefail
bin=$1
out=$2
size=${3:-1920x1080}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"

# shellcheck source=session.sh
source "$here/session.sh" "$@"

# Every socket the app (and each of its threads) opens or connects, for the
# no-network check.
# Started without the allocator setting, as by hand: it restarts itself
# with it (allocator.txt: what its environment holds once running).
strace -f -qq -e trace=socket,connect -o "$out/sockets.txt" \
    env -u GLIBC_TUNABLES "$bin" --kiosk --data-dir "$out/data" >"$out/app.log" 2>&1 &
app=$!
pids+=($app)

title="25 Years of Justice"
for _ in $(seq 200); do
    xwininfo -name "$title" >/dev/null 2>&1 && break
    sleep 0.1
done
# Let it settle: fullscreen, the first slide faded in.
sleep 2
xwininfo -name "$title" > "$out/window.txt"
kiosk_pid=$(pgrep -x -n storykiosk -P "$app")  # strace's child
tr '\0' '\n' <"/proc/$kiosk_pid/environ" | grep '^GLIBC_TUNABLES=' >"$out/allocator.txt" || true
import -window root "$out/screen.png"
/usr/bin/python3 "$here/atspi_names.py" --timeout 30 \
    "press:Touch the screen to begin" "dump:$out/names.txt" \
    "press:Pledge" "dump:$out/amounts.txt" \
    "press:HK\$1,000" "press:Next" "press:Name" "dump:$out/form.txt" \
    "press:中文" "dump:$out/form-zh.txt" \
    "press:返回" "dump:$out/amounts-zh.txt" \
    "press:故事" "dump:$out/names-zh.txt"
kill -0 "$app"
