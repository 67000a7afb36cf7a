#!/usr/bin/env bash
# bench-watch.sh - the figures of issue "Watch mode":
#   1. bringing 1,000 stored reports up to date after a feed change (target <= 5 s): the test image is
#      analysed from the local registry and its SBOM imported 999 more times (scripts/bench_seed.py);
#      then POST /v1/system/feeds syncs feeds served from ../shared/feeds in the publishers' layout by
#      scripts/feed_mirror.py. The server logs how many reports it re-matched (from the stored SBOMs,
#      no pull), how many the sync did not touch (marked current without matching) and the time:
#      a. CISA KEV with one new entry for a CVE no image has (3 syncs): nothing is touched;
#      b. a new OSV record for requests, which every image has (3 syncs): all 1,000 are re-matched,
#         diffed and notified (the worst case).
#      The server's CPU time of each touching sync (sync + re-match) is printed too: steadier than wall time here.
#   2. notification latency (target <= 1 s): POST /v1/system/webhooks/general/test to a receiver on
#      loopback, 20 times; median and max from the API call to the receiver having the body.
#
#   With --distinct-layers the copies share no package entry (scripts/bench_seed.py), so only the
#   lookups are shared between them, not the decoded packages.
#
#   bash scripts/bench-watch.sh [--build] [--images N] [--distinct-layers]
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
BUILD=0; IMAGES=1000; SEED_OPTIONS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD=1; shift ;;
    --images) IMAGES=$2; shift 2 ;;
    --distinct-layers) SEED_OPTIONS+=(--distinct-layers); shift ;;
    *) echo "bench-watch.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
eval "$(bash scripts/test-env.sh --print-env)"
command -v swift >/dev/null || export PATH=/opt/swift/usr/bin:$PATH
[ "$BUILD" = 0 ] || swift build -c release --product hawser
HAWSER=${HAWSER_BENCH_BIN:-$REPO/.build/release/hawser}  # HAWSER_BENCH_BIN: another release build (e.g. .build-static)
[ -x "$HAWSER" ] || { echo "bench-watch.sh: no $HAWSER (run with --build)" >&2; exit 1; }
OUT=$REPO/bench-out; mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/hawser-bench-watch.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

DB=$OUT/vulndb.sqlite
# Rebuilt when missing or of another schema version; the server syncs a copy.
"$HAWSER" db status --db "$DB" >/dev/null 2>&1 || "$HAWSER" db build --from "$REPO/../shared/feeds" --db "$DB" >/dev/null 2>&1
cp "$DB" "$WORK/vulndb.sqlite"
MIRROR_PORT=$(port); RECEIVER_PORT=$(port); PORT=$(port)
python3 scripts/feed_mirror.py "$MIRROR_PORT" & PIDS+=($!)
python3 - "$RECEIVER_PORT" "$WORK/received" <<'PY' & PIDS+=($!)
import sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
out = open(sys.argv[2], "a", buffering=1)
class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        out.write(f"{time.time()} {self.headers.get('X-Hawser-Delivery')}\n")
        self.send_response(200)
        self.end_headers()
    def log_message(self, *args):
        pass
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
PY
URL=http://127.0.0.1:$PORT/v1
HAWSER_ADMIN_PASSWORD=foobar HAWSER_CACHE_DIR=$WORK/cache HAWSER_FEED_MIRROR_URL=http://127.0.0.1:$MIRROR_PORT HAWSER_FEED_SOURCES=kev,osv \
  HAWSER_FEED_SYNC_SECONDS=0 HAWSER_WEBHOOK_URL=http://127.0.0.1:$RECEIVER_PORT/hook \
  "$HAWSER" serve --data-dir "$WORK/data" --vuln-db "$WORK/vulndb.sqlite" --listen "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
PIDS+=($SERVER_PID)
# The server's CPU time so far (user + system, seconds): less noisy than wall time on a shared VM.
cpu_seconds() { awk -v tick="$(getconf CLK_TCK)" '{printf "%.2f\n", ($14 + $15) / tick}' "/proc/$SERVER_PID/stat"; }
for _ in $(seq 100); do curl -fsS "$URL/../health" >/dev/null 2>&1 && break; sleep 0.1; done
AUTH=(-u admin:foobar -H 'Content-Type: application/json')
curl -fsS "${AUTH[@]}" -o /dev/null -d "{\"registry\": \"$HAWSER_TEST_REGISTRY\", \"registry_user\": \"$HAWSER_TEST_REGISTRY_USER\", \
\"registry_pass\": \"$HAWSER_TEST_REGISTRY_PASSWORD\", \"registry_verify\": false}" "$URL/registries"
DIGEST=$(curl -fsS "${AUTH[@]}" -d "{\"tag\": \"$HAWSER_TEST_REGISTRY/fixture/app:latest\"}" "$URL/images" | jq -r '.[0].imageDigest')
until status=$(curl -fsS "${AUTH[@]}" "$URL/images/$DIGEST" | jq -r '.[0].analysis_status') && [ "$status" = analyzed ]; do
  [ "$status" != analysis_failed ] || { echo "bench-watch.sh: the analysis failed:" >&2; tail -3 "$WORK/server.log" >&2; exit 1; }
  sleep 0.1
