"""Small helpers for the HTML subset that QLabel and QTextBrowser show: user text is always escaped."""

from __future__ import annotations

from html import escape


def text_html(value: str | None) -> str:
    """User text made safe for HTML, line breaks kept."""
    return escape(value or "").replace("\n", "<br/>")


def tag(name: str, text: str, attributes: str = "") -> str:
    """`<name attributes>text</name>` with *text* escaped (line breaks kept)."""
    opening = f"{name} {attributes}" if attributes else name
    return f"<{opening}>{text_html(text)}</{name}>"
