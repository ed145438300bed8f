#!/bin/sh
# Install shopcards from this unpacked folder, with its menu entry and icon.
#
#   ./install.sh          as yourself: for you, in ~/.local (no password needed)
#                         as root:     for everyone, in /opt/shopcards and /usr/local
#   ./install.sh --user   for you alone, even as root
#
# An upgrade is the same command run from the newer folder: the program folder is replaced
# whole. The card file and its backups live in the data folder (~/.local/share/shopcards),
# which this script never touches; the first start of a newer shopcards copies the card file
# aside and then brings it up to date.
#
# The server part (postgresql/, from shopcards-server-VERSION-linux-ARCH.tar.gz), needed only on
# the PC that shares the card file, is unpacked into the program folder, before or after this
# script; an upgrade from a folder without it keeps the one installed, which the shop's server
# runs from.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" -eq 0 ] && [ "${1:-}" != "--user" ]; then
    program=/opt/shopcards share=/usr/local/share bin=/usr/local/bin
else
    program=$HOME/.local/opt/shopcards share=${XDG_DATA_HOME:-$HOME/.local/share}
    bin=$HOME/.local/bin
fi

if [ ! -x "$here/shopcards" ] || [ ! -d "$here/_internal" ]; then
    echo "install.sh: run me from the unpacked shopcards folder" >&2
    exit 1
fi

# the program: copied beside the old one first, so a failed copy leaves the old one working
if [ "$here" != "$program" ]; then
    mkdir -p "$(dirname "$program")"
    rm -rf "$program.new"
    cp -a "$here" "$program.new"
    if [ ! -d "$here/postgresql" ] && [ -d "$program/postgresql" ]; then
        cp -a "$program/postgresql" "$program.new/postgresql"
    fi
    rm -rf "$program"
    mv "$program.new" "$program"
fi

# the menu entry, pointing at this copy; the icon in every size the desktop may ask for
mkdir -p "$share/applications" "$share/icons" "$bin"
sed -e "s|^Exec=.*|Exec=\"$program/shopcards\"|" -e "s|^TryExec=.*|TryExec=$program/shopcards|" \
    "$here/share/applications/shopcards.desktop" > "$share/applications/shopcards.desktop"
cp -R "$here/share/icons/." "$share/icons/"
ln -sf "$program/shopcards" "$bin/shopcards"

# refresh the menus' caches where the desktop keeps them (harmless where it does not)
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$share/applications" 2>/dev/null || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t "$share/icons/hicolor" 2>/dev/null || true
fi

echo "shopcards is installed in $program"
echo "Start it from the applications menu, or with: $bin/shopcards"
echo "To remove it: $program/uninstall.sh (your card file stays)"
