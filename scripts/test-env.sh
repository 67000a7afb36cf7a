#!/usr/bin/env bash
# test-env.sh - prepare the REAL test environment for Hawser's tests and export
# the HAWSER_TEST_* variables the Swift tests read.
#
#   bash scripts/test-env.sh                 prepare everything, print a summary
#   bash scripts/test-env.sh --print-env     prepare everything, print `export` lines
#   bash scripts/test-env.sh --image-only    only apt deps + test image (no registries)
#   bash scripts/test-env.sh --build-deps    only the apt packages `swift build` needs (the C
#                                            libraries); test.sh builds while the rest is prepared
#   bash scripts/test-env.sh --stop          stop both registries (nothing else)
#   source scripts/test-env.sh [--image-only]   prepare, and export into this shell
#
# What "everything" is:
#   1. apt packages (installed only if missing; `apt-get update` at most once).
#   2. the real multi-layer test image from ../shared/tools/make-image.sh, built into
#      /var/cache/hawser-test-image/<first 16 hex of sha256(make-image.sh)>; a new
#      recipe gets a new directory, so an existing complete directory is reused as is.
#   3. registry A: basic auth (htpasswd) on 127.0.0.1:5055 via ../shared/tools/registry.sh,
#      with the image pushed (fixture/app:{latest,zstd,multi}, fixture/app-docker:latest).
#   4. registry B: the same Debian docker-registry (distribution 2.8.2) with TOKEN auth on
#      127.0.0.1:5056, serving the SAME storage directory as A (read-only mode). Its token
#      server (realm http://127.0.0.1:5057/token) is started by the Swift tests themselves,
#      signing ES256 JWTs with the key generated here (see
#      Tests/ImageSourceTests/TOKEN_AUTH_NOTES.md).
#
# Everything is idempotent: a rerun with everything up takes about a second.
# Progress goes to stderr; only --print-env output goes to stdout.
#
# Overrides (environment): HAWSER_SHARED_DIR (default $REPO/../shared),
# HAWSER_TEST_STATE (default /tmp/hawser-test-registry), HAWSER_IMAGE_CACHE
# (default /var/cache/hawser-test-image), HAWSER_REBUILD_IMAGE=1 (run make-image.sh even
# if the image directory looks complete; it still reuses its own stage cache).

# ------------------------------------------------------------------ sourced mode
# When sourced, don't run `set -euo pipefail` in the caller's shell (it would change the
# caller's behaviour forever). Instead run this file as a child process and eval only the
# export lines it prints. A failure leaves the caller's environment untouched.
# (`source FILE` without arguments sees the CALLER's "$@", so only --image-only is passed on.)
if [ -n "${BASH_SOURCE[0]:-}" ] && [ "${BASH_SOURCE[0]}" != "$0" ]; then
  __hawser_args=(--print-env)
  case " $* " in *" --image-only "*) __hawser_args+=(--image-only) ;; esac
  __hawser_env=$(bash "${BASH_SOURCE[0]}" "${__hawser_args[@]}") || {
    echo "test-env.sh: preparing the test environment failed" >&2
    unset __hawser_env __hawser_args
    return 1
  }
  eval "$__hawser_env"
  unset __hawser_env __hawser_args
  return 0
fi

set -euo pipefail
PROG=test-env.sh
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# CI clones the repository into some folder with a copy of shared/ beside it.
SHARED=${HAWSER_SHARED_DIR:-$REPO/../shared}
TOOLS=$SHARED/tools
STATE=${HAWSER_TEST_STATE:-/tmp/hawser-test-registry}
IMAGE_CACHE=${HAWSER_IMAGE_CACHE:-/var/cache/hawser-test-image}

PG_PORT=5433
PG_DIR=$STATE/postgres
REG_PORT=5055
REG_USER=fixture
REG_PASSWORD=fixture-pw
TOKEN_PORT=5056
REALM_PORT=5057
TOKEN_SERVICE=hawser-test-registry
TOKEN_ISSUER=hawser-test-issuer
TOKEN_DIR=$STATE/token          # config, pid, log of registry B
TOKEN_KEY=$TOKEN_DIR/key.pem    # EC P-256 private key, PEM PKCS#8 (token server signs with it)
TOKEN_CERT=$TOKEN_DIR/cert.pem  # self-signed cert of that key = registry B's rootcertbundle

