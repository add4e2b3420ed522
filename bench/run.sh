#!/usr/bin/env bash
# The platform's benchmark: one command builds in Release, measures the baselines and the platform's hot paths in
# embedded and cluster mode in the same run, writes bench/results/<date>.md and .json and prints the table.
#   bench/run.sh [--smoke] [--only baselines,embedded,cluster] [--duration N] [--out DIR]
#                [--threads N] [--connections N] [--warmup N] [--timeout N] [--keep] [--soak [CLUSTER,EMBEDDED]]
#   --smoke        ~1 s of load per step and small pools: checks that the harness runs end to end; times nothing
#   --soak         after each mode's paths, access checks until the log holds 1,000,000 (cluster) / 200,000 (embedded)
#                  checks and as many audit records, then the access check and the submission measured again
#   --only LIST    run only these parts (comma-separated); a ratio needs its baseline in the same run. One more part,
#                  not run by default: cluster-adonet, the cluster again with Orleans' ADO.NET grain storage
#   --duration N   seconds of load per step (default 10)          --out DIR   results directory (bench/results)
#   --threads N, --connections N   wrk -t and -c (default 2, 64)  --warmup N  seconds before each step (default 5: JIT tiering of the cluster's processes)
#   --timeout N    wrk's request timeout in seconds (default 10)  --keep      keep the work directory (logs)
# PostgreSQL: DATASHARING_PG (an Npgsql connection string) if set, else a throwaway server started here (port 55432,
# or a free port if that one is taken) and removed afterwards. The cluster (deploy/local-cluster.sh, API on
# 127.0.0.1:8080) and pgbench both use it. Needs: dotnet, wrk, pgbench/psql (postgresql), python3, curl.
set -eEuo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench="$root/bench"

smoke=false
only="baselines,embedded,cluster"
duration=""
warmup=""
out="$bench/results"
threads=2
connections=64
timeout=10
keep=false
soak_cluster=0
soak_embedded=0
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=true ;;
    --only) only=${2:?--only needs baselines, embedded and/or cluster}; shift ;;
    --duration) duration=${2:?}; shift ;;
    --warmup) warmup=${2:?}; shift ;;
    --out) out=${2:?}; shift ;;
    --threads) threads=${2:?}; shift ;;
    --connections) connections=${2:?}; shift ;;
    --timeout) timeout=${2:?}; shift ;;
    --keep) keep=true ;;
    --soak)
      if [[ "${2:-}" =~ ^[0-9]+,[0-9]+$ ]]; then soak_cluster=${2%,*}; soak_embedded=${2#*,}; shift
      else soak_cluster=1000000; soak_embedded=200000; fi ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "bench: unknown option $1" >&2; sed -n '2,15p' "$0" >&2; exit 2 ;;
  esac
  shift
done
if $smoke; then
  duration=${duration:-1}; warmup=${warmup:-0}; approval_warmup=3
else
  duration=${duration:-10}; warmup=${warmup:-5}; approval_warmup=200
fi
for part in ${only//,/ }; do
  case "$part" in baselines|embedded|cluster|cluster-adonet) ;; *) echo "bench: --only takes baselines, embedded, cluster, cluster-adonet" >&2; exit 2 ;; esac
done
wants() { [[ ",$only," == *",$1,"* ]]; }
# The cluster is local-cluster.sh's default layout (state in .cluster/, its default ports): settings a shell may hold
# for another local cluster would move it where this script does not look.
unset CLUSTER_STATE PG_PORT SILO_PORT_BASE GATEWAY_PORT_BASE HEALTH_PORT_BASE
mkdir -p "$out"
out=$(cd "$out" && pwd)

step_name="start"
t0=$(date +%s)
step() { step_name="$*"; echo "== [$(( $(date +%s) - t0 ))s] $*"; }
die() { echo "bench: FAILED in step '$step_name': $*" >&2; exit 1; }
trap 'echo "bench: FAILED in step '"'"'$step_name'"'"' (line $LINENO: $BASH_COMMAND)" >&2' ERR

