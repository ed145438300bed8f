"""No words reach a user without going through the catalogue.

The code is read (not run): a text literal or f-string handed to what shows it — a Qt label,
button, title, tooltip, accessible name, placeholder, message box, list item, a table's
headings — or to an error that a user will read, or printed by the command line, must be a
message of the catalogue (``_()``, ``ngettext()``, ``pgettext()``), so every language has it.
A literal with no letters in it (":", "•", "–") needs no translation.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import shopcards

PACKAGE = Path(shopcards.__file__).parent

TEXT_CALLS = {
    # Qt: what puts words on screen
    "QLabel", "QPushButton", "QToolButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction",
    "QTableWidgetItem", "QListWidgetItem", "QStandardItem", "QTreeWidgetItem", "QMenu",
    "setText", "setWindowTitle", "setToolTip", "setStatusTip", "setWhatsThis", "setTitle",
    "setPlaceholderText", "setAccessibleName", "setAccessibleDescription", "setLabelText",
    "setInformativeText", "setDetailedText", "setSuffix", "setPrefix", "setSpecialValueText",
    "setTabText", "setTabToolTip", "setItemText", "setHeaderLabels", "setHorizontalHeaderLabels",
    "setVerticalHeaderLabels", "addAction", "addMenu", "addTab", "insertTab", "addItem",
    "insertItem", "addItems", "addRow", "addButton", "showMessage", "setFormat", "setButtonText",
    "information", "warning", "critical", "question", "getText", "getItem", "getInt",
    "getOpenFileName", "getSaveFileName", "getExistingDirectory", "setNameFilter",
    "setNameFilters", "setDefaultSuffix", "setSubTitle", "setLabel", "setCancelButtonText",
    # the command line
    # shopcards: the work only the owner may do ("Only the owner may …")
    "require_owner",
    "print", "add_argument", "add_parser", "add_command", "ArgumentParser", "error",
}  # fmt: skip
WORDS = re.compile(r"[^\W\d_]{2,}")
TRANSLATORS = {"_", "ngettext", "pgettext", "npgettext", "N_", "NP_", "gettext"}


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _bare(node: ast.expr) -> bool:
    """A literal with words in it, or an f-string with any literal words."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(WORDS.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_bare(part) for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, ast.BinOp):  # "a" + "b", "…%s" % x
        return _bare(node.left) or _bare(node.right)
    if isinstance(node, ast.IfExp):
        return _bare(node.body) or _bare(node.orelse)
    return False


def _logged(func: ast.expr) -> bool:
    """``log.error("…")``: the log stays English, for whoever reads it to help."""
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id in {"log", "_log", "logger", "logging"}
    )


def _said_bare(call: ast.Call) -> list[ast.expr]:
    name = _name(call.func)
    if name in TRANSLATORS or _logged(call.func):
        return []
    positional = call.args
    if name in _NAMING_CALLS:  # add_argument("--db"), add_parser("backup"): names, not words
        positional = [a for a in call.args if not _is_name(a)]
    arguments = [*positional, *(k.value for k in call.keywords if k.arg not in _NOT_WORDS)]
    if name in TEXT_CALLS or name in SHOP_ERRORS or name.endswith(("Error", "Refused")):
        return [a for a in arguments if _bare(a)]
    return []


SAID_TO_A_PERSON = {"ShopError", "NotAPhone", "NotAnAmount"}
"""The errors whose message a person reads: every ShopError, and the two ValueErrors whose
message says why a typed phone or amount is refused."""


def _shop_errors() -> frozenset[str]:
    """Every class of the package that derives, however far down, from one said to a person."""
    bases: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases.setdefault(node.name, set()).update(_name(b) for b in node.bases)
    found = set(SAID_TO_A_PERSON)
    while grown := {c for c, parents in bases.items() if parents & found} - found:
        found |= grown
    return frozenset(found)


SHOP_ERRORS = _shop_errors()

_NOT_WORDS = {
    "dest", "metavar", "choices", "type", "action", "default", "objectName", "file", "version",
}  # fmt: skip
"""Keyword arguments that are names for the program, not words for people."""
_NAMING_CALLS = {"add_argument", "add_parser", "add_command"}
_NAME = re.compile(r"-{0,2}[A-Za-z][\w-]*")


def _is_name(node: ast.expr) -> bool:
    """An option or a command's name (``--dry-run``, ``import-purchases``, ``file``)."""
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and bool(_NAME.fullmatch(node.value))
    )


