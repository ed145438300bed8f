"""Is a card file on another PC's disk, reached through a shared network folder?

SQLite's own documentation warns that its locking is unreliable over a network filesystem and
that WAL does not work there at all: two PCs writing one file through a share damage it in ways
that early use does not show. shopcards therefore asks this module before it opens a card file
for saving (store/verdict.py). Standard library only: the installer has no room to spare.

The parsing is pure and tested on given mount tables and paths; the calls into the operating
system (reading /proc/self/mountinfo, running ``mount``, GetDriveTypeW) are the thin rest.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

NETWORK_FILESYSTEMS = frozenset(
    {
        "9p",
        "afpfs",
        "afs",
        "ceph",
        "cifs",
        "davfs",
        "fuse.davfs2",
        "fuse.rclone",
        "fuse.s3fs",
        "fuse.sshfs",
        "glusterfs",
        "fuse.glusterfs",
        "lustre",
        "ncpfs",
        "nfs",
        "nfs4",
        "smb3",
        "smbfs",
        "sshfs",
        "webdav",
    }
)
"""The filesystem types (as Linux's mount table and macOS's ``mount`` name them) that reach
another machine's disk."""
GVFS = "fuse.gvfsd-fuse"
GVFS_REMOTE = ("smb-share:", "nfs:", "sftp:", "ftp:", "dav:", "davs:", "afp-volume:")
"""GNOME's file manager opens a Windows share (``smb://nas/shop``) in one gvfs mount for all it
reaches, ``…/gvfs/smb-share:server=nas,share=shop/``: a folder there named for a remote
protocol is another machine's disk (a phone or a camera there is not)."""

MOUNTINFO = Path("/proc/self/mountinfo")
DRIVE_REMOTE = 4
"""What GetDriveTypeW answers for a drive letter mapped to a network share."""
_ESCAPED = re.compile(r"\\([0-7]{3})")
_MAC_MOUNT = re.compile(r"^(?P<source>.+?) on (?P<point>.+) \((?P<kind>[^,()]+)[,)]")


@dataclass(frozen=True)
class Mount:
    """One line of a mount table: where it is mounted, its filesystem type, and what it
    mounts (``//nas/shop`` for a Windows share, ``nas:/export`` for NFS)."""

    point: str
    kind: str
    source: str


@dataclass(frozen=True)
class NetworkShare:
    """The shared folder a card file is in, named as its PC names it (``//nas/shop``,
    ``\\\\nas\\shop``, ``nas:/export``), and the kind of share (``cifs``, ``nfs4``…)."""

    place: str
    kind: str


def network_share(path: Path) -> NetworkShare | None:
    """The network share that holds ``path`` (which need not exist yet), or None when it is
    on this PC's own disk or the system cannot tell."""
    if sys.platform == "win32":
        return share_of_windows_path(os.path.realpath(path), _windows_drive_type)
    try:
        resolved = str(Path(path).resolve())
        if sys.platform.startswith("linux"):
            # decoded as the path is, so a folder name that is not UTF-8 still matches
            return share_of(resolved, parse_mountinfo(os.fsdecode(MOUNTINFO.read_bytes())))
        if sys.platform == "darwin":
            return share_of(resolved, parse_mac_mount(_mac_mount_output()))
    except (OSError, subprocess.SubprocessError):
        return None  # no mount table to read: the card file opens as on any local disk
    return None


def parse_mountinfo(text: str) -> list[Mount]:
    """The mounts of Linux's /proc/self/mountinfo, in mount order. A line holds the mount point
    as its fifth field and, after a lone ``-``, the type and source; spaces, tabs, newlines and
    backslashes in names are written as octal escapes (``\\040``)."""
    mounts = []
    for line in text.split("\n"):  # only a newline ends a line: names may hold other breaks
        fields = line.split(" ")
        if "-" not in fields[6:] or len(fields) < 5:
            continue
        after = fields[fields.index("-", 6) + 1 :]
        if len(after) < 2:
            continue
        mounts.append(Mount(_unescape(fields[4]), _unescape(after[0]), _unescape(after[1])))
    return mounts


def parse_mac_mount(text: str) -> list[Mount]:
    """The mounts that macOS's ``mount`` lists: ``//me@nas/shop on /Volumes/shop (smbfs, …)``."""
    return [
        Mount(found["point"], found["kind"].strip(), found["source"])
        for found in map(_MAC_MOUNT.match, text.splitlines())
        if found
    ]


def share_of(path: str, mounts: Iterable[Mount]) -> NetworkShare | None:
    """The share holding the absolute, resolved ``path``: the mount with the longest mount point
    that contains it (a later mount on the same point hides the earlier one), if its type is a
    network filesystem."""
    holder = mount_of(path, mounts)
    if holder is None:
        return None
    if holder.kind == GVFS:
        first = path[len(holder.point) :].lstrip("/").partition("/")[0]
        return NetworkShare(first, holder.kind) if first.startswith(GVFS_REMOTE) else None
    return NetworkShare(holder.source, holder.kind) if holder.kind in NETWORK_FILESYSTEMS else None


def mount_of(path: str, mounts: Iterable[Mount]) -> Mount | None:
    """The mount whose point is the longest whole-folder prefix of ``path``."""
    best: Mount | None = None
    for mount in mounts:
        if _contains(mount.point, path) and (best is None or len(mount.point) >= len(best.point)):
            best = mount
    return best


def share_of_windows_path(path: str, drive_type: Callable[[str], int]) -> NetworkShare | None:
    """The share of a Windows path: a UNC path (``\\\\server\\share\\…``, also written
    ``\\\\?\\UNC\\server\\share\\…``) is one; a drive letter is one when ``drive_type`` (Windows'
    GetDriveTypeW) calls it remote, as a mapped network drive is."""
    text = path.replace("/", "\\")
    if text[:8].upper() == "\\\\?\\UNC\\":
        text = "\\\\" + text[8:]
    elif text.startswith(("\\\\?\\", "\\\\.\\")):
        text = text[4:]
    if text.startswith("\\\\"):
        server, _, rest = text[2:].partition("\\")
        share = rest.partition("\\")[0]
        return NetworkShare(f"\\\\{server}\\{share}", "UNC") if server and share else None
    if len(text) >= 2 and text[1] == ":" and text[0].isalpha():
        drive = text[:2].upper()
        if drive_type(drive + "\\") == DRIVE_REMOTE:
            return NetworkShare(_mapped_to(drive) or drive, "mapped drive")
    return None


def _contains(point: str, path: str) -> bool:
    return path == point or path.startswith(point.rstrip("/") + "/")


def _unescape(field: str) -> str:
    return _ESCAPED.sub(lambda octal: chr(int(octal[1], 8)), field)


def _mac_mount_output() -> str:
    return subprocess.run(
        ["/sbin/mount"], capture_output=True, text=True, check=True, timeout=5
    ).stdout


def _windows_drive_type(root: str) -> int:
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]


def _mapped_to(drive: str) -> str:
    """The ``\\\\server\\share`` a mapped drive letter stands for, or '' if Windows won't say."""
    if sys.platform != "win32":
        return ""
    import ctypes

    size = ctypes.c_ulong(1024)
    buffer = ctypes.create_unicode_buffer(size.value)
    mpr = ctypes.windll.mpr
    return (
        str(buffer.value) if mpr.WNetGetConnectionW(drive, buffer, ctypes.byref(size)) == 0 else ""
    )
