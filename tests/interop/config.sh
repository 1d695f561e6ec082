#!/usr/bin/env bash
# Configurations keepalived 2.2.7 refuses to run, run by keepalived and keepalived-net side by
# side in a network namespace of their own (cfgk: one veth end v0, 10.199.78.1/24):
#   missingif  a vrrp_instance names an interface that does not exist (no dynamic_interfaces):
#              the daemon exits with 2 (keepalived's permanent CONFIG error) and no instance of
#              the configuration ran (its sync-group partner's VIP was never added).
# Prints one "PASS name (binary)" or "FAIL name (binary): why" line per check and binary, then
# "config: N passed, N failed".
# Usage: sudo tests/interop/config.sh PATH_TO_KEEPALIVED_NET
set -uo pipefail
OURS="$(realpath "${1:?usage: config.sh PATH_TO_KEEPALIVED_NET}")"
THEIRS="$(command -v keepalived)" || { echo "config: keepalived not installed" >&2; exit 1; }
NS=cfgk
WORK="$(mktemp -d /tmp/config-interop.XXXXXX)"
passed=0 failed=0

cleanup() { ip netns del "$NS" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
ip netns del "$NS" 2>/dev/null
ip netns add "$NS" || { echo "config: cannot create the namespace" >&2; exit 1; }
ip -n "$NS" link add v0 type veth peer name v1
ip -n "$NS" link set lo up; ip -n "$NS" link set v0 up; ip -n "$NS" link set v1 up
ip -n "$NS" addr add 10.199.78.1/24 dev v0

cat >"$WORK/missingif.conf" <<'CONF'
vrrp_sync_group G1 {
    group {
        VI_1
        VI_2
    }
}
vrrp_instance VI_1 {
    interface v0
    virtual_router_id 51
    priority 255
    advert_int 1
    virtual_ipaddress { 10.199.78.100/24 }
}
vrrp_instance VI_2 {
    interface nosuch0
    virtual_router_id 52
    priority 100
    advert_int 1
    virtual_ipaddress { 10.199.78.101/24 }
}
CONF

for bin in "$THEIRS" "$OURS"; do
    name=$(basename "$bin")
    timeout 20 ip netns exec "$NS" "$bin" -n -l -D -f "$WORK/missingif.conf" -p "$WORK/p1" -r "$WORK/p2" -c "$WORK/p3" \
        >"$WORK/$name.log" 2>&1
    code=$?
    # VI_1 is the owner: had it run, its VIP would have been added at once
    if [ "$code" -ne 2 ]; then
        failed=$((failed + 1)); echo "FAIL missingif ($name): exit $code, expected 2"; tail -n 5 "$WORK/$name.log" | sed 's/^/  /'
    elif grep -q 'Entering MASTER STATE' "$WORK/$name.log"; then
        failed=$((failed + 1)); echo "FAIL missingif ($name): an instance became MASTER before the exit"
    else
        passed=$((passed + 1)); echo "PASS missingif ($name)"
    fi
    ip -n "$NS" addr flush dev v0 scope global; ip -n "$NS" addr add 10.199.78.1/24 dev v0
done
echo "config: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