def bare_words(path: Path) -> list[tuple[int, str]]:
    """Each text of ``path`` said around the catalogue: its line and its source."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.lineno, ast.unparse(argument)[:70])
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        for argument in _said_bare(node)
    ]


CHECKED: list[str] = [
    "core/i18n.py",
    "services/catalogues.py",
    "core/card.py",
    "core/card_merge.py",
    "core/customer_csv.py",
    "core/customer_sheets.py",
    "core/customer_vcards.py",
    "core/errors.py",
    "core/files.py",
    "core/money.py",
    "core/pin.py",
    "core/purchase.py",
    "core/purchase_dates.py",
    "core/purchase_file.py",
    "core/settings.py",
    "core/consent.py",
    "core/duplicates.py",
    "core/subject_access.py",
    "services/auth.py",
    "services/backup.py",
    "services/card_merge.py",
    "services/cards.py",
    "services/customer_import_undo.py",
    "services/customer_mappings.py",
    "services/demo.py",
    "services/duplicates.py",
    "services/erasure.py",
    "services/purchase_import.py",
    "services/purchases.py",
    "services/retention.py",
    "services/session.py",
    "services/settings.py",
    "services/subject_access.py",
    "store/backup.py",
    "store/bulk.py",
    "store/card_merge.py",
    "store/drawing.py",
    "store/cardfile.py",
    "store/erasure.py",
    "store/verdict.py",
    "cli",
    "ui/kit",
    "ui/settings",
    "ui/duplicates",
    "ui/exports",
    "ui/retention",
    "app.py",
    "ui/kit/language.py",
    "ui/card",
    "ui/history",
    "ui/imports",
    "ui/till",
    "ui/insights",
    "ui/kit/mirror.py",
    "core/insights.py",
    "core/insights_text.py",
    "core/overview.py",
    "core/rfm.py",
    "core/segments.py",
    "services/insights.py",
    "ui/loyalty",
    "core/calls.py",
    "core/history.py",
    "core/loyalty.py",
    "core/loyalty_insights.py",
    "core/loyalty_tiers.py",
    "services/calls.py",
    "services/loyalty.py",
    "services/loyalty_cards.py",
    "services/loyalty_insights.py",
    "services/loyalty_tiers.py",
    "services/tier_selection.py",
    "ui/letters",
    "ui/drawing",
    "core/templates.py",
    "core/drawing.py",
    "core/mailing.py",
    "core/printed.py",
    "services/letter_scripts.py",
    "services/letter_selections.py",
    "services/letter_setup.py",
    "services/letters.py",
    "services/letters_sent.py",
    "services/templates.py",
    "services/drawing.py",
    "services/drawing_notice.py",
    "services/drawing_proof.py",
    "printing",
    "ui/cabinet",
    "core/validation.py",
    "core/phones.py",
    "core/customer_rows.py",
    "core/customer_duplicates.py",
    "core/customer_update.py",
    "core/name_split.py",
    "core/address_split.py",
    "core/csv_cells.py",
    "core/text_files.py",
    "core/customer_table.py",
    "services/customer_import.py",
    "services/customer_files.py",
    "services/customer_export.py",
    "store/customer_import.py",
    "store/customers.py",
    "core/shared_address.py",
    "services/autostart.py",
    "services/connection_secret.py",
    "services/lan.py",
    "services/server_process.py",
    "services/server_setup.py",
    "services/shared_server.py",
]  # fmt: skip
"""The parts already said through the catalogue; each part joins as it is translated, until
this list is the whole package."""


def test_no_words_reach_a_user_around_the_catalogue() -> None:
    paths = [
        path
        for part in CHECKED
        for path in ([PACKAGE / part] if part.endswith(".py") else (PACKAGE / part).rglob("*.py"))
    ]
    found = [
        f"{path.relative_to(PACKAGE)}:{line}: {text}"
        for path in sorted(paths)
        for line, text in bare_words(path)
    ]
    assert not found, f"{len(found)} texts not through the catalogue:" + "".join(
        f"\n  {line}" for line in found[:60]
    )


def test_the_check_sees_a_bare_label_and_passes_a_translated_one(tmp_path: Path) -> None:
    source = tmp_path / "screen.py"
    source.write_text(
        "label = QLabel('Find a card')\n"
        "ok = QLabel(_('Find a card'))\n"
        "b.setToolTip(f'{n} cards')\n"
        "raise ValidationError('the date is wrong')\n"
        "raise NotFound('no such card')\n"
        "sep = QLabel(':')\n",
        encoding="utf-8",
    )
    found = [text for _line, text in bare_words(source)]
    assert found == ["'Find a card'", "f'{n} cards'", "'the date is wrong'", "'no such card'"]
