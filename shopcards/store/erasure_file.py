"""The erasure log's copy outside the card file: ``backups/<card file>.erasures.log``.

Restoring an older backup replaces the card file, erasure log and all; this copy beside the
backups folder is not replaced, so the restore can forget again every customer forgotten
since (services/backup.py merges both). One line per erasure: the card's id, its number and
the day, tab-separated; no name. Lines are only appended; the file is the user's alone, as the
drawing chain's witness log beside it (store/drawing_witness.py).
"""

from __future__ import annotations

import os
from pathlib import Path

from shopcards import paths
from shopcards.core.retention import Logged


def log_path(db_path: Path) -> Path:
    return paths.backups_dir(db_path).parent / f"{db_path.stem}.erasures.log"


def append(db_path: Path, lines: list[Logged]) -> None:
    """Add ``lines`` (after their transaction is committed), flushed to the disk."""
    if not lines:
        return
    path = log_path(db_path)
    paths.private_folder(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as out:
        out.writelines(f"{line.card_id}\t{line.card_no}\t{line.erased_on}\n" for line in lines)
        out.flush()
        os.fsync(out.fileno())


def lines(db_path: Path) -> list[Logged]:
    """Every line written so far (none when there is no log yet); a torn last line (a crash
    while writing) is skipped."""
    path = log_path(db_path)
    if not path.exists():
        return []
    out: list[Logged] = []
    for text in path.read_text(encoding="utf-8").splitlines():
        parts = text.split("\t")
        if len(parts) == 3 and parts[0].isdigit():
            out.append(Logged(int(parts[0]), parts[1], parts[2]))
    return out
