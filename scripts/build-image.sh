#!/usr/bin/env bash
# build-image.sh - Hawser's own container image, built without Docker (umoci + skopeo).
#
#   bash scripts/build-image.sh HAWSER_BINARY OUTDIR [--version V] [--push REGISTRY/REPO:TAG] [--creds USER:PASS] [--no-check]
#
# Writes OUTDIR/rootfs (scripts/image-rootfs.sh: binary, its libraries, CA bundle, passwd, status.d),
# OUTDIR/oci (OCI layout, tag V or `latest`) and OUTDIR/hawser.tar (docker-archive, `docker load`s as
# hawser:TAG), prints the compressed size, runs scripts/image-check.sh on the result (--no-check skips
# it) and, only if that passed, with --push copies the image to REGISTRY/REPO:TAG (TLS not verified:
# local registries). Outputs stay in OUTDIR (rootfs/ too, to look at); nothing else is written.
# The Dockerfile at the repository root builds the same rootfs for people with Docker.
#
# Why one hand-made layer instead of `umoci repack`: the tar is written with fixed mtimes
# (SOURCE_DATE_EPOCH, default the HEAD commit's time), sorted names and explicit owners (root, and
# 65532 for /data), so it needs no root and the same inputs give the same layer digest.
#
# Health: OCI image configs have no HEALTHCHECK (Docker's is a docker-only extension and the image
# has no shell or curl to run one anyway). Probe HTTP GET /health on port 8228 from the orchestrator
# (deploy/compose.yaml, deploy/kubernetes/hawser.yaml); it answers 200 without authentication.
# Labels org.opencontainers.image.source / .licenses come from $HAWSER_IMAGE_SOURCE (else the git
# remote `origin`) and $HAWSER_IMAGE_LICENSES (else NOASSERTION: the repository has no LICENSE yet).
set -euo pipefail
PROG=build-image.sh
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
die() { echo "$PROG: $*" >&2; exit 1; }
usage() { sed -n '4p' "${BASH_SOURCE[0]}" | sed 's/^#   //' >&2; exit 2; }

ARGS=(); PUSH=; CREDS=; VERSION=; CHECK=1
while [ $# -gt 0 ]; do
  case $1 in
    --push) PUSH=${2:?--push REGISTRY/REPO:TAG}; shift 2 ;;
    --creds) CREDS=${2:?--creds USER:PASS}; shift 2 ;;
    --version) VERSION=${2:?--version V}; shift 2 ;;
    --no-check) CHECK=0; shift ;;
    -h|--help) usage ;;
    -*) die "unknown option $1" ;;
    *) ARGS+=("$1"); shift ;;
  esac
