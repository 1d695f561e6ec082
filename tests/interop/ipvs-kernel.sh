#!/usr/bin/env bash
# Kernel/Ipvs against a real IPVS kernel: the test machines' kernel has none, so this boots
# Debian's stock kernel (ip_vs and every scheduler as modules) once in QEMU with
# ../shared/ipvs-vm, and runs tests/ipvs-kernel/IpvsKernelCheck inside it (framework-dependent,
# with this machine's .NET runtime shared read-only, on the debootstrap'd Debian userland, which
# has the libssl .NET loads). The program drives the generic netlink codec, IpvsNetlink and
# IpvsActor and compares with ipvsadm -Sn / -L --timeout / -L --daemon read in the guest.
# Prints one "PASS name" / "FAIL name: why" line per scenario ("# ..." lines are observations:
# errno values, the family id). Exit status 1 if any failed, 125 if the VM could not run.
# Usage: sudo tests/interop/ipvs-kernel.sh [IGNORED]   (scripts/test.sh passes the daemon's path)
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
VM="$ROOT/../shared/ipvs-vm"
OUT="$ROOT/artifacts/ipvs-kernel-check"
[ -x "$VM/ipvs-vm.sh" ] || { echo "ipvs-kernel: $VM not found" >&2; exit 125; }

# the VM's kernel, initramfs and Debian rootfs: the same ones the table comparison uses
# (tests/ipvs/prepare.sh builds them once per machine, then returns at once)
bash "$ROOT/tests/ipvs/prepare.sh" || { echo "ipvs-kernel: preparing the VM failed" >&2; exit 125; }
export IPVSVM_DIR=${IPVSCMP_DIR:-/var/cache/ipvs-compare}

rm -rf "$OUT"
dotnet publish "$ROOT/tests/ipvs-kernel/IpvsKernelCheck" -c Release -o "$OUT" -nologo -clp:ErrorsOnly >&2 \
    || { echo "ipvs-kernel: publish failed" >&2; exit 125; }
DOTNET_DIR="$(dirname "$(readlink -f "$(command -v dotnet)")")"
[ -d "$DOTNET_DIR/shared/Microsoft.NETCore.App" ] || { echo "ipvs-kernel: no .NET runtime under $DOTNET_DIR" >&2; exit 125; }

cd "$OUT" || exit 125
# kmod's modprobe in the rootfs wants modules.dep.bin (the initramfs has busybox's text index only)
"$VM/ipvs-vm.sh" -r -t 1200 -v "$DOTNET_DIR:ro" -e "DOTNET_ROOT=$DOTNET_DIR" -e DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 \
    'depmod -a 2>/dev/null; ./IpvsKernelCheck'
