#!/usr/bin/env bash
# bench-files.sh - how fast is `hawser files` compared with just gunzipping the layers?
#
#   bash scripts/bench-files.sh [--build] [--runs N]
#     --build    run `swift build -c release` first (otherwise .build/release/hawser must exist)
#     --runs N   hyperfine runs per command (default 10, after 1 warm-up run)
#
# On the real test image (oci/ layout from scripts/test-env.sh --image-only) it runs, side
# by side in one hyperfine run:
#   (a) gunzip   gzip -dc <every layer blob of the image> > /dev/null   (the floor: pure inflate)
#   (b) hawser   .build/release/hawser files oci-dir:$IMG/oci -o json > /dev/null
# then measures the peak RSS of (b) with GNU time, and prints mean times, ratio b/a and
# peak RSS. Raw results go to bench-out/ (git-ignored).
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
BUILD=0; RUNS=10
while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD=1; shift ;;
    --runs) RUNS=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-files.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

# hyperfine and GNU time (/usr/bin/time; the shell keyword `time` has no -v) from apt.
missing=()
for p in hyperfine time; do
  [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Test image only (no registries needed); sets HAWSER_TEST_IMAGE_DIR.
eval "$(bash scripts/test-env.sh --image-only --print-env)"
IMG=$HAWSER_TEST_IMAGE_DIR

command -v swift >/dev/null || export PATH=/opt/swift/usr/bin:$PATH
if [ "$BUILD" = 1 ]; then swift build -c release; fi
HAWSER=$REPO/.build/release/hawser
[ -x "$HAWSER" ] || { echo "bench-files.sh: no $HAWSER (run with --build)" >&2; exit 1; }

# Layer blobs: oci/index.json -> manifest -> .layers[] -> oci/blobs/sha256/<hex>.
BLOBS=$IMG/oci/blobs/sha256
MANIFEST=$BLOBS/$(jq -r '.manifests[0].digest | sub("^sha256:"; "")' "$IMG/oci/index.json")
mapfile -t LAYERS < <(jq -r --arg b "$BLOBS" '.layers[].digest | sub("^sha256:"; "") | "\($b)/\(.)"' "$MANIFEST")
[ ${#LAYERS[@]} -gt 0 ] || { echo "bench-files.sh: no layers in $MANIFEST" >&2; exit 1; }
echo "image: $IMG/oci  (${#LAYERS[@]} layers, $(du -cb "${LAYERS[@]}" | tail -1 | cut -f1 | numfmt --to=iec) compressed)"

OUT=$REPO/bench-out; mkdir -p "$OUT"
# hyperfine runs these through a shell: quote the paths for it.
CMD_A="gzip -dc $(printf '%q ' "${LAYERS[@]}")> /dev/null"
CMD_B="$(printf '%q' "$HAWSER") files $(printf '%q' "oci-dir:$IMG/oci") -o json > /dev/null"
"$HAWSER" files "oci-dir:$IMG/oci" -o json >/dev/null   # fail early and clearly if (b) is broken

hyperfine --warmup 1 --runs "$RUNS" --export-json "$OUT/bench-files.json" \
  -n gunzip "$CMD_A" -n hawser "$CMD_B"

/usr/bin/time -v -o "$OUT/bench-files.time" "$HAWSER" files "oci-dir:$IMG/oci" -o json >/dev/null
RSS_KB=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$OUT/bench-files.time")

jq -r --argjson rss "$RSS_KB" '
  (.results[] | select(.command == "gunzip") | .mean) as $a
  | (.results[] | select(.command == "hawser") | .mean) as $b
  | "\nmean (a) gzip -dc layers : \($a * 1000 | floor) ms",
    "mean (b) hawser files    : \($b * 1000 | floor) ms",
    "ratio b/a                : \($b / $a * 100 | round / 100)",
    "peak RSS (b)             : \($rss / 1024 * 10 | round / 10) MB"' "$OUT/bench-files.json"
