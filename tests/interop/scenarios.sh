# The interop scenarios (sourced by interop.sh). Each starts h1 and h2 with the lab template,
# acts, and ends with exactly one pass or fail. $OURS_ON says which host runs keepalived-net.

# (a) the higher priority becomes master, the VIP is only there, the adverts decode as valid VRRP
scenario_election() {
    start_host h1 150; start_host h2 100
    wait_vip h1 present 15 || { fail "h1 (priority 150) never got the VIP"; return; }
    sleep 1
    has_vip h2 && { fail "VIP on both hosts"; return; }
    local pcap="$LAB_WORK/election-$OURS_ON.pcap"
    cap_start "$pcap" || { fail "capture did not start"; return; }
    sleep 3.2; cap_stop
    local h1ads; h1ads="$(adverts "$pcap" "$(ip_of h1)")"
    local n; n="$(grep -c . <<<"$h1ads")"
    [ "$n" -ge 2 ] || { fail "$n adverts from the master in 3.2 s"; return; }
    grep -qv "^150	1	2$" <<<"$h1ads" && { fail "adverts not priority 150 / checksum good / v2: $(sort -u <<<"$h1ads" | tr '\n' ' ')"; return; }
    [ -z "$(adverts "$pcap" "$(ip_of h2)")" ] || { fail "the backup advertised"; return; }
    pass
}

# (b) SIGKILL of the master: the backup takes over after Master_Down_Interval
scenario_kill() {
    start_host h1 150; start_host h2 100
    wait_vip h1 present 15 || { fail "h1 never became master"; return; }
    sleep 1
    local t0; t0="$(now)"
    stop_host h1 KILL
    wait_vip h2 present 8 || { fail "h2 did not take over within 8 s"; return; }
    local ms; ms="$(ms_between "$t0" "$(now)")"
    [ "$ms" -ge 2500 ] || { fail "takeover after ${ms} ms: faster than Master_Down_Interval (3.6 s) allows"; return; }
    pass
}

# (c) SIGTERM: the master sends priority 0 and removes its VIP; the backup takes over after the skew
scenario_term() {
    start_host h1 150; start_host h2 100
    wait_vip h1 present 15 || { fail "h1 never became master"; return; }
    sleep 1
    local pcap="$LAB_WORK/term-$OURS_ON.pcap"
    cap_start "$pcap" || { fail "capture did not start"; return; }
    local t0; t0="$(now)"
    stop_host h1 TERM & local stopper=$!
    wait_vip h2 present 5 || { wait "$stopper"; fail "h2 did not take over within 5 s"; return; }
    local ms; ms="$(ms_between "$t0" "$(now)")"
    wait "$stopper"
    sleep 0.5; cap_stop
    has_vip h1 && { fail "the stopped master kept its VIP"; return; }
    adverts "$pcap" "$(ip_of h1)" | grep -q "^0	" || { fail "no priority-0 advert from h1"; return; }
    [ "$ms" -lt 2500 ] || { fail "takeover took ${ms} ms (priority 0 should cut it to the skew, ~0.6 s)"; return; }
    pass
}

# (d) nopreempt: a higher priority joining later does not take over
scenario_nopreempt() {
    start_host h2 100 PREEMPT=0
    wait_vip h2 present 15 || { fail "h2 alone never became master"; return; }
    start_host h1 150 PREEMPT=0
    sleep 6
    has_vip h1 && { fail "h1 (nopreempt) took over from h2"; return; }
    has_vip h2 || { fail "h2 lost the VIP"; return; }
    pass
}

# (e) unicast peers: election and takeover without multicast
scenario_unicast() {
    start_host h1 150 UNICAST=1; start_host h2 100 UNICAST=1
    wait_vip h1 present 15 || { fail "h1 never became master"; return; }
    sleep 1
    has_vip h2 && { fail "VIP on both hosts"; return; }
    local pcap="$LAB_WORK/unicast-$OURS_ON.pcap"
    cap_start "$pcap" || { fail "capture did not start"; return; }
    sleep 2.2; cap_stop
    local dsts; dsts="$(tshark -r "$pcap" -Y "vrrp && ip.src == $(ip_of h1)" -T fields -e ip.dst 2>/dev/null | sort -u)"
    [ "$dsts" = "$(ip_of h2)" ] || { fail "adverts went to '$dsts', not the peer $(ip_of h2)"; return; }
    stop_host h1 KILL
    wait_vip h2 present 8 || { fail "h2 did not take over"; return; }
    pass
}

