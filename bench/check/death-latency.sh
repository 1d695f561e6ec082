#!/usr/bin/env bash
# death-latency.sh [BINARY|keepalived] [ROUNDS]
#
# Issue 16's benchmark (c): a real server dies -> how long until its IPVS destination is gone,
# against keepalived's own rule, inside the ipvs VM (QEMU, software emulation: ~10x slower than
# the host). With a BINARY, keepalived 2.2.7 and it run in the same VM boot, one after the other.
# Run by hand, not a CI test; figures in docs/benchmarks.md.
#
# One NAT virtual server 10.203.0.1:80 with three real servers on lo: 10.126.0.1:8081 (always
# up), 10.126.0.10:8080 (TCP_CHECK) and 10.126.0.11:8080 (HTTP_GET), both measured ones with
# delay_loop DL=2, connect_timeout CT=2, retry RETRY=2, delay_before_retry DBR=1 (env overrides).
# The measured listeners belong to one python rig, which kills and revives them:
#   refused  the listening socket is closed: every SYN is answered by a RST at once
#   silent   the listener stops accepting, its backlog is set to 1 (listen() again) and its
#            accept queue filled with connections from the guest until one more connect times
#            out: the kernel then drops every SYN (LISTENOVERFLOWS), no iptables needed
# Timestamps (CLOCK_MONOTONIC): an AF_PACKET sniffer on lo stamps (kernel SO_TIMESTAMPNS) every
# SYN (no ACK) to the measured server; a new source port is a new check attempt, the same port
# again a kernel retransmit. A poller reads /proc/net/ip_vs every ~5 ms; the removal time is the
# middle of the last read that had the destination and the first that had not (± half of that).
#   latency = removal - first SYN of the first check that started after the death
#
# keepalived 2.2.7's rule (check_tcp.c tcp_epilog; check_http.c epilog, same count):
#   the first failing run has retry_it = 0 (a success resets it: "if (is_success ||
#   checker->retry_it >= checker->retry) { delay = delay_loop; retry_it = 0; ...}"); a failure
#   with retry_it < retry schedules the next run after delay_before_retry ("else { delay =
#   checker->delay_before_retry; ++checker->retry_it; }"); the failure with retry_it == retry
#   calls update_svr_checker_state(DOWN), which deletes the destination at once (ipwrapper.c).
#   (HTTP: "retry_it++" then "retry_it > retry" -> DOWN, the same retry + 1 runs.)
#   So retry + 1 failing runs, retry gaps of delay_before_retry between them:
#     latency = (retry + 1) x F + retry x delay_before_retry
#   F = how long one failing run lasts: refused ~0 (layer4.c socket_state: SO_ERROR
#   ECONNREFUSED -> connect_fail at the first write event), silent = connect_timeout (the
#   THREAD_WRITE_TIMEOUT of tcp_connection_state(..., co->connection_to) -> connect_timeout).
#     refused: RETRY x DBR                      (2 x 1     = 2 s with the defaults)
#     silent:  (RETRY + 1) x CT + RETRY x DBR   (3 x 2 + 2 = 8 s)
#   The issue's "connect_timeout + retries x delay_before_retry" is this with one timed-out run.
# Per round: measured, expected, difference (ms); per daemon and case: median and max |diff|.
# Results in artifacts/bench-check-latency/result.txt (daemon logs beside it).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BIN=${1:-keepalived} ROUNDS=${2:-5}
DL=${DL:-2} CT=${CT:-2} RETRY=${RETRY:-2} DBR=${DBR:-1} CASES=${CASES:-tcp-refused,tcp-silent,http-refused,http-silent}
bash "$ROOT/tests/ipvs/prepare.sh"
export IPVSVM_DIR=${IPVSCMP_DIR:-/var/cache/ipvs-compare}
OUT="$ROOT/artifacts/bench-check-latency"; rm -rf "$OUT"; mkdir -p "$OUT"

