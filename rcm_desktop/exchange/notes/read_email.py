"""E-mail notes (.eml): the body of the message is the note. Its text/plain part is read (a
format=flowed body unwrapped), else its text/html part as a web page; attachments, the headers
and the subject are left out."""

from __future__ import annotations

from typing import Any

from rcm_desktop.exchange.notes.read_common import no_body


def read_email(data: bytes, name: str) -> str:
    """The plain text of the body of the e-mail in *data*; ImportFileError (`no_body`) when
    it has no text part."""
    import email
    from email import policy

    message = email.message_from_bytes(data, policy=policy.default)
    part = message.get_body(preferencelist=("plain", "html"))  # type: ignore[attr-defined]
    if part is None:
        raise no_body(name)
    text = _content(part)
    if part.get_content_subtype() == "html":
        from rcm_desktop.exchange.notes.read_html import html_text

        return html_text(text)
    from rcm_desktop.exchange.notes.read_text import plain_text

    if str(part.get_param("format", "")).lower() == "flowed":
        text = _unflow(text, str(part.get_param("delsp", "")).lower() == "yes")
    return plain_text(text)


def _unflow(text: str, delete_space: bool) -> str:
    """A format=flowed body (RFC 3676) with its soft line breaks (a line ending in a space)
    joined again, so that a paragraph is one line."""
    lines: list[str] = []
    soft = False
    for line in text.replace("\r\n", "\n").split("\n"):
        line = line[1:] if line.startswith(" ") else line  # space-stuffing
        if soft and lines:
            lines[-1] += line
        else:
            lines.append(line)
        soft = line.endswith(" ") and line.strip() != "--"
        if soft and delete_space:
            lines[-1] = lines[-1][:-1]
    return "\n".join(lines)


def _content(part: Any) -> str:
    """The decoded text of *part*; an unknown or wrong charset falls back on the readers'
    own decoding (UTF-8, then Windows-1252)."""
    try:
        content = part.get_content()
        if isinstance(content, str):
            return content
    except (LookupError, UnicodeError, ValueError, AssertionError):
        pass
    from rcm_desktop.exchange.notes.read_text import decode_text

    payload = part.get_payload(decode=True)
    return decode_text(payload) if isinstance(payload, bytes) else str(payload or "")
