"""Looking at a PDF before it is printed, and printing it through the system's print dialog
(a copy is saved whole with :func:`shopcards.core.files.copy_whole`).

The print dialog runs on the window's thread; the pages are then drawn and spooled on a worker
thread (:func:`print_in_background`), so a long job never freezes the window and its Cancel
works.

QtPdf (QPdfDocument, QPdfView) shows the pages as they will print. Printing renders each page
at the printer's resolution (at most :data:`MAX_PRINT_DPI`, which is plenty for text and keeps
an A4 page to some 35 MB) and paints it on white: ``QPdfDocument.render`` gives a transparent
image, which some printer drivers would otherwise print black or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, QSizeF
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from shopcards.core.errors import ShopError
from shopcards.core.i18n import _
from shopcards.core.progress import CancelToken, Report, tell, worded
from shopcards.ui.kit.background import BackgroundTask, run_in_background
from shopcards.ui.kit.theme import SPACING
from shopcards.ui.kit.widgets import button

MAX_PRINT_DPI = 300
ZOOM_STEP = 1.25
BAND_ROWS = 256
"""Rows of a rendered page painted onto the printer per call. PySide6 holds Python's lock
through each Qt call, so painting a whole 300 dpi page at once (some 0.7 s) would stall the
window's thread that long even from a worker; a band takes a few hundredths of a second, and
the page's render (one QtPdf call, 0.1–0.3 s) is left the longest stall
(``tests/bench/bench_print_stall.py``)."""


def render_page(document: QPdfDocument, page: int, dpi: float) -> QImage:
    """Page ``page`` (0-based) at ``dpi``, on a white background."""
    points = document.pagePointSize(page)
    size = QSize(
        max(1, round(points.width() * dpi / 72)), max(1, round(points.height() * dpi / 72))
    )
    options = QPdfDocumentRenderOptions()
    options.setRenderFlags(QPdfDocumentRenderOptions.RenderFlag.Annotations)
    rendered = document.render(page, size, options)
    white = QImage(size, QImage.Format.Format_RGB32)
    white.fill(QColor("white"))
    painter = QPainter(white)
    painter.drawImage(QPointF(0, 0), rendered)
    painter.end()
    return white


def match_paper(printer: QPrinter, document: QPdfDocument) -> None:
    """Offer the PDF's own paper (A4, Letter, an envelope) in the print dialog."""
    if document.pageCount() == 0:
        return
    points = document.pagePointSize(0)
    landscape = points.width() > points.height()
    portrait = QSizeF(min(points.width(), points.height()), max(points.width(), points.height()))
    printer.setPageSize(
        QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    )
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    printer.setFullPage(True)


def print_document(
    document: QPdfDocument, printer: QPrinter, progress: Report | None = None
) -> int:
    """Paint every page (or the printer's chosen range) onto ``printer``; returns how many.

    ``progress`` is told after each page; when it raises Cancelled the job stops there, the
    printer is told to abort, and a PDF-file printer's half-written file is removed. Any one
    thread may run this (Qt paints onto a QPrinter off the window's thread), so long as the
    window leaves ``document`` and ``printer`` alone meanwhile.
    """
    first, last = 0, document.pageCount() - 1
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = printer.fromPage() - 1, min(last, printer.toPage() - 1)
    total = last - first + 1
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise ShopError(_("The printer would not start: nothing was printed."))
    try:
        tell(progress, 0, total)
        for number, page in enumerate(range(first, last + 1), start=1):
            if number > 1:
                printer.newPage()
            target = QRect(0, 0, printer.width(), printer.height())
            painter.fillRect(target, QColor("white"))
            _paint_in_bands(painter, target, render_page(document, page, dpi))
            tell(progress, number, total)
    except BaseException:
        printer.abort()
        painter.end()
        _remove_output_file(printer)
        raise
    painter.end()
    return total


def _paint_in_bands(painter: QPainter, target: QRect, image: QImage) -> None:
    """``image`` fitted to ``target``, a band of :data:`BAND_ROWS` rows at a time."""
    scale = target.height() / image.height()
    for top in range(0, image.height(), BAND_ROWS):
        rows = min(BAND_ROWS, image.height() - top)
        band = QRectF(target.x(), target.y() + top * scale, target.width(), rows * scale)
        painter.drawImage(band, image, QRectF(0, top, image.width(), rows))


