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
# The shop's server, started with this PC from this folder's server part (shopcards share):
# its programs go with the folder, so it is stopped and no longer started with the PC, rather
# than left to fail at every start. Its data, the shared card file, stays in its own folder.
for unit in /etc/systemd/system/shopcards-server.service \
        "${XDG_CONFIG_HOME:-$HOME/.config}/systemd/user/shopcards-server.service"; do
    [ -f "$unit" ] && grep -q "$here/" "$unit" || continue
    case $unit in /etc/*) ctl=systemctl ;; *) ctl="systemctl --user" ;; esac
    $ctl disable --now shopcards-server >/dev/null 2>&1 || true
    data=$(sed -n 's/^ExecStart=.* -D "\([^"]*\)".*/\1/p' "$unit")
    rm -f "$unit"
    $ctl daemon-reload >/dev/null 2>&1 || true
    echo "The shop's server ran from this program: it is stopped and no longer starts with" \
        "this PC. The shared card file stays in $data"
done
rm -rf "$here"

if [ "$here" = /opt/shopcards ]; then
    echo "shopcards is removed. Each user's card file and its backups stay in their data folder."
else
    echo "shopcards is removed. Your card file and its backups stay in" \
        "${XDG_DATA_HOME:-$HOME/.local/share}/shopcards"
fi
