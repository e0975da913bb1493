"""A PDF note's pages laid out as the notes' plain text.

On each page: furniture dropped (`drop_furniture`), footnotes under a short separator rule set
aside for the end, ruled and unruled tables found (`read_pdf_tables`), and the other lines
joined into paragraphs: a line goes on with the paragraph above when it starts at the same
place (a first-line indent or a list marker's hanging indent allowed), no wider gap separates
them than between lines of one paragraph, the line above was full (the first word of the next
would not have fitted) and neither is a bold heading followed by body text; centred lines of
one title are joined too. A line opening with a list marker starts an item. A paragraph that
ends a full page goes on at the top of the next one, and a table on with its continuation.
"""

from __future__ import annotations

from dataclasses import dataclass

from rcm_desktop.exchange.notes.read_common import TextBuilder
from rcm_desktop.exchange.notes.read_pdf_lines import (
    Context,
    Line,
    Page,
    drop_furniture,
    full,
    new_item,
    page_lines,
    starts_item,
)
from rcm_desktop.exchange.notes.read_pdf_tables import (
    Box,
    TableBlock,
    find_boxes,
    join_lines,
    merge_rules,
    ruled_table,
    text_tables,
)


@dataclass
class _Paragraph:
    lines: list[Line]

    @property
    def top(self) -> float:
        return self.lines[0].y + self.lines[0].size

    @property
    def text(self) -> str:
        return join_lines([line.text for line in self.lines])


Block = _Paragraph | TableBlock


def layout_text(pages: list[Page]) -> str:
    """The plain text of *pages* (their runs and rules as read from the PDF)."""
    boxes: list[list[Box]] = []
    lines: list[list[Line]] = []
    separators: list[list[tuple[float, float, float]]] = []
    for page in pages:
        hrules, vrules = merge_rules(page.hrules), merge_rules(page.vrules)
        found = find_boxes(hrules, vrules)
        boxes.append(found)
        separators.append([rule for rule in hrules if not any(_in_box(rule, box) for box in found)])
        lines.append(page_lines(page, vrules))
    lines = drop_furniture(pages, lines)
    context = Context.of([line for page_lines_ in lines for line in page_lines_])
    blocks = [
        _page_blocks(page_lines_, page_boxes, page_separators, context)
        for page_lines_, page_boxes, page_separators in zip(lines, boxes, separators, strict=True)
    ]
    out = TextBuilder()
    for block in _across_pages(blocks, context):
        if isinstance(block, TableBlock):
            for row in block.rows:
                out.row(row)
            out.end_table()
        elif starts_item(block.text):
            out.item(block.text)
        else:
            out.paragraph(block.text)
    for footnote in context.footnotes:
        out.paragraph(footnote)
    return out.text()


def _in_box(rule: tuple[float, float, float], box: Box) -> bool:
    return (
        box.bottom - 1 <= rule[0] <= box.top + 1 and rule[1] >= box.x0 - 3 and rule[2] <= box.x1 + 3
    )


def _page_blocks(
    lines: list[Line],
    boxes: list[Box],
    separators: list[tuple[float, float, float]],
    context: Context,
) -> list[Block]:
    lines = _set_footnotes_aside(lines, separators, context)
    blocks: list[Block] = []
    for box in boxes:
        inside = [s for line in lines for s in line.segments if box.holds(s)]
        if not inside:
            continue
        framed = box.columns < 2
        if framed and any(line.y > box.top for line in lines):
            continue  # a framed paragraph: prose, unless it is a table's end atop a new page
        block = ruled_table(box, inside, context)
        if framed:
            block.framed = [line for line in lines if any(box.holds(s) for s in line.segments)]
        blocks.append(block)
        lines = [
            Line([s for s in line.segments if not box.holds(s)], line.page)
            for line in lines
            if any(not box.holds(s) for s in line.segments)
        ]
    tables, prose = text_tables(lines, context)
    blocks.extend(tables)
    tops = sorted(table.top for table in blocks if isinstance(table, TableBlock))
    blocks.extend(_paragraphs(prose, tops, context))
    blocks.sort(key=lambda block: -block.top)
    return blocks