# ---- prerequisites -------------------------------------------------------------------------------------------
missing=()
for tool in dotnet wrk python3 curl pgbench psql; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  die "missing tools: ${missing[*]} (Debian: apt-get install -y wrk postgresql postgresql-client python3 curl; .NET 10 SDK)"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/datasharing-bench.XXXXXX")
measurements="$work/measurements.jsonl"
: >"$measurements"
own_pids="$work/own.pids"   # root processes of what this run started (see measured())
: >"$own_pids"
started=$(date '+%Y-%m-%dT%H:%M:%S%z')
pids=()
cluster_started=false
pg_dir=""
pgbench_db_created=false
server=""
uri=""

stop_pid() { # pid: TERM, then KILL after 15 s
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  trap - ERR
  set +e
  for pid in "${pids[@]}"; do stop_pid "$pid"; done
  if $cluster_started; then
    echo "== cleanup: deploy/local-cluster.sh down"
    "$root/deploy/local-cluster.sh" down >>"$work/cluster.log" 2>&1
  fi
  if $pgbench_db_created && [ -z "$pg_dir" ]; then
    psql "$uri/postgres" -q -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS bench_pgbench" >/dev/null 2>&1
  fi
  if [ -n "$pg_dir" ]; then
    "$root/deploy/postgres/pg-local.sh" stop "$pg_dir" >/dev/null 2>&1
    rm -rf "$pg_dir"
  fi
  if [ "$status" -ne 0 ] || $keep; then
    echo "bench: logs and raw results kept in $work" >&2
  else
    rm -rf "$work"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

port_in_use() {
  python3 -c 'import socket, sys; s = socket.socket(); s.settimeout(0.5); sys.exit(0 if s.connect_ex(("127.0.0.1", int(sys.argv[1]))) == 0 else 1)' "$1"
}

wait_healthy() { # url log seconds
  local url=$1 log=$2 limit=${3:-120}
  for _ in $(seq 1 $((limit * 4))); do
    if curl -sf -m 2 "$url" >/dev/null 2>&1; then return 0; fi
    sleep 0.25
  done
  echo "--- last lines of $log:" >&2
  tail -n 30 "$log" >&2 || true
  die "$url did not answer 200 within ${limit}s"
}

# ---- measurement helpers -------------------------------------------------------------------------------------
# Every measuring command runs under lib/cpu.py, which records how much CPU other work on the machine took
# meanwhile (everything but the processes listed in $own_pids and their descendants, and the command itself).
measured() { # cpu-file command...
  local cpu=$1; shift
  python3 "$bench/lib/cpu.py" "$cpu" "$own_pids" -- "$@"
}

wrk_run() { # result-file seconds url [VAR=value...]
  local result=$1 seconds=$2 url=$3; shift 3
  measured "$result.cpu" env BENCH_STATUS=1 BENCH_THREADS="$threads" "$@" BENCH_RESULT="$result" \
    wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout "${timeout}s" -s "$bench/wrk/bench.lua" "$url" \
    >"$result.txt" 2>&1 || { cat "$result.txt" >&2; die "wrk failed"; }
  [ -s "$result" ] || { cat "$result.txt" >&2; die "wrk wrote no result"; }
}

# measure MODE KEY LABEL URL [VAR=value...]: warm-up (unless NO_WARMUP=1), then the measured run, recorded.
measure() {
  local mode=$1 key=$2 label=$3 url=$4; shift 4
  local result="$work/$mode-$key.json"
  if [ "$warmup" != 0 ] && [ "${NO_WARMUP:-0}" != 1 ]; then
    wrk_run "$work/$mode-$key.warmup.json" "$warmup" "$url" "$@" BENCH_HARVEST=
  fi
  wrk_run "$result" "$duration" "$url" "$@"
  local note=${NOTE:-}
  if [ -n "${FRESH:-}" ]; then
    note=$(python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))["rps"]; print(f"{100 * r / float(sys.argv[2]):.1f} % of the fresh rate ({float(sys.argv[2]):,.0f}/s) after {int(sys.argv[3]):,} access checks and as many audit records")' "$result" "$FRESH" "$SOAKED")
  fi
  BENCH_CPU_FILE="$result.cpu" python3 "$bench/lib/report.py" wrk "$measurements" "$mode" "$key" "$label" "$result" "$note"
  python3 - "$result" "$label" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
cpu = json.load(open(sys.argv[1] + ".cpu"))
bad = sum(v for k, v in (r.get("statuses") or {}).items() if not str(k).startswith("2"))
print(f"   {sys.argv[2]:<58} {r['rps']:>10,.1f} req/s  p50 {r['p50_ms']:>9.2f} ms  p99 {r['p99_ms']:>9.2f} ms  non-2xx {bad}"
      f"  (CPU: {cpu['own_pct']:.0f} % this run, {cpu['other_pct']:.0f} % other work)")
PY
}

