"""The words the extractors read: month and weekday names, number words, in English and Spanish
(with the French and Portuguese forms that cost nothing), all without accents and lower-case."""

from __future__ import annotations

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan enero ene janvier janeiro",
        "february feb febrero fevrier fevereiro fev",
        "march mar marzo mars marco",
        "april apr abril abr avril",
        "may mayo mai maio",
        "june jun junio juin junho",
        "july jul julio juillet julho",
        "august aug agosto aout",
        "september sept sep septiembre setiembre septembre setembro",
        "october oct octubre octobre outubro",
        "november nov noviembre novembre novembro",
        "december dec diciembre dic decembre dezembro",
    ),
    1,
):
    for _name in _names.split():
        MONTHS[_name] = _number

WEEKDAYS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "monday mon lunes lun lundi segunda",
        "tuesday tue tues martes mardi terca",
        "wednesday wed miercoles mie mer mercredi quarta",
        "thursday thu thurs jueves jue jeudi quinta",
        "friday fri viernes vie vendredi sexta",
        "saturday sat sabado sab samedi",
        "sunday sun domingo dom dimanche",
    )
):
    for _name in _names.split():
        WEEKDAYS[_name] = _number

NUMBERS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "one un una uno a",
        "two dos deux dois duas",
        "three tres trois",
        "four cuatro quatre quatro",
        "five cinco cinq",
        "six seis",
        "seven siete sept sete",
        "eight ocho huit oito",
        "nine nueve neuf nove",
        "ten diez dix dez",
        "eleven once onze",
        "twelve doce douze",
        "thirteen trece",
        "fourteen catorce",
        "fifteen quince quinze",
        "sixteen dieciseis",
        "seventeen diecisiete",
        "eighteen dieciocho",
        "nineteen diecinueve",
        "twenty veinte vingt vinte",
        "twenty-one veintiuno",
        "twenty-two veintidos",
        "twenty-three veintitres",
        "twenty-four veinticuatro",
        "twenty-five veinticinco",
        "twenty-six veintiseis",
        "twenty-seven veintisiete",
        "twenty-eight veintiocho",
        "twenty-nine veintinueve",
        "thirty treinta trente trinta",
    ),
    1,
):
    for _name in _names.split():
        NUMBERS.setdefault(_name, _number)
NUMBERS.pop("a")  # "a" is a number only in "a day"; never a count of people


def alternation(words: object) -> str:
    """A regular-expression alternation of *words*, longest first so that none hides another."""
    return "|".join(sorted((str(w).replace("-", r"[-\s]") for w in words), key=len, reverse=True))


def number_value(word: str) -> int | None:
    """The value of a count written in digits or in words ("2", "two", "dos"), or None."""
    word = word.strip().lower()
    if word.isdigit():
        return int(word)
    return NUMBERS.get(word.replace(" ", "-"))
