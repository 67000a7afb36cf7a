#!/usr/bin/env bash
# mint-test-token.sh - mint an ES256 registry token with openssl, exactly as the Swift
# tests' in-process token server must (see Tests/ImageSourceTests/TOKEN_AUTH_NOTES.md).
# Used by test-env.sh to prove that the token registry accepts such tokens, and handy when
# debugging the Swift side: compare its JWT with this one.
#
#   mint-test-token.sh KEY CERT ISSUER AUDIENCE [SCOPE...]
#       SCOPE as in the WWW-Authenticate challenge: repository:fixture/app:pull,
#       registry:catalog:*   (none => empty access list: enough for GET /v2/ only)
#   Prints the compact JWT (header.claims.signature) on stdout.
#   Env: TOKEN_TTL (seconds, default 300), TOKEN_SUBJECT (default fixture).
set -euo pipefail
[ $# -ge 4 ] || { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
KEY=$1 CERT=$2 ISS=$3 AUD=$4; shift 4

b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }

# x5c: STANDARD base64 (with padding, not base64url) of the DER certificate.
X5C=$(openssl x509 -in "$CERT" -outform DER | base64 -w0)
HEADER=$(jq -cn --arg x5c "$X5C" '{typ: "JWT", alg: "ES256", x5c: [$x5c]}')

# access: one entry per scope "type:name:action[,action]" (name may contain ':' - a port).
ACCESS='[]'
for s in "$@"; do
  typ=${s%%:*}; rest=${s#*:}; name=${rest%:*}; actions=${rest##*:}
  ACCESS=$(jq -c --arg t "$typ" --arg n "$name" --arg a "$actions" \
    '. + [{type: $t, name: $n, actions: ($a | split(","))}]' <<<"$ACCESS")
done
NOW=$(date +%s)
# aud is a plain STRING (distribution 2.8 rejects an array); times are integer seconds.
CLAIMS=$(jq -cn --arg iss "$ISS" --arg sub "${TOKEN_SUBJECT:-fixture}" --arg aud "$AUD" \
  --argjson now "$NOW" --argjson ttl "${TOKEN_TTL:-300}" --argjson access "$ACCESS" \
  --arg jti "$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
  '{iss: $iss, sub: $sub, aud: $aud, exp: ($now + $ttl), nbf: ($now - 5), iat: $now,
    jti: $jti, access: $access}')

INPUT=$(printf '%s' "$HEADER" | b64url).$(printf '%s' "$CLAIMS" | b64url)
# openssl signs ECDSA as DER SEQUENCE{r, s}; JWS ES256 wants raw r||s, 32 bytes each.
SIG_HEX=$(printf '%s' "$INPUT" | openssl dgst -sha256 -sign "$KEY" | openssl asn1parse -inform DER \
  | awk -F: '/INTEGER/ {h = $NF; while (length(h) < 64) h = "0" h; printf "%s", substr(h, length(h) - 63)}')
[ ${#SIG_HEX} -eq 128 ] || { echo "mint-test-token.sh: bad signature conversion" >&2; exit 1; }
printf '%s.%s\n' "$INPUT" "$(basenc --base16 -d <<<"$SIG_HEX" | b64url)"
