"""Every difference between the two stores' SQL, in one place (issue 16).

The store's SQL is written once, in SQLite's spelling, as plain parameterised statements. A
shop on one PC runs it as it is; a shared card file runs it on PostgreSQL after
:func:`for_postgres` has rewritten the few spellings PostgreSQL does not share, once per
statement text (cached: a statement is rewritten the first time it runs, then looked up).

What is rewritten, and why it cannot be written once for both:

- placeholders: ``?``, ``?NNN`` and ``:name`` become ``$1``, ``$2``… (PostgreSQL's own);
- ``INSERT OR IGNORE`` becomes ``INSERT … ON CONFLICT DO NOTHING`` (SQLite accepts the latter
  too, but the store's statements predate the port and read better as they are);
- ``INDEXED BY`` and ``NOT INDEXED`` (SQLite's planner hints) are dropped: PostgreSQL plans
  by its statistics;
- ``rowid`` is the key column ``id`` (every table the store reads ``rowid`` of has one);
- a unary ``+`` before a column (SQLite's way to keep an index out of a plan) is dropped;
- two-argument ``max``/``min`` (SQLite's scalar forms) are ``greatest``/``least``;
- ``NOT GLOB '[0-9]*'`` is the regular expression ``!~ '^[0-9]'``;
- ``x = ? COLLATE NOCASE`` is ``lower(x) = lower(?)``;
- ``json_extract(column, '$.a.b')`` is ``(column::jsonb #>> '{a,b}')``;
- ``json_group_array(x)`` is ``coalesce(json_agg(x)::text, '[]')`` (SQLite's gives ``[]`` for
  no rows, PostgreSQL's NULL);
- ``json_each(?)`` (a table of a JSON list given as a parameter) is
  ``json_array_elements(CAST(? AS json))``: its ``value ->> 0`` reads the same on both
  (text on PostgreSQL: cast a number with ``CAST(… AS INTEGER)``, which SQLite ignores);
- ``json_array_length(column)`` reads the text column as ``json`` first;
- ``date(column, ?)`` (a day moved by ``'+N days'``) is
  ``to_char(column::timestamp + ?::interval, 'YYYY-MM-DD')``; SQLite rolls a month past its
  end over (31 January ``+1 months`` is 3 March) where PostgreSQL stops at its last day, so
  the store moves days only this way;
- ``json_remove(column, '$.a', '$.b')`` (top-level keys only) is
  ``(column::jsonb - '{a,b}'::text[])::text``;
- the column called ``by`` (a reserved word in PostgreSQL) is quoted.

Store code that cannot be one statement for both (the any-text search, the file's pragmas,
the schema's bookkeeping) asks :func:`of` which store it speaks to and keeps both spellings
side by side.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

SQLITE = "sqlite"
POSTGRESQL = "postgresql"

_QUOTED = re.compile(r"('(?:[^']|'')*'|\"[^\"]*\"|--[^\n]*)")
"""String literals, quoted identifiers and comments: never rewritten."""
_PLACEHOLDER = re.compile(r"\?(\d*)|(?<![:\w]):([A-Za-z_]\w*)")
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\s+(?:INDEXED\s+BY\s+\w+|NOT\s+INDEXED)\b"), ""),
    (re.compile(r"\browid\b"), "id"),
    (re.compile(r"(?<=[\s(])\+(?=[a-z_])"), ""),
    (re.compile(r"\b([\w.]+)\s*=\s*\?\s+COLLATE\s+NOCASE\b"), r"lower(\1) = lower(?)"),
    (re.compile(r"(?<![\w\"])by(?![\w\"])"), '"by"'),
    (re.compile(r"\bjson_group_array\(([\w.]+)\)"), r"coalesce(json_agg(\1)::text, '[]')"),
    (
        re.compile(r"\bdate\(([\w.]+),\s*\?\)"),
        r"to_char(\1::timestamp + ?::interval, 'YYYY-MM-DD')",
    ),
    (re.compile(r"\bjson_each\((\?|:\w+)\)"), r"json_array_elements(CAST(\1 AS json))"),
    (re.compile(r"\bjson_array_length\(([\w.]+)\)"), r"json_array_length(\1::json)"),
)
_EXTREME = re.compile(r"\b(max|min)\(")
_SCALAR = {"max": "greatest", "min": "least"}
_GLOB_DIGIT = re.compile(r"NOT\s+GLOB\s+'\[0-9\]\*'")
_JSON = re.compile(r"json_extract\(([\w.]+),\s*'\$\.([\w.]+)'\)")
_JSON_REMOVE = re.compile(r"json_remove\(([\w.]+)((?:\s*,\s*'\$\.\w+')+)\)")
_OR_IGNORE = re.compile(r"^(\s*)INSERT\s+OR\s+IGNORE\s+INTO\b", re.IGNORECASE)
_RETURNING = re.compile(r"\bRETURNING\b")


@dataclass(frozen=True)
class Statement:
    """A statement as PostgreSQL takes it, and how to order its parameters."""

    sql: str
    names: tuple[str, ...] | None
    """The named parameters, in the order of ``$1``, ``$2``…; None when they are ``?``."""

    def values(self, params: Sequence[Any] | Mapping[str, Any] | None) -> list[Any]:
        """The parameters in ``$n`` order."""
        if params is None:
            return []
        if self.names is None:
            if isinstance(params, Mapping):
                raise TypeError(f"positional parameters expected for: {self.sql}")
            return list(params)
        if not isinstance(params, Mapping):
            raise TypeError(f"named parameters expected for: {self.sql}")
        return [params[name] for name in self.names]


def of(db: object) -> str:
    """Which store ``db`` speaks to: a shared store says so; anything else is a card file."""
    return str(getattr(db, "dialect", SQLITE))


def is_postgres(db: object) -> bool:
    return of(db) == POSTGRESQL


@lru_cache(maxsize=8192)
def for_postgres(sql: str) -> Statement:
    """``sql`` (SQLite's spelling) as PostgreSQL takes it."""
    ignore = _OR_IGNORE.match(sql)
    if ignore:
        sql = sql[: ignore.start()] + ignore.group(1) + "INSERT INTO" + sql[ignore.end() :]
    parts = _QUOTED.split(sql)
    names: list[str] = []
    positional = False
    for index in range(0, len(parts), 2):  # the odd parts are quoted text
        part = parts[index]
        for pattern, replacement in _REWRITES:
            part = pattern.sub(replacement, part)
        parts[index] = _scalar_extremes(part)
    text = "".join(parts)
    text = _GLOB_DIGIT.sub("!~ '^[0-9]'", text)
    text = _JSON.sub(lambda m: f"({m[1]}::jsonb #>> '{{{m[2].replace('.', ',')}}}')", text)
    text = _JSON_REMOVE.sub(_without_keys, text)
    parts = _QUOTED.split(text)

    def number(match: re.Match[str]) -> str:
        nonlocal positional
        if match[2] is None:  # ? or ?NNN (SQLite's numbered form)
            positional = True
            names.append("?")
            return f"${match[1] or len(names)}"
        if match[2] in names:
            return f"${names.index(match[2]) + 1}"
        names.append(match[2])
        return f"${len(names)}"

    for index in range(0, len(parts), 2):
        parts[index] = _PLACEHOLDER.sub(number, parts[index])
    text = "".join(parts)
    if ignore:
        text = _on_conflict_nothing(text)
    if positional and any(name != "?" for name in names):
        raise ValueError(f"a statement mixes ? and :name parameters: {sql}")
    return Statement(text, None if positional or not names else tuple(names))


def _without_keys(match: re.Match[str]) -> str:
    """SQLite's ``json_remove`` of top-level keys as PostgreSQL's ``jsonb - text[]``."""
    keys = ",".join(re.findall(r"'\$\.(\w+)'", match[2]))
    return f"({match[1]}::jsonb - '{{{keys}}}'::text[])::text"


def _scalar_extremes(sql: str) -> str:
    """SQLite's ``max(a, b)``/``min(a, b)`` (two arguments or more) as PostgreSQL's
    ``greatest``/``least``; the one-argument aggregates stay."""
    out, last = [], 0
    for call in _EXTREME.finditer(sql):
        depth, commas = 0, 0
        for char in sql[call.end() :]:
            if char == "(":
                depth += 1
            elif char == ")":
                if depth == 0:
                    break
                depth -= 1
            elif char == "," and depth == 0:
                commas += 1
        if commas:
            out.append(sql[last : call.start()] + _SCALAR[call[1]] + "(")
            last = call.end()
    return "".join(out) + sql[last:]


def _on_conflict_nothing(sql: str) -> str:
    """``… ON CONFLICT DO NOTHING``, before a RETURNING clause if there is one."""
    body = sql.rstrip().rstrip(";")
    returning = _RETURNING.search(body)
    if returning:
        return f"{body[: returning.start()]}ON CONFLICT DO NOTHING {body[returning.start() :]}"
    return f"{body} ON CONFLICT DO NOTHING"


def among(db: object, column: str, values: Iterable[Any]) -> tuple[str, Any]:
    """``column`` is one of ``values``: the test and its one parameter. A card file reads the
    list as JSON (``json_each``: one parameter however long the list, where an ``IN (?, ?…)``
    would meet SQLite's limit on parameters); PostgreSQL takes an array (``= ANY(?)``)."""
    if is_postgres(db):
        return f"{column} = ANY(?)", list(values)
    return f"{column} IN (SELECT value FROM json_each(?))", json.dumps(list(values))


def inserted_id(db: Any, sql: str, params: Sequence[Any] | Mapping[str, Any]) -> int:
    """Run an INSERT and give the new row's id: ``RETURNING id``, which both stores have
    (a cursor's ``lastrowid`` is SQLite's alone)."""
    row = db.execute(f"{sql} RETURNING id", params).fetchone()
    return int(row[0])
