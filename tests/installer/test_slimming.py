"""installer/slimming.py: the smaller copies the bundle carries hold the same data where it
is read. Quick (a few seconds): babel's pickles and Qt's ICU data are slimmed here on their
own, without building the bundle."""

from __future__ import annotations

import importlib.util
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import babel
import PySide6
import pytest

ROOT = Path(__file__).resolve().parents[2]
BABEL_DATA = Path(babel.__file__).parent
ICU_DATA = next((Path(PySide6.__file__).parent / "Qt/lib").glob("libicudata.so.*"), None)

QT_USES_ICU = """
from PySide6.QtCore import QCollator, QLocale
order = sorted(["Ö", "Z", "A", "Å"], key=QCollator(QLocale("sv_SE")).sortKey)
upper = QLocale("tr_TR").toUpper("istanbul")
icu = [line.split()[-1] for line in open("/proc/self/maps") if "libicudata" in line][0]
print(" ".join(order), upper, icu, sep="|")
"""
"""The calls into ICU Qt Core makes for shopcards: Swedish sorting and Turkish capitals."""


def load_slimming() -> ModuleType:
    spec = importlib.util.spec_from_file_location("slimming", ROOT / "installer/slimming.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SLIMMING = load_slimming()


@pytest.mark.parametrize("name", ["global.dat", "locale-data/root.dat", "locale-data/ar.dat"])
def test_babel_data_is_the_same_without_units_and_smaller(name: str, tmp_path: Path) -> None:
    source = BABEL_DATA / name
    SLIMMING.slim_babel_data(source, tmp_path / "out.dat")
    assert (tmp_path / "out.dat").stat().st_size < source.stat().st_size
    slim, original = (pickle.loads(path.read_bytes()) for path in (tmp_path / "out.dat", source))
    for key in SLIMMING.BABEL_UNUSED:
        original.pop(key, None)
    # babel's PluralRule and NumberPattern compare by identity: compare their pickled state
    assert pickle.dumps(slim, protocol=5) == pickle.dumps(original, protocol=5)


def test_shopcards_never_reads_the_units_or_zone_names_the_bundle_leaves_out() -> None:
    readers = (
        "babel.units",
        "babel import units",
        "format_timedelta",
        "unit_display_names",
        "get_timezone",  # the zone names: only these and a pattern with a zone read them
        "format_datetime",
        "format_time(",
        "format_interval",
    )
    for source in (ROOT / "shopcards").rglob("*.py"):
        text = source.read_text("utf-8")
        assert not [r for r in readers if r in text], f"{source} reads what the bundle left out"


def run_qt(preload: Path | None) -> list[str]:
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    if preload is not None:
        env["LD_PRELOAD"] = str(preload)
    done = subprocess.run(
        [sys.executable, "-c", QT_USES_ICU], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip().split("|")


@pytest.mark.skipif(
    ICU_DATA is None or not all(shutil.which(tool) for tool in ("objcopy", "as", "ld")),
    reason="Qt links no ICU here (not Linux), or binutils is missing",
)
def test_icu_without_what_qt_never_reads_answers_qt_the_same(tmp_path: Path) -> None:
    assert ICU_DATA is not None
    slim = tmp_path / ICU_DATA.name
    SLIMMING.slim_icu_library(ICU_DATA, slim, tmp_path / "scratch")
    assert slim.stat().st_size < ICU_DATA.stat().st_size * 0.2

    *answers, used = run_qt(slim)
    assert used == str(slim), "the slim library was the one loaded"
    assert answers == run_qt(None)[:-1]
    assert answers == ["A Z Å Ö", "İSTANBUL"]
