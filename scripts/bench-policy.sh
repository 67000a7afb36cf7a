#!/usr/bin/env bash
# bench-policy.sh - the policy figure of issue "Evaluate": the default bundle evaluated on an image
# with >= 2,000 vulnerability matches (target <= 10 ms; the evaluation alone, as `--timing` reports it,
# median of 11 runs). The image is a CycloneDX SBOM of PyPI packages at version 0.0.1, chosen from
# the vulnerability DB so that each has records (built from ../shared/feeds when missing).
#
#   bash scripts/bench-policy.sh [--build]
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
command -v swift >/dev/null || export PATH=/opt/swift/usr/bin:$PATH
[ "${1:-}" != --build ] || swift build -c release --product hawser
HAWSER=$REPO/.build/release/hawser
[ -x "$HAWSER" ] || { echo "bench-policy.sh: no $HAWSER (run with --build)" >&2; exit 1; }
OUT=$REPO/bench-out; mkdir -p "$OUT"
DB=$OUT/vulndb.sqlite
# Rebuilt when missing or of another schema version.
"$HAWSER" db status --db "$DB" >/dev/null 2>&1 || "$HAWSER" db build --from "$REPO/../shared/feeds" --db "$DB" >/dev/null 2>&1
python3 - "$DB" "$OUT/many-matches.cdx.json" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
names = [row[0] for row in db.execute(
    "SELECT package_name FROM record WHERE namespace = 'pypi' GROUP BY package_name ORDER BY count(*) DESC LIMIT 900")]
components = [{"type": "library", "bom-ref": f"p{i}", "name": n, "version": "0.0.1", "purl": f"pkg:pypi/{n}@0.0.1"} for i, n in enumerate(names)]
json.dump({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
           "metadata": {"component": {"type": "container", "name": "bench/many-matches:latest"}}, "components": components}, open(sys.argv[2], "w"))
PY
rm -f "$OUT/policy.timing"
for _ in $(seq 11); do
  "$HAWSER" policy eval --db "$DB" --timing -o json "sbom:$OUT/many-matches.cdx.json" >/dev/null 2>>"$OUT/policy.timing" || true
done
matches=$(awk '/timing: evaluate/ {print $5}' "$OUT/policy.timing" | head -1 | tr -d '(')
median=$(awk '/timing: evaluate/ {print $3}' "$OUT/policy.timing" | sort -n | sed -n 6p)
echo "default bundle on $matches matches: $median ms (median of 11; min $(awk '/timing: evaluate/ {print $3}' "$OUT/policy.timing" | sort -n | head -1) ms)"
