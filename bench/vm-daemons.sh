# vm-daemons.sh - sourced by the benchmarks that run in the IPVS VM (../shared/ipvs-vm):
#   vm_daemons TIMEOUT BIN   sets VMARGS (2 CPUs, 3 GB, TIMEOUT s, invariant globalization) and
#                            DAEMONS ("keepalived=/usr/sbin/keepalived", plus "ours=/opt/ours/NAME"
#                            with BIN's directory shared read-only at /opt/ours unless BIN is
#                            "keepalived"); BIN becomes an absolute path.
vm_daemons() {
    VMARGS=(-r -c 2 -m 3072 -t "$1" -e "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1")
    DAEMONS="keepalived=/usr/sbin/keepalived"
    BIN=$2
    if [ "$BIN" != keepalived ]; then
        BIN=$(realpath "$BIN")
        VMARGS+=(-v "$(dirname "$BIN"):/opt/ours:ro")
        DAEMONS="$DAEMONS ours=/opt/ours/$(basename "$BIN")"
    fi
}
