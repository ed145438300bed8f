"""Smaller copies of data files the wheels ship larger than shopcards needs them.

The spec (shopcards.spec) puts these copies in the bundle instead of the originals:

- babel's locale data (32 MB, every locale, since the shop's locale is a setting), pickled
  again with pickle protocol 5 and without the memo entries nothing refers back to. The data
  is the same, object for object; babel 2.x writes protocol 2, whose strings and memo indices
  take more bytes. About 13 MB less.
"""

from __future__ import annotations

import pickle
import pickletools
from pathlib import Path


def repickle(source: Path, target: Path) -> None:
    """Write ``source``'s pickle to ``target`` at protocol 5, with unused memo entries gone."""
    data = pickle.loads(source.read_bytes())
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(pickletools.optimize(pickle.dumps(data, protocol=5)))
