#!/usr/bin/env bash
# Creates or upgrades the platform's schema: applies every migrations/NNNN_*.sql not applied yet, in order, each in
# its own transaction, and records it with its checksum in schema_migrations.
#   deploy/postgres/migrate.sh "postgresql://user@host:port/database"    (or a libpq keyword string)
#   DATASHARING_PG_URI=... deploy/postgres/migrate.sh                    (a URI or libpq keyword string)
#   DATASHARING_PG=... deploy/postgres/migrate.sh                        (also an Npgsql "Host=...;Port=..." string)
# Safe to run twice (applied files are skipped) and from two processes at once (a session advisory lock makes the
# second wait, then find everything applied). A migration whose file changed after it was applied is an error.
# Only psql is needed. Exits non-zero on any error; a failed file leaves nothing of itself behind.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
target=${1:-${DATASHARING_PG_URI:-${DATASHARING_PG:-}}}
[ -n "$target" ] || { echo "usage: $0 <postgresql connection URI or libpq keyword string>" >&2; exit 2; }

# An Npgsql connection string ("Host=h;Port=p;Username=u;Database=d;Password=...", as the silos take it) is turned
# into libpq keywords, so the same variable serves both; the password goes through PGPASSWORD.
if [[ "$target" != *"://"* && "$target" == *";"* ]]; then
  libpq=""
  IFS=';' read -ra pairs <<<"$target"
  for pair in "${pairs[@]}"; do
    [[ "$pair" == *=* ]] || continue
    key=$(printf '%s' "${pair%%=*}" | tr '[:upper:]' '[:lower:]' | tr -d ' ')
    value=${pair#*=}
    value=${value#"${value%%[![:space:]]*}"}; value=${value%"${value##*[![:space:]]}"}
    case "$key" in
      host|server) key=host ;;
      port) key=port ;;
      username|userid|user) key=user ;;
      database|db) key=dbname ;;
      password|pwd) export PGPASSWORD="$value"; continue ;;
      sslmode) key=sslmode
               value=$(printf '%s' "$value" | tr '[:upper:]' '[:lower:]')
               value=${value/verifyca/verify-ca}; value=${value/verifyfull/verify-full} ;;
      timeout) key=connect_timeout ;;
      *) continue ;;
    esac
    value=${value//\\/\\\\}; value=${value//\'/\\\'}
    libpq+="$key='$value' "
  done
  target=$libpq
fi

# All work happens in one psql session so the advisory lock is held from the first check to the last file.
script=$(mktemp)
trap 'rm -f "$script"' EXIT
{
  echo '\set ON_ERROR_STOP on'
  echo 'SET client_min_messages = warning;'
  # An arbitrary constant: "datasharing schema" as a 64-bit lock key.
  echo 'SELECT pg_advisory_lock(7305411630562218053);'
  echo 'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());'
  for file in "$here"/migrations/[0-9][0-9][0-9][0-9]_*.sql; do
    name=$(basename "$file")
    sum=$(sha256sum "$file" | cut -d' ' -f1)
    cat <<SQL
SELECT CASE
         WHEN checksum IS NULL THEN 'apply'
         WHEN checksum = '$sum' THEN 'skip'
         ELSE 'changed'
       END AS action
FROM (SELECT (SELECT checksum FROM schema_migrations WHERE name = '$name') AS checksum) s \gset
SELECT :'action' = 'changed' AS changed \gset
\if :changed
  \echo 'migration $name was changed after it was applied; write a new migration instead'
  SELECT 1/0;
\endif
SELECT :'action' = 'apply' AS apply \gset
\if :apply
  \echo 'applying $name'
  BEGIN;
  \i '$file'
  INSERT INTO schema_migrations (name, checksum) VALUES ('$name', '$sum');
  COMMIT;
\endif
SQL
  done
  echo 'SELECT pg_advisory_unlock(7305411630562218053);'
} >"$script"

output=$(mktemp)
trap 'rm -f "$script" "$output"' EXIT
status=0
psql "$target" -X -q -At -v ON_ERROR_STOP=1 -f "$script" >"$output" 2>&1 || status=$?
# The lock's and the checks' "t" rows are noise; what remains is what was applied, or the error.
grep -v '^t$' "$output" | grep -v '^$' || true
exit "$status"
