#!/usr/bin/env bash
# test.sh - THE test command: prepares the real test environment (test image, basic-auth
# registry, token-auth registry; see scripts/test-env.sh), then builds and runs all tests.
#
#   bash scripts/test.sh [ARGS...]   ARGS go to `swift test` (e.g. --filter ImageSourceTests)
#   bash scripts/test.sh --stop      stop both test registries and exit
#
# HAWSER_REQUIRE_INTEGRATION=1 is set, so integration tests FAIL (not skip) when their
# environment is missing. The registries are left running afterwards (reruns are quicker;
# CI machines are discarded); `--stop` stops them.
# Exit status: that of `swift test` (or of the first step that failed before it).
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"

if [ "${1:-}" = --stop ]; then
  exec bash scripts/test-env.sh --stop
fi

RUN_START=$(date +%s)
# Each section names the minute of the run it starts at, so a slow run shows where its time went.
section() { local t=$(( $(date +%s) - RUN_START )); printf '\n======== [%d:%02d] %s ========\n' $((t / 60)) $((t % 60)) "$*"; }
# Swift 6.3 lives in /opt/swift; a non-login CI shell may not have it on PATH.
command -v swift >/dev/null || export PATH=/opt/swift/usr/bin:$PATH
command -v swift >/dev/null || { echo "test.sh: swift not found (expected /opt/swift/usr/bin)" >&2; exit 1; }

# On a fresh machine, preparing the environment (apt packages, the test image: ~4 min, mostly
# waiting on dpkg and the disk) and building (CPU) overlap: the build needs only the C libraries.
section "apt packages the build needs (scripts/test-env.sh --build-deps)"
bash scripts/test-env.sh --build-deps
ENV_FILE=$(mktemp /tmp/hawser-test-env.XXXXXX)
ENV_LOG=$(mktemp /tmp/hawser-test-env-log.XXXXXX)
bash scripts/test-env.sh --print-env >"$ENV_FILE" 2>"$ENV_LOG" &
ENV_PID=$!

# Packages resolved once, before the two builds start side by side (they would otherwise both
# fetch into SwiftPM's shared cache at once on a fresh machine).
swift package resolve

# The release build the end-to-end checks and Hawser's own image use: the Swift runtime linked in,
# as shipped. It shares the two cores with the debug build and the tests (`nice` would not hold:
# swift-build starts its compiler jobs at the default priority) and is done about when they are.
STATIC_LOG=$(mktemp /tmp/hawser-static-build.XXXXXX)
swift build -c release --static-swift-stdlib --product hawser --scratch-path .build-static >"$STATIC_LOG" 2>&1 &
STATIC_PID=$!
# A step failing below ends the run: the two background jobs end with it.
trap 'kill "$ENV_PID" "$STATIC_PID" 2>/dev/null || true' EXIT

section "swift build --build-tests ($(swift --version 2>&1 | head -1))"
swift build --build-tests

section "test environment (scripts/test-env.sh, prepared during the build)"
env_rc=0
wait "$ENV_PID" || env_rc=$?
cat "$ENV_LOG"
rm -f "$ENV_LOG"
[ "$env_rc" = 0 ] || { echo "test.sh: preparing the test environment failed (exit $env_rc)" >&2; exit "$env_rc"; }
ENV_LINES=$(cat "$ENV_FILE")
rm -f "$ENV_FILE"
eval "$ENV_LINES"
export HAWSER_REQUIRE_INTEGRATION=1
printf '%s\n' "$ENV_LINES" "export HAWSER_REQUIRE_INTEGRATION=1"

section "swift test $*"
LOG=$(mktemp /tmp/hawser-swift-test.XXXXXX)
set +e
swift test "$@" 2>&1 | tee "$LOG"
rc=${PIPESTATUS[0]}
set -e

section "swift test exit status: $rc"

section "release build with the Swift runtime linked in (--static-swift-stdlib; started with the debug build)"
static_rc=0
wait "$STATIC_PID" || static_rc=$?
tail -3 "$STATIC_LOG"
STATIC_BIN=$REPO/.build-static/release/hawser
if [ "$static_rc" = 0 ] && [ -x "$STATIC_BIN" ]; then
  HAWSER_BIN=$STATIC_BIN
else
  # The checks still run, on the debug binary; the missing release build fails the run below.
  tail -30 "$STATIC_LOG"
  HAWSER_BIN="$(swift build --show-bin-path)/hawser"
fi
rm -f "$STATIC_LOG"

VULNDB=/tmp/hawser-service-check-vulndb.sqlite
"$HAWSER_BIN" db build --from "$REPO/../shared/feeds" --db "$VULNDB" >/dev/null 2>&1 || echo "test.sh: db build for the service check failed" >&2

