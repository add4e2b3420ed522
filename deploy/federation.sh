#!/usr/bin/env bash
# Three federated platforms on this machine: the province (340000) and two cities, Hefei (340100) and Wuhu (340200),
# each its own cluster (a silo and an API) over its own database, linked province <-> city through relays this
# script controls.
#   deploy/federation.sh up            build, start PostgreSQL, make missing keys, start the relays and the 3 platforms
#   deploy/federation.sh status        each platform's health and its links (outbox depth, lag, rejected messages)
#   deploy/federation.sh cut A B       cut the link between A and B (codes or names: province, hefei, wuhu): both
#                                      relays stop, a connect is refused as on a lost network
#   deploy/federation.sh heal A B      start the link's relays again; the outboxes deliver what waited
#   deploy/federation.sh down          stop everything this script started
# Ports: API 23080 (province), 23081 (Hefei), 23082 (Wuhu); the relay from platform a to b listens on 23200+10a+b.
# State, keys and logs: FEDERATION_STATE (default .federation, not in git). PostgreSQL: FED_PG_PORT (55760).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
state=${FEDERATION_STATE:-"$root/.federation"}
pg_port=${FED_PG_PORT:-55760}
codes=(340000 340100 340200)
names=(province hefei wuhu)
mkdir -p "$state/logs" "$state/keys"

die() { echo "federation: $*" >&2; exit 1; }

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

index_of() { # code or name -> 0..2
  for i in 0 1 2; do
    if [ "$1" = "${codes[$i]}" ] || [ "$1" = "${names[$i]}" ]; then echo "$i"; return; fi
  done
  die "unknown platform '$1' (province|hefei|wuhu or 340000|340100|340200)"
}

api_port() { echo $((23080 + $1)); }
relay_port() { echo $((23200 + 10 * $1 + $2)); } # from a to b

# A P-256 key pair per platform, made once: the private key (PKCS#8) stays with its platform, the public key
# (SubjectPublicKeyInfo) goes to its peers' configuration. Rotation: README, "Federation".
make_keys() { # i
  local dir="$state/keys/${codes[$1]}"
  [ -f "$dir/private.b64" ] && return
  mkdir -p "$dir"
  openssl ecparam -name prime256v1 -genkey -noout 2>/dev/null \
    | openssl pkcs8 -topk8 -nocrypt -outform DER 2>/dev/null | base64 -w0 >"$dir/private.b64"
  base64 -d "$dir/private.b64" | openssl pkey -inform DER -pubout -outform DER 2>/dev/null | base64 -w0 >"$dir/public.b64"
}

peers_of() { # i -> indexes of its peers: the province links to every city, a city to the province
  if [ "$1" = 0 ]; then echo "1 2"; else echo 0; fi
}

federation_env() { # i -> the Federation__ settings of platform i
  local i=$1 n=0
  echo "Federation__PlatformCode=${codes[$i]}"
  echo "Federation__PrivateKey=$(cat "$state/keys/${codes[$i]}/private.b64")"
  # A demo heals links by hand and looks soon after: retries at most 5 s apart (the default is 30 s).
  echo "Federation__MaxRetryDelay=${FED_MAX_RETRY_DELAY:-00:00:05}"
  for p in $(peers_of "$i"); do
    echo "Federation__Peers__${n}__Code=${codes[$p]}"
    echo "Federation__Peers__${n}__BaseUrl=http://127.0.0.1:$(relay_port "$i" "$p")"
    echo "Federation__Peers__${n}__PublicKeys__0=$(cat "$state/keys/${codes[$p]}/public.b64")"
    n=$((n + 1))
  done
}

cluster() { # i verb...: deploy/local-cluster.sh for platform i, with its own ports, database and federation settings
  local i=$1; shift
  # shellcheck disable=SC2046
  env $(federation_env "$i") CLUSTER_STATE="$state/${names[$i]}" DATASHARING_PG="$server" DATABASE="ds_${codes[$i]}" SILOS=1 \
    API_PORT="$(api_port "$i")" SILO_PORT_BASE=$((23110 + 10 * i)) GATEWAY_PORT_BASE=$((23150 + 10 * i)) \
    HEALTH_PORT_BASE=$((23090 + 2 * i)) SKIP_BUILD=1 "$root/deploy/local-cluster.sh" "$@"
}

