"""Every byte a store keeps on disk, for the tests that prove a forgotten customer left it.

A card file is its file with its -wal and -shm. A shared card file is, on the server, its
database's folder (tables, indexes, their free space) and the server's write-ahead log,
read from the server's data folder (the tests' server runs as the user who runs the tests,
and they connect as its owner, who may ask where that folder is).
"""

from __future__ import annotations

from pathlib import Path

from shopcards.core.shared_address import SharedAddress
from shopcards.store.stores import Location, open_store

SERVER_FILES = "the server's files"


def stored_bytes(location: Location) -> dict[str, bytes]:
    """Each file's bytes by its name; a shared card file's as one (its database's folder
    and the server's write-ahead log), since which of them holds a row changes as the
    server checkpoints."""
    if not isinstance(location, SharedAddress):
        files = sorted(location.parent.glob(location.name + "*"))
        return {file.name: file.read_bytes() for file in files if file.is_file()}
    store = open_store(location)
    try:
        folder, oid = store.db.execute(
            "SELECT current_setting('data_directory'), oid FROM pg_database "
            "WHERE datname = current_database()"
        ).fetchone()
    finally:
        store.close()
    data = Path(folder)
    files = [*(data / "base" / str(oid)).iterdir(), *(data / "pg_wal").iterdir()]
    return {SERVER_FILES: b"".join(_read(file) for file in files)}


def _read(file: Path) -> bytes:
    """A server file's bytes; none when the server deleted it meanwhile (an old segment)."""
    try:
        return file.read_bytes() if file.is_file() else b""
    except FileNotFoundError:
        return b""