probe() { # METHOD URL [--token T] [--body B]: one request that must be answered 2xx
  python3 "$bench/lib/platform.py" probe "$@" >/dev/null || die "the probe $1 $2 was not answered 2xx"
}

# ---- build -----------------------------------------------------------------------------------------------------
step "build (Release)"
dotnet build "$root/Orleans.sln" -c Release -v quiet -nologo >"$work/build.log" 2>&1 \
  || { tail -n 40 "$work/build.log" >&2; die "dotnet build failed"; }
for project in Baseline.Kestrel Baseline.Orleans; do
  if ! grep -q "$project.csproj" "$root/Orleans.sln"; then
    dotnet build "$bench/$project/$project.csproj" -c Release -v quiet -nologo >>"$work/build.log" 2>&1 \
      || { tail -n 40 "$work/build.log" >&2; die "dotnet build of $project failed"; }
  fi
done
out_dll() { echo "$1/bin/Release/net10.0/$(basename "$1").dll"; }

# ---- PostgreSQL (pgbench and the cluster) ----------------------------------------------------------------------
if wants baselines || wants cluster; then
  step "PostgreSQL"
  if [ -n "${DATASHARING_PG:-}" ]; then
    server=$DATASHARING_PG
  else
    pg_port=55432
    if port_in_use "$pg_port"; then pg_port=$(free_port); fi
    # Not under mktemp -d: the server runs as the postgres user, which must be able to reach its directory.
    pg_dir="${TMPDIR:-/tmp}/datasharing-bench-pg-$$"
    rm -rf "$pg_dir"
    server=$("$root/deploy/postgres/pg-local.sh" start "$pg_dir" "$pg_port" 2>"$work/pg.log" | tail -n 1) \
      || { cat "$work/pg.log" >&2; die "could not start PostgreSQL"; }
  fi
  uri=$(python3 - "$server" <<'PY'
import sys
kv = dict(p.split('=', 1) for p in sys.argv[1].split(';') if '=' in p)
kv = {k.strip().lower(): v.strip() for k, v in kv.items()}
user = kv.get('username') or kv.get('user id') or kv.get('user') or 'postgres'
print(f"postgresql://{user}@{kv.get('host', '127.0.0.1')}:{kv.get('port', '5432')}")
PY
)
  if pw=$(python3 -c 'import sys; kv = dict(p.split("=", 1) for p in sys.argv[1].split(";") if "=" in p); print({k.strip().lower(): v for k, v in kv.items()}.get("password", ""))' "$server") && [ -n "$pw" ]; then
    export PGPASSWORD=$pw
  fi
  pg_version=$(psql "$uri/postgres" -tAc "SHOW server_version") || die "cannot connect to PostgreSQL at $uri"
  # A server started here is this run's (its postmaster's pid heads postmaster.pid); the CPU of a DATASHARING_PG
  # server on this machine counts as other work.
  if [ -n "$pg_dir" ]; then head -n 1 "$pg_dir/postmaster.pid" >>"$own_pids"; fi
  echo "   $uri (PostgreSQL $pg_version)"
fi

