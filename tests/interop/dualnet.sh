#!/usr/bin/env bash
# Dual-network interop tests: keepalived-net and keepalived 2.2.7 as VRRP peers on several
# networks at once (vrrp_sync_groups spanning two interfaces, the seed004 dual-network configs).
# Topology (namespaces kn-dual-*, made by ../shared/lab/lab.sh and extended here):
#   kn-dual-sw : bridges br0, br1, br2 (one per network)
#   kn-dual-hN : eth0 10.125.0.(10+N)/24 on br0, eth1 10.125.1.(10+N)/24 on br1,
#                eth2 10.125.2.(10+N)/24 on br2
# Every scenario runs both ways: keepalived-net on h1 and keepalived on h2, then swapped.
# Prints one "PASS name (...)" or "FAIL name (...): why" line per scenario and direction (seed004
# has one per accepted config and direction, "SKIP" lines for the configs it cannot run), and a
# last line "dualnet: N passed, N failed". Exit status 1 if any failed.
# Usage: sudo tests/interop/dualnet.sh PATH_TO_KEEPALIVED_NET [SCENARIO...]
#   SCENARIO: syncgroup, twogroups, nogroup, seed004 (every seed004 config) or one config, e.g. seed004-25
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
LAB="$ROOT/../shared/lab"
SEEDS="$ROOT/../shared/corpus/seeds"
OURS="$(realpath "${1:?usage: dualnet.sh PATH_TO_KEEPALIVED_NET [SCENARIO...]}")"; shift
THEIRS="$(command -v keepalived)" || { echo "dualnet: keepalived not installed" >&2; exit 1; }
export LAB_PREFIX=kn-dual- LAB_WORK=/tmp/keepalived-net-dualnet LAB_NET=10.125.0
# keepalived-net (a .NET process) may start slowly on a loaded machine
export START_TIMEOUT=30
NETS=(10.125.0 10.125.1 10.125.2)
KAL="$LAB/kal.sh" LABSH="$LAB/lab.sh"
passed=0 failed=0

source "$HERE/lib.sh"
source "$HERE/dualnet-lib.sh"

cleanup() { stop_all; "$LABSH" down >/dev/null 2>&1 || true; }
trap cleanup EXIT
trap 'exit 130' INT TERM
"$LABSH" down >/dev/null 2>&1 || true
dual_up || { echo "dualnet: topology setup failed" >&2; exit 1; }

source "$HERE/dualnet-scenarios.sh"
source "$HERE/dualnet-seed.sh"

selected=("$@"); [ "${#selected[@]}" -gt 0 ] || selected=(syncgroup twogroups nogroup seed004)
for s in "${selected[@]}"; do
    case "$s" in
        seed004) for f in "$SEEDS"/seed004-*.conf; do run_seed "$f"; done ;;
        seed004-*) run_seed "$SEEDS/$s.conf" ;;
        *) for ours_on in h1 h2; do run_dual "$s" "$ours_on"; done ;;
    esac
done
echo "dualnet: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
