"""Benchmark: 10,000 personalised one-page letters into one PDF (a script, not a test).

    .venv/bin/python tests/bench/bench_letters.py [--count 10000]

Prints letters per second for the engine (``print_letters``) and for plain reportlab drawing
the very same pages, and the ratio of their times. The plain-reportlab pages are recorded from
the engine beforehand (outside the timer) and replayed with ``setFont``/``drawString`` and the
other canvas calls: the baseline pays nothing for line breaking, bidi or font fallback. It is
timed twice: drawing the letterhead on every page ("plain"), and with the letterhead as one
PDF form as the engine does ("plain+form", the stricter comparison).
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw
from reportlab.pdfgen.canvas import Canvas

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from shopcards.core.templates import load_template  # noqa: E402
from shopcards.paths import resources_dir  # noqa: E402
from shopcards.printing import Letterhead, Recipient, print_letters  # noqa: E402
from shopcards.printing.fonts import font_book  # noqa: E402
from shopcards.printing.letters import LetterPrinter  # noqa: E402
from shopcards.printing.textlayout import Layout  # noqa: E402

GIVEN = [
    "Ana",
    "Ștefan",
    "Päivi",
    "Ιωάννης",
    "Ольга",
    "Mihai",
    "Ioana",
    "Jukka",
    "Elena",
    "Sofia",
    "Radu",
    "Aino",
    "Maria",
    "Dmitri",
    "Eleni",
    "Andrei",
    "Liisa",
    "Gheorghe",
    "Nina",
    "Tudor",
]
STEMS = [
    "Pop",
    "Ion",
    "Țur",
    "Dumitr",
    "Stoi",
    "Mărg",
    "Vasil",
    "Georg",
    "Nicol",
    "Const",
    "Pătr",
    "Radul",
    "Mitr",
    "Călin",
    "Șerb",
    "Tănas",
    "Lup",
    "Gavril",
    "Mocan",
    "Brat",
]
ENDINGS = ["escu", "eanu", "anu", "oiu", "ache", "ici", "inen", "ainen", "ova", "opoulos"]
STREETS = [
    "Strada Mare",
    "Hämeenkatu",
    "Calea Victoriei",
    "Odos Ermou",
    "Main Street",
    "Strada Florilor",
    "Aleea Teilor",
    "Bulevardul Eroilor",
    "Kauppakatu",
    "Strada Lungă",
]
CITIES = ["Cluj-Napoca", "Tampere", "București", "Athina", "Brașov", "Iași", "Oulu", "Sibiu"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def recipients(count: int) -> list[Recipient]:
    """Customers with (almost always) different names and addresses, as in a real card file."""
    rng = random.Random(5)
    people = []
    for number in range(count):
        given = rng.choice(GIVEN)
        family = rng.choice(STEMS) + rng.choice(ENDINGS)
        values = {
            "salutation": f"Dear {given} {family}",
            "given_name": given,
            "family_name": family,
            "last_visit": f"{rng.randint(1, 28)} {rng.choice(MONTHS)} 2025",
        }
        address = (
            f"{given} {family}",
            f"{rng.choice(STREETS)} {rng.randint(1, 250)}, ap. {rng.randint(1, 60)}",
            f"{rng.randint(10000, 99999)} {rng.choice(CITIES)}",
        )
        people.append(Recipient(values, address, f"{number:05d}"))
    return people  # fmt: skip


def images(folder: Path) -> tuple[Path, Path]:
    logo, signature = folder / "logo.png", folder / "signature.png"
    picture = Image.new("RGB", (300, 150), "white")
    ImageDraw.Draw(picture).ellipse((10, 10, 140, 140), fill=(180, 60, 40))
    picture.save(logo)
    picture = Image.new("RGB", (400, 120), "white")
    ImageDraw.Draw(picture).line([(10, 100), (90, 20), (200, 100), (390, 30)], fill="navy", width=5)
    picture.save(signature)
    return logo, signature


class _RecordedText:
    """Records each piece of text with its own position, as drawString would be given it."""

    def __init__(self, ops: list[tuple[Any, ...]]) -> None:
        self.ops = ops
        self.font = ("", 0.0)
        self.x = self.y = 0.0

    def setFont(self, name: str, size: float) -> None:
        self.font = (name, size)
        self.ops.append(("font", name, size))

    def setTextOrigin(self, x: float, y: float) -> None:
        self.x, self.y = x, y

    def _textOut(self, text: str) -> None:
        self.ops.append(("at", self.x, self.y))
        self.ops.append(("text", text))
        self.x += font_book().width(text, *self.font)


class Recorder:
    """Stands in for a canvas and writes down every call, to replay on a real one."""

    def __init__(self) -> None:
        self.ops: list[tuple[Any, ...]] = []
        self.forms: dict[str, list[tuple[Any, ...]]] = {}
        self._target = self.ops

    def beginForm(self, name: str, *args: Any) -> None:
        self._target = self.forms[name] = []

    def endForm(self) -> None:
        self._target = self.ops

    def beginText(self) -> _RecordedText:
        return _RecordedText(self._target)

    def drawText(self, text: object) -> None:
        pass

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: self._target.append(("call", name, args, kwargs))


def replay(canvas: Canvas, ops: list[tuple[Any, ...]], forms: dict[str, Any], inline: bool) -> None:
    font: tuple[str, float] | None = None
    x = y = 0.0
    for op in ops:
        kind = op[0]
        if kind == "font":
            font = (op[1], op[2])
        elif kind == "at":
            x, y = op[1], op[2]
        elif kind == "text":
            assert font is not None
            canvas.setFont(*font)
            canvas.drawString(x, y, op[1])
        elif op[1] == "doForm" and inline:
            replay(canvas, forms[op[2][0]], forms, inline)
        else:
            getattr(canvas, op[1])(*op[2], **op[3])


def time_engine(template: Any, people: list[Recipient], head: Letterhead, out: Path) -> float:
    start = time.perf_counter()
    result = print_letters(
        template,
        people,
        out,
        letterhead=head,
        date_text="14 March 2025",
        progress=lambda step: None,
    )
    elapsed = time.perf_counter() - start
    assert result.pages == len(people), result
    return elapsed


def time_plain(recorder: Recorder, out: Path, inline: bool) -> float:
    start = time.perf_counter()
    canvas = Canvas(str(out), pageCompression=1)
    if not inline:
        for name, ops in recorder.forms.items():
            canvas.beginForm(name)
            replay(canvas, ops, recorder.forms, inline)
            canvas.endForm()
    replay(canvas, recorder.ops, recorder.forms, inline)
    canvas.save()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs of each")
    args = parser.parse_args()
    count, repeat = args.count, args.repeat
    template = load_template(resources_dir() / "templates" / "letter_quarterly.txt")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        logo, signature = images(folder)
        head = Letterhead(
            "Librăria Ionescu",
            ("Strada Mare 12", "400001 Cluj-Napoca"),
            "+40 264 123 456",
            "",
            logo,
            signature,
            "Maria Ionescu",
        )
        people = recipients(count)
        font_book()  # registering fonts is once per process, not per batch
        recorder = Recorder()
        printer = LetterPrinter(template, head, Layout(font_book()), "A4", "14 March 2025")
        printer.setup(recorder)  # type: ignore[arg-type]
        for person in people:
            printer.draw(recorder, person)  # type: ignore[arg-type]
        gc.collect()
        gc.freeze()  # the recording is large; keep the collector from walking it every run
        engine = plain = plain_form = float("inf")
        for _ in range(repeat):  # interleaved, best of N: other work on the machine adds noise
            engine = min(engine, time_engine(template, people, head, folder / "engine.pdf"))
            plain = min(plain, time_plain(recorder, folder / "plain.pdf", inline=True))
            plain_form = min(plain_form, time_plain(recorder, folder / "form.pdf", inline=False))
    print(f"letters:               {count} (best of {repeat})")
    print(f"engine:                {engine:7.2f} s  {count / engine:7.0f} letters/s")
    print(f"plain reportlab:       {plain:7.2f} s  {count / plain:7.0f} letters/s")
    print(f"plain reportlab+form:  {plain_form:7.2f} s  {count / plain_form:7.0f} letters/s")
    print(f"ratio engine/plain:      {engine / plain:.2f}")
    print(f"ratio engine/plain+form: {engine / plain_form:.2f}")


if __name__ == "__main__":
    main()