# (f) VRRPv3 with advert_int 0.1: 10 adverts a second, takeover after 3 x 0.1 s + skew = 361 ms
scenario_v3fast() {
    local v=(VRRP_VERSION=3 ADVERT_INT=0.1 AUTH=NONE)
    start_host h1 150 "${v[@]}"; start_host h2 100 "${v[@]}"
    wait_vip h1 present 15 || { fail "h1 never became master"; return; }
    sleep 1
    local pcap="$LAB_WORK/v3-$OURS_ON.pcap"
    cap_start "$pcap" || { fail "capture did not start"; return; }
    sleep 1.1
    stop_host h1 KILL
    wait_vip h2 present 4 || { fail "h2 did not take over"; return; }
    sleep 0.3; cap_stop
    local h1ads; h1ads="$(adverts "$pcap" "$(ip_of h1)")"
    [ "$(grep -c . <<<"$h1ads")" -ge 8 ] || { fail "$(grep -c . <<<"$h1ads") v3 adverts in 1.1 s"; return; }
    grep -qv "^150	1	3$" <<<"$h1ads" && { fail "adverts not priority 150 / checksum good / v3: $(sort -u <<<"$h1ads" | tr '\n' ' ')"; return; }
    local ms; ms="$(takeover_ms "$pcap" "$(ip_of h1)" "$(ip_of h2)")"
    [ -n "$ms" ] && [ "$ms" -ge 300 ] && [ "$ms" -lt 1000 ] || { fail "last h1 advert -> first h2 advert: '${ms}' ms (361 expected)"; return; }
    pass
}

# (g) equal priorities: two masters (a partition healed) -> the lower address (h1, .11) yields
scenario_equalprio() {
    start_host h1 100; start_host h2 100
    wait_vip h1 present 15 || wait_vip h2 present 1 || { fail "no master"; return; }
    # a partition makes the backup master too
    local backup=h2; has_vip h2 && backup=h1
    partition on
    wait_vip "$backup" present 8 || { partition off; fail "the cut-off backup did not become master"; return; }
    partition off
    wait_vip h1 absent 6 || { fail "h1 (lower address) still holds the VIP after the partition healed"; return; }
    sleep 3
    has_vip h2 || { fail "h2 (higher address) lost the VIP"; return; }
    has_vip h1 && { fail "h1 took the VIP back"; return; }
    pass
}

# (h) a PASS mismatch: each refuses the other's adverts (both end up master), counted as auth failures
scenario_authmismatch() {
    start_host h1 150 AUTH_PASS=secret1; start_host h2 100 AUTH_PASS=secret2
    wait_vip h1 present 15 || { fail "h1 never became master"; return; }
    wait_vip h2 present 15 || { fail "h2 accepted adverts with the wrong password"; return; }
    local stats="$LAB_WORK/tmp/$OURS_ON/keepalived.stats" pid
    rm -f "$stats"
    read -r pid _ < <("$KAL" pids "$OURS_ON")
    kill -USR2 "$pid"
    for _ in $(seq 1 50); do [ -s "$stats" ] && break; sleep 0.1; done
    local failures; failures="$(awk '/Authentication Errors/ { a = 1 } a && /Failure:/ { print $2; exit }' "$stats" 2>/dev/null)"
    [ "${failures:-0}" -gt 0 ] || { fail "keepalived-net counted no auth failure (stats: $(tr '\n' ' ' < "$stats" 2>/dev/null))"; return; }
    pass
}

# VIPs left by a crashed run are removed when keepalived-net starts again (as keepalived does)
scenario_stalevip() {
    local other=h2; [ "$OURS_ON" = h2 ] && other=h1
    start_host "$OURS_ON" 150; start_host "$other" 100
    wait_vip "$OURS_ON" present 15 || { fail "keepalived-net (150) never became master"; return; }
    stop_host "$OURS_ON" KILL
    wait_vip "$other" present 8 || { fail "the peer did not take over"; return; }
    has_vip "$OURS_ON" || { fail "SIGKILL did not leave the VIP behind (nothing to test)"; return; }
    start_host "$OURS_ON" 50
    wait_vip "$OURS_ON" absent 5 || { fail "the restarted keepalived-net (backup) kept the stale VIP"; return; }
    sleep 2
    has_vip "$OURS_ON" && { fail "the VIP came back on the backup"; return; }
    has_vip "$other" || { fail "the master lost the VIP"; return; }
    pass
}

# the master's link goes down: it enters FAULT and drops the VIP, the peer takes over; link up:
# it comes back and preempts
scenario_linkfault() {
    local other=h2; [ "$OURS_ON" = h2 ] && other=h1
    start_host "$OURS_ON" 150; start_host "$other" 100
    wait_vip "$OURS_ON" present 15 || { fail "keepalived-net (150) never became master"; return; }
    "$LABSH" exec "$OURS_ON" ip link set eth0 down
    wait_vip "$OURS_ON" absent 3 || { "$LABSH" exec "$OURS_ON" ip link set eth0 up; fail "the VIP stayed on the faulted master"; return; }
    wait_vip "$other" present 8 || { "$LABSH" exec "$OURS_ON" ip link set eth0 up; fail "the peer did not take over"; return; }
    "$LABSH" exec "$OURS_ON" ip link set eth0 up
    wait_vip "$OURS_ON" present 10 || { fail "keepalived-net did not take the VIP back after the link came up"; return; }
    wait_vip "$other" absent 5 || { fail "the peer kept the VIP"; return; }
    grep -q "FAULT" "$LAB_WORK/run/$OURS_ON/keepalived.log" || { fail "no FAULT state logged"; return; }
    pass
}

