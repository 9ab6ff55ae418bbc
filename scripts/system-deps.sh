#!/usr/bin/env bash
# Make sure the system packages the tests need are present.
# As root (CI, a fresh Debian machine) they are installed with apt-get;
# otherwise this stops with one line saying what to install.
set -euo pipefail

packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || packages+=(poppler-utils)
# The HTML checker (vnu.jar) runs on Java; axe-core and vnu-jar come from npm (tests/node).
command -v java >/dev/null 2>&1 || packages+=(default-jre-headless)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
# WeasyPrint (the PDF workbooks) needs Pango and HarfBuzz; the print style uses these fonts.
has_lib() { { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null || true; } | grep "$1" >/dev/null; }
has_lib libpango-1.0.so.0 || packages+=(libpango-1.0-0)
has_lib libpangoft2-1.0.so.0 || packages+=(libpangoft2-1.0-0)
has_lib libharfbuzz-subset.so.0 || packages+=(libharfbuzz-subset0)
[ -e /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || packages+=(fonts-liberation)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || packages+=(fonts-dejavu-core)
# The spelling check of `kennisbank validate`: hunspell with OpenTaal's Dutch dictionary.
command -v hunspell >/dev/null 2>&1 || packages+=(hunspell)
[ -e /usr/share/hunspell/nl_NL.dic ] || packages+=(hunspell-nl)
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
