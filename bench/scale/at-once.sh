#!/usr/bin/env bash
# Run by hand as root: bench/scale/at-once.sh WINDOWS SECS NAME=BIN [NAME=BIN ...]
# Every daemon at once, each with the same 1,000 masters in a namespace pair of its own
# (ksc-cpuN-n / ksc-cpuN-l, made and removed here), and the CPU of each read from
# /proc/PID/stat over the same windows, so that all of them see the same load: on a shared
# machine, one daemon after another (side-by-side.sh) lets load swings decide a comparison of a
# few tenths of a percent. The windows start 25 s after the daemons. JIT=SECS also captures the
# adverts of each and prints their interval statistics; PERF=1 records 30 s of all of them.
# Example: bench/scale/at-once.sh 6 30 keepalived=/usr/sbin/keepalived ours=/path/keepalived-net
set -u
WINDOWS=$1 SECS=$2; shift 2
S="${SHARED:-$(cd "$(dirname "$0")/../../.." && pwd)/shared}/scale"
W=/tmp/at-once; mkdir -p $W
[ -f $W/vrrp1000.conf ] || python3 $S/gen_vrrp.py 1000 > $W/vrrp1000.conf
i=0; names=(); pids=(); caps=()
cleanup() {
  for p in "${pids[@]}"; do kill -TERM $p 2>/dev/null; done
  sleep 3
  for p in "${pids[@]}"; do kill -0 $p 2>/dev/null && kill -KILL $p; done
  for ((j = 0; j < i; j++)); do (cd $S && NS_NODE=ksc-cpu$j-n NS_LAN=ksc-cpu$j-l KSC_DIR=$W/k$j ./netns.sh down); done
}
trap cleanup EXIT
for pair in "$@"; do
  name=${pair%%=*} bin=${pair#*=}
  (cd $S && NS_NODE=ksc-cpu$i-n NS_LAN=ksc-cpu$i-l KSC_DIR=$W/k$i ./netns.sh up)
  ip netns exec ksc-cpu$i-n env DOTNET_PerfMapEnabled=${PERF:-0} DOTNET_EnableWriteXorExecute=0 $bin -P -n -l -D -G -f $W/vrrp1000.conf -p $W/$name.main.pid -r $W/$name.vrrp.pid -c $W/$name.check.pid > $W/$name.log 2>&1 &
  pids+=($!); names+=($name); i=$((i + 1))
done
sleep 25
vp=()
for ((j = 0; j < i; j++)); do
  n=${names[$j]}
  if [ -s $W/$n.vrrp.pid ]; then vp+=($(cat $W/$n.vrrp.pid)); else vp+=(${pids[$j]}); fi
done
python3 - $WINDOWS $SECS "${names[*]}" "${vp[*]}" <<'PY'
import sys, os, time
win, secs = int(sys.argv[1]), float(sys.argv[2]); names = sys.argv[3].split(); pids = list(map(int, sys.argv[4].split()))
hz = os.sysconf("SC_CLK_TCK")
def cpu(p):
    f = open(f"/proc/{p}/stat").read(); f = f[f.rfind(")") + 2:].split(); return int(f[11]) + int(f[12])
def busy():
    v = list(map(int, open("/proc/stat").readline().split()[1:])); return sum(v[:8]), v[3] + v[4]
print("window " + " ".join(f"{n:>10}" for n in names) + "  machine-busy%")
for w in range(win):
    c0 = [cpu(p) for p in pids]; b0 = busy(); t0 = time.monotonic()
    time.sleep(secs)
    c1 = [cpu(p) for p in pids]; b1 = busy(); el = time.monotonic() - t0
    pct = [(b - a) / hz / el * 100 for a, b in zip(c0, c1)]
    tot, idle = b1[0] - b0[0], b1[1] - b0[1]
    print(f"{w:6} " + " ".join(f"{x:10.3f}" for x in pct) + f"  {100 * (tot - idle) / tot:6.1f}", flush=True)
PY
if [ "${PERF:-0}" = 1 ]; then
  perf record -F 2000 -g -p $(IFS=,; echo "${vp[*]}") -o $W/perf.data -- sleep 30 >/dev/null 2>&1
  perf script -i $W/perf.data 2>/dev/null > $W/perf.txt
  for ((j = 0; j < i; j++)); do echo "${names[$j]} pid ${vp[$j]}"; done > $W/pids.txt
fi
if [ "${JIT:-0}" -gt 0 ]; then
  for ((j = 0; j < i; j++)); do
    ip netns exec ksc-cpu$j-l tcpdump -i any -nn -s 128 -U --immediate-mode -B 32768 --time-stamp-precision=nano -w $W/${names[$j]}.pcap 'ip proto 112' 2>/dev/null &
    caps+=($!)
  done
  sleep $JIT; kill -INT "${caps[@]}"; wait "${caps[@]}" 2>/dev/null
  for ((j = 0; j < i; j++)); do
    python3 $S/jitter.py $W/${names[$j]}.pcap --expect 1000 --label ${names[$j]} | python3 -c "import json,sys; d=json.load(sys.stdin); print(d['label'], 'adverts', d['adverts'], 'keys', d['keys'], 'dev p50/p99/p999/max ms', d['dev_ms_p50'], d['dev_ms_p99'], d['dev_ms_p999'], d['dev_ms_max'], 'burst width p50', d.get('burst_width_ms_p50'))"
  done
fi
for ((j = 0; j < i; j++)); do grep -c "Entering MASTER" $W/${names[$j]}.log | sed "s/^/${names[$j]} masters: /"; done
