#!/usr/bin/env bash
# Three-way interop with FRR's vrrpd: keepalived on h1 (priority 150) and h2 (100) plus FRR vrrpd
# on h3 (120), one VRID, run by ../shared/lab/frr-interop.sh (1 all up; 2 SIGTERM h1; 3 restart h1;
# 4a SIGTERM h1 again; 4b SIGTERM FRR), which prints a state line after each step: who holds the
# VIP (h1, h2) and FRR's state and VRRP interface. For each setting the sequence runs twice, with
# keepalived 2.2.7 on h1 and h2 (the reference) and with keepalived-net on both; the state lines
# must be the same at every step, and h1/h2's adverts must carry the same version and interval as
# keepalived's. Settings (no authentication): VRRPv2 advert_int 1 / FRR v2 1000 ms, VRRPv3 1 /
# FRR v3 1000 ms, VRRPv3 0.1 / FRR v3 100 ms. A setting whose reference run shows FRR not
# advertising with the requested version and interval (field and rate) prints a SKIP line.
# Prints one "PASS name (...)", "FAIL name (...): why" or "SKIP name (...): why" line per setting,
# and a last line "frr: N passed, N failed, N skipped". Exit status 1 if any failed.
# Lab: namespaces kn-frr-* (sw, h1..h3), work directory /tmp/keepalived-net-frr (kept: state
# lines, timelines and pcaps of every run in out/ and cap/frr/); the lab is deleted on exit.
# Usage: sudo tests/interop/frr.sh PATH_TO_KEEPALIVED_NET [SETTING...]   (v2-1s v3-1s v3-100ms)
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
LAB="$ROOT/../shared/lab"
OURS="$(realpath "${1:?usage: frr.sh PATH_TO_KEEPALIVED_NET [SETTING...]}")"; shift
[ -x "$OURS" ] || { echo "frr: $OURS is not an executable" >&2; exit 1; }
# keepalived 2.2.7, tshark, tcpdump ... and FRR (idempotent; apt-get runs only for what is missing)
deps_out="$("$LAB/deps.sh" --frr 2>&1)" || { echo "$deps_out" >&2; echo "frr: deps.sh --frr failed" >&2; exit 1; }
THEIRS="$(command -v keepalived)" || { echo "frr: keepalived not installed" >&2; exit 1; }
export LAB_PREFIX=kn-frr- LAB_WORK=/tmp/keepalived-net-frr LAB_NET=10.123.0
# keepalived-net may start slowly on a loaded machine (kal.sh waits for its pid files)
export START_TIMEOUT=30
LABSH="$LAB/lab.sh"
FRR_IP=10.123.0.13
OUT="$LAB_WORK/out"
passed=0 failed=0 skipped=0

cleanup() { "$LABSH" down >/dev/null 2>&1 || true; }
trap cleanup EXIT
trap 'exit 130' INT TERM
"$LABSH" down >/dev/null 2>&1 || true
# FRR's daemons run as user frr: the work directory must be traversable
umask 022
mkdir -p "$OUT" && chmod 755 "$LAB_WORK" || { echo "frr: cannot make $LAB_WORK" >&2; exit 1; }
"$LABSH" up 3 >/dev/null || { echo "frr: lab.sh up failed" >&2; exit 1; }

