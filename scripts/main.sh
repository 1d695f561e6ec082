#!/usr/bin/env bash
# The main job: a two-node VRRP failover with keepalived-net on both nodes, in network
# namespaces (../shared/lab: a bridge and two hosts on 10.123.0.0/24; nothing touches the
# root namespace or the LAN). h1 (priority 150) becomes MASTER and holds the VIP, h2
# (priority 100) is BACKUP; h1 is then killed with SIGKILL, h2 takes over, and the takeover
# is timed from a packet capture. Finally h1 comes back and preempts, and both stop cleanly.
# Usage: sudo bash scripts/main.sh
source "$(dirname "$0")/common.sh"
apt_need iproute2 tcpdump tshark procps python3

LAB="$ROOT/../shared/lab"
[ -x "$LAB/lab.sh" ] || { echo "error: $LAB/lab.sh not found (../shared must be beside the repository)" >&2; exit 1; }
export LAB_PREFIX=kn-demo- LAB_WORK=/tmp/keepalived-net-demo LAB_NET=10.123.0
VIP=10.123.0.100/24

# its own directory: scripts/test.sh publishes a self-contained build into artifacts/keepalived-net,
# and the two kinds of publish must not mix in one directory
out="$ROOT/artifacts/keepalived-net-demo"
echo "== building keepalived-net"
rm -rf "$out"
dotnet publish Keepalived.Host -c Release -o "$out" -nologo -clp:ErrorsOnly >/dev/null
export KEEPALIVED_BIN="$out/keepalived-net"

cap_pid=""
cleanup() {
    [ -n "$cap_pid" ] && kill -INT "$cap_pid" 2>/dev/null || true
    "$LAB/kal.sh" stop h1 >/dev/null 2>&1 || true
    "$LAB/kal.sh" stop h2 >/dev/null 2>&1 || true
    "$LAB/lab.sh" down >/dev/null 2>&1 || true
}
trap cleanup EXIT

now() { date +%s.%N; }
ms_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.0f", (b - a) * 1000 }'; }
has_vip() { [ -n "$("$LAB/kal.sh" vip "$1")" ]; }
wait_vip() { # host present|absent seconds
    local end=$(( $(date +%s) + $3 ))
    while [ "$(date +%s)" -le "$end" ]; do
        if has_vip "$1"; then [ "$2" = present ] && return 0; else [ "$2" = absent ] && return 0; fi
        sleep 0.01
    done
    echo "timeout: VIP not $2 on $1" >&2; return 1
}
show() {
    for h in h1 h2; do
        if has_vip "$h"; then echo "   $h: MASTER, holds $VIP"; else echo "   $h: no VIP"; fi
    done
}

echo "== lab: bridge + h1 (10.123.0.11) + h2 (10.123.0.12) in namespaces ${LAB_PREFIX}*"
"$LAB/lab.sh" down >/dev/null 2>&1 || true
rm -rf "$LAB_WORK"
"$LAB/lab.sh" up 2 >/dev/null
"$LAB/kal.sh" conf h1 150 >/dev/null
"$LAB/kal.sh" conf h2 100 >/dev/null
echo "== starting keepalived-net on h1 (priority 150) and h2 (priority 100), VRRPv2, advert_int 1"
t0="$(now)"
"$LAB/kal.sh" start h1
"$LAB/kal.sh" start h2
wait_vip h1 present 20
echo "== h1 became MASTER $(ms_since "$t0") ms after start (3 adverts + skew of silence first)"
show

sleep 2
pcap="$LAB_WORK/failover.pcap"
mkdir -p "$LAB_WORK"
"$LAB/lab.sh" capture "$pcap" >"$pcap.log" 2>&1 & cap_pid=$!
for _ in $(seq 1 100); do grep -q "listening on" "$pcap.log" 2>/dev/null && break; sleep 0.05; done
sleep 1.5
read -r ppid vpid < <("$LAB/kal.sh" pids h1)
"$LAB/lab.sh" owns h1 "$ppid" >/dev/null
echo "== SIGKILL to h1's keepalived-net (pid $ppid): no goodbye, h2 must notice the silence"
t_kill="$(now)"
kill -KILL "$ppid"
wait_vip h2 present 20
echo "== h2 holds the VIP $(ms_since "$t_kill") ms after the kill (polled with ip addr)"
sleep 1
kill -INT "$cap_pid"; wait "$cap_pid" 2>/dev/null || true; cap_pid=""
h2mac="$(ip -n "$("$LAB/lab.sh" ns h2)" -o link show eth0 | sed -E 's/.*link\/ether ([0-9a-f:]+).*/\1/')"
python3 "$LAB/analyze.py" "$pcap" 10.123.0.11 10.123.0.12 "$h2mac" "$VIP" "$t_kill" demo | python3 -c '
import json, sys
r = json.loads(sys.stdin.read())
print("   from the capture: last advert of h1 -> first advert of h2: %s ms" % r.get("ms_last_old_to_first_new_adv"))
print("                     (RFC 3768: 3 x 1 s + skew (256-100)/256 s = 3609.4 ms)")
print("                     kill -> first advert of h2: %s ms, kill -> first gratuitous ARP: %s ms" %
      (r.get("ms_action_to_first_new_adv"), r.get("ms_action_to_first_new_garp")))'
"$LAB/lab.sh" exec h1 ip addr del "$VIP" dev eth0 2>/dev/null || true   # SIGKILL left it behind
rm -f "$LAB_WORK/run/h1/"*.pid
show

echo "== h1 starts again: it preempts h2 (priority 150 > 100)"
"$LAB/kal.sh" start h1 >/dev/null
t_start="$(now)"
wait_vip h1 present 20
wait_vip h2 absent 20
echo "== h1 is MASTER again $(ms_since "$t_start") ms after its start"
show

echo "== SIGTERM to both: priority-0 goodbye, VIPs removed"
"$LAB/kal.sh" stop h1
"$LAB/kal.sh" stop h2
show
echo "== h2's log (keepalived-net):"
grep -E "Entering|Received|Stopped|priority" "$LAB_WORK/run/h2/keepalived.log" | tail -12 | sed 's/^/   /'
echo "== done"
