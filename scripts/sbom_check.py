#!/usr/bin/env python3
"""Checks Hawser's SBOMs of the test image with the reference tools, and against Syft.

Usage: sbom_check.py CYCLONEDX_JSON SPDX_JSON HAWSER_JSON SYFT_JSON [SCAN_CYCLONEDX_JSON]

- CycloneDX 1.6: cyclonedx-python-lib's strict JSON validator (the SBOM, and `hawser scan -o
  cyclonedx-json`'s BOM with its vulnerabilities array when given).
- SPDX 2.3: spdx-tools' parser + validator (what `pyspdxtools -i` runs).
- NTIA minimum elements: ntia-conformance-checker; every element but suppliers must be present.
- Supplier coverage: packages whose supplier comes from their metadata (not NOASSERTION),
  compared with Syft's SPDX output of the same image.
- Syft: every (name, version, type) Syft finds must be in Hawser's SBOM; differences are printed.
Exits 1 when any check fails.
"""
import json
import subprocess
import sys


def main() -> int:
    cyclonedx_path, spdx_path, hawser_path, syft_path = sys.argv[1:5]
    failures = []

    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator
    error = JsonStrictValidator(SchemaVersion.V1_6).validate_str(open(cyclonedx_path).read())
    print(f"CycloneDX 1.6 schema: {'valid' if error is None else error}")
    if error is not None:
        failures.append("CycloneDX invalid")
    if len(sys.argv) > 5:
        scan = open(sys.argv[5]).read()
        error = JsonStrictValidator(SchemaVersion.V1_6).validate_str(scan)
        vulnerabilities = json.loads(scan).get("vulnerabilities", [])
        print(f"CycloneDX 1.6 scan report ({len(vulnerabilities)} vulnerabilities): {'valid' if error is None else error}")
        if error is not None or not vulnerabilities:
            failures.append("CycloneDX scan report invalid or without vulnerabilities")

    from spdx_tools.spdx.parser.parse_anything import parse_file
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document
    messages = validate_full_spdx_document(parse_file(spdx_path))
    print(f"SPDX 2.3 validation: {'valid' if not messages else f'{len(messages)} problems'}")
    for message in messages[:10]:
        print("  ", message.validation_message)
    if messages:
        failures.append("SPDX invalid")

    ntia = subprocess.run(["ntia-checker", "-r", "json", spdx_path], capture_output=True, text=True)
    try:
        result = json.loads(ntia.stdout)
    except json.JSONDecodeError:
        print(ntia.stdout, ntia.stderr)
        failures.append("ntia-checker gave no JSON")
        result = {}
    elements = {key: bool(result.get(key)) for key in ("authorNameProvided", "timestampProvided", "dependencyRelationshipsProvided")}
    for key in ("componentNames", "componentVersions", "componentIdentifiers", "componentSuppliers"):
        elements[key] = bool(result.get(key, {}).get("allProvided"))
    print("NTIA minimum elements:", ", ".join(f"{k}={v}" for k, v in elements.items()))
    missing = [k for k, v in elements.items() if not v and k != "componentSuppliers"]
    if missing:
        failures.append(f"NTIA elements missing: {missing}")

    spdx = json.load(open(spdx_path))
    packages = [p for p in spdx["packages"] if not p["SPDXID"].startswith("SPDXRef-DocumentRoot")]
    supplied = sum(1 for p in packages if p.get("supplier", "NOASSERTION") != "NOASSERTION")
    print(f"Supplier coverage: {supplied} of {len(packages)} packages (Syft 1.18.1: 91 of 148)")
    if supplied < 91:
        failures.append("supplier coverage below Syft's")

    hawser = {(p["name"], p["version"], p["type"]) for p in json.load(open(hawser_path))["packages"]}
    syft = {(a["name"], a["version"], a["type"]) for a in json.load(open(syft_path))["artifacts"]}
    only_syft = sorted(syft - hawser)
    only_hawser = sorted(hawser - syft)
    by_type = {}
    for _, _, kind in syft:
        by_type[kind] = by_type.get(kind, 0) + 1
    print(f"Syft: {len(syft)} packages {dict(sorted(by_type.items()))}; Hawser: {len(hawser)}")
    for item in only_syft:
        print("  only Syft:  ", *item)
    for item in only_hawser:
        print("  only Hawser:", *item)
    if only_syft:
        failures.append(f"{len(only_syft)} Syft packages missing")

    print("SBOM checks:", "passed" if not failures else "FAILED: " + "; ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
