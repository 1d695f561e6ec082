#!/usr/bin/env bash
# Interop tests: keepalived-net and keepalived 2.2.7 as VRRP peers in network namespaces
# (../shared/lab: bridge + h1 10.123.0.11 + h2 10.123.0.12, VIP 10.123.0.100/24, VRID 51).
# Every scenario runs both ways: keepalived-net on h1 and keepalived on h2, then swapped.
# Prints one "PASS name" or "FAIL name: why" line per scenario and direction, and a last line
# "interop: N passed, N failed". Exit status 1 if any failed.
# Usage: sudo tests/interop/interop.sh PATH_TO_KEEPALIVED_NET [SCENARIO...]
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
LAB="$ROOT/../shared/lab"
OURS="$(realpath "${1:?usage: interop.sh PATH_TO_KEEPALIVED_NET [SCENARIO...]}")"; shift
THEIRS="$(command -v keepalived)" || { echo "interop: keepalived not installed" >&2; exit 1; }
export LAB_PREFIX=kn-interop- LAB_WORK=/tmp/keepalived-net-interop LAB_NET=10.123.0
NET=10.123.0 VIP=10.123.0.100/24
KAL="$LAB/kal.sh" LABSH="$LAB/lab.sh"
passed=0 failed=0

source "$HERE/lib.sh"

cleanup() { stop_all; "$LABSH" down >/dev/null 2>&1 || true; }
trap cleanup EXIT
"$LABSH" down >/dev/null 2>&1 || true
"$LABSH" up 2 >/dev/null || { echo "interop: lab.sh up failed" >&2; exit 1; }

source "$HERE/scenarios.sh"
source "$HERE/vmac-scenarios.sh"

all=(election kill term dontrelease nopreempt unicast v3fast equalprio authmismatch stalevip linkfault ipv6 script vmac vmacxmitbase)
selected=("${@:-${all[@]}}")
for s in "${selected[@]}"; do
    for ours_on in h1 h2; do
        run_scenario "$s" "$ours_on"
    done
done
echo "interop: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
