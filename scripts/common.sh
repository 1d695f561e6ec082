# Sourced by the scripts here: repository root, a .NET SDK, Debian packages on demand.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# apt_need PKG...: installs the Debian packages that are missing (needs root).
apt_need() {
    local missing=()
    for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "installing: ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

if ! command -v dotnet >/dev/null 2>&1; then
    # Debian 13 packages the SDK as dotnet-sdk-10.0 only through Microsoft's repository; try it.
    apt-get update -qq && apt-get install -y -qq dotnet-sdk-10.0 >/dev/null 2>&1 || {
        echo "error: the .NET 10 SDK is needed (https://learn.microsoft.com/dotnet/core/install/linux-debian)" >&2
        exit 1
    }
fi