def _set_footnotes_aside(
    lines: list[Line], separators: list[tuple[float, float, float]], context: Context
) -> list[Line]:
    """Lines in a smaller font under a short rule at the left margin (Word's footnote
    separator) are footnotes: kept in the context for the end of the text."""
    width = max(context.right - context.left, 1.0)
    for y, x0, x1 in separators:
        if x1 - x0 > 0.45 * width or abs(x0 - context.left) > 15:
            continue
        below = [line for line in lines if line.y < y]
        if below and all(line.size < 0.95 * context.body_size for line in below):
            context.footnotes.extend(p.text for p in _paragraphs(below, [], context))
            return [line for line in lines if line.y >= y]
    return lines


def _paragraphs(lines: list[Line], table_tops: list[float], context: Context) -> list[_Paragraph]:
    paragraphs: list[_Paragraph] = []
    for line in lines:
        if paragraphs:
            last = paragraphs[-1]
            between = any(line.y < top < last.lines[-1].y for top in table_tops)
            if not between and _goes_on(last, line, context):
                last.lines.append(line)
                continue
        paragraphs.append(_Paragraph([line]))
    return paragraphs


def _goes_on(
    paragraph: _Paragraph, line: Line, context: Context, *, same_page: bool = True
) -> bool:
    """True when *line* continues *paragraph* (see the module's rules)."""
    previous = paragraph.lines[-1]
    if abs(previous.size - line.size) > 0.6 or (previous.bold and not line.bold):
        return False
    if same_page:
        gap = previous.y - line.y
        if gap <= 0 or gap > context.limit(previous.size):
            return False
        if _centred(previous, context) and _centred(line, context):
            middle = abs((previous.x0 + previous.x1) - (line.x0 + line.x1)) / 2
            return middle <= 4 and not starts_item(line.text)
    if len(paragraph.lines) > 1:
        if abs(line.x0 - paragraph.lines[1].x0) > 2.5:
            return False
    elif not previous.x0 - 60 <= line.x0 <= previous.segments[0].text_x + 2.5:
        return False
    if new_item(paragraph.lines[0].segments[0], line):
        return False
    return full(previous, line, context.right)


def _centred(line: Line, context: Context) -> bool:
    """True when *line* stands clear of both edges, about as far from each."""
    left, right = line.x0 - context.left, context.right - line.x1
    return left > 10 and right > 10 and abs(left - right) <= 6


def _across_pages(pages: list[list[Block]], context: Context) -> list[Block]:
    """The blocks of all pages in order, a paragraph or a table cut by a page break joined."""
    blocks: list[Block] = []
    for page in pages:
        for index, block in enumerate(page):
            previous = blocks[-1] if blocks else None
            if index == 0 and previous is not None and _continued(previous, block, context):
                if isinstance(previous, TableBlock) and isinstance(block, TableBlock):
                    previous.rows.extend(block.rows)
                elif isinstance(previous, _Paragraph) and isinstance(block, _Paragraph):
                    previous.lines.extend(block.lines)
                continue
            if isinstance(block, TableBlock) and block.framed is not None:
                blocks.extend(_paragraphs(block.framed, [], context))
                continue
            blocks.append(block)
    return blocks


def _continued(previous: Block, block: Block, context: Context) -> bool:
    if isinstance(previous, TableBlock) or isinstance(block, TableBlock):
        return (
            isinstance(previous, TableBlock)
            and isinstance(block, TableBlock)
            and previous.framed is None
            and len(previous.edges) == len(block.edges)
            and all(abs(a - b) <= 3 for a, b in zip(previous.edges, block.edges, strict=True))
        )
    last, first = previous.lines[-1], block.lines[0]
    pitch = context.pitch(last.size)
    near_bottom = last.y <= context.lowest + 2.5 * pitch
    near_top = first.y >= context.highest - 2.5 * pitch
    return near_bottom and near_top and _goes_on(previous, first, context, same_page=False)
