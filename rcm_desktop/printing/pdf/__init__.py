"""Building blocks shared by every PDF RCM Desk prints (domain layer: reportlab, no Qt).

- `fonts.register_fonts()` embeds the Noto Sans family shipped in `resources/fonts/`.
- `markup.text(value)` makes user text safe for `Paragraph` markup: escapes `&`, `<`,
  `>` and quotes, turns line breaks into `<br/>`, and replaces characters the font
  cannot draw (emoji, scripts it lacks) with a visible mark. `markup.plain(value)`
  does the same for text drawn straight on the canvas (headers, footers).
- `styles.stylesheet()` gives the paragraph and table styles.
- `document.write_pdf(path, story, …)` builds a document with a running header and
  footer, "page X of Y", bookmarks for `document.Heading` flowables, an optional table
  of contents, PDF metadata (title, author, subject, language), progress and
  cancellation callbacks; it writes a temporary file and renames it, so a failed or
  cancelled build never leaves a partial file.
"""
