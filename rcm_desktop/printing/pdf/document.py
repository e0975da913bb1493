"""Build a PDF document: page furniture, "page X of Y", bookmarks, contents, metadata, atomic write."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from rcm_desktop import __version__
from rcm_desktop.domain.text import excerpt
from rcm_desktop.errors import RcmDeskError, StorageError
from rcm_desktop.i18n import _
from rcm_desktop.paths import replace_through_temporary
from rcm_desktop.printing.pdf.fonts import BOLD, ITALIC, REGULAR, register_fonts
from rcm_desktop.printing.pdf.markup import plain
from rcm_desktop.printing.pdf.markup import text as markup_text
from rcm_desktop.printing.pdf.styles import ACCENT, MUTED, RULE, Styles

MARGIN = 20 * mm


class BuildCancelled(RcmDeskError):
    """The user cancelled the build; no file was written."""


@dataclass(frozen=True)
class PdfInfo:
    """Document metadata: shown by viewers and used by screen readers and search."""

    title: str
    author: str
    subject: str
    language: str  # BCP 47 code of the document's language ("es")
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class PageFurniture:
    """What every page carries: running header and footer, and the "page X of Y" label."""

    header_left: str
    page_label: Callable[[int, int], str]
    header_right: str = ""
    footer_left: str = ""
    #: The first page (a cover, a letter's first sheet) shows the footer only.
    plain_first_page: bool = True


#: The longest title a bookmark or a contents entry shows (a heading can fill a page).
TITLE_LIMIT = 200


class Heading(Paragraph):
    """A heading that becomes a PDF bookmark at *level* (0 = top) and a contents entry."""

    def __init__(
        self,
        markup: str,
        style: Any,
        level: int | None = None,
        in_contents: bool = True,
        **rest: Any,
    ) -> None:
        super().__init__(markup, style, **rest)  # reportlab makes the parts of a split this way
        self.outline_level = level
        self.in_contents = in_contents

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        """A heading taller than a page: the first part is the bookmark, the rest plain text."""
        parts = super().split(availWidth, availHeight)
        if parts:
            parts[0].outline_level, parts[0].in_contents = self.outline_level, self.in_contents
        return parts

    @property
    def title(self) -> str:
        """What its bookmark and its contents entry say (a very long heading shortened)."""
        return excerpt(plain(self.getPlainText()), TITLE_LIMIT)


ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


def fit_width(text: str, font: str, size: float, limit: float) -> str:
    """*text*, or its longest beginning that fits *limit* points with an ellipsis (a binary
    search: a title of thousands of characters is measured a dozen times, not thousands)."""
    if stringWidth(text, font, size) <= limit:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle].rstrip() + "…", font, size) <= limit:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


class ContentsOverflow(Exception):
    """The pages reserved for the contents could not hold them (reserve more and build again)."""


class ReservedContents:
    """A table of contents drawn in ONE build, on pages reserved for it.

    Put `reserve()` in the story where the contents go (after their own heading). Each filler
    it returns takes the rest of a page; when the build ends every heading's page is known,
    and the entries are drawn into those pages before they are written. `pages_needed`
    measures the entries beforehand, so the reservation is normally exact.
    """

    def __init__(self, styles: Styles, pages: int) -> None:
        self.styles = styles
        self.pages = max(1, pages)
        self.entries: list[tuple[int, str, int, str]] = []  # level, markup, page, key
        self.slots: dict[int, tuple[float, float, float, float]] = {}  # page → x, y, w, h
        self.overflow = False
        self._pending: list[Flowable] | None = None

    def reserve(self) -> list[Flowable]:
        """The fillers: the rest of this page, then whole pages."""
        fillers: list[Flowable] = [_ContentsSlot(self)]
        for _page in range(self.pages - 1):
            fillers += [PageBreak(), _ContentsSlot(self)]
        return fillers

    def entry_flowables(self, entries: Sequence[tuple[int, str, int | str, str]]) -> list[Flowable]:
        """One row per entry: the linked title, indented by level, and its page on the right."""
        from reportlab.platypus import Table

        rows = []
        for level, markup, page, key in entries:
            style = self.styles.cell_bold if level == 0 else self.styles.cell
            title = Paragraph(
                f'<a href="#{key}">{markup}</a>', style.clone(f"toc{level}", leftIndent=14 * level)
            )
            number = Paragraph(f'<a href="#{key}">{page}</a>', self.styles.cell_right)
            table = Table([[title, number]], colWidths=[None, 16 * mm])
            table.setStyle(
                TableStyle(
                    [
                        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                        ("TOPPADDING", (0, 0), (-1, -1), 4 if level == 0 else 1.5),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE, None, (1, 2)),
                    ]
                )
            )
            rows.append(table)
        return rows

    def pages_needed(
        self, titles: Sequence[tuple[int, str]], width: float, first: float, full: float
    ) -> int:
        """Pages the entries of *titles* (level, markup) take: *first* points on the first, *full* after."""
        room, pages = first, 1
        for flowable in self.entry_flowables(
            [(level, markup, 999, "h0") for level, markup in titles]
        ):
            height = flowable.wrap(width, full)[1]
            if height > room:
                pages, room = pages + 1, full
            room -= height
        return pages

    def draw(self, canvas: Canvas, page: int) -> None:
        """Draw the entries that fit on reserved *page* (called while that page is replayed)."""
        slot = self.slots.get(page)
        if slot is None:
            return
        if self._pending is None:
            self._pending = self.entry_flowables(self.entries)
        x, y, width, height = slot
        frame = Frame(
            x, y, width, height, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0
        )
        frame.addFromList(self._pending, canvas)
        if page == max(self.slots) and self._pending:
            self.overflow = True


class _ContentsSlot(Flowable):
    """Takes what is left of the frame; records where, so the contents are drawn there later."""

    def __init__(self, contents: ReservedContents) -> None:
        super().__init__()
        self._contents = contents

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, available_height - 1
        return self.width, self.height

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        self._contents.slots[canvas.getPageNumber()] = (x, y, self.width, self.height)

    def draw(self) -> None:  # drawn at the end, by ReservedContents.draw
        pass


def _furnished_canvas(
    furniture: PageFurniture,
    pagesize: tuple[float, float],
    contents: ReservedContents | None = None,
) -> type[Canvas]:
    """A canvas class that holds pages back until the end, to print "page X of Y" on each
    (and the contents, once every heading's page is known)."""

    class FurnishedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held_pages.append(dict(self.__dict__))
            self._startPage()
            # Bookmarks name the page being drawn by the document's page counter, which only
            # the real showPage advances: advance it here, and rewind it before the replay.
            self._doc.pageCounter += 1

        def save(self) -> None:
            total = len(self._held_pages)
            self._doc.pageCounter -= total
            annotations = self._annotationCount
            for state in self._held_pages:
                self.__dict__.update(state)
                if contents is not None:
                    # Links drawn now need names no page has used yet.
                    self._annotationCount = annotations
                    contents.draw(self, self._pageNumber)
                    annotations = self._annotationCount
                self._draw_furniture(total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _draw_furniture(self, total: int) -> None:
            width, height = pagesize
            number = self._pageNumber
            self.saveState()
            if number > 1 or not furniture.plain_first_page:
                self.setFont(BOLD, 8)
                self.setFillColor(ACCENT)
                header = plain(furniture.header_left)
                limit = (
                    width
                    - 2 * MARGIN
                    - self.stringWidth(plain(furniture.header_right), BOLD, 8)
                    - 12
                )
                header = fit_width(header, BOLD, 8, limit)
                self.drawString(MARGIN, height - 12 * mm, header)
                if furniture.header_right:
                    self.drawRightString(
                        width - MARGIN, height - 12 * mm, plain(furniture.header_right)
                    )
                self.setStrokeColor(RULE)
                self.setLineWidth(0.5)
                self.line(MARGIN, height - 13.5 * mm, width - MARGIN, height - 13.5 * mm)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN, 13.5 * mm, width - MARGIN, 13.5 * mm)
            label = plain(furniture.page_label(number, total))
            room = width - 2 * MARGIN - self.stringWidth(label, REGULAR, 7.5) - 12
            self.setFont(ITALIC, 7.5)
            self.setFillColor(MUTED)
            self.drawString(
                MARGIN, 9 * mm, fit_width(plain(furniture.footer_left), ITALIC, 7.5, room)
            )
            self.setFont(REGULAR, 7.5)
            self.drawRightString(width - MARGIN, 9 * mm, label)
            self.restoreState()

    return FurnishedCanvas


class _Template(BaseDocTemplate):
    def __init__(
        self,
        target: Any,
        pagesize: tuple[float, float],
        info: PdfInfo,
        total: int,
        progress: ProgressCallback | None,
        cancelled: CancelCheck | None,
        contents: ReservedContents | None = None,
    ) -> None:
        self._contents = contents
        super().__init__(
            target,
            pagesize=pagesize,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=info.title,
            author=info.author,
            subject=info.subject,
            keywords=list(info.keywords),
            creator=f"RCM Desk {__version__}",
            producer=f"RCM Desk {__version__} (reportlab)",
            lang=info.language,
            displayDocTitle=1,
            initialFontName=REGULAR,  # else every page names Helvetica, which is not embedded
            invariant=0,
        )
        frame = Frame(MARGIN, MARGIN, pagesize[0] - 2 * MARGIN, pagesize[1] - 2 * MARGIN, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        self._total = max(1, total)
        self._done = 0
        self._progress = progress
        self._cancelled = cancelled
        self._bookmarks = 0

    def handle_flowable(self, flowables: list[Any]) -> None:
        if self._cancelled is not None and self._cancelled():
            raise BuildCancelled(_("Printing was cancelled; no file was written."))
        super().handle_flowable(flowables)

    def afterFlowable(self, flowable: Flowable) -> None:
        self._done += 1
        if self._progress is not None and self._done % 8 == 0:
            self._progress(min(self._done, self._total), self._total)
        if isinstance(flowable, Heading) and flowable.outline_level is not None:
            self._bookmarks += 1
            key = f"h{self._bookmarks}"
            title = flowable.title
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=flowable.outline_level, closed=False)
            if flowable.in_contents and self._contents is not None:
                # The contents set each entry in Paragraph markup: escape it ("Q&A <draft>").
                entry = markup_text(title)
                self._contents.entries.append((flowable.outline_level, entry, self.page, key))


def contents_table(styles: Styles) -> TableOfContents:
    """reportlab's own two-pass table of contents in the document's styles.

    RCM Desk draws its contents in one build (`ReservedContents`); this is what a plain
    reportlab program would use, kept as the briefing benchmark's baseline.
    """
    toc = TableOfContents(dotsMinLevel=0)
    # Its rows include spacers, and a table sets a cell's font before drawing it: without
    # this the default (Helvetica, not embedded) would be named on every page.
    toc.tableStyle = TableStyle(
        [*toc.tableStyle.getCommands(), ("FONTNAME", (0, 0), (-1, -1), REGULAR)]
    )
    level0 = styles.body.clone(
        "toc0", fontName=BOLD, leftIndent=0, firstLineIndent=0, spaceBefore=4
    )
    level1 = styles.body.clone("toc1", leftIndent=14, firstLineIndent=0, spaceBefore=0)
    toc.levelStyles = [level0, level1, styles.small.clone("toc2", leftIndent=28)]
    return toc


def write_pdf(
    path: Path,
    story: Callable[[], Sequence[Flowable]],
    info: PdfInfo,
    furniture: PageFurniture,
    *,
    pagesize: tuple[float, float] = A4,
    reserved_contents: ReservedContents | None = None,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> int:
    """Build the document *story* makes into *path*; returns its number of pages.

    The story is a factory because reportlab consumes flowables (a pack that turns out short is
    built again without its contents). The PDF is written to a temporary file beside *path* and
    renamed over it only when complete; on any failure no file is left behind.
    """
    register_fonts()
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise StorageError(
            _("The folder %(folder)s does not exist. Choose another place to save the PDF.")
            % {"folder": folder}
        )
    pages = 0

    def build(temporary: Path) -> None:
        nonlocal pages
        flowables = list(story())
        canvas_class = _furnished_canvas(furniture, pagesize, reserved_contents)
        document = _Template(
            str(temporary), pagesize, info, len(flowables), progress, cancelled, reserved_contents
        )
        document.build(flowables, canvasmaker=canvas_class)
        pages = document.page
        if reserved_contents is not None and reserved_contents.overflow:
            raise ContentsOverflow
        if progress is not None:
            progress(document._total, document._total)

    try:
        replace_through_temporary(path, build, ".pdf")
    except OSError as error:
        raise _write_error(path, error) from error
    return pages


def _write_error(path: Path, error: OSError) -> StorageError:
    return StorageError(
        _(
            "The PDF could not be written to %(path)s (%(reason)s). Choose a folder you can write to."
        )
        % {"path": path, "reason": error.strerror or error}
    )
