#!/usr/bin/env bash
# scaleout-check.sh - two API processes and two worker processes on one fresh PostgreSQL database
# analyse 20 images pushed to the local registry, each exactly once, one worker killed -9 midway
# (scripts/scaleout_check.py says what is checked).
#
#   bash scripts/scaleout-check.sh HAWSER_BIN VULNDB
#
# Needs scripts/test-env.sh (registry, test image, PostgreSQL on 127.0.0.1:5433; its env is read here).
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ $# -ge 2 ] || { sed -n 2,8p "${BASH_SOURCE[0]}" >&2; exit 2; }
HAWSER=$1 VULNDB=$2
eval "$(bash "$REPO/scripts/test-env.sh" --print-env)"
DB=hawser_scaleout_$$
PG="postgres://hawser:hawser-pw@127.0.0.1:5433"
psql "$PG/postgres" -q -c "CREATE DATABASE $DB" >/dev/null
WORK=$(mktemp -d /tmp/hawser-scaleout-check.XXXXXX)
status=0
python3 "$REPO/scripts/scaleout_check.py" --hawser "$HAWSER" --vuln-db "$VULNDB" --images "$HAWSER_TEST_IMAGE_DIR" \
  --db "$PG/$DB" --workdir "$WORK" || status=$?
psql "$PG/postgres" -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null || true
if [ "$status" = 0 ]; then rm -rf "$WORK"; else echo "scaleout-check.sh: work dir kept: $WORK" >&2; fi
exit "$status"
