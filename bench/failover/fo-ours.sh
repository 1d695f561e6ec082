#!/usr/bin/env bash
# Run by hand as root: OURS=/path/keepalived-net N=6 bench/failover/fo-ours.sh
# keepalived-net pair only: failover.sh v2 SIGKILL, v3 0.1 s SIGKILL, v2 SIGTERM; then the
# failover summary and the takeover work each takeover logged (takeover-work.py)
set -uo pipefail
D=$(cd "$(dirname "$0")" && pwd)
L="${SHARED:-$D/../../../shared}/lab"
export LAB_PREFIX=kn-bench- LAB_WORK=${LAB_WORK:-/tmp/kn-bench}
OURS=${OURS:?OURS=path of a keepalived-net build (e.g. a composite ReadyToRun publish)}
N=${N:-5}
rm -rf "$LAB_WORK"
$L/lab.sh down >/dev/null 2>&1; $L/lab.sh up 2 >/dev/null
PEER1_BIN=$OURS PEER2_BIN=$OURS $L/failover.sh v2-kill-ours KILL $N >/dev/null 2>&1
PEER1_BIN=$OURS PEER2_BIN=$OURS VRRP_VERSION=3 ADVERT_INT=0.1 AUTH=NONE $L/failover.sh v3-kill-ours KILL $N >/dev/null 2>&1
PEER1_BIN=$OURS PEER2_BIN=$OURS $L/failover.sh v2-term-ours TERM $N >/dev/null 2>&1
$L/lab.sh down >/dev/null 2>&1
python3 $L/summarize.py $LAB_WORK/results/*.jsonl
python3 "$D/takeover-work.py" "$LAB_WORK"
