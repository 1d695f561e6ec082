#!/usr/bin/env bash
# ipvs-compare.sh [BINARY|keepalived] [--update-golden]
#
# The IPVS table keepalived 2.2.7 makes against the one BINARY makes, on a real IPVS kernel: one
# QEMU VM (../shared/ipvs-vm) is booted once; inside it tests/ipvs/guest.sh runs every scenario of
# tests/ipvs/scenarios/ first with keepalived (Debian bookworm's 2.2.7), then with BINARY, each as
# `DAEMON -n -l -C -f CONF` with its own pid files, and records the sorted `ipvsadm -Sn` (and the
# notify/quorum script lines) at the scenario's sample points. Prints per scenario
#   PASS NAME                 keepalived equals its golden file and BINARY equals keepalived
#   FAIL NAME: REASON         + a short diff
# BINARY = "keepalived" or nothing: keepalived against itself (self-test of the harness).
# --update-golden: write keepalived's sequences to tests/ipvs/expected/ instead of checking them.
# Env: SCENARIOS="a b" runs only those; IPVSCMP_DIR (VM artifacts, default /var/cache/ipvs-compare);
#      IPVSCMP_OUT (results, default artifacts/ipvs-compare; must be under the repository).
# Needs root (apt, debootstrap on the first run); results and logs in artifacts/ipvs-compare/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VMDIR="$ROOT/../shared/ipvs-vm"
BIN=keepalived UPDATE=0
for a in "$@"; do
    case $a in
        --update-golden) UPDATE=1;;
        *) BIN=$a;;
    esac
done
[ -x "$VMDIR/ipvs-vm.sh" ] || { echo "FAIL ipvs-compare: $VMDIR not found"; exit 1; }
bash "$ROOT/tests/ipvs/prepare.sh"
export IPVSVM_DIR=${IPVSCMP_DIR:-/var/cache/ipvs-compare}

OUT=${IPVSCMP_OUT:-$ROOT/artifacts/ipvs-compare}
rm -rf "$OUT"; mkdir -p "$OUT"
VMARGS=(-r -c 2 -m 2048 -t 3000 -e "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1")
[ -n "${SCENARIOS:-}" ] && VMARGS+=(-e "SCENARIOS=$SCENARIOS")
if [ "$BIN" = keepalived ]; then
    OTHER=again; SPECS=(keepalived=/usr/sbin/keepalived again=/usr/sbin/keepalived)
else
    [ -x "$BIN" ] || { echo "FAIL ipvs-compare: $BIN is not an executable"; exit 1; }
    BIN=$(realpath "$BIN")
    # the binary's directory (a self-contained publish) is shared read-only at /opt/ours
    OTHER=ours; SPECS=(keepalived=/usr/sbin/keepalived "ours=/opt/ours/$(basename "$BIN")")
    VMARGS+=(-v "$(dirname "$BIN"):/opt/ours:ro")
fi

# the seed scenarios run the guides' configurations unchanged: their copies must be the corpus's
for c in "$ROOT"/tests/ipvs/scenarios/seed*.conf; do
    cmp -s "$c" "$ROOT/../shared/corpus/seeds/${c##*/}" ||
        { echo "FAIL ipvs-compare: ${c#$ROOT/} differs from ../shared/corpus/seeds/${c##*/}"; exit 1; }
done

cd "$ROOT"   # shared read-write at the same path: the guest reads tests/ipvs, writes $OUT
rc=0
"$VMDIR/ipvs-vm.sh" "${VMARGS[@]}" bash "$ROOT/tests/ipvs/guest.sh" "$OUT" "${SPECS[@]}" || rc=$?
[ $rc = 0 ] || echo "warning: the VM run ended with status $rc" >&2

# short_diff A B: the first lines of a unified diff, indented
short_diff() { { diff -u --label "$3" --label "$4" "$1" "$2" || true; } | sed -n "3,30p" | sed "s/^/    /"; }
n=0
for f in "$OUT"/keepalived/*.txt; do
    [ -f "$f" ] || continue
    s=$(basename "$f" .txt); n=$((n + 1))
    golden="$ROOT/tests/ipvs/expected/$s.txt" other="$OUT/$OTHER/$s.txt"
    if [ $UPDATE = 1 ]; then cp "$f" "$golden"; fi
    if [ ! -f "$golden" ]; then
        echo "FAIL $s: no golden file tests/ipvs/expected/$s.txt"
    elif ! cmp -s "$golden" "$f"; then
        echo "FAIL $s: keepalived 2.2.7 differs from tests/ipvs/expected/$s.txt"
        short_diff "$golden" "$f" expected keepalived
    elif [ "$OTHER" = ours ] && [ -f "$ROOT/tests/ipvs/pending-ours/$s" ]; then
        # a scenario ours cannot run yet (the guest does not run it): said, not counted
        echo "SKIP $s: $(head -1 "$ROOT/tests/ipvs/pending-ours/$s")"
    elif [ ! -f "$other" ]; then
        echo "FAIL $s: no result for $OTHER"
    elif [ "$OTHER" = ours ] && [ -f "$ROOT/tests/ipvs/expected-ours/$s.txt" ]; then
        # an intended difference from keepalived (docs/ipvs-compare.md): ours must make exactly this
        if cmp -s "$ROOT/tests/ipvs/expected-ours/$s.txt" "$other"; then
            echo "PASS $s (differs from keepalived 2.2.7 on purpose: tests/ipvs/expected-ours/$s.txt)"
        else
            echo "FAIL $s: ours differs from tests/ipvs/expected-ours/$s.txt"
            short_diff "$ROOT/tests/ipvs/expected-ours/$s.txt" "$other" expected-ours ours
        fi
    elif ! cmp -s "$f" "$other"; then
        echo "FAIL $s: $OTHER differs from keepalived 2.2.7 (logs: ${OUT#$ROOT/}/$OTHER/logs/$s.*)"
        short_diff "$f" "$other" keepalived "$OTHER"
    else
        echo "PASS $s"
    fi
done
[ $n -gt 0 ] || { echo "FAIL ipvs-compare: no scenario ran (VM status $rc)"; exit 1; }
