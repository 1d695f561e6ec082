#!/usr/bin/env bash
# Runs every test of the solution (Release), then prints "N passed, N failed".
# Usage: sudo bash scripts/test.sh [extra dotnet test arguments, e.g. --filter Runtime]
source "$(dirname "$0")/common.sh"
apt_need procps iproute2 keepalived tcpdump tshark python3 nftables iputils-ping

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
bin="$ROOT/artifacts/keepalived-net/keepalived-net"
# the interop runs test the binary as deploy/install.sh ships it: self-contained, trimmed, ReadyToRun
rid="linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')"
rm -rf "$ROOT/artifacts/keepalived-net"
dotnet publish Keepalived.Host -c Release -r "$rid" --self-contained -p:PublishReadyToRun=true \
    -o "$ROOT/artifacts/keepalived-net" -nologo -clp:ErrorsOnly >/dev/null
if [ -f "$corpus" ]; then
    if bash "$corpus" --check "$bin"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1)); status=1
    fi
else
    echo "warning: $corpus not found; corpus conformance not checked" >&2
fi

# VRRP interop with keepalived 2.2.7 in network namespaces (../shared/lab), every scenario both ways:
# interop.sh on one network, dualnet.sh on three (sync groups across interfaces, the seed004 configs).
# interop NAME: runs tests/interop/NAME.sh and counts its PASS / FAIL lines
interop() {
    local log="$ROOT/artifacts/$1.log" p f
    bash "$ROOT/tests/interop/$1.sh" "$bin" 2>&1 | tee "$log" || status=1
    p=$(grep -c '^PASS ' "$log" || true)
    f=$(grep -c '^FAIL ' "$log" || true)
    passed=$((passed + p)) failed=$((failed + f))
    [ "$p" -gt 0 ] || { echo "error: no $1 scenario ran" >&2; status=1; }
}
# accept / no_accept: the nftables ruleset against keepalived's, pings to the VIPs (own namespaces)
interop nft
# configurations keepalived refuses to run: the same exit (own namespace)
interop config
if [ -x "$ROOT/../shared/lab/lab.sh" ]; then
    interop interop
    interop dualnet
    interop frr
else
    echo "warning: ../shared/lab not found; VRRP interop not tested" >&2
fi

# IPVS against a real kernel (Debian's, with ip_vs, in a QEMU VM: ../shared/ipvs-vm): the leaf over
# generic netlink, then the tables the daemon makes against keepalived 2.2.7's in the same VM (the
# first run builds the VM's kernel/rootfs under /var/cache/ipvs-compare: a few minutes)
if [ -x "$ROOT/../shared/ipvs-vm/ipvs-vm.sh" ]; then
    interop ipvs-kernel
    interop ipvs-compare
else
    echo "warning: ../shared/ipvs-vm not found; IPVS not tested against a real kernel" >&2
fi

echo "$passed passed, $failed failed"
[ "$passed" -gt 0 ] || { echo "error: no test ran" >&2; exit 1; }
exit "$status"
