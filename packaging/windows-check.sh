#!/usr/bin/env bash
# Windows (10/11, x86_64), built and tried on this Debian machine: the
# release build cross-compiled with Debian's MinGW-w64, the zip a Windows
# user downloads, then the .exe run under Wine:
#
#   1. the command-line checks of packaging/cli-check.sh (validate,
#      export-pack, set-pin, the gala hub over TLS against a real
#      PostgreSQL), in a folder whose name is not ASCII;
#   2. the default data folder is %LOCALAPPDATA%\storykiosk\storykiosk\data,
#      for a Windows user whose name is not ASCII either (Zoë);
#   3. the kiosk window under Xvfb (Wine's X11 driver, Mesa's llvmpipe for
#      OpenGL), full screen: a pledge made through the form by mouse and
#      keyboard events (xdotool), then found by `pledges export`; the staff
#      screen opened with its corner taps and PIN, which should list a
#      removable drive by its letter (E:\) for exports: staff.png, to be
#      looked at (the script does not read the screen). Screenshots in the
#      results.
#
#   packaging/windows-check.sh
#
# Needs (apt-get install): mingw-w64 wine wine64 xvfb matchbox-window-manager
# xdotool imagemagick postgresql openssl zip; and the Rust target
# (rustup target add x86_64-pc-windows-gnu). Results in
# target/windows-check/: report.txt, *.png, storykiosk-<version>-windows-x86_64.zip.
# Exits 0 only if every check passed.
set -uo pipefail
cd "$(dirname "$0")/.."
TARGET=x86_64-pc-windows-gnu
OUT=$PWD/target/windows-check
rm -rf "$OUT"
mkdir -p "$OUT"
REPORT=$OUT/report.txt
WORK=$(mktemp -d /tmp/storykiosk-windows-check.XXXXXX)
trap 'rm -rf "$WORK"; [ -n "${XV:-}" ] && kill "$XV" 2>/dev/null; true' EXIT

rustup target add "$TARGET" >/dev/null 2>&1 || true
set -e
t0=$SECONDS
cargo build --release --target "$TARGET"
echo "build: $((SECONDS - t0)) s" | tee "$REPORT"
cargo build --release --bin storykiosk
cargo build --release --example hub_kiosk
set +e
EXE=$PWD/target/$TARGET/release/storykiosk.exe
echo "storykiosk.exe: $(stat -c %s "$EXE") bytes; $(file -b "$EXE")" | tee -a "$REPORT"

# The zip: the program, the README and the licences (the code's, and the
# bundled font's).
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
ZIPDIR=$WORK/storykiosk-$VERSION-windows-x86_64
mkdir -p "$ZIPDIR"
cp "$EXE" README.md packaging/windows.md "$ZIPDIR/"
cp assets/fonts/OFL.txt "$ZIPDIR/OFL-fonts.txt"
printf 'storykiosk is licensed under the MIT licence or the Apache License 2.0,\nat your option (Cargo.toml). The bundled fonts: OFL-fonts.txt.\n' >"$ZIPDIR/LICENCE.txt"
(cd "$WORK" && zip -q -r "$OUT/$(basename "$ZIPDIR").zip" "$(basename "$ZIPDIR")")
echo "zip: $(basename "$ZIPDIR").zip, $(stat -c %s "$OUT/$(basename "$ZIPDIR").zip") bytes: $(unzip -Z1 "$OUT/$(basename "$ZIPDIR").zip" | tr '\n' ' ')" | tee -a "$REPORT"

# Wine, with a Windows user named Zoë.
export WINEPREFIX=$WORK/prefix WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
export USER=Zoë LC_ALL=C.UTF-8
wineboot -i >/dev/null 2>&1
wineserver -w
# Wine 8.0 has no bcryptprimitives.dll (Windows 10 and later do): the
# prefix gets a stand-in for its one function Rust's std calls.
x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
    packaging/wine/bcryptprimitives.c packaging/wine/bcryptprimitives.def -ladvapi32
echo "wine: $(wine --version)" | tee -a "$REPORT"
SK=(wine "$EXE")
# shellcheck source=cli-check.sh
source packaging/cli-check.sh

# 2. The default data folder: %LOCALAPPDATA% of the Windows user Zoë.
echo 135790 | wine "$EXE" set-pin >"$WORK/default.txt" 2>&1
DEFAULT=$(find "$WINEPREFIX/drive_c/users" -path '*/AppData/Local/storykiosk/storykiosk/data/kiosk.ron' | head -n 1)
DEFAULT=${DEFAULT%/kiosk.ron}
if [ -n "$DEFAULT" ] && [ "$(basename "$(dirname "$(dirname "$(dirname "$(dirname "$(dirname "$DEFAULT")")")")")")" = Zoë ]; then
    pass "set-pin with no --data-dir: $(tr -d '\r' <"$WORK/default.txt")"
else
    fail "set-pin with no --data-dir wrote no kiosk.ron under C:\users\Zoë\AppData\Local; said: $(tr -d '\r' <"$WORK/default.txt")"
