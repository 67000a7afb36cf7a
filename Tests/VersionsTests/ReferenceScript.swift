// The reference helper the differential tests run (kept here, not as a .py file, so SwiftPM
// has no unhandled resource in this target). Python 3; see the docstring for its modes.
enum ReferenceScript {
    static let source = #"""
"""Reference orderings for Hawser's differential version tests.

usage: reference_versions.py MODE FEEDS_DIR OUT_JSON
  MODE  dpkg    Debian OVAL (bookworm) evr values, compared with python3-apt (apt_pkg), which
                is cross-checked against `dpkg --compare-versions` on a sample; without
                python3-apt, `dpkg --compare-versions` alone on fewer pairs.
        rpm     RHEL 9 and Rocky 9 OVAL evr values, compared with python3-rpm (rpm.ver / labelCompare).
        pep440  OSV PyPI versions and range events, compared with packaging.version.Version;
                also reports which strings packaging rejects.
        semver  OSV crates.io versions and events, compared with node-semver (npm's `semver`).
        go      OSV Go module versions and events (with a "v"), compared with node-semver.
        maven   seeded synthetic Maven versions (no Maven feed here), compared with Maven's own
                org.apache.maven.artifact.versioning.ComparableVersion (java).
Writes {"tool": ..., "pairs": [{"a", "b", "c"}], "synthetic": [{"a", "b", "c"}],
"versions": [{"v", "ok", "n"}], "crosscheck": {...}}.
Feed pairs are chosen deterministically: neighbours in sorted order (similar versions),
versions listed together for one package, and seeded random pairs. "synthetic" pairs come from
seeded random strings built from each scheme's tricky pieces (separators, ~, ^, letters,
leading zeros), for paths the feeds never take.
"""
import bz2
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

EVR = re.compile(rb"<(?:[A-Za-z0-9_-]+:)?evr\b[^>]*>([^<]+)</(?:[A-Za-z0-9_-]+:)?evr>")


def sign(x):
    return (x > 0) - (x < 0)


def oval_evrs(path):
    with bz2.open(path) as f:
        data = f.read()
    return {m.decode("utf-8").strip() for m in EVR.findall(data)}


def neighbour_pairs(versions, width, random_count, seed):
    versions = sorted(versions)
    rng = random.Random(seed)
    pairs = set()
    for i, v in enumerate(versions):
        for k in range(1, width + 1):
            if i + k < len(versions):
                pairs.add((v, versions[i + k]))
    for _ in range(random_count):
        a, b = rng.choice(versions), rng.choice(versions)
        pairs.add((a, b) if rng.random() < 0.5 else (b, a))
    return pairs


def synthetic(make, count, seed):
    rng = random.Random(seed)
    out = set()
    while len(out) < count:
        out.add(make(rng))
    return out


def pieces(rng, choices, low, high):
    return "".join(rng.choice(choices) for _ in range(rng.randint(low, high)))


def synthetic_deb(rng):
    epoch = rng.choice(["", "", "", "0:", "1:", "10:"])
    upstream = rng.choice(["0", "1", "2", "9", "10", "01"]) + pieces(
        rng, ["0", "1", "2", "10", "00", "a", "b", "z", "A", "~", "~~", "+", ".", "-"], 0, 6)
    revision = rng.choice(["", "", "-" + pieces(rng, ["0", "1", "2", "a", "z", "~", "+", "."], 1, 4)])
    version = epoch + upstream + revision
    if version.endswith("-") or "--" in version:
        version = version.rstrip("-").replace("--", "-")
    return version if version and not version.endswith("-") else "1"


def synthetic_rpm(rng):
    epoch = rng.choice(["", "", "0:", "1:", "2:"])
    version = rng.choice(["0", "1", "2", "a"]) + pieces(
        rng, ["0", "1", "2", "10", "01", "a", "b", "z", "Z", "~", "^", ".", "_", "+"], 0, 6)
    release = rng.choice(["", "-" + pieces(rng, ["0", "1", "2", "10", "el", "a", "~", "^", ".", "_"], 1, 4)])
    return epoch + version + release


def synthetic_pep440(rng):
    return pieces(rng, ["1", "0", "2", "10", "00", ".", ".", "-", "_", "a", "b", "c", "rc", "alpha", "beta",
                        "pre", "preview", "post", "rev", "r", "dev", "+", "local", "ubuntu", "v", "!", "A",
                        "RC", "Post", " "], 1, 7)


def dpkg_cli(a, b):
    if subprocess.run(["dpkg", "--compare-versions", a, "lt", b]).returncode == 0:
        return -1
    if subprocess.run(["dpkg", "--compare-versions", a, "eq", b]).returncode == 0:
        return 0
    return 1


def mode_dpkg(feeds):
    versions = oval_evrs(f"{feeds}/debian/oval/oval-definitions-bookworm.xml.bz2")
    try:
        import apt_pkg
    except ImportError:
        apt_pkg = None
    if apt_pkg is None:
        pairs = sorted(neighbour_pairs(versions, 1, 0, 12))[:6000]
        return {"tool": "dpkg --compare-versions", "pairs": [(a, b, dpkg_cli(a, b)) for a, b in pairs]}
    apt_pkg.init_system()
    pairs = neighbour_pairs(versions, 3, 6000, 12)
    # Epoch 0 written and omitted must be equal.
    pairs |= {(v, v[2:]) for v in versions if v.startswith("0:")}
    pairs = sorted(pairs)
    result = [(a, b, sign(apt_pkg.version_compare(a, b))) for a, b in pairs]
    fuzz = sorted(neighbour_pairs(synthetic(synthetic_deb, 4000, 21), 2, 2000, 22))
    fuzz_result = [(a, b, sign(apt_pkg.version_compare(a, b))) for a, b in fuzz]
    rng = random.Random(1)
    sample = rng.sample(result, min(150, len(result))) + rng.sample(fuzz_result, min(150, len(fuzz_result)))
    disagreements = [[a, b, c, dpkg_cli(a, b)] for a, b, c in sample if dpkg_cli(a, b) != c]
    return {
        "tool": f"python3-apt {apt_pkg.VERSION} (cross-checked with dpkg --compare-versions on {len(sample)} pairs)",
        "pairs": result,
        "synthetic": fuzz_result,
        "crosscheck": {"checked": len(sample), "disagreements": disagreements},
    }


def mode_rpm(feeds):
    import rpm

