#!/usr/bin/env bash
# Runs every test of the solution (Release), then prints "N passed, N failed".
# Usage: sudo bash scripts/test.sh [extra dotnet test arguments, e.g. --filter Runtime]
source "$(dirname "$0")/common.sh"
apt_need procps iproute2

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
# keepalived -t conformance: exit codes and diagnosed lines on the shared corpus (needs root: it
# makes its own network namespace with the interfaces the configs name).
corpus="$ROOT/../shared/corpus/verdicts.sh"
if [ -f "$corpus" ]; then
    dotnet publish Keepalived.Host -c Release -o "$ROOT/artifacts/keepalived-net" -nologo -clp:ErrorsOnly >/dev/null
    if bash "$corpus" --check "$ROOT/artifacts/keepalived-net/keepalived-net"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1)); status=1
    fi
else
    echo "warning: $corpus not found; corpus conformance not checked" >&2
fi

echo "$passed passed, $failed failed"
[ "$passed" -gt 0 ] || { echo "error: no test ran" >&2; exit 1; }
exit "$status"
