#!/usr/bin/env bash
# The main job. Today (before VRRP lands) it builds keepalived-net, starts the service -- the
# actor system with its /user/watchdog supervisor -- lets it run for a few seconds, then sends
# SIGTERM and shows the clean, children-first shutdown. Once VRRP exists this becomes the
# two-node failover demo in network namespaces.
# Usage: sudo bash scripts/main.sh
source "$(dirname "$0")/common.sh"
apt_need procps

out="$ROOT/artifacts/keepalived-net"
dotnet publish Keepalived.Host -c Release -o "$out" -nologo -clp:ErrorsOnly >/dev/null
echo "== starting $out/keepalived-net -n -l -D -f conf/keepalived.conf"
"$out/keepalived-net" -n -l -D -f "$ROOT/conf/keepalived.conf" &
pid=$!
sleep 3
echo "== sending SIGTERM to $pid"
kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
echo "== keepalived-net exited with status $rc"
exit "$rc"
