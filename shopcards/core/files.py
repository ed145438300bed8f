"""Writing a file whole or not at all, and saying in plain words why it could not be written.

Every file the program writes (PDFs, CSVs, a saved copy of a preview) goes through
:func:`atomic_path`: it is written to a hidden ``.part`` file beside its final name and renamed
only when complete, so a full disk, a cancelled run or a crash never leaves a half or empty
file under the name the owner chose. Any failure to write becomes :class:`CannotWrite`, a
ShopError naming the path and the reason, never a traceback.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from shopcards.core.errors import ShopError
from shopcards.core.i18n import _

_READ_ONLY = (errno.EACCES, errno.EPERM, errno.EROFS)
_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


class CannotWrite(ShopError):
    """A file could not be written; nothing of it was left behind."""


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path``, renamed to ``path`` only if the block succeeds.

    Any OSError inside the block, or while making the folder or renaming, becomes CannotWrite
    and the temporary file is removed.
    """
    path = Path(path)
    tmp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = _new_part_file(path)
        yield tmp
        os.replace(tmp, path)
    except OSError as exc:
        raise cannot_write(path, exc) from exc
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


@contextmanager
def writable_folder(folder: Path) -> Iterator[Path]:
    """``folder`` (made if missing); OSError inside the block becomes CannotWrite."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        yield folder
    except OSError as exc:
        raise cannot_write(folder, exc, folder_itself=True) from exc


def copy_whole(source: Path, target: Path) -> None:
    """Copy ``source`` so that ``target`` is either the whole file or not there at all."""
    with atomic_path(target) as tmp:
        shutil.copyfile(source, tmp)


def cannot_write(path: Path, exc: OSError, folder_itself: bool = False) -> CannotWrite:
    """CannotWrite saying, for a person, why ``path`` could not be written."""
    path = Path(path)
    folder = path if folder_itself else path.parent
    blocker = _file_in_the_way(folder)
    if exc.errno in _FULL:
        reason = _("the disk is full: nothing was written to {path}", path=path)
    elif blocker is not None:
        reason = _(
            "{blocker} is a file, not a folder, so {path} cannot be written under it",
            blocker=blocker,
            path=path,
        )
    elif path.is_dir() and not folder_itself:
        reason = _("{path} is a folder: give the name of a file to write", path=path)
    elif exc.errno in _READ_ONLY:
        reason = _(
            "the folder {folder} is read-only: nothing was written to {path}",
            folder=folder,
            path=path,
        )
    elif exc.errno == errno.ENOENT:
        reason = _("the folder {folder} does not exist and cannot be made", folder=folder)
    else:
        reason = _("{path} cannot be written: {why}", path=path, why=exc.strerror or exc)
    return CannotWrite(_("Cannot save: {reason}.", reason=reason), str(exc))


def _file_in_the_way(folder: Path) -> Path | None:
    """The nearest existing ancestor of ``folder`` when it is a file rather than a folder."""
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            return None if candidate.is_dir() else candidate
    return None


def _new_part_file(path: Path) -> Path:
    """An empty, unused ``.NAME.xxxx.part`` beside ``path``, with the permissions of any new
    file (the process's umask: owner-only under the ``shopcards`` command, which sets 077)."""
    while True:
        part = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
        try:
            os.close(os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return part
