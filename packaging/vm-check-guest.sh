#!/bin/sh
# Runs inside the virtual machine that packaging/vm-check.sh builds, as root,
# once graphical.target is up: checks the kiosk session and the systemd user
# unit for real, prints a report on the serial console, and asks the host
# for screenshots with "SHOT name" lines (helpers: vm-guest-lib.sh).
. /usr/local/lib/vm-check/lib.sh
# The CPU time process $1 has used, in seconds.
cpu_s() { awk -v t="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$1/stat"; }
# The kiosk's top-level window: "PID WIDTHxHEIGHT+X+Y" (the process that
# owns it, from _NET_WM_PID, and where it is), or nothing.
kiosk_window() {
    w=$(xwininfo -root -tree | grep -a '"storykiosk")' | head -n 1 |
        awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+x[0-9]+[+-][0-9]+[+-][0-9]+$/) { print $1, $i; exit } }')
    [ -n "$w" ] || return 0
    echo "$(xprop -id "${w% *}" _NET_WM_PID | awk '{ print $NF }') ${w#* }"
}

echo "=== storykiosk vm check ==="
echo "kernel $(uname -r); $(systemctl --version | head -n 1)"
echo "package: $(dpkg-query -W -f='${Package} ${Version} ${Architecture}' storykiosk)"
echo "machine: $(uname -m), $(nproc) cores; waits x$SLOW; graphical.target up $(uptime_s) s after boot"
uid=$(id -u kiosk)

# 1. LightDM's autologin into the storykiosk session.
if pid=$(wait_kiosk 120); then
    pass "LightDM autologin started storykiosk (pid $pid) in the kiosk user's session, $(uptime_s) s after boot"
else
    fail "no storykiosk process $((120 * SLOW)) s after graphical.target"
    systemctl status lightdm --no-pager | tail -n 20
fi
ps -o pid,user,args --ppid "$(ps -o ppid= -p "$pid" | tr -d ' ')" 2>/dev/null || true
echo "session: $(loginctl list-sessions --no-legend | tr -s ' ')"
pause 8 # let it draw its first screens
export DISPLAY=:0 XAUTHORITY=/var/run/lightdm/root/:0
xwininfo -root -tree | grep -a -i storykiosk | head -n 3
win=$(kiosk_window)
geom=${win#* }
echo "kiosk window (pid, where): $win"
case "$geom" in
    1920x1080+0+0) pass "the kiosk window covers the whole 1920x1080 screen" ;;
    *) fail "the kiosk window is $geom, not the whole screen" ;;
esac
shot session-attract
# What the attract screen costs: its slides change every few seconds.
c0=$(cpu_s "$pid")
sleep 60
echo "the kiosk used $(awk -v a="$c0" -v b="$(cpu_s "$pid")" 'BEGIN { printf "%.2f", b - a }') s of CPU in 60 s on the attract screen ($(cpu_s "$pid") s since it started)"

# 2. No blanking, no DPMS.
xset q >/tmp/xset.txt 2>&1
sed -n '/Screen Saver/,/cycle/p;/DPMS (Energy Star)/,$p' /tmp/xset.txt
grep -q 'timeout:  0' /tmp/xset.txt && pass "screen saver timeout 0" || fail "screen saver still set"
if grep -q 'DPMS is Disabled' /tmp/xset.txt; then
    pass "DPMS disabled"
elif grep -q 'does not have the DPMS Extension' /tmp/xset.txt; then
    pass "no DPMS in this X server (nothing can power the screen down)"
else
    fail "DPMS not disabled"
fi

# 3. A crash: the session script restarts it.
t0=$(date +%s.%N)
kill -KILL "$pid"
if new=$(wait_kiosk 15 "$pid"); then
    t1=$(date +%s.%N)
    pass "after kill -9 of $pid the session brought storykiosk back as $new in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s"
    i=0
    while [ "$i" -lt $((30 * SLOW)) ]; do
        nwin=$(kiosk_window)
        case "$nwin" in "$new 1920x1080+0+0") break ;; esac
        sleep 0.5
        i=$((i + 1))
    done
    t2=$(date +%s.%N)
    case "$nwin" in
        "$new 1920x1080+0+0") pass "the window of $new covers the screen $(awk -v a="$t0" -v b="$t2" 'BEGIN { printf "%.1f", b - a }') s after the kill" ;;
        *) fail "no full-screen window of $new $((15 * SLOW)) s after the kill (pid, where: $nwin)" ;;
    esac
else
    fail "storykiosk not back $((15 * SLOW)) s after kill -9"
fi
pause 8
shot session-after-kill

