"""`shopcards settings [KEY=VALUE …]`: list the shop's settings, or change some of them, all or
none (owner only)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from shopcards.cli import add_command, add_db_option, db_location
from shopcards.core.errors import ShopError, ValidationError
from shopcards.core.i18n import N_, _
from shopcards.core.settings import BY_KEY, GROUPS, Setting, describe, in_group
from shopcards.services.auth import cli_session
from shopcards.services.settings import set_settings

EXAMPLES = N_("""examples:
  shopcards settings
  shopcards settings shop_name="Kauppa Koivu" region=FI locale=fi_FI currency=EUR
  shopcards settings shop_address='Kauppakatu 12\\n00100 Helsinki' owner_idle_minutes=15
  shopcards settings regular_visits=none      (back to "the median")

A value is read as its setting's type: a whole number, a number, yes/no, or text; "\\n" in an
address starts a new line. Every value is checked before anything is saved: one that will
not do is named, nothing is saved, and the exit code is 2.""")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(
        commands,
        "settings",
        _("list the shop's settings, or set some: KEY=VALUE … (setting is owner only)"),
        _(
            "Without arguments, list every setting by group: its key, its value and "
            "what it is. With KEY=VALUE arguments, set those settings, all or none. Setting needs "
            "the owner's PIN (from SHOPCARDS_PIN, or asked for)."
        ),
        _(EXAMPLES),
    )
    p.add_argument("assignments", nargs="*", metavar="KEY=VALUE", help=_("settings to change"))
    add_db_option(p)
    p.set_defaults(func=_settings)


def _settings(args: argparse.Namespace) -> int:
    values = _parsed(args.assignments)
    session = cli_session(db_location(args), need_owner=bool(values))
    try:
        if values:
            try:
                set_settings(session, values)
            except ValidationError as exc:
                for key, text in exc.fields.items():
                    print(_("shopcards: {key} {text}", key=key, text=text), file=sys.stderr)
                print(_("shopcards: nothing was saved."), file=sys.stderr)
                return 2
            print(_("Saved {settings}.", settings=", ".join(values)))
        else:
            _list(session.settings.to_dict())
    finally:
        session.close()
    return 0


def _parsed(assignments: list[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for text in assignments:
        key, equals, value = text.partition("=")
        if not equals or not key.strip():
            raise ShopError(_("“{text}” is not KEY=VALUE (e.g. owner_idle_minutes=15)", text=text))
        setting = BY_KEY.get(key.strip())
        if setting is not None and setting.shown_as == "lines":
            value = value.replace("\\n", "\n")
        values[key.strip()] = value
    return values


def _list(current: dict[str, Any]) -> None:
    for group in GROUPS:
        print(_(group))
        for setting in in_group(group):
            print(f"  {setting.key} = {_shown(setting, current[setting.key])}")
            print(f"      {_about(setting)}")
        print()


def _shown(setting: Setting, value: Any) -> str:
    if value is None:
        return _(setting.none_text) if setting.none_text else _("none")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value).replace("\n", "\\n")


def _about(setting: Setting) -> str:
    about = f" {_(setting.about)}" if setting.about else ""
    return f"{_(setting.label)}.{about} ({describe(setting)})"
