#!/usr/bin/env bash
# Browser end-to-end tests: starts the real backend (embedded defaults, fresh data directory,
# the built UI served from the same origin), runs the Playwright suite in Debian's Chromium, stops.
# The backend's first-start administrator gets QUERENT_ADMIN_PASSWORD (the suite signs in with it);
# the run's SQLite files live in $data/sources, the one directory the backend is allowed to open.
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
mkdir -p "$data/sources"
export QUERENT_ADMIN_PASSWORD="${QUERENT_ADMIN_PASSWORD:-e2e-admin-password-123}"
java_home="$("$root/mvnw" --print-java-home)"
# The suite signs in and asks far more often than a person: its own limits (the rate limits are
# tested by the Java suite).
QUERENT_DATA_DIR="$data" QUERENT_ALLOWED_DIRS="$data/sources" \
  QUERENT_RATE_LIMIT_LOGINS=1000 QUERENT_RATE_LIMIT_ASKS=1000 \
  "$java_home/bin/java" --enable-native-access=ALL-UNNAMED -jar "$jar" \
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
if ! E2E_DATA_DIR="${E2E_DATA_DIR:-$data/sources}" BASE_URL="http://127.0.0.1:$port" npm run "$script" -- "$@"; then
  echo "e2e: failed; backend log tail:"; tail -80 "$log"; exit 1
fi