    versions = oval_evrs(f"{feeds}/redhat/oval/com.redhat.rhsa-RHEL9.xml.bz2")
    versions |= oval_evrs(f"{feeds}/rocky/oval/org.rockylinux.rlsa-9.xml.bz2")
    # The same EVRs with "0:" omitted, and every version with its release dropped.
    versions |= {v[2:] for v in versions if v.startswith("0:")}
    versions |= {v.rpartition("-")[0] for v in sorted(versions)[::7] if "-" in v}
    pairs = neighbour_pairs(versions, 12, 4000, 9)

    def split(evr):
        epoch, sep, rest = evr.partition(":")
        if not sep or not epoch.isdigit():
            epoch, rest = "0", evr
        version, sep, release = rest.rpartition("-")
        if not sep:
            return (epoch or "0", rest, None)
        return (epoch or "0", version, release)

    def compare(a, b):
        return sign(rpm.labelCompare(split(a), split(b)))

    result = [(a, b, compare(a, b)) for a, b in sorted(pairs)]
    fuzz = sorted(neighbour_pairs(synthetic(synthetic_rpm, 4000, 31), 2, 2000, 32))
    return {
        "tool": f"python3-rpm {rpm.__version__} rpm.labelCompare",
        "pairs": result,
        "synthetic": [(a, b, compare(a, b)) for a, b in fuzz],
    }


def mode_pep440(feeds):
    from packaging import __version__ as packaging_version
    from packaging.version import InvalidVersion, Version

