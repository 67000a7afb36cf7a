#!/usr/bin/env bash
# watch-check.sh - watch mode, feed sync with re-matching and notifications end to end (see
# scripts/watch_check.py for the checks).
#
#   bash scripts/watch-check.sh HAWSER_BIN VULNDB [DB_URL]
#
#   VULNDB  an existing vulnerability DB (copied; the copy is synced and changed)
#   DB_URL  passed to `hawser serve --db`; a fresh, empty database. With postgres:// the check also
#           runs a second instance on it (each notification once).
# Needs scripts/test-env.sh (registry, test image; its env is read here) and anchore-cli 0.9.3 (the
# service check installs it into $ANCHORECLI_VENV).
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ $# -ge 2 ] || { sed -n 2,12p "${BASH_SOURCE[0]}" >&2; exit 2; }
HAWSER=$1 VULNDB=$2 DB_URL=${3:-}
eval "$(bash "$REPO/scripts/test-env.sh" --print-env)"
VENV=${ANCHORECLI_VENV:-/opt/anchorecli-venv}
# The SMTP server the e-mail notifications go to (scripts/notify_fakes.py); openssl (test-env.sh) makes its certificate.
python3 -c "import aiosmtpd" 2>/dev/null || python3 -m pip install -q --root-user-action=ignore aiosmtpd==1.4.6
WORK=$(mktemp -d /tmp/hawser-watch-check.XXXXXX)
args=(--hawser "$HAWSER" --vuln-db "$VULNDB" --images "$HAWSER_TEST_IMAGE_DIR" --workdir "$WORK" --anchore-cli "$VENV/bin/anchore-cli")
[ -z "$DB_URL" ] || args+=(--db "$DB_URL")
status=0
python3 "$REPO/scripts/watch_check.py" "${args[@]}" || status=$?
if [ "$status" = 0 ]; then rm -rf "$WORK"; else echo "watch-check.sh: work dir kept: $WORK" >&2; fi
exit "$status"
