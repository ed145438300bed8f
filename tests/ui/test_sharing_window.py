"""File ▸ Share… and File ▸ Connect… in the real window, on a real PostgreSQL server (issue 16).

The owner shares the card file from the File menu: a server is set up in a folder of the
test's own (on a free port, with no start-with-the-PC step run here), the cards move in, and
the dialog shows the address and password; "Open the shared card file" moves the window onto
it. Then, as on the other PC (the password not kept), File ▸ Connect… takes the address and
password by keys: a wrong one is refused under the fields, the address kept, and the
right one opens the shared card file and is kept for this PC.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from shopcards.app import Cabinet
from shopcards.core.card import CardQuery
from shopcards.services import auth, cards, connection_secret, server_setup, sharing
from shopcards.services.autostart import Outcome, ServerPrograms, Step
from shopcards.services.lan import LanAddress, lan_addresses
from shopcards.services.server_setup import SharedServer
from shopcards.services.session import Session
from shopcards.store.shared_file import SharedCardFile
from shopcards.ui.cabinet.shop_tools import ShopTools
from shopcards.ui.kit.error_dialog import ErrorDialog
from shopcards.ui.settings.shop_setup import ShopSetupDialog
from shopcards.ui.sharing.connect_dialog import ConnectDialog
from shopcards.ui.sharing.share_dialog import ShareDialog
from tests.conftest import PIN, set_test_pin
from tests.shared_store import free_port
from tests.ui.conftest import ModalAnswers, find, show_window, type_keys, visible_texts
from tests.ui.test_cabinet_app import cabinet, settings  # noqa: F401 (fixtures)

NO_SYSTEMD = Outcome(Step(command=("systemctl", "--user", "enable", "x")), False, "no systemd")


@pytest.fixture
def servers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[SharedServer]]:
    """Sharing sets its server up in the test's folder, on a free port; taken away after."""
    made: list[SharedServer] = []
    found = lan_addresses()
    lan = found[0] if found else LanAddress("lo", *_loopback())
    real_set_up = server_setup.set_up

    def set_up_here() -> SharedServer:
        def not_here(_programs: ServerPrograms) -> list[Outcome]:
            return [NO_SYSTEMD]

        server = real_set_up(tmp_path / "server", free_port(), lan, not_here)
        made.append(server)
        return server

    monkeypatch.setattr(server_setup, "set_up", set_up_here)
    yield made
    for server in made:
        server_setup.take_back(server.plan)


def _loopback() -> tuple[ipaddress.IPv4Address, ipaddress.IPv4Network]:
    return ipaddress.IPv4Address("127.0.0.1"), ipaddress.IPv4Network("127.0.0.0/8")


def _file_entry(cabinet: Cabinet, text: str) -> None:  # noqa: F811
    window = cabinet.window
    assert window is not None
    file_menu = window.menuBar().actions()[0].menu()
    entries = {a.text().replace("&", ""): a for a in file_menu.actions() if not a.isSeparator()}
    entries[text].trigger()


def _modal(qtbot: QtBot, kind: type[QWidget]) -> QWidget:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind))
    dialog = QApplication.activeModalWidget()
    assert dialog is not None
    return dialog


