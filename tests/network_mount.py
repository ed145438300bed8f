"""A folder mounted as a Windows share, as this PC's mount table would say it.

No CIFS share can be mounted on a test machine, so the mount table is what is given: a copy of
/proc/self/mountinfo's format naming ``folder`` as ``//nas/shop``, read by the real code in
store/network_share.py in place of the kernel's. Everything else (the path, its resolution,
the files in the folder) is real.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from shopcards.store import network_share

SHARE = "//nas/shop"


def mount_share(monkeypatch: pytest.MonkeyPatch, folder: Path) -> Path:
    """From now on ``folder`` (made if need be) is the mount point of the share ``//nas/shop``;
    returns it."""
    folder.mkdir(parents=True, exist_ok=True)
    point = str(folder.resolve()).replace("\\", "\\134").replace(" ", "\\040")
    table = folder.parent / f"{folder.name}.mountinfo"
    table.write_text(
        "22 1 8:2 / / rw,relatime shared:1 - ext4 /dev/sda2 rw\n"
        f"40 22 0:35 / {point} rw,relatime shared:20 - cifs {SHARE} rw,vers=3.1.1\n"
    )
    monkeypatch.setattr(network_share, "MOUNTINFO", table)
    return folder


def files_in(folder: Path) -> dict[str, bytes]:
    """What the folder holds, name by name, to show nothing was made or changed."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}
