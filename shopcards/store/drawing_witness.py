"""The drawing chain's copy outside the card file: one JSON line per chain record.

It sits beside the card file's backups folder, so restoring the card file from a backup does
not rewrite it: a card file restored and drawn again then disagrees with it, and
``shopcards draw --verify`` says so. Lines are only appended; the file is the user's alone.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from shopcards import paths
from shopcards.store.drawing_chain import Link


def witness_path(db_path: Path) -> Path:
    """``backups/<card file>.drawing-chain.log`` beside the card file."""
    return paths.backups_dir(db_path).parent / f"{db_path.stem}.drawing-chain.log"


def append(db_path: Path, link: Link) -> None:
    """Add one line for ``link`` (after its transaction is committed), flushed to the disk."""
    path = witness_path(db_path)
    paths.private_folder(path.parent)
    line = {
        "seq": link.seq,
        "month": link.month,
        "kind": link.kind,
        "at": link.at,
        "prev_sha256": link.prev_sha256,
        "sha256": link.sha256,
    }
    if "commitment" in link.body:
        line["commitment"] = link.body["commitment"]
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as out:
        out.write(json.dumps(line, sort_keys=True) + "\n")
        out.flush()
        os.fsync(out.fileno())


def lines(db_path: Path) -> list[dict[str, Any]]:
    """Every line written so far (none when there is no log yet)."""
    path = witness_path(db_path)
    if not path.exists():
        return []
    return [json.loads(text) for text in path.read_text(encoding="utf-8").splitlines() if text]
