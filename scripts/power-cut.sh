#!/usr/bin/env bash
# Proves that a pledge the kiosk has thanked someone for survives a power
# cut, the way SQLite's own testing does: not a killed process (the
# operating system's page cache survives that) but a machine whose power
# goes. A Debian 12 virtual machine (the one packaging/vm-check.sh builds)
# takes pledges without pause through the kiosk's own store thread
# (examples/power_cut_guest.rs), printing "ACK <reference>" on its serial
# console the moment each is committed, the moment the kiosk would show the
# thank-you. The host kills the emulator (SIGKILL: the guest's memory, its
# page cache included, is gone) at a random moment, boots the machine again,
# and the guest reports SQLite's integrity check and every pledge its store
# holds. Every pledge acknowledged before any cut must be there.
#
#   scripts/power-cut.sh                # 20 cuts
#   CUTS=50 VM_ACCEL=kvm scripts/power-cut.sh
#
# Needs root, debootstrap, qemu-system-x86 and e2fsprogs. Results:
# target/vm/power-cut/{boot-N.log,report.txt}. Exits 0 only if no
# acknowledged pledge was lost and every integrity check said "ok".
set -euo pipefail
cd "$(dirname "$0")/.."
CUTS=${CUTS:-20}
# shellcheck source=../packaging/vm-base.sh
source packaging/vm-base.sh
RUN=$VM/power-cut
rm -rf "$RUN"
mkdir -p "$RUN"

cargo build --example power_cut_guest
ROOT=$RUN/root
cp -a "$BASE" "$ROOT"
rm -f "$ROOT/.done"
in_root() { chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"; }
install -m 0755 target/debug/examples/power_cut_guest "$ROOT/usr/local/bin/power-cut-guest"
cat >"$ROOT/etc/systemd/system/power-cut.service" <<'EOF'
[Unit]
Description=storykiosk power-cut guest
After=local-fs.target
[Service]
ExecStart=/usr/local/bin/power-cut-guest /var/lib/storykiosk
StandardOutput=tty
StandardError=tty
TTYPath=/dev/ttyS0
[Install]
WantedBy=multi-user.target
EOF
in_root systemctl enable power-cut.service >/dev/null 2>&1
in_root systemctl set-default multi-user.target >/dev/null
in_root systemctl mask serial-getty@ttyS0.service >/dev/null 2>&1
echo "/dev/vda / ext4 defaults 0 1" >"$ROOT/etc/fstab"
echo power-cut-vm >"$ROOT/etc/hostname"
cp "$(ls "$ROOT"/boot/vmlinuz-* | tail -n 1)" "$RUN/vmlinuz"
cp "$(ls "$ROOT"/boot/initrd.img-* | tail -n 1)" "$RUN/initrd.img"
mkfs.ext4 -q -F -L root -d "$ROOT" "$RUN/disk.img" 4G
rm -rf "$ROOT"

# Boots the machine with its console in $RUN/boot-$1.log; sets QEMU.
boot() {
    qemu-system-x86_64 "${ACCEL[@]}" -smp 2 -m 1024 \
        -kernel "$RUN/vmlinuz" -initrd "$RUN/initrd.img" \
        -append "root=/dev/vda rw console=ttyS0 quiet loglevel=0 systemd.show_status=0" \
        -drive file="$RUN/disk.img",format=raw,if=virtio \
        -display none -nic none -no-reboot \
        -serial file:"$RUN/boot-$1.log" &
    QEMU=$!
}

# Waits until boot $1's console has a line matching $2 (grep -E), or fails.
wait_for() {
    local deadline=$((SECONDS + ${VM_TIMEOUT_S:-600}))
    until tr -d '\r' 2>/dev/null <"$RUN/boot-$1.log" | grep -Eq "$2"; do
        if [ "$SECONDS" -gt "$deadline" ] || ! kill -0 "$QEMU" 2>/dev/null; then
            echo "boot $1: no \"$2\" on the console; it says:" >&2
            tail -n 30 "$RUN/boot-$1.log" >&2
            kill -9 "$QEMU" 2>/dev/null || true
            exit 1
        fi
        sleep 0.2
    done
}

report=$RUN/report.txt
echo "power cuts: $CUTS, qemu ${ACCEL[*]}" | tee "$report"
: >"$RUN/acked.txt"
lost_total=0
checks_ok=0
for i in $(seq 0 "$CUTS"); do
    boot "$i"
    wait_for "$i" '^CHECK done'
    log=$RUN/boot-$i.log
    tr -d '\r' <"$log" | sed -n 's/^HAVE \([0-9A-Z]\{3\}-[0-9A-Z]\{3\}\)$/\1/p' | sort -u >"$RUN/have-$i.txt"
    rows=$(tr -d '\r' <"$log" | sed -n 's/^CHECK rows=\([0-9]*\)$/\1/p' | head -n 1)
    integrity=$(tr -d '\r' <"$log" | sed -n 's/^CHECK integrity=\(.*\)$/\1/p' | head -n 1)
    have=$(wc -l <"$RUN/have-$i.txt")
    sort -u "$RUN/acked.txt" -o "$RUN/acked.txt"
    acked=$(wc -l <"$RUN/acked.txt")
    lost=$(comm -23 "$RUN/acked.txt" "$RUN/have-$i.txt" | wc -l)
    if [ "$i" -gt 0 ] && [ "$integrity" = ok ]; then
        checks_ok=$((checks_ok + 1))
    fi
    if [ "$i" -gt 0 ] && [ "$integrity" != ok ]; then
        echo "boot $i: integrity check said: $integrity" | tee -a "$report"
    fi
    if [ "${rows:-0}" != "$have" ]; then
        echo "boot $i: the store reported $rows rows but the console carried $have" | tee -a "$report"
        lost_total=$((lost_total + 1))
    fi
    lost_total=$((lost_total + lost))
    if [ "$i" -eq "$CUTS" ]; then
        kill -9 "$QEMU"
        wait "$QEMU" 2>/dev/null || true
        echo "boot $i (after the last cut): store $have pledges, acknowledged before it $acked, lost $lost, integrity $integrity" | tee -a "$report"
        break
    fi
    # Pledges are being taken; the power goes at a random moment.
    wait_for "$i" '^ACK '
    sleep "$((RANDOM % 4)).$((RANDOM % 10))"
    kill -9 "$QEMU"
    wait "$QEMU" 2>/dev/null || true
    tr -d '\r' <"$log" | sed -n 's/^ACK \([0-9A-Z]\{3\}-[0-9A-Z]\{3\}\)$/\1/p' >>"$RUN/acked.txt"
    new=$(tr -d '\r' <"$log" | grep -c '^ACK ' || true)
    echo "boot $i: store $have pledges (integrity $integrity), acknowledged before it $acked, lost $lost; then $new acknowledged and the power cut" | tee -a "$report"
done
echo "RESULT: $CUTS cuts, $(wc -l <"$RUN/acked.txt") pledges acknowledged, $have found after the last, $lost_total lost, $checks_ok of $CUTS integrity checks ok" | tee -a "$report"
[ "$lost_total" -eq 0 ] && [ "$checks_ok" -eq "$CUTS" ]
