#!/usr/bin/env bash
# The directory page under load (issue 25): wrk at 64 connections against the
# real server on 127.0.0.1, side by side in one run:
#   1. the same bytes as the directory page, sent as a static file (the floor);
#   2. the directory page as an anonymous visitor;
#   3. the directory page as a signed-in member.
# Stops by itself (each wrk run is bounded) and stops the server it started.
#
#   bench/load-directory.sh SERVER_BIN SITE_ROOT DB_URL MEMBER_ORG [SECONDS]
#
# e.g. bench/load-directory.sh target/release/server target/site \
#        surrealkv:///var/tmp/sos-100k syn-0000001 20
# DB_URL holds a network (the demo, or `server seed --synthetic N`); a member
# account speaking for MEMBER_ORG is created in it if it is not there yet.
set -euo pipefail

server_bin=$1 site_root=$2 db_url=$3 member_org=$4 seconds=${5:-20}
port=${LOAD_PORT:-3977}
base="http://127.0.0.1:$port"
email=load-member@example.org
password="load test member passphrase 2026"
log=$(mktemp)

command -v wrk > /dev/null || sudo apt-get install -y wrk > /dev/null

# The account is made once; a second time the CLI says it exists.
printf '%s\n' "$password" | "$server_bin" --db "$db_url" user create --role member \
  --email "$email" --org "$member_org" --password-stdin > /dev/null 2>&1 || true

SOS_LOG=info SOS_ADDR=127.0.0.1:$port LEPTOS_SITE_ROOT=$site_root \
  "$server_bin" --db "$db_url" serve > "$log" 2>&1 &
server=$!
copy="$site_root/pkg/load-directory-copy.html"
cleanup() { kill "$server" 2> /dev/null || true; wait "$server" 2> /dev/null || true; rm -f "$copy" "$log"; }
trap cleanup EXIT

for _ in $(seq 1 600); do
  grep -q "directory index read" "$log" && break
  kill -0 "$server" 2> /dev/null || { cat "$log"; exit 1; }
  sleep 1
done
grep -q "directory index read" "$log" || { echo "the directory index was not read" >&2; exit 1; }
grep "directory index read" "$log" | head -1 | sed 's/\x1b\[[0-9;]*m//g'

cookie=$(curl -s -o /dev/null -D - -X POST "$base/api/sign-in" \
  -H "Origin: $base" -H "Referer: $base/sign-in" \
  --data-urlencode "email=$email" --data-urlencode "password=$password" |
  grep -i '^set-cookie: sos_session=' | sed 's/^[^:]*: //; s/;.*//' | tr -d '\r')
[ -n "$cookie" ] || { echo "the member could not sign in" >&2; exit 1; }

curl -sf "$base/organisations" > "$copy"
bytes=$(wc -c < "$copy")
curl -sf -H "Cookie: $cookie" "$base/organisations" | grep -q "Sign out" ||
  { echo "the member's page is not a signed-in page" >&2; exit 1; }

run() { # name, then wrk's arguments
  local name=$1
  shift
  local out
  out=$(wrk -t2 -c64 -d"${seconds}s" --timeout 5s --latency "$@")
  local rps p50 p99 errors
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<< "$out")
  p50=$(awk '$1 == "50%" {print $2}' <<< "$out")
  p99=$(awk '$1 == "99%" {print $2}' <<< "$out")
  errors=$(grep -E "Non-2xx|Socket errors" <<< "$out" | tr '\n' ' ' || true)
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$rps" "$p50" "$p99" "${errors:-none}"
}

echo "page: $bytes bytes; wrk -t2 -c64 -d${seconds}s; $(nproc) cores; $(date -u +%FT%TZ)"
results=$(
  run "static file (floor)" "$base/pkg/load-directory-copy.html"
  run "directory, anonymous" "$base/organisations"
  run "directory, member" -H "Cookie: $cookie" "$base/organisations"
)
floor=$(head -1 <<< "$results" | cut -f2)
echo
echo "| request | requests/s | ÷ static file | p50 | p99 | errors |"
echo "|---|---:|---:|---:|---:|---|"
while IFS=$'\t' read -r name rps p50 p99 errors; do
  ratio=$(awk -v a="$rps" -v b="$floor" 'BEGIN { printf "%.0f %%", 100 * a / b }')
  echo "| $name | $rps | $ratio | $p50 | $p99 | $errors |"
done <<< "$results"
