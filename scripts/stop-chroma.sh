#!/usr/bin/env bash
# Stops the Chroma server started by scripts/start-chroma.sh (same QUERENT_CHROMA_DATA): the process
# in its PID file and that process's children. Does nothing when it is not running.
set -euo pipefail
data="${QUERENT_CHROMA_DATA:-/tmp/querent-chroma}"
pid_file="$data/chroma.pid"

[ -f "$pid_file" ] || { echo "==> [chroma] not running (no $pid_file)"; exit 0; }
pid="$(cat "$pid_file")"

# The process and its descendants, children first (from /proc: procps may be missing).
tree() {
  local child
  for child in $(cat /proc/"$1"/task/*/children 2>/dev/null); do tree "$child"; done
  echo "$1"
}
# A stale file may name a reused pid: only a process running chroma is ours.
if ! tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -q chroma; then
  echo "==> [chroma] not running (stale pid $pid)"
  rm -f "$pid_file"
  exit 0
fi
pids="$(tree "$pid" | tr '\n' ' ')"

echo "==> [chroma] stopping pid(s) $pids"
kill $pids 2>/dev/null || true
for _ in $(seq 1 20); do
  alive=""
  for p in $pids; do kill -0 "$p" 2>/dev/null && alive="$alive $p"; done
  [ -z "$alive" ] && break
  sleep 0.5
done
if [ -n "$alive" ]; then
  echo "==> [chroma] still running after 10 s, killing$alive"
  kill -9 $alive 2>/dev/null || true
fi
rm -f "$pid_file"