    groups = []
    strings = set()
    with zipfile.ZipFile(f"{feeds}/osv/PyPI/all.zip") as z:
        for name in sorted(z.namelist()):
            if not name.endswith(".json"):
                continue
            record = json.loads(z.read(name))
            for affected in record.get("affected", []):
                listed = list(affected.get("versions", []))
                events = [v for r in affected.get("ranges", []) if r.get("type") == "ECOSYSTEM"
                          for e in r.get("events", []) for v in e.values()]
                strings.update(listed)
                strings.update(events)
                groups.append((listed, events))
    fuzz_strings = synthetic(synthetic_pep440, 6000, 41)
    parsed = {}
    for s in strings | fuzz_strings:
        try:
            parsed[s] = Version(s)
        except InvalidVersion:
            parsed[s] = None
    rng = random.Random(440)
    pairs = set()
    for listed, events in groups:
        good = [v for v in listed if parsed[v] is not None]
        for a, b in zip(good, good[1:]):
            pairs.add((a, b))
        for e in events:
            if parsed.get(e) is not None and good:
                pairs.add((e, rng.choice(good)))
    pairs = sorted(pairs)
    pairs = sorted(rng.sample(pairs, min(24000, len(pairs))))
    valid = sorted(s for s in strings if parsed[s] is not None)
    extra = neighbour_pairs(valid, 1, 4000, 4400)
    pairs = sorted(set(pairs) | extra)

    def compare(a, b):
        x, y = parsed[a], parsed[b]
        return -1 if x < y else (0 if x == y else 1)