# states FILE: "label<TAB>state" per state line of a frr-interop.sh output
states() { sed -n "s/^  \[\([^]]*\)\] \(VIP .*\)$/\1\t\2/p" "$1"; }
# holders STATE: who holds the VIP in a state line (h1, h2, h3 = FRR master; "none")
holders() {
    local s="$1" h=""
    [[ "$s" == *"h1='10."* ]] && h+="h1+"
    [[ "$s" == *"h2='10."* ]] && h+="h2+"
    [[ "$s" == *"state=Master"* ]] && h+="h3+"
    h="${h%+}"; echo "${h:-none}"
}
# sequence FILE: "1:h1 2:h3 ..." (VIP holders per step)
sequence() {
    local label st seq=""
    while IFS=$'\t' read -r label st; do seq+="${label%% *}:$(holders "$st") "; done < <(states "$1")
    echo "${seq% }"
}
# adverts PCAP SRC: distinct "vVERSION/INTERVAL" of SRC's adverts (v2 seconds, v3 centiseconds)
adverts() {
    tshark -r "$1" -Y "vrrp && ip.src == $2" -T fields -e vrrp.version -e vrrp.adver_int \
        -e vrrp.short_adver_int 2>/dev/null | awk -F'\t' '{ print "v" $1 "/" $2 $3 }' | sort -u | tr '\n' ' ' | sed 's/ $//'
}
# gap_ms PCAP SRC: median gap between SRC's consecutive adverts (gaps under 2.5 s: while master)
gap_ms() {
    tshark -r "$1" -Y "vrrp && ip.src == $2 && vrrp.prio > 0" -T fields -e frame.time_epoch 2>/dev/null |
        awk 'NR > 1 && $1 - p < 2.5 { printf "%.0f\n", ($1 - p) * 1000 } { p = $1 }' |
        sort -n | awk '{ g[NR] = $1 } END { if (NR) print g[int((NR + 1) / 2)] }'
}
# log_tails: the last lines of the daemons' logs (after a FAIL)
log_tails() {
    local h
    for h in h1 h2; do
        echo "  --- $h log tail"; tail -n 6 "$LAB_WORK/run/$h/keepalived.log" 2>/dev/null | sed 's/^/  /'
    done
    echo "  --- h3 vrrpd log (errors)"
    grep -iE "error|warn|fail" "$LAB_WORK/run/h3/frr/vrrpd.log" 2>/dev/null | tail -n 4 | sed 's/^/  /'
}

