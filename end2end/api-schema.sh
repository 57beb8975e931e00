#!/usr/bin/env bash
# The API against its own OpenAPI document (Schemathesis, property-based):
# the real binary on a fresh copy of the demo network, called with a
# member's token and an admin's, both read-write. Fails on any 5xx, any
# match the schema (status, content type, headers, body), and any operation
# that answers without a token. Bounded in time; talks to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")"
: "${SERVER_BIN:?the server binary}" "${SITE_ROOT:?the built site}"
st="${SCHEMATHESIS_VENV:-/var/tmp/sos-schemathesis}/bin/st"

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

port=$((3300 + RANDOM % 500))
export SOS_DATABASE_URL="surrealkv://${work}/db" SOS_DB_NAMESPACE=sos SOS_DB_DATABASE=network \
  SOS_LOG=warn SOS_DEMO=true SOS_REQUIRE_SECOND_FACTOR=false SOS_ADDR="127.0.0.1:${port}" \
  SOS_API_CALLS_PER_MINUTE=100000 LEPTOS_SITE_ROOT="$SITE_ROOT" LEPTOS_OUTPUT_NAME=sos-torture

"$SERVER_BIN" seed --demo > "$work/seed.log"
# The token is the one line of its kind (the log may write on the same output).
# Both may write: the member's writes are refused by role, the admin's
# go through every check to the database.
token_of() {
  "$SERVER_BIN" user token --email "$1" --name "schema test" --scope read-write \
    | grep -o 'sos_[0-9a-f]\{64\}' | head -n 1
}
member=$(token_of member@example.org)
admin=$(token_of admin@example.org)
if [ -z "$member" ] || [ -z "$admin" ]; then
  echo "no token could be made"; exit 1
fi

"$SERVER_BIN" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:${port}/healthz" > /dev/null 2>&1 && break
  sleep 0.5
done

status=0
for token in "$member" "$admin"; do
  timeout 600 "$st" run "http://127.0.0.1:${port}/api/v1/openapi.json" \
    --header "Authorization: Bearer ${token}" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance,ignored_auth \
    --phases examples,coverage,fuzzing --max-examples 30 --workers 2 --seed 24 \
    --generation-database none --request-timeout 30 --no-color --output-sanitize true || status=$?
done
if [ "$status" -ne 0 ]; then
  echo "the server's log, last lines:"; tail -n 30 "$work/server.log"
fi
if grep -q "panicked" "$work/server.log"; then
  echo "the server panicked:"; grep -A5 "panicked" "$work/server.log"; status=1
fi
exit $status