# Every apt package any mode needs. python3-pip: make-image.sh runs `python3 -m pip download`
# on the host (not in the list the brief gives, but a fresh Debian 12 lacks it).
IMAGE_PKGS=(debootstrap skopeo umoci jq zstd python3 python3-pip util-linux)
REGISTRY_PKGS=(docker-registry apache2-utils openssl curl iproute2)
# The service's PostgreSQL backend is tested against a real server (a throwaway cluster below).
POSTGRES_PKGS=(postgresql sqlite3)
BUILD_PKGS=(libzstd-dev zlib1g-dev libsqlite3-dev libbz2-dev)
# Reference tools the tests compare against: rpm + db-util (generated rpmdb BerkeleyDB files),
# zip (jar fixtures), unzip (the feed test server serves OSV records from all.zip), time and hyperfine (benchmarks), python3-apt/-rpm/-packaging (version
# comparison differentials: dpkg, rpm, PEP 440).
REFERENCE_PKGS=(rpm db-util zip unzip time hyperfine python3-apt python3-rpm python3-packaging)

MODE=all; PRINT_ENV=0
for a in "$@"; do
  case "$a" in
    --print-env) PRINT_ENV=1 ;;
    --image-only) MODE=image ;;
    --build-deps) MODE=build ;;
    --stop) MODE=stop ;;
    -h|--help) sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "$PROG: unknown argument $a" >&2; exit 2 ;;
  esac
done

say() { printf '%s\n' "$PROG: $*" >&2; }
die() { say "ERROR: $*"; exit 1; }
# Only our own processes are signalled: the pid from our pid file, and only if its command
# line still names our config file (a recycled pid is left alone).
is_ours() {  # PIDFILE CONFIG
  local pid
  [ -f "$1" ] || return 1
  pid=$(cat "$1")
  [ -r "/proc/$pid/cmdline" ] || return 1
  grep -qF -- "$2" <<<"$(tr '\0' ' ' <"/proc/$pid/cmdline")"
}

# ------------------------------------------------------------------ --stop
stop_token_registry() {
  local pid
  if ! is_ours "$TOKEN_DIR/registry.pid" "$TOKEN_DIR/config.yml"; then
    say "token registry not running"; rm -f "$TOKEN_DIR/registry.pid"; return 0
  fi
  pid=$(cat "$TOKEN_DIR/registry.pid")
  kill -TERM "$pid"
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fi
  rm -f "$TOKEN_DIR/registry.pid"; say "token registry stopped (pid $pid)"
}
stop_postgres() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -n "$bin" ] && [ -f "$PG_DIR/data/postmaster.pid" ]; then
    su postgres -s /bin/sh -c "$bin/pg_ctl -D '$PG_DIR/data' -m fast -w stop" >&2 || true
  fi
}
if [ "$MODE" = stop ]; then
  stop_token_registry
  stop_postgres
  if [ -f "$TOOLS/registry.sh" ]; then
    bash "$TOOLS/registry.sh" stop "$STATE" >&2
  fi
  exit 0
fi

[ "$(id -u)" = 0 ] || die "must run as root (apt-get, debootstrap/chroot in make-image.sh)"
if [ ! -f "$TOOLS/make-image.sh" ] || [ ! -f "$TOOLS/registry.sh" ]; then
  die "no $TOOLS/{make-image.sh,registry.sh}: shared/ must sit beside the repo (or set HAWSER_SHARED_DIR)"
fi
TOOLS=$(cd "$TOOLS" && pwd)

# ------------------------------------------------------------------ 1. apt packages
# dpkg-query is instant; apt-get update (slow) runs only when something is missing.
ensure_apt() {
  local missing=() p
  for p in "$@"; do
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" = "install ok installed" ] || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing apt packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  # docker-registry's postinst may try to start its own service on :5000 - harmless here
  # (no systemd in CI containers), and we never use that instance.
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}
if [ "$MODE" = build ]; then
  ensure_apt "${BUILD_PKGS[@]}"
  exit 0
