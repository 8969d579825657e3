#!/bin/sh
# Runs inside the virtual machine that `VM_SESSION=cage packaging/vm-check.sh`
# builds, as root, once the kiosk user is logged in on tty1 and runs cage
# as kiosk-session.md's Wayland section says: checks that storykiosk is
# cage's Wayland client on the machine's own display (DRM; the screenshots
# show what cage shows there), and that a touchscreen's taps and pinch
# reach it (a uinput touchscreen, packaging/vm-touch.py). Prints a report
# on the serial console and asks the host for screenshots ("SHOT name") and
# for comparisons of two of them ("COMPARE a b what"), which the host adds
# to the report. Helpers: vm-guest-lib.sh.
. /usr/local/lib/vm-check/lib.sh

echo "=== storykiosk vm check ==="
echo "kernel $(uname -r); $(systemctl --version | head -n 1)"
echo "package: $(dpkg-query -W -f='${Package} ${Version} ${Architecture}' storykiosk); $(dpkg-query -W -f='${Package} ${Version}' cage)"
echo "machine: $(uname -m), $(nproc) cores; waits x$SLOW"

if pid=$(wait_kiosk 120); then
    pass "the kiosk user's login on tty1 started cage and storykiosk (pid $pid), $(uptime_s) s after boot"
    echo "its parent: $(ps -o args= -p "$(ps -o ppid= -p "$pid" | tr -d ' ')")"
    echo "session: $(loginctl list-sessions --no-legend | tr -s ' ')"
else
    fail "no storykiosk of the kiosk user $((120 * SLOW)) s after boot"
    loginctl list-sessions --no-legend
    ps -u kiosk -o pid,args
fi
pause 10
if grep -q 'libwayland-client' "/proc/$pid/maps" && tr '\0' '\n' <"/proc/$pid/environ" | grep -q '^WAYLAND_DISPLAY='; then
    pass "storykiosk is a Wayland client of cage ($(tr '\0' '\n' <"/proc/$pid/environ" | grep '^WAYLAND_DISPLAY='))"
else
    fail "storykiosk is not talking Wayland"
fi
grep -q 'libX11' "/proc/$pid/maps" && echo "(libX11 is loaded too)"
echo "display: $(cat /sys/class/drm/card*-*/modes 2>/dev/null | head -n 1) on $(ls -d /sys/class/drm/card*-* | head -n 1 | xargs basename)"

# A visitor's fingers: begin, the Photos tab, the first photo, a pinch on
# it (vm-touch.py's "visit").
/usr/local/sbin/vm-touch 1920 1080 "$SLOW" shot cage-attract visit cage cage-attract ||
    fail "vm-touch.py failed"
kill -0 "$pid" 2>/dev/null && pass "storykiosk $pid is still running" || fail "storykiosk $pid is gone"

result
