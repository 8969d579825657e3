#!/usr/bin/env bash
# The kiosk under cage, the Wayland kiosk compositor of kiosk-session.md,
# tried on this machine: cage (Debian 12's 0.1.4, wlroots 0.15) runs
# `storykiosk --kiosk` as a native Wayland client, and the check
#
#   1. finds the kiosk connected to cage's Wayland socket (not to Xwayland);
#   2. takes a screenshot of cage's output through Wayland (grim, over
#      wlr-screencopy) and checks it is the attract screen, not black;
#   3. clicks "Touch the screen to begin" with the pointer and takes a
#      second screenshot, which must differ (the story screen).
#
# cage runs on wlroots' X11 backend, inside a virtual X screen (Xvfb): its
# headless backend starts the app too, but on this machine with no GPU it
# renders with pixman and every screenshot of it comes back black ("Basic
# output test failed for HEADLESS-1"). Touch and pinch cannot be tried here:
# no Wayland protocol lets a program inject touch points, and Xvfb has no
# touch device; `VM_SESSION=cage packaging/vm-check.sh` tries them in a
# virtual machine (see kiosk-session.md, "Instead: Wayland with cage").
#
#   packaging/wayland-check.sh
#
# Needs (apt-get install): cage xwayland grim xvfb xdotool imagemagick;
# a release build (cargo build --release). cage refuses to run as root:
# as root, the check runs it as the user storykiosk-check (made if missing).
# Results in target/wayland-check/: report.txt, attract.png, story.png.
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=$PWD/target/wayland-check
rm -rf "$OUT"
mkdir -p "$OUT"
REPORT=$OUT/report.txt
: >"$REPORT"
failed=0
pass() { echo "PASS: $*" | tee -a "$REPORT"; }
fail() { echo "FAIL: $*" | tee -a "$REPORT"; failed=1; }
cargo build --release --bin storykiosk
W=$(mktemp -d /tmp/storykiosk-wayland-check.XXXXXX)
chmod 755 "$W"
cp target/release/storykiosk "$W/storykiosk"
mkdir -p "$W/run" "$W/data"
printf '(kiosk_id: "wall", event_id: "gala")\n' >"$W/data/kiosk.ron"
as_user=()
if [ "$(id -u)" -eq 0 ]; then
    id storykiosk-check >/dev/null 2>&1 || useradd --system --no-create-home storykiosk-check
    chown -R storykiosk-check "$W"
    as_user=(runuser -u storykiosk-check --)
fi
chmod 700 "$W/run" "$W/data"
DISPLAY_NUM=:84
Xvfb $DISPLAY_NUM -screen 0 1920x1080x24 -nolisten tcp -ac >/dev/null 2>&1 &
XV=$!
cleanup() {
    pkill -KILL -f "$W/storykiosk" 2>/dev/null
    kill "$XV" 2>/dev/null
    rm -rf "$W"
}
trap cleanup EXIT
sleep 1
echo "cage $(cage -v 2>&1 | awk '{print $NF}'); $(dpkg-query -W -f='wlroots ${Version}' libwlroots10 2>/dev/null)" | tee -a "$REPORT"
"${as_user[@]}" env DISPLAY=$DISPLAY_NUM XDG_RUNTIME_DIR="$W/run" WLR_BACKENDS=x11 \
    WLR_X11_OUTPUTS=1 WLR_LIBINPUT_NO_DEVICES=1 \
    cage -d -- "$W/storykiosk" --kiosk --data-dir "$W/data" >"$OUT/cage.log" 2>&1 &
disown
sleep 12
wl() { "${as_user[@]}" env XDG_RUNTIME_DIR="$W/run" WAYLAND_DISPLAY=wayland-0 "$@"; }

# 1. A Wayland client of cage's.
pid=$(pgrep -f "^$W/storykiosk" | head -n 1)
peer=$(ss -xp 2>/dev/null | awk -v p="pid=$pid," '$0 ~ p {print $6}' | head -n 1)
if [ -n "$pid" ] && ss -xp 2>/dev/null | grep "$W/run/wayland-0" | grep -q " $peer "; then
    pass "storykiosk (pid $pid) is connected to cage's Wayland socket $W/run/wayland-0"
else
    fail "storykiosk (pid ${pid:-none}) is not a client of cage's Wayland socket; cage said: $(tail -n 5 "$OUT/cage.log")"
fi

# 2. The attract screen, as cage shows it.
wl grim "$W/attract.png" && cp "$W/attract.png" "$OUT/attract.png"
size=$(identify -format '%wx%h' "$OUT/attract.png" 2>/dev/null)
colours=$(convert "$OUT/attract.png" -format '%k' info: 2>/dev/null)
if [ "${colours:-0}" -gt 100 ]; then
    pass "grim's screenshot of cage's $size output holds the kiosk ($colours colours)"
else
    fail "grim's screenshot is blank (${colours:-no} colours)"
fi

# 3. A click through cage (its X11 window is at the screen's top left).
read -r ow oh <<<"$(echo "$size" | tr x ' ')"
xdotool_at() { DISPLAY=$DISPLAY_NUM xdotool "$@"; }
xdotool_at mousemove $((ow / 2)) $((oh * 92 / 100))
sleep 0.3
xdotool_at mousedown 1
sleep 0.15
xdotool_at mouseup 1
sleep 3
wl grim "$W/story.png" && cp "$W/story.png" "$OUT/story.png"
diff=$(compare -metric AE "$OUT/attract.png" "$OUT/story.png" null: 2>&1)
if [ "${diff%% *}" -gt 10000 ] 2>/dev/null; then
    pass "a pointer click through cage left the attract screen ($diff pixels changed)"
else
    fail "the click changed ${diff:-no} pixels"
fi

if [ "$failed" = 0 ]; then echo "RESULT: all passed" | tee -a "$REPORT"; else echo "RESULT: some failed" | tee -a "$REPORT"; fi
[ "$failed" = 0 ]
