# The dual-network scenarios (sourced by dualnet.sh). $OURS_ON says which host runs keepalived-net.

# syncgroup_conf HOST PRIO: a vrrp_sync_group of SG_eth0 (VRID 61, 10.125.0.100) and SG_eth1
# (VRID 62, 10.125.1.100)
syncgroup_conf() {
    local i
    mkdir -p "$LAB_WORK/run/$1"
    {
        printf 'global_defs {\n    router_id dual-%s\n}\n' "$1"
        printf 'vrrp_sync_group SG {\n    group {\n        SG_eth0\n        SG_eth1\n    }\n}\n'
        for i in 0 1; do
            printf 'vrrp_instance SG_eth%s {\n    state BACKUP\n    interface eth%s\n' "$i" "$i"
            printf '    virtual_router_id %s\n    priority %s\n    advert_int 1\n' "$((61 + i))" "$2"
            printf '    authentication {\n        auth_type PASS\n        auth_pass dual6%s\n    }\n' "$i"
            printf '    virtual_ipaddress {\n        %s.100/24\n    }\n}\n' "${NETS[$i]}"
        done
    } > "$(conf_of "$1")"
}

# both_vips HOST / no_vip HOST: the group's two VIPs are (are not) on HOST
both_vips() { has_addr "$1" eth0 10.125.0.100 && has_addr "$1" eth1 10.125.1.100; }
no_vip() { ! has_addr "$1" eth0 10.125.0.100 && ! has_addr "$1" eth1 10.125.1.100; }

# group_logged MARK WHEN GROUP_STATE MEMBER_STATE: keepalived-net's log after MARK shows group SG
# syncing to GROUP_STATE and both members entering MEMBER_STATE (else one fail and status 1)
group_logged() {
    local missing
    missing="$(log_shows "$OURS_ON" "$1" "VRRP_Group(SG) Syncing instances to $3 state" \
        "(SG_eth0) Entering $4 STATE" "(SG_eth1) Entering $4 STATE")" && return 0
    fail "keepalived-net's log $2 lacks '$missing'"; return 1
}

# (1) a sync group over eth0 and eth1: h1's eth1 going down takes the whole group (both VIPs,
# the eth0 instance's too) to h2; eth1 up again: h1 preempts with both
scenario_syncgroup() {
    syncgroup_conf h1 150; syncgroup_conf h2 100
    start_conf h1; start_conf h2
    wait_for 20 both_vips h1 || { fail "h1 (priority 150) never held both VIPs"; return; }
    sleep 1
    no_vip h2 || { fail "a VIP on h2 as well while h1 is master"; return; }
    # keepalived-net's group moves as one: on h1 to FAULT and back (BACKUP, then MASTER on the
    # preempt), on h2 to MASTER and back to BACKUP
    local mark down=(MASTER MASTER) up=(BACKUP BACKUP)
    [ "$OURS_ON" = h1 ] && down=(FAULT FAULT) up=(BACKUP MASTER)
    mark="$(log_mark "$OURS_ON")"
    "$LABSH" exec h1 ip link set eth1 down
    wait_for 5 no_vip h1 || { fail "h1 kept a VIP after its eth1 went down (the group did not go FAULT together)"; return; }
    wait_for 12 both_vips h2 || { fail "h2 did not take over both VIPs (eth0 $(has_addr h2 eth0 10.125.0.100 && echo yes || echo no), eth1 $(has_addr h2 eth1 10.125.1.100 && echo yes || echo no))"; return; }
    sleep 1
    no_vip h1 || { fail "a VIP came back on h1 while its eth1 is down"; return; }
    running h1 && running h2 || { fail "a daemon died"; return; }
    group_logged "$mark" "after h1's eth1 went down" "${down[@]}" || return
    mark="$(log_mark "$OURS_ON")"
    "$LABSH" exec h1 ip link set eth1 up
    wait_for 15 both_vips h1 || { fail "h1 did not take both VIPs back after eth1 came up"; return; }
    wait_for 5 no_vip h2 || { fail "h2 kept a VIP after h1 preempted"; return; }
    sleep 2
    both_vips h1 && no_vip h2 || { fail "the VIPs moved again after h1 preempted (flapping)"; return; }
    group_logged "$mark" "after h1's eth1 came up" "${up[@]}" || return
    pass
}
