#!/usr/bin/env bash
# Installs keepalived-net as a self-contained single file with the systemd unit.
# Usage (as root): bash deploy/install.sh [PREFIX=/usr/local]
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${1:-/usr/local}"
rid="linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')"
out="artifacts/publish-$rid"
dotnet publish Keepalived.Host -c Release -r "$rid" --self-contained \
    -p:PublishSingleFile=true -p:PublishReadyToRun=true -o "$out" -nologo -clp:ErrorsOnly
install -D -m 0755 "$out/keepalived-net" "$prefix/sbin/keepalived-net"
install -D -m 0644 deploy/keepalived-net.service /etc/systemd/system/keepalived-net.service
[ -f /etc/default/keepalived-net ] || echo 'KEEPALIVED_NET_OPTIONS="-D"' > /etc/default/keepalived-net
if [ ! -f /etc/keepalived/keepalived.conf ]; then
    install -D -m 0644 conf/keepalived.conf /etc/keepalived/keepalived.conf
    echo "installed a sample /etc/keepalived/keepalived.conf: edit interface, VIP and priority"
fi
command -v systemctl >/dev/null && systemctl daemon-reload || true
echo "installed $prefix/sbin/keepalived-net; start with: systemctl enable --now keepalived-net"
