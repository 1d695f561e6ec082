#!/usr/bin/env bash
# fo-mixed.sh: SIGTERM failover with one keepalived and one keepalived-net host, both ways.
# Run by hand as root: OURS=/path/keepalived-net bench/failover/fo-mixed.sh
set -uo pipefail
L="${SHARED:-$(cd "$(dirname "$0")/../../.." && pwd)/shared}/lab"
export LAB_PREFIX=kn-mx- LAB_WORK=/tmp/kn-mx
OURS=${OURS:?OURS=path of a keepalived-net build (e.g. a composite ReadyToRun publish)}
rm -rf $LAB_WORK/results
$L/lab.sh down >/dev/null 2>&1; $L/lab.sh up 2 >/dev/null
PEER1_BIN=keepalived PEER2_BIN=$OURS $L/failover.sh term-ka-ours TERM 5 >/dev/null 2>&1
PEER1_BIN=$OURS PEER2_BIN=keepalived $L/failover.sh term-ours-ka TERM 5 >/dev/null 2>&1
$L/lab.sh down >/dev/null 2>&1
python3 $L/summarize.py $LAB_WORK/results/*.jsonl
