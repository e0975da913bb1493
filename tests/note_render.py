"""Test helper: a seed concept note (tests/data/seeds/) rendered as its sender's .docx, .odt,
.pdf, .html or .eml would be: each line a paragraph (ALL-CAPS and "I. Context" lines bold
headings, "- "/"• " lines list items, " - " one level deeper, `**bold**` and `*italic*` runs);
consecutive lines holding a TAB one table, a cell per TAB, a row with text in its first cell
only spanning the table; a cell's HTML (`<ul>`, `<p><i>…</i></p>`, `<div>`) real paragraphs,
italics and list items (a `<ul>` of "•" items without `<li>`: an item per "•"). Also raw Word
XML and hand-placed PDF text for the readers' own tests."""

from __future__ import annotations

import html
import io
import re
import zipfile
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from xml.sax.saxutils import escape

FONTS = Path(__file__).resolve().parents[1] / "resources" / "fonts"
_EMPHASIS = re.compile(r"(\*\*|\*)")
_FOOTNOTE = re.compile(r"^[¹²³⁴⁵⁶⁷⁸⁹⁰]")
_ROMAN_HEADING = re.compile(r"^[IVX]+\.\s+\S")
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")


@dataclass
class Span:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Para:
    spans: list[Span]
    style: str = "body"  # body, heading, list, list2, footnote
    center: bool = False


@dataclass
class Table:
    rows: list[list[list[Para]]] = field(default_factory=list)  # row → cell → paragraphs
    spanned: list[bool] = field(default_factory=list)

    @property
    def columns(self) -> int:
        return max(len(row) for row in self.rows)


# --- the seed's structure -------------------------------------------------------------------


def parse_note(text: str) -> list[Para | Table]:
    """The seed *text* as paragraphs and tables."""
    blocks: list[Para | Table] = []
    state = [False, False]  # bold, italic: Markdown emphasis may run over a line break
    table: Table | None = None
    for raw in text.split("\n"):
        if "\t" in raw:
            if table is None:
                table = Table()
                blocks.append(table)
            cells = [_cell(cell) for cell in raw.split("\t")]
            table.rows.append(cells)
            table.spanned.append(bool(cells[0]) and len(cells) > 1 and not any(cells[1:]))
            continue
        table = None
        line = raw.strip()
        if not line:
            state = [False, False]
            continue
        style = "body"
        if raw.startswith(" - "):
            style, line = "list2", line[2:]
        elif line.startswith(("- ", "• ")):
            style, line = "list", line[2:]
        elif _FOOTNOTE.match(line):
            style = "footnote"
        spans = _emphasis(line, state)
        plain = "".join(span.text for span in spans)
        letters = [character for character in plain if character.isalpha()]
        if style == "body" and (
            (len(letters) > 1 and all(c.isupper() for c in letters)) or _ROMAN_HEADING.match(plain)
        ):
            style = "heading"
        blocks.append(Para(spans, style))
    for block in blocks:
        if isinstance(block, Table):
            for row in block.rows:
                row.extend([[]] * (block.columns - len(row)))
    return blocks


def _emphasis(line: str, state: list[bool]) -> list[Span]:
    spans = []
    for token in _EMPHASIS.split(line):
        if token == "**":
            state[0] = not state[0]
        elif token == "*":
            state[1] = not state[1]
        elif token:
            spans.append(Span(token, state[0], state[1]))
    return spans


