"""The About box: the version, where the card file lives, and what shopcards ships, under
which licence, with each licence's full text.

The packages and their licences come from installed metadata (``importlib.metadata``), so
the list names what this installation really holds: in the installed program, the metadata
that installer/shopcards.spec copies for exactly the packages it bundles; from a checkout,
shopcards' requirements, followed through. Python, Qt, SQLite and the fonts are not Python
packages and are named here.
"""

from __future__ import annotations

import platform
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html import escape
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopcards import __version__, paths
from shopcards.core.i18n import N_, _
from shopcards.services.session import sqlite_version
from shopcards.ui.kit.theme import MARGIN, SPACING
from shopcards.ui.kit.window_fit import fit_to_screen

TITLE = N_("About shopcards")
_CLASSIFIER_NAMES = {
    "MIT License": "MIT",
    "BSD License": "BSD",
    "Apache Software License": "Apache",
    "GNU Library or Lesser General Public License (LGPL)": "LGPL",
    "Public Domain": "Public domain",
}
SEE_TEXT = N_("see its licence text")
LEFT_TO_RIGHT, END = "\u2066", "\u2069"
"""A path kept in its own order inside right-to-left words (Qt's rich text has no dir="ltr")."""
_LICENCE_FILE = re.compile(r"^(LICEN[CS]E|COPYING)", re.IGNORECASE)
_QT_NOTE = N_(
    "shopcards uses Qt {qt} through Qt for Python (PySide6) under the GNU Lesser General Public "
    "License 3.0. The Qt libraries are separate files in the program folder and may be "
    "replaced with a compatible build of your own; Qt's source code is at "
    "https://download.qt.io/official_releases/qt/ and Qt for Python's at "
    "https://code.qt.io/cgit/pyside/pyside-setup.git/."
)
_SQLITE_TEXT = (
    "The author disclaims copyright to this source code. In place of a legal notice, here is "
    "a blessing:\n\n    May you do good and not evil.\n    May you find forgiveness for "
    "yourself and forgive others.\n    May you share freely, never taking more than you give."
)
_ICON_TEXT = N_(
    "The shopcards icon was drawn for shopcards and is dedicated to the public domain "
    "(CC0 1.0, https://creativecommons.org/publicdomain/zero/1.0/)."
)
_BOOTLOADER_TEXT = N_(
    "The small program that starts shopcards from its folder is PyInstaller's bootloader, "
    "under the GNU General Public License 2.0 or later with the bootloader exception, which "
    "allows it to start programs under any licence (https://pyinstaller.org/en/stable/"
    "license.html)."
)


@dataclass(frozen=True)
class Component:
    """One thing shopcards ships: a package, the interpreter, a library, the fonts."""

    name: str
    version: str
    licence: str
    text: Callable[[], str]
    """The licence's full text (read only when someone asks to see it)."""


def shipped_components() -> list[Component]:
    """shopcards, Python and Qt first, the packages by name, then fonts, icon and SQLite."""
    packages = {_normalised(d.name): d for d in _shipped_distributions()}
    packages.pop("shopcards", None)
    head = [
        Component("shopcards", __version__, _own_licence_name(), _own_licence),
        Component("Python", platform.python_version(), "PSF-2.0", _resource_text("Python.txt")),
        Component("Qt", qVersion(), "LGPL-3.0-only", _qt_text),
    ]
    tail = [
        Component("Noto Sans fonts", "", "OFL-1.1", _resource_text("OFL.txt", folder="fonts")),
        Component(
            "Droid Sans Fallback font",
            "",
            "Apache-2.0",
            _resource_text("Apache-2.0.txt", folder="fonts"),
        ),
        Component("shopcards icon", "", "CC0-1.0", lambda: _(_ICON_TEXT)),
        Component("SQLite", sqlite_version(), "Public domain", lambda: _SQLITE_TEXT),
    ]
    if getattr(sys, "frozen", False):
        tail.append(
            Component(
                "PyInstaller bootloader",
                "",
                "GPL-2.0-or-later WITH Bootloader-exception",
                lambda: _(_BOOTLOADER_TEXT),
            )
        )
    return head + [_package(packages[key]) for key in sorted(packages)] + tail


