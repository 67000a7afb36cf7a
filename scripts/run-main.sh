#!/usr/bin/env bash
# run-main.sh - the "main job": build Hawser (release) and run it on the real test image.
#
#   bash scripts/run-main.sh
#
# 1. apt deps to build (libzstd-dev, zlib1g-dev) and the test image (debootstrap, umoci,
#    skopeo, ...) and the image itself: scripts/test-env.sh --image-only (no registries).
# 2. swift build -c release
# 3. hawser inspect oci-dir:<image>/oci, and the first 40 lines of hawser files.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
section() { printf '\n======== %s ========\n' "$*"; }
command -v swift >/dev/null || export PATH=/opt/swift/usr/bin:$PATH

section "build deps + test image (scripts/test-env.sh --image-only)"
# test-env.sh installs libzstd-dev zlib1g-dev (CZstd/CZlib) with the image tools.
eval "$(bash scripts/test-env.sh --image-only --print-env)"
IMG=$HAWSER_TEST_IMAGE_DIR
echo "image: $IMG"

section "swift build -c release"
swift build -c release
HAWSER=$REPO/.build/release/hawser

section "hawser inspect oci-dir:$IMG/oci"
"$HAWSER" inspect "oci-dir:$IMG/oci"

section "hawser files oci-dir:$IMG/oci | head -40"
# Into a file first: piping straight into head would kill hawser with SIGPIPE, and under
# pipefail that would fail this script although hawser is fine.
LIST=$(mktemp /tmp/hawser-files.XXXXXX)
trap 'rm -f "$LIST"' EXIT
"$HAWSER" files "oci-dir:$IMG/oci" >"$LIST"
head -40 "$LIST"
echo "... ($(wc -l <"$LIST") lines in all)"
