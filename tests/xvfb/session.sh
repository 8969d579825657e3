# Sourced by run-kiosk.sh and drive.sh: a private session for one run of the
# real binary. Needs $0's arguments in "$@" (for the re-exec), $out and
# $size set. Starts, each private to this run so that runs side by side
# (cargo test's threads) never meet:
#   - a D-Bus session bus (dbus-run-session re-executes the caller in it);
#   - a runtime folder (XDG_RUNTIME_DIR), where the accessibility bus puts
#     its socket: a shared one lets one run's bus launcher replace
#     another's socket;
#   - the accessibility bus, switched on as a screen reader would;
#   - an X screen on a display number no other run holds ($DISPLAY), and
#     a window manager.
# Everything started is stopped on exit; add a process to "pids" to have it
# stopped too.

if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] || [ -z "${STORYKIOSK_IN_DBUS:-}" ]; then
    export STORYKIOSK_IN_DBUS=1
    exec dbus-run-session -- "$0" "$@"
fi

runtime=$(mktemp -d)
chmod 700 "$runtime"
export XDG_RUNTIME_DIR=$runtime

pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$runtime"
}
trap cleanup EXIT

/usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 50); do
    dbus-send --session --print-reply --dest=org.a11y.Bus /org/a11y/bus \
        org.freedesktop.DBus.Properties.Set string:org.a11y.Status string:IsEnabled variant:boolean:true \
        >/dev/null 2>&1 && break
    sleep 0.1
done

# An X screen on a display number no other run holds. Xvfb's -displayfd
# search alone is not enough when runs start side by side: without a lock
# file, a second server can take over the first one's socket path. So the
# number is chosen here, one run at a time (flock): the one after the last
# handed out (a number is not reused while the server that had it may
# still be going away), skipping any with a lock file, a socket file or an
# abstract socket still listening (/proc/net/unix). Xvfb then holds
# /tmp/.X<n>-lock itself, and the display must answer before the next run
# may choose. (tests/xvfb.rs starts its own servers with -displayfd, from
# 0 up.)
exec 6> /tmp/storykiosk-xvfb.lock
flock -w 120 6
next=$(cat /tmp/storykiosk-xvfb.next 2>/dev/null || true)
[[ "$next" =~ ^[0-9]+$ ]] || next=100
display=""
for i in $(seq 0 299); do
    n=$((100 + (next - 100 + i) % 300))
    if [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ] ||
        grep -q "/tmp/.X11-unix/X$n\$" /proc/net/unix; then
        continue
    fi
    : > "$out/display.txt"
    exec 5> "$out/display.txt"
    # -nopn: a server that cannot hold every socket of its number (one
    # going away still listening, say) exits, and the next number is tried.
    Xvfb ":$n" -displayfd 5 -nopn -screen 0 "${size}x24" -dpi 96 -nolisten tcp >/dev/null 2>&1 6>&- &
    xvfb=$!
    exec 5>&-
    for _ in $(seq 200); do
        if [ -s "$out/display.txt" ] || ! kill -0 "$xvfb" 2>/dev/null; then
            break
        fi
        sleep 0.05
    done
    if kill -0 "$xvfb" 2>/dev/null && xdpyinfo -display ":$n" >/dev/null 2>&1; then
        pids+=("$xvfb")
        display=":$n"
        echo "$((n + 1))" > /tmp/storykiosk-xvfb.next
        break
    fi
    kill "$xvfb" 2>/dev/null || true
done
flock -u 6
exec 6>&-
if [ -z "$display" ]; then
    echo "Xvfb did not start on any free display" >&2
    exit 1
fi
export DISPLAY=$display
matchbox-window-manager -use_titlebar no -use_cursor no >/dev/null 2>&1 &
pids+=($!)
export WINIT_X11_SCALE_FACTOR=1
