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

if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] || [ -z "${STORYKIOSK_IN_DBUS:-}" ]; then
    export STORYKIOSK_IN_DBUS=1
    exec dbus-run-session -- "$0" "$@"
fi

pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup EXIT

# The accessibility bus, switched on as a screen reader would.
/usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 50); do
    dbus-send --session --print-reply --dest=org.a11y.Bus /org/a11y/bus \
        org.freedesktop.DBus.Properties.Set string:org.a11y.Status string:IsEnabled variant:boolean:true \
        >/dev/null 2>&1 && break
    sleep 0.1
done

# A private X screen on a free display number, and a window manager.
exec 5> "$out/display.txt"
Xvfb -displayfd 5 -screen 0 "${size}x24" -dpi 96 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -s "$out/display.txt" ] && break; sleep 0.05; done
export DISPLAY=":$(head -n1 "$out/display.txt")"
matchbox-window-manager -use_titlebar no -use_cursor no >/dev/null 2>&1 &
pids+=($!)

export WINIT_X11_SCALE_FACTOR=1
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
