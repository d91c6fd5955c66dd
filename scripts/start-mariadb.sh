#!/usr/bin/env bash
# Makes a MariaDB server answer on 127.0.0.1 (port 3306) with an account the integration tests use
# (QUERENT_TEST_MYSQL_URL/_USER/_PASSWORD): user 'querent', password 'querent', allowed to create
# and drop databases.
#
#   QUERENT_MARIADB_PORT    TCP port (default 3306)
#   QUERENT_MARIADB_DATA    data directory when this script has to start a server (default /var/lib/mysql)
#   QUERENT_MARIADB_SOCKET  local socket (default /run/mysqld/mysqld.sock)
#
# Idempotent. Installs mariadb-server when it is missing; when a server already answers on 3306 it
# is used as it is (root without a password over TCP, else root over the local socket); otherwise
# one is started in the background. Run as root.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

port="${QUERENT_MARIADB_PORT:-3306}"
data="${QUERENT_MARIADB_DATA:-/var/lib/mysql}"
socket="${QUERENT_MARIADB_SOCKET:-/run/mysqld/mysqld.sock}"
run_dir="$(dirname "$socket")"

log() { echo "==> [mariadb] $*"; }
tcp_open() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }
pinged() { mariadb-admin --protocol=tcp -h 127.0.0.1 -P "$port" --connect-timeout=2 ping >/dev/null 2>&1 \
  || mariadb-admin --socket="$socket" --connect-timeout=2 ping >/dev/null 2>&1; }

if [ ! -x /usr/sbin/mariadbd ] || ! command -v mariadb >/dev/null; then
  log "installing mariadb-server"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends mariadb-server
fi

if tcp_open; then
  log "a server already answers on 127.0.0.1:$port"
else
  mkdir -p "$run_dir"
  chown mysql:mysql "$run_dir"
  if [ ! -d "$data/mysql" ]; then
    log "initialising a data directory in $data"
    mkdir -p "$data"
    chown mysql:mysql "$data"
    mariadb-install-db --user=mysql --datadir="$data" --auth-root-authentication-method=socket >/dev/null
  fi
  mkdir -p /var/log/mysql
  chown mysql:mysql /var/log/mysql
  log "starting mariadbd on 127.0.0.1:$port (data in $data)"
  nohup /usr/sbin/mariadbd --user=mysql --datadir="$data" --socket="$socket" \
    --pid-file="$run_dir/mysqld-$port.pid" --bind-address=127.0.0.1 --port="$port" \
    >"/var/log/mysql/querent-mariadbd-$port.log" 2>&1 </dev/null &
fi

for _ in $(seq 1 60); do
  pinged && break
  sleep 0.5
done
if ! pinged; then
  echo "mariadb: the server did not answer on 127.0.0.1:$port; see /var/log/mysql/" >&2
  exit 1
fi

# root may log in over TCP without a password (prepared machines) or only through the socket (Debian default).
if mariadb --protocol=tcp -h 127.0.0.1 -P "$port" -uroot -e 'SELECT 1' >/dev/null 2>&1; then
  admin=(mariadb --protocol=tcp -h 127.0.0.1 -P "$port" -uroot)
elif mariadb --socket="$socket" -uroot -e 'SELECT 1' >/dev/null 2>&1; then
  admin=(mariadb --socket="$socket" -uroot)
else
  echo "mariadb: cannot log in as root over TCP without a password nor over $socket" >&2
  exit 1
fi

"${admin[@]}" <<'SQL'
CREATE USER IF NOT EXISTS 'querent'@'127.0.0.1' IDENTIFIED BY 'querent';
CREATE USER IF NOT EXISTS 'querent'@'localhost' IDENTIFIED BY 'querent';
ALTER USER 'querent'@'127.0.0.1' IDENTIFIED BY 'querent';
ALTER USER 'querent'@'localhost' IDENTIFIED BY 'querent';
GRANT ALL PRIVILEGES ON *.* TO 'querent'@'127.0.0.1';
GRANT ALL PRIVILEGES ON *.* TO 'querent'@'localhost';
SQL

mariadb --protocol=tcp -h 127.0.0.1 -P "$port" -uquerent -pquerent -e 'SELECT 1' >/dev/null
log "up on 127.0.0.1:$port ($("${admin[@]}" -N -e 'SELECT version()')), user querent ready"