# The SBOM check and Hawser's own image start no server and share nothing with the service checks
# (the image goes to a repository of its own): they run beside them, their output shown after.
SIDE_LOG=$(mktemp /tmp/hawser-side-checks.XXXXXX)
SIDE_RESULTS=$(mktemp /tmp/hawser-side-results.XXXXXX)
(
  set +e
  section "SBOM conformance and Syft comparison (scripts/sbom-check.sh; beside the service checks)"
  bash scripts/sbom-check.sh "$HAWSER_BIN"
  echo "sbom_rc=$?" >>"$SIDE_RESULTS"
  if [ "$HAWSER_BIN" = "$STATIC_BIN" ]; then
    section "own container image: scripts/build-image.sh (umoci + skopeo), image-check.sh, Hawser scans it, pushed (beside the service checks)"
    IMAGE_OUT=$(mktemp -d /tmp/hawser-image.XXXXXX)
    if HAWSER_IMAGE_VULN_DB=$VULNDB bash scripts/build-image.sh "$STATIC_BIN" "$IMAGE_OUT" --version "$("$STATIC_BIN" --version)" \
         --push "$HAWSER_TEST_REGISTRY/hawser/hawser:ci" --creds "$HAWSER_TEST_REGISTRY_USER:$HAWSER_TEST_REGISTRY_PASSWORD"; then
      echo "PASS own_image" | tee -a "$SIDE_RESULTS"
    else
      echo "FAIL own_image" | tee -a "$SIDE_RESULTS"
    fi
    rm -rf "$IMAGE_OUT"
  else
    echo "FAIL static_release_build (exit $static_rc)" | tee -a "$SIDE_RESULTS"
  fi
) >"$SIDE_LOG" 2>&1 &
SIDE_PID=$!

# The service end to end with the real anchore-cli 0.9.3 and the local registry, once on the
# embedded SQLite store and once on a fresh PostgreSQL database of the test cluster.
section "service with anchore-cli: SQLite and PostgreSQL (scripts/service-check.sh)"
SERVICE_LOG=$(mktemp /tmp/hawser-service-check.XXXXXX)
service_rc=0
bash scripts/service-check.sh "$HAWSER_BIN" "$VULNDB" 2>&1 | tee "$SERVICE_LOG" || service_rc=1
PG_DB=hawser_service_check_$$
PGPASSWORD=hawser-pw psql -q -h 127.0.0.1 -p 5433 -U hawser -d postgres -c "CREATE DATABASE $PG_DB" >/dev/null || service_rc=1
bash scripts/service-check.sh "$HAWSER_BIN" "$VULNDB" "postgres://hawser:hawser-pw@127.0.0.1:5433/$PG_DB" 2>&1 | tee -a "$SERVICE_LOG" || service_rc=1
PGPASSWORD=hawser-pw psql -q -h 127.0.0.1 -p 5433 -U hawser -d postgres -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null || true

# Watch mode, feed sync with re-matching and notifications, on SQLite and on PostgreSQL (two instances there).
section "watch mode and notifications: SQLite and PostgreSQL (scripts/watch-check.sh)"
bash scripts/watch-check.sh "$HAWSER_BIN" "$VULNDB" 2>&1 | tee -a "$SERVICE_LOG" || service_rc=1
PGPASSWORD=hawser-pw psql -q -h 127.0.0.1 -p 5433 -U hawser -d postgres -c "CREATE DATABASE ${PG_DB}_watch" >/dev/null || service_rc=1
bash scripts/watch-check.sh "$HAWSER_BIN" "$VULNDB" "postgres://hawser:hawser-pw@127.0.0.1:5433/${PG_DB}_watch" 2>&1 | tee -a "$SERVICE_LOG" || service_rc=1
PGPASSWORD=hawser-pw psql -q -h 127.0.0.1 -p 5433 -U hawser -d postgres -c "DROP DATABASE IF EXISTS ${PG_DB}_watch WITH (FORCE)" >/dev/null || true
# Deployment files (compose, Kubernetes) checked without Docker or kubectl.
section "deployment files (scripts/deploy_check.py)"
if python3 scripts/deploy_check.py && python3 scripts/deploy_check.py --self-test; then echo "PASS deploy_check" | tee -a "$SERVICE_LOG"
else echo "FAIL deploy_check" | tee -a "$SERVICE_LOG"; fi

section "SBOM check and own image (ran beside the checks above)"
wait "$SIDE_PID" || true
cat "$SIDE_LOG"
grep -E '^(PASS|FAIL) ' "$SIDE_RESULTS" >>"$SERVICE_LOG" || true
sbom_rc=$(sed -n 's/^sbom_rc=//p' "$SIDE_RESULTS")
[ -n "$sbom_rc" ] || sbom_rc=1
[ "$rc" -ne 0 ] || rc=$sbom_rc
rm -f "$SIDE_LOG" "$SIDE_RESULTS"

# Scale-out: two API and two worker processes on one PostgreSQL.
section "scale-out on PostgreSQL: 2 API + 2 worker processes (scripts/scaleout-check.sh)"
bash scripts/scaleout-check.sh "$HAWSER_BIN" "$VULNDB" 2>&1 | tee -a "$SERVICE_LOG" || service_rc=1

service_passed=$(grep -c '^PASS ' "$SERVICE_LOG" || true)
service_failed=$(grep -c '^FAIL ' "$SERVICE_LOG" || true)
[ "$service_rc" = 0 ] || [ "$service_failed" -gt 0 ] || service_failed=1
rm -f "$SERVICE_LOG"
[ "$rc" -ne 0 ] || [ "$service_failed" = 0 ] || rc=1

# One plain closing line for the whole run: Swift Testing's tests, the SBOM check and the service checks.
total=$(sed -n 's/.*Test run with \([0-9]*\) tests\{0,1\} .*/\1/p' "$LOG" | tail -1)
failed=$( { grep -E '^✘ Test [^ ]+\(.*\) failed after' "$LOG" || true; } | sed 's/ failed after.*//' | sort -u | wc -l)
[ -n "$total" ] || total=0
sbom_failed=$(( sbom_rc == 0 ? 0 : 1 ))
rm -f "$LOG"
section "exit status: $rc"
echo "$(( total - failed + 1 - sbom_failed + service_passed )) passed, $(( failed + sbom_failed + service_failed )) failed"
exit "$rc"
