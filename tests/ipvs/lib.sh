# lib.sh - the step language of the IPVS scenarios (sourced inside the VM by guest.sh, once per
# scenario run, in a subshell). A scenario is scenarios/NAME.sh plus its configs NAME*.conf:
#
#   rs_tcp ADDR PORT / rs_http ADDR PORT   start a real server (kill it with rs_kill ADDR PORT)
#   http_body ADDR PORT TEXT               the body the HTTP server answers with from now on
#   misc_rc NAME CODE                      the exit code of "misc.sh NAME" (MISC_CHECK) from now on
#   start [ARGS]                           the daemon: DAEMON -n -l -C -f CONF, own pid files, ARGS
#   start_with FILE [ARGS]                 the same on FILE of the scenarios directory
#   reload CONF                            install CONF (a file of the scenario) as the config, SIGHUP
#   stop                                   SIGTERM, wait for the daemon to exit
#   wait_until COND [SECONDS]              poll until COND holds (see below); default 30 s, 60 s
#                                          for the first wait after start
#   settle [QUIET] [MAX]                   wait until the table stays the same for QUIET s (def. 1.5)
#   sample LABEL                           record "== LABEL", the sorted `ipvsadm -Sn` (+ thresholds),
#                                          and the script lines (note.sh) written since the last sample
# COND is a shell expression evaluated on the current table ($T) and the new script lines ($N):
#   has TEXT / lacks TEXT    a table line contains TEXT / none does
#   rows N                   the table has N lines
#   note TEXT                a new script line contains TEXT
# Comparison is of states in order, never of times: every wait is generous (slow VM), and a
# wait that times out is recorded in the sample ("!! timeout: COND") so it shows in the diff.
W=/tmp/ipvs
CONF=$W/run/keepalived.conf
DPID=
NOTE_SEEN=0

table() { ipvsadm -Sn | sort; }
# `ipvsadm -Sn` omits the connection thresholds: a sample adds one "thresholds ... -x U -y L" line for
# every destination whose thresholds are not both 0 (from `ipvsadm -Ln --thresholds`)
thresholds() {
    ipvsadm -Ln --thresholds | awk '
        $1 == "TCP" { svc = "-t " $2 } $1 == "UDP" { svc = "-u " $2 }
        $1 == "SCTP" { svc = "--sctp-service " $2 } $1 == "FWM" { svc = "-f " $2 }
        $1 == "->" && $2 != "RemoteAddress:Port" && ($3 != 0 || $4 != 0) {
            printf "thresholds %s -r %s -x %s -y %s\n", svc, $2, $3, $4 }'
}
new_notes() { tail -n +$((NOTE_SEEN + 1)) "$W/out/notify.log" 2>/dev/null; }
has() { grep -qF -- "$1" <<<"$T"; }
lacks() { ! has "$1"; }
rows() { [ "$(grep -c . <<<"$T")" -eq "$1" ]; }
note() { grep -qF -- "$1" <<<"$N"; }

log() { echo "[$(cut -d' ' -f1 /proc/uptime)] $SCENARIO/$LABEL: $*" >> "$W/out/steps.log"; }

# A wait after a timeout is cut to 5 s: the scenario already differs, and a daemon that does
# nothing must not take 30 s per step. The first wait after `start` allows 60 s (a .NET program
# takes several seconds to start under emulation, more on a loaded host).
FAILED_WAIT=0 AFTER_START=0
wait_until() {
    local cond=$1 max=${2:-30} end
    [ "$AFTER_START" = 1 ] && [ "$max" -lt 60 ] && max=60
    [ "$FAILED_WAIT" = 1 ] && max=5
    AFTER_START=0
    end=$(( $(date +%s) + max ))
    log "wait_until $cond"
    while :; do
        T=$(table); N=$(new_notes)
        if eval "$cond"; then log "ok"; return 0; fi
        if [ "$(date +%s)" -ge "$end" ]; then
            log "timeout: $cond"
            TIMEOUTS+="!! timeout: $cond"$'\n'
            FAILED_WAIT=1
            return 0
        fi
        sleep 0.2
    done
}

up() { cut -d' ' -f1 /proc/uptime; }
elapsed_ge() { awk -v a="$1" -v b="$(up)" -v d="$2" 'BEGIN { exit !(b - a >= d) }'; }
settle() {
    local quiet=${1:-1.5} max=${2:-30} last cur since start
    start=$(up); since=$start; last=$(table)
    while :; do
        sleep 0.25
        cur=$(table)
        if [ "$cur" != "$last" ]; then last=$cur; since=$(up); fi
        elapsed_ge "$since" "$quiet" && return 0
        elapsed_ge "$start" "$max" && { TIMEOUTS+="!! never settled"$'\n'; return 0; }
    done
}

TIMEOUTS=
sample() {
    local notes
    notes=$(new_notes)
    NOTE_SEEN=$(( NOTE_SEEN + $(grep -c . <<<"$notes") ))
    {
        echo "== $1"
        { table; thresholds; } | sort
        [ -n "$notes" ] && sort <<<"$notes" | sed 's/^/script: /'
        [ -n "$TIMEOUTS" ] && printf '%s' "$TIMEOUTS"
    } >> "$RESULT"
    TIMEOUTS=
    log "sample $1"
}

# ---- real servers (bin/rsd.py, started once by guest.sh) ----
RSD_SEQ=0
rsd() {  # send one command to rsd.py and wait for its acknowledgement
    RSD_SEQ=$((RSD_SEQ + 1))
    local id="$SCENARIO-$LABEL-$RSD_SEQ" i
    echo "$id $*" > "$W/rsd/ctl"
    for i in $(seq 1 200); do
        [ "$(cat "$W/rsd/ack" 2>/dev/null)" = "$id" ] && return 0
        sleep 0.05
    done
    log "rsd did not acknowledge: $*"
}
rs_tcp() { rsd tcp "$1" "$2"; }
rs_http() { [ -f "$W/state/body-$1-$2" ] || echo "hello from $1:$2" > "$W/state/body-$1-$2"; rsd http "$1" "$2"; }
rs_kill() { rsd kill "$1" "$2"; }
rs_kill_all() { rsd killall; }
http_body() { printf '%s\n' "$3" > "$W/state/body-$1-$2"; }
misc_rc() { echo "$2" > "$W/state/$1"; }

# ---- the daemon ----
start() { start_with "$SCENARIO.conf" "$@"; }
start_with() {  # start_with CONF [ARGS]: the daemon on CONF, a file of the scenarios directory
    cp "$SDIR/$1" "$CONF"; shift
    log "start $DAEMON $*"
    "$DAEMON" -n -l -C -f "$CONF" -p "$W/run/daemon.pid" -c "$W/run/checkers.pid" -r "$W/run/vrrp.pid" "$@" \
        >> "$W/out/daemon.log" 2>&1 &
    DPID=$!
    AFTER_START=1
}
reload() {
    cp "$SDIR/$1" "$CONF"
    log "reload $1"
    kill -HUP "$DPID"
}
stop() {
    log "stop"
    [ -n "$DPID" ] || return 0
    kill -TERM "$DPID" 2>/dev/null
    local i; for i in $(seq 1 150); do kill -0 "$DPID" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$DPID" 2>/dev/null; then
        TIMEOUTS+="!! daemon still running 30 s after SIGTERM, killed"$'\n'
        kill -KILL "$DPID" 2>/dev/null
    fi
    wait "$DPID" 2>/dev/null || true
    DPID=
    sleep 1   # scripts the daemon ran at stop (fire and forget) finish writing
}
