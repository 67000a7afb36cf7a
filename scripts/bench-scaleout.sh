#!/usr/bin/env bash
# bench-scaleout.sh - analyses per minute with 1 and with 2 worker processes (`hawser serve --role
# worker`, one analysis at a time each) behind one `--role api` process, on one PostgreSQL: N images
# (default 20, each the test image plus a small layer of its own, pushed by `registry.sh bump
# --layer`) added at once, timed until the last is analysed. Each worker process has its own data
# directory, so each pulls and catalogs the shared base layers once. A fresh database per run.
#
#   bash scripts/bench-scaleout.sh [--build] [--images N]
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
BUILD=0; IMAGES=20
while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD=1; shift ;;
    --images) IMAGES=$2; shift 2 ;;
    *) echo "bench-scaleout.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
eval "$(bash scripts/test-env.sh --print-env)"
command -v swift >/dev/null || export PATH=/opt/swift/usr/bin:$PATH
[ "$BUILD" = 0 ] || swift build -c release --product hawser
HAWSER=${HAWSER_BENCH_BIN:-$REPO/.build/release/hawser}  # HAWSER_BENCH_BIN: another release build (e.g. .build-static)
[ -x "$HAWSER" ] || { echo "bench-scaleout.sh: no $HAWSER (run with --build)" >&2; exit 1; }
OUT=$REPO/bench-out; mkdir -p "$OUT"
DB=$OUT/vulndb.sqlite
"$HAWSER" db status --db "$DB" >/dev/null 2>&1 || "$HAWSER" db build --from "$REPO/../shared/feeds" --db "$DB" >/dev/null 2>&1
PG="postgres://hawser:hawser-pw@127.0.0.1:5433"
: >"$OUT/scaleout.txt"
for workers in 1 2; do
  name=hawser_bench_scaleout_$$_$workers
  psql "$PG/postgres" -q -c "CREATE DATABASE $name" >/dev/null
  WORK=$(mktemp -d /tmp/hawser-bench-scaleout.XXXXXX)
  python3 scripts/scaleout_check.py --hawser "$HAWSER" --vuln-db "$DB" --images "$HAWSER_TEST_IMAGE_DIR" --db "$PG/$name" \
    --workdir "$WORK" --images-count "$IMAGES" --bench-workers "$workers" | tee -a "$OUT/scaleout.txt" | grep -E '^(RESULT|FAIL)'
  psql "$PG/postgres" -q -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null || true
  rm -rf "$WORK"
done
one=$(sed -n 's/^RESULT workers=1 .*per_minute=\([0-9.]*\)/\1/p' "$OUT/scaleout.txt")
two=$(sed -n 's/^RESULT workers=2 .*per_minute=\([0-9.]*\)/\1/p' "$OUT/scaleout.txt")
echo "analyses per minute: 1 worker process $one, 2 worker processes $two ($(python3 -c "print(f'{$two / $one:.2f}')")x)"
