#!/usr/bin/env python3
"""Draws the bundled pack's illustrations (assets/pack/photos/*.jpg).

Original art, made procedurally with fixed random seeds so that a rerun gives
the same pictures: no photograph of a real person or place is used.
Needs Pillow and numpy (pip install pillow numpy).

    python3 scripts/make-illustrations.py [OUT_DIR]
"""
import math
import os
import random
import sys

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

W, H = 2400, 1600
SS = 2  # supersampling: draw at twice the size, then downscale for smooth edges


def hexrgb(h):
    h = h.lstrip("#")
    return tuple(int(h[i : i + 2], 16) for i in (0, 2, 4))


def lerp(a, b, t):
    return tuple(int(round(x + (y - x) * t)) for x, y in zip(a, b))


def gradient(stops, w=W * SS, h=H * SS):
    """A vertical gradient through (position 0..1, '#rrggbb') stops."""
    ys = np.linspace(0.0, 1.0, h)
    out = np.zeros((h, w, 3), dtype=np.float32)
    pos = [p for p, _ in stops]
    cols = [np.array(hexrgb(c), dtype=np.float32) for _, c in stops]
    for ch in range(3):
        col = np.interp(ys, pos, [c[ch] for c in cols])
        out[:, :, ch] = col[:, None]
    return out


def glow(img, cx, cy, radius, colour, strength=1.0):
    """Adds a soft radial light to a float image."""
    h, w, _ = img.shape
    y, x = np.ogrid[0:h, 0:w]
    d = np.sqrt((x - cx) ** 2 + (y - cy) ** 2) / radius
    a = np.clip(np.exp(-(d**2) * 2.2) * strength, 0, 1)[:, :, None]
    c = np.array(hexrgb(colour), dtype=np.float32)
    img[:] = img * (1 - a) + c * a


def to_image(arr):
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")


def ridge(rng, y0, amp, freq, w=W * SS, h=H * SS, steps=160):
    """A hill line as a polygon closed at the bottom of the picture."""
    phases = [rng.uniform(0, 6.28) for _ in range(3)]
    pts = []
    for i in range(steps + 1):
        x = w * i / steps
        t = x / w
        y = y0
        for k, ph in enumerate(phases):
            y += amp / (k + 1) * math.sin(t * freq * (k + 1) * 6.28 + ph)
        pts.append((x, y))
    return pts + [(w, h), (0, h)]


def person(d, x, base, height, colour, bag=None, child=False):
    """A simple standing figure whose feet are at (x, base)."""
    head = height * (0.16 if child else 0.13)
    body_w = height * 0.26
    top = base - height
    d.ellipse([x - head, top, x + head, top + 2 * head], fill=colour)
    shoulders = top + 2.2 * head
    d.rounded_rectangle(
        [x - body_w / 2, shoulders, x + body_w / 2, base - height * 0.38],
        radius=body_w * 0.35,
        fill=colour,
    )
    leg_w = body_w * 0.34
    d.rectangle([x - body_w / 2 + 2, base - height * 0.42, x - body_w / 2 + 2 + leg_w, base], fill=colour)
    d.rectangle([x + body_w / 2 - 2 - leg_w, base - height * 0.42, x + body_w / 2 - 2, base], fill=colour)
    if bag:
        d.rounded_rectangle(
            [x - body_w * 0.85, shoulders + head * 0.3, x - body_w * 0.35, shoulders + height * 0.3],
            radius=head * 0.3,
            fill=bag,
        )


def finish(img, path):
    img = img.resize((W, H), Image.LANCZOS)
    img.save(path, "JPEG", quality=80, optimize=True)


