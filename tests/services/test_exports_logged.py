"""Customer data written to a file is in the change log, with the desk and the role."""

from __future__ import annotations

import socket
from pathlib import Path

from shopcards.core.insights import CustomerList
from shopcards.services import insights
from shopcards.services.session import Session
from shopcards.store import changes


def test_a_customer_list_written_to_a_file_is_logged(owner: Session, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    insights.export_csv(owner, CustomerList("nobody", []), path)
    [line] = changes.for_entity(owner.db, "card_file", 0)
    assert (line.actor, line.action, line.desk) == ("owner", "exported", socket.gethostname())
    assert line.details == {"what": "customer list", "to": str(path), "rows": 0}
