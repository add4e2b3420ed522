#!/usr/bin/env bash
# Runs every test of the solution and ends with the line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

log=$(mktemp)
dotnet test Orleans.sln --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# dotnet test prints one "Passed!/Failed! - Failed: F, Passed: P, ..." line per test assembly.
read -r passed failed < <(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+' "$log" |
  awk -F'[:,]' '{f+=$2; p+=$4} END {print p+0, f+0}')
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1   # the build or the runner failed before any test could
fi
echo "${passed} passed, ${failed} failed"
exit "$status"
