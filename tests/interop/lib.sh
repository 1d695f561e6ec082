# Helpers for interop.sh (sourced): starting the two peers, waiting for the VIP, captures.

now() { date +%s.%N; }
ms_between() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", (b - a) * 1000 }'; }
has_vip() {
    if [ -n "${VIP_DEV:-}" ]; then
        # use_vmac: the VIP is on the VMAC, not on eth0
        "$LABSH" exec "$1" ip -o addr show dev "$VIP_DEV" 2>/dev/null | awk -v v="$VIP" '$4 == v { f = 1 } END { exit !f }'
    elif [[ "$VIP" == *:* ]]; then
        "$LABSH" exec "$1" ip -6 -o addr show dev eth0 2>/dev/null | awk -v v="${VIP%/*}" '$4 ~ "^"v"/" { f = 1 } END { exit !f }'
    else
        [ -n "$("$KAL" vip "$1" 2>/dev/null)" ]
    fi
}
ip_of() { echo "$NET.$((10 + ${1#h}))"; }

# wait_vip HOST present|absent SECONDS
wait_vip() {
    local end=$(( $(date +%s) + $3 ))
    while [ "$(date +%s)" -le "$end" ]; do
        if has_vip "$1"; then [ "$2" = present ] && return 0; else [ "$2" = absent ] && return 0; fi
        sleep 0.02
    done
    return 1
}

# the binary for HOST in the current direction
bin_for() { if [ "$1" = "$OURS_ON" ]; then echo "$OURS"; else echo "$THEIRS"; fi; }
name_for() { if [ "$1" = "$OURS_ON" ]; then echo keepalived-net; else echo keepalived; fi; }

# start_host HOST PRIO [VAR=VALUE...]: render the config (lab template) and start the daemon
start_host() {
    local h="$1" prio="$2"; shift 2
    local conf; conf="$(env VIP="$VIP" "$@" "$KAL" conf "$h" "$prio")"
    # CONF_EDIT: a sed script applied to the rendered config (keywords the lab template lacks)
    [ -n "${CONF_EDIT:-}" ] && sed -i "$CONF_EDIT" "$conf"
    # each daemon writes its stats (SIGUSR2) into its own TMPDIR
    mkdir -p "$LAB_WORK/tmp/$h"
    TMPDIR="$LAB_WORK/tmp/$h" KEEPALIVED_BIN="$(bin_for "$h")" "$KAL" start "$h" >/dev/null 2>&1
}

stop_host() { "$KAL" stop "$1" "${2:-TERM}" >/dev/null 2>&1 || true; }

stop_all() {
    stop_host h1; stop_host h2
    for h in h1 h2; do "$LABSH" exec "$h" ip addr del "$VIP" dev eth0 >/dev/null 2>&1 || true; done
}

CAP_PID=""
cap_start() {
    "$LABSH" capture "$1" >"$1.log" 2>&1 & CAP_PID=$!
    local _; for _ in $(seq 1 100); do grep -q "listening on" "$1.log" 2>/dev/null && return 0; sleep 0.05; done
    return 1
}
cap_stop() { [ -n "$CAP_PID" ] && { kill -INT "$CAP_PID" 2>/dev/null; wait "$CAP_PID" 2>/dev/null; }; CAP_PID=""; }

# adverts FILE SRC_IP: "prio checksum_status version" per VRRP advert from SRC_IP
adverts() {
    tshark -r "$1" -Y "vrrp && ip.src == $2" -T fields -e vrrp.prio -e vrrp.checksum.status -e vrrp.version 2>/dev/null
}

# takeover_ms FILE OLD_IP NEW_IP: last advert of OLD_IP -> first advert of NEW_IP after it, in ms
takeover_ms() {
    tshark -r "$1" -Y "vrrp" -T fields -e frame.time_epoch -e ip.src 2>/dev/null | awk -v old="$2" -v new="$3" '
        $2 == old { last = $1 }
        $2 == new && last != "" { printf "%.0f", ($1 - last) * 1000; exit }'
}

# partition on|off: the bridge stops (or resumes) flooding multicast to both hosts, so neither
# hears the other's adverts while their links stay up (a link down would mean FAULT instead)
partition() {
    local flood=on; [ "$1" = on ] && flood=off
    "$LABSH" exec sw bridge link set dev h1p mcast_flood "$flood"
    "$LABSH" exec sw bridge link set dev h2p mcast_flood "$flood"
}

pass() { passed=$((passed + 1)); echo "PASS $SCENARIO ($(name_for h1) h1, $(name_for h2) h2)"; }
fail() {
    failed=$((failed + 1)); echo "FAIL $SCENARIO ($(name_for h1) h1, $(name_for h2) h2): $*"
    for h in h1 h2; do echo "  --- $h log tail"; tail -n 8 "$LAB_WORK/run/$h/keepalived.log" 2>/dev/null | sed 's/^/  /'; done
}

run_scenario() {
    SCENARIO="$1" OURS_ON="$2"
    stop_all
    "scenario_$1"
    cap_stop
    stop_all
}
