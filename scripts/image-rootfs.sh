#!/usr/bin/env bash
# image-rootfs.sh - assemble the root filesystem of Hawser's container image from a built binary.
#
#   bash scripts/image-rootfs.sh HAWSER_BINARY ROOTFS_DIR
#
# One recipe shared by scripts/build-image.sh (no Docker: umoci + skopeo) and the Dockerfile's
# rootfs stage, so the two images cannot drift. Runs on Debian (the host, or debian:12-slim).
#
# What goes in, and why:
#   /usr/local/bin/hawser          the binary, stripped when `strip` exists, its compiler's producer
#                                  line (`Swift version 6.3.1 (…)`) kept in .comment
#   every library `ldd` lists      at the path its Debian package records (bookworm ships libc6 in
#                                  /lib, sqlite in /usr/lib: without merged-/usr symlinks in the image
#                                  both must be real), soname symlink + file, and the dynamic loader
#   /etc/ssl/certs/ca-certificates.crt   HTTPS to registries and feed publishers
#   /etc/os-release, /etc/debian_version  so a scan of this image detects debian:12
#   /etc/passwd, /etc/group        root and `hawser` (65532:65532, home /data)
#   /data (65532, 0755), /tmp (1777)
#   /var/lib/dpkg/status.d/<pkg>   distroless-style: the `dpkg -s` stanza of each package that owns a
#                                  copied file, so an SBOM of the image (Hawser's own included) lists
#                                  exactly those packages and vulnerability matching can find them;
#                                  plus /usr/share/doc/<pkg>/copyright for their licenses.
#                                  No <pkg>.md5sums: only parts of each package are copied, so
#                                  package-file verification would report the rest as missing.
# No shell, no coreutils, no package manager.
# Files not from any package (a dynamically linked Swift runtime under /opt/swift) are listed on
# stderr: they are not in the SBOM. A --static-swift-stdlib build has none.
set -euo pipefail
PROG=image-rootfs.sh
die() { echo "$PROG: $*" >&2; exit 1; }
[ $# -eq 2 ] || die "usage: $PROG HAWSER_BINARY ROOTFS_DIR"
BIN=$1; ROOT=$2
[ -x "$BIN" ] || die "no executable $BIN"
command -v dpkg-query >/dev/null || die "dpkg-query not found (the image's package metadata comes from dpkg)"
command -v ldd >/dev/null || die "ldd not found"
if [ -e "$ROOT" ] && [ -n "$(ls -A "$ROOT")" ]; then die "$ROOT exists and is not empty"; fi
umask 022
mkdir -p "$ROOT"
ROOT=$(cd "$ROOT" && pwd)

declare -A OWNERS=()   # package -> 1
UNOWNED=()

# The package owning PATH exactly, without ":arch" ("" if none). Diversion lines are skipped.
owner() {
  local line
  line=$(dpkg-query -S -- "$1" 2>/dev/null | grep -v '^diversion ' | head -1) || true
  [ -n "$line" ] || return 0
  line=${line%: "$1"}
  line=${line%%,*}
  echo "${line%%:*}"
}

# PATH as its package records it: merged-/usr hosts resolve /lib/x and /usr/lib/x to the same
# file, but the package (and so status.d and the image) has only one of them.
package_path() {
  local p=$1 alt
  case $p in /usr/*) alt=${p#/usr} ;; *) alt=/usr$p ;; esac
  if [ -z "$(owner "$p")" ] && [ -n "$(owner "$alt")" ]; then echo "$alt"; else echo "$p"; fi
}

# Copy PATH (a file or a chain of symlinks, each link kept as its package ships it) into ROOT.
copy_chain() {
  local p dest text next pkg
  p=$(package_path "$1")
  dest=$ROOT$p
  if [ -e "$dest" ] || [ -L "$dest" ]; then return 0; fi
  mkdir -p "$(dirname "$dest")"
  pkg=$(owner "$p")
  if [ -n "$pkg" ]; then OWNERS[$pkg]=1; else UNOWNED+=("$p"); fi
  if [ -L "$p" ]; then
    text=$(readlink "$p")
    ln -s "$text" "$dest"
    case $text in /*) next=$text ;; *) next=$(dirname "$p")/$text ;; esac
    copy_chain "$(realpath -ms "$next")"
  else
    cp --preserve=mode "$p" "$dest"
  fi
}

# 1. The binary.
install -D -m 0755 "$BIN" "$ROOT/usr/local/bin/hawser"
# The debug info that names the compiler goes with strip; its producer line is stamped into .comment,
# where toolchains identify themselves, so the SBOM of the image (swift-runtime-binary-cataloger)
# still tells which Swift runtime and Foundation the binary carries.
PRODUCER=$(strings -n 16 "$ROOT/usr/local/bin/hawser" | grep -m1 -E '^Swift version [0-9.]+ \(' || true)
if command -v strip >/dev/null; then strip "$ROOT/usr/local/bin/hawser"; fi
if [ -n "$PRODUCER" ] && command -v objcopy >/dev/null; then
  objcopy -O binary --only-section=.comment "$ROOT/usr/local/bin/hawser" "$ROOT/.comment"
  printf '%s\0' "$PRODUCER" >>"$ROOT/.comment"
  objcopy --update-section ".comment=$ROOT/.comment" "$ROOT/usr/local/bin/hawser"
  rm -f "$ROOT/.comment"
else
  echo "$PROG: warning: no Swift producer string in $BIN (built without debug info?): the image's SBOM will not know the Swift version" >&2
fi

# 2. Its libraries and the loader. `ldd` prints "name => /path (addr)", "/loader (addr)",
#    nothing useful for a static binary, and "name => not found" for a missing one.
ldd_out=$(ldd "$BIN" 2>&1) || true
if grep -q 'not found' <<<"$ldd_out"; then die "unresolved libraries: $(grep 'not found' <<<"$ldd_out" | tr -s ' \t' ' ')"; fi
mapfile -t LIBS < <(awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' <<<"$ldd_out")
for lib in "${LIBS[@]}"; do copy_chain "$lib"; done
# Runtime libraries outside Debian's packages (Swift's) are ours to strip; packaged ones stay byte-identical.
for p in "${UNOWNED[@]}"; do
  if [ -f "$ROOT$p" ] && [ ! -L "$ROOT$p" ] && command -v strip >/dev/null; then strip --strip-unneeded "$ROOT$p"; fi
done

# 3. CA bundle and distro identification.
mkdir -p "$ROOT/etc/ssl/certs"
[ -f /etc/ssl/certs/ca-certificates.crt ] || die "no /etc/ssl/certs/ca-certificates.crt (apt-get install ca-certificates)"
cp /etc/ssl/certs/ca-certificates.crt "$ROOT/etc/ssl/certs/ca-certificates.crt"
# update-ca-certificates generates the bundle, so dpkg owns no path of it; it is ca-certificates' content.
dpkg-query -W -f='${Status}' ca-certificates 2>/dev/null | grep -q ' installed$' && OWNERS[ca-certificates]=1
copy_chain /etc/os-release
copy_chain /etc/debian_version

# 4. Users, writable directories.
cat >"$ROOT/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/sbin/nologin
hawser:x:65532:65532:hawser:/data:/sbin/nologin
EOF
cat >"$ROOT/etc/group" <<'EOF'
root:x:0:
hawser:x:65532:
EOF
install -d -m 0755 "$ROOT/data"
install -d -m 1777 "$ROOT/tmp"
# Docker's COPY keeps ownership; build-image.sh sets it in its layer tar instead (no root needed).
if [ "$(id -u)" = 0 ]; then chown 65532:65532 "$ROOT/data"; fi

# 5. distroless-style package metadata and licenses.
mkdir -p "$ROOT/var/lib/dpkg/status.d"
for pkg in $(printf '%s\n' "${!OWNERS[@]}" | LC_ALL=C sort); do
  # Conffiles is dropped: it lists files of the package that the image does not have.
  dpkg-query -s "$pkg" | awk '/^Conffiles:/ { skip = 1; next } skip && /^ / { next } { skip = 0; print }' \
    >"$ROOT/var/lib/dpkg/status.d/$pkg"
  if [ -e "/usr/share/doc/$pkg/copyright" ]; then
    install -D -m 0644 "/usr/share/doc/$pkg/copyright" "$ROOT/usr/share/doc/$pkg/copyright"   # follows doc-dir symlinks
  fi
  echo "$PROG: package $pkg $(dpkg-query -W -f='${Version}' "$pkg")" >&2
done
for p in "${UNOWNED[@]}"; do echo "$PROG: note: $p is from no Debian package (not in the image's SBOM)" >&2; done