cat > "$OUT/death.conf" <<CONF
virtual_server 10.203.0.1 80 {
    delay_loop $DL
    lb_algo rr
    lb_kind NAT
    protocol TCP
    real_server 10.126.0.1 8081 {
        TCP_CHECK { connect_timeout 3 }
    }
    real_server 10.126.0.10 8080 {
        TCP_CHECK {
            connect_timeout $CT
            retry $RETRY
            delay_before_retry $DBR
        }
    }
    real_server 10.126.0.11 8080 {
        HTTP_GET {
            url {
                path /
                status_code 200
            }
            connect_timeout $CT
            retry $RETRY
            delay_before_retry $DBR
        }
    }
}
CONF

cat > "$OUT/rig.py" <<'RIG'
# rig.py NAME DAEMON ROUNDS OUT DL CT RETRY DBR CASES: runs one daemon, kills and revives the
# measured real servers ROUNDS times per case, prints one line per round and a summary.
import os, random, select, socket, statistics, struct, subprocess, sys, threading, time

NAME, DAEMON, ROUNDS, OUT = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
DL, CT, RETRY, DBR = (float(a) for a in sys.argv[5:9])
CASES = sys.argv[9].split(",")
EXPECT = {"refused": RETRY * DBR, "silent": (RETRY + 1) * CT + RETRY * DBR}
TARGET = {"tcp": ("10.126.0.10", 8080), "http": ("10.126.0.11", 8080)}
KEY = {k: "%08X:%04X" % (struct.unpack("!I", socket.inet_aton(a))[0], p) for k, (a, p) in TARGET.items()}
RESPONSE = b"HTTP/1.0 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok"
SO_TIMESTAMPNS = 35
mono = time.monotonic

def out(line):
    print(line, flush=True)

# ---- the measured listeners ----
def serve(c):
    # TCP_CHECK closes at once (recv -> b""); HTTP_GET sends a request and reads to EOF
    try:
        c.settimeout(3)
        data = b""
        while b"\r\n\r\n" not in data:
            d = c.recv(4096)
            if not d:
                break
            data += d
        if data:
            c.sendall(RESPONSE)
    except OSError:
        pass
    finally:
        c.close()

class Server:
    def __init__(self, addr):
        self.addr, self.lock, self.paused, self.sock, self.accepts = addr, threading.Lock(), False, None, 0
        self.open()
        threading.Thread(target=self.loop, daemon=True).start()

    def open(self):
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(self.addr)
        s.listen(128)
        s.setblocking(False)
        self.sock = s

    def loop(self):
        while True:
            with self.lock:
                s = None if self.paused else self.sock
            if s is None:
                time.sleep(0.01)
                continue
            try:
                ready = select.select([s], [], [], 0.05)[0]
            except (OSError, ValueError):
                continue
            if not ready:
                continue
            with self.lock:
                if self.paused or s is not self.sock:
                    continue
                try:
                    c = s.accept()[0]
                except OSError:
                    continue
                self.accepts += 1
            c.setblocking(True)
            threading.Thread(target=serve, args=(c,), daemon=True).start()

    def kill(self, how):
        """Returns (death time, source ports of our own connects to leave out)."""
        if how == "refused":
            with self.lock:
                self.paused = True
                self.sock.close()
                self.sock = None
            return mono(), set()
        with self.lock:
            self.paused = True
            self.sock.listen(1)
        t_death, own, self.fill = mono(), set(), []
        for _ in range(20):
            c = socket.socket()
            c.settimeout(0.5)
            c.bind((self.addr[0], 0))
            own.add(c.getsockname()[1])
            try:
                c.connect(self.addr)
            except socket.timeout:
                c.close()
                return t_death, own          # the queue is full: SYNs are dropped from t_death on
            self.fill.append(c)
            t_death = mono()                 # still accepted: the queue is full at the earliest now
        raise SystemExit("silent: the accept queue never filled (20 connections accepted)")

    def revive(self, how):
        with self.lock:
            if how == "refused":
                self.open()
            else:
                for c in self.fill:
                    c.close()
                self.sock.listen(128)
            self.paused = False