def townhouse(path):
    rng = random.Random(1997)
    arr = gradient([(0, "#101a3a"), (0.45, "#3a2f63"), (0.75, "#b0566a"), (1, "#f2a65a")])
    for _ in range(140):
        x, y = rng.uniform(0, W * SS), rng.uniform(0, H * SS * 0.45)
        glow(arr, x, y, rng.uniform(3, 7), "#fff6d8", 0.8) if rng.random() < 0.05 else None
    img = to_image(arr)
    d = ImageDraw.Draw(img)
    for _ in range(90):
        x, y = rng.uniform(0, W * SS), rng.uniform(0, H * SS * 0.5)
        r = rng.uniform(1.5, 4)
        d.ellipse([x - r, y - r, x + r, y + r], fill=(255, 246, 216))
    base = H * SS * 0.93
    x = -60
    houses = []
    while x < W * SS:
        w = rng.uniform(330, 470)
        h = rng.uniform(900, 1250)
        houses.append((x, w, h))
        x += w
    lit = len(houses) // 2
    for i, (x, w, h) in enumerate(houses):
        shade = lerp(hexrgb("#141a33"), hexrgb("#1e2546"), (i % 3) / 2)
        top = base - h
        d.rectangle([x, top, x + w, base], fill=shade)
        d.polygon([(x - 20, top), (x + w / 2, top - w * 0.45), (x + w + 20, top)], fill=lerp(shade, (0, 0, 0), 0.3))
        for row in range(3):
            for col in range(2):
                wx = x + w * (0.2 + col * 0.38)
                wy = top + 120 + row * 300
                colour = (38, 46, 80)
                if i == lit and row == 0 and col == 1:
                    colour = (255, 205, 120)
                elif rng.random() < 0.12:
                    colour = (120, 96, 70)
                d.rectangle([wx, wy, wx + w * 0.24, wy + 190], fill=colour)
        d.rectangle([x + w * 0.38, base - 330, x + w * 0.62, base], fill=lerp(shade, (0, 0, 0), 0.4))
    arr = np.asarray(img).astype(np.float32)
    x, w, h = houses[lit]
    glow(arr, x + w * (0.58 + 0.12), base - h + 120 + 95, 420, "#ffc978", 0.55)
    d = ImageDraw.Draw(img := to_image(arr))
    d.rectangle([0, base, W * SS, H * SS], fill=(16, 18, 34))
    finish(img, path)


# Rough continents as ellipses (x, y, rx, ry) in fractions of the picture.
CONTINENTS = [
    (0.18, 0.30, 0.10, 0.14), (0.22, 0.42, 0.06, 0.10), (0.28, 0.66, 0.05, 0.16),
    (0.50, 0.26, 0.07, 0.08), (0.52, 0.56, 0.07, 0.17), (0.58, 0.46, 0.05, 0.06),
    (0.68, 0.30, 0.14, 0.12), (0.70, 0.46, 0.04, 0.08), (0.78, 0.52, 0.05, 0.06),
    (0.84, 0.76, 0.06, 0.06),
]
OFFICES = [(0.69, 0.50), (0.755, 0.485), (0.815, 0.515), (0.695, 0.545), (0.575, 0.58), (0.56, 0.56), (0.775, 0.52)]


def offices(path):
    rng = random.Random(2000)
    arr = gradient([(0, "#0b1530"), (1, "#15284d")])
    img = to_image(arr)
    d = ImageDraw.Draw(img)
    step = 44
    for gy in range(0, H * SS, step):
        for gx in range(0, W * SS, step):
            fx, fy = gx / (W * SS), gy / (H * SS)
            inside = any(((fx - cx) / rx) ** 2 + ((fy - cy) / ry) ** 2 < 1 for cx, cy, rx, ry in CONTINENTS)
            if inside and rng.random() < 0.93:
                d.ellipse([gx - 9, gy - 9, gx + 9, gy + 9], fill=(76, 110, 160))
    pts = [(x * W * SS, y * H * SS) for x, y in OFFICES]
    for a in range(len(pts) - 1):
        (x0, y0), (x1, y1) = pts[0], pts[a + 1]
        mx, my = (x0 + x1) / 2, min(y0, y1) - 260
        prev = (x0, y0)
        for i in range(1, 61):
            t = i / 60
            x = (1 - t) ** 2 * x0 + 2 * (1 - t) * t * mx + t * t * x1
            y = (1 - t) ** 2 * y0 + 2 * (1 - t) * t * my + t * t * y1
            d.line([prev, (x, y)], fill=(255, 200, 110), width=7)
            prev = (x, y)
    arr = np.asarray(img).astype(np.float32)
    for x, y in pts:
        glow(arr, x, y, 90, "#ffd27a", 0.9)
    img = to_image(arr)
    d = ImageDraw.Draw(img)
    for x, y in pts:
        d.ellipse([x - 20, y - 20, x + 20, y + 20], fill=(255, 244, 214))
    finish(img, path)


