"""A disk that fills up: every file opened for writing under a folder fails with ENOSPC.

The file is really opened (so it exists, as on a real full disk, possibly empty); its first
write or flush raises, as the operating system would.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
from pathlib import Path
from typing import Any

import pytest


class _FullFile:
    def __init__(self, real: Any) -> None:
        self._real = real

    def write(self, data: Any) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def __enter__(self) -> _FullFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._real.close()


def fill_disk(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """From now on, writing a file under ``folder`` fails with "No space left on device"."""
    real_open = io.open

    def full_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(file, mode, *args, **kwargs)
        inside = isinstance(file, str | Path) and Path(file).resolve().is_relative_to(folder)
        return _FullFile(handle) if inside and ("w" in mode or "a" in mode) else handle

    monkeypatch.setattr(builtins, "open", full_open)
    monkeypatch.setattr(io, "open", full_open)


def make_read_only(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """``folder`` refuses new files, as a read-only folder does for a normal user (root may
    write anywhere, so for root the refusal is injected where files are created)."""
    folder.chmod(0o555)
    if os.access(folder, os.W_OK):
        import tempfile

        real_mkstemp, real_mkdtemp = tempfile.mkstemp, tempfile.mkdtemp

        def refuse(real: Any) -> Any:
            def create(*args: Any, **kwargs: Any) -> Any:
                if Path(kwargs.get("dir") or ".").resolve() == folder.resolve():
                    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
                return real(*args, **kwargs)

            return create

        monkeypatch.setattr(tempfile, "mkstemp", refuse(real_mkstemp))
        monkeypatch.setattr(tempfile, "mkdtemp", refuse(real_mkdtemp))
        real_os_open = os.open

        def os_open(file: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            if flags & os.O_CREAT and Path(file).resolve().parent == folder.resolve():
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
            return real_os_open(file, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", os_open)
