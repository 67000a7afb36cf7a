#!/usr/bin/env bash
# image-check.sh - check Hawser's container image as scripts/build-image.sh wrote it.
#
#   bash scripts/image-check.sh OUTDIR [TAG]      (TAG default latest; build-image.sh runs this itself)
#   HAWSER_IMAGE_VULN_DB=PATH bash scripts/image-check.sh OUTDIR [TAG]   (also scan and evaluate it)
#
# No container runtime is needed: the image is unpacked with `umoci unpack --rootless` and its binary
# is run by the image's own dynamic loader with the image's libraries, so a missing library fails here
# rather than in production. Checks, each reported, exit 1 if any failed:
#   - skopeo reads the OCI layout; the config has the entrypoint, user 65532, port 8228/tcp
#   - compressed size (sum of layer blobs) <= 60 MB (10^6 bytes)
#   - the layer gives /data to 65532:65532 and /tmp mode 1777
#   - no shell or busybox anywhere in the rootfs
#   - every library the binary loads resolves inside the rootfs (loader --list)
#   - `hawser --version` runs from the rootfs
#   - Hawser's own SBOM of the image finds debian 12[.x], exactly the packages in status.d, and the
#     Swift runtime and Foundation linked into the binary (the toolchain's version), nothing else
#   - with $HAWSER_IMAGE_VULN_DB: `hawser scan` of the image finds no Critical vulnerability, and
#     `hawser policy eval` with the default bundle gives its result (printed)
set -euo pipefail
PROG=image-check.sh
[ $# -ge 1 ] || { echo "usage: $PROG OUTDIR [TAG]" >&2; exit 2; }
OUT=$(cd "$1" && pwd); TAG=${2:-latest}
LAYOUT=$OUT/oci
MAX_BYTES=60000000
FAILED=0
ok() { echo "ok    $*"; }
fail() { echo "FAIL  $*"; FAILED=1; }
TMP=$(mktemp -d /tmp/hawser-image-check.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

# Config and size.
if skopeo inspect "oci:$LAYOUT:$TAG" >"$TMP/inspect.json"; then ok "skopeo inspect oci:$LAYOUT:$TAG"
else fail "skopeo inspect oci:$LAYOUT:$TAG"; exit 1; fi
skopeo inspect --config "oci:$LAYOUT:$TAG" >"$TMP/config.json"
jq -e '.config.Entrypoint == ["/usr/local/bin/hawser", "serve"] and .config.User == "65532:65532"
       and (.config.ExposedPorts | has("8228/tcp")) and (.config.Volumes | has("/data"))' "$TMP/config.json" >/dev/null \
  && ok "config: entrypoint hawser serve, user 65532:65532, 8228/tcp, volume /data" \
  || fail "config: $(jq -c '.config | {Entrypoint, User, ExposedPorts, Volumes}' "$TMP/config.json")"
manifest=$(jq -r --arg t "$TAG" '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == $t) | .digest' "$LAYOUT/index.json")
MANIFEST=$LAYOUT/blobs/sha256/${manifest#sha256:}
bytes=$(jq '[.layers[].size] | add' "$MANIFEST")
size="$(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }') compressed ($bytes bytes, $(jq '.layers | length' "$MANIFEST") layer(s))"
if [ "$bytes" -le "$MAX_BYTES" ]; then ok "$size <= 60 MB"; else fail "$size > 60 MB"; fi

# Ownership and modes as the layer records them (a rootless unpack cannot show owners).
for layer in $(jq -r '.layers[].digest' "$MANIFEST"); do tar -tvzf "$LAYOUT/blobs/sha256/${layer#sha256:}"; done >"$TMP/listing"
grep -Eq '^drwxr-xr-x 65532/65532 .* data/?$' "$TMP/listing" && ok "/data is 65532:65532 0755" || fail "/data: $(grep -E ' data/?$' "$TMP/listing")"
grep -Eq '^drwxrwxrwt 0/0 .* tmp/?$' "$TMP/listing" && ok "/tmp is 1777" || fail "/tmp: $(grep -E ' tmp/?$' "$TMP/listing")"

# Unpack and look inside.
umoci unpack --rootless --image "$LAYOUT:$TAG" "$TMP/bundle" >/dev/null
R=$TMP/bundle/rootfs
shells=$(cd "$R" && find . \( -path '*/bin/*' -o -path '*/sbin/*' \) -name '*sh' -o -name 'busybox*' | sort)
if [ -z "$shells" ]; then ok "no shell or busybox"; else fail "shells present: $shells"; fi

# The loader the binary asks for, symlinks followed inside the rootfs (libc6's link is absolute).
inside() {
  local p=$1 t
  while [ -L "$R$p" ]; do
    t=$(readlink "$R$p")
    case $t in /*) p=$t ;; *) p=$(realpath -ms "$(dirname "$p")/$t") ;; esac
  done
  echo "$R$p"
}
loader=
for l in /lib64/ld-linux-x86-64.so.2 /lib/ld-linux-aarch64.so.1; do
  if [ -e "$(inside "$l")" ]; then loader=$(inside "$l"); break; fi
done
[ -n "$loader" ] || { fail "no dynamic loader in the rootfs"; exit 1; }
# Every directory holding a shared library (the Debian ones, and a dynamic Swift runtime's if any).
libpath=$(cd "$R" && find . -name '*.so*' -printf '%h\n' | sort -u | sed "s|^\.|$R|" | paste -sd:)
run() { "$loader" --library-path "$libpath" "$R/usr/local/bin/hawser" "$@"; }
"$loader" --library-path "$libpath" --list "$R/usr/local/bin/hawser" >"$TMP/libs" 2>&1 || true
# (the loader's own line is the name the binary asks for; we ran the rootfs's loader ourselves)
outside=$(awk '$2 == "=>" { print $3 }' "$TMP/libs" | grep -v "^$R/" || true)
if grep -q 'not found' "$TMP/libs"; then fail "libraries missing: $(grep 'not found' "$TMP/libs" | tr -s ' \t' ' ')"
elif [ -n "$outside" ]; then fail "libraries from outside the rootfs: $outside"
else ok "all $(grep -c '=>' "$TMP/libs") libraries resolve inside the rootfs"; fi
if version=$(run --version 2>&1); then ok "hawser --version: $version"
else fail "hawser --version: $(head -2 <<<"$version" | paste -sd' ')"; fi

# Hawser's own SBOM of the image: the distro and exactly the status.d packages.
if HAWSER_CACHE_DIR=$TMP/cache run sbom "oci-dir:$LAYOUT:$TAG" -o syft-json="$TMP/sbom.json" 2>"$TMP/sbom.err"; then
  distro=$(jq -r '"\(.distro.id) \(.distro.versionID)"' "$TMP/sbom.json")
  [[ $distro =~ ^debian\ 12(\.|$) ]] && ok "SBOM distro: $distro" || fail "SBOM distro: $distro"
  jq -r '.artifacts[] | select(.type == "deb") | .name' "$TMP/sbom.json" | LC_ALL=C sort >"$TMP/sbom.debs"
  (cd "$R/var/lib/dpkg/status.d" && LC_ALL=C ls) >"$TMP/status.debs"
  if cmp -s "$TMP/sbom.debs" "$TMP/status.debs"; then ok "SBOM deb packages = status.d ($(paste -sd' ' "$TMP/status.debs"))"
  else fail "SBOM deb packages differ from status.d: $(diff "$TMP/status.debs" "$TMP/sbom.debs" | grep '^[<>]' | paste -sd' ')"; fi
  others=$(jq -r '[.artifacts[] | select(.type != "deb") | "\(.type):\(.name)@\(.version)"] | sort | join(" ")' "$TMP/sbom.json")
  swift_version=$(run --version >/dev/null 2>&1; strings -n 16 "$R/usr/local/bin/hawser" | sed -n 's/^Swift version \([0-9.]*\) .*/\1/p' | head -1)
  expected="binary:swift-corelibs-foundation@$swift_version binary:swift@$swift_version"
  if [ -n "$swift_version" ] && [ "$others" = "$expected" ]; then ok "SBOM: the Swift runtime and Foundation $swift_version linked into hawser, nothing else"
  else fail "SBOM entries besides the debs: '${others:-none}', expected '$expected'"; fi
else
  fail "hawser sbom of the image: $(tail -3 "$TMP/sbom.err")"
fi

# Hawser scans and evaluates its own image.
if [ -n "${HAWSER_IMAGE_VULN_DB:-}" ]; then
  if HAWSER_CACHE_DIR=$TMP/cache run scan "oci-dir:$LAYOUT:$TAG" --db "$HAWSER_IMAGE_VULN_DB" -o json >"$TMP/scan.json" 2>"$TMP/scan.err"; then
    critical=$(jq '[.matches[]? | select(.severity == "Critical")] | length' "$TMP/scan.json")
    total=$(jq '[.matches[]?] | length' "$TMP/scan.json")
    if [ "$critical" = 0 ]; then ok "hawser scan of the image: no Critical vulnerability ($total matches in all)"
    else fail "hawser scan of the image: $critical Critical: $(jq -r '[.matches[] | select(.severity == "Critical") | "\(.vulnerability.id) \(.package.name)"] | join(", ")' "$TMP/scan.json")"; fi
  else
    fail "hawser scan of the image: $(tail -3 "$TMP/scan.err")"
  fi
  set +e
  HAWSER_CACHE_DIR=$TMP/cache run policy eval "oci-dir:$LAYOUT:$TAG" --db "$HAWSER_IMAGE_VULN_DB" >"$TMP/policy.txt" 2>&1
  policy_rc=$?
  set -e
  case $policy_rc in
    0|2) ok "hawser policy eval (default bundle): $(grep -m1 -iE 'final action' "$TMP/policy.txt" || tail -1 "$TMP/policy.txt")" ;;
    *) fail "hawser policy eval of the image exited $policy_rc: $(tail -3 "$TMP/policy.txt")" ;;
  esac
fi

echo "size: $size"
if [ "$FAILED" = 0 ]; then echo "$PROG: all checks passed"; else echo "$PROG: some checks FAILED" >&2; exit 1; fi