def cambodia(path):
    rng = random.Random(2003)
    arr = gradient([(0, "#274a7a"), (0.35, "#e58f65"), (0.55, "#f7c97e"), (0.56, "#5d7fa3"), (1, "#2c4566")])
    sun = (W * SS * 0.62, H * SS * 0.5)
    glow(arr, *sun, 520, "#fff0c2", 0.9)
    img = to_image(arr)
    d = ImageDraw.Draw(img)
    d.ellipse([sun[0] - 150, sun[1] - 150, sun[0] + 150, sun[1] + 150], fill=(255, 240, 200))
    d.rectangle([0, H * SS * 0.555, W * SS, H * SS], fill=(74, 104, 140))
    for i in range(60):
        y = H * SS * 0.57 + i * 18
        half = 260 - i * 3.5
        if half > 20:
            d.line([(sun[0] - half + rng.uniform(-40, 40), y), (sun[0] + half + rng.uniform(-40, 40), y)], fill=(250, 214, 150), width=6)
    bank = ridge(rng, H * SS * 0.8, 40, 1.2)
    d.polygon(bank, fill=(32, 40, 52))
    for px in (0.08, 0.16, 0.9):
        x, base = W * SS * px, H * SS * 0.8
        d.line([(x, base), (x + 40, base - 700)], fill=(32, 40, 52), width=34)
        for k in range(7):
            ang = -math.pi + k * math.pi / 6
            d.line([(x + 40, base - 700), (x + 40 + 260 * math.cos(ang), base - 700 + 120 * math.sin(ang) + 80)], fill=(32, 40, 52), width=26)
    base = H * SS * 0.83
    for i, (x, h, child) in enumerate([(0.36, 520, False), (0.42, 330, True), (0.47, 300, True), (0.52, 350, True), (0.57, 540, False)]):
        person(d, W * SS * x, base, h, (24, 30, 40), child=child)
    for a, b in [(0.36, 0.42), (0.42, 0.47), (0.47, 0.52), (0.52, 0.57)]:
        d.line([(W * SS * a + 50, base - 250), (W * SS * b - 50, base - 230)], fill=(24, 30, 40), width=18)
    finish(img, path)


def courthouse(path):
    rng = random.Random(2004)
    arr = gradient([(0, "#9cc3e6"), (0.7, "#f3e6cc"), (1, "#e8d3ae")])
    glow(arr, W * SS * 0.85, H * SS * 0.15, 600, "#fff7e0", 0.7)
    img = to_image(arr)
    d = ImageDraw.Draw(img)
    for _ in range(5):
        x, y = rng.uniform(0, W * SS), rng.uniform(80, 600)
        for k in range(4):
            d.ellipse([x + k * 110, y - 60 + (k % 2) * 30, x + k * 110 + 260, y + 90], fill=(250, 250, 252))
    cx, base = W * SS / 2, H * SS * 0.86
    width = W * SS * 0.62
    left = cx - width / 2
    stone, shadow = (236, 228, 212), (196, 184, 164)
    for s in range(6):
        d.rectangle([left - 120 + s * 20, base + s * 40 - 240, left + width + 120 - s * 20, base + s * 40 - 200], fill=lerp(stone, shadow, s / 8))
    top = base - 1500
    d.rectangle([left, top + 160, left + width, top + 260], fill=stone)
    d.polygon([(left - 60, top + 160), (cx, top - 260), (left + width + 60, top + 160)], fill=stone)
    d.polygon([(left + 80, top + 120), (cx, top - 170), (left + width - 80, top + 120)], fill=shadow)
    d.rectangle([left + 60, top + 260, left + width - 60, base - 240], fill=(212, 200, 178))
    door_w = 300
    d.rectangle([cx - door_w / 2, base - 900, cx + door_w / 2, base - 240], fill=(255, 226, 150))
    cols = 8
    for i in range(cols):
        x = left + 60 + (width - 120) * i / (cols - 1)
        if abs(x - cx) < door_w / 2 + 60:
            continue
        d.rectangle([x - 62, top + 260, x + 62, base - 240], fill=stone)
        d.rectangle([x + 20, top + 260, x + 62, base - 240], fill=shadow)
        d.rectangle([x - 80, top + 260, x + 80, top + 300], fill=stone)
        d.rectangle([x - 80, base - 280, x + 80, base - 240], fill=stone)
    d.rectangle([0, base, W * SS, H * SS], fill=(206, 190, 160))
    finish(img, path)


def metro(path):
    rng = random.Random(2010)
    arr = gradient([(0, "#2b2457"), (0.5, "#7e4f86"), (0.78, "#f08e6b"), (1, "#ffc88a")])
    img = to_image(arr)
    d = ImageDraw.Draw(img)
    horizon = H * SS * 0.82
    for layer, (colour, hmin, hmax, lit_colour) in enumerate(
        [((78, 62, 110), 500, 1000, (150, 120, 150)), ((34, 30, 58), 350, 1300, (255, 214, 140))]
    ):
        x = -40
        while x < W * SS:
            w = rng.uniform(140, 320)
            h = rng.uniform(hmin, hmax)
            d.rectangle([x, horizon - h, x + w - 14, horizon], fill=colour)
            if layer == 1:
                for wy in range(int(horizon - h + 40), int(horizon - 30), 70):
                    for wx in range(int(x + 24), int(x + w - 50), 56):
                        if rng.random() < 0.35:
                            d.rectangle([wx, wy, wx + 26, wy + 36], fill=lit_colour)
            x += w
    d.rectangle([0, horizon, W * SS, H * SS], fill=(40, 36, 70))
    for i in range(40):
        y = horizon + 20 + i * 14
        x = rng.uniform(0, W * SS)
        d.line([(x, y), (x + rng.uniform(80, 300), y)], fill=(240, 170, 120), width=5)
    finish(img, path)