# ---- the sniffer: SYNs to the measured servers, kernel-stamped, as CLOCK_MONOTONIC ----
def rt_minus_mono():
    best = None
    for _ in range(20):
        a = mono(); r = time.clock_gettime(time.CLOCK_REALTIME); b = mono()
        if best is None or b - a < best[0]:
            best = (b - a, r - (a + b) / 2)
    return best[1]

OFFSET = rt_minus_mono()
syns, syn_lock, late = [], threading.Lock(), []

def sniff():
    ps = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
    ps.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
    ps.bind(("lo", 0))
    seen = {}
    wanted = {(a, p) for a, p in TARGET.values()}
    while True:
        data, anc, _, _ = ps.recvmsg(128, socket.CMSG_SPACE(16))
        t_recv = mono()
        if len(data) < 54 or data[12:14] != b"\x08\x00" or data[23] != 6:
            continue
        ihl = (data[14] & 15) * 4
        dst = socket.inet_ntoa(data[30:34])
        sport, dport = struct.unpack("!HH", data[14 + ihl:18 + ihl])
        if (dst, dport) not in wanted or data[14 + ihl + 13] & 0x12 != 0x02:
            continue
        t = t_recv
        for level, kind, d in anc:
            if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS and len(d) >= 16:
                sec, nsec = struct.unpack("qq", d[:16])
                t = sec + nsec / 1e9 - OFFSET
        if not t_recv - 1 <= t <= t_recv + 0.001:   # a stamp that makes no sense: take our own
            late.append(t - t_recv)
            t = t_recv
        # lo may show a packet twice (out and in): same port within 0.2 s is the same SYN
        k = (dst, sport)
        if k in seen and t - seen[k] < 0.2:
            continue
        seen[k] = t
        with syn_lock:
            syns.append((t, dst, sport))

# ---- the poller: /proc/net/ip_vs every ~5 ms ----
present = {k: None for k in KEY}
changes = []   # (kind, now present, earliest, latest)
def poll():
    last = {}
    while True:
        t0 = mono()
        with open("/proc/net/ip_vs") as f:
            text = f.read()
        t1 = mono()
        for kind, key in KEY.items():
            now = key in text
            if kind in last and last[kind][0] != now:
                changes.append((kind, now, last[kind][1], t1))
            last[kind] = (now, t0)
            present[kind] = now
        time.sleep(0.005)

def wait_for(pred, timeout):
    end = mono() + timeout
    while mono() < end:
        if pred():
            return True
        time.sleep(0.01)
    return False

servers = {kind: Server(addr) for kind, addr in TARGET.items()}
threading.Thread(target=sniff, daemon=True).start()
threading.Thread(target=poll, daemon=True).start()
time.sleep(0.5)

log = open("%s/%s.log" % (OUT, NAME), "w")
daemon = subprocess.Popen([DAEMON, "-n", "-l", "-C", "-f", OUT + "/death.conf", "-p", "/tmp/d.pid", "-c", "/tmp/c.pid",
                           "-r", "/tmp/v.pid"], stdout=log, stderr=subprocess.STDOUT)
t_start = mono()
if not wait_for(lambda: all(present.values()), 240):
    raise SystemExit("%s: the measured destinations never appeared in /proc/net/ip_vs" % NAME)
out("%s: both measured destinations in IPVS %.1f s after exec" % (NAME, mono() - t_start))
# a daemon puts its real servers in at start, before any check: a death before a checker's
# first run would take the server down at its first failure, so every measured checker must
# have run (its listener accepted a connection) before the first round
accepts = {kind: s.accepts for kind, s in servers.items()}
if not wait_for(lambda: all(s.accepts > accepts[kind] for kind, s in servers.items()), 60):
    raise SystemExit("%s: the measured checkers did not connect within 60 s" % NAME)
time.sleep(0.5)

