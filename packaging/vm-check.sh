#!/usr/bin/env bash
# Tries the packaging for real: builds a fresh Debian 12 virtual machine,
# installs the .deb and sets it up exactly as kiosk-session.md says, boots it
# (qemu, with KVM when the host has it) under a real systemd, and checks:
#
#   1. LightDM logs the kiosk user into the storykiosk X session and the
#      kiosk is on screen, full screen (a screenshot of the VM's display);
#   2. screen blanking and DPMS are off in that session;
#   3. kill -9: the session script brings the kiosk back within seconds,
#      full screen; then a touchscreen (a uinput device made by
#      packaging/vm-touch.py) taps through to a photo and pinches it, and
#      each step must change the screen (the host compares screenshots);
#   4. the systemd user unit: `systemctl --user enable` hooks it to
#      graphical-session.target; a desktop-style session target starting
#      that target starts the kiosk; kill -9 and systemd restarts it
#      (NRestarts); it runs under a seccomp filter with no network address
#      family; stopping the session stops it;
#   5. how long `storykiosk validate` takes there (the machine's speed).
#
#   packaging/vm-check.sh [DEB]     # default: target/debian/storykiosk_*.deb
#   VM_ACCEL=kvm packaging/vm-check.sh   # with KVM
#   VM_ARCH=arm64 packaging/vm-check.sh target/arm64-check/storykiosk_*_arm64.deb
#   VM_SESSION=cage packaging/vm-check.sh   # Wayland: cage, and touch
#
# VM_SESSION=cage follows the recipe's Wayland section instead (cage
# started from the kiosk user's autologin on tty1, on the machine's own
# display through DRM and logind) and checks packaging/vm-cage-guest.sh's
# list: storykiosk is cage's Wayland client, and a touchscreen (a uinput
# device, packaging/vm-touch.py) taps through to a photo and pinches it;
# each step must change the screen (the host compares the screenshots).
#
# Needs root, debootstrap, qemu-system-x86 (qemu-system-arm and
# qemu-user-static for arm64), e2fsprogs and ImageMagick; downloads Debian
# packages (the first run takes a few minutes, arm64's about 20 minutes;
# the base system is cached in target/vm/base or base-arm64). Results:
# target/vm/run (run-arm64)/{serial.log,report.txt,*.png}.
# Exits 0 only if every check passed.
#
# arm64 boots qemu's "virt" board with a Cortex-A72 (a Raspberry Pi 4's
# core) and a virtio GPU at 1920x1080, emulated instruction by instruction
# on an x86_64 host: the guest's waits are VM_SLOW (default 6 for arm64
# without KVM) times longer, and the report says how long each step took.
set -euo pipefail
cd "$(dirname "$0")/.."
DEB=${1:-$(ls target/debian/storykiosk_*.deb | tail -n 1)}
# shellcheck source=vm-base.sh
source packaging/vm-base.sh
if [ "$ARCH" = arm64 ]; then
    RUN=$VM/run-arm64
    TTY=ttyAMA0
    QEMU_MACHINE=(qemu-system-aarch64 -M virt -device virtio-gpu-pci,xres=1920,yres=1080)
    if [ "${VM_ACCEL:-}" = kvm ]; then
        SLOW=${VM_SLOW:-1}
    else
        SLOW=${VM_SLOW:-6}
        QEMU_MACHINE+=(-cpu cortex-a72)
    fi
else
    RUN=$VM/run
    TTY=ttyS0
    SLOW=${VM_SLOW:-1}
    QEMU_MACHINE=(qemu-system-x86_64 -device VGA,edid=on,xres=1920,yres=1080)
fi
SESSION=${VM_SESSION:-x11}
case "$SESSION" in
    x11) ;;
    cage)
        RUN=$RUN-cage
        # Debian 12's cage (wlroots 0.15) drives only a display that can
        # import buffers (DRM PRIME); QEMU's standard VGA cannot.
        [ "$ARCH" = amd64 ] && QEMU_MACHINE=(qemu-system-x86_64 -vga none -device virtio-gpu-pci,xres=1920,yres=1080)
        ;;
    *) echo "VM_SESSION is x11 or cage, not $SESSION" >&2; exit 2 ;;
