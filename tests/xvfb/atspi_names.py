#!/usr/bin/python3
"""Reads the accessibility tree of a running storykiosk over AT-SPI, the way
a screen reader does, and prints the name of every node, one per line.

    atspi_names.py [--press NAME] [--timeout SECS]

With --press, it first finds the node called NAME, invokes its first action
(a click), and waits for the tree to change before printing.
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


def main():
    args = sys.argv[1:]
    press = None
    timeout = 30.0
    while args:
        flag = args.pop(0)
        if flag == "--press":
            press = args.pop(0)
        elif flag == "--timeout":
            timeout = float(args.pop(0))
    app = find_app(timeout)
    if app is None:
        print("no storykiosk application on the accessibility bus", file=sys.stderr)
        return 2
    deadline = time.time() + timeout
    nodes = walk(app)
    while press and not any(name == press for name, _, _ in nodes) and time.time() < deadline:
        time.sleep(0.3)
        nodes = walk(app)
    if press:
        target = next((n for name, _, n in nodes if name == press), None)
        if target is None:
            print(f"no node named {press!r}", file=sys.stderr)
            return 3
        target.queryAction().doAction(0)
        before = {name for name, _, _ in nodes}
        while time.time() < deadline:
            time.sleep(0.3)
            nodes = walk(app)
            if {name for name, _, _ in nodes} != before:
                break
        time.sleep(0.5)
        nodes = walk(app)
    for name, role, _ in nodes:
        print(f"{role}\t{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
