#!/usr/bin/env bash
# bench-preview.sh - the second policy figure of issue "Evaluate": `POST /v1/policies/{id}/preview`
# of one bundle over 1,000 stored images (target <= 5 s).
#
# The test image is analysed from the local registry; its stored SBOM is then imported N-1 more
# times under other digests and tags (as `hawser image add` of SBOMs would), so every image has the
# test image's 147 packages and vulnerability matches. The copies carry no file list: the file
# records are stored apart and the preview reads them only when a bundle has a `files` rule (the
# bundle here has none, as the default has none). The bundle is the default without its two
# vulnerability-severity rules, so every image (STOP today, for its critical vulnerabilities) would change.
#
#   bash scripts/bench-preview.sh [--build] [--images N] [--profile]   (--profile: `perf record` the server during a 4th run)
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
BUILD=0; IMAGES=1000; PROFILE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD=1; shift ;;
    --profile) PROFILE=1; shift ;;
    --images) IMAGES=$2; shift 2 ;;
    *) echo "bench-preview.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
eval "$(bash scripts/test-env.sh --print-env)"
command -v swift >/dev/null || export PATH=/opt/swift/usr/bin:$PATH
[ "$BUILD" = 0 ] || swift build -c release --product hawser
HAWSER=$REPO/.build/release/hawser
[ -x "$HAWSER" ] || { echo "bench-preview.sh: no $HAWSER (run with --build)" >&2; exit 1; }
OUT=$REPO/bench-out; mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/hawser-bench-preview.XXXXXX)
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

DB=$OUT/vulndb.sqlite
# Rebuilt when missing or of another schema version.
"$HAWSER" db status --db "$DB" >/dev/null 2>&1 || "$HAWSER" db build --from "$REPO/../shared/feeds" --db "$DB" >/dev/null 2>&1
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URL=http://127.0.0.1:$PORT/v1
HAWSER_ADMIN_PASSWORD=foobar HAWSER_CACHE_DIR=$WORK/cache "$HAWSER" serve --data-dir "$WORK/data" --vuln-db "$DB" \
  --listen "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do curl -fsS "$URL/../health" >/dev/null 2>&1 && break; sleep 0.1; done
AUTH=(-u admin:foobar -H 'Content-Type: application/json')
curl -fsS "${AUTH[@]}" -o /dev/null -d "{\"registry\": \"$HAWSER_TEST_REGISTRY\", \"registry_user\": \"$HAWSER_TEST_REGISTRY_USER\", \
\"registry_pass\": \"$HAWSER_TEST_REGISTRY_PASSWORD\", \"registry_verify\": false}" "$URL/registries"
DIGEST=$(curl -fsS "${AUTH[@]}" -d "{\"tag\": \"$HAWSER_TEST_REGISTRY/fixture/app:latest\"}" "$URL/images" | jq -r '.[0].imageDigest')
until status=$(curl -fsS "${AUTH[@]}" "$URL/images/$DIGEST" | jq -r '.[0].analysis_status') && [ "$status" = analyzed ]; do
  [ "$status" != analysis_failed ] || { echo "bench-preview.sh: the analysis failed:" >&2; tail -3 "$WORK/server.log" >&2; exit 1; }
  sleep 0.1
done
curl -fsS "${AUTH[@]}" "$URL/images/$DIGEST/sboms/native" >"$WORK/sbom.json"

python3 "$REPO/scripts/bench_seed.py" "$URL" "$WORK/sbom.json" $((IMAGES - 1))
ACTIVE=$(curl -fsS "${AUTH[@]}" "$URL/policies" | jq -r 'map(select(.active)) | .[0].policyId')
curl -fsS "${AUTH[@]}" "$URL/policies/$ACTIVE" | jq '.[0].policybundle' >"$WORK/default.json"
python3 - "$WORK/default.json" "$WORK/bundle.json" <<'PY'
import json, sys
bundle = json.load(open(sys.argv[1]))
bundle["id"] = "bench-stricter"; bundle["name"] = "stricter"
for policy in bundle.get("policies", []) + bundle.get("rule_sets", []):
    policy["rules"] = [rule for rule in policy["rules"] if not (rule["gate"] == "vulnerabilities" and rule["trigger"] == "package")]
json.dump(bundle, open(sys.argv[2], "w"))
PY
curl -fsS "${AUTH[@]}" -o /dev/null -d @"$WORK/bundle.json" "$URL/policies"
stored=$(curl -fsS "${AUTH[@]}" "$URL/images" | jq 'map(select(.analysis_status == "analyzed")) | length')
for run in 1 2 3; do
  start=$(date +%s%N)
  curl -fsS "${AUTH[@]}" -X POST "$URL/policies/bench-stricter/preview" >"$WORK/preview.json"
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  echo "preview run $run: $ms ms over $(jq .images_checked "$WORK/preview.json") images ($(jq '.changes | length' "$WORK/preview.json") would change)"
done | tee "$OUT/preview.txt"
if [ "$PROFILE" = 1 ]; then
  perf record -g -o "$OUT/preview.perf" -p "$SERVER_PID" -- sleep 15 >/dev/null 2>&1 &
  PERF_PID=$!
  sleep 1
  curl -fsS "${AUTH[@]}" -X POST "$URL/policies/bench-stricter/preview" >/dev/null
  wait "$PERF_PID" || true
  perf report -i "$OUT/preview.perf" --no-children --sort symbol 2>/dev/null | grep -v '^#' | grep -v '^$' | head -40 >"$OUT/preview-profile.txt"
fi
echo "policy preview of one bundle over $stored stored images: median $(awk '{print $4}' "$OUT/preview.txt" | sort -n | sed -n 2p) ms of 3"