done
curl -fsS "${AUTH[@]}" "$URL/images/$DIGEST/sboms/native" >"$WORK/sbom.json"
python3 scripts/bench_seed.py "$URL" "$WORK/sbom.json" $((IMAGES - 1)) "${SEED_OPTIONS[@]}"

# 1a. Three syncs, each serving a KEV catalogue with one more entry (a CVE no image has). The first
#     sync also fetches the OSV dumps, which hold what the DB was built from: no change either.
KEV=$REPO/../shared/feeds/kev/known_exploited_vulnerabilities.json
for run in 1 2 3; do
  python3 - "$KEV" "$run" >"$WORK/kev.json" <<'PY'
import json, sys
catalogue = json.load(open(sys.argv[1]))
catalogue["vulnerabilities"].append(dict(catalogue["vulnerabilities"][0], cveID=f"CVE-2099-{int(sys.argv[2]):04d}"))
json.dump(catalogue, sys.stdout)
PY
  curl -fsS -X PUT --data-binary @"$WORK/kev.json" "http://127.0.0.1:$MIRROR_PORT/__override__/www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json"
  curl -fsS "${AUTH[@]}" -X POST "$URL/system/feeds" >/dev/null
done
# 1b. Three syncs, each with a new OSV record for requests: every stored image is touched.
: >"$OUT/rematch-cpu.txt"
for run in 1 2 3; do
  curl -fsS -X PUT "http://127.0.0.1:$MIRROR_PORT/__publish__/BENCH-2099-$run?modified=2099-01-0${run}T00:00:00Z"
  before=$(cpu_seconds)
  curl -fsS "${AUTH[@]}" -X POST "$URL/system/feeds" >/dev/null
  python3 -c "print(round($(cpu_seconds) - $before, 2))" >>"$OUT/rematch-cpu.txt"
done
grep 're-matched stored images' "$WORK/server.log" \
  | sed -n 's/.*changed=\([0-9]*\) rematched=\([0-9]*\) seconds=\([0-9.]*\) untouched=\([0-9]*\).*/\2 \4 \3 \1/p' >"$OUT/rematch.txt"
while read -r count untouched seconds changed; do
  echo "after a feed sync: $count re-matched ($changed changed), $untouched untouched, in $seconds s"
done <"$OUT/rematch.txt"
[ "$(wc -l <"$OUT/rematch.txt")" = 6 ] || { echo "bench-watch.sh: expected 6 syncs in the log" >&2; exit 1; }
echo "1,000 stored reports after a sync touching none of them: median $(sed -n 1,3p "$OUT/rematch.txt" | awk '{print $3}' | sort -n | sed -n 2p) s of 3"
echo "1,000 stored reports after a sync touching all of them (all re-matched): median $(sed -n 4,6p "$OUT/rematch.txt" | awk '{print $3}' | sort -n | sed -n 2p) s of 3"
echo "server CPU time of each such sync (the sync itself and the re-match, user + system): $(paste -sd' ' "$OUT/rematch-cpu.txt") s"

# 2. Notification latency.
: >"$OUT/latency.txt"
for _ in $(seq 20); do
  start=$(date +%s.%N)
  id=$(curl -fsS "${AUTH[@]}" -X POST "$URL/system/webhooks/general/test?notification_type=tag_update" | jq -r '.queued[0]')
  for _ in $(seq 500); do grep -q " $id$" "$WORK/received" 2>/dev/null && break; sleep 0.002; done
  arrived=$(awk -v id="$id" '$2 == id {print $1}' "$WORK/received")
  python3 -c "print(round(($arrived - $start) * 1000))" >>"$OUT/latency.txt"
done
echo "notification latency (API call -> receiver has it), 20 sends: median $(sort -n "$OUT/latency.txt" | sed -n 10p) ms, max $(sort -n "$OUT/latency.txt" | tail -1) ms"