start_relay() { # a b
  local pid="$state/relay-$1-$2.pid"
  pid_alive "$pid" && return
  nohup python3 "$root/deploy/link-relay.py" "$(relay_port "$1" "$2")" "$(api_port "$2")" >>"$state/logs/relay-$1-$2.log" 2>&1 &
  echo $! >"$pid"
}

stop_relay() { # a b
  local pid="$state/relay-$1-$2.pid"
  if pid_alive "$pid"; then kill "$(cat "$pid")"; fi
  rm -f "$pid"
}

admin_token() { # i
  curl -s -X POST "http://127.0.0.1:$(api_port "$1")/api/dev/tokens" -H 'content-type: application/json' -d '{"role":"PlatformAdmin"}' \
    | python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])'
}

cmd_up() {
  command -v openssl >/dev/null || die "openssl is needed to make the platforms' keys"
  echo "Building (Release)..."
  dotnet build "$root/Orleans.sln" -c Release -v quiet -nologo >"$state/logs/build.log" 2>&1 || { tail -n 40 "$state/logs/build.log"; die "build failed"; }
  echo "PostgreSQL..."
  server=${DATASHARING_PG:-}
  if [ -z "$server" ]; then
    server=$("$root/deploy/postgres/pg-local.sh" start "$state/pg" "$pg_port" | tail -n 1)
    touch "$state/pg.ours"
  fi
  for i in 0 1 2; do make_keys "$i"; done
  for a in 0 1 2; do for b in $(peers_of "$a"); do start_relay "$a" "$b"; done; done
  for i in 0 1 2; do
    echo "== ${names[$i]} (${codes[$i]}) =="
    cluster "$i" up
  done
  echo
  echo "Federation up: province http://127.0.0.1:23080, Hefei http://127.0.0.1:23081, Wuhu http://127.0.0.1:23082."
}

cmd_status() {
  for i in 0 1 2; do
    echo "== ${names[$i]} (${codes[$i]}) API http://127.0.0.1:$(api_port "$i") =="
    server=unused cluster "$i" status
    if curl -sf "http://127.0.0.1:$(api_port "$i")/health" >/dev/null 2>&1; then
      curl -s "http://127.0.0.1:$(api_port "$i")/api/federation/links" -H "authorization: Bearer $(admin_token "$i")" | python3 -c '
import sys, json
for link in json.load(sys.stdin)["links"]:
    print("  link to {peer}:".format(**link),
          "outbox {outboxDepth} (oldest {oldestUndelivered}), sent {sent}, delivered {delivered}, last lag {lastDeliveryLagSeconds} s, failed attempts {failedAttempts};".format(**link["outbound"]),
          "received {applied}, duplicates {duplicates}, gaps {gaps}, rejected {rejected}".format(**link["inbound"]))'
    fi
  done
  for a in 0 1 2; do for b in $(peers_of "$a"); do
    echo "relay ${names[$a]} -> ${names[$b]} (:$(relay_port "$a" "$b")): $(pid_alive "$state/relay-$a-$b.pid" && echo up || echo CUT)"
  done; done
}

cmd_cut() {
  local a b; a=$(index_of "${1:?platform A}"); b=$(index_of "${2:?platform B}")
  stop_relay "$a" "$b"; stop_relay "$b" "$a"
  echo "link ${names[$a]} <-> ${names[$b]} cut"
}

cmd_heal() {
  local a b; a=$(index_of "${1:?platform A}"); b=$(index_of "${2:?platform B}")
  start_relay "$a" "$b"; start_relay "$b" "$a"
  echo "link ${names[$a]} <-> ${names[$b]} healed"
}

cmd_down() {
  for i in 0 1 2; do server=unused cluster "$i" down || true; done
  for f in "$state"/relay-*.pid; do [ -f "$f" ] || continue; pid_alive "$f" && kill "$(cat "$f")"; rm -f "$f"; done
  if [ -f "$state/pg.ours" ]; then
    "$root/deploy/postgres/pg-local.sh" stop "$state/pg" || true
    rm -f "$state/pg.ours"
  fi
  echo "Federation down."
}

case "${1:-}" in
  up) cmd_up ;;
  status) cmd_status ;;
  cut) cmd_cut "${2:-}" "${3:-}" ;;
  heal) cmd_heal "${2:-}" "${3:-}" ;;
  down) cmd_down ;;
  *) sed -n '2,12p' "$0"; exit 2 ;;
esac
