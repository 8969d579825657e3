#!/usr/bin/python3
"""Reads the accessibility tree of a running storykiosk over AT-SPI, the way
a screen reader does, and acts on it like one.

    atspi_names.py [--timeout SECS] STEP...

Each STEP is either `press:NAME`, which finds the node called NAME, invokes
its first action (a click) and waits for the tree to change, or
`dump:FILE`, which writes every node as `role<TAB>name` to FILE.
"""
import sys
import time

import pyatspi


def find_app(timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            if app is not None and "storykiosk" in (app.name or "").lower():
                return app
        time.sleep(0.2)
    return None


def walk(node, depth=0, out=None):
    if out is None:
        out = []
    if node is None or depth > 60:
        return out
    try:
        out.append((node.name or "", node.getRoleName(), node))
        for child in node:
            walk(child, depth + 1, out)
    except Exception:  # a node that vanished while we walked
        pass
    return out


def press(app, name, timeout):
    deadline = time.time() + timeout
    nodes = walk(app)
    while not any(n == name for n, _, _ in nodes):
        if time.time() > deadline:
            print(f"no node named {name!r}", file=sys.stderr)
            return False
        time.sleep(0.3)
        nodes = walk(app)
    target = next(node for n, _, node in nodes if n == name)
    before = [(n, r) for n, r, _ in nodes]
    target.queryAction().doAction(0)
    # Most presses change what is on screen; a key typing a letter changes
    # only a field's value, so the wait for a change is short.
    settle = min(deadline, time.time() + 3.0)
    while time.time() < settle:
        time.sleep(0.3)
        if [(n, r) for n, r, _ in walk(app)] != before:
            break
    time.sleep(0.5)
    return True


def main():
    args = sys.argv[1:]
    timeout = 30.0
    if args[:1] == ["--timeout"]:
        timeout = float(args[1])
        args = args[2:]
    app = find_app(timeout)
    if app is None:
        print("no storykiosk application on the accessibility bus", file=sys.stderr)
        return 2
    for step in args:
        kind, _, value = step.partition(":")
        if kind == "press":
            if not press(app, value, timeout):
                return 3
        elif kind == "dump":
            with open(value, "w", encoding="utf-8") as f:
                for name, role, _ in walk(app):
                    f.write(f"{role}\t{name}\n")
        else:
            print(f"unknown step {step!r}", file=sys.stderr)
            return 4
    return 0


if __name__ == "__main__":
    sys.exit(main())
