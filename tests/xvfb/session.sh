# Sourced by run-kiosk.sh and drive.sh: a private session for one run of the
# real binary. Needs $0's arguments in "$@" (for the re-exec), $out and
# $size set. Starts, each private to this run so that runs side by side
# (cargo test's threads) never meet:
#   - a D-Bus session bus (dbus-run-session re-executes the caller in it);
#   - a runtime folder (XDG_RUNTIME_DIR), where the accessibility bus puts
#     its socket: a shared one lets one run's bus launcher replace
#     another's socket;
#   - the accessibility bus, switched on as a screen reader would;
#   - an X screen on a free display number ($DISPLAY), and a window manager.
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

exec 5> "$out/display.txt"
Xvfb -displayfd 5 -screen 0 "${size}x24" -dpi 96 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -s "$out/display.txt" ] && break; sleep 0.05; done
if ! [ -s "$out/display.txt" ]; then
    echo "Xvfb did not start" >&2
    exit 1
fi
export DISPLAY=":$(head -n1 "$out/display.txt")"
matchbox-window-manager -use_titlebar no -use_cursor no >/dev/null 2>&1 &
pids+=($!)
export WINIT_X11_SCALE_FACTOR=1
