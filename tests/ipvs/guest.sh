#!/bin/bash
# guest.sh - runs inside the IPVS VM (Debian rootfs): every scenario with each daemon in turn.
# Usage: guest.sh RESULTS_DIR LABEL=DAEMON [LABEL=DAEMON...]
#   writes RESULTS_DIR/LABEL/SCENARIO.txt (the samples) and RESULTS_DIR/LABEL/logs/
#   SCENARIOS (env, space-separated) limits the run to those scenarios.
set -euo pipefail
SRC=$(cd "$(dirname "$0")" && pwd)
RESULTS=$1; shift
W=/tmp/ipvs
SDIR=$W/scenarios

# a private copy on the guest's tmpfs: scripts run from there (fixed paths in the configs)
rm -rf "$W"; mkdir -p "$W"
cp -r "$SRC/bin" "$SRC/scenarios" "$SRC/lib.sh" "$W/"
# every 10.201.x.y is a local address (the real servers listen on 10.201.0.x)
ip addr add 10.201.0.1/16 dev lo
# the real servers: one process for the whole run, listeners opened/closed on command
mkdir -p "$W/rsd"; mkfifo "$W/rsd/ctl"
python3 "$W/bin/rsd.py" "$W/rsd/ctl" "$W/rsd/ack" "$W/state" 2>>"$W/rsd/rsd.log" &
RSD_PID=$!
trap 'kill $RSD_PID 2>/dev/null || true' EXIT
echo "boot killall" > "$W/rsd/ctl"
for _ in $(seq 1 300); do [ "$(cat "$W/rsd/ack" 2>/dev/null)" = boot ] && break; sleep 0.1; done
: "${SCENARIOS:=$(cd "$SDIR" && ls ./*.sh | sed 's|^\./||; s|\.sh$||' | sort | tr '\n' ' ')}"

# kill whatever a scenario left behind: the daemon (and its children) and the real servers
cleanup_scenario() {
    local f pid
    for f in "$W"/run/daemon.pid "$W"/run/checkers.pid "$W"/run/vrrp.pid; do
        [ -f "$f" ] || continue
        pid=$(cat "$f" 2>/dev/null || true)
        [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null || true
    done
    echo "cleanup killall" > "$W/rsd/ctl"
    ipvsadm -C
}

for spec in "$@"; do
    label=${spec%%=*} daemon=${spec#*=}
    mkdir -p "$RESULTS/$label/logs"
    for s in $SCENARIOS; do
        # a scenario ours cannot run yet (tests/ipvs/pending-ours/) is not run for it
        if [ "$label" = ours ] && [ -f "$SRC/pending-ours/$s" ]; then echo "skipped $label $s (pending)"; continue; fi
        rm -rf "$W/run" "$W/state" "$W/out"; mkdir -p "$W/run" "$W/state" "$W/out"
        ipvsadm -C
        : > "$RESULTS/$label/$s.txt"
        t0=$(cut -d' ' -f1 /proc/uptime)
        # the scenario runs in a subshell with the step library; its failure is recorded, not fatal
        rc=0
        ( set -euo pipefail
          DAEMON=$daemon LABEL=$label SCENARIO=$s RESULT=$RESULTS/$label/$s.txt
          source "$W/lib.sh"
          source "$SDIR/$s.sh"
          [ -z "$DPID" ] || stop
          rs_kill_all ) || rc=$?
        [ $rc = 0 ] || echo "!! scenario script failed with status $rc" >> "$RESULTS/$label/$s.txt"
        cleanup_scenario
        for f in "$W"/out/*.log; do [ -f "$f" ] && cp "$f" "$RESULTS/$label/logs/$s.${f##*/}"; done
        echo "ran $label $s ($(awk -v a="$t0" -v b="$(cut -d' ' -f1 /proc/uptime)" 'BEGIN{printf "%.1f", b-a}') s)"
    done
done
