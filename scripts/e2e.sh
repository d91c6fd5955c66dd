#!/usr/bin/env bash
# Browser end-to-end tests: starts the real backend (embedded defaults, fresh data directory,
# the built UI served from the same origin), runs the Playwright suite in Debian's Chromium, stops.
set -euo pipefail
script="${1:-e2e}"
shift || true
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/api-gateway/target/querent.jar"
port="${E2E_PORT:-18080}"
[ -f "$jar" ] || { echo "e2e: $jar missing; run ./mvnw package first" >&2; exit 1; }
[ -x /usr/bin/chromium ] || { echo "e2e: /usr/bin/chromium missing (apt-get install chromium)" >&2; exit 1; }

data="$(mktemp -d)"
log="$data/server.log"
java_home="$("$root/mvnw" --print-java-home)"
QUERENT_DATA_DIR="$data" "$java_home/bin/java" --enable-native-access=ALL-UNNAMED -jar "$jar" \
  --server.port="$port" >"$log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT

for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { echo "e2e: backend exited"; cat "$log"; exit 1; }
  sleep 1
done
curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null || { echo "e2e: backend not healthy"; tail -50 "$log"; exit 1; }

cd "$root/frontend"
# The suite's SQLite file must lie where the backend accepts database files: <data>/sources.
mkdir -p "$data/sources"
if ! E2E_DATA_DIR="${E2E_DATA_DIR:-$data/sources}" BASE_URL="http://127.0.0.1:$port" npm run "$script" -- "$@"; then
  echo "e2e: failed; backend log tail:"; tail -80 "$log"; exit 1
fi
