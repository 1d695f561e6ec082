#!/usr/bin/env bash
# Run by hand as root, after ../shared/scale/netns.sh up: BIN=/path/keepalived-net N=5 bench/failover/term-prio0.sh
# SIGTERM to the priority-0 advert on the wire, one address-owner instance (../shared/scale's
# namespaces: the daemon in ksc-node, tcpdump in ksc-lan on kl0)
set -uo pipefail
BIN=${BIN:?BIN=path of keepalived-net (or keepalived)}
W=$(mktemp -d)
C=$W/owner.conf
python3 "${SHARED:-$(cd "$(dirname "$0")/../../.." && pwd)/shared}/scale/gen_vrrp.py" 1 --prio 255 >"$C"
for r in $(seq "${N:-5}"); do
  ip netns exec ksc-lan tcpdump -i kl0 -nn -s 128 -U --immediate-mode --time-stamp-precision=nano -w "$W/t.pcap" 'ip proto 112' 2>"$W/t.err" &
  CAP=$!
  for _ in $(seq 100); do grep -q listening "$W/t.err" && break; sleep 0.05; done
  ip netns exec ksc-node "$BIN" -P -n -l -D -G -f "$C" -p "$W/p1" -r "$W/p2" -c "$W/p3" >"$W/d.log" 2>&1 &
  P=$!
  sleep "${WAIT:-3}"
  T=$(python3 -c "import os,time; t=time.time_ns(); os.kill($P,15); print('%d.%09d'%divmod(t,10**9))")
  wait $P
  sleep 0.3; kill $CAP; wait $CAP 2>/dev/null
  tcpdump -nn -tt --time-stamp-precision=nano -r "$W/t.pcap" 2>/dev/null | awk -v t="$T" '/prio 0/ {printf "SIGTERM -> priority-0 advert %.3f ms\n", ($1-t)*1000; exit}'
done
rm -rf "$W"
