#!/usr/bin/env bash
# run-main.sh - the "main job": Hawser as a service on its embedded default store.
#
#   bash scripts/run-main.sh
#
# 1. apt deps, the real test image and the local registry holding it (scripts/test-env.sh).
# 2. swift build -c release
# 3. a vulnerability DB built from ../shared/feeds (the embedded default data; no network needed).
# 4. `hawser serve` on SQLite in a fresh data dir; the registry's credentials, the image added from
#    the registry, waited for, and its vulnerabilities, contents and policy result (the default
#    bundle) printed with Hawser's client commands (anchore-cli works the same way); then the server is stopped.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
section() { printf '\n======== %s ========\n' "$*"; }
command -v swift >/dev/null || export PATH=/opt/swift/usr/bin:$PATH

section "deps, test image, local registry (scripts/test-env.sh)"
eval "$(bash scripts/test-env.sh --print-env)"
echo "image: $HAWSER_TEST_IMAGE_DIR, registry: $HAWSER_TEST_REGISTRY"

section "swift build -c release"
swift build -c release --product hawser
HAWSER=$REPO/.build/release/hawser

WORK=$(mktemp -d /tmp/hawser-main.XXXXXX)
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

section "vulnerability DB from ../shared/feeds"
"$HAWSER" db build --from "$REPO/../shared/feeds" --db "$WORK/vulndb.sqlite" 2>/dev/null | tail -1

section "hawser serve (SQLite in $WORK/data)"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export HAWSER_ADMIN_PASSWORD=foobar HAWSER_URL=http://127.0.0.1:$PORT/v1 HAWSER_USER=admin HAWSER_PASS=foobar
"$HAWSER" serve --data-dir "$WORK/data" --vuln-db "$WORK/vulndb.sqlite" --listen "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null || { cat "$WORK/server.log"; exit 1; }
"$HAWSER" system status

IMAGE=$HAWSER_TEST_REGISTRY/fixture/app:latest
section "registry credentials, image add, wait"
curl -fsS -u admin:foobar -H 'Content-Type: application/json' -o /dev/null \
  -d "{\"registry\": \"$HAWSER_TEST_REGISTRY\", \"registry_user\": \"$HAWSER_TEST_REGISTRY_USER\", \"registry_pass\": \"$HAWSER_TEST_REGISTRY_PASSWORD\", \"registry_verify\": false}" \
  "$HAWSER_URL/registries"
"$HAWSER" image add "$IMAGE"
start=$(date +%s.%N)
"$HAWSER" image wait "$IMAGE"
echo "analyzed in $(python3 -c "print(round($(date +%s.%N) - $start, 1))") s after it was queued"

section "hawser image vuln $IMAGE"
"$HAWSER" image vuln "$IMAGE" >"$WORK/vulns.txt"
head -25 "$WORK/vulns.txt"
echo "... ($(( $(wc -l <"$WORK/vulns.txt") - 1 )) vulnerabilities in all)"

section "hawser image content $IMAGE python"
"$HAWSER" image content "$IMAGE" python

section "hawser image check $IMAGE (the default policy bundle)"
# Exit 1 means the image fails the policy - the expected result for this image, not an error of the job.
"$HAWSER" image check "$IMAGE" >"$WORK/check.txt" || true
head -12 "$WORK/check.txt"
echo "... ($(( $(wc -l <"$WORK/check.txt") - 2 )) findings in all)"

section "stopping the server"
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
tail -3 "$WORK/server.log"