esac
rm -rf "$RUN"
mkdir -p "$RUN"

ROOT=$RUN/root
cp -a "$BASE" "$ROOT"
rm -f "$ROOT/.done"
in_root() { chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"; }

# The package, and the recipe's steps (kiosk-session.md, sections 1 and 2).
cp "$DEB" "$ROOT/tmp/storykiosk.deb"
in_root dpkg -i /tmp/storykiosk.deb
in_root adduser --disabled-password --gecos "" kiosk >/dev/null
GUEST=packaging/vm-check-guest.sh
TARGET=graphical.target
# The touchscreen of the checks (packaging/vm-touch.py) needs python3-evdev.
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
in_root apt-get install -y -q --no-install-recommends python3-evdev >/dev/null
install -m 0755 packaging/vm-touch.py "$ROOT/usr/local/sbin/vm-touch"
if [ "$SESSION" = cage ]; then
    # The recipe's Wayland section: cage, started in a loop from the kiosk
    # user's autologin on tty1; polkitd lets logind hand cage the display.
    in_root apt-get install -y -q --no-install-recommends cage xwayland polkitd >/dev/null
    mkdir -p "$ROOT/etc/systemd/system/getty@tty1.service.d"
    cat >"$ROOT/etc/systemd/system/getty@tty1.service.d/autologin.conf" <<'EOF'
[Service]
ExecStart=
ExecStart=-/sbin/agetty --autologin kiosk --noclear %I $TERM
EOF
    cat >"$ROOT/home/kiosk/.bash_profile" <<'EOF'
if [ "$(tty)" = /dev/tty1 ]; then
    while true; do cage -- storykiosk --kiosk; sleep 2; done
fi
EOF
    in_root chown kiosk:kiosk /home/kiosk/.bash_profile
    # The VM's emulated graphics have no GPU (wlroots' GL renderer finds
    # none and cage exits): wlroots draws with its pixman renderer.
    echo WLR_RENDERER=pixman >>"$ROOT/etc/environment"
    GUEST=packaging/vm-cage-guest.sh
    TARGET=multi-user.target
fi
mkdir -p "$ROOT/etc/lightdm/lightdm.conf.d"
cat >"$ROOT/etc/lightdm/lightdm.conf.d/50-storykiosk.conf" <<'EOF'
[Seat:*]
autologin-user=kiosk
autologin-session=storykiosk
xserver-command=X -s 0 -dpms -nocursor
EOF
in_root systemctl set-default "$TARGET" >/dev/null
# LightDM autologin needs the user in the autologin group on Debian.
in_root groupadd -r autologin 2>/dev/null || true
in_root gpasswd -a kiosk autologin >/dev/null

# The machine itself: its disk, a name, no root password, how much slower
# than native it runs, and the check below run once the graphical target
# is up; it powers the machine off when done.
echo "/dev/vda / ext4 defaults 0 1" >"$ROOT/etc/fstab"
echo kiosk-vm >"$ROOT/etc/hostname"
in_root passwd -d root >/dev/null
install -m 0755 "$GUEST" "$ROOT/usr/local/sbin/vm-check-guest"
install -D -m 0644 packaging/vm-guest-lib.sh "$ROOT/usr/local/lib/vm-check/lib.sh"
echo "$SLOW" >"$ROOT/etc/vm-check-slow"
cat >"$ROOT/etc/systemd/system/vm-check.service" <<EOF
[Unit]
Description=storykiosk packaging check
After=$TARGET
[Service]
Type=oneshot
ExecStart=/usr/local/sbin/vm-check-guest
StandardOutput=tty
StandardError=tty
TTYPath=/dev/$TTY
ExecStopPost=/usr/bin/systemctl poweroff
[Install]
WantedBy=$TARGET
EOF
in_root systemctl enable vm-check.service >/dev/null 2>&1
# The console is the report's: no login prompt hanging it up.
in_root systemctl mask "serial-getty@$TTY.service" >/dev/null 2>&1

KERNEL=$(ls "$ROOT"/boot/vmlinuz-* | tail -n 1)
INITRD=$(ls "$ROOT"/boot/initrd.img-* | tail -n 1)
cp "$KERNEL" "$RUN/vmlinuz"
cp "$INITRD" "$RUN/initrd.img"
mkfs.ext4 -q -F -L root -d "$ROOT" "$RUN/disk.img" 6G
rm -rf "$ROOT"

echo "booting $ARCH with ${ACCEL[*]}"
boot_s=$SECONDS
"${QEMU_MACHINE[@]}" "${ACCEL[@]}" -smp 2 -m 3072 \
    -kernel "$RUN/vmlinuz" -initrd "$RUN/initrd.img" \
    -append "root=/dev/vda rw console=$TTY quiet" \
    -drive file="$RUN/disk.img",format=raw,if=virtio \
    -display none \
    -nic none \
    -serial file:"$RUN/serial.log" \
    -monitor unix:"$RUN/monitor.sock",server,nowait \
    -no-reboot &
QEMU=$!

# The guest asks for screenshots by printing "SHOT name" on its console.
monitor() {
    python3 - "$RUN/monitor.sock" "$1" <<'EOF'
import socket, sys, time
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall(("screendump %s\n" % sys.argv[2]).encode())
time.sleep(1)
s.close()
EOF
}
shots=0
deadline=$((SECONDS + ${VM_TIMEOUT_S:-$((1500 * SLOW))}))
while kill -0 "$QEMU" 2>/dev/null; do
    if [ "$SECONDS" -gt "$deadline" ]; then
        echo "timed out; the console says:" >&2
        tail -n 40 "$RUN/serial.log" >&2
        kill "$QEMU"
        exit 1
    fi
    n=$(grep -c '^SHOT ' "$RUN/serial.log" 2>/dev/null || true)
    while [ "${n:-0}" -gt "$shots" ]; do
        shots=$((shots + 1))
        name=$(grep '^SHOT ' "$RUN/serial.log" | sed -n "${shots}p" | awk '{print $2}' | tr -dc 'a-z0-9-')
        monitor "$RUN/$name.ppm"
        /usr/bin/convert "$RUN/$name.ppm" "$RUN/$name.png" 2>/dev/null && rm -f "$RUN/$name.ppm"
        echo "screenshot $RUN/$name.png"
    done
    sleep 1
done
{
    tr -d '\r' <"$RUN/serial.log" | sed -n '/^=== storykiosk vm check ===/,/^=== end ===/p'
    # "COMPARE a b what": what happened between screenshots a and b must
    # have changed at least 1 % of the screen.
    tr -d '\r' <"$RUN/serial.log" | grep '^COMPARE ' | while read -r _ a b what; do
        # ImageMagick prints the count as "1.49498e+06".
        px=$( (/usr/bin/compare -metric AE "$RUN/$a.png" "$RUN/$b.png" /dev/null 2>&1 || true) | awk '{ printf "%d", $1 }')
        if [ -n "$px" ] && [ "$px" -ge 20736 ]; then
            echo "PASS: $what changed the screen ($px pixels, $a -> $b)"
        else
            echo "FAIL: $what changed ${px:-no} pixels of the screen ($a -> $b)"
        fi
    done
    echo "host: $ARCH guest under ${QEMU_MACHINE[0]} ${ACCEL[*]}, $(nproc) host cores; boot to power-off $((SECONDS - boot_s)) s"
} >"$RUN/report.txt"
# The guest's RESULT does not count the screenshots' comparisons: this does.
if grep -q '^RESULT: all passed' "$RUN/report.txt" && ! grep -q '^FAIL' "$RUN/report.txt"; then
    echo "OVERALL: all passed" >>"$RUN/report.txt"
else
    echo "OVERALL: some failed" >>"$RUN/report.txt"
fi
cat "$RUN/report.txt"
grep -q '^OVERALL: all passed' "$RUN/report.txt"