def components_as_text(components: list[Component]) -> str:
    """The list as plain lines, for pasting into an e-mail."""
    return "\n".join(f"{c.name} {c.version}".rstrip() + f": {c.licence}" for c in components)


def _shipped_distributions() -> Iterable[metadata.Distribution]:
    """In the installed program, every package it holds: the installer copies the metadata of
    exactly what it bundles, and nothing outside the program folder is on the path. From a
    checkout, the packages shopcards requires."""
    if getattr(sys, "frozen", False):
        return metadata.distributions()
    return _required_distributions("shopcards")


def _required_distributions(root: str) -> Iterator[metadata.Distribution]:
    """Every installed distribution ``root`` needs, directly or not (optional extras left out).

    A requirement that is not installed (for a feature shopcards does not use, or one the
    installer left out) is not shipped, and is skipped.
    """
    seen: set[str] = set()
    waiting = [root]
    while waiting:
        key = _normalised(waiting.pop())
        if key in seen:
            continue
        seen.add(key)
        try:
            dist = metadata.distribution(key)
        except metadata.PackageNotFoundError:
            continue
        yield dist
        for requirement in dist.requires or []:
            name, _, marker = requirement.partition(";")
            if "extra" not in marker:
                waiting.append(re.split(r"[\s\[<>=!~(]", name.strip(), maxsplit=1)[0])


def _normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _package(dist: metadata.Distribution) -> Component:
    return Component(
        dist.name, dist.version, licence_name(dist.metadata), lambda: _package_text(dist)
    )


def licence_name(meta: metadata.PackageMetadata) -> str:
    """A short licence name: the SPDX expression, the License field, or the classifiers."""
    expression = _field(meta, "License-Expression")
    if expression:
        return expression
    field = _field(meta, "License")
    if field and "\n" not in field and len(field) <= 60:
        return field
    classifiers = [
        c.rsplit(" :: ", 1)[-1]
        for c in meta.get_all("Classifier") or []
        if c.startswith("License ::")
    ]
    if classifiers:
        return ", ".join(_CLASSIFIER_NAMES.get(c, c) for c in classifiers)
    return field.splitlines()[0][:60] if field else _(SEE_TEXT)


def _field(meta: metadata.PackageMetadata, name: str) -> str:
    """A metadata field's first value, or "" (a missing field is not an error)."""
    return str((meta.get_all(name) or [""])[0]).strip()


def _package_text(dist: metadata.Distribution) -> str:
    """The package's own licence files; Qt's LGPL for PySide6, whose wheels carry none."""
    texts = [f"── {name} ──\n\n{text.strip()}" for name, text in _licence_files(dist)]
    if texts:
        return "\n\n".join(texts)
    licence = licence_name(dist.metadata)
    if "LGPL" in licence:
        return _qt_text()
    home = _field(dist.metadata, "Home-page") or next(
        (url.split(",", 1)[-1].strip() for url in dist.metadata.get_all("Project-URL") or []),
        None,
    )
    if home is None:
        return _(
            "{name} is distributed under: {licence}. Its full text is at its project page.",
            name=dist.name,
            licence=licence,
        )
    return _(
        "{name} is distributed under: {licence}. Its full text is at {home}.",
        name=dist.name,
        licence=licence,
        home=home,
    )


def _licence_files(dist: metadata.Distribution) -> Iterator[tuple[str, str]]:
    names = dist.metadata.get_all("License-File") or [
        f.name
        for f in dist.files or []
        if _LICENCE_FILE.match(f.name) and f.parent.name.endswith(".dist-info")
    ]
    for name in names:
        # metadata 2.4 keeps licence files under licenses/, older wheels beside METADATA
        text = dist.read_text(f"licenses/{name}") or dist.read_text(name)
        if text:
            yield name, text


def _resource_text(name: str, folder: str = "licences") -> Callable[[], str]:
    return lambda: _file_text(paths.resources_dir() / folder / name)