def _cell(text: str) -> list[Para]:
    """A cell's HTML fragment as paragraphs with bold and italic runs."""
    paras: list[Para] = []
    spans: list[Span] = []
    style, centre, bold, italic, in_list = "body", False, 0, 0, False

    def close() -> None:
        words = "".join(span.text for span in spans)
        if style == "bullets" and "•" in words:  # "<ul> • one; • two</ul>": an item per bullet
            items = (" ".join(item.split()) for item in words.split("•"))
            paras.extend(Para([Span(item)], "list") for item in items if item)
        elif words.strip():
            for span in spans:
                span.text = re.sub(r"\s+", " ", span.text)
            spans[0].text, spans[-1].text = spans[0].text.lstrip(), spans[-1].text.rstrip()
            kept = [span for span in spans if span.text]
            paras.append(Para(kept, "body" if style == "bullets" else style, centre))
        spans.clear()

    position = 0
    for match in [*_TAG.finditer(text), None]:
        chunk = text[position : match.start() if match else len(text)]
        if chunk:
            spans.append(Span(html.unescape(chunk), bold > 0, italic > 0))
        if match is None:
            break
        position, closing, tag = match.end(), match[1] == "/", match[2].lower()
        if tag in ("b", "strong", "i", "em"):
            step = -1 if closing else 1
            bold, italic = (
                (bold + step, italic) if tag in ("b", "strong") else (bold, italic + step)
            )
        elif tag in ("p", "div", "li", "ul"):
            close()
            in_list = (not closing) if tag == "ul" else in_list
            centre = not closing and "center" in match[3]
            if closing:
                style = "bullets" if in_list and tag != "ul" else "body"
            else:
                style = {"ul": "bullets", "li": "list"}.get(tag, "list" if in_list else "body")
    close()
    return paras


# --- Word ---------------------------------------------------------------------------------

_DOCX_STYLES = {"heading": "Heading 2", "list": "List Bullet", "list2": "List Bullet 2"}


def render_docx(text: str) -> bytes:
    """The note as a Word document: headings, bullet lists, tables with merged rows."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()

    def fill(paragraph: object, para: Para) -> None:
        for span in para.spans:
            run = paragraph.add_run(span.text)  # type: ignore[attr-defined]
            run.bold, run.italic = span.bold or None, span.italic or None
            if para.style == "footnote":
                run.font.size = Pt(9)
        if para.center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER  # type: ignore[attr-defined]

    for block in parse_note(text):
        if isinstance(block, Para):
            fill(document.add_paragraph(style=_DOCX_STYLES.get(block.style)), block)
            continue
        table = document.add_table(rows=len(block.rows), cols=block.columns)
        table.style = "Table Grid"
        for row, cells, spanned in zip(table.rows, block.rows, block.spanned, strict=True):
            targets = [row.cells[0].merge(row.cells[-1])] if spanned else list(row.cells)
            for target, paras in zip(targets, cells, strict=False):
                for index, para in enumerate(paras):
                    paragraph = target.paragraphs[0] if index == 0 else target.add_paragraph()
                    paragraph.style = document.styles[_DOCX_STYLES.get(para.style, "Normal")]
                    fill(paragraph, para)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- OpenDocument -------------------------------------------------------------------------

ODF_NAMESPACES = " ".join(
    f'xmlns:{key}="urn:oasis:names:tc:opendocument:xmlns:{name}:1.0"'
    for key, name in (("office", "office"), ("style", "style"), ("text", "text"), ("table", "table"), ("fo", "xsl-fo-compatible"))
)  # fmt: skip
_MANIFEST = '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
_ODT_STYLES = """<office:automatic-styles>
<style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="I" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="BI" style:family="text"><style:text-properties fo:font-weight="bold" fo:font-style="italic"/></style:style>
<style:style style:name="C" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/></style:style>
<text:list-style style:name="L1"><text:list-level-style-bullet text:level="1" text:bullet-char="•"/><text:list-level-style-bullet text:level="2" text:bullet-char="◦"/></text:list-style>
</office:automatic-styles>"""


def _odt_spans(para: Para) -> str:
    """Runs as text:span elements; runs of spaces as ODF writes them (" <text:s text:c="n"/>")."""
    out = []
    for span in para.spans:
        body = re.sub(r"  +", lambda m: f' <text:s text:c="{len(m[0]) - 1}"/>', escape(span.text))
        name = ("B" if span.bold else "") + ("I" if span.italic else "")
        out.append(f'<text:span text:style-name="{name}">{body}</text:span>' if name else body)
    return "".join(out)


def _odt_para(para: Para) -> str:
    if para.style == "heading":
        return f'<text:h text:outline-level="2">{_odt_spans(para)}</text:h>'
    center = ' text:style-name="C"' if para.center else ""
    return f"<text:p{center}>{_odt_spans(para)}</text:p>"


def _odt_items(paras: list[Para]) -> str:
    """Consecutive list paragraphs as one list; a second-level item nests in the item above."""
    items: list[list[str]] = []
    for para in paras:
        if para.style == "list2" and items:
            items[-1].append(f"<text:list-item>{_odt_para(para)}</text:list-item>")
        else:
            items.append([_odt_para(para)])
    xml = "".join(
        f"<text:list-item>{first}{'<text:list>' + ''.join(nested) + '</text:list>' if nested else ''}"
        "</text:list-item>"
        for first, *nested in items
    )
    return f'<text:list text:style-name="L1">{xml}</text:list>'


def render_odt(text: str) -> bytes:
    """The note as an OpenDocument text, written by hand (mimetype first, stored)."""
    body: list[str] = []
    pending: list[Para] = []
    for block in [*parse_note(text), None]:
        if isinstance(block, Para) and block.style in ("list", "list2"):
            pending.append(block)
            continue
        if pending:
            body.append(_odt_items(pending))
            pending = []
        if isinstance(block, Para):
            body.append(_odt_para(block))
        elif isinstance(block, Table):
            body.append(_odt_table(block))
    return zip_package(
        {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": odt_content(
            f'{_ODT_STYLES}<office:body><office:text>{"".join(body)}</office:text></office:body>'
        ), "META-INF/manifest.xml": _MANIFEST}
    )  # fmt: skip


def odt_content(inner: str) -> str:
    """content.xml of an OpenDocument text whose document element holds *inner*."""
    return f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF_NAMESPACES} office:version="1.2">{inner}</office:document-content>'


def zip_package(parts: dict[str, bytes | str]) -> bytes:
    """A ZIP package of *parts* in order; a "mimetype" part is stored, not compressed (ODF)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            stored = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            package.writestr(zipfile.ZipInfo(name), content, compress_type=stored)
    return buffer.getvalue()


