#!/usr/bin/env bash
# Run by hand as root (needs perf and tracefs): OURS=... N=3 bench/failover/fo-trace.sh,
# then: perf script -i /tmp/kn-tr/PAIR.data -F comm,tid,cpu,time,event,trace > /tmp/kn-tr/PAIR.txt
#       python3 bench/failover/takeover-trace.py /tmp/kn-tr/ka.txt /tmp/kn-tr/ours.txt
# fo-trace.sh: failover trials under perf (kernel tracepoints), keepalived pair and ours
set -uo pipefail
L="${SHARED:-$(cd "$(dirname "$0")/../../.." && pwd)/shared}/lab"
export LAB_PREFIX=kn-tr- LAB_WORK=/tmp/kn-tr
OURS=${OURS:?OURS=path of a keepalived-net build (e.g. a composite ReadyToRun publish)}
N=${N:-3}
rm -rf $LAB_WORK; mkdir -p $LAB_WORK
$L/lab.sh down >/dev/null 2>&1; $L/lab.sh up 2 >/dev/null
for pair in ${PAIRS:-ka ours}; do
  if [ $pair = ka ]; then B=keepalived; else B=$OURS; fi
  perf record -a -o /tmp/kn-tr/$pair.data -e timer:hrtimer_expire_entry -e syscalls:sys_exit_epoll_wait -e syscalls:sys_enter_epoll_wait \
     -e syscalls:sys_enter_sendmsg -e syscalls:sys_enter_sendto -e syscalls:sys_enter_timerfd_settime -e net:net_dev_xmit -e net:netif_receive_skb \
     -e sched:sched_wakeup -e sched:sched_switch -e syscalls:sys_enter_recvmsg -e syscalls:sys_exit_recvmsg -e syscalls:sys_enter_read -e syscalls:sys_exit_read >/tmp/kn-tr/$pair.perf.log 2>&1 &
  PP=$!; sleep 1
  PEER1_BIN=$B PEER2_BIN=$B VRRP_VERSION=${V:-3} ADVERT_INT=${AI:-0.1} AUTH=NONE $L/failover.sh tr-$pair KILL $N >/dev/null 2>&1
  kill -INT $PP; wait $PP
  $L/kal.sh stop h1 TERM >/dev/null 2>&1; $L/kal.sh stop h2 TERM >/dev/null 2>&1
done
$L/lab.sh down >/dev/null 2>&1
python3 $L/summarize.py $LAB_WORK/results/*.jsonl