def _own_licence_name() -> str:
    try:
        return licence_name(metadata.distribution("shopcards").metadata)
    except metadata.PackageNotFoundError:  # a checkout that was never pip-installed
        return _(SEE_TEXT)


def _own_licence() -> str:
    """shopcards' LICENSE sits beside resources/, in a checkout and in the program folder."""
    return _file_text(paths.resources_dir().parent / "LICENSE")


def _file_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return _("The licence text should be in {path}, which is missing.", path=path)


def _qt_text() -> str:
    texts = (_resource_text(name)() for name in ("LGPL-3.0.txt", "GPL-3.0.txt"))
    return "\n\n".join([_(_QT_NOTE, qt=qVersion()), *texts])


class AboutDialog(QDialog):
    """Help > About: the version, the open card file and its backups folder, and the list of
    what ships with its licences.

    Picking a row shows that licence's full text below the list.
    """

    def __init__(self, card_file: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card_file = card_file or paths.default_db()
        self.setWindowTitle(_(TITLE))
        self.setAccessibleName(_(TITLE))
        fit_to_screen(self, 760, 640)
        self.components = shipped_components()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN * 2, MARGIN * 2, MARGIN * 2, MARGIN * 2)
        layout.setSpacing(SPACING * 2)
        layout.addLayout(self._heading())
        self.table = self._table()
        self.licence_text = QPlainTextEdit()
        self.licence_text.setReadOnly(True)
        # licence texts are laid out for a fixed-width font (indents, ruled headings)
        self.licence_text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.licence_text.setAccessibleName(_("Licence text"))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.licence_text)
        split.setSizes([320, 200])
        shipped = QLabel(_("What shopcards ships, and under which licence (pick one to read it):"))
        shipped.setWordWrap(True)
        layout.addWidget(shipped)
        layout.addWidget(split, 1)
        layout.addWidget(self._buttons())
        self.table.currentCellChanged.connect(lambda row, *_: self._show_licence(row))
        self.table.setCurrentCell(0, 0)

    def _heading(self) -> QHBoxLayout:
        icon = QLabel()
        icon.setPixmap(QIcon(str(paths.resources_dir() / "icons" / "shopcards.svg")).pixmap(64))
        name = QLabel(_("shopcards {version}", version=__version__))
        font = name.font()
        font.setPointSize(16)
        font.setBold(True)
        name.setFont(font)
        name.setAccessibleName(_("Version"))
        card_file = escape(str(self.card_file))
        backups = escape(str(paths.backups_dir(self.card_file)))
        about = QLabel(
            "<br>".join(
                (
                    escape(_("The customer-card cabinet of a small shop.")),
                    escape(_("The card file open:")),
                    f"<code>{LEFT_TO_RIGHT}{card_file}{END}</code>",
                    escape(_("Its backups are kept in:")),
                    f"<code>{LEFT_TO_RIGHT}{backups}{END}</code>",
                )
            )
        )
        about.setAccessibleName(_("Card file"))
        about.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        words = QVBoxLayout()
        words.setSpacing(SPACING)
        words.addWidget(name)
        words.addWidget(about)
        row = QHBoxLayout()
        row.setSpacing(MARGIN * 2)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(words, 1)
        return row

    def _table(self) -> QTableWidget:
        table = QTableWidget(len(self.components), 3)
        table.setAccessibleName(_("What shopcards ships"))
        table.setHorizontalHeaderLabels([_("Component"), _("Version"), _("Licence")])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        for row, component in enumerate(self.components):
            for column, text in enumerate((component.name, component.version, component.licence)):
                table.setItem(row, column, QTableWidgetItem(text))
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        return table

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox()
        copy = QPushButton(_("Copy list"))
        copy.setAccessibleName(copy.text())
        copy.setAutoDefault(False)
        copy.clicked.connect(self._copy_list)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(close.text().replace("&", ""))

        buttons.rejected.connect(self.reject)
        return buttons

    def _show_licence(self, row: int) -> None:
        if 0 <= row < len(self.components):
            self.licence_text.setPlainText(self.components[row].text())

    def _copy_list(self) -> None:
        QGuiApplication.clipboard().setText(components_as_text(self.components))
