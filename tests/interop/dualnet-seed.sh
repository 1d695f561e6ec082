# The seed004 scenario (sourced by dualnet.sh): each dual-network howto config that keepalived
# 2.2.7 accepts runs unchanged on h1 and, with every priority lowered by 10, on h2. Every
# instance's VIP must end up on h1 only; after a SIGKILL of h1, every VIP must be on h2.

# seed_instances CONF: one line "NAME INTERFACE PRIORITY VIP..." per vrrp_instance (VIPs without
# their prefix length). Comments (# and !) are dropped; braces may share a line with a keyword.
seed_instances() {
    awk '
        { sub(/[#!].*/, ""); gsub(/[{]/, " { "); gsub(/[}]/, " } "); $0 = $0 }
        depth == 0 && $1 == "vrrp_instance" { name = $2; iface = ""; prio = ""; vips = "" }
        name != "" && depth == 1 && $1 == "interface" { iface = $2 }
        name != "" && depth == 1 && $1 == "priority" { prio = $2 }
        name != "" && depth == 1 && $1 == "virtual_ipaddress" { invip = 1 }
        invip && depth == 2 && $1 != "" && $1 != "{" && $1 != "}" { split($1, a, "/"); vips = vips " " a[1] }
        {
            for (i = 1; i <= NF; i++) {
                if ($i == "{") depth++
                else if ($i == "}") {
                    depth--
                    if (depth == 1) invip = 0
                    if (depth == 0 && name != "") { print name, iface, prio vips; name = "" }
                }
            }
        }' "$1"
}

# lower_priorities CONF: CONF with every "priority N" as N - 10 (h2's copy)
lower_priorities() {
    awk '$1 == "priority" && $2 ~ /^[0-9]+$/ { sub(/[0-9]+/, $2 - 10) } { print }' "$1"
}

# seed_subnets: each host gets an address in every VIP's /24 on the instance's interface
# (10+N as the last octet), as the howtos' hosts had
seed_subnets() {
    local h name iface prio vip
    for h in h1 h2; do
        while read -r name iface prio vip_list; do
            for vip in $vip_list; do
                "$LABSH" exec "$h" ip addr replace "${vip%.*}.$((10 + ${h#h}))/24" dev "$iface" || return 1
            done
        done <<<"$SEED_INSTANCES"
    done
}

# vips_where HOST [NAMES]: "on" if every instance's VIP is on HOST, "none" if none is, else
# "some"; NAMES (an extended regular expression) limits it to the instances it matches
vips_where() {
    local name iface prio vip_list vip on=0 off=0
    while read -r name iface prio vip_list; do
        [[ "$name" =~ ^(${2:-.*})$ ]] || continue
        for vip in $vip_list; do
            if has_addr "$1" "$iface" "$vip"; then on=$((on + 1)); else off=$((off + 1)); fi
        done
    done <<<"$SEED_INSTANCES"
    if [ "$off" -eq 0 ]; then echo on; elif [ "$on" -eq 0 ]; then echo none; else echo some; fi
}
all_vips_on() { [ "$(vips_where "$1" "${2:-}")" = on ]; }
no_vips_on() { [ "$(vips_where "$1" "${2:-}")" = none ]; }
only_on_h1() { all_vips_on h1 && [ "$(vips_where h2)" = none ]; }

# placement: "NAME:h1,h2" per instance, for failure messages
placement() {
    local name iface prio vip_list vip h out=""
    while read -r name iface prio vip_list; do
        for vip in $vip_list; do
            out+=" $name($vip):"
            for h in h1 h2; do has_addr "$h" "$iface" "$vip" && out+="$h,"; done
        done
    done <<<"$SEED_INSTANCES"
    echo "${out# }"
}

# seed_start CONF: CONF on h1, with priorities lowered on h2, until every VIP is on h1 only
# (else one fail and status 1)
seed_start() {
    mkdir -p "$LAB_WORK/run/h1" "$LAB_WORK/run/h2"
    cp "$1" "$(conf_of h1)"
    lower_priorities "$1" > "$(conf_of h2)"
    seed_subnets || { fail "could not add the VIPs' subnets"; return 1; }
    start_conf h1; start_conf h2
    running h1 && running h2 || { fail "a daemon did not start"; return 1; }
    wait_for 25 only_on_h1 || { fail "VIPs not all on h1 (the higher priority) only: $(placement)"; return 1; }
}

scenario_seed() {
    seed_start "$1" || return
    sleep 2
    only_on_h1 || { fail "VIPs moved after convergence: $(placement)"; return; }
    running h1 && running h2 || { fail "a daemon died"; return; }
    stop_host h1 KILL
    wait_for 15 all_vips_on h2 || { fail "after SIGKILL of h1, not every VIP is on h2: $(placement)"; return; }
    running h2 || { fail "h2's daemon died"; return; }
    pass
}

# seed_link NAME IFACE MOVING STAYING [GROUP...]: seed config NAME as above; h1's IFACE goes
# down: the instances MOVING (those on IFACE and the other members of their sync groups, a regular
# expression) go to h2 and none stays on h1, the STAYING ones stay on h1, and keepalived-net logs
# every GROUP syncing (to FAULT on h1, to MASTER on h2); IFACE up: h1 takes everything back
seed_link() {
    local conf="$SEEDS/$1.conf" iface="$2" moving="$3" staying="$4" g missing mark to=MASTER
    shift 4
    [ "$OURS_ON" = h1 ] && to=FAULT
    SEED_INSTANCES="$(seed_instances "$conf")"
    seed_start "$conf" || return
    sleep 1
    mark="$(log_mark "$OURS_ON")"
    "$LABSH" exec h1 ip link set "$iface" down
    wait_for 5 no_vips_on h1 "$moving" || { fail "after h1's $iface went down, h1 kept a VIP of $moving: $(placement)"; return; }
    wait_for 12 all_vips_on h2 "$moving" || { fail "after h1's $iface went down, h2 did not take every VIP of $moving: $(placement)"; return; }
    sleep 1
    if [ -n "$staying" ]; then
        all_vips_on h1 "$staying" && no_vips_on h2 "$staying" ||
            { fail "$staying (not on $iface, in no sync group with it) did not stay on h1: $(placement)"; return; }
    fi
    no_vips_on h1 "$moving" || { fail "a VIP of $moving came back on h1 while its $iface is down: $(placement)"; return; }
    for g in "$@"; do
        missing="$(log_shows "$OURS_ON" "$mark" "VRRP_Group($g) Syncing instances to $to state")" ||
            { fail "keepalived-net's log after h1's $iface went down lacks '$missing'"; return; }
    done
    "$LABSH" exec h1 ip link set "$iface" up
    wait_for 15 only_on_h1 || { fail "after h1's $iface came up, the VIPs are not all back on h1 only: $(placement)"; return; }
    sleep 2
    only_on_h1 || { fail "the VIPs moved again after h1 took them back: $(placement)"; return; }
    running h1 && running h2 || { fail "a daemon died"; return; }
    pass
}

# seed004-25: two sync groups, each with a member on eth1 and one on eth2: eth2 down moves all four
scenario_twogroups() { seed_link seed004-25 eth2 "External_1|External_2|Internal_1|Internal_2" "" VG_1 VG_2; }
# seed004-27: the same instances without sync groups: eth2 down moves only the eth2 instances
scenario_nogroup() { seed_link seed004-27 eth2 "Internal_1|Internal_2" "External_1|External_2"; }

# run_seed CONF: both directions for one config, or a SKIP line when it cannot run
run_seed() {
    local name; name="$(basename "$1" .conf)"
    [ -f "$1" ] || { echo "SKIP $name: no such config"; return; }
    # keepalived -t in h1 (which has eth0..eth2), as the corpus verdicts are made
    if ! "$LABSH" exec h1 timeout 60 "$THEIRS" -t -f "$1" >/dev/null 2>&1; then
        echo "SKIP $name: keepalived 2.2.7 rejects it (keepalived -t)"; return
    fi
    SEED_INSTANCES="$(seed_instances "$1")"
    [ -n "$SEED_INSTANCES" ] || { echo "SKIP $name: no vrrp_instance"; return; }
    local ours_on
    for ours_on in h1 h2; do
        SCENARIO="$name" OURS_ON="$ours_on"
        stop_all
        scenario_seed "$1"
        stop_all
    done
}
