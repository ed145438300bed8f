"""Writing PDFs so that a cancelled or failed run leaves no half-written file behind.

Every PDF is drawn into a hidden ``.part`` file beside its final name and renamed at the end
(:func:`shopcards.core.files.atomic_path`, the one atomic save of the program); a batch of one
file per recipient is drawn into a hidden folder and moved out only when all are done.
Cancelling (the progress report raises Cancelled) or an error deletes the temporary files; a
folder or disk that cannot be written becomes CannotWrite, a message naming path and reason.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from shopcards.core.files import atomic_path, writable_folder
from shopcards.core.printed import PrintResult
from shopcards.core.progress import Report, tell
from shopcards.printing.fonts import font_book

T = TypeVar("T")

_UNSAFE = re.compile(r"[^\w.-]+")

# Compressed page streams are written as binary, not ASCII85: a third smaller and much faster
# to write (reportlab's ASCII85 encoder is pure Python here). Every PDF reader accepts both.
rl_config.useA85 = 0


@dataclass(frozen=True)
class Job(Generic[T]):
    """How to draw a batch: page size, PDF metadata, per-document set-up and per-item drawing.

    ``setup`` runs once per PDF (draw shared forms such as the letterhead there); ``draw`` draws
    one item on as many pages as it needs; ``finish`` closes the last page when items share
    pages (labels).
    """

    page_size: tuple[float, float]
    title: str
    author: str
    draw: Callable[[Canvas, T], None]
    setup: Callable[[Canvas], None] | None = None
    finish: Callable[[Canvas], None] | None = None


def _canvas(path: Path, job: Job[T]) -> Canvas:
    # The initial font is one of ours, so no unembedded Helvetica is listed in the PDF.
    canvas = Canvas(
        str(path), pagesize=job.page_size, pageCompression=1, initialFontName=font_book().regular
    )
    canvas.setTitle(job.title)
    canvas.setAuthor(job.author)
    canvas.setCreator("shopcards")
    if job.setup is not None:
        job.setup(canvas)
    return canvas


def write_combined(
    path: Path, job: Job[T], items: Sequence[T], progress: Report | None = None
) -> PrintResult:
    """Draw every item into one PDF at ``path``."""
    first_pages: list[int] = []
    with atomic_path(path) as tmp:
        canvas = _canvas(tmp, job)
        for done, item in enumerate(items, start=1):
            first_pages.append(canvas.getPageNumber())
            job.draw(canvas, item)
            tell(progress, done, len(items))
        if job.finish is not None:
            job.finish(canvas)
        pages = canvas.getPageNumber() - 1
        canvas.save()
    return PrintResult((path,), len(items), pages, page_of_item=tuple(first_pages))


def file_name(key: str, index: int) -> str:
    """A safe file name for one recipient's PDF."""
    stem = _UNSAFE.sub("-", key).strip("-.") if key else ""
    return f"{stem or f'{index:05d}'}.pdf"


def write_separate(
    folder: Path,
    job: Job[T],
    items: Sequence[T],
    keys: Sequence[str],
    progress: Report | None = None,
) -> PrintResult:
    """Draw each item into a PDF of its own in ``folder``; all appear only when all are done."""
    with writable_folder(folder):
        staging = Path(tempfile.mkdtemp(prefix=".shopcards-", suffix=".part", dir=folder))
        try:
            return _draw_separate(folder, staging, job, items, keys, progress)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def _draw_separate(
    folder: Path,
    staging: Path,
    job: Job[T],
    items: Sequence[T],
    keys: Sequence[str],
    progress: Report | None,
) -> PrintResult:
    names: list[str] = []
    taken: set[str] = set()
    pages = 0
    for done, (item, key) in enumerate(zip(items, keys, strict=True), start=1):
        name = _unique(file_name(key, done), taken)
        taken.add(name)
        canvas = _canvas(staging / name, job)
        job.draw(canvas, item)
        if job.finish is not None:
            job.finish(canvas)
        pages += canvas.getPageNumber() - 1
        canvas.save()
        names.append(name)
        tell(progress, done, len(items))
    for name in names:
        os.replace(staging / name, folder / name)
    paths = tuple(folder / name for name in names)
    return PrintResult(paths, len(items), pages, page_of_item=(1,) * len(names))


def _unique(name: str, taken: set[str]) -> str:
    if name not in taken:
        return name
    stem = name.removesuffix(".pdf")
    counter = 2
    while f"{stem}-{counter}.pdf" in taken:
        counter += 1
    return f"{stem}-{counter}.pdf"
