#!/usr/bin/env bash
# Run by hand as root: bench/scale/side-by-side.sh REPS NAME=BIN [NAME=BIN ...]
# The shared scale harness (../shared/scale) for several daemons in one run, interleaved:
# per repetition and daemon one steady run of 1,000 instances (CPU, RSS, advert jitter) and
# one exec -> first advert of an address owner; then a summary per daemon. Results under
# /tmp/side-by-side/NAME. Example:
#   bench/scale/side-by-side.sh 3 keepalived=/usr/sbin/keepalived new=/tmp/kn-new/keepalived-net old=/tmp/kn-old/keepalived-net
set -u
S="${SHARED:-$(cd "$(dirname "$0")/../../.." && pwd)/shared}/scale"
REPS=${1:?REPS}; shift
WARM=${WARM:-20} MEAS=${MEAS:-60} JIT=${JIT:-30}
export KEEP_NETNS=1
( cd "$S" && . ./env.sh && { ip netns list | grep -qw "$NS_NODE" || ./netns.sh up; } )
for ((r = 1; r <= REPS; r++)); do
  for pair in "$@"; do
    name=${pair%%=*} bin=${pair#*=}
    export KA_BIN=$bin KSC_DIR=/tmp/side-by-side/$name
    ( cd "$S" && . ./env.sh
      [ -f "$CONF_DIR/vrrp1000.conf" ] || python3 gen_vrrp.py 1000 >"$CONF_DIR/vrrp1000.conf"
      ./run_steady.sh "$CONF_DIR/vrrp1000.conf" "vrrp1000_r$r" 1000 "$WARM" "$MEAS" "$JIT"
      ./startup.sh 2 )
  done
done
for pair in "$@"; do
  name=${pair%%=*}
  echo "== $name"
  ( cd "$S" && python3 summarize.py "/tmp/side-by-side/$name/results" )
done
( cd "$S" && ./netns.sh down )
