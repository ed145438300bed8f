"""The shared store's spelling of the store's SQL (store/dialect.py)."""

from __future__ import annotations

import pytest

from shopcards.store.dialect import for_postgres


@pytest.mark.parametrize(
    ("sqlite", "postgres"),
    [
        ("SELECT a FROM t WHERE b = ? AND c = ?", "SELECT a FROM t WHERE b = $1 AND c = $2"),
        ("SELECT a FROM t WHERE b = ?2 OR c = ?1", "SELECT a FROM t WHERE b = $2 OR c = $1"),
        (
            "INSERT OR IGNORE INTO tags (name) VALUES (?)",
            "INSERT INTO tags (name) VALUES ($1) ON CONFLICT DO NOTHING",
        ),
        (
            "INSERT OR IGNORE INTO t (a) VALUES (?) RETURNING id",
            "INSERT INTO t (a) VALUES ($1) ON CONFLICT DO NOTHING RETURNING id",
        ),
        ("SELECT id FROM c INDEXED BY c_order WHERE +date > ?", "SELECT id FROM c WHERE date > $1"),
        (
            "UPDATE h SET n = max(n, (SELECT max(id) FROM c))",
            "UPDATE h SET n = greatest(n, (SELECT max(id) FROM c))",
        ),
        ("SELECT min(a, b), min(c) FROM t", "SELECT least(a, b), min(c) FROM t"),
        (
            "SELECT * FROM c WHERE email = ? COLLATE NOCASE",
            "SELECT * FROM c WHERE lower(email) = lower($1)",
        ),
        (
            "SELECT json_extract(details, '$.a.b') FROM changes",
            "SELECT (details::jsonb #>> '{a,b}') FROM changes",
        ),
        (
            "INSERT INTO m (card_no, by) VALUES (?, ?)",
            'INSERT INTO m (card_no, "by") VALUES ($1, $2)',
        ),
        (
            "SELECT (SELECT json_group_array(p.id) FROM p), json_array_length(entries) FROM d",
            "SELECT (SELECT coalesce(json_agg(p.id)::text, '[]') FROM p), "
            "json_array_length(entries::json) FROM d",
        ),
        (
            "SELECT CAST(value ->> 0 AS INTEGER) FROM json_each(:days)",
            "SELECT CAST(value ->> 0 AS INTEGER) FROM json_array_elements(CAST($1 AS json))",
        ),
        (
            "SELECT count(*) FROM p WHERE p.date <= date(l.sent_at, ?)",
            "SELECT count(*) FROM p WHERE p.date <= "
            "to_char(l.sent_at::timestamp + $1::interval, 'YYYY-MM-DD')",
        ),
        (
            "UPDATE changes SET details = json_remove(details, '$.values', '$.note') WHERE a = ?",
            "UPDATE changes SET details = (details::jsonb - '{values,note}'::text[])::text "
            "WHERE a = $1",
        ),
        (
            "SELECT w FROM s WHERE w NOT GLOB '[0-9]*' ORDER BY rowid",
            "SELECT w FROM s WHERE w !~ '^[0-9]' ORDER BY id",
        ),
    ],
)
def test_each_sqlite_spelling_becomes_postgresql_s(sqlite: str, postgres: str) -> None:
    assert for_postgres(sqlite).sql == postgres


def test_quoted_text_is_never_rewritten() -> None:
    sql = "SELECT 'a ? b', \"max(x, y)\" FROM t WHERE c = ':name' AND d = ?"
    assert (
        for_postgres(sql).sql == "SELECT 'a ? b', \"max(x, y)\" FROM t WHERE c = ':name' AND d = $1"
    )


def test_named_parameters_are_ordered_once_each() -> None:
    statement = for_postgres("SELECT * FROM t WHERE a = :x AND b = :y AND c = :x")
    assert statement.sql == "SELECT * FROM t WHERE a = $1 AND b = $2 AND c = $1"
    assert statement.values({"y": 2, "x": 1}) == [1, 2]


def test_a_statement_mixing_both_kinds_of_parameter_is_refused() -> None:
    with pytest.raises(ValueError, match="mixes"):
        for_postgres("SELECT * FROM t WHERE a = ? AND b = :b")
