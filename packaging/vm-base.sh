# Sourced by packaging/vm-check.sh and scripts/power-cut.sh, from the
# repository's root: the Debian 12 system their virtual machines boot,
# built once with debootstrap and cached in target/vm/base, and the qemu
# acceleration to boot it with.
#
# Sets VM (target/vm), BASE (the cached system) and ACCEL (qemu's
# arguments: software emulation, which works everywhere and boots in about
# a minute; VM_ACCEL=kvm on a host where KVM runs guests). Needs root and
# debootstrap; MIRROR names the Debian mirror.

VM=$PWD/target/vm
BASE=$VM/base
MIRROR=${MIRROR:-http://deb.debian.org/debian}

# The base system: Debian 12, its kernel, systemd, X, LightDM and the window
# manager, as the recipe installs them (apt install ./storykiosk_*.deb
# xserver-xorg xinit lightdm matchbox-window-manager x11-xserver-utils).
if [ ! -f "$BASE/.done" ]; then
    rm -rf "$BASE"
    debootstrap --include=systemd-sysv,linux-image-amd64,initramfs-tools,udev,dbus,\
libpam-systemd,dbus-user-session,xserver-xorg-core,xserver-xorg-input-libinput,xinit,lightdm,\
lightdm-gtk-greeter,matchbox-window-manager,x11-xserver-utils,x11-utils,xauth,\
libgl1-mesa-dri,libgl1,libegl1,libx11-xcb1,libxcursor1,libxi6,libxkbcommon-x11-0,\
libfontconfig1,procps,iproute2,psmisc \
        bookworm "$BASE" "$MIRROR"
    touch "$BASE/.done"
fi

ACCEL=(-accel tcg,thread=multi)
if [ "${VM_ACCEL:-}" = kvm ]; then
    ACCEL=(-accel kvm -cpu host)
fi
