#!/usr/bin/env bash
# prepare.sh - builds (once) the VM artifacts for the IPVS comparison, as root on Debian bookworm:
#   $IPVSCMP_DIR/vmlinux, initrd.cpio.gz   made by ../shared/ipvs-vm/ipvs-vm-setup.sh
#   $IPVSCMP_DIR/rootfs/                   its debootstrap'd rootfs, plus keepalived 2.2.7 (Debian
#                                          bookworm's package), python3 (the real servers) and procps
# A directory of our own (default /var/cache/ipvs-compare), so the shared /var/cache/ipvs-vm that
# other suites use is never modified. A second run finds the stamp and returns at once.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SETUP="$ROOT/../shared/ipvs-vm/ipvs-vm-setup.sh"
D=${IPVSCMP_DIR:-/var/cache/ipvs-compare}
EXTRA_PKGS="keepalived python3 procps"
[ -f "$SETUP" ] || { echo "prepare: $SETUP not found" >&2; exit 1; }

# the stamp names what the artifacts were built from; anything else means "rebuild"
want="$(sha256sum "$SETUP" | cut -d' ' -f1) $EXTRA_PKGS"
if [ -f "$D/.prepared" ] && [ "$(cat "$D/.prepared")" = "$want" ] &&
   [ -f "$D/vmlinux" ] && [ -f "$D/initrd.cpio.gz" ] && [ -x "$D/rootfs/usr/sbin/keepalived" ]; then
    exit 0
fi
echo "prepare: building $D (kernel, initramfs, rootfs with $EXTRA_PKGS); a few minutes the first time" >&2
mkdir -p "$D"
rm -f "$D/.prepared"
# apt waits for a lock another job holds instead of failing (only while this script runs)
echo 'DPkg::Lock::Timeout "600";' > /etc/apt/apt.conf.d/90ipvs-compare-lock
trap 'rm -f /etc/apt/apt.conf.d/90ipvs-compare-lock' EXIT
IPVSVM_DIR="$D" bash "$SETUP" --rootfs >&2

# extra packages, installed with the rootfs's own apt (sources.list written by debootstrap);
# policy-rc.d keeps the keepalived package from trying to start its service in the chroot
R="$D/rootfs"
printf '#!/bin/sh\nexit 101\n' > "$R/usr/sbin/policy-rc.d"; chmod +x "$R/usr/sbin/policy-rc.d"
cp /etc/resolv.conf "$R/etc/resolv.conf" 2>/dev/null || true
chroot "$R" /usr/bin/env DEBIAN_FRONTEND=noninteractive PATH=/usr/sbin:/usr/bin:/sbin:/bin \
    sh -c "apt-get update -qq && apt-get install -y -qq --no-install-recommends $EXTRA_PKGS >/dev/null && apt-get clean"
chroot "$R" /usr/sbin/keepalived -v 2>&1 | head -1 >&2 || true
echo "$want" > "$D/.prepared"
