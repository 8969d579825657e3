#!/usr/bin/env bash
# Starts the real storykiosk binary in --kiosk mode on a private Xvfb screen
# with a window manager and a private accessibility bus, then drives it the
# way a screen reader would (tests/xvfb/atspi_names.py), taking screenshots
# on the way. Used by tests/xvfb.rs.
#
#   drive.sh BINARY OUT_DIR WIDTHxHEIGHT DATA_DIR PACK_DIR STEP...
#
# Each STEP is one of atspi_names.py's (press:NAME, dump:FILE) or
# shot:FILE, a screenshot of the whole screen. The app's output goes to
# OUT_DIR/app.log.
set -euo pipefail
bin=$1
out=$2
size=$3
data=$4
pack=$5
shift 5
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"

# shellcheck source=session.sh
source "$here/session.sh" "$bin" "$out" "$size" "$data" "$pack" "$@"

"$bin" --kiosk --content "$pack" --data-dir "$data" >"$out/app.log" 2>&1 &
app=$!
pids+=($app)

# The window is up once it is named (after the pack's title).
for _ in $(seq 200); do
    [ -n "$(xwininfo -root -children 2>/dev/null | grep -v 'has no name' | grep -c '"' || true)" ] && break
    sleep 0.1
done
sleep 3
if ! kill -0 "$app" 2>/dev/null; then
    # What the X side looked like when the app could not stay up.
    {
        echo "drive.sh: the app stopped on $DISPLAY; its X server's sockets:"
        grep "X11-unix/X${DISPLAY#:}" /proc/net/unix || echo "  (none listening)"
        xdpyinfo >/dev/null 2>&1 && echo "  and $DISPLAY answers" || echo "  and $DISPLAY does not answer"
    } >&2
    exit 1
fi

batch=()
run_batch() {
    if [ ${#batch[@]} -gt 0 ]; then
        /usr/bin/python3 "$here/atspi_names.py" --timeout 30 "${batch[@]}"
        batch=()
    fi
}
for step in "$@"; do
    case "$step" in
        shot:*)
            run_batch
            sleep 1
            import -window root "${step#shot:}"
            ;;
        *) batch+=("$step") ;;
    esac
done
run_batch
kill -0 "$app"
