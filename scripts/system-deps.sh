#!/usr/bin/env bash
# Make sure the system packages the tests need are present.
# As root (CI, a fresh Debian machine) they are installed with apt-get;
# otherwise this stops with one line saying what to install.
set -euo pipefail

packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || packages+=(poppler-utils)
[ ${#packages[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Systeempakketten installeren: ${packages[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
else
    echo "Installeer eerst: sudo apt-get install ${packages[*]}" >&2
    exit 1
fi
