#!/usr/bin/env python3
"""Independent oracle for PyPI matching: which OSV advisories in all.zip affect the given
name==version pins, evaluated with Python's `packaging` (PEP 440) and the OSV spec's range rules.

Usage: expected_pypi_vulns.py ALL_ZIP name==version [...]
Prints one line per match: `<normalized name> <advisory id>`.
"""
import json
import re
import sys
import zipfile

from packaging.version import InvalidVersion, Version


def normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def affected(version, entry):
    if version in {str(v) for v in entry.get("versions", [])}:
        return True
    for rng in entry.get("ranges", []):
        if rng.get("type") != "ECOSYSTEM":
            continue
        # OSV: sort events by version ("0" first), then walk: introduced opens, fixed/last_affected close.
        events = []
        for event in rng.get("events", []):
            for kind, value in event.items():
                if kind not in ("introduced", "fixed", "last_affected", "limit"):
                    continue
                try:
                    key = Version("0") if value == "0" else Version(value)
                except InvalidVersion:
                    key = None
                events.append((key, kind, value))
        try:
            v = Version(version)
        except InvalidVersion:
            return False
        state = False
        for key, kind, _ in sorted((e for e in events if e[0] is not None), key=lambda e: e[0]):
            if kind == "introduced" and v >= key:
                state = True
            elif kind == "fixed" and v >= key:
                state = False
            elif kind == "last_affected" and v > key:
                state = False
        if state:
            return True
    return False


def main():
    archive, pins = sys.argv[1], sys.argv[2:]
    wanted = {}
    for pin in pins:
        name, version = pin.split("==")
        wanted[normalize(name)] = version
    with zipfile.ZipFile(archive) as z:
        for member in z.namelist():
            if not member.endswith(".json"):
                continue
            record = json.loads(z.read(member))
            if record.get("withdrawn"):
                continue
            for entry in record.get("affected", []):
                package = entry.get("package", {})
                if package.get("ecosystem") != "PyPI":
                    continue
                name = normalize(package.get("name", ""))
                if name in wanted and affected(wanted[name], entry):
                    print(name, record["id"])
                    break


if __name__ == "__main__":
    main()
