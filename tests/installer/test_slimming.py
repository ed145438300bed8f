"""installer/slimming.py: the smaller copies the bundle carries hold the same data where it
is read. Quick: babel's pickles are slimmed here on their own, without building the bundle."""

from __future__ import annotations

import importlib.util
import pickle
from pathlib import Path
from types import ModuleType

import babel
import pytest

ROOT = Path(__file__).resolve().parents[2]
BABEL_DATA = Path(babel.__file__).parent


def load_slimming() -> ModuleType:
    spec = importlib.util.spec_from_file_location("slimming", ROOT / "installer/slimming.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SLIMMING = load_slimming()


@pytest.mark.parametrize("name", ["global.dat", "locale-data/root.dat", "locale-data/ar.dat"])
def test_babel_data_is_repickled_smaller_and_the_same(name: str, tmp_path: Path) -> None:
    source = BABEL_DATA / name
    SLIMMING.repickle(source, tmp_path / "out.dat")
    assert (tmp_path / "out.dat").stat().st_size < source.stat().st_size
    slim, original = (pickle.loads(path.read_bytes()) for path in (tmp_path / "out.dat", source))
    # babel's PluralRule and NumberPattern compare by identity: compare their pickled state
    assert pickle.dumps(slim, protocol=5) == pickle.dumps(original, protocol=5)
