"""How long forgetting one customer takes on a big shared card file, and what each part costs.

    .venv/bin/python tests/bench/bench_erase_shared.py --db PATH [--repeat 2]

Moves a copy of the card file into a server of its own (tests/shared_store.py), then forgets
customers with 10 to 100 purchases, one at a time, through the service. Prints each
erasure's whole time, and its parts timed apart on the next card: the rows and their commit,
then the wipe (store/erasure_server.py): each table's ``VACUUM FULL`` (the till waits for the
table it is rewriting) and the log switch with its checkpoint.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from shopcards.core.roles import Role
from shopcards.services import erasure
from shopcards.services.opening import open_session
from shopcards.services.session import Session
from shopcards.store import erasure as store
from shopcards.store import erasure_server, moving
from shopcards.store.card_merge import references
from shopcards.store.cardfile import open_card_file
from shopcards.store.shared_file import open_shared
from tests.shared_store import ServerForTests


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def typical_buyers(session: Session, count: int) -> list[int]:
    """Customers with 10 to 100 purchases (a demo shop's biggest buyer has hundreds of
    thousands, whose blanking alone is seconds of the server's work)."""
    rows = session.db.execute(
        "SELECT customer_id FROM purchases WHERE customer_id IS NOT NULL "
        "GROUP BY customer_id HAVING count(*) BETWEEN 10 AND 100 LIMIT ?",
        [count],
    ).fetchall()
    return [int(row[0]) for row in rows]


def forget_rows(session: Session, card_id: int) -> None:
    with session.card_file.write() as db:
        store.forget(db, card_id, session.today().isoformat())


def parts(session: Session, card_id: int) -> None:
    """One erasure with its wipe's parts timed apart."""
    conn = session.card_file.conn
    print(f"  rows and commit {timed(partial(forget_rows, session, card_id)):7.2f} s")
    tables = sorted({*erasure_server.TABLES_REWRITTEN, *(t for t, _c in references(conn))})
    with conn.unhurried(erasure_server.REWRITTEN_IN_S):
        for table in tables:
            took = timed(partial(conn.execute, f'VACUUM FULL "{table}"'))
            print(f"  VACUUM FULL {table:28} {took:7.2f} s")
        switch = timed(lambda: (conn.execute("SELECT pg_switch_wal()"), conn.execute("CHECKPOINT")))
    print(f"  log switch and checkpoint {switch:7.2f} s")
    erasure.finish_wipe(session)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-erase-shared-"))
    copy = folder / "shop.db"
    shutil.copyfile(args.db, copy)
    server = ServerForTests(folder)
    try:
        server.run("CREATE DATABASE bench TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'")
        address = server.address("bench")
        card_file, shared = open_card_file(copy), open_shared(address, None)
        print(f"move in {timed(lambda: moving.into_server(card_file, shared, None)):6.1f} s")
        card_file.close()
        shared.close()
        owner = open_session(address, Role.OWNER)
        *whole, last = typical_buyers(owner, args.repeat + 1)
        for card_id in whole:
            took = timed(partial(erasure.forget_customer, owner, card_id))
            print(f"forget one customer (service, wipe included) {took:7.2f} s")
        print("its parts:")
        parts(owner, last)
        owner.close()
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
