#!/usr/bin/env bash
# Runs every test of the solution against a real PostgreSQL and ends with the line "N passed, N failed".
# PostgreSQL: DATASHARING_TEST_PG (an Npgsql connection string) if set; otherwise a throwaway local server from
# Debian's packages (deploy/postgres/pg-local.sh installs them if needed), stopped again at the end.
set -uo pipefail
cd "$(dirname "$0")"

if [ -z "${DATASHARING_TEST_PG:-}" ]; then
  pgdata="${TMPDIR:-/tmp}/datasharing-test-pg"
  if ! DATASHARING_TEST_PG=$(deploy/postgres/pg-local.sh start "$pgdata" "${DATASHARING_TEST_PG_PORT:-55433}" | tail -n 1); then
    echo "Could not start PostgreSQL for the tests."
    echo "0 passed, 1 failed"
    exit 1
  fi
  export DATASHARING_TEST_PG
  trap 'deploy/postgres/pg-local.sh stop "$pgdata" >/dev/null 2>&1 || true' EXIT
fi
echo "Tests use PostgreSQL at: $DATASHARING_TEST_PG"

# The benchmark harness's smoke test (Tests/Bench) needs wrk: installed here when possible, else that test says so.
if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1 \
      || { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } \
      || echo "Could not install wrk (apt-get install -y wrk): the benchmark smoke test will fail."
  else
    echo "wrk is not installed (apt-get install -y wrk): the benchmark smoke test will fail."
  fi
fi

# The console's browser tests (Tests/WebConsole) drive Debian's chromium at /usr/bin/chromium: installed here when
# possible (with a CJK font, for legible screenshots), else those tests say so.
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-zenhei >/dev/null 2>&1 \
      || { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-zenhei >/dev/null; } \
      || echo "Could not install chromium (apt-get install -y chromium): the console's browser tests will fail."
  else
    echo "chromium is not installed (apt-get install -y chromium): the console's browser tests will fail."
  fi
fi
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

log=$(mktemp)
dotnet test Orleans.sln --nologo --logger "console;verbosity=detailed" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Totals per test assembly: "Passed!  - Failed: F, Passed: P, ..." (minimal) or "Passed: P" / "Failed: F" lines
# after "Total tests:" (detailed).
read -r passed failed < <(awk '
  /Failed: +[0-9]+, Passed: +[0-9]+/ { match($0, /Failed: +[0-9]+/); f += substr($0, RSTART + 7, RLENGTH - 7) + 0;
                                       match($0, /Passed: +[0-9]+/); p += substr($0, RSTART + 7, RLENGTH - 7) + 0; next }
  /^Total tests:/ { totals = 1; next }
  totals && /^ +Passed: +[0-9]+$/ { p += $2 }
  totals && /^ +Failed: +[0-9]+$/ { f += $2 }
  totals && /^ +Total time:/ { totals = 0 }
  END { print p + 0, f + 0 }' "$log")
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1   # the build or the runner failed before any test could
fi
echo "${passed} passed, ${failed} failed"
exit "$status"