# run_setting NAME KV KADV FV FADV_MS
run_setting() {
    local name="frr-$1" kv="$2" kadv="$3" fv="$4" fadv="$5"
    local desc="VRRPv$kv advert_int $kadv, FRR v$fv $fadv ms"
    local ref="$OUT/$name-keepalived.out" mine="$OUT/$name-keepalived-net.out"
    local want_frr want_kal seen_frr seen_gap
    if [ "$fv" = 2 ]; then want_frr="v2/$((fadv / 1000))"; else want_frr="v3/$((fadv / 10))"; fi
    if [ "$kv" = 2 ]; then want_kal="v2/$kadv"; else want_kal="v3/$(awk -v a="$kadv" 'BEGIN { printf "%d", a * 100 + 0.5 }')"; fi

    # the reference: keepalived 2.2.7 on h1 and h2
    PEER1_BIN="$THEIRS" PEER2_BIN="$THEIRS" "$LAB/frr-interop.sh" "$name-keepalived" "$kv" "$kadv" "$fv" "$fadv" NONE >"$ref" 2>&1
    local rc_ref=$?
    seen_frr="$(adverts "$LAB_WORK/cap/frr/$name-keepalived.pcap" "$FRR_IP")"
    seen_gap="$(gap_ms "$LAB_WORK/cap/frr/$name-keepalived.pcap" "$FRR_IP")"
    if [ "$(states "$ref" | wc -l)" -ne 5 ]; then
        failed=$((failed + 1))
        echo "FAIL $name ($desc): the reference run (keepalived on h1, h2) did not finish (exit $rc_ref): $(tail -n 1 "$ref")"
        log_tails; return
    fi
    # FRR must advertise with the version and interval asked for (v2: whole seconds in the packet)
    # and about as often (a median gap within 20 %); otherwise there is nothing to compare against
    local why_skip=""
    if [ "$fv" = 2 ] && [ $((fadv % 1000)) -ne 0 ]; then
        why_skip="VRRPv2 carries the interval in whole seconds"
    elif [ "$seen_frr" != "$want_frr" ]; then
        why_skip="expected $want_frr"
    elif [ -z "$seen_gap" ] || [ $((seen_gap * 10)) -lt $((fadv * 8)) ] || [ $((seen_gap * 10)) -gt $((fadv * 12)) ]; then
        why_skip="expected one every $fadv ms"
    fi
    if [ -n "$why_skip" ]; then
        skipped=$((skipped + 1))
        echo "SKIP $name ($desc): FRR cannot run this setting: its adverts (version/interval field) were '${seen_frr:-none}', one every ${seen_gap:-?} ms; $why_skip"
        return
    fi

    # keepalived-net on h1 and h2
    PEER1_BIN="$OURS" PEER2_BIN="$OURS" "$LAB/frr-interop.sh" "$name-keepalived-net" "$kv" "$kadv" "$fv" "$fadv" NONE >"$mine" 2>&1
    local rc_mine=$?
    local -a rl=() rs=() ml=() ms=() diffs=()
    local label st i
    while IFS=$'\t' read -r label st; do rl+=("$label"); rs+=("$st"); done < <(states "$ref")
    while IFS=$'\t' read -r label st; do ml+=("$label"); ms+=("$st"); done < <(states "$mine")
    local first=""
    for i in "${!rl[@]}"; do
        if [ "${ml[$i]:-}" != "${rl[$i]}" ] || [ "${ms[$i]:-}" != "${rs[$i]}" ]; then
            diffs+=("${rl[$i]%% *}")
            [ -n "$first" ] || first="[${rl[$i]}] keepalived-net ${ms[$i]:-(no state line)}; keepalived ${rs[$i]}"
        fi
    done
    local kal_ref kal_mine
    kal_ref="$(adverts "$LAB_WORK/cap/frr/$name-keepalived.pcap" 10.123.0.11) $(adverts "$LAB_WORK/cap/frr/$name-keepalived.pcap" 10.123.0.12)"
    kal_mine="$(adverts "$LAB_WORK/cap/frr/$name-keepalived-net.pcap" 10.123.0.11) $(adverts "$LAB_WORK/cap/frr/$name-keepalived-net.pcap" 10.123.0.12)"
    local seq_ref seq_note=""
    seq_ref="$(sequence "$ref")"
    [ "$seq_ref" = "1:h1 2:h3 3:h1 4a:h3 4b:h2" ] || seq_note="; note: keepalived's own sequence is not the expected 1:h1 2:h3 3:h1 4a:h3 4b:h2"
    if [ "${#diffs[@]}" -eq 0 ] && [ "${#ms[@]}" -eq 5 ] && [ "$kal_mine" = "$kal_ref" ]; then
        passed=$((passed + 1))
        echo "PASS $name (keepalived-net h1+h2, FRR h3; $desc): VIP $seq_ref, as keepalived$seq_note"
    else
        failed=$((failed + 1))
        local why
        if [ "${#diffs[@]}" -gt 0 ]; then
            why="differs at step $(IFS=,; echo "${diffs[*]}" | sed 's/,/, /g') (first: $first)"
        elif [ "${#ms[@]}" -ne 5 ]; then
            why="the run stopped after ${#ms[@]} steps (exit $rc_mine): $(tail -n 1 "$mine")"
        else
            why="h1/h2 adverts '$kal_mine', keepalived's '$kal_ref' (want $want_kal)"
        fi
        echo "FAIL $name (keepalived-net h1+h2, FRR h3; $desc): $why"
        echo "  keepalived:     $seq_ref"
        echo "  keepalived-net: $(sequence "$mine")"
        log_tails
    fi
}

all=(v2-1s v3-1s v3-100ms)
selected=("${@:-${all[@]}}")
for s in "${selected[@]}"; do
    case "$s" in
        v2-1s) run_setting v2-1s 2 1 2 1000 ;;
        v3-1s) run_setting v3-1s 3 1 3 1000 ;;
        v3-100ms) run_setting v3-100ms 3 0.1 3 100 ;;
        *) echo "frr: unknown setting '$s' (${all[*]})" >&2; failed=$((failed + 1)) ;;
    esac
done
echo "frr: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
