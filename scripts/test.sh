#!/usr/bin/env bash
# Runs every test of the solution (Release), then prints "N passed, N failed".
# Usage: sudo bash scripts/test.sh [extra dotnet test arguments, e.g. --filter Runtime]
source "$(dirname "$0")/common.sh"
apt_need procps

results="$ROOT/artifacts/test-results"
rm -rf "$results"
dotnet build Actors.sln -c Release -nologo -clp:ErrorsOnly
status=0
dotnet test Actors.sln -c Release --no-build -nologo \
    --logger "trx;LogFileName=tests.trx" --results-directory "$results" "$@" || status=$?

passed=0 failed=0
for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0})) failed=$((failed + ${f:-0}))
done
echo "$passed passed, $failed failed"
[ "$passed" -gt 0 ] || { echo "error: no test ran" >&2; exit 1; }
exit "$status"
