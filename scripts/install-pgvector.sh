#!/usr/bin/env bash
# Builds and installs the pgvector extension for PostgreSQL 15 on Debian 12.
#
# Debian 12 ships no pgvector package, but Debian trixie ships its source package, which builds
# against PostgreSQL 15. The source is fetched with a *private* apt configuration (own sources
# file, own lists and cache under a temporary directory), so the system's apt sources and state
# stay untouched. The mirror is the one already configured on this machine: it is read from the
# system's apt sources at run time and never written into this repository.
#
# Idempotent: does nothing when the extension is already installed.
# Needs root (installs build dependencies and writes into PostgreSQL's directories).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

PG_MAJOR="${PG_MAJOR:-15}"
PG_CONFIG="/usr/lib/postgresql/${PG_MAJOR}/bin/pg_config"
CONTROL="/usr/share/postgresql/${PG_MAJOR}/extension/vector.control"
SOURCE_SUITE="${PGVECTOR_SOURCE_SUITE:-trixie}"

log() { echo "==> [pgvector] $*"; }

if [ -f "$CONTROL" ]; then
  log "already installed ($(grep -E '^default_version' "$CONTROL" | tr -d " '" ))"
  exit 0
fi
start=$(date +%s)

# Build dependencies (from the system's own sources).
need=()
dpkg -s "postgresql-server-dev-${PG_MAJOR}" >/dev/null 2>&1 || need+=("postgresql-server-dev-${PG_MAJOR}")
command -v make >/dev/null && command -v gcc >/dev/null || need+=(build-essential)
if [ ${#need[@]} -gt 0 ]; then
  log "installing build dependencies: ${need[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# The Debian mirror already configured here: the first non-security URI of a "deb" entry whose
# suites name the main release, from deb822 (*.sources) or one-line (*.list) files.
mirror_uri() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk '
      BEGIN { RS = ""; FS = "\n" }
      {
        uris = ""; suites = ""; types = ""
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^URIs:/)   { uris = $i;   sub(/^URIs:[ \t]*/, "", uris) }
          if ($i ~ /^Suites:/) { suites = $i; sub(/^Suites:[ \t]*/, "", suites) }
          if ($i ~ /^Types:/)  { types = $i;  sub(/^Types:[ \t]*/, "", types) }
        }
        if (types ~ /deb/ && suites !~ /-security/ && uris ~ /debian/ && uris !~ /security/) {
          split(uris, u, /[ \t]+/); print u[1]; exit
        }
      }' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    awk '$1 == "deb" {
           i = 2; if ($2 ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
           if ($i ~ /debian/ && $i !~ /security/ && $(i + 1) !~ /-security/) { print $i; exit }
         }' "$f"
  done
}
mirror="$(mirror_uri | head -n1)"
if [ -z "$mirror" ]; then
  echo "install-pgvector: no Debian mirror found in /etc/apt/sources.list{,.d}" >&2
  exit 1
fi
log "fetching pgvector source from the configured Debian mirror (suite ${SOURCE_SUITE})"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/src"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
echo "deb-src [signed-by=${keyring}] ${mirror} ${SOURCE_SUITE} main" >"$work/sources.list"
apt_private=(
  -o "Dir::Etc::SourceList=$work/sources.list"
  -o "Dir::Etc::SourceParts=-"
  -o "Dir::State::Lists=$work/lists"
  -o "Dir::Cache=$work/cache"
  -o "Dir::Cache::pkgcache="
  -o "Dir::Cache::srcpkgcache="
  -o "APT::Get::List-Cleanup=0"
  # The private directories belong to root; download as root instead of the _apt sandbox user.
  -o "APT::Sandbox::User=root"
)
apt-get "${apt_private[@]}" update -qq
(cd "$work/src" && apt-get "${apt_private[@]}" source --download-only -qq pgvector)

orig="$(ls "$work"/src/pgvector_*.orig.tar.* | head -n1)"
log "building $(basename "$orig")"
tar -xf "$orig" -C "$work/src"
srcdir="$(find "$work/src" -mindepth 1 -maxdepth 1 -type d | head -n1)"
make -s -C "$srcdir" with_llvm=no PG_CONFIG="$PG_CONFIG" -j"$(nproc)" >/dev/null
make -s -C "$srcdir" with_llvm=no PG_CONFIG="$PG_CONFIG" install >/dev/null

[ -f "$CONTROL" ] || { echo "install-pgvector: $CONTROL missing after install" >&2; exit 1; }
log "installed ($(grep -E '^default_version' "$CONTROL" | tr -d " '")) in $(( $(date +%s) - start )) s"
