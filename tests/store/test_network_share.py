"""Telling a card file in a shared network folder from one on this PC's own disk, on given
mount tables and paths (no real network share can be mounted here)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shopcards.store import network_share
from shopcards.store.network_share import (
    DRIVE_REMOTE,
    Mount,
    NetworkShare,
    mount_of,
    parse_mac_mount,
    parse_mountinfo,
    share_of,
    share_of_windows_path,
)

MOUNTINFO = """\
22 1 8:2 / / rw,relatime shared:1 - ext4 /dev/sda2 rw,errors=remount-ro
25 22 0:23 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw
40 22 0:35 / /mnt/shop rw,relatime shared:20 - cifs //nas/shop rw,vers=3.1.1,cache=strict
41 40 8:17 / /mnt/shop/usb\\040stick rw,relatime - vfat /dev/sdb1 rw
42 22 0:36 / /srv/nfs rw,relatime shared:21 master:3 - nfs4 nas.local:/export/cards rw,vers=4.2
43 22 0:37 / /home/me/Shared\\040Folder rw,relatime - fuse.sshfs me@till-pc:/home/shop rw
44 22 0:38 / /mnt/cards rw - ext4 /dev/sdc1 rw
45 22 0:39 / /mnt/cards rw - smb3 //backoffice/cards rw
46 22 0:40 / /run/user/1000/gvfs rw,nosuid,nodev - fuse.gvfsd-fuse gvfsd-fuse rw
"""

MAC_MOUNT = """\
/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
//me@nas._smb._tcp.local/shop on /Volumes/shop (smbfs, nodev, nosuid, mounted by me)
nas:/export on /Volumes/nfs export (nfs, asynchronous)
/dev/disk4s1 on /Volumes/USB stick (msdos, local, nodev, nosuid, noowners)
"""


def never_remote(root: str) -> int:
    return 3  # DRIVE_FIXED


def test_mountinfo_lines_give_point_type_and_source_with_escapes_undone() -> None:
    mounts = parse_mountinfo(MOUNTINFO)
    assert Mount("/mnt/shop", "cifs", "//nas/shop") in mounts
    assert Mount("/mnt/shop/usb stick", "vfat", "/dev/sdb1") in mounts
    assert Mount("/home/me/Shared Folder", "fuse.sshfs", "me@till-pc:/home/shop") in mounts


def test_optional_fields_before_the_separator_are_skipped() -> None:
    assert Mount("/srv/nfs", "nfs4", "nas.local:/export/cards") in parse_mountinfo(MOUNTINFO)


def test_a_windows_share_mounted_on_linux_is_a_network_share() -> None:
    found = share_of("/mnt/shop/cards/shop.db", parse_mountinfo(MOUNTINFO))
    assert found == NetworkShare("//nas/shop", "cifs")


def test_nfs_and_sshfs_are_network_shares() -> None:
    mounts = parse_mountinfo(MOUNTINFO)
    assert share_of("/srv/nfs/shop.db", mounts) == NetworkShare("nas.local:/export/cards", "nfs4")
    assert share_of("/home/me/Shared Folder/shop.db", mounts) == NetworkShare(
        "me@till-pc:/home/shop", "fuse.sshfs"
    )


def test_a_local_disk_mounted_inside_a_share_is_local() -> None:
    assert share_of("/mnt/shop/usb stick/shop.db", parse_mountinfo(MOUNTINFO)) is None


def test_the_root_disk_is_local() -> None:
    assert share_of("/home/me/shop.db", parse_mountinfo(MOUNTINFO)) is None


def test_a_mount_point_is_a_whole_folder_not_a_prefix_of_a_name() -> None:
    """/mnt/shopfloor is not inside /mnt/shop."""
    assert share_of("/mnt/shopfloor/shop.db", parse_mountinfo(MOUNTINFO)) is None


def test_a_later_mount_on_the_same_point_hides_the_earlier() -> None:
    assert share_of("/mnt/cards/shop.db", parse_mountinfo(MOUNTINFO)) == NetworkShare(
        "//backoffice/cards", "smb3"
    )


def test_a_share_opened_in_gnomes_file_manager_is_a_network_share() -> None:
    mounts = parse_mountinfo(MOUNTINFO)
    share = "smb-share:server=nas,share=shop"
    assert share_of(f"/run/user/1000/gvfs/{share}/cards/shop.db", mounts) == NetworkShare(
        share, "fuse.gvfsd-fuse"
    )
    assert share_of("/run/user/1000/gvfs/mtp:host=Phone/shop.db", mounts) is None


def test_a_broken_mountinfo_line_is_skipped() -> None:
    assert parse_mountinfo("garbage\n40 22 0:35 / /x rw -\n") == []


def test_macos_mount_output_names_smb_and_nfs_shares() -> None:
    mounts = parse_mac_mount(MAC_MOUNT)
    assert share_of("/Volumes/shop/shop.db", mounts) == NetworkShare(
        "//me@nas._smb._tcp.local/shop", "smbfs"
    )
    assert share_of("/Volumes/nfs export/shop.db", mounts) == NetworkShare("nas:/export", "nfs")
    assert share_of("/Volumes/USB stick/shop.db", mounts) is None
    assert share_of("/Users/me/shop.db", mounts) is None


@pytest.mark.parametrize(
    "path",
    [
        r"\\nas\shop\cards\shop.db",
        "//nas/shop/cards/shop.db",
        r"\\?\UNC\nas\shop\cards\shop.db",
        r"\\?\unc\nas\shop\shop.db",
    ],
)
def test_a_unc_path_is_a_network_share(path: str) -> None:
    assert share_of_windows_path(path, never_remote) == NetworkShare(r"\\nas\shop", "UNC")


def test_a_mapped_network_drive_is_a_network_share() -> None:
    def z_is_remote(root: str) -> int:
        return DRIVE_REMOTE if root == "Z:\\" else 3

    assert share_of_windows_path(r"z:\cards\shop.db", z_is_remote) == NetworkShare(
        "Z:", "mapped drive"
    )
    assert share_of_windows_path(r"\\?\Z:\shop.db", z_is_remote) == NetworkShare(
        "Z:", "mapped drive"
    )
    assert share_of_windows_path(r"C:\Users\me\shop.db", z_is_remote) is None


def test_a_local_windows_path_is_not_a_share() -> None:
    assert (
        share_of_windows_path(r"C:\Users\me\AppData\Local\shopcards\shop.db", never_remote) is None
    )
    assert share_of_windows_path(r"\\.\C:\shop.db", never_remote) is None
    assert share_of_windows_path(r"\\nas", never_remote) is None  # a server without a share


def test_this_pc_reads_its_own_mount_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The thin OS part: the resolved path (through a link) is looked up in the table read."""
    share = tmp_path / "share"
    share.mkdir()
    (tmp_path / "link").symlink_to(share)
    table = tmp_path / "mountinfo"
    point = str(share).replace(" ", "\\040")
    table.write_text(
        f"22 1 8:2 / / rw - ext4 /dev/sda2 rw\n40 22 0:35 / {point} rw - cifs //nas/shop rw\n"
    )
    monkeypatch.setattr(network_share, "MOUNTINFO", table)
    assert network_share.network_share(tmp_path / "link" / "new.db") == NetworkShare(
        "//nas/shop", "cifs"
    )
    assert network_share.network_share(tmp_path / "shop.db") is None


