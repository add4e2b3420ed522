#!/usr/bin/env bash
# A three-silo cluster and one API process on this machine, over PostgreSQL.
#   deploy/local-cluster.sh up             build, start PostgreSQL if none is reachable, migrate, start 3 silos + API
#   deploy/local-cluster.sh status         processes and their health
#   deploy/local-cluster.sh kill-silo N    SIGKILL silo N (1-3)
#   deploy/local-cluster.sh restart-silo N SIGKILL silo N if running, start it again, wait until healthy
#   deploy/local-cluster.sh down           stop everything this script started
# Environment: DATASHARING_PG (an Npgsql connection string) to use an existing server; API_PORT (default 8080);
# Auth__SigningKey (otherwise a random key is generated into .cluster/, which is not in git). A second cluster on the
# same machine: CLUSTER_STATE (default .cluster), PG_PORT (55432), SILO_PORT_BASE (11110), GATEWAY_PORT_BASE (30000)
# and HEALTH_PORT_BASE (8080): silo N listens on base+N. SILOS (3) silos; DATABASE (datasharing) the database's name;
# SKIP_BUILD=1 uses the build already there (deploy/federation.sh builds once for its three platforms).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
state=${CLUSTER_STATE:-"$root/.cluster"}
silos=${SILOS:-3}
db_name=${DATABASE:-datasharing}
api_port=${API_PORT:-8080}
pg_port=${PG_PORT:-55432}
silo_base=${SILO_PORT_BASE:-11110}
gateway_base=${GATEWAY_PORT_BASE:-30000}
health_base=${HEALTH_PORT_BASE:-8080}
mkdir -p "$state/logs"

die() { echo "local-cluster: $*" >&2; exit 1; }

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_healthy() { # name url
  for _ in $(seq 1 120); do
    if curl -sf "$2/health" >/dev/null 2>&1; then echo "  $1 healthy ($2)"; return 0; fi
    sleep 1
  done
  echo "  $1 did not become healthy; last log lines:" >&2
  tail -n 30 "$state/logs/$1.log" >&2
  return 1
}

silo_env() { # N
  local n=$1
  echo "Platform__SiloPort=$((silo_base + n)) Platform__GatewayPort=$((gateway_base + n)) ASPNETCORE_URLS=http://127.0.0.1:$((health_base + n)) Platform__SeedDemo=$([ "$n" = 1 ] && echo true || echo false)"
}

launch_silo() { # N: start without waiting
  local n=$1
  # shellcheck disable=SC2046
  ( set -a; . "$state/env"; set +a
    cd "$root/Silo/bin/Release/net10.0"   # the content root: appsettings.json (log levels) is read from here
    env $(silo_env "$n") nohup dotnet Silo.dll >>"$state/logs/silo$n.log" 2>&1 &
    echo $! >"$state/silo$n.pid" )
}

start_silo() { # N
  launch_silo "$1"
  wait_healthy "silo$1" "http://127.0.0.1:$((health_base + $1))"
}

start_api() {
  ( set -a; . "$state/env"; set +a
    cd "$root/Client.Api/bin/Release/net10.0"
    ASPNETCORE_URLS="http://127.0.0.1:$api_port" nohup dotnet Client.Api.dll >>"$state/logs/api.log" 2>&1 &
    echo $! >"$state/api.pid" )
  wait_healthy api "http://127.0.0.1:$api_port"
}

ensure_postgres() {
  if [ -n "${DATASHARING_PG:-}" ]; then
    server="$DATASHARING_PG"
  else
    server=$("$root/deploy/postgres/pg-local.sh" start "$state/pg" "$pg_port" | tail -n 1)
    touch "$state/pg.ours"
  fi
  # libpq form of the server, for psql and the migration command.
  uri=$(python3 - "$server" <<'PY'
import sys
kv = dict(p.split('=', 1) for p in sys.argv[1].split(';') if '=' in p)
kv = {k.strip().lower(): v.strip() for k, v in kv.items()}
user = kv.get('username') or kv.get('user id') or kv.get('user') or 'postgres'
print(f"postgresql://{user}@{kv.get('host', '127.0.0.1')}:{kv.get('port', '5432')}")
PY
)
  psql "$uri/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$db_name'" | grep -q 1 \
    || psql "$uri/postgres" -qc "CREATE DATABASE $db_name"
  "$root/deploy/postgres/migrate.sh" "$uri/$db_name"
  database="${server%;}"
  database="$(echo "$database" | sed -E 's/(^|;)Database=[^;]*//I');Database=$db_name"
}

