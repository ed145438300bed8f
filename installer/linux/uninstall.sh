#!/bin/sh
# Remove shopcards: the program folder this script is in, its menu entry, icon and command.
# The card file and its backups (in ~/.local/share/shopcards) are kept: they are the shop's
# customers, and a later install opens them again.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
# installed for everyone (by install.sh as root) or for one user (in ~/.local)
if [ "$here" = /opt/shopcards ]; then
    share=/usr/local/share bin=/usr/local/bin
else
    share=${XDG_DATA_HOME:-$HOME/.local/share} bin=$HOME/.local/bin
fi

if [ ! -x "$here/shopcards" ] || [ ! -d "$here/_internal" ]; then
    echo "uninstall.sh: this is not a shopcards program folder; nothing removed" >&2
    exit 1
fi

rm -f "$share/applications/shopcards.desktop"
for icon in "$here"/share/icons/hicolor/*/apps/shopcards.*; do
    rm -f "$share/icons/hicolor/${icon#"$here/share/icons/hicolor/"}"
done
if [ "$(readlink "$bin/shopcards" 2>/dev/null)" = "$here/shopcards" ]; then
    rm -f "$bin/shopcards"
fi
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$share/applications" 2>/dev/null || true
fi
rm -rf "$here"

if [ "$here" = /opt/shopcards ]; then
    echo "shopcards is removed. Each user's card file and its backups stay in their data folder."
else
    echo "shopcards is removed. Your card file and its backups stay in" \
        "${XDG_DATA_HOME:-$HOME/.local/share}/shopcards"
fi
