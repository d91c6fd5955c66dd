#!/usr/bin/env bash
# Starts a real Chroma server (1.0.0, from the chromadb npm package pinned in scripts/chroma) on
# 127.0.0.1 in the background, for the integration tests (QUERENT_TEST_CHROMA_URL).
#
#   QUERENT_CHROMA_PORT  port (default 8000)
#   QUERENT_CHROMA_DATA  data directory, also holding chroma.pid and chroma.log (default /tmp/querent-chroma)
#
# Idempotent: does nothing when the heartbeat already answers. Stop it with scripts/stop-chroma.sh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pkg="$here/chroma"
port="${QUERENT_CHROMA_PORT:-8000}"
data="${QUERENT_CHROMA_DATA:-/tmp/querent-chroma}"
url="http://127.0.0.1:$port"

log() { echo "==> [chroma] $*"; }
heartbeat() { curl -fsS -m 2 "$url/api/v2/heartbeat" >/dev/null 2>&1; }

if heartbeat; then
  log "already running on $url"
  exit 0
fi
if [ ! -x "$pkg/node_modules/.bin/chroma" ]; then
  log "installing the chromadb npm package"
  (cd "$pkg" && npm ci --no-audit --no-fund)
fi

mkdir -p "$data"
log "starting Chroma on $url (data in $data)"
# The package's own binary, not npx: npx would leave wrapper processes between us and the server.
nohup "$pkg/node_modules/.bin/chroma" run --path "$data" --host 127.0.0.1 --port "$port" \
  >"$data/chroma.log" 2>&1 </dev/null &
pid=$!
echo "$pid" >"$data/chroma.pid"

for _ in $(seq 1 60); do
  if heartbeat; then
    log "up on $url (pid $pid)"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "start-chroma: Chroma exited; last lines of $data/chroma.log:" >&2
    tail -n 20 "$data/chroma.log" >&2
    exit 1
  fi
  sleep 1
done
echo "start-chroma: no heartbeat from $url after 60 s; last lines of $data/chroma.log:" >&2
tail -n 20 "$data/chroma.log" >&2
exit 1