fi

# 3. The window, under Xvfb. A removable drive E: for the export list.
mkdir -p "$WORK/stick"
ln -sfn "$WORK/stick" "$WINEPREFIX/dosdevices/e:"
wine reg add 'HKLM\Software\Wine\Drives' /v 'e:' /d floppy /f >/dev/null 2>&1
wineserver -w
W="$WORK/kiosk"
mkdir -p "$W"
printf '(kiosk_id: "surface", event_id: "gala")\n' >"$W/kiosk.ron"
echo 246810 | wine "$EXE" set-pin --data-dir "$W" >/dev/null 2>&1
# Wine is stopped after set-pin has read the PIN from its console: left
# running, the kiosk started next on the same Wine got its first click and
# no click after it (seen every time here; a kiosk on Windows is never
# started from the console set-pin ran in).
wineserver -k
sleep 1
export DISPLAY=:79
Xvfb :79 -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
XV=$!
sleep 1
matchbox-window-manager -use_titlebar no -use_cursor no >/dev/null 2>&1 &
t1=$(date +%s.%N)
wine "$EXE" --kiosk --data-dir "$W" >"$OUT/kiosk.log" 2>&1 &
if timeout 60 xdotool search --sync --onlyvisible --name "25 Years of Justice|storykiosk" >/dev/null; then
    t2=$(date +%s.%N)
    pass "the kiosk window opened under Wine in $(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.1f", b - a }') s"
else
    fail "no kiosk window within 60 s: $(tail -n 5 "$OUT/kiosk.log")"
fi
sleep 8
shot() { import -window root "$OUT/$1.png"; }
shot kiosk-attract
geom=$(xdotool search --onlyvisible --name "25 Years of Justice" getwindowgeometry 2>/dev/null | grep -o '[0-9]*x[0-9]*' | head -n 1)
[ "$geom" = 1920x1080 ] && pass "the kiosk window covers the whole 1920x1080 screen" || fail "the kiosk window is $geom"
# The pledge form, by the pixel positions of the bundled pack at 1920x1080.
# The pointer moves first, and the button is held a moment, as a hand's
# would be.
press() { xdotool mousedown 1; sleep "$1"; xdotool mouseup 1; }
click() { xdotool mousemove "$1" "$2"; sleep 0.5; press 0.3; sleep "${3:-1}"; }
# A tap that must change the screen: tried up to three times (each retry
# is counted in the report).
retries=0
tap() {
    import -window root "$WORK/before.png"
    for _ in 1 2 3; do
        click "$1" "$2" "${3:-1}"
        import -window root "$WORK/after.png"
        changed=$(compare -metric AE "$WORK/before.png" "$WORK/after.png" null: 2>&1 | cut -d' ' -f1)
        [ "${changed%.*}" -gt 500 ] 2>/dev/null && return 0
        retries=$((retries + 1))
    done
}
tap 960 540 2             # leave the attract screen
# The kiosk's own tab bar: Pledge is the last tab.
tap 1722 1036 2
shot pledge-amount
tap 1163 324 0.5          # HK$500
tap 952 744 2             # Next
tap 952 522 0.5           # Name
xdotool type --delay 80 "Zoë Chan"
tap 952 653 0.5           # Email
xdotool type --delay 80 "zoe@example.org"
tap 1411 947 1            # the on-screen keyboard's Done
xdotool mousemove 952 500
for _ in 1 2 3 4 5 6 7 8 9 10; do xdotool click 5; sleep 0.05; done
sleep 1
shot pledge-details
tap 1166 907 2            # Next
shot pledge-check
tap 1166 525 3            # Confirm my pledge
shot pledge-thanks
# The staff screen: five taps in the top-left corner, then the PIN.
xdotool mousemove 20 20
sleep 0.3
for _ in 1 2 3 4 5; do press 0.08; sleep 0.12; done
sleep 1.5
for d in 2 4 6 8 1 0; do xdotool key "$d"; sleep 0.3; done
xdotool key Return
sleep 5
shot staff
pkill -f storykiosk.exe
wineserver -k 2>/dev/null
wine "$EXE" pledges export --data-dir "$W" --out "$W/made.csv" >"$WORK/made.txt" 2>&1
if grep -q 'zoe@example.org' "$W/made.csv" 2>/dev/null; then
    pass "the pledge made through the form is in the store: $(grep 'zoe@example.org' "$W/made.csv" | cut -d, -f2,9-13) ($retries taps tried again)"
else
    fail "no pledge from the form in the store ($retries taps tried again): $(tr -d '\r' <"$WORK/made.txt")"
fi
kill "$XV" 2>/dev/null
XV=

if [ "$failed" = 0 ]; then echo "RESULT: all passed" | tee -a "$REPORT"; else echo "RESULT: some failed" | tee -a "$REPORT"; fi
echo "screenshots: $OUT/*.png"
[ "$failed" = 0 ]