def kiln(path):
    rng = random.Random(2020)
    arr = gradient([(0, "#f6b26b"), (0.55, "#fbd9a0"), (0.56, "#c8875a"), (1, "#8a5536")])
    glow(arr, W * SS * 0.78, H * SS * 0.42, 500, "#fff3cf", 0.95)
    img = to_image(arr)
    d = ImageDraw.Draw(img)
    horizon = H * SS * 0.62
    d.rectangle([0, horizon, W * SS, H * SS], fill=(176, 112, 72))
    for cx, h in ((0.14, 1100), (0.3, 850)):
        x = W * SS * cx
        d.polygon([(x - 90, horizon), (x - 45, horizon - h), (x + 45, horizon - h), (x + 90, horizon)], fill=(96, 52, 38))
        for k in range(5):
            r = 80 + k * 50
            d.ellipse([x - r + k * 60, horizon - h - 120 - k * 130, x + r + k * 60, horizon - h + 40 - k * 130], fill=(226, 200, 176))
    for row in range(4):
        for col in range(10):
            x, y = 80 + col * 190 + (row % 2) * 95, horizon + 80 + row * 60
            d.rectangle([x, y, x + 170, y + 50], fill=(150, 70, 48) if (row + col) % 3 else (132, 60, 40))
    base = H * SS * 0.93
    for i in range(14):
        x = W * SS * (0.5 + i * 0.035)
        h = rng.uniform(380, 520) * (1 - i * 0.035)
        person(d, x, base - i * 22, h, (70, 40, 32), child=rng.random() < 0.25)
    finish(img, path)


def girls(path):
    rng = random.Random(2021)
    arr = gradient([(0, "#4fa3e0"), (0.6, "#bfe4f7"), (1, "#e9f6fb")])
    glow(arr, W * SS * 0.15, H * SS * 0.18, 420, "#fffbe6", 0.95)
    img = to_image(arr)
    d = ImageDraw.Draw(img)
    for _ in range(4):
        x, y = rng.uniform(600, W * SS - 600), rng.uniform(150, 700)
        for k in range(5):
            d.ellipse([x + k * 120, y - 50 * (k % 2), x + k * 120 + 300, y + 120], fill=(255, 255, 255))
    for y0, colour in ((0.62, (120, 178, 96)), (0.72, (84, 150, 72)), (0.84, (58, 122, 58))):
        d.polygon(ridge(rng, H * SS * y0, 70, 0.8), fill=colour)
    base = H * SS * 0.9
    bags = [(230, 80, 80), (250, 190, 60), (90, 120, 220), (200, 90, 170), (60, 170, 160)]
    for i, x in enumerate((0.34, 0.43, 0.52, 0.61, 0.7)):
        person(d, W * SS * x, base + (i % 2) * 20, rng.uniform(520, 640), (44, 52, 74), bag=bags[i], child=True)
    finish(img, path)


def horizon(path):
    rng = random.Random(2022)
    arr = gradient([(0, "#0d1b3d"), (0.42, "#3d4d8a"), (0.58, "#f2b36f"), (0.6, "#ffe2a8"), (0.62, "#1c2447"), (1, "#0b1126")])
    glow(arr, W * SS * 0.5, H * SS * 0.6, 900, "#ffe6b0", 0.6)
    img = to_image(arr)
    d = ImageDraw.Draw(img)
    hy = H * SS * 0.6
    d.rectangle([0, hy - 6, W * SS, hy + 6], fill=(255, 246, 220))
    vx = W * SS * 0.5
    for _ in range(2600):
        t = rng.random() ** 1.6
        y = hy + 20 + t * (H * SS - hy)
        spread = (y - hy) / (H * SS - hy)
        x = vx + rng.uniform(-1.4, 1.4) * W * SS * spread
        r = 2 + 10 * spread
        warm = lerp((255, 214, 140), (255, 250, 235), rng.random())
        d.ellipse([x - r, y - r, x + r, y + r], fill=warm)
    finish(img, path)


SCENES = {
    "townhouse": townhouse,
    "offices": offices,
    "cambodia": cambodia,
    "courthouse": courthouse,
    "metro": metro,
    "kiln": kiln,
    "girls": girls,
    "horizon": horizon,
}

if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "assets", "pack", "photos")
    os.makedirs(out, exist_ok=True)
    for name, draw in SCENES.items():
        path = os.path.join(out, f"{name}.jpg")
        draw(path)
        print(f"{path}: {os.path.getsize(path) // 1024} KiB")
