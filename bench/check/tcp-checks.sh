#!/usr/bin/env bash
# tcp-checks.sh [BINARY|keepalived] [SECONDS] [VS] [RS_PER_VS]
#
# Issue 16's benchmark (a): VS × RS_PER_VS TCP_CHECKs at delay_loop 1 (default 100 × 100 =
# 10,000 checks a second) against one listener, inside the ipvs VM (QEMU, software emulation:
# CPU figures are the VM's, ~10× the host's; compare the two daemons, run in the same VM boot).
# Each daemon runs for SECONDS (default 70); after a 30 s warm-up (start-up in the VM, the
# first checks spread over 1 s + warmup) it reports:
#   cpu%     its processes' utime+stime over the window, in % of one CPU
#   rss      its processes' VmRSS at the end (keepalived: parent + checker)
#   accepts  connections the listener accepted in the window, per second (checks done)
#   spread   the largest number of accepts in one second over the mean (checks spread over the interval)
# Results in artifacts/bench-check/result.txt; run by hand, figures in docs/benchmarks.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BIN=${1:-keepalived} SECS=${2:-70} NVS=${3:-100} NRS=${4:-100}
bash "$ROOT/tests/ipvs/prepare.sh"
export IPVSVM_DIR=${IPVSCMP_DIR:-/var/cache/ipvs-compare}
OUT="$ROOT/artifacts/bench-check"; rm -rf "$OUT"; mkdir -p "$OUT"

# 10.203.V.1:80 virtual servers, real servers 127.1.X.Y:8080 (all on lo, one listener on :8080)
{
    for v in $(seq 1 "$NVS"); do
        echo "virtual_server 10.203.$((v / 250)).$((v % 250 + 1)) 80 {"
        echo "    delay_loop 1"
        echo "    lb_algo rr"
        echo "    lb_kind NAT"
        echo "    protocol TCP"
        for r in $(seq 1 "$NRS"); do
            echo "    real_server 127.1.$((r / 250)).$((r % 250 + 1)) 8080 {"
            echo "        TCP_CHECK { connect_timeout 3 }"
            echo "    }"
        done
        echo "}"
    done
} > "$OUT/checks.conf"

source "$ROOT/bench/vm-daemons.sh"
vm_daemons 1500 "$BIN"

cat > "$OUT/guest.sh" <<GUEST
set -eu
# the listener counts accepts per second into a file
python3 -c '
import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", 8080)); s.listen(4096)
n = 0; t = int(time.monotonic())
f = open("$OUT/accepts.log", "a", buffering=1)
while True:
    s.accept()[0].close(); n += 1
    now = int(time.monotonic())
    if now != t:
        f.write("%d %d\n" % (t, n)); n = 0; t = now' &
ticks() { awk '{ s += \$14 + \$15 } END { print s }' \$(for p in \$(pidof \$1); do echo /proc/\$p/stat; done); }
rss() { awk '/VmRSS/ { s += \$2 } END { print s }' \$(for p in \$(pidof \$1); do echo /proc/\$p/status; done); }
for spec in $DAEMONS; do
    name=\${spec%%=*} bin=\${spec#*=} exe=\$(basename \${spec#*=})
    ipvsadm -C; rm -f /tmp/*.pid
    \$bin -n -l -C -f $OUT/checks.conf -p /tmp/d.pid -c /tmp/c.pid -r /tmp/v.pid > $OUT/\$name.log 2>&1 &
    pid=\$!
    sleep 30
    : > $OUT/accepts.log
    t0=\$(cut -d' ' -f1 /proc/uptime); c0=\$(ticks \$exe)
    sleep $((SECS - 30))
    t1=\$(cut -d' ' -f1 /proc/uptime); c1=\$(ticks \$exe); r=\$(rss \$exe)
    kill -TERM \$pid; wait \$pid || true
    # real servers taken out by a failed check (a check that timed out on a starved daemon or listener)
    removed=\$(grep -c "Removing service" $OUT/\$name.log || true)
    awk -v x=\$removed -v n=\$name -v a=\$t0 -v b=\$t1 -v c0=\$c0 -v c1=\$c1 -v hz=\$(getconf CLK_TCK) -v r=\$r '
        NR > 1 { sum += \$2; cnt++; if (\$2 > max) max = \$2 }
        END { mean = cnt ? sum / cnt : 0
              printf "%s: cpu %.1f%% of one CPU, rss %.1f MB, accepts %.0f/s, busiest second %.2f x mean, %d removed\n",
                     n, 100 * (c1 - c0) / hz / (b - a), r / 1024, mean, mean ? max / mean : 0, x }' $OUT/accepts.log
done
GUEST
cd "$ROOT"
"$ROOT/../shared/ipvs-vm/ipvs-vm.sh" "${VMARGS[@]}" bash "$OUT/guest.sh" | tee "$OUT/result.txt"
