"""argparse's own words (Python 3.11), marked for the catalogue so ``--help`` and the parser's
refusals speak the language of the rest of the command line.

argparse says them through its module's ``_``, which :func:`shopcards.cli.language_option`
points at ours; it fills their ``%(name)s``/``%s`` placeholders itself afterwards, so a
translation keeps each one exactly. Only the messages a user can meet are here: the others
(a programmer's mistake in building a parser) stay English.
"""

from __future__ import annotations

from shopcards.core.i18n import N_

WORDS = (
    N_("usage: "),
    N_("options"),
    N_("positional arguments"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
)
"""What argparse may say to a person, as argparse.py of Python 3.11 writes it."""