done
[ ${#ARGS[@]} -eq 2 ] || usage
BIN=${ARGS[0]}; OUT=${ARGS[1]}
for tool in umoci skopeo jq tar; do command -v $tool >/dev/null || die "$tool not found"; done
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
TAG=${VERSION:-latest}
IMAGE=$OUT/oci:$TAG

REVISION=$(git -C "$REPO" rev-parse HEAD 2>/dev/null || echo unknown)
LABEL_VERSION=${VERSION:-$(git -C "$REPO" describe --tags --always 2>/dev/null || echo dev)}
EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$REPO" log -1 --format=%ct 2>/dev/null || date +%s)}
CREATED=$(date -u -d "@$EPOCH" +%Y-%m-%dT%H:%M:%SZ)
SOURCE=${HAWSER_IMAGE_SOURCE:-$(git -C "$REPO" remote get-url origin 2>/dev/null || true)}
LICENSES=${HAWSER_IMAGE_LICENSES:-NOASSERTION}

# Only what this script writes is removed.
rm -rf "$OUT/rootfs" "$OUT/oci" "$OUT/layer.tar" "$OUT/hawser.tar" "$OUT/pushed.digest"
bash "$REPO/scripts/image-rootfs.sh" "$BIN" "$OUT/rootfs"

# One layer: everything as root, then /data appended as 65532 (a tar cannot carry both in one pass
# without a chown, which needs root).
TARFLAGS=(--sort=name --mtime="@$EPOCH" --numeric-owner --format=gnu)
top=$(cd "$OUT/rootfs" && LC_ALL=C ls -A | grep -vx data)
# shellcheck disable=SC2086  # top-level names contain no spaces
(cd "$OUT/rootfs" && LC_ALL=C tar -cf "$OUT/layer.tar" "${TARFLAGS[@]}" --owner=0 --group=0 $top)
(cd "$OUT/rootfs" && LC_ALL=C tar -rf "$OUT/layer.tar" "${TARFLAGS[@]}" --owner=65532 --group=65532 data)

umoci init --layout "$OUT/oci"
umoci new --image "$IMAGE"
umoci raw add-layer --image "$IMAGE" --history.created "$CREATED" \
  --history.created_by "scripts/image-rootfs.sh: hawser, its libraries, CA certificates, passwd, status.d" "$OUT/layer.tar"
CONFIG=(
  --created "$CREATED" --no-history
  --config.entrypoint /usr/local/bin/hawser --config.entrypoint serve
  --config.cmd --listen --config.cmd 0.0.0.0:8228 --config.cmd --data-dir --config.cmd /data
  --config.user 65532:65532 --config.workingdir /data --config.volume /data --config.exposedports 8228/tcp
  --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --config.env SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
  --config.env HAWSER_DATA_DIR=/data
  --config.label org.opencontainers.image.title=hawser
  --config.label "org.opencontainers.image.description=Container image analysis, vulnerability and policy service (Anchore Engine v1 API)"
  --config.label "org.opencontainers.image.version=$LABEL_VERSION"
  --config.label "org.opencontainers.image.revision=$REVISION"
  --config.label "org.opencontainers.image.created=$CREATED"
  --config.label "org.opencontainers.image.licenses=$LICENSES"
)
if [ -n "$SOURCE" ]; then CONFIG+=(--config.label "org.opencontainers.image.source=$SOURCE")
else echo "$PROG: warning: no source URL (set HAWSER_IMAGE_SOURCE); label org.opencontainers.image.source left out" >&2; fi
umoci config --image "$IMAGE" "${CONFIG[@]}"

# umoci's gzip is ~9% bigger than `gzip -9`: swap in a gzip -9n blob of the same tar. The diff ID
# (digest of the uncompressed tar) and so the config stay; only the manifest and index change.
blob() { echo "$OUT/oci/blobs/sha256/${1#sha256:}"; }
ref() { jq -r --arg t "$TAG" '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == $t) | .digest' "$OUT/oci/index.json"; }
gzip -9n -c "$OUT/layer.tar" >"$OUT/layer.tar.gz"
new_layer=sha256:$(sha256sum "$OUT/layer.tar.gz" | cut -d' ' -f1)
mv "$OUT/layer.tar.gz" "$(blob "$new_layer")"
old_manifest=$(ref)
jq -c --arg d "$new_layer" --argjson s "$(stat -c %s "$(blob "$new_layer")")" \
  '.layers[0].digest = $d | .layers[0].size = $s' "$(blob "$old_manifest")" >"$OUT/manifest.json"
new_manifest=sha256:$(sha256sum "$OUT/manifest.json" | cut -d' ' -f1)
mv "$OUT/manifest.json" "$(blob "$new_manifest")"
jq -c --arg o "$old_manifest" --arg d "$new_manifest" --argjson s "$(stat -c %s "$(blob "$new_manifest")")" \
  '(.manifests[] | select(.digest == $o)) |= (.digest = $d | .size = $s)' "$OUT/oci/index.json" >"$OUT/index.json"
mv "$OUT/index.json" "$OUT/oci/index.json"
umoci gc --layout "$OUT/oci"
rm -f "$OUT/layer.tar"

skopeo copy -q "oci:$IMAGE" "docker-archive:$OUT/hawser.tar:hawser:$TAG"

bytes=$(jq '[.layers[].size] | add' "$(blob "$new_manifest")")
echo "image: oci:$IMAGE ($new_manifest), docker-archive:$OUT/hawser.tar (hawser:$TAG)"
echo "compressed size: $(awk -v b="$bytes" 'BEGIN { printf "%.1f MB (%d bytes)", b / 1e6, b }')"

if [ "$CHECK" = 1 ]; then bash "$REPO/scripts/image-check.sh" "$OUT" "$TAG"; fi

if [ -n "$PUSH" ]; then
  DEST=(--dest-tls-verify=false)
  if [ -n "$CREDS" ]; then DEST+=(--dest-creds "$CREDS"); fi
  skopeo copy -q "${DEST[@]}" --digestfile "$OUT/pushed.digest" "oci:$IMAGE" "docker://$PUSH"
  echo "pushed $PUSH@$(cat "$OUT/pushed.digest")"
fi