cmd_up() {
  if [ -z "${SKIP_BUILD:-}" ]; then
    echo "Building (Release)..."
    dotnet build "$root/Orleans.sln" -c Release -v quiet -nologo >"$state/logs/build.log" 2>&1 || { tail -n 40 "$state/logs/build.log"; die "build failed"; }
  fi
  echo "PostgreSQL..."
  ensure_postgres
  local key=${Auth__SigningKey:-}
  if [ -z "$key" ]; then
    [ -f "$state/signing-key" ] || head -c 48 /dev/urandom | base64 -w0 >"$state/signing-key"
    key=$(cat "$state/signing-key")
  fi
  # One open-data key for every process: it keys the keyed-hash desensitization and seals the open downloads' cursors,
  # which a page served by one silo hands to the next page served by another.
  local open_key=${OpenData__HashKey:-}
  if [ -z "$open_key" ]; then
    [ -f "$state/open-data-key" ] || head -c 48 /dev/urandom | base64 -w0 >"$state/open-data-key"
    open_key=$(cat "$state/open-data-key")
  fi
  # Quoted: a connection string's ";" would end the assignment when the file is sourced.
  cat >"$state/env" <<ENV
Platform__Mode='Cluster'
Platform__ClusterId='local'
ConnectionStrings__Platform='$database'
Auth__SigningKey='$key'
Auth__DevTokens='true'
OpenData__HashKey='$open_key'
ENV
  echo "Silos..."
  # All at once: after a crash each restarted silo vouches for its own old membership entry, and a silo started
  # alone would wait for the others listed as active.
  for n in $(seq 1 $silos); do pid_alive "$state/silo$n.pid" || launch_silo "$n"; done
  for n in $(seq 1 $silos); do wait_healthy "silo$n" "http://127.0.0.1:$((health_base + n))"; done
  echo "API..."
  pid_alive "$state/api.pid" || start_api
  echo
  echo "Cluster up: API http://127.0.0.1:$api_port (Swagger UI /swagger, dashboard /admin/login with a PlatformAdmin token)."
  echo "Silo health/metrics: http://127.0.0.1:$((health_base + 1))..$((health_base + silos))/health. Logs: $state/logs/."
}

cmd_status() {
  for n in $(seq 1 $silos); do
    if pid_alive "$state/silo$n.pid"; then
      echo "silo$n pid $(cat "$state/silo$n.pid") $(curl -s -m 3 "http://127.0.0.1:$((health_base + n))/health" || echo unreachable)"
    else
      echo "silo$n down"
    fi
  done
  if pid_alive "$state/api.pid"; then
    echo "api   pid $(cat "$state/api.pid") $(curl -s -m 3 "http://127.0.0.1:$api_port/health" || echo unreachable)"
  else
    echo "api   down"
  fi
}

cmd_kill_silo() {
  local n=${1:?silo number}
  pid_alive "$state/silo$n.pid" || die "silo$n is not running"
  kill -9 "$(cat "$state/silo$n.pid")"
  echo "silo$n killed (SIGKILL)"
}

cmd_restart_silo() {
  local n=${1:?silo number}
  if pid_alive "$state/silo$n.pid"; then kill -9 "$(cat "$state/silo$n.pid")"; sleep 1; fi
  start_silo "$n"
}

cmd_down() {
  for f in "$state"/api.pid "$state"/silo*.pid; do
    [ -f "$f" ] || continue
    if pid_alive "$f"; then kill -TERM "$(cat "$f")" 2>/dev/null || true; fi
  done
  for f in "$state"/api.pid "$state"/silo*.pid; do
    [ -f "$f" ] || continue
    for _ in $(seq 1 20); do pid_alive "$f" || break; sleep 0.5; done
    if pid_alive "$f"; then kill -9 "$(cat "$f")" 2>/dev/null || true; fi
    rm -f "$f"
  done
  if [ -f "$state/pg.ours" ]; then
    "$root/deploy/postgres/pg-local.sh" stop "$state/pg" || true
    rm -f "$state/pg.ours"
  fi
  echo "Cluster down."
}

case "${1:-}" in
  up) cmd_up ;;
  status) cmd_status ;;
  kill-silo) cmd_kill_silo "${2:-}" ;;
  restart-silo) cmd_restart_silo "${2:-}" ;;
  down) cmd_down ;;
  *) sed -n '2,9p' "$0"; exit 2 ;;
esac
