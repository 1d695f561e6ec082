# Helpers for dualnet.sh (sourced after lib.sh): the three-network topology, addresses on
# eth0..eth2, starting a daemon on a written config, and log positions.

IFACES=(eth0 eth1 eth2)

# lab.sh makes kn-dual-sw/br0 and h1, h2 with eth0; br1/br2 and eth1/eth2 are added here, in the
# lab's namespaces only (nothing in the root namespace), the same way lab.sh makes br0/eth0
dual_up() {
    "$LABSH" up 2 >/dev/null || return 1
    local sw; sw="$("$LABSH" ns sw)"
    local i h b port
    for i in 1 2; do
        b="br$i"
        ip -n "$sw" link add "$b" type bridge stp_state 0 forward_delay 0 mcast_snooping 0 || return 1
        ip netns exec "$sw" sysctl -q -w "net.ipv6.conf.$b.disable_ipv6=1" >/dev/null 2>&1 || true
        ip -n "$sw" link set "$b" up || return 1
        for h in h1 h2; do
            port="${h}p$i"
            ip -n "$sw" link add "$port" type veth peer name "eth$i" netns "$("$LABSH" ns "$h")" || return 1
            ip -n "$sw" link set "$port" master "$b" || return 1
            ip netns exec "$sw" sysctl -q -w "net.ipv6.conf.$port.disable_ipv6=1" >/dev/null 2>&1 || true
            ip -n "$sw" link set "$port" up || return 1
            "$LABSH" exec "$h" ip link set "eth$i" multicast on || return 1
            "$LABSH" exec "$h" ip link set "eth$i" up || return 1
        done
    done
    reset_addrs
}

# every interface up with only its base address (drops VIPs and seed subnets of the last run)
reset_addrs() {
    local h n i
    for h in h1 h2; do
        n=$((10 + ${h#h}))
        for i in 0 1 2; do
            "$LABSH" exec "$h" ip link set "eth$i" up >/dev/null 2>&1
            "$LABSH" exec "$h" ip -4 addr flush dev "eth$i" scope global >/dev/null 2>&1
            "$LABSH" exec "$h" ip addr add "${NETS[$i]}.$n/24" dev "eth$i" >/dev/null 2>&1
        done
    done
}

# has_addr HOST DEV ADDR: ADDR (no prefix length) is on DEV in HOST
has_addr() {
    "$LABSH" exec "$1" ip -4 -o addr show dev "$2" 2>/dev/null |
        awk -v a="$3/" 'index($4, a) == 1 { f = 1 } END { exit !f }'
}

# wait_for SECONDS CMD...: poll CMD until it succeeds
wait_for() {
    local end=$(( $(date +%s) + $1 )); shift
    while [ "$(date +%s)" -le "$end" ]; do
        "$@" && return 0
        sleep 0.1
    done
    return 1
}

# the config of HOST, written before start_conf
conf_of() { echo "$LAB_WORK/run/$1/keepalived.conf"; }

# start_conf HOST: start the daemon of this direction on $(conf_of HOST)
start_conf() {
    mkdir -p "$LAB_WORK/tmp/$1"
    TMPDIR="$LAB_WORK/tmp/$1" KEEPALIVED_BIN="$(bin_for "$1")" "$KAL" start "$1" >/dev/null 2>&1
}

# running HOST: the daemon's pids are alive inside HOST's namespace
running() {
    local p v; read -r p v < <("$KAL" pids "$1")
    [ -n "$p" ] && "$LABSH" owns "$1" "$p" ${v:+"$v"}
}

stop_all() {
    stop_host h1; stop_host h2
    reset_addrs
}

log_of() { echo "$LAB_WORK/run/$1/keepalived.log"; }
# log_mark HOST: the log's current line count; log_since HOST MARK: the lines after it
log_mark() { wc -l < "$(log_of "$1")" 2>/dev/null || echo 0; }
log_since() { tail -n "+$(( $2 + 1 ))" "$(log_of "$1")" 2>/dev/null; }
# log_shows HOST MARK TEXT...: every TEXT is in HOST's log after MARK (else the first missing)
log_shows() {
    local h="$1" mark="$2" t; shift 2
    for t in "$@"; do log_since "$h" "$mark" | grep -qF -- "$t" || { echo "$t"; return 1; }; done
}

# the host that runs keepalived-net, and the other one
other_of() { if [ "$1" = h1 ]; then echo h2; else echo h1; fi; }

run_dual() {
    SCENARIO="$1" OURS_ON="$2"
    stop_all
    "scenario_$1"
    stop_all
}
