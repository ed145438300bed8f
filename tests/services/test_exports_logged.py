"""Customer data written to a file is in the change log, with the desk and the role."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from shopcards.core.insights import CustomerList
from shopcards.services import insights, letters
from shopcards.services.letters import LetterRequest, Output
from shopcards.services.session import Session
from shopcards.store import changes
from tests.letters_shop import build_shop


def test_a_customer_list_written_to_a_file_is_logged(owner: Session, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    insights.export_csv(owner, CustomerList("nobody", []), path)
    [line] = changes.for_entity(owner.db, "card_file", 0)
    assert (line.actor, line.action, line.desk) == ("owner", "exported", socket.gethostname())
    assert line.details == {"what": "customer list", "to": str(path), "rows": 0}


@pytest.mark.parametrize("output", [Output.ENVELOPES, Output.LABELS])
def test_envelopes_and_labels_written_to_a_file_are_logged(
    owner: Session, clerk: Session, tmp_path: Path, output: Output
) -> None:
    anna = build_shop(owner)["anna"]
    path = tmp_path / f"{output.value}.pdf"
    letters.print_batch(clerk, LetterRequest(output, f"ids:{anna}"), path)
    [line] = changes.for_entity(owner.db, "card_file", 0)
    assert (line.actor, line.action, line.desk) == ("clerk", "exported", socket.gethostname())
    assert line.details == {"what": output.value, "to": str(path), "rows": 1}


def test_letters_are_logged_as_printed_not_as_an_export(owner: Session, tmp_path: Path) -> None:
    build_shop(owner)
    letters.print_batch(
        owner, LetterRequest(Output.LETTERS, "all", "letter_quarterly"), tmp_path / "q.pdf"
    )
    assert changes.for_entity(owner.db, "card_file", 0) == []
