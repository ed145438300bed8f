"""What can be wrong with a template, and how it is said: every mistake with its line and
column, and merge values a caller forgot. Kept apart from the parser in core/templates.py."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from shopcards.core.errors import ValidationError
from shopcards.core.i18n import _, ngettext


@dataclass(frozen=True)
class TemplateProblem:
    """One mistake in a template: where (1-based line and column) and what."""

    line: int
    column: int
    message: str
    field: str = ""
    suggestion: str = ""

    def __str__(self) -> str:
        return _(
            "Line {line}, column {column}: {problem}",
            line=self.line,
            column=self.column,
            problem=self.message,
        )


class TemplateError(ValidationError):
    """A template that cannot be printed; ``problems`` lists every mistake in order.

    The editor can put the cursor on ``problems[0].line``/``column``; the message names the
    first mistake and how many more there are.
    """

    def __init__(self, problems: Iterable[TemplateProblem], source: str = "") -> None:
        self.problems = tuple(problems)
        self.source = source
        first = (
            self.problems[0] if self.problems else TemplateProblem(1, 1, _("empty problem list"))
        )
        text = str(first)
        if source:
            text = _("{source}: {problem}", source=source, problem=text)
        more = len(self.problems) - 1
        if more > 0:
            text = ngettext(
                "{problem} (and {count} more mistake)",
                "{problem} (and {count} more mistakes)",
                more,
                problem=text,
                count=str(more),
            )
        super().__init__({"template": text})


class MissingValuesError(ValidationError):
    """Values for some merge fields were not given (a bug in the caller, or a typo in code)."""

    def __init__(self, missing: Iterable[str], who: str = "") -> None:
        self.missing = tuple(sorted(set(missing)))
        names = ", ".join("{" + name + "}" for name in self.missing)
        said = (
            _("no value for {who} for {names}", who=who, names=names)
            if who
            else _("no value for {names}", names=names)
        )
        super().__init__({"values": said})
