#!/usr/bin/env python3
"""Regenerates tests/packs/broken/pack-font/fonts/NotoSansJP-Subset.otf, the
font a test pack brings in its fonts/ folder: Noto Sans CJK JP Regular
(face 0 of Debian's fonts-noto-cjk NotoSansCJK-Regular.ttc, SIL Open Font
License 1.1, beside it as OFL.txt) cut down to ASCII, kana, CJK
punctuation and the kanji of that pack's texts.

Needs fonttools (pip install fonttools) and fonts-noto-cjk.

    python3 scripts/make-test-font.py
"""
import os
import subprocess
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
CASE = os.path.join(ROOT, "tests", "packs", "broken", "pack-font")
OUT = os.path.join(CASE, "fonts", "NotoSansJP-Subset.otf")

# The kanji the case's texts use (story.ron), in Japanese glyph forms.
KANJI = "食堂子地域"

ranges = [
    "U+0020-007E",  # ASCII
    "U+3000-303F",  # CJK punctuation
    "U+3041-3096",  # hiragana
    "U+30A0-30FF",  # katakana
    "U+FF01-FF5E",  # full-width forms
]
text = KANJI
for name in os.listdir(CASE):
    if name.endswith(".ron"):
        with open(os.path.join(CASE, name), encoding="utf-8") as f:
            text += f.read()
subprocess.run(
    [
        sys.executable, "-m", "fontTools.subset", SOURCE,
        "--font-number=0",
        "--unicodes=" + ",".join(ranges),
        "--text=" + text,
        "--layout-features=*",
        "--no-hinting",
        "--desubroutinize",
        "--output-file=" + OUT,
    ],
    check=True,
)
print(OUT, os.path.getsize(OUT), "bytes")
