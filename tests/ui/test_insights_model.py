"""The customer-list model reads names only for the rows shown, a page at a time."""

from __future__ import annotations

from shopcards.core.insights import Column, CustomerList, Kind
from shopcards.services.session import Session
from shopcards.ui.insights.model import PAGE_SIZE, CustomerListModel

NOW = "2026-11-23T10:00:00"


def test_names_are_read_a_page_at_a_time(owner: Session) -> None:
    count = PAGE_SIZE * 2 + 50
    with owner.card_file.write() as db:
        db.conn.executemany(
            "INSERT INTO customers (id, card_no, given_name, family_name, created_at, "
            "created_by, updated_at, updated_by, sort_key, drawer) "
            "VALUES (?, ?, 'Anna', ?, ?, 'owner', ?, 'owner', ?, 'C')",
            [(i, f"{i:07d}", f"Customer {i}", NOW, NOW, f"c{i}") for i in range(1, count + 1)],
        )
    ranked = list(range(count, 0, -1))
    model = CustomerListModel(owner)
    model.set_list(
        CustomerList(
            "Everyone", ranked, (Column("Spend", Kind.MONEY, [card * 100 for card in ranked]),)
        )
    )
    reads: list[str] = []
    owner.db.conn.set_trace_callback(
        lambda sql: reads.append(sql) if "FROM customers c WHERE c.id IN" in sql else None
    )
    try:
        assert model.rowCount() == count and model.columnCount() == 4
        assert model.text(0, 0) == f"Customer {count}, Anna"
        assert model.text(0, 1) == f"{count:07d}"
        assert model.text(0, 3) == f"€{count}.00"
        assert model.text(PAGE_SIZE - 1, 0) == f"Customer {count - PAGE_SIZE + 1}, Anna"
        assert len(reads) == 1
        assert model.text(count - 1, 0) == "Customer 1, Anna"
        assert len(reads) == 2
    finally:
        owner.db.conn.set_trace_callback(None)
