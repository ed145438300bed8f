"""Build shopcards for the computer this runs on: the program folder, then its installer.

    .venv/bin/python installer/build.py [--dist DIR] [--work DIR] [--no-package]

- Linux: dist/shopcards/ (the program folder, with install.sh, the desktop entry and icons)
  and dist/shopcards-VERSION-linux-ARCH.tar.gz of it; the server part (server_part.py),
  dist/shopcards-server/postgresql/, and dist/shopcards-server-VERSION-linux-ARCH.tar.gz of it.
- Windows: dist/shopcards/, dist/shopcards-server/ and, when Inno Setup 6 is installed,
  dist/shopcards-VERSION-setup.exe, with the server part as an optional component.
- macOS: dist/shopcards.app and dist/shopcards-VERSION-macos.dmg (no server part yet).

Run it on each system in turn: PyInstaller builds only for the system it runs on. The server
part's size and the program folder's are printed at the end. installer/README.md says more.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import server_part  # noqa: E402  (installer/server_part.py, beside this script)

SPEC = HERE / "shopcards.spec"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
"""The hicolor theme sizes the Linux desktop entry's icon is installed at."""
SIZE_LIMIT = 150_000_000
"""Bytes the program folder may hold; tests/installer/test_bundle.py fails above it."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the shopcards program and installer.")
    parser.add_argument(
        "--dist",
        type=Path,
        default=ROOT / "dist",
        help="where the program folder and installer go (default: dist/)",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=ROOT / "build" / "installer",
        help="PyInstaller's scratch folder (default: build/installer/)",
    )
    parser.add_argument(
        "--no-package",
        action="store_true",
        help="build the program folder only, not the installer around it",
    )
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    version = project_version()
    compile_catalogues()
    run_pyinstaller(dist, work)
    bundle = dist / "shopcards"
    icons = work / "shopcards" / "icons"  # rendered by the spec (installer/icons.py)
    print(f"program folder: {bundle}")
    server = server_part.build(dist)
    print(f"server part: {server}")
    if not args.no_package:
        package(bundle, server, icons, dist, version)
    print(f"Server part: {folder_size(server) / 1e6:.1f} MB (optional, not in the program)")
    print(size_line(folder_size(bundle)))  # last, so it is seen and includes Linux's share/
    return 0


def package(bundle: Path, server: Path, icons: Path, dist: Path, version: str) -> None:
    """The installer for the system this runs on, around the program folder, and the server
    part's own (Linux) or its optional component (Windows)."""
    if sys.platform.startswith("linux"):
        add_linux_desktop_files(bundle, icons)
        print(f"archive: {linux_archive(bundle, dist, version)}")
        print(f"server archive: {server_part.linux_archive(server, dist, version)}")
    elif sys.platform == "win32":
        windows_setup(bundle, server, icons / "shopcards.ico", dist, version)
    elif sys.platform == "darwin":
        print(f"disk image: {mac_disk_image(dist / 'shopcards.app', dist, version)}")


def project_version() -> str:
    """The version in pyproject.toml (the spec checks the installed metadata agrees)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    return str(project["version"])


def compile_catalogues() -> None:
    """One shopcards.mo per language, from resources/locale's .po files, for the spec to carry
    with the rest of resources/ (the program compiles none at start when they are there)."""
    tool = ROOT / "installer" / "catalogue.py"
    subprocess.run([sys.executable, str(tool), "compile"], check=True)


def run_pyinstaller(dist: Path, work: Path) -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit(
            f"PyInstaller is missing: `{sys.executable} -m pip install -e .[build]`"
        ) from None
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(SPEC),
        ],
        check=True,
        cwd=ROOT,
    )


def folder_size(folder: Path) -> int:
    """Bytes in the folder's files (symbolic links count as the few bytes they are)."""
    return sum(
        path.lstat().st_size for path in folder.rglob("*") if not path.is_dir() or path.is_symlink()
    )


def size_line(size: int) -> str:
    """The size the build ends on, against the limit the bundle test holds it to."""
    over = " - OVER THE LIMIT" if size > SIZE_LIMIT else ""
    return f"Installer folder: {size / 1e6:.1f} MB (limit {SIZE_LIMIT / 1e6:.0f} MB){over}"


def add_linux_desktop_files(bundle: Path, icons: Path) -> None:
    """install.sh, uninstall.sh, the desktop entry and the icon in the hicolor theme's sizes."""
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy2(HERE / "linux" / script, bundle / script)
        (bundle / script).chmod(0o755)
    share = bundle / "share"
    (share / "applications").mkdir(parents=True, exist_ok=True)
    shutil.copy2(HERE / "linux" / "shopcards.desktop", share / "applications")
    for size in ICON_SIZES:
        folder = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy2(icons / f"shopcards-{size}.png", folder / "shopcards.png")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "resources" / "icons" / "shopcards.svg", scalable)


def linux_archive(bundle: Path, dist: Path, version: str) -> Path:
    """shopcards-VERSION-linux-ARCH.tar.gz holding the folder as shopcards-VERSION/."""
    archive = dist / f"shopcards-{version}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=f"shopcards-{version}")
    return archive


def windows_setup(bundle: Path, server: Path, icon: Path, dist: Path, version: str) -> None:
    """Compile installer/windows/shopcards.iss with Inno Setup's ISCC, if it is installed."""
    places = [
        Path(os.environ.get(var, "")) / "Inno Setup 6" / "ISCC.exe"
        for var in ("ProgramFiles(x86)", "ProgramFiles", "LOCALAPPDATA")
    ]
    iscc = shutil.which("iscc") or next((str(p) for p in places if p.is_file()), None)
    command = [
        iscc or "ISCC.exe",
        f"/DAppVersion={version}",
        f"/DBundleDir={bundle}",
        f"/DServerDir={server / server_part.FOLDER}",
        f"/DIconFile={icon}",
        f"/DOutputDir={dist}",
        str(HERE / "windows" / "shopcards.iss"),
    ]
    if iscc is None:
        print(
            "Inno Setup 6 is not installed (https://jrsoftware.org/isdl.php); with it, run:\n  "
            + subprocess.list2cmdline(command)
        )
        return
    subprocess.run(command, check=True)
    print(f"setup program: {dist / f'shopcards-{version}-setup.exe'}")


def mac_disk_image(app: Path, dist: Path, version: str) -> Path:
    """A compressed disk image holding shopcards.app, to drag into Applications."""
    image = dist / f"shopcards-{version}-macos.dmg"
    subprocess.run(
        [
            "hdiutil",
            "create",
            "-volname",
            "shopcards",
            "-srcfolder",
            str(app),
            "-ov",
            "-format",
            "UDZO",
            str(image),
        ],
        check=True,
    )
    return image


if __name__ == "__main__":
    raise SystemExit(main())
