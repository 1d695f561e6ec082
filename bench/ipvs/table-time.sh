#!/usr/bin/env bash
# table-time.sh [BINARY|keepalived] [RUNS] [VS] [RS]
#
# Time from exec until the kernel IPVS table is complete, for the config of
# ../shared/scale/gen_lvs.py --vs VS --rs RS (default 2000 / 40000), inside the ipvs VM (QEMU,
# software emulation: absolute figures are those of the VM, ~10x slower than the host).
# delay_loop is raised to 3600 s and every 10.125.x.y:8080 (the real servers) answers (one
# listener on 0.0.0.0:8080, 10.125.0.0/16 local on lo), so checks neither remove anything nor
# compete for the CPU in the measured window. RUNS (default 3) runs, one VM boot each; median.
# "Complete" = the last real server of the last virtual server is in the kernel (keepalived adds
# in configuration order), confirmed afterwards by the full count. Also times the SIGTERM cleanup.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BIN=${1:-keepalived} RUNS=${2:-3} NVS=${3:-2000} NRS=${4:-40000}
bash "$ROOT/tests/ipvs/prepare.sh"
export IPVSVM_DIR=${IPVSCMP_DIR:-/var/cache/ipvs-compare}
OUT="$ROOT/artifacts/bench-ipvs"; rm -rf "$OUT"; mkdir -p "$OUT"
python3 "$ROOT/../shared/scale/gen_lvs.py" --vs "$NVS" --rs "$NRS" | sed 's/delay_loop 6/delay_loop 3600/' > "$OUT/lvs.conf"
# the last virtual server and its last real server, as gen_lvs.py numbers them
last_vs=$(grep '^virtual_server' "$OUT/lvs.conf" | tail -1 | awk '{print $2":"$3}')
last_rs=$(grep 'real_server' "$OUT/lvs.conf" | tail -1 | awk '{print $2":"$3}')
first_vs=$(awk '/^virtual_server/ { print $2":"$3; exit }' "$OUT/lvs.conf")
VMARGS=(-r -c 2 -m 3072 -t 1500 -e "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1")
if [ "$BIN" = keepalived ]; then
    DAEMON=/usr/sbin/keepalived
else
    BIN=$(realpath "$BIN"); DAEMON=/opt/ours/$(basename "$BIN")
    VMARGS+=(-v "$(dirname "$BIN"):/opt/ours:ro")
fi
cat > "$OUT/guest.sh" <<GUEST
set -eu
ip addr add 10.125.0.1/16 dev lo
python3 -c '
import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", 8080)); s.listen(4096)
while True: s.accept()[0].close()' &
up() { cut -d' ' -f1 /proc/uptime; }
for r in \$RUN; do
    ipvsadm -C; rm -f /tmp/*.pid
    t0=\$(up)
    $DAEMON -n -l -C -f $OUT/lvs.conf -p /tmp/d.pid -c /tmp/c.pid -r /tmp/v.pid > $OUT/daemon-\$r.log 2>&1 &
    pid=\$!
    # first: the first service exists (the config has been read, twice: parent and checker)
    until ipvsadm -Ln -t $first_vs >/dev/null 2>&1; do sleep 0.05; done
    tf=\$(up)
    # (at most 10 min: a failed check may have removed that very real server)
    n=0; until ipvsadm -Ln -t $last_vs 2>/dev/null | grep -q " $last_rs " || [ \$n -ge 12000 ]; do sleep 0.05; n=\$((n + 1)); done
    # keepalived adds in configuration order; a daemon that does not is complete only at the full
    # count, less the real servers failed checks removed (at most 5 min more)
    gone() { grep -c "Removing service" $OUT/daemon-\$r.log || true; }
    n=0; until [ "\$(ipvsadm -Sn | wc -l)" -ge \$(( $((NVS + NRS)) - \$(gone) )) ] || [ \$n -ge 600 ]; do sleep 0.5; n=\$((n + 1)); done
    t1=\$(up)
    rows=\$(ipvsadm -Sn | wc -l)
    # the stop is timed in the steady state: 30 s more, for ours to make its actor tree (in
    # keepalived's order, after the table) and for both to have begun their checks
    sleep 30
    t2=\$(up)
    kill -TERM \$pid; wait \$pid || true
    t3=\$(up)
    left=\$(ipvsadm -Sn | wc -l)
    # real servers a failed check removed meanwhile (a loaded host starves the guest: checks time out)
    removed=\$(gone)
    awk -v x=\$removed -v r=\$r -v a=\$t0 -v b=\$t1 -v c=\$t2 -v d=\$t3 -v n=\$rows -v l=\$left -v f=\$tf \
        'BEGIN { printf "run %d: complete %.2f s (%d rows), SIGTERM to exit %.2f s (%d rows left), first service at %.2f s, %d removed by failed checks\n", r, b-a, n, d-c, l, f-a, x }'
done
GUEST
cd "$ROOT"
# one VM boot per run: a flushed table's destinations stay in the kernel's dest trash (expired
# after about two minutes) and NEW_DEST searches that list linearly, so a second run in the same
# kernel measured 97 s instead of 40 s — each run gets a fresh kernel
: > "$OUT/result.txt"
for r in $(seq 1 "$RUNS"); do
    "$ROOT/../shared/ipvs-vm/ipvs-vm.sh" "${VMARGS[@]}" -e "RUN=$r" bash "$OUT/guest.sh" | tee -a "$OUT/result.txt"
done
# median of the runs (field 4: seconds to complete, field 11: SIGTERM to exit)
median() { awk '/^run/ { print $'"$1"' }' "$OUT/result.txt" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "median of $(grep -c '^run' "$OUT/result.txt") runs: complete $(median 4) s, SIGTERM cleanup $(median 11) s"
