#!/usr/bin/env bash
# Run by hand as root: OURS=/path/keepalived-net N=5 bench/failover/fo-bench.sh (results in docs/benchmarks.md)
# failover benchmark: keepalived pair vs keepalived-net pair, same lab, interleaved scenarios
set -uo pipefail
L="${SHARED:-$(cd "$(dirname "$0")/../../.." && pwd)/shared}/lab"
export LAB_PREFIX=kn-bench- LAB_WORK=${LAB_WORK:-/tmp/kn-bench}
OURS=${OURS:?OURS=path of a keepalived-net build (e.g. a composite ReadyToRun publish)}
N=${N:-5}
$L/lab.sh down >/dev/null 2>&1; $L/lab.sh up 2 >/dev/null
for round in 1; do
  for pair in ka ours; do
    if [ $pair = ka ]; then B1=keepalived; B2=keepalived; else B1=$OURS; B2=$OURS; fi
    PEER1_BIN=$B1 PEER2_BIN=$B2 $L/failover.sh v2-kill-$pair KILL $N >/dev/null 2>&1
    PEER1_BIN=$B1 PEER2_BIN=$B2 VRRP_VERSION=3 ADVERT_INT=0.1 AUTH=NONE $L/failover.sh v3-kill-$pair KILL $N >/dev/null 2>&1
    PEER1_BIN=$B1 PEER2_BIN=$B2 $L/failover.sh v2-term-$pair TERM $N >/dev/null 2>&1
  done
done
$L/lab.sh down >/dev/null 2>&1
python3 $L/summarize.py $LAB_WORK/results/*.jsonl