    fuzz_valid = [s for s in fuzz_strings if parsed[s] is not None]
    fuzz = sorted(neighbour_pairs(fuzz_valid, 2, 2000, 42))
    return {
        "tool": f"packaging {packaging_version}",
        "pairs": [(a, b, compare(a, b)) for a, b in pairs],
        "synthetic": [(a, b, compare(a, b)) for a, b in fuzz],
        "versions": [(s, parsed[s] is not None, str(parsed[s]) if parsed[s] is not None else "")
                     for s in sorted(strings | fuzz_strings)],
    }


SEMVER_MODULES = [
    "/usr/share/nodejs/semver",
    "/usr/lib/node_modules/npm/node_modules/semver",
    "/usr/share/nodejs/npm/node_modules/semver",
    "/usr/local/lib/node_modules/npm/node_modules/semver",
]

NODE_COMPARE = r"""
const fs = require("fs");
const semver = require(process.argv[2]);
const input = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const valid = {};
for (const v of input.versions) valid[v] = semver.valid(v) !== null;
const pairs = input.pairs.filter(([a, b]) => valid[a] && valid[b]).map(([a, b]) => [a, b, semver.compare(a, b)]);
let version = "";
try { version = require(process.argv[2] + "/package.json").version; } catch (e) {}
fs.writeFileSync(process.argv[4], JSON.stringify({version, valid, pairs}));
"""


def node_semver(versions, pairs):
    node = shutil.which("node") or shutil.which("nodejs")
    module = next((m for m in SEMVER_MODULES if os.path.exists(os.path.join(m, "package.json"))), None)
    if node is None or module is None:
        sys.exit("node-semver not found: need node and one of " + ", ".join(SEMVER_MODULES))
    with tempfile.TemporaryDirectory() as tmp:
        script, inp, out = (os.path.join(tmp, n) for n in ("compare.js", "in.json", "out.json"))
        with open(script, "w") as f:
            f.write(NODE_COMPARE)
        with open(inp, "w") as f:
            json.dump({"versions": sorted(versions), "pairs": sorted(pairs)}, f)
        subprocess.run([node, script, module, inp, out], check=True)
        with open(out) as f:
            return json.load(f)


def osv_strings(path, prefix=""):
    """Every affected version and range event of an OSV all.zip, listed per affected package."""
    groups = []
    with zipfile.ZipFile(path) as z:
        for name in sorted(z.namelist()):
            if not name.endswith(".json"):
                continue
            record = json.loads(z.read(name))
            for affected in record.get("affected", []):
                listed = [prefix + v for v in affected.get("versions", [])]
                events = [prefix + v for r in affected.get("ranges", []) if r.get("type") in ("SEMVER", "ECOSYSTEM")
                          for e in r.get("events", []) for k, v in e.items() if not (k == "introduced" and v == "0")]
                groups.append(listed + events)
    return groups


def semver_like(groups, seed):
    rng = random.Random(seed)
    strings = {v for g in groups for v in g}
    pairs = set()
    for g in groups:
        for a, b in zip(g, g[1:]):
            pairs.add((a, b))
        for _ in range(min(len(g), 4)):
            pairs.add((rng.choice(g), rng.choice(g)))
    pairs |= neighbour_pairs(strings, 2, 3000, seed + 1)
    return strings, pairs


def mode_semver(feeds):
    strings, pairs = semver_like(osv_strings(f"{feeds}/osv/crates.io/all.zip"), 50)
    result = node_semver(strings, pairs)
    return {
        "tool": f"node-semver {result['version']} semver.compare",
        "pairs": [tuple(p) for p in result["pairs"]],
        "versions": [(v, ok, "") for v, ok in sorted(result["valid"].items())],
    }


def mode_go(feeds):
    groups = [[v for v in g if v.startswith("v")] for g in osv_strings(f"{feeds}/osv/Go/all.zip", prefix="v")]
    strings, pairs = semver_like(groups, 60)
    result = node_semver(strings, pairs)
    return {
        "tool": f"node-semver {result['version']} semver.compare (Go's semver precedence)",
        "pairs": [tuple(p) for p in result["pairs"]],
        "versions": [(v, ok, "") for v, ok in sorted(result["valid"].items())],
    }


MAVEN_JARS = [
    "/usr/share/java/maven3-artifact.jar",
    "/usr/share/maven/lib/maven-artifact-3.x.jar",
    "/usr/share/java/maven-artifact.jar",
]


def synthetic_maven(rng):
    return rng.choice(["", "", "v"]) + pieces(rng, [
        "0", "1", "2", "10", "00", "01", "123456789012", "1234567890123456789012", ".", ".", "-", "-",
        "alpha", "a", "beta", "b", "milestone", "m", "rc", "cr", "snapshot", "SNAPSHOT", "ga", "final", "release",
        "sp", "x", "abc", "RC", "Final", "jre", "M"], 1, 7)


def mode_maven(feeds):
    java = shutil.which("java")
    jar = next((j for j in MAVEN_JARS if os.path.exists(j)), None)
    if java is None or jar is None:
        sys.exit("Maven's ComparableVersion not found: need java and one of " + ", ".join(MAVEN_JARS))
    strings = synthetic(synthetic_maven, 4000, 70)
    pairs = sorted(neighbour_pairs(strings, 2, 4000, 71))
    # ComparableVersion's main compares each argument with the next: pass a1 b1 a2 b2 ...
    args = [v for pair in pairs for v in pair]
    out = subprocess.run([java, "-cp", jar, "org.apache.maven.artifact.versioning.ComparableVersion", *args],
                         check=True, capture_output=True, text=True).stdout
    results = []
    for line in out.splitlines():
        if line.startswith("   "):
            a, op, b = line.split()
            results.append((a, b, {"<": -1, "==": 0, ">": 1}[op]))
    chosen = results[0::2]
    if [(a, b) for a, b, _ in chosen] != pairs:
        sys.exit("unexpected ComparableVersion output")
    return {"tool": f"Maven ComparableVersion ({os.path.basename(os.path.realpath(jar))})", "pairs": [], "synthetic": chosen}


def main():
    mode, feeds, out = sys.argv[1:4]
    modes = {"dpkg": mode_dpkg, "rpm": mode_rpm, "pep440": mode_pep440, "semver": mode_semver, "go": mode_go,
             "maven": mode_maven}
    data = modes[mode](feeds)
    data["pairs"] = [{"a": a, "b": b, "c": c} for a, b, c in data["pairs"]]
    data["synthetic"] = [{"a": a, "b": b, "c": c} for a, b, c in data.get("synthetic", [])]
    data["versions"] = [{"v": v, "ok": ok, "n": n} for v, ok, n in data.get("versions", [])]
    data.setdefault("crosscheck", {"checked": 0, "disagreements": []})
    with open(out, "w", encoding="utf-8") as f:
        json.dump(data, f)


main()
"""#
}
