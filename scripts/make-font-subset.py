#!/usr/bin/env python3
"""Regenerates assets/fonts/NotoSansTC-Subset.otf: Noto Sans CJK TC Regular
(face 3 of Debian's fonts-noto-cjk NotoSansCJK-Regular.ttc, SIL Open Font
License 1.1) cut down to what a Hong Kong kiosk needs:

* every character the bundled pack uses;
* the 5,401 common Traditional characters of Big5 level 1 (0xA440-0xC67E);
* ASCII, Latin-1, general and CJK punctuation, and full-width forms.

Needs fonttools (pip install fonttools) and fonts-noto-cjk.

    python3 scripts/make-font-subset.py
"""
import glob
import os
import subprocess
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FACE = 3  # Noto Sans CJK TC
OUT = os.path.join(ROOT, "assets", "fonts", "NotoSansTC-Subset.otf")


def big5_level1():
    chars = set()
    for lead in range(0xA4, 0xC7):
        for trail in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            code = (lead << 8) | trail
            if code < 0xA440 or code > 0xC67E:
                continue
            try:
                chars.add(bytes([lead, trail]).decode("big5"))
            except UnicodeDecodeError:
                pass
    return chars


def pack_chars():
    chars = set()
    for path in glob.glob(os.path.join(ROOT, "assets", "pack", "*.ron")):
        with open(path, encoding="utf-8") as f:
            chars.update(f.read())
    return chars


def main():
    chars = big5_level1()
    level1 = len(chars)
    chars |= pack_chars()
    ranges = [(0x20, 0x7E), (0xA0, 0xFF), (0x2010, 0x2027), (0x2030, 0x203A), (0x3000, 0x303F), (0xFF01, 0xFF60), (0xFFE0, 0xFFE6)]
    for lo, hi in ranges:
        chars.update(chr(c) for c in range(lo, hi + 1))
    codepoints = sorted(ord(c) for c in chars if ord(c) >= 0x20)
    listing = os.path.join(ROOT, "target", "font-subset-unicodes.txt")
    os.makedirs(os.path.dirname(listing), exist_ok=True)
    with open(listing, "w") as f:
        f.write("\n".join(f"U+{c:04X}" for c in codepoints))
    subprocess.run(
        [
            sys.executable, "-m", "fontTools.subset", SOURCE,
            f"--font-number={FACE}",
            f"--unicodes-file={listing}",
            f"--output-file={OUT}",
            "--layout-features=kern,liga,locl,ccmp,halt,palt,vert,vrt2",
            "--no-hinting",
            "--name-IDs=*",
            "--name-legacy",
            "--name-languages=*",
        ],
        check=True,
    )
    print(f"{OUT}: {len(codepoints)} characters ({level1} of Big5 level 1), {os.path.getsize(OUT) // 1024} KiB")


if __name__ == "__main__":
    main()
