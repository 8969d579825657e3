# Sourced by the checks that run inside packaging/vm-check.sh's virtual
# machine (vm-check-guest.sh, vm-cage-guest.sh): the report's PASS and
# FAIL lines, screenshots, and waits that are /etc/vm-check-slow times
# longer (the host writes 6 there for an emulated arm64 machine).
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
SLOW=$(cat /etc/vm-check-slow 2>/dev/null || echo 1)
# Sleeps $1 seconds, SLOW times over.
pause() { sleep $(($1 * SLOW)); }
failed=0
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; failed=1; }
shot() { echo "SHOT $1"; sleep 6; }
# Seconds since boot, for the report's timings.
uptime_s() { cut -d' ' -f1 /proc/uptime; }
# Waits up to $1 seconds (SLOW times over) for a storykiosk of the kiosk
# user other than $2, and prints its pid.
wait_kiosk() {
    i=0
    while [ "$i" -lt $(($1 * SLOW)) ]; do
        p=$(pgrep -u kiosk -x storykiosk | grep -vx "${2:-none}" | head -n 1)
        [ -n "$p" ] && { echo "$p"; return 0; }
        sleep 1
        i=$((i + 1))
    done
    return 1
}
# The last line of the report: whether every check in this machine passed.
result() {
    if [ "$failed" = 0 ]; then echo "RESULT: all passed"; else echo "RESULT: some failed"; fi
    echo "=== end ==="
}
