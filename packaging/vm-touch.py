#!/usr/bin/python3
"""A touchscreen for the virtual machines of packaging/vm-check.sh (its X
session and VM_SESSION=cage): a multitouch device made with the kernel's uinput, as a
real touchscreen's driver makes one, so libinput, the compositor and the
app see the touch points a visitor's fingers would make.

    vm-touch.py WIDTH HEIGHT SLOW ACTION...

ACTION is one of
    tap X Y              one finger down and up at pixel X, Y
    pinch X Y FROM TO    two fingers on a horizontal line through X, Y,
                         FROM pixels apart, moving to TO pixels apart
    wait S               S seconds, SLOW times over
    shot NAME            asks the host for a screenshot (prints SHOT NAME)
    print TEXT           prints TEXT
    visit NAME FIRST     a visitor with the bundled pack at 1920x1080, from
                         the attract screen (screenshot FIRST): begin, the
                         Photos tab, the first photo, a pinch on it; a
                         screenshot NAME-story, NAME-photos, NAME-viewer,
                         NAME-pinched after each, and a COMPARE line for
                         each step, which the host checks changed the screen
"""
import glob
import os
import sys
import time

from evdev import AbsInfo, InputDevice, UInput, ecodes as e, list_devices

width, height, slow = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
RES = 8  # units per mm: a 240 mm wide 1920-pixel screen
caps = {
    e.EV_KEY: [e.BTN_TOUCH],
    e.EV_ABS: [
        (e.ABS_X, AbsInfo(0, 0, width - 1, 0, 0, RES)),
        (e.ABS_Y, AbsInfo(0, 0, height - 1, 0, 0, RES)),
        (e.ABS_MT_SLOT, AbsInfo(0, 0, 9, 0, 0, 0)),
        (e.ABS_MT_TRACKING_ID, AbsInfo(0, 0, 65535, 0, 0, 0)),
        (e.ABS_MT_POSITION_X, AbsInfo(0, 0, width - 1, 0, 0, RES)),
        (e.ABS_MT_POSITION_Y, AbsInfo(0, 0, height - 1, 0, 0, RES)),
    ],
}
NAME = "storykiosk-check touchscreen"
ui = UInput(caps, name=NAME, input_props=[e.INPUT_PROP_DIRECT])
next_id = 1


def frame(points):
    """One evdev frame: each (slot, x, y) moves, then SYN."""
    for slot, x, y in points:
        ui.write(e.EV_ABS, e.ABS_MT_SLOT, slot)
        ui.write(e.EV_ABS, e.ABS_MT_POSITION_X, int(x))
        ui.write(e.EV_ABS, e.ABS_MT_POSITION_Y, int(y))
    if points:
        ui.write(e.EV_ABS, e.ABS_X, int(points[0][1]))
        ui.write(e.EV_ABS, e.ABS_Y, int(points[0][2]))
    ui.syn()
    time.sleep(0.02 * slow)


def down(points):
    global next_id
    for slot, _, _ in points:
        ui.write(e.EV_ABS, e.ABS_MT_SLOT, slot)
        ui.write(e.EV_ABS, e.ABS_MT_TRACKING_ID, next_id)
        next_id += 1
    ui.write(e.EV_KEY, e.BTN_TOUCH, 1)
    frame(points)


def up(slots):
    for slot in slots:
        ui.write(e.EV_ABS, e.ABS_MT_SLOT, slot)
        ui.write(e.EV_ABS, e.ABS_MT_TRACKING_ID, -1)
    ui.write(e.EV_KEY, e.BTN_TOUCH, 0)
    ui.syn()
    time.sleep(0.02 * slow)


def opened_by_another(path):
    """Whether any other process (the X server's or cage's libinput) has
    the device open: only then does a touch reach the screen."""
    for fd_dir in glob.glob("/proc/[0-9]*/fd"):
        if fd_dir == f"/proc/{os.getpid()}/fd":
            continue
        try:
            for fd in os.listdir(fd_dir):
                if os.readlink(os.path.join(fd_dir, fd)) == path:
                    return True
        except OSError:
            continue
    return False


def device_path():
    """The new device's /dev/input node, once the kernel has made it."""
    for path in list_devices():
        device = InputDevice(path)
        name = device.name
        device.close()
        if name == NAME:
            return path
    return None


# libinput picks the new device up from udev; on an emulated machine that
# can take a while, and a touch before it is lost.
deadline = time.monotonic() + 60 * slow
path = None
while time.monotonic() < deadline:
    path = path or device_path()
    if path and opened_by_another(path):
        break
    time.sleep(0.5)
else:
    sys.exit(f"vm-touch.py: nothing opened {path or NAME} in {60 * slow:.0f} s")
time.sleep(1 * slow)
args = sys.argv[4:]
while args:
    action = args.pop(0)
    if action == "tap":
        x, y = float(args.pop(0)), float(args.pop(0))
        down([(0, x, y)])
        time.sleep(0.08 * slow)
        up([0])
    elif action == "pinch":
        x, y = float(args.pop(0)), float(args.pop(0))
        start, end = float(args.pop(0)), float(args.pop(0))
        down([(0, x - start / 2, y), (1, x + start / 2, y)])
        # Over 3 seconds, as a hand does, so that an emulated machine
        # drawing a few frames a second still sees the fingers move.
        time.sleep(0.3 * slow)
        steps = 30
        for i in range(1, steps + 1):
            half = (start + (end - start) * i / steps) / 2
            frame([(0, x - half, y), (1, x + half, y)])
            time.sleep(0.08 * slow)
        time.sleep(0.5 * slow)
        up([0, 1])
    elif action == "wait":
        time.sleep(float(args.pop(0)) * slow)
    elif action == "shot":
        print("SHOT " + args.pop(0), flush=True)
        time.sleep(6)
    elif action == "visit":
        name, before = args.pop(0), args.pop(0)
        steps = [
            ("tap 960 998 wait 3", "story", 'a tap on "Touch the screen to begin"'),
            ("tap 1341 1035 wait 3", "photos", "a tap on the Photos tab"),
            ("tap 260 402 wait 10", "viewer", "a tap on the first photo"),
            ("pinch 960 452 200 700 wait 3", "pinched", "a two-finger pinch on the photo"),
        ]
        visit = []
        for moves, shot, what in steps:
            visit += moves.split() + ["shot", f"{name}-{shot}"]
            visit += ["print", f"COMPARE {before} {name}-{shot} {what}"]
            before = f"{name}-{shot}"
        args[:0] = visit
    elif action == "print":
        print(args.pop(0), flush=True)
    else:
        sys.exit("vm-touch.py: unknown action " + action)
ui.close()