# ---- baselines ---------------------------------------------------------------------------------------------------
if wants baselines; then
  step "baseline: minimal Kestrel app"
  port=$(free_port)
  ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet "$(out_dll "$bench/Baseline.Kestrel")" >"$work/kestrel.log" 2>&1 &
  kestrel_pid=$!; pids+=("$kestrel_pid"); echo "$kestrel_pid" >>"$own_pids"
  wait_healthy "http://127.0.0.1:$port/health" "$work/kestrel.log" 60
  probe GET "http://127.0.0.1:$port/json"
  measure baseline kestrel-json "minimal Kestrel app: GET /json" "http://127.0.0.1:$port/json"
  stop_pid "$kestrel_pid"

  step "baseline: Orleans no-op calls and activations (one silo)"
  measured "$work/orleans.cpu" dotnet "$(out_dll "$bench/Baseline.Orleans")" --duration "$duration" --warmup "$([ "$warmup" = 0 ] && echo 0 || echo 1)" \
    --concurrency "$connections" --silo-port "$(free_port)" --gateway-port "$(free_port)" --out "$work/orleans.jsonl" \
    >"$work/orleans.log" 2>&1 || { tail -n 30 "$work/orleans.log" >&2; die "Baseline.Orleans failed"; }
  BENCH_CPU_FILE="$work/orleans.cpu" python3 "$bench/lib/report.py" orleans "$measurements" "$work/orleans.jsonl"
  grep -E '^orleans-' "$work/orleans.log" | sed 's/^/   /' || true

  step "baseline: pgbench single-row inserts"
  psql "$uri/postgres" -q -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS bench_pgbench" -c "CREATE DATABASE bench_pgbench" >/dev/null
  pgbench_db_created=true
  psql "$uri/bench_pgbench" -qc "CREATE TABLE bench_insert (id bigserial PRIMARY KEY, client integer NOT NULL, payload text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())" >/dev/null
  cat >"$work/insert.sql" <<'SQL'
INSERT INTO bench_insert (client, payload) VALUES (:client_id, 'benchmark row');
SQL
  for clients in 8 64; do
    if [ "$warmup" != 0 ]; then
      pgbench -n -M prepared -c "$clients" -j "$threads" -T "$warmup" -f "$work/insert.sql" "$uri/bench_pgbench" \
        >"$work/pgbench-c$clients.warmup.txt" 2>&1 || { cat "$work/pgbench-c$clients.warmup.txt" >&2; die "pgbench failed"; }
    fi
    psql "$uri/bench_pgbench" -qc "TRUNCATE bench_insert" >/dev/null
    rm -f "$work/pgbench-c$clients".[0-9]*
    (cd "$work" && measured "$work/pgbench-c$clients.cpu" pgbench -n -M prepared -c "$clients" -j "$threads" -T "$duration" -f "$work/insert.sql" \
        -l --log-prefix="$work/pgbench-c$clients" "$uri/bench_pgbench" >"$work/pgbench-c$clients.txt" 2>&1) \
      || { cat "$work/pgbench-c$clients.txt" >&2; die "pgbench failed"; }
    BENCH_CPU_FILE="$work/pgbench-c$clients.cpu" python3 "$bench/lib/report.py" pgbench "$measurements" "pgbench-insert-c$clients" \
      "pgbench: single-row INSERT, $clients clients" "$clients" "$work/pgbench-c$clients.txt" "$work/pgbench-c$clients"
    grep -E "^tps|latency average|failed" "$work/pgbench-c$clients.txt" | sed "s/^/   c=$clients: /"
  done
fi

