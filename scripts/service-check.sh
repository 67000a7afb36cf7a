#!/usr/bin/env bash
# service-check.sh - end-to-end check of `hawser serve` with the real anchore-cli 0.9.3 against the
# local test registry (see scripts/service_check.py for the list of checks).
#
#   bash scripts/service-check.sh HAWSER_BIN VULNDB [DB_URL]
#
#   VULNDB  an existing vulnerability DB; pass "" to build one from ../shared/feeds (~30 s).
#   DB_URL  passed to `hawser serve --db` (sqlite:PATH or postgres://...); the caller must give a
#           fresh, empty database. Default: sqlite in the temp data dir.
# Registry: HAWSER_TEST_REGISTRY, HAWSER_TEST_REGISTRY_USER, HAWSER_TEST_REGISTRY_PASSWORD
# (defaults 127.0.0.1:5055 / fixture / fixture-pw; run scripts/test-env.sh first).
# Installs when missing (run as root): anchore-cli 0.9.3 into $ANCHORECLI_VENV (default
# /opt/anchorecli-venv) and the sqlite3 apt package. Exits with service_check.py's status; the work
# dir (server log, data) is kept when a check fails.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ $# -ge 2 ] || { sed -n 2,15p "${BASH_SOURCE[0]}" >&2; exit 2; }
HAWSER=$1 VULNDB=$2 DB_URL=${3:-}
VENV=${ANCHORECLI_VENV:-/opt/anchorecli-venv}
[ -x "$HAWSER" ] || { echo "service-check.sh: no executable $HAWSER" >&2; exit 2; }
[ -z "$VULNDB" ] || [ -f "$VULNDB" ] || { echo "service-check.sh: no vulnerability DB $VULNDB" >&2; exit 2; }

if ! "$VENV/bin/anchore-cli" --version >/dev/null 2>&1; then
  echo "service-check.sh: installing anchore-cli 0.9.3 into $VENV" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --no-deps anchorecli==0.9.3
  # pip complains that these differ from anchorecli's pins; the CLI works with them (log kept in the venv).
  "$VENV/bin/pip" install -q Click==8.0.1 prettytable==2.2.0 python-dateutil PyYAML requests \
    >"$VENV/pip-deps.log" 2>&1 || { cat "$VENV/pip-deps.log" >&2; exit 2; }
fi
python3 -c "import openapi_spec_validator" 2>/dev/null || python3 -m pip install -q --root-user-action=ignore openapi-spec-validator
if ! command -v sqlite3 >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "service-check.sh: sqlite3 missing; run as root to install it" >&2; exit 2; }
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq sqlite3 >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq sqlite3 >/dev/null; }
fi

WORK=$(mktemp -d /tmp/hawser-service-check.XXXXXX)
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
args=(--hawser "$HAWSER" --port "$PORT" --workdir "$WORK" --anchore-cli "$VENV/bin/anchore-cli")
[ -z "$VULNDB" ] || args+=(--vuln-db "$VULNDB")
[ -z "$DB_URL" ] || args+=(--db "$DB_URL")
status=0
python3 "$REPO/scripts/service_check.py" "${args[@]}" || status=$?
if [ "$status" = 0 ]; then rm -rf "$WORK"; else echo "service-check.sh: work dir kept: $WORK" >&2; fi
exit "$status"
