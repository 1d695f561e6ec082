# use_vmac interop scenarios (sourced by interop.sh): both peers run their VRRP instance with
# use_vmac (VMAC vrrp.51, MAC 00:00:5e:00:01:33). The capture is read with tcpdump -e.

VMAC_MAC=00:00:5e:00:01:33

# frames FILE: "source-MAC kind sender-IP" per VRRP advert ("vrrp IP") and gratuitous ARP ("garp VIP")
frames() {
    tcpdump -e -nn -r "$1" 2>/dev/null | awk '
        / VRRPv/ { for (i = 1; i <= NF; i++) if ($i == ">" && $(i+1) ~ /^224\./) { print $2, "vrrp", $(i-1) } }
        /ARP.*who-has/ {
            ip = ""; tell = ""
            for (i = 1; i < NF; i++) { if ($i == "who-has") ip = $(i+1); if ($i == "tell") { tell = $(i+1); sub(/,$/, "", tell) } }
            if (ip != "" && ip == tell) print $2, "garp", ip
        }'
}

# vmac_scenario XMIT_BASE(0|1): the master's VIP is on vrrp.51; its adverts leave from the
# virtual MAC (from eth0's own with vmac_xmit_base) and its GARPs from the virtual MAC; SIGKILL
# of the master moves the VIP to the peer's VMAC; a restarted keepalived-net takes the VMAC its
# killed run left; SIGTERM deletes the VMAC
vmac_scenario() {
    local xmit_base="$1" VIP_DEV=vrrp.51
    local edit='/virtual_router_id/a\    use_vmac'
    [ "$xmit_base" = 1 ] && edit+='\n    vmac_xmit_base'
    local -x CONF_EDIT="$edit"
    local other=h2; [ "$OURS_ON" = h2 ] && other=h1
    local pcap="$LAB_WORK/vmac$xmit_base-$OURS_ON.pcap" before; before="$(vmac_sysctls "$OURS_ON")"
    cap_start "$pcap" || { fail "capture did not start"; return; }
    start_host h1 150; start_host h2 100
    wait_vip h1 present 15 || { cap_stop; fail "h1 (priority 150) never got the VIP on $VIP_DEV"; return; }
    sleep 2.5
    has_vip h2 && { cap_stop; fail "VIP on both hosts"; return; }
    "$LABSH" exec h1 ip -o addr show dev eth0 | grep -q " ${VIP%/*}/" && { cap_stop; fail "the VIP is on eth0 too"; return; }
    local mac; mac="$("$LABSH" exec h1 ip -o link show dev vrrp.51 | grep -o 'link/ether [0-9a-f:]*' | cut -d' ' -f2)"
    [ "$mac" = "$VMAC_MAC" ] || { cap_stop; fail "vrrp.51 on h1 has MAC '$mac'"; return; }
    local settings; settings="$(vmac_sysctls "$OURS_ON")"
    [ "$settings" = "1 1 0 1 1" ] || { cap_stop; fail "keepalived-net's sysctls (vrrp.51 arp_ignore accept_local rp_filter, eth0 arp_ignore arp_filter): $settings, not 1 1 0 1 1"; return; }
    stop_host h1 KILL
    wait_vip h2 present 8 || { cap_stop; fail "h2 did not take over the VIP on its VMAC"; return; }
    sleep 1.5; cap_stop
    local seen; seen="$(frames "$pcap" | sort | uniq -c)"
    local advert_mac="$VMAC_MAC" h
    for h in h1 h2; do
        [ "$xmit_base" = 1 ] && advert_mac="$("$LABSH" exec "$h" cat /sys/class/net/eth0/address)"
        grep -q " $advert_mac vrrp $(ip_of "$h")$" <<<"$seen" || { fail "no advert from $h with source MAC $advert_mac: $(tr '\n' ';' <<<"$seen")"; return; }
        grep -v " $advert_mac vrrp " <<<"$seen" | grep -q " vrrp $(ip_of "$h")$" && { fail "adverts from $h with another source MAC: $(tr '\n' ';' <<<"$seen")"; return; }
    done
    grep -q " $VMAC_MAC garp ${VIP%/*}$" <<<"$seen" || { fail "no gratuitous ARP from $VMAC_MAC: $(tr '\n' ';' <<<"$seen")"; return; }
    grep -v " $VMAC_MAC garp " <<<"$seen" | grep -q " garp " && { fail "gratuitous ARP from another MAC: $(tr '\n' ';' <<<"$seen")"; return; }
    # the killed master left its VMAC (and VIP) behind; restarted as backup it takes the VMAC over and clears the VIP
    "$LABSH" exec h1 ip link show vrrp.51 >/dev/null 2>&1 || { fail "SIGKILL did not leave vrrp.51 on h1 (nothing to test)"; return; }
    start_host h1 50
    wait_vip h1 absent 5 || { fail "the restarted h1 (backup) kept the stale VIP on vrrp.51"; return; }
    [ "$OURS_ON" = h1 ] && ! grep -q "Found matching interface vrrp.51" "$LAB_WORK/run/h1/keepalived.log" &&
        { fail "keepalived-net did not reuse the VMAC its killed run left"; return; }
    has_vip h2 || { fail "the master lost the VIP"; return; }
    stop_host "$OURS_ON" TERM
    "$LABSH" exec "$OURS_ON" ip link show vrrp.51 >/dev/null 2>&1 && { fail "keepalived-net left vrrp.51 behind after SIGTERM"; return; }
    # eth0's ARP settings are put back by the run that changed them (on h1 that run was killed)
    [ "$OURS_ON" = h2 ] && [ "$(vmac_sysctls h2)" != "$before" ] && { fail "eth0's arp_ignore / arp_filter not put back: $(vmac_sysctls h2), $before before"; return; }
    pass
}

# vmac_sysctls HOST: vrrp.51's arp_ignore accept_local rp_filter, then eth0's arp_ignore arp_filter ("-": no such file)
vmac_sysctls() {
    local f out=()
    for f in vrrp.51/arp_ignore vrrp.51/accept_local vrrp.51/rp_filter eth0/arp_ignore eth0/arp_filter; do
        out+=("$("$LABSH" exec "$1" cat "/proc/sys/net/ipv4/conf/$f" 2>/dev/null || echo -)")
    done
    echo "${out[*]}"
}

scenario_vmac() { vmac_scenario 0; vmac_cleanup; }
scenario_vmacxmitbase() { vmac_scenario 1; vmac_cleanup; }

vmac_cleanup() {
    stop_all
    local h; for h in h1 h2; do "$LABSH" exec "$h" ip link del vrrp.51 >/dev/null 2>&1 || true; done
}
