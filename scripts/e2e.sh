#!/usr/bin/env bash
# Browser end-to-end tests: starts two real backends (embedded defaults, a fresh data directory each,
# the built UI served from the same origin), runs the Playwright suite in Debian's Chromium, stops.
#  - the main backend (E2E_PORT, default 18080) runs without a model: offline rules, patterns;
#  - the model backend (E2E_MODEL_PORT, default E2E_PORT + 1) has an OpenAI-compatible model whose
#    base URL is a test-only stand-in on this machine (frontend/e2e/support/stand-in-model.mjs,
#    answering from frontend/e2e/fixtures/model-answers.json); only the "model" Playwright project
#    (e2e/model-*.spec.ts) uses it.
# Both backends' first-start administrator gets QUERENT_ADMIN_PASSWORD (the suite signs in with it);
# the run's SQLite files live in $data/sources, the one directory the main backend may open.
set -euo pipefail
script="${1:-e2e}"
shift || true
# `scripts/e2e.sh e2e -- model-draft`: npm would hand Playwright the "--" and Playwright then drops
# the filter after it, running every spec
[ "${1:-}" = "--" ] && shift
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/api-gateway/target/querent.jar"
port="${E2E_PORT:-18080}"
model_port="${E2E_MODEL_PORT:-$((port + 1))}"
[ -f "$jar" ] || { echo "e2e: $jar missing; run ./mvnw package first" >&2; exit 1; }
[ -x /usr/bin/chromium ] || { echo "e2e: /usr/bin/chromium missing (apt-get install chromium)" >&2; exit 1; }
command -v node >/dev/null || { echo "e2e: node missing (the suite and the stand-in model run on it)" >&2; exit 1; }
# A server already on a port would answer the health probe for a backend that failed to bind: the
# suite would then run against a stranger (another checkout's run, say) and fail in confusing ways.
for p in "$port" "$model_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    echo "e2e: port $p is already in use; stop what listens there or set E2E_PORT / E2E_MODEL_PORT" >&2
    exit 1
  fi
done

data="$(mktemp -d)"
model_data="$data/model"
log="$data/server.log"
model_log="$data/model-server.log"
stand_in_log="$data/stand-in.log"
mkdir -p "$data/sources" "$model_data/sources"
export QUERENT_ADMIN_PASSWORD="${QUERENT_ADMIN_PASSWORD:-e2e-admin-password-123}"
java_home="$("$root/mvnw" --print-java-home)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$data"
}
trap cleanup EXIT
tails() {
  echo "--- main backend log (tail) ---"; tail -"${1:-80}" "$log" 2>/dev/null || true
  echo "--- model backend log (tail) ---"; tail -"${1:-80}" "$model_log" 2>/dev/null || true
  echo "--- stand-in model log (tail) ---"; tail -20 "$stand_in_log" 2>/dev/null || true
}

# The stand-in model picks a free port itself and writes it to a file once it listens.
node "$root/frontend/e2e/support/stand-in-model.mjs" --fixtures "$root/frontend/e2e/fixtures/model-answers.json" \
  --port-file "$data/stand-in.port" >"$stand_in_log" 2>&1 &
stand_in_pid=$!
pids+=("$stand_in_pid")
for _ in $(seq 1 50); do
  [ -s "$data/stand-in.port" ] && break
  kill -0 "$stand_in_pid" 2>/dev/null || { echo "e2e: the stand-in model exited"; cat "$stand_in_log"; exit 1; }
  sleep 0.2
done
[ -s "$data/stand-in.port" ] || { echo "e2e: the stand-in model did not start"; cat "$stand_in_log"; exit 1; }
stand_in_url="http://127.0.0.1:$(cat "$data/stand-in.port")"
model_name="$(node -p "require(process.argv[1]).model" "$root/frontend/e2e/fixtures/model-answers.json")"

# The suite signs in and asks far more often than a person: its own limits (the rate limits are
# tested by the Java suite).
start_backend() { # <port> <data dir> <log> [VAR=value …]
  local p="$1" dir="$2" out="$3"
  shift 3
  env QUERENT_DATA_DIR="$dir" QUERENT_ALLOWED_DIRS="$dir/sources" \
    QUERENT_RATE_LIMIT_LOGINS=1000 QUERENT_RATE_LIMIT_ASKS=1000 "$@" \
    "$java_home/bin/java" --enable-native-access=ALL-UNNAMED -jar "$jar" \
    --server.port="$p" >"$out" 2>&1 &
  pids+=("$!")
}
start_backend "$port" "$data" "$log"
main_pid="${pids[-1]}"
start_backend "$model_port" "$model_data" "$model_log" \
  QUERENT_LLM_PROVIDER=openai QUERENT_LLM_BASE_URL="$stand_in_url/v1" QUERENT_LLM_MODEL="$model_name" \
  QUERENT_LLM_TIMEOUT=30s
model_pid="${pids[-1]}"

wait_healthy() { # <name> <port> <pid> <log>
  for _ in $(seq 1 180); do
    curl -fs "http://127.0.0.1:$2/actuator/health" >/dev/null 2>&1 && return 0
    kill -0 "$3" 2>/dev/null || { echo "e2e: the $1 backend exited"; cat "$4"; exit 1; }
    sleep 1
  done
  echo "e2e: the $1 backend is not healthy"; tails 50; exit 1
}
wait_healthy main "$port" "$main_pid" "$log"
wait_healthy model "$model_port" "$model_pid" "$model_log"

cd "$root/frontend"
if ! E2E_DATA_DIR="${E2E_DATA_DIR:-$data/sources}" BASE_URL="http://127.0.0.1:$port" \
  E2E_MODEL_BASE_URL="http://127.0.0.1:$model_port" E2E_STAND_IN_URL="$stand_in_url" \
  npm run "$script" -- "$@"; then
  echo "e2e: failed"; tails 80; exit 1
fi