rng = random.Random(16)
results = {}
for case in CASES:
    kind, how = case.split("-")
    expect = EXPECT[how]
    for r in range(1, ROUNDS + 1):
        if not wait_for(lambda: present[kind], 60):
            out("%s %s round %d: destination not back within 60 s, skipped" % (NAME, case, r))
            continue
        time.sleep(rng.uniform(0.3, DL + 0.3))           # die at any phase of the delay_loop
        n_changes = len(changes)
        t_death, own = servers[kind].kill(how)
        ok = wait_for(lambda: any(c[0] == kind and not c[1] for c in changes[n_changes:]), expect + 30)
        servers[kind].revive(how)
        if not ok:
            out("%s %s round %d: destination not removed within %.0f s" % (NAME, case, r, expect + 30))
            continue
        _, _, lo, hi = next(c for c in changes[n_changes:] if c[0] == kind and not c[1])
        t_rm, err = (lo + hi) / 2, (hi - lo) / 2
        time.sleep(0.2)
        with syn_lock:
            runs = {}
            for t, dst, sport in syns:
                if dst == TARGET[kind][0] and t >= t_death and t <= hi and sport not in own and sport not in runs:
                    runs[sport] = t
        starts = sorted(runs.values())
        if not starts:
            out("%s %s round %d: no SYN seen after the death" % (NAME, case, r))
            continue
        measured = t_rm - starts[0]
        diff = measured - expect
        results.setdefault(case, []).append(diff)
        out("%s %s round %d: measured %8.1f ms, expected %6.0f ms, diff %+7.1f ms (poll ±%.1f), %d runs%s at +%s ms,"
            " last run start -> removal %.1f ms, death -> first SYN %.0f ms"
            % (NAME, case, r, measured * 1e3, expect * 1e3, diff * 1e3, err * 1e3, len(starts),
               "" if len(starts) == RETRY + 1 else " (NOT %d)" % (RETRY + 1),
               "/+".join("%.0f" % ((s - starts[0]) * 1e3) for s in starts),
               (t_rm - starts[-1]) * 1e3, (starts[0] - t_death) * 1e3))

daemon.terminate()
try:
    daemon.wait(60)
except subprocess.TimeoutExpired:
    daemon.kill()
if late:
    out("%s: %d SYN kernel stamps out of range (used receive time), e.g. %+.3f s" % (NAME, len(late), late[0]))
for case in CASES:
    d = results.get(case, [])
    if d:
        # the first round is also the first time the daemon runs its failure path (a cold path for a JIT)
        rest = "; without round 1: median |diff| %.1f ms, max |diff| %.1f ms" % (
            statistics.median(abs(x) for x in d[1:]) * 1e3, max(abs(x) for x in d[1:]) * 1e3) if len(d) > 1 else ""
        out("SUMMARY %s %s: %d rounds, median diff %+.1f ms, median |diff| %.1f ms, max |diff| %.1f ms%s"
            % (NAME, case, len(d), statistics.median(d) * 1e3, statistics.median(abs(x) for x in d) * 1e3,
               max(abs(x) for x in d) * 1e3, rest))
RIG

source "$ROOT/bench/vm-daemons.sh"
vm_daemons 2400 "$BIN"

cat > "$OUT/guest.sh" <<GUEST
set -eu
for a in 10.126.0.1 10.126.0.10 10.126.0.11; do ip addr add \$a/32 dev lo; done
# the real server that stays up
python3 -c '
import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("10.126.0.1", 8081)); s.listen(128)
while True: s.accept()[0].close()' &
echo "kernel \$(uname -r), \$(/usr/sbin/keepalived -v 2>&1 | head -1)"
echo "delay_loop $DL, connect_timeout $CT, retry $RETRY, delay_before_retry $DBR; expected: refused $RETRY x $DBR s, silent ($RETRY + 1) x $CT + $RETRY x $DBR s"
for spec in $DAEMONS; do
    name=\${spec%%=*} bin=\${spec#*=}
    ipvsadm -C; rm -f /tmp/*.pid
    python3 $OUT/rig.py \$name \$bin $ROUNDS $OUT $DL $CT $RETRY $DBR $CASES
done
GUEST
cd "$ROOT"
"$ROOT/../shared/ipvs-vm/ipvs-vm.sh" "${VMARGS[@]}" bash "$OUT/guest.sh" | tee "$OUT/result.txt"