def _remove_output_file(printer: QPrinter) -> None:
    """What a stopped job wrote to a PDF file goes (Qt's abort leaves it, half-written)."""
    name = printer.outputFileName()
    if name and printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        Path(name).unlink(missing_ok=True)


def print_file(path: Path, printer: QPrinter, progress: Report | None = None) -> int:
    """:func:`print_document` of the PDF at ``path``, opened here: on a worker thread the
    window's own QPdfDocument (a QObject of the window's thread) is never touched."""
    document = QPdfDocument()
    error = document.load(str(path))
    if error != QPdfDocument.Error.None_:
        raise ShopError(
            _("Cannot print {path}: the PDF does not open ({error}).", path=path, error=error.name)
        )
    try:
        return print_document(document, printer, progress)
    finally:
        document.close()


def ask_printer(parent: QWidget, document: QPdfDocument) -> QPrinter | None:
    """The system's print dialog, offering the PDF's own paper and a page range; None when
    the person cancels. On the window's thread, before any printing starts."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    match_paper(printer, document)
    dialog = QPrintDialog(printer, parent)
    dialog.setAccessibleName(_("Print"))
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


def print_in_background(
    parent: QWidget,
    path: Path,
    printer: QPrinter,
    on_printed: Callable[[int], None],
    on_failure: Callable[[BaseException], None],
    on_cancelled: Callable[[], None],
) -> BackgroundTask[int]:
    """Print the PDF at ``path`` on a worker thread, with the progress dialog every slow job
    has: the window stays free while pages are drawn and spooled, and its Cancel stops the job
    between two pages. ``on_printed`` gets the number of pages sent."""

    def work(token: CancelToken) -> int:
        pages = worded(
            token,
            lambda step: _(
                "Printing: {done} of {total} pages sent…", done=step.done, total=step.total
            ),
        )
        return print_file(path, printer, pages)

    return run_in_background(
        parent,
        _("Printing…"),
        work,
        on_printed,
        on_failure,
        on_cancelled=on_cancelled,
        cancelling=_("Cancelling… the printer is told to stop after this page."),
    )


class PdfPreview(QWidget):
    """A PDF's pages, one under the other, fitted to the width, with zoom and a page count."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.path: Path | None = None
        """The PDF shown, which is what prints."""
        self.view = QPdfView(self)
        self.view.setAccessibleName(_("Preview"))
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(SPACING * 2)
        self.pages = QLabel(_("Nothing to preview yet"))
        self.pages.setAccessibleName(_("Pages"))
        self.pages.setWordWrap(True)  # a long language wraps it rather than widen the window
        self.zoom_out = button(_("Zoom out"))
        self.zoom_in = button(_("Zoom in"))
        self.fit = button(_("Fit width"))
        self.zoom_out.clicked.connect(lambda: self._zoom(1 / ZOOM_STEP))
        self.zoom_in.clicked.connect(lambda: self._zoom(ZOOM_STEP))
        self.fit.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.view.pageNavigator().currentPageChanged.connect(self._show_page)
        bar = QHBoxLayout()
        bar.setSpacing(SPACING)
        bar.addWidget(self.pages, 1)
        for widget in (self.zoom_out, self.zoom_in, self.fit):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self._enable(False)

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def load(self, path: Path) -> None:
        """Show the PDF at ``path`` (a file that will not open says so in the page count)."""
        self.document.close()
        error = self.document.load(str(path))
        ok = error == QPdfDocument.Error.None_
        self.path = path if ok else None
        self._enable(ok and self.page_count > 0)
        self._show_page(0)
        if not ok:
            self.pages.setText(_("The preview cannot be shown ({error}).", error=error.name))

    def clear(self) -> None:
        self.document.close()
        self.path = None
        self._enable(False)
        self.pages.setText(_("Nothing to preview yet"))

    def _enable(self, on: bool) -> None:
        for widget in (self.zoom_out, self.zoom_in, self.fit):
            widget.setEnabled(on)

    def _show_page(self, page: int) -> None:
        if self.page_count:
            self.pages.setText(_("Page {page} of {pages}", page=page + 1, pages=self.page_count))

    def _zoom(self, factor: float) -> None:
        factor = max(0.1, min(8.0, self.view.zoomFactor() * factor))
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)