def _odt_table(table: Table) -> str:
    rows = []
    for cells, spanned in zip(table.rows, table.spanned, strict=True):
        xml = []
        for index, paras in enumerate(cells):
            if spanned and index:
                xml.append("<table:covered-table-cell/>")
                continue
            span = f' table:number-columns-spanned="{table.columns}"' if spanned else ""
            inner = "".join(_odt_items([p]) if p.style == "list" else _odt_para(p) for p in paras)
            xml.append(
                f'<table:table-cell office:value-type="string"{span}>{inner}</table:table-cell>'
            )
        rows.append(f"<table:table-row>{''.join(xml)}</table:table-row>")
    columns = f'<table:table-column table:number-columns-repeated="{table.columns}"/>'
    return f'<table:table table:name="T">{columns}{"".join(rows)}</table:table>'


# --- HTML and e-mail ----------------------------------------------------------------------


def _marked(span: Span, body: str) -> str:
    """*body* (the span's text as markup) inside <b> and <i> as the span is bold or italic."""
    body = f"<b>{body}</b>" if span.bold else body
    return f"<i>{body}</i>" if span.italic else body


def _html_spans(para: Para) -> str:
    return "".join(_marked(span, html.escape(span.text, quote=False)) for span in para.spans)


def render_html(text: str) -> str:
    """The note as a web page (what an e-mail's HTML body or a "Save as web page" holds)."""
    out = [
        "<!DOCTYPE html><html><head><title>Note</title><style>td{border:1px solid}</style></head><body>"
    ]
    open_list = 0
    for block in parse_note(text):
        depth = {"list": 1, "list2": 2}.get(block.style, 0) if isinstance(block, Para) else 0
        while open_list > depth:
            out.append("</ul>")
            open_list -= 1
        while open_list < depth:
            out.append("<ul>")
            open_list += 1
        if isinstance(block, Table):
            out.append(_html_table(block))
        elif depth:
            out.append(f"<li>{_html_spans(block)}</li>")
        elif block.style == "heading":
            out.append(f"<h2>{_html_spans(block)}</h2>")
        else:
            out.append(f"<p>{_html_spans(block)}</p>")
    out.append("</ul>" * open_list + "</body></html>")
    return "\n".join(out)