def test_no_mount_table_to_read_means_a_local_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(network_share, "MOUNTINFO", tmp_path / "missing")
    assert network_share.network_share(tmp_path / "shop.db") is None


names = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"), min_size=1
)


@given(point=st.lists(names, min_size=1, max_size=4), below=st.lists(names, max_size=3))
def test_any_folder_below_a_share_is_on_it_whatever_its_names(
    point: list[str], below: list[str]
) -> None:
    """Odd names (spaces, backslashes, newlines, right-to-left letters) survive the table's
    escapes: a path below the share's mount point is on the share, its parent folder is not."""
    mount_point = "/" + "/".join(point)
    escaped = "".join(f"\\{ord(c):03o}" if c in " \t\n\\" else c for c in mount_point)
    table = f"1 0 8:1 / / rw - ext4 /dev/sda1 rw\n2 1 0:9 / {escaped} rw - nfs4 nas:/x rw\n"
    mounts = parse_mountinfo(table)
    assert mount_of(mount_point, mounts) == Mount(mount_point, "nfs4", "nas:/x")
    assert share_of("/".join([mount_point, *below]), mounts) == NetworkShare("nas:/x", "nfs4")
    assert share_of(mount_point + "_", mounts) is None


def test_a_folder_name_that_is_not_utf8_is_found_in_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = tmp_path / os.fsdecode(b"caf\xe9")  # Latin-1, as an old NAS may name it
    share.mkdir()
    table = tmp_path / "mountinfo"
    table.write_bytes(b"40 22 0:35 / " + os.fsencode(share) + b" rw - cifs //nas/shop rw\n")
    monkeypatch.setattr(network_share, "MOUNTINFO", table)
    assert network_share.network_share(share / "shop.db") == NetworkShare("//nas/shop", "cifs")
