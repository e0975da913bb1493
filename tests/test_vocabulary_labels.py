"""Every member of every closed vocabulary has its own words, in every shipped language."""

from __future__ import annotations

import pytest

from rcm_desktop.domain import vocabulary
from rcm_desktop.domain.vocabulary import DocumentKind, Gender, MeetingKind, label, vocabularies
from rcm_desktop.i18n import messages

LANGUAGES = ("en", "es", "fr", "pt")


def test_every_enumeration_of_the_module_has_labels() -> None:
    from enum import StrEnum

    declared = {
        value
        for value in vars(vocabulary).values()
        if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum
    }
    assert declared == set(vocabularies())


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_member_has_a_distinct_translated_label(language: str) -> None:
    translate = messages(language).gettext
    for kind in vocabularies():
        shown = {member: label(member, translate) for member in kind}
        for member, text in shown.items():
            assert text and text != member.value, (kind.__name__, member)
        assert len(set(shown.values())) == len(shown), (kind.__name__, shown)


@pytest.mark.parametrize("language", LANGUAGES)
def test_same_value_in_different_types_keeps_its_own_words(language: str) -> None:
    translate = messages(language).gettext
    meeting_other = label(MeetingKind.OTHER, translate)
    assert label(Gender.OTHER, translate) != meeting_other
    assert label(DocumentKind.OTHER, translate) != meeting_other
    assert label(Gender.OTHER, translate) != label(DocumentKind.OTHER, translate)
    if language == "en":
        assert label(Gender.OTHER) == "Another gender"
        assert label(DocumentKind.OTHER) == "Other document"