def _html_table(table: Table) -> str:
    rows = []
    for cells, spanned in zip(table.rows, table.spanned, strict=True):
        tds = []
        for paras in cells[:1] if spanned else cells:
            inner = "".join(
                f"<ul><li>{_html_spans(p)}</li></ul>" if p.style == "list"
                else f'<p style="text-align:center">{_html_spans(p)}</p>' if p.center
                else f"<p>{_html_spans(p)}</p>"
                for p in paras
            )  # fmt: skip
            span = f' colspan="{table.columns}"' if spanned else ""
            tds.append(f"<td{span}>{inner}</td>")
        rows.append(f"<tr>{''.join(tds)}</tr>")
    return f"<table>{''.join(rows)}</table>"


def render_eml(text: str, *, html_only: bool = False) -> bytes:
    """The note as the body of an e-mail: text/plain with an HTML alternative and a PDF
    attachment (ignored by the reader), or with *html_only* a text/html body alone."""
    message = EmailMessage()
    message["From"] = "Secretaría Técnica <st@example.org>"
    message["To"] = "focal.point@example.org"
    message["Subject"] = "Nota conceptual / Concept note"
    if html_only:
        message.set_content(render_html(text), subtype="html")
    else:
        message.set_content(text)
        message.add_alternative(render_html(text), subtype="html")
        message.add_attachment(b"%PDF-1.4 not read", maintype="application", subtype="pdf",
                               filename="agenda.pdf")  # fmt: skip
    return bytes(message)


# --- PDF ----------------------------------------------------------------------------------

FAMILY = "NoteRenderSans"


def pdf_font() -> set[int]:
    """Register Noto Sans (once) under its own name; the code points it can draw."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    faces = {"": "Regular", "-Bold": "Bold", "-Italic": "Italic", "-BoldItalic": "BoldItalic"}
    if FAMILY not in pdfmetrics.getRegisteredFontNames():
        for suffix, face in faces.items():
            pdfmetrics.registerFont(TTFont(FAMILY + suffix, FONTS / f"NotoSans-{face}.ttf"))
        for (bold, italic), suffix in zip(((0, 0), (1, 0), (0, 1), (1, 1)), faces, strict=True):
            addMapping(FAMILY, bold, italic, FAMILY + suffix)
    return set(pdfmetrics.getFont(FAMILY).face.charToGlyph)


def _pdf_markup(para: Para, drawn: set[int]) -> str:
    """Paragraph markup: text escaped, ✓ from ZapfDingbats, what Noto Sans lacks (📁) dropped."""
    marks = {"✓": '<font name="ZapfDingbats">✓</font>'}
    return "".join(
        _marked(
            span, "".join(marks.get(c) or (escape(c) if ord(c) in drawn else "") for c in span.text)
        )
        for span in para.spans
    ).strip()


def render_pdf(text: str) -> bytes:
    """The note as a text PDF (reportlab, A4): Noto Sans, bold headings, bulleted lists, ruled
    tables of wrapped paragraphs, a running header and page numbers."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    drawn = pdf_font()
    base = ParagraphStyle("body", fontName=FAMILY, fontSize=10, leading=13, spaceAfter=6,
                          bulletFontName=FAMILY)  # fmt: skip
    styles = {
        "body": base,
        "heading": ParagraphStyle("heading", base, fontName=FAMILY + "-Bold", fontSize=11,
                                  leading=14, spaceBefore=8, keepWithNext=1),
        "list": ParagraphStyle("list", base, leftIndent=18, bulletIndent=6, spaceAfter=2),
        "list2": ParagraphStyle("list2", base, leftIndent=36, bulletIndent=24, spaceAfter=2),
        "footnote": ParagraphStyle("footnote", base, fontSize=8, leading=10, spaceAfter=4),
    }  # fmt: skip
    cell = ParagraphStyle("cell", base, fontSize=9, leading=11.5, spaceAfter=4)
    cell_list = ParagraphStyle("cell_list", cell, leftIndent=10, bulletIndent=0)
    centred = ParagraphStyle("centred", cell, alignment=1)
    width = A4[0] - 144
    story: list[object] = []
    for block in parse_note(text):
        if isinstance(block, Para):
            markup = _pdf_markup(block, drawn)
            bullet = "•" if block.style.startswith("list") else None
            if markup:
                story.append(Paragraph(markup, styles[block.style], bulletText=bullet))
            continue
        shares = {2: [0.32, 0.68], 3: [0.18, 0.5, 0.32]}.get(block.columns)
        widths = [width * share for share in shares or [1 / block.columns] * block.columns]
        data = [
            [[Paragraph(_pdf_markup(p, drawn), cell_list if p.style == "list" else
                        centred if p.center else cell, bulletText="•" if p.style == "list" else None)
              for p in paras] for paras in row]
            for row in block.rows
        ]  # fmt: skip
        commands = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    *[("SPAN", (0, r), (-1, r)) for r, spans in enumerate(block.spanned) if spans]]  # fmt: skip
        story.append(Table(data, colWidths=widths, style=TableStyle(commands), spaceAfter=8))

    def decorate(canvas: object, document: object) -> None:
        canvas.setFont(FAMILY, 8)  # type: ignore[attr-defined]
        canvas.drawString(72, A4[1] - 40, "Regional Conference on Migration · Concept note")  # type: ignore[attr-defined]
        canvas.drawCentredString(A4[0] / 2, 30, f"Page {document.page}")  # type: ignore[attr-defined]

    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=72, rightMargin=72,
                                 topMargin=72, bottomMargin=72)  # fmt: skip
    document.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()


