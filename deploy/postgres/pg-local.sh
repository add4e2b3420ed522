#!/usr/bin/env bash
# A throwaway local PostgreSQL server from Debian's packages, for tests, CI and deploy/local-cluster.sh.
#   pg-local.sh install                 apt-get install postgresql if it is not installed
#   pg-local.sh start <datadir> <port>  initdb if needed, start on 127.0.0.1:<port>, wait until ready, and print the
#                                       Npgsql connection string as the last line
#   pg-local.sh stop <datadir>
#   pg-local.sh restart <datadir>
# Trust authentication on 127.0.0.1 only: a local, disposable server. As root it runs initdb and the server as the
# "postgres" OS user (PostgreSQL refuses to run as root; Debian's package creates that user), which then owns
# <datadir>: its parent directories must be traversable by that user (e.g. /tmp, not /root). Binaries: the highest
# /usr/lib/postgresql/<version>/bin present.
set -euo pipefail

bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

install() {
  if [ -z "$(bin_dir)" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq postgresql >/dev/null
  fi
}

as_owner() { # run a command as the data directory's owner
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local dir=$1 port=$2
  install
  local bin; bin=$(bin_dir)
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir" && chmod 700 "$dir"
  if [ ! -f "$dir/PG_VERSION" ]; then
    as_owner "$bin/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    cat >>"$dir/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 300
fsync = on
# The platform's hot tables and their indexes (audit log, access checks, read model) outgrow the default 128 MB after
# a few hundred thousand acts; the machine has memory to spare. Checkpoints spaced further apart write fewer full-page
# images of the same index pages.
shared_buffers = 1GB
max_wal_size = 4GB
CONF
    # Trust only TCP from 127.0.0.1 (the only address it listens on); the socket, inside the 0700 data directory,
    # only lets the postgres OS user in as itself.
    cat >"$dir/pg_hba.conf" <<'HBA'
local all  postgres              peer
host  all  all      127.0.0.1/32 trust
HBA
  fi
  if ! as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -o "-p $port" -w -t 60 start >/dev/null
  fi
  for _ in $(seq 1 60); do
    "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" && break
    sleep 0.5
  done
  "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" || { tail -n 20 "$dir/server.log" >&2; exit 1; }
  echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
}

stop() {
  local dir=$1 bin; bin=$(bin_dir)
  [ -n "$bin" ] && [ -f "$dir/PG_VERSION" ] || return 0
  as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
}

restart() {
  local dir=$1 bin; bin=$(bin_dir)
  as_owner "$bin/pg_ctl" -D "$dir" -m fast -w -t 60 restart >/dev/null
}

case "${1:-}" in
  install) install ;;
  start) start "${2:?datadir}" "${3:?port}" ;;
  stop) stop "${2:?datadir}" ;;
  restart) restart "${2:?datadir}" ;;
  *) sed -n '2,11p' "$0"; exit 2 ;;
esac
