"""The domain: RCM Desk's vocabulary and rules on plain values (no Qt, no database).

Working days and due dates, time zones, seat and nomination rules, the document
workflow, checks on meetings and directory entries, and text folding for search.
"""