def test_the_owner_shares_from_the_file_menu_and_another_pc_connects_by_keys(
    cabinet: Cabinet,  # noqa: F811
    shop: Session,
    qtbot: QtBot,
    modals: ModalAnswers,
    servers: list[SharedServer],
) -> None:
    set_test_pin(shop)
    assert cabinet.open(shop.card_file.path)
    qtbot.waitUntil(lambda: cabinet.tools is not None)
    window = cabinet.window
    assert window is not None and cabinet.session is not None
    assert auth.become_owner(cabinet.session, PIN) is None
    file_menu = [a.text().replace("&", "") for a in window.menuBar().actions()[0].menu().actions()]
    assert file_menu[2:7] == [
        "",
        "Connect to a shared card file…",
        "Share this card file with other PCs…",
        "",
        "Back up now",
    ]

    _file_entry(cabinet, "Share this card file with other PCs…")
    share = _modal(qtbot, ShareDialog)
    assert isinstance(share, ShareDialog)
    assert share.focusWidget() is share.share_button
    type_keys(qtbot, share, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: share.server is not None, timeout=60_000)
    address_text = find(share, QLineEdit, "Address").text()
    password = find(share, QLineEdit, "Password").text()
    (server,) = servers
    assert address_text == server.address.short and password == server.password
    assert connection_secret.start_location() == server.address  # the till's next start
    undone = "Not done: systemctl --user enable x (no systemd)"
    assert any(undone in text for text in visible_texts(share))
    type_keys(qtbot, share, Qt.Key.Key_Return)  # Open the shared card file: the default now
    qtbot.waitUntil(lambda: isinstance(_card_file(cabinet), SharedCardFile), timeout=20_000)
    assert _names(cabinet) == _names_of(shop)
    shared_window = cabinet.window

    connection_secret.forget(server.address)  # as on the other PC: nothing kept there yet
    _file_entry(cabinet, "Connect to a shared card file…")
    connect = _modal(qtbot, ConnectDialog)
    assert isinstance(connect, ConnectDialog)
    assert connect.focusWidget() is connect.address  # typing can start at once
    type_keys(qtbot, connect, address_text, Qt.Key.Key_Tab, "wrong-wrong-wrong", Qt.Key.Key_Return)
    qtbot.waitUntil(connect.problem.isVisible, timeout=20_000)
    assert "password" in connect.problem.text().lower()
    assert connect.address.text() == address_text and connect.isVisible()
    assert connect.focusWidget() is connect.password and connect.password.text() == ""
    type_keys(qtbot, connect, password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: cabinet.window is not shared_window, timeout=20_000)
    assert not isValid(connect)  # closed (and deleted) once it had connected
    assert connection_secret.password_for(server.address) == password
    assert isinstance(_card_file(cabinet), SharedCardFile)
    assert _names(cabinet) == _names_of(shop)

    assert cabinet.session is not None and auth.become_owner(cabinet.session, PIN) is None
    said: list[str] = []

    def read(refused: QWidget) -> None:
        assert isinstance(refused, ErrorDialog)
        said.append(find(refused, QLabel, "Message").text())
        refused.close()

    modals.then(_not_now).then(read)  # the test's shop was never set up: asked on opening
    _file_entry(cabinet, "Share this card file with other PCs…")  # said at once, not after Share
    assert len(said) == 1 and "shared already" in said[0]


def _not_now(setup: QWidget) -> None:
    assert isinstance(setup, ShopSetupDialog)
    setup.reject()


def _card_file(cabinet: Cabinet) -> object:  # noqa: F811
    return None if cabinet.session is None else cabinet.session.card_file


def _names(cabinet: Cabinet) -> list[str]:  # noqa: F811
    assert cabinet.session is not None
    return _names_of(cabinet.session)


def _names_of(session: Session) -> list[str]:
    return [c.display_name for c in cards.list_cards(session, CardQuery())]


def test_the_card_file_left_behind_says_where_its_cards_went_when_opened_again(
    qtbot: QtBot, shop: Session, servers: list[SharedServer]
) -> None:
    """After sharing, the till opens the shared card file; its own card file is kept as it
    was. Opened again by hand it looks like the shop's, so the window says it is not."""
    set_test_pin(shop)
    assert auth.become_owner(shop, PIN) is None
    sharing.share(shop)
    (server,) = servers
    window = show_window(qtbot, shop)
    ShopTools(window, shop)
    note = find(window, QLabel, "Card file note").text()
    assert f"moved to the shared card file at {server.address.short}" in note
    assert "does not reach the other PCs" in note


def test_a_card_file_never_shared_has_no_such_note(qtbot: QtBot, shop: Session) -> None:
    window = show_window(qtbot, shop)
    ShopTools(window, shop)
    assert not [w for w in window.findChildren(QLabel) if w.accessibleName() == "Card file note"]