# ---- the platform ------------------------------------------------------------------------------------------------
# platform MODE BASE: every hot path, in the order of issue 9's table (the state grows along the way).
platform() {
  local mode=$1 base=$2
  step "$mode: tokens and the grant"
  python3 "$bench/lib/platform.py" setup "$base" "$work/$mode-setup.json" || die "platform setup failed"
  local s="$work/$mode-setup.json"
  get() { python3 -c 'import json, sys; d = json.load(open(sys.argv[1]));
for k in sys.argv[2].split("."): d = d[k]
print(d)' "$s" "$1"; }
  local grant provider load admin grant_id b_check b_uncond b_cond b_approve
  grant=$(get tokens.grant); provider=$(get tokens.provider); load=$(get tokens.load); admin=$(get tokens.admin)
  grant_id=$(get grant_id)
  b_check=$(get bodies.access_check); b_uncond=$(get bodies.unconditional)
  b_cond=$(get bodies.conditional); b_approve=$(get bodies.approve)

  step "$mode: measuring"
  local url="$base/api/calendar/working-days/add?from=2026-09-24&days=7"
  probe GET "$url"
  measure "$mode" calendar-add "GET /api/calendar/working-days/add (anonymous)" "$url"

  url="$base/api/catalog/340000-GA-0001"
  probe GET "$url" --token "$grant"
  measure "$mode" catalog-get "GET /api/catalog/{code} (JWT)" "$url" BENCH_TOKEN="$grant"

  url="$base/api/access-checks"
  probe POST "$url" --token "$grant" --body "$b_check"
  measure "$mode" access-check "POST /api/access-checks (against a grant)" "$url" \
    BENCH_METHOD=POST BENCH_BODY="$b_check" BENCH_TOKEN="$grant"

  # The same check at half the rate just measured: the latency a client sees when the platform is not saturated
  # (issue 9: p99 at most 50 ms in cluster mode).
  local half interval
  half=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["rps"] / 2)' "$work/$mode-access-check.json")
  interval=$(python3 -c 'import sys; print(max(1, round(int(sys.argv[1]) * 1000 / float(sys.argv[2]))))' "$connections" "$half")
  NOTE="offered $(printf '%.0f' "$half") req/s (each connection every $interval ms)" \
    measure "$mode" access-check-half "POST /api/access-checks at half the maximum rate" "$url" \
    BENCH_METHOD=POST BENCH_BODY="$b_check" BENCH_TOKEN="$grant" BENCH_INTERVAL_MS="$interval"

  url="$base/api/share-requests"
  probe POST "$url" --token "$load" --body "$b_uncond"
  measure "$mode" submit-unconditional "POST /api/share-requests (unconditional, new case)" "$url" \
    BENCH_METHOD=POST BENCH_BODY="$b_uncond" BENCH_TOKEN="$load"

  probe POST "$url" --token "$load" --body "$b_cond"
  measure "$mode" submit-conditional "POST /api/share-requests (conditional, new case)" "$url" \
    BENCH_METHOD=POST BENCH_BODY="$b_cond" BENCH_TOKEN="$load" BENCH_HARVEST="$work/$mode-pool.ids"
  local pool_size pending
  pool_size=$(wc -l <"$work/$mode-pool.ids")
  pending=$(python3 -c 'import json, sys; print(1 + sum(json.load(open(f)).get("statuses", {}).get("201", 0) for f in sys.argv[1:]))' \
    "$work/$mode-submit-conditional.json" $([ -f "$work/$mode-submit-conditional.warmup.json" ] && echo "$work/$mode-submit-conditional.warmup.json"))

  url="$base/api/share-requests/inbox"
  probe GET "$url" --token "$provider"
  NOTE="$pending requests pending in the provider's inbox" \
    measure "$mode" inbox "GET /api/share-requests/inbox (provider)" "$url" BENCH_TOKEN="$provider"

  # Approvals: each id once. The pool is the conditional requests the measured submission run created; the run
  # stops when it is used up and its rate is taken over the time until then. JIT warm-up on a few others first.
  [ "$pool_size" -gt 0 ] || die "the conditional submissions created no request to approve"
  if [ "$warmup" != 0 ] || $smoke; then
    python3 "$bench/lib/platform.py" pool "$base" "$s" "$approval_warmup" "$work/$mode-warm.ids" || die "approval warm-up pool failed"
    while read -r id; do probe POST "$base/api/share-requests/$id/approve" --token "$provider" --body "$b_approve"; done <"$work/$mode-warm.ids"
  fi
  NO_WARMUP=1 measure "$mode" approve "POST /api/share-requests/{id}/approve (each id once)" "$base/api/share-requests" \
    BENCH_METHOD=POST BENCH_BODY="$b_approve" BENCH_TOKEN="$provider" \
    BENCH_POOL="$work/$mode-pool.ids" BENCH_PATH_TEMPLATE="/api/share-requests/{id}/approve"

  url="$base/api/audit?caseId=$grant_id"
  probe GET "$url" --token "$admin"
  measure "$mode" audit-by-case "GET /api/audit?caseId={case} (PlatformAdmin)" "$url" BENCH_TOKEN="$admin"

  url="$base/api/audit?limit=100"
  probe GET "$url" --token "$admin"
  measure "$mode" audit-page "GET /api/audit?limit=100 (PlatformAdmin)" "$url" BENCH_TOKEN="$admin"

  local soak; case "$mode" in cluster) soak=$soak_cluster ;; embedded) soak=$soak_embedded ;; *) soak=0 ;; esac
  if [ "$soak" -gt 0 ]; then
    # Issue 9 item 7: the same paths once the logs hold a million records, against the fresh platform above.
    step "$mode: soak: access checks until $soak are recorded"
    local done_checks=0 chunk=0
    while [ "$done_checks" -lt "$soak" ]; do
      chunk=$((chunk + 1))
      wrk_run "$work/$mode-soak-$chunk.json" $((duration * 3)) "$base/api/access-checks" BENCH_METHOD=POST BENCH_BODY="$b_check" BENCH_TOKEN="$grant"
      done_checks=$((done_checks + $(python3 -c 'import json, sys; print(json.load(open(sys.argv[1])).get("statuses", {}).get("200", 0))' "$work/$mode-soak-$chunk.json")))
      echo "   $done_checks access checks recorded"
    done
    local fresh
    for key in access-check submit-unconditional; do
      fresh=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["rps"])' "$work/$mode-$key.json")
      url="$base/api/$([ "$key" = access-check ] && echo access-checks || echo share-requests)"
      local body token
      if [ "$key" = access-check ]; then body=$b_check; token=$grant; else body=$b_uncond; token=$load; fi
      FRESH="$fresh" SOAKED="$done_checks" measure "$mode" "$key-soaked" "$(label_of "$key") after $done_checks access checks" "$url" \
        BENCH_METHOD=POST BENCH_BODY="$body" BENCH_TOKEN="$token"
    done
  fi
}

