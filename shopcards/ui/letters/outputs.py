"""What the letters screen calls each thing it prints, and how it lists a template.

Kept apart from the screen so each message is one whole sentence per output (a translation
may need another word order or case for "letter" than for "label").
"""

from __future__ import annotations

from shopcards.core.i18n import LANGUAGES, N_, _, ngettext
from shopcards.core.progress import Progress
from shopcards.services import templates
from shopcards.services.letters import Output

OUTPUTS = {
    Output.LETTERS: N_("Letters"),
    Output.CARDS: N_("Greeting cards"),
    Output.ENVELOPES: N_("Envelopes"),
    Output.LABELS: N_("Address labels"),
}
PER_HOUSEHOLD = {
    Output.LETTERS: N_("One letter per household"),
    Output.CARDS: N_("One card per household"),
    Output.ENVELOPES: N_("One envelope per household"),
    Output.LABELS: N_("One label per household"),
}
DRAWING = {
    Output.LETTERS: N_("Drawing letter {done} of {total}…"),
    Output.CARDS: N_("Drawing card {done} of {total}…"),
    Output.ENVELOPES: N_("Drawing envelope {done} of {total}…"),
    Output.LABELS: N_("Drawing label {done} of {total}…"),
}
"""Progress while a preview is drawn, by what is drawn."""


def template_text(info: templates.TemplateInfo) -> str:
    """A template as the list shows it: its name and the language it is written in (the
    owner's own templates have none)."""
    if not info.language:
        return info.name
    return _("{template} ({language})", template=info.name, language=LANGUAGES[info.language].name)


SAVING = N_("Saving file {done} of {total}…")


def step_text(message: str, step: Progress) -> str:
    """A progress ``message`` ({done} of {total}) filled in for ``step``."""
    return _(message, done=f"{step.done:,}", total=f"{step.total:,}")


def sent_pages(pages: int) -> str:
    return ngettext(
        "Sent {count} page to the printer.",
        "Sent {count} pages to the printer.",
        pages,
        count=f"{pages:,}",
    )


def saved_files(count: int, folder: str) -> str:
    return ngettext(
        "Saved {count} file in {folder}.",
        "Saved {count} files in {folder}.",
        count,
        count=f"{count:,}",
        folder=folder,
    )


def printing_stopped(reached: Progress | None) -> str:
    """What a cancelled print job says: how far it got, and that nothing was recorded."""
    if reached is None or not reached.total:
        return _("Cancelled: printing stopped; nothing was recorded as sent.")
    return _(
        "Cancelled: printing stopped after {done} of {total} pages; nothing was recorded as sent.",
        done=f"{reached.done:,}",
        total=f"{reached.total:,}",
    )
