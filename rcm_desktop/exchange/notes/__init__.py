"""Concept notes in: reading a note's file into plain text (`reading`), extracting a draft
meeting from that text rule by rule (`extract`), the draft and its JSON form (`draft`)."""