# --- documents written by hand: raw Word XML, text drawn at given places ----------------------


def render_docx_xml(body: str, footnotes: str) -> bytes:
    """A Word document (with a page header) whose body is the WordprocessingML *body*, and
    whose footnotes part is *footnotes* (python-docx writes neither)."""
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "HEADER: draft, do not cite"
    document.add_paragraph("@@BODY@@")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        parts: dict[str, bytes | str] = {name: package.read(name) for name in package.namelist()}
    parts["word/footnotes.xml"] = footnotes
    relation = '<Relationship Id="rIdNotes" Target="footnotes.xml" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"/></Relationships>'
    override = '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>'
    for name, old, new in (
        ("word/document.xml", r"<w:p>(?:(?!</w:p>).)*@@BODY@@.*?</w:p>", body),
        ("word/_rels/document.xml.rels", "</Relationships>", relation),
        ("[Content_Types].xml", "</Types>", override),
    ):
        parts[name] = re.sub(old, new, bytes(parts[name]).decode(), flags=re.S)
    return zip_package(parts)


def render_drawn_pdf(
    pages: list[list[tuple[float, float, str, float]]], rules: list[tuple[int, float, float, float]]
) -> bytes:
    """A PDF of text drawn at given places ((x, y, text, size) per page; ALL-CAPS text bold)
    with horizontal rules (page, y, x0, x1) and a page number: laid out by its own program."""
    from reportlab.pdfgen import canvas

    pdf_font()
    buffer = io.BytesIO()
    drawing = canvas.Canvas(buffer)
    for number, items in enumerate(pages):
        for x, y, text, size in items:
            drawing.setFont(FAMILY + ("-Bold" if text.isupper() else ""), size)
            drawing.drawString(x, y, text)
        for _page, y, x0, x1 in (rule for rule in rules if rule[0] == number):
            drawing.line(x0, y, x1, y)
        drawing.drawCentredString(297, 30, f"Page {number + 1}")
        drawing.showPage()
    drawing.save()
    return buffer.getvalue()
