"""Benchmark: how long the window's thread stalls while a letter batch prints (a script, not a
test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_print_stall.py [--pages 10]

Prints a batch of one-page letters to a PDF-file printer at 300 dpi through
``print_in_background`` (the way the letters screen prints), while a 20 ms timer ticks on the
window's thread; then the pages per second and the longest gap between two ticks. PySide6 holds
Python's lock through each Qt call, so the worker's longest single call is the window's longest
stall: the figure shows what ``BAND_ROWS`` buys. ``--bands 100000`` paints whole pages, as
before the bands.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QWidget
from reportlab.pdfgen.canvas import Canvas

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from shopcards.ui.kit import pdf_preview  # noqa: E402


def letters_pdf(path: Path, pages: int) -> None:
    """``pages`` pages of letter-like text: what a batch preview holds."""
    canvas = Canvas(str(path))
    for page in range(1, pages + 1):
        canvas.setFont("Helvetica-Bold", 22)
        canvas.drawString(72, 760, "Aurora Deli & Gifts")
        canvas.setFont("Helvetica", 11)
        for line in range(30):
            canvas.drawString(
                72, 680 - 16 * line, f"Letter {page}, line {line + 1}: " + "text " * 12
            )
        canvas.showPage()
    canvas.save()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--bands", type=int, default=pdf_preview.BAND_ROWS)
    args = parser.parse_args()
    pdf_preview.BAND_ROWS = args.bands
    app = QApplication.instance() or QApplication([])
    window = QWidget()
    ticks: list[float] = []
    clock = QTimer()
    clock.timeout.connect(lambda: ticks.append(time.perf_counter()))
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "batch.pdf"
        letters_pdf(source, args.pages)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(Path(folder) / "printed.pdf"))
        sent: list[int] = []
        clock.start(20)
        start = time.perf_counter()
        task = pdf_preview.print_in_background(
            window, source, printer, sent.append, lambda exc: print(exc), lambda: None
        )
        task.done.connect(app.quit)
        app.exec()
        elapsed = time.perf_counter() - start
    gaps = [later - earlier for earlier, later in itertools.pairwise(ticks)]
    print(
        f"{sent[0] if sent else 0} pages in {elapsed:.1f} s ({args.pages / elapsed:.2f} pages/s), "
        f"bands of {args.bands} rows: longest stall of the window's thread "
        f"{1000 * max(gaps):.0f} ms, {len(ticks)} ticks of 20 ms"
    )


if __name__ == "__main__":
    main()
