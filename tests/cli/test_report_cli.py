"""`shopcards report …` on the shop whose figures are known by hand."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from shopcards.cli import main
from shopcards.cli import report as report_cli
from shopcards.core.overview import WHO_COUNTS
from shopcards.core.purchase import PurchaseInput
from shopcards.services import auth, cards, purchases
from shopcards.services.session import Session
from tests.cli.run import shopcards
from tests.conftest import FIXED_NOW, card_input, set_test_pin
from tests.services.test_insights import build_known_shop, send_batch


@pytest.fixture
def known(owner: Session, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """The known shop, with the command's clock at the tests' fixed day."""
    ids = build_known_shop(owner)

    def on_the_fixed_day(path: Path, need_owner: bool) -> Session:
        session = auth.cli_session(path, need_owner)
        session.clock = lambda: FIXED_NOW
        return session

    monkeypatch.setattr(report_cli, "cli_session", on_the_fixed_day)
    return ids


def report(db_path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["report", *args, "--db", str(db_path)]) == 0
    return capsys.readouterr().out


def test_pareto_prints_both_groups(
    known: dict[str, int], db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = report(db_path, capsys, "pareto")
    assert "8 customers bought for €2,970.00" in out
    assert "Top 20%: 2 customers, 67.3% of sales." in out
    assert "Next 40%: 3 customers, 29.0% of sales." in out
    lines = out.splitlines()
    top = lines.index("Top 20%: 2 customers")
    assert "Known, Anna" in lines[top + 2] and "€1,200.00" in lines[top + 2]
    assert "Known, Bo" in lines[top + 3]


def test_a_period_of_its_own(
    known: dict[str, int], db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = report(db_path, capsys, "pareto", "--from", "2024-01-01", "--as-of", "2024-12-31")
    assert "2 customers bought for €150.00" in out
    old_name = report(db_path, capsys, "pareto", "--from", "2024-01-01", "--to", "2024-12-31")
    assert old_name == out  # the old --to still works, unadvertised
    as_of = report(db_path, capsys, "pareto", "--as-of", "2024-12-31")
    assert "80/20 from 1 Jan 2024 to 31 Dec 2024" in as_of  # the 12 months up to that day


def test_segments_to_csv(
    known: dict[str, int], db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "segments.csv"
    out = report(db_path, capsys, "segments", "--csv", str(path))
    assert "Regular: more than 4 visits (the median)" in out
    assert any(line.split()[:3] == ["Former", "1", "0.0%"] for line in out.splitlines())
    assert f"Wrote 9 rows to {path}." in out
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["Segment"], r["Name"]) for r in rows[:2]] == [
        ("Regular, heavy", "Known, Anna"),
        ("Regular, heavy", "Known, Bo"),
    ]
    assert rows[-1]["Segment"] == "Former" and rows[-1]["Name"] == "Known, Ida"


def test_every_customer_report_states_who_is_counted(
    known: dict[str, int], db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for which in ("pareto", "lapsed", "due"):
        assert report(db_path, capsys, which).startswith(WHO_COUNTS + "\n")
    out = report(db_path, capsys, "segments")
    assert "A customer who returned more than they bought counts as spending nothing." in out
    assert WHO_COUNTS not in report(db_path, capsys, "results")


def test_customers_who_spent_the_same_are_said_to_share_a_group(
    owner: Session, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for given in ("Ada", "Ben"):
        card = cards.add_card(owner, card_input(given, "Tie"))
        purchases.record_purchase(owner, card.id or 0, PurchaseInput("50", date="2026-11-01"))
    out = report(db_path, capsys, "pareto", "--from", "2026-01-01", "--to", "2026-11-23")
    assert "Top 20%: 2 customers, 100.0% of sales." in out
    assert "so the top 20% holds 2 customers." in out


def test_lapsed_declining_and_due(
    known: dict[str, int], db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = report(db_path, capsys, "lapsed")
    assert out.index("Known, Fay") < out.index("Known, Ida")
    out = report(db_path, capsys, "declining")
    assert "Spending half or less: 2 customers" in out and "-75.0%" in out
    out = report(db_path, capsys, "due")
    assert "No letter this quarter: 4 customers" in out
    assert "No call in 6 months: 3 customers" in out


def test_long_lists_are_cut_unless_all(
    known: dict[str, int],
    db_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(report_cli, "SHOWN", 1)
    assert "… and 1 more" in report(db_path, capsys, "lapsed")
    assert "more" not in report(db_path, capsys, "lapsed", "--all")


def test_results(
    known: dict[str, int], owner: Session, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    send_batch(
        owner,
        "2026-09-01T09:00:00",
        [known[n] for n in ("Anna", "Bo", "Dana", "Hal", "Ida")],
        [known["Cai"], known["Gus"]],
    )
    out = report(db_path, capsys, "results")
    assert "60.0% / 50.0%" in out and "+10.0 pts" in out
    assert main(["report", "results", "--csv", "x.csv", "--db", str(db_path)]) == 2
    assert "Leave out --csv" in capsys.readouterr().err


def test_results_of_a_batch_with_nobody_held_back_say_the_effect_cannot_be_measured(
    known: dict[str, int], owner: Session, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    send_batch(owner, "2026-09-01T09:00:00", [known["Anna"], known["Bo"]], [])
    out = report(db_path, capsys, "results")
    assert "no hold-out" in out
    assert "nobody was held back from that batch" in out and "cannot be measured" in out


def test_the_owners_pin_is_asked_for(owner: Session, db_path: Path, tmp_path: Path) -> None:
    set_test_pin(owner)
    done = shopcards("report", "lapsed", "--db", str(db_path), home=tmp_path / "home", pin="0000")
    assert done.returncode == 2
    assert "PIN is not right" in done.stderr


@pytest.mark.parametrize("family", ['=HYPERLINK("http://evil")', "+1+1", "@SUM(A1)", "-Dash"])
def test_a_name_like_a_formula_is_written_as_text(
    known: dict[str, int],
    owner: Session,
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    family: str,
) -> None:
    card = cards.add_card(owner, card_input("Eve", family))
    assert card.id is not None
    purchases.record_purchase(owner, card.id, PurchaseInput("99", date="2026-11-01"))
    path = tmp_path / "segments.csv"
    report(db_path, capsys, "segments", "--csv", str(path))
    with path.open(encoding="utf-8-sig", newline="") as f:
        names = [row["Name"] for row in csv.DictReader(f)]
    assert f"'{family}, Eve" in names
    assert not any(name.startswith(("=", "+", "@", "-")) for name in names)