label_of() {
  case "$1" in
    access-check) echo "POST /api/access-checks (against a grant)" ;;
    submit-unconditional) echo "POST /api/share-requests (unconditional, new case)" ;;
  esac
}

if wants embedded; then
  step "embedded: start Client.Api (Release, in-memory)"
  api_port=$(free_port); silo_port=$(free_port); gateway_port=$(free_port)
  env -u Platform__Mode -u ConnectionStrings__Platform \
    ASPNETCORE_URLS="http://127.0.0.1:$api_port" Platform__SiloPort="$silo_port" Platform__GatewayPort="$gateway_port" \
    dotnet "$(out_dll "$root/Client.Api")" >"$work/embedded.log" 2>&1 &
  embedded_pid=$!; pids+=("$embedded_pid"); echo "$embedded_pid" >>"$own_pids"
  wait_healthy "http://127.0.0.1:$api_port/health" "$work/embedded.log" 120
  platform embedded "http://127.0.0.1:$api_port"
  step "embedded: stop"
  stop_pid "$embedded_pid"
fi

# cluster_part MODE: the three-silo cluster, measured as MODE (extra environment for its processes already exported).
cluster_part() {
  local mode=$1
  step "$mode: deploy/local-cluster.sh up"
  api=${API_PORT:-8080}
  for p in "$api" 8081 8082 8083 11111 11112 11113 30001 30002 30003; do
    if port_in_use "$p"; then
      die "port $p is in use: is a local cluster running (deploy/local-cluster.sh status / down)?"
    fi
  done
  cluster_started=true
  DATASHARING_PG="$server" "$root/deploy/local-cluster.sh" up >"$work/$mode.log" 2>&1 \
    || { tail -n 40 "$work/$mode.log" >&2; die "deploy/local-cluster.sh up failed (logs in $root/.cluster/logs)"; }
  wait_healthy "http://127.0.0.1:$api/health" "$root/.cluster/logs/api.log" 60
  cat "$root"/.cluster/api.pid "$root"/.cluster/silo*.pid >>"$own_pids"
  platform "$mode" "http://127.0.0.1:$api"
  step "$mode: deploy/local-cluster.sh down"
  "$root/deploy/local-cluster.sh" down >>"$work/$mode.log" 2>&1 || die "deploy/local-cluster.sh down failed"
  cluster_started=false
}

if wants cluster; then
  cluster_part cluster
fi

# The same cluster with Orleans' own ADO.NET grain storage instead of the project's (Silo/Persistence/
# PostgresGrainStorage.cs): the measurement that justifies a provider of the project's own (issue 9).
if wants cluster-adonet; then
  Platform__StateStorage=AdoNet cluster_part cluster-adonet
fi

# ---- report ------------------------------------------------------------------------------------------------------
step "report (run took $(( $(date +%s) - t0 )) s)"
python3 - "$work/settings.json" <<PY
import json, sys
json.dump({"root": "$root", "started": "$started", "smoke": "$smoke" == "true", "only": "$only",
           "duration": $duration, "warmup": $warmup, "threads": $threads, "connections": $connections,
           "timeout": $timeout, "approval_warmup": $approval_warmup, "postgresql_server": "${pg_version:-}"},
          open(sys.argv[1], "w"))
PY
echo
python3 "$bench/lib/report.py" finish "$measurements" "$out" "$work/settings.json"