# IPv6: VRRPv3 from the link-local addresses to ff02::12; takeover on SIGKILL (the lab's capture
# holds VRRP and ARP only: the unsolicited NA is compared with keepalived's byte for byte in
# Keepalived.Tests/Kernel instead)
scenario_ipv6() {
    local VIP=fd00:123::100/64
    local v=(VRRP_VERSION=3 AUTH=NONE)
    start_host h1 150 "${v[@]}"; start_host h2 100 "${v[@]}"
    wait_vip h1 present 15 || { fail "h1 never got the IPv6 VIP"; return; }
    sleep 1
    has_vip h2 && { fail "IPv6 VIP on both hosts"; return; }
    local pcap="$LAB_WORK/ipv6-$OURS_ON.pcap"
    cap_start "$pcap" || { fail "capture did not start"; return; }
    sleep 2.2
    stop_host h1 KILL
    wait_vip h2 present 8 || { cap_stop; fail "h2 did not take over the IPv6 VIP"; return; }
    sleep 0.5; cap_stop
    local v6ads; v6ads="$(tshark -r "$pcap" -Y "vrrp && ipv6.dst == ff02::12" -T fields -e ipv6.src -e vrrp.prio -e vrrp.checksum.status 2>/dev/null | sort -u)"
    grep -q "^fe80::.*	150	1$" <<<"$v6ads" || { fail "no valid IPv6 advert with priority 150 from a link-local address: $(tr '\n' ' ' <<<"$v6ads")"; return; }
    "$LABSH" exec h1 ip -6 addr del "$VIP" dev eth0 >/dev/null 2>&1 || true
    pass
}

# a tracked script with weight -60: failing drops the master to 90, below the backup's 100
# (it takes over); succeeding again puts it back to 150 (it preempts)
scenario_script() {
    local f1="$LAB_WORK/run/h1/track.ok" f2="$LAB_WORK/run/h2/track.ok"
    mkdir -p "$LAB_WORK/run/h1" "$LAB_WORK/run/h2"; touch "$f1" "$f2"
    start_host h1 150 TRACK_FILE="$f1" SCRIPT_WEIGHT=-60; start_host h2 100 TRACK_FILE="$f2" SCRIPT_WEIGHT=-60
    wait_vip h1 present 15 || { fail "h1 never became master"; return; }
    rm -f "$f1"
    wait_vip h2 present 10 || { touch "$f1"; fail "h2 did not take over when h1's script failed (150 - 60 < 100)"; return; }
    wait_vip h1 absent 3 || { touch "$f1"; fail "h1 kept the VIP at priority 90"; return; }
    touch "$f1"
    wait_vip h1 present 10 || { fail "h1 did not take the VIP back when its script succeeded again"; return; }
    wait_vip h2 absent 3 || { fail "h2 kept the VIP"; return; }
    pass
}

# -V (--dont-release-vrrp): a stopped master sends no priority-0 advert and leaves its VIP; the
# backup takes over only after Master_Down_Interval
scenario_dontrelease() {
    local real; real="$(bin_for h1)"
    local wrapper="$LAB_WORK/dont-release-$(name_for h1)"
    printf '#!/bin/sh\nexec %s -V "$@"\n' "$real" >"$wrapper"; chmod +x "$wrapper"
    if [ "$OURS_ON" = h1 ]; then OURS="$wrapper" start_host h1 150; else THEIRS="$wrapper" start_host h1 150; fi
    start_host h2 100
    wait_vip h1 present 15 || { fail "h1 never became master"; return; }
    sleep 1
    local pcap="$LAB_WORK/dontrelease-$OURS_ON.pcap"
    cap_start "$pcap" || { fail "capture did not start"; return; }
    local t0; t0="$(now)"
    stop_host h1 TERM
    wait_vip h2 present 8 || { fail "h2 did not take over within 8 s"; return; }
    local ms; ms="$(ms_between "$t0" "$(now)")"
    sleep 0.5; cap_stop
    has_vip h1 || { fail "h1 released its VIP despite -V"; return; }
    adverts "$pcap" "$(ip_of h1)" | grep -q "^0	" && { fail "h1 sent a priority-0 advert despite -V"; return; }
    [ "$ms" -ge 2500 ] || { fail "takeover after ${ms} ms: without priority 0 it must wait Master_Down_Interval"; return; }
    pass
}
