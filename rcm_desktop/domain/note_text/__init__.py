"""Text-level extractors for concept notes and reports: each reads plain text and returns what
it found with where it found it (line number and matched text), never guessing.

Modules: `dates`, `times`, `zones`, `limits`, `deadlines`, `questions`; `words` holds the
shared vocabulary (months, weekdays, number words) and `found` the source record.
"""
