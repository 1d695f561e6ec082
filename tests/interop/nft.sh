#!/usr/bin/env bash
# Accept mode (RFC 5798 Accept_Mode) against keepalived 2.2.7, in two network namespaces of its own
# (nftk-m: the VRRP master on m0 10.199.77.1 / fd00:199:77::1; nftk-c: a client on c0 .2 / ::2):
#   ruleset   with no_accept, `nft list ruleset` in the master's namespace is the same for
#             keepalived and keepalived-net (IPv4 and IPv6 instances, link-local and global VIPs);
#   cleanup   after SIGTERM keepalived's tables are gone;
#   noaccept  the client's pings to the VIPs go unanswered;
#   accept    with accept, they are answered and no table is made.
# Prints one "PASS name" or "FAIL name: why" line per check and binary, and "nft: N passed, N failed".
# Usage: sudo tests/interop/nft.sh PATH_TO_KEEPALIVED_NET
set -uo pipefail
OURS="$(realpath "${1:?usage: nft.sh PATH_TO_KEEPALIVED_NET}")"
THEIRS="$(command -v keepalived)" || { echo "nft: keepalived not installed" >&2; exit 1; }
command -v nft >/dev/null || { echo "nft: nft not installed (apt-get install nftables)" >&2; exit 1; }
command -v ping >/dev/null || { echo "nft: ping not installed (apt-get install iputils-ping)" >&2; exit 1; }
M=nftk-m C=nftk-c
WORK="$(mktemp -d /tmp/nft-interop.XXXXXX)"
VIP4=10.199.77.100 VIP6=fd00:199:77::100
passed=0 failed=0 PID=""

pass() { passed=$((passed + 1)); echo "PASS $1 ($2)"; }
fail() { failed=$((failed + 1)); echo "FAIL $1 ($2): $3"; [ -f "$WORK/daemon.log" ] && tail -n 5 "$WORK/daemon.log" | sed 's/^/  /'; }

stop_daemon() {
    [ -n "$PID" ] || return 0
    kill -TERM "$PID" 2>/dev/null
    local _; for _ in $(seq 1 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; PID=""
}

cleanup() {
    stop_daemon
    ip netns del "$M" 2>/dev/null; ip netns del "$C" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

ip netns del "$M" 2>/dev/null; ip netns del "$C" 2>/dev/null
ip netns add "$M" && ip netns add "$C" || { echo "nft: cannot create namespaces" >&2; exit 1; }
ip -n "$M" link add m0 type veth peer name c0 netns "$C"
ip -n "$M" link set lo up; ip -n "$C" link set lo up
ip -n "$M" addr add 10.199.77.1/24 dev m0; ip -n "$M" addr add fd00:199:77::1/64 dev m0 nodad
ip -n "$C" addr add 10.199.77.2/24 dev c0; ip -n "$C" addr add fd00:199:77::2/64 dev c0 nodad
ip -n "$M" link set m0 up; ip -n "$C" link set c0 up

# conf MODE: both instances in accept mode MODE (accept | no_accept)
conf() {
    cat <<CONF
global_defs {
    router_id nft_interop
}
vrrp_instance VI_4 {
    state MASTER
    interface m0
    virtual_router_id 77
    priority 100
    advert_int 1
    $1
    virtual_ipaddress {
        $VIP4/24
        10.199.77.101/24
    }
}
vrrp_instance VI_6 {
    state MASTER
    interface m0
    virtual_router_id 78
    version 3
    priority 100
    advert_int 1
    $1
    virtual_ipaddress {
        fe80::77:100/64
        $VIP6/64
    }
}
CONF
}

has_vips() {
    ip -n "$M" -o addr show dev m0 | grep -q " $VIP4/" && ip -n "$M" -o addr show dev m0 | grep -q " $VIP6/"
}

# start BIN MODE: the daemon in the master's namespace, until both instances hold their VIPs
start() {
    conf "$2" >"$WORK/keepalived.conf"
    ip netns exec "$M" "$1" -n -l -D -f "$WORK/keepalived.conf" -p "$WORK/ka.pid" -r "$WORK/vrrp.pid" -c "$WORK/chk.pid" \
        >"$WORK/daemon.log" 2>&1 &
    PID=$!
    local _; for _ in $(seq 1 150); do has_vips && { sleep 0.5; return 0; }; sleep 0.1; done
    return 1
}

reaches() { ip netns exec "$C" ping -c 2 -i 0.2 -W 1 "$1" >/dev/null 2>&1; }

# run BIN NAME: the no_accept checks; leaves the listing in $WORK/NAME.ruleset
run_no_accept() {
    local bin="$1" name="$2"
    if ! start "$bin" no_accept; then fail ruleset "$name" "the VIPs never came up"; stop_daemon; return; fi
    ip netns exec "$M" nft list ruleset >"$WORK/$name.ruleset"
    if grep -q "table ip keepalived" "$WORK/$name.ruleset" && grep -q "table ip6 keepalived" "$WORK/$name.ruleset"; then
        pass tables "$name"
    else
        fail tables "$name" "no keepalived tables: $(tr '\n' ' ' <"$WORK/$name.ruleset")"
    fi
    if ! reaches "$VIP4" && ! reaches "$VIP6" && reaches 10.199.77.1; then pass noaccept "$name"
    else fail noaccept "$name" "a VIP answered ping (or the host did not)"; fi
    stop_daemon
    if [ -z "$(ip netns exec "$M" nft list ruleset)" ]; then pass cleanup "$name"
    else fail cleanup "$name" "tables left after SIGTERM"; fi
}

run_accept() {
    local bin="$1" name="$2"
    if ! start "$bin" accept; then fail accept "$name" "the VIPs never came up"; stop_daemon; return; fi
    if reaches "$VIP4" && reaches "$VIP6" && [ -z "$(ip netns exec "$M" nft list ruleset)" ]; then pass accept "$name"
    else fail accept "$name" "a VIP did not answer ping, or a table was made"; fi
    stop_daemon
}

run_no_accept "$THEIRS" keepalived
run_no_accept "$OURS" keepalived-net
if [ -s "$WORK/keepalived.ruleset" ] && diff -u "$WORK/keepalived.ruleset" "$WORK/keepalived-net.ruleset" >"$WORK/ruleset.diff"; then
    pass ruleset "keepalived-net = keepalived"
else
    fail ruleset "keepalived-net = keepalived" "listings differ: $(cat "$WORK/ruleset.diff")"
fi
run_accept "$THEIRS" keepalived
run_accept "$OURS" keepalived-net

echo "nft: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
