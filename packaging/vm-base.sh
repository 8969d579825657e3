# Sourced by packaging/vm-check.sh and scripts/power-cut.sh, from the
# repository's root: the Debian 12 system their virtual machines boot,
# built once with debootstrap and cached in target/vm/base, and the qemu
# acceleration to boot it with.
#
# Sets VM (target/vm), ARCH (VM_ARCH: amd64, the default, or arm64), BASE
# (the cached system) and ACCEL (qemu's arguments: software emulation,
# which works everywhere and boots amd64 in about a minute; VM_ACCEL=kvm on
# a host where KVM runs guests of its own architecture). Needs root and
# debootstrap; MIRROR names the Debian mirror. An arm64 system on another
# host is built through qemu-user: qemu-user-static registers qemu-aarch64
# with the kernel's binfmt_misc (done below if it is not), so debootstrap
# and chroot run the arm64 programs.

VM=$PWD/target/vm
ARCH=${VM_ARCH:-amd64}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
case "$ARCH" in
    amd64) BASE=$VM/base ;;
    arm64) BASE=$VM/base-arm64 ;;
    *) echo "VM_ARCH is amd64 or arm64, not $ARCH" >&2; exit 2 ;;
esac

if [ "$ARCH" = arm64 ] && [ "$(uname -m)" != aarch64 ] && [ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
    [ -e /proc/sys/fs/binfmt_misc/register ] ||
        mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
    # Debian's registration (the F flag opens the interpreter now, so it
    # also runs inside the chroot).
    cat /usr/lib/binfmt.d/qemu-aarch64.conf >/proc/sys/fs/binfmt_misc/register
fi

# The base system: Debian 12, its kernel, systemd, X, LightDM and the window
# manager, as the recipe installs them (apt install ./storykiosk_*.deb
# xserver-xorg xinit lightdm matchbox-window-manager x11-xserver-utils).
if [ ! -f "$BASE/.done" ]; then
    rm -rf "$BASE"
    debootstrap --include=systemd-sysv,linux-image-$ARCH,initramfs-tools,udev,dbus,\
libpam-systemd,dbus-user-session,xserver-xorg-core,xserver-xorg-input-libinput,xinit,lightdm,\
lightdm-gtk-greeter,matchbox-window-manager,x11-xserver-utils,x11-utils,xauth,\
libgl1-mesa-dri,libgl1,libegl1,libx11-xcb1,libxcursor1,libxi6,libxkbcommon-x11-0,\
libfontconfig1,procps,iproute2,psmisc \
        --arch="$ARCH" bookworm "$BASE" "$MIRROR"
    touch "$BASE/.done"
fi

ACCEL=(-accel tcg,thread=multi)
if [ "${VM_ACCEL:-}" = kvm ]; then
    ACCEL=(-accel kvm -cpu host)
fi