# A visitor's fingers on a touchscreen (a uinput device, vm-touch.py):
# begin, the Photos tab, the first photo, a pinch on it (vm-touch.py's
# "visit"). The host compares the screenshots.
/usr/local/sbin/vm-touch 1920 1080 "$SLOW" visit touch session-after-kill ||
    fail "vm-touch.py failed"

# 4. The systemd user unit, as a desktop session uses it: the session's
# target binds graphical-session.target, which wants the enabled unit.
# The X session above is stopped first (one kiosk at a time).
loginctl enable-linger kiosk
systemctl stop lightdm
pause 3
pkill -u kiosk -x storykiosk 2>/dev/null
X :0 vt7 -s 0 -dpms -nocursor -ac >/tmp/x.log 2>&1 &
pause 4
matchbox-window-manager -use_titlebar no -use_cursor no &
as_kiosk() {
    runuser -u kiosk -- env XDG_RUNTIME_DIR=/run/user/$uid \
        DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/$uid/bus "$@"
}
as_kiosk systemctl --user import-environment 2>/dev/null || true
as_kiosk systemctl --user set-environment DISPLAY=:0
as_kiosk systemctl --user enable storykiosk.service 2>&1
state=$(as_kiosk systemctl --user is-enabled storykiosk.service)
[ "$state" = enabled ] && pass "systemctl --user enable storykiosk.service: $state" || fail "is-enabled says $state"
ls /usr/lib/systemd/user/storykiosk.service >/dev/null && pass "the .deb installed /usr/lib/systemd/user/storykiosk.service"
mkdir -p /home/kiosk/.config/systemd/user
cat >/home/kiosk/.config/systemd/user/test-desktop.target <<'EOF'
[Unit]
Description=A desktop session, as GNOME's session target is
BindsTo=graphical-session.target
EOF
chown -R kiosk:kiosk /home/kiosk/.config
as_kiosk systemctl --user daemon-reload
as_kiosk systemctl --user start test-desktop.target
pause 6
state=$(as_kiosk systemctl --user is-active storykiosk.service)
[ "$state" = active ] && pass "graphical-session.target started the enabled unit: $state" || {
    fail "the unit is $state after the session target started"
    as_kiosk systemctl --user status storykiosk.service --no-pager | tail -n 20
}
upid=$(as_kiosk systemctl --user show -p MainPID --value storykiosk.service)
echo "unit main pid $upid: $(ps -o args= -p "$upid")"
grep -E '^(Seccomp|NoNewPrivs):' "/proc/$upid/status"
[ "$(awk '/^Seccomp:/{print $2}' "/proc/$upid/status")" = 2 ] && pass "the unit's kiosk runs under a seccomp filter (RestrictAddressFamilies)" || fail "no seccomp filter"
[ "$(awk '/^NoNewPrivs:/{print $2}' "/proc/$upid/status")" = 1 ] && pass "NoNewPrivileges is in force" || fail "NoNewPrivs not set"
echo "GLIBC_TUNABLES in its environment: $(tr '\0' '\n' <"/proc/$upid/environ" | grep GLIBC_TUNABLES)"
echo "umask: $(awk '/^Umask:/{print $2}' "/proc/$upid/status")"
pause 6
shot unit-attract
kill -KILL "$upid"
pause 5
restarts=$(as_kiosk systemctl --user show -p NRestarts --value storykiosk.service)
npid=$(as_kiosk systemctl --user show -p MainPID --value storykiosk.service)
state=$(as_kiosk systemctl --user is-active storykiosk.service)
if [ "$state" = active ] && [ "$restarts" -ge 1 ] && [ "$npid" != "$upid" ]; then
    pass "after kill -9 systemd restarted it: NRestarts=$restarts, pid $upid -> $npid"
else
    fail "after kill -9: state $state, NRestarts=$restarts, pid $npid"
fi
as_kiosk journalctl --user -u storykiosk.service --no-pager -n 8 2>/dev/null | tail -n 8
as_kiosk systemctl --user stop test-desktop.target
pause 4
state=$(as_kiosk systemctl --user is-active storykiosk.service)
[ "$state" != active ] && pass "ending the session stopped the unit (PartOf): $state" || fail "the unit outlived its session"

# 5. How fast this machine runs the kiosk's own code, with no kiosk on
# screen: checking the bundled pack (its RON files, strings and images),
# the median of 3, to set beside the same command on other machines.
if as_kiosk storykiosk export-pack /tmp/pack >/dev/null; then
    times=""
    for n in 1 2 3; do
        t0=$(date +%s.%N)
        as_kiosk storykiosk validate /tmp/pack >/dev/null || fail "storykiosk validate of the exported pack exited with $?"
        times="$times $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')"
    done
    echo "storykiosk validate of the bundled pack: $(echo $times | tr ' ' '\n' | sort -n | sed -n 2p) s, the median of$times"
else
    fail "storykiosk export-pack exited with $?"
fi

result
