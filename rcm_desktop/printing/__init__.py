"""Printed documents: the PDF base and every PDF RCM Desk makes, from plain dataclasses.

Builders never read the store; their text comes from `Messages` of the document's
own language, never from the interface's `_`.
"""
