"""Writing a document with a table of contents after its cover, in one build.

Pages measured to hold the contents are reserved, and the entries are drawn on them when
the build ends and every heading's page is known. A document that turns out short is built
again without them, which is cheap because it is short.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from rcm_desktop.printing.pdf.document import (
    MARGIN,
    CancelCheck,
    ContentsOverflow,
    Heading,
    PageFurniture,
    PdfInfo,
    ProgressCallback,
    ReservedContents,
    write_pdf,
)
from rcm_desktop.printing.pdf.markup import text
from rcm_desktop.printing.pdf.styles import Styles

#: Makes the document's flowables: every heading made is appended to the list it is given;
#: the contents' flowables (None: no contents) go after the cover.
StoryMaker = Callable[[list[Heading], Sequence[Flowable] | None], list[Flowable]]


def heading_maker(headings: list[Heading]) -> Callable[..., Heading]:
    """A factory of headings that notes each one made in *headings*."""

    def heading(markup: str, style: Any, level: int, in_contents: bool = True) -> Heading:
        made = Heading(markup, style, level, in_contents)
        headings.append(made)
        return made

    return heading


def cover_then_contents(
    cover: list[Flowable],
    heading: Callable[..., Heading],
    contents: Sequence[Flowable] | None,
    title: str,
    styles: Styles,
) -> list[Flowable]:
    """The cover, then (when there is one) the contents on its own pages."""
    story = [*cover, PageBreak()]
    if contents is not None:
        story.append(heading(text(title), styles.h1, 0, in_contents=False))
        story.extend(contents)
        story.append(PageBreak())
    return story


def contents_pages(headings: Sequence[Heading], styles: Styles, title: str) -> int:
    """Pages the contents of *headings* take, measured as the body frame will hold them."""
    padding = 6  # reportlab's default frame padding, on each side
    width = A4[0] - 2 * MARGIN - 2 * padding
    full = A4[1] - 2 * MARGIN - 2 * padding - 1
    heading_height = Paragraph(text(title), styles.h1).wrap(width, full)[1] + styles.h1.spaceAfter
    titles = [
        (heading.outline_level, text(heading.title)) for heading in headings if heading.in_contents
    ]
    return ReservedContents(styles, 1).pages_needed(titles, width, full - heading_height, full)


def write_with_contents(
    path: Path,
    make_story: StoryMaker,
    styles: Styles,
    title: str,
    info: PdfInfo,
    furniture: PageFurniture,
    *,
    contents_after_pages: int,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> int:
    """Write the document *make_story* makes to *path*, with a contents titled *title* when
    its body is longer than *contents_after_pages*; returns its number of pages."""

    def scaled(start: int, span: int) -> ProgressCallback | None:
        if progress is None:
            return None
        return lambda done, total: progress(start + span * done // max(total, 1), 100)

    def story_with_contents(contents: ReservedContents) -> list[Flowable]:
        marker = Spacer(0, 0)  # where the contents go, once the headings say how long they are
        headings: list[Heading] = []
        story = make_story(headings, [marker])
        contents.pages = max(contents.pages, contents_pages(headings, styles, title))
        at = next(index for index, flowable in enumerate(story) if flowable is marker)
        story[at : at + 1] = contents.reserve()
        return story

    # One build with the contents reserved. A document that turns out short is built again
    # without them (cheaply, being short); a reservation that fell short gets one more page.
    contents = ReservedContents(styles, 1)
    while True:
        try:
            pages = write_pdf(
                path,
                lambda reserved=contents: story_with_contents(reserved),
                info,
                furniture,
                reserved_contents=contents,
                progress=scaled(0, 90),
                cancelled=cancelled,
            )
            break
        except ContentsOverflow:
            contents = ReservedContents(styles, contents.pages + 1)
    if pages - contents.pages <= contents_after_pages:
        pages = write_pdf(
            path,
            lambda: make_story([], None),
            info,
            furniture,
            progress=scaled(90, 10),
            cancelled=cancelled,
        )
    if progress is not None:
        progress(100, 100)
    return pages