elif [ "$MODE" = image ]; then
  ensure_apt "${IMAGE_PKGS[@]}" "${BUILD_PKGS[@]}"
else
  ensure_apt "${IMAGE_PKGS[@]}" "${REGISTRY_PKGS[@]}" "${POSTGRES_PKGS[@]}" "${BUILD_PKGS[@]}" "${REFERENCE_PKGS[@]}"
fi

# ------------------------------------------------------------------ 2. test image
# Directory keyed by the recipe (make-image.sh content): a changed recipe builds afresh,
# an unchanged one is reused. `.hawser-complete` is written only after make-image.sh
# succeeded, so an interrupted build is resumed (make-image.sh caches its own stages).
IMG_KEY=$(sha256sum "$TOOLS/make-image.sh" | cut -c1-16)
IMG=$IMAGE_CACHE/$IMG_KEY
mkdir -p "$IMG"
if [ -f "$IMG/.hawser-complete" ] && [ -f "$IMG/oci/index.json" ] && [ "${HAWSER_REBUILD_IMAGE:-0}" != 1 ]; then
  say "test image: $IMG (cached)"
else
  # make-image.sh refuses to run while another run holds $IMG/.lock (flock -n). Wait for
  # such a concurrent build instead of failing; our run then finds its stages cached.
  if ! flock -n "$IMG/.lock" true 2>/dev/null; then
    say "another make-image.sh run is building $IMG - waiting for it (up to 30 min)"
    flock -w 1800 "$IMG/.lock" true || die "timed out waiting for $IMG/.lock"
  fi
  say "building test image into $IMG (first build ~4 min; log: $IMG/make-image.log)"
  if ! bash "$TOOLS/make-image.sh" "$IMG" >"$IMG/make-image.log" 2>&1; then
    tail -30 "$IMG/make-image.log" >&2
    die "make-image.sh failed (full log: $IMG/make-image.log)"
  fi
  touch "$IMG/.hawser-complete"
  say "test image built: $IMG"
fi

print_env() {
  echo "export HAWSER_TEST_IMAGE_DIR='$IMG'"
  [ "$MODE" = image ] && return 0
  cat <<EOF
export HAWSER_TEST_REGISTRY='127.0.0.1:$REG_PORT'
export HAWSER_TEST_REGISTRY_USER='$REG_USER'
export HAWSER_TEST_REGISTRY_PASSWORD='$REG_PASSWORD'
export HAWSER_TEST_TOKEN_REGISTRY='127.0.0.1:$TOKEN_PORT'
export HAWSER_TEST_TOKEN_REALM_PORT='$REALM_PORT'
export HAWSER_TEST_TOKEN_KEY='$TOKEN_KEY'
export HAWSER_TEST_TOKEN_CERT='$TOKEN_CERT'
export HAWSER_TEST_TOKEN_SERVICE='$TOKEN_SERVICE'
export HAWSER_TEST_TOKEN_ISSUER='$TOKEN_ISSUER'
export HAWSER_TEST_POSTGRES_URL='postgres://hawser:hawser-pw@127.0.0.1:$PG_PORT/postgres'
EOF
}
if [ "$MODE" = image ]; then
  if [ "$PRINT_ENV" = 1 ]; then print_env; else print_env | sed 's/^/  /' >&2; fi
  exit 0
fi

# ------------------------------------------------------------------ 3. basic-auth registry
REGSH=(bash "$TOOLS/registry.sh")
"${REGSH[@]}" start "$STATE" "$REG_PORT" "$REG_USER" "$REG_PASSWORD" >&2
BASE=http://127.0.0.1:$REG_PORT
CREDS=$REG_USER:$REG_PASSWORD

