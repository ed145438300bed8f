"""Forgetting a customer on the shared store: taking their bytes out of the server's files.

What PostgreSQL keeps of a deleted or rewritten row, found by reading the server's data
folder for a forgotten name (tests/services/test_erasure.py does it at every erasure):

- The row stays in its table's page, and its index entries in theirs, as a dead version.
  A plain ``VACUUM`` frees the space but does not overwrite it: a row that was the last one
  written on its page keeps its bytes there. ``VACUUM FULL`` writes each table and its
  indexes into new files; the old ones are emptied at once and deleted at the next
  checkpoint. So every table the erasure deleted from or rewrote is rewritten
  (:data:`TABLES_REWRITTEN` and every table that points at a card).
- The planner's statistics (``pg_statistic``, written by ``ANALYZE``: after a move, and by
  autovacuum) keep sample values of each column, names among them. The rewritten tables'
  samples are cleared and taken again, and ``pg_statistic`` itself rewritten, so neither
  the new samples nor the old versions hold the person.
- The write-ahead log (``pg_wal``) holds each row as it was written. ``pg_switch_wal()``
  closes the segment being written and ``CHECKPOINT`` makes every older segment unneeded;
  the server then deletes them, as long as it does not keep them for reuse under a new name
  with their old bytes (``wal_recycle = off``, services/shared_server.py sets it).
- A desk holding a snapshot older than the erasure (a report being read) may still see the
  rows, so ``VACUUM FULL`` copies them into the new files too; a desk in a transaction that
  read a table holds a lock ``VACUUM FULL`` must wait for. Either way the wipe is left
  pending (:func:`wipe` answers False) and is tried again, as on a card file.

What no program can promise on either store: blocks the file system freed (an old segment,
a table's old file) keep their bytes until the disk reuses them; nor, on the server, its own
log file, whose messages may quote a value (a refused duplicate's e-mail).

The shop's user needs two rights the server's owner gives it when the shop's database is
made: ``pg_checkpoint``, ``pg_maintain`` (rewriting ``pg_statistic``), and running
``pg_switch_wal()``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shopcards.store.card_merge import references
from shopcards.store.verdict import BUSY_TIMEOUT_MS

if TYPE_CHECKING:
    from shopcards.store.pg_connection import PgConnection

TABLES_REWRITTEN = ("customers", "tags", "changes", "customer_search", "search_words")
"""Tables an erasure deletes or rewrites rows of that do not point at a card by a foreign key
(those that do are read from the catalogue, so a new one is never missed)."""
LOCK_WAIT_MS = 250
"""How long ``VACUUM FULL`` waits for a table another desk is reading before the wipe is left
pending: the till must not stand still behind it (the card file's checkpoint waits as long)."""
LOCK_TIMEOUT = "55P03"
REWRITTEN_IN_S = 1800.0
"""How long the rewrite and the checkpoint may take: the purchases of a big shop are well
over the connection's usual 10 s (tests/bench/bench_erase_shared.py)."""

CLEAR_SAMPLES = (
    "SELECT pg_catalog.pg_clear_attribute_stats(s.schemaname, s.tablename, s.attname, "
    "s.inherited) FROM pg_catalog.pg_stats s "
    "WHERE s.schemaname = current_schema() AND s.tablename = ?"
)
"""Cleared first: ``ANALYZE`` of a table left empty keeps its old samples."""

HELD_BACK = (
    "SELECT 1 FROM pg_stat_activity a WHERE a.datname = current_database() "
    "AND a.pid <> pg_backend_pid() AND EXISTS (SELECT 1 FROM erasure_log e "
    "WHERE e.wiped_on IS NULL "
    "AND greatest(age(a.backend_xmin), age(a.backend_xid)) >= age(e.xmin)) LIMIT 1"
)
"""Another desk whose snapshot (or transaction) is as old as a pending erasure's log line:
VACUUM may not remove what that desk can still see. The line was written by the erasure's
transaction, or by a later one (the index's mark), so its ``xmin`` is never too young."""


def wipe(conn: PgConnection) -> bool:
    """Rewrite the tables that held the people whose wipe is pending, and let the server
    delete its log segments that held them; False when another desk's snapshot or lock kept
    it from that (nothing pending: True at once)."""
    if conn.execute("SELECT 1 FROM erasure_log WHERE wiped_on IS NULL LIMIT 1").fetchone() is None:
        return True
    if conn.execute(HELD_BACK).fetchone() is not None:
        return False
    with conn.unhurried(REWRITTEN_IN_S):
        if not _rewrite(conn):
            return False
        conn.execute("SELECT pg_switch_wal()")
        conn.execute("CHECKPOINT")
    return True


def _rewrite(conn: PgConnection) -> bool:
    """``VACUUM FULL`` of each table the erasure touched, each waiting at most
    :data:`LOCK_WAIT_MS` for its lock; False when one is being read."""
    tables = sorted({*TABLES_REWRITTEN, *(table for table, _column in references(conn))})
    conn.execute(f"SET lock_timeout = {LOCK_WAIT_MS}")
    try:
        for table in tables:
            conn.execute(f'VACUUM FULL "{table}"')
        for table in tables:  # the planner's samples, taken again without the person
            conn.execute(CLEAR_SAMPLES, [table])
            conn.execute(f'ANALYZE "{table}"')
        conn.execute("VACUUM FULL pg_catalog.pg_statistic")  # and their old versions gone
    except Exception as exc:
        details = exc.args[0] if exc.args else None
        if isinstance(details, dict) and details.get("C") == LOCK_TIMEOUT:
            return False
        raise
    finally:
        conn.execute(f"SET lock_timeout = {BUSY_TIMEOUT_MS}")  # the connection's own
    return True
