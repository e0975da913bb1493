"""Paragraph styles of RCM Desk's documents: sober, legible, one family."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from rcm_desktop.printing.pdf.fonts import BOLD, ITALIC, REGULAR, register_fonts

INK = colors.HexColor("#1b1b1b")
MUTED = colors.HexColor("#555555")
ACCENT = colors.HexColor("#1f3a5f")  # a dark institutional blue
RULE = colors.HexColor("#9aa7b4")
SHADE = colors.HexColor("#e9eef3")
WARNING = colors.HexColor("#8a1c1c")


@dataclass(frozen=True)
class Styles:
    """The styles a document uses; build with `stylesheet()`."""

    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_right: ParagraphStyle
    warning: ParagraphStyle
    centered: ParagraphStyle


def stylesheet(size: float = 10) -> Styles:
    """The styles at body size *size* points (fonts registered on the way)."""
    register_fonts()
    body = ParagraphStyle(
        "body",
        fontName=REGULAR,
        fontSize=size,
        leading=size * 1.35,
        textColor=INK,
        spaceAfter=size * 0.5,
    )
    return Styles(
        title=ParagraphStyle(
            "title",
            parent=body,
            fontName=BOLD,
            fontSize=size * 2.1,
            leading=size * 2.6,
            textColor=ACCENT,
            spaceAfter=size,
        ),
        subtitle=ParagraphStyle(
            "subtitle",
            parent=body,
            fontSize=size * 1.3,
            leading=size * 1.7,
            textColor=MUTED,
            spaceAfter=size,
        ),
        h1=ParagraphStyle(
            "h1",
            parent=body,
            fontName=BOLD,
            fontSize=size * 1.6,
            leading=size * 2.0,
            textColor=ACCENT,
            spaceBefore=size * 0.6,
            spaceAfter=size * 0.7,
            keepWithNext=True,
        ),
        h2=ParagraphStyle(
            "h2",
            parent=body,
            fontName=BOLD,
            fontSize=size * 1.25,
            leading=size * 1.6,
            textColor=ACCENT,
            spaceBefore=size * 0.9,
            spaceAfter=size * 0.4,
            keepWithNext=True,
        ),
        h3=ParagraphStyle(
            "h3",
            parent=body,
            fontName=BOLD,
            fontSize=size * 1.05,
            leading=size * 1.4,
            spaceBefore=size * 0.6,
            spaceAfter=size * 0.25,
            keepWithNext=True,
        ),
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=size * 0.85, leading=size * 1.15),
        muted=ParagraphStyle("muted", parent=body, fontName=ITALIC, textColor=MUTED),
        cell=ParagraphStyle(
            "cell", parent=body, fontSize=size * 0.9, leading=size * 1.2, spaceAfter=0
        ),
        cell_bold=ParagraphStyle(
            "cell_bold",
            parent=body,
            fontName=BOLD,
            fontSize=size * 0.9,
            leading=size * 1.2,
            spaceAfter=0,
        ),
        cell_right=ParagraphStyle(
            "cell_right",
            parent=body,
            fontSize=size * 0.9,
            leading=size * 1.2,
            spaceAfter=0,
            alignment=TA_RIGHT,
        ),
        warning=ParagraphStyle("warning", parent=body, fontName=BOLD, textColor=WARNING),
        centered=ParagraphStyle("centered", parent=body, alignment=TA_CENTER),
    )


def table_style(header_rows: int = 1, zebra: bool = True) -> TableStyle:
    """Grid lines, a shaded header, and light banding for a data table."""
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # never the default Helvetica, not embedded
        ("LINEBELOW", (0, 0), (-1, header_rows - 1), 0.8, ACCENT),
        ("LINEBELOW", (0, header_rows), (-1, -1), 0.3, RULE),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if zebra:
        commands.append(
            (
                "ROWBACKGROUNDS",
                (0, header_rows),
                (-1, -1),
                [colors.white, colors.HexColor("#f7f9fb")],
            )
        )
    return TableStyle(commands)