# Push unless the registry already holds THIS image: fixture/app:latest must have the
# manifest digest of $IMG/oci (pushed with --preserve-digests), and the other tags exist.
has_tag() {  # REPO TAG
  curl -fsS -u "$CREDS" "$BASE/v2/$1/tags/list" 2>/dev/null | jq -e --arg t "$2" '.tags // [] | index($t)' >/dev/null
}
WANT=$(jq -r '.manifests[0].digest' "$IMG/oci/index.json")
HAVE=$("${REGSH[@]}" digest "$STATE" fixture/app:latest 2>/dev/null || true)
if [ "$HAVE" = "$WANT" ] && has_tag fixture/app zstd && has_tag fixture/app multi \
   && has_tag fixture/app-docker latest; then
  say "registry already holds the test image (fixture/app:latest $WANT)"
else
  say "pushing the test image to $BASE"
  "${REGSH[@]}" push "$STATE" "$IMG" >&2
fi

# ------------------------------------------------------------------ 4. token-auth registry
mkdir -p "$TOKEN_DIR"
# Key + self-signed cert, made once. The cert is both registry B's rootcertbundle and the
# single x5c entry of each JWT header. 10 years, so it never expires under a long-lived
# state dir (Go's x509 verification checks the validity period).
if [ ! -s "$TOKEN_KEY" ] || [ ! -s "$TOKEN_CERT" ]; then
  say "generating EC P-256 token signing key + self-signed cert in $TOKEN_DIR"
  (umask 077; openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$TOKEN_KEY.tmp")
  openssl req -x509 -new -key "$TOKEN_KEY.tmp" -sha256 -days 3650 \
    -subj "/CN=$TOKEN_ISSUER" -out "$TOKEN_CERT.tmp" 2>/dev/null
  mv "$TOKEN_KEY.tmp" "$TOKEN_KEY"; mv "$TOKEN_CERT.tmp" "$TOKEN_CERT"
  stop_token_registry >/dev/null 2>&1   # a running one would still trust the old cert
fi

token_config() {
  # storage: the SAME directory as registry A, so B serves the pushed images.
  # readonly: B must never write into A's storage (pushes answer 405/UNSUPPORTED).
  # uploadpurging off: only A maintains the shared storage.
  cat <<EOF
version: 0.1
log:
  level: info
  fields: {service: hawser-token-registry}
storage:
  filesystem: {rootdirectory: $STATE/storage}
  cache: {blobdescriptor: inmemory}
  maintenance:
    uploadpurging: {enabled: false}
    readonly: {enabled: true}
http:
  addr: 127.0.0.1:$TOKEN_PORT
  secret: $(cat "$TOKEN_DIR/http-secret")
  headers:
    X-Content-Type-Options: [nosniff]
auth:
  token:
    realm: http://127.0.0.1:$REALM_PORT/token
    service: $TOKEN_SERVICE
    issuer: $TOKEN_ISSUER
    rootcertbundle: $TOKEN_CERT
EOF
}
# http.secret signs upload state; random, but kept in a file so the config stays identical
# between runs (an unchanged config + live pid => nothing to restart).
[ -s "$TOKEN_DIR/http-secret" ] || head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$TOKEN_DIR/http-secret"
NEWCFG=$(token_config)
if is_ours "$TOKEN_DIR/registry.pid" "$TOKEN_DIR/config.yml" \
   && [ "$NEWCFG" = "$(cat "$TOKEN_DIR/config.yml" 2>/dev/null)" ]; then
  say "token registry already running (pid $(cat "$TOKEN_DIR/registry.pid"))"
else
  stop_token_registry >/dev/null 2>&1
  if [ -n "$(ss -Hltn "sport = :$TOKEN_PORT" 2>/dev/null)" ]; then
    die "port $TOKEN_PORT already in use by a process we did not start"
  fi
  printf '%s\n' "$NEWCFG" >"$TOKEN_DIR/config.yml"
  setsid nohup docker-registry serve "$TOKEN_DIR/config.yml" >"$TOKEN_DIR/registry.log" 2>&1 </dev/null &
  echo $! >"$TOKEN_DIR/registry.pid"
  say "token registry started (pid $(cat "$TOKEN_DIR/registry.pid"), log $TOKEN_DIR/registry.log)"
fi

# Check: GET /v2/ without a token => 401 + `WWW-Authenticate: Bearer realm=...,service=...`.
# (Retry while the freshly started process binds its port.)
WANT_CHALLENGE="Bearer realm=\"http://127.0.0.1:$REALM_PORT/token\",service=\"$TOKEN_SERVICE\""
ok=0
for _ in $(seq 50); do
  hdrs=$(curl -s -o /dev/null -D - "http://127.0.0.1:$TOKEN_PORT/v2/" 2>/dev/null | tr -d '\r' || true)
  if grep -q '^HTTP/[0-9.]* 401' <<<"$hdrs" \
     && grep -qiF "www-authenticate: $WANT_CHALLENGE" <<<"$hdrs"; then ok=1; break; fi
  sleep 0.2
done
if [ "$ok" != 1 ]; then
  tail -20 "$TOKEN_DIR/registry.log" >&2
  die "token registry on :$TOKEN_PORT did not answer 401 with: WWW-Authenticate: $WANT_CHALLENGE"
fi
say "token registry up: http://127.0.0.1:$TOKEN_PORT (401, $WANT_CHALLENGE)"

# ------------------------------------------------------------------ 5. PostgreSQL
# A throwaway cluster on 127.0.0.1:$PG_PORT (scram-sha-256, fsync off: test data only), with a
# role `hawser` that may create databases; each test creates its own database.
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$PG_BIN" ] || die "no PostgreSQL server binaries under /usr/lib/postgresql (apt package postgresql)"
if pg_isready -q -h 127.0.0.1 -p "$PG_PORT" 2>/dev/null; then
  say "PostgreSQL already running on 127.0.0.1:$PG_PORT"
else
  if [ ! -f "$PG_DIR/data/PG_VERSION" ]; then
    rm -rf "$PG_DIR"; mkdir -p "$PG_DIR"
    echo postgres-pw >"$PG_DIR/pwfile"
    chown -R postgres:postgres "$PG_DIR"; chmod 700 "$PG_DIR"
    say "initdb $PG_DIR/data"
    su postgres -s /bin/sh -c "$PG_BIN/initdb -D '$PG_DIR/data' -U postgres -A scram-sha-256 --pwfile='$PG_DIR/pwfile'" >"$PG_DIR/initdb.log" 2>&1 \
      || { tail -20 "$PG_DIR/initdb.log" >&2; die "initdb failed"; }
  fi
  rm -f "$PG_DIR/data/postmaster.pid"
  su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D '$PG_DIR/data' -l '$PG_DIR/server.log' -w -t 60 \
    -o \"-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200\" start" >&2 \
    || { tail -20 "$PG_DIR/server.log" >&2; die "PostgreSQL did not start"; }
  say "PostgreSQL started on 127.0.0.1:$PG_PORT (log $PG_DIR/server.log)"
fi
PGPASSWORD=postgres-pw psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 >&2 <<'SQL' \
  || die "cannot create the hawser role in the test cluster"
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hawser') THEN CREATE ROLE hawser LOGIN CREATEDB PASSWORD 'hawser-pw'; END IF;
END $$;
SQL

# Check the whole trust chain once: a token minted with openssl the way the Swift token
# server must mint it (scripts/mint-test-token.sh) is accepted, and it serves the image.
TOK=$(bash "$REPO/scripts/mint-test-token.sh" "$TOKEN_KEY" "$TOKEN_CERT" "$TOKEN_ISSUER" \
  "$TOKEN_SERVICE" repository:fixture/app:pull)
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOK" \
  "http://127.0.0.1:$TOKEN_PORT/v2/fixture/app/tags/list")
[ "$code" = 200 ] || { tail -5 "$TOKEN_DIR/registry.log" >&2; die "token registry rejected an openssl-minted token ($code)"; }
say "token registry accepts ES256 tokens (x5c = $TOKEN_CERT) and serves fixture/app"

# ------------------------------------------------------------------ output
if [ "$PRINT_ENV" = 1 ]; then
  print_env
else
  say "ready. Variables (use --print-env, or source this script, to get them):"
  print_env | sed 's/^/  /' >&2
fi
