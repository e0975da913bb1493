"""The participant fields RCM Desk can write into an organiser's form, and the matching of
the form's header cells, field names and placeholders to them (English, Spanish, French,
Portuguese; accents, case and punctuation ignored)."""

from __future__ import annotations

import enum
import re

from rcm_desktop.domain.text import fold


class Field(enum.Enum):
    """A piece of a participant's details that a form may ask for."""

    FULL_NAME = "full_name"
    GIVEN_NAMES = "given_names"
    FAMILY_NAMES = "family_names"
    HONORIFIC = "honorific"
    POSITION = "position"
    INSTITUTION = "institution"
    MINISTRY = "ministry"
    COUNTRY = "country"
    EMAIL = "email"
    PHONE = "phone"
    ROLE = "role"
    GENDER = "gender"
    SEAT = "seat"
    PROFILE = "profile"  # the seat's required profile
    NUMBER = "number"  # the row's number in the form: 1, 2, 3 in the order written


#: Words (normalised: lower case, no accents, single spaces) naming each field. A header
#: matches when, once normalised, it equals one of them or one of its parts does.
_NAMES: dict[Field, tuple[str, ...]] = {
    Field.FULL_NAME: (
        "full name",
        "name",
        "names and surnames",
        "name and surname",
        "participant",
        "participant name",
        "name of participant",
        "delegate",
        "delegate name",
        "nombre completo",
        "nombre",
        "nombre y apellido",
        "nombres y apellidos",
        "nombre y apellidos",
        "participante",
        "nombre del participante",
        "delegado",
        "nom et prenom",
        "nom prenom",
        "nom complet",
        "prenom et nom",
        "participant e",
        "nome completo",
        "nome",
        "nome e sobrenome",
        "participante nome",
        "name in full",
    ),
    Field.GIVEN_NAMES: (
        "given names",
        "given name",
        "first name",
        "first names",
        "forename",
        "forenames",
        "nombres",
        "nombre s",
        "nombre de pila",
        "prenom",
        "prenoms",
        "prenom s",
        "primeiro nome",
        "nomes",
        "nome proprio",
        "nome s",
    ),
    Field.FAMILY_NAMES: (
        "family name",
        "family names",
        "surname",
        "surnames",
        "last name",
        "last names",
        "apellido",
        "apellidos",
        "apellido s",
        "nom de famille",
        "nom",
        "noms de famille",
        "sobrenome",
        "sobrenomes",
        "apelido",
        "apelidos",
        "ultimo nome",
    ),
    Field.HONORIFIC: (
        "title",
        "honorific",
        "salutation",
        "mr ms",
        "mr mrs ms",
        "tratamiento",
        "titulo",
        "sr sra",
        "civilite",
        "titre",
        "m mme",
        "tratamento",
        "sr a",
    ),
    Field.POSITION: (
        "position",
        "title position",
        "job title",
        "function",
        "post",
        "designation",
        "cargo",
        "puesto",
        "funcion",
        "cargo funcion",
        "fonction",
        "poste",
        "titre fonction",
        "posicao",
        "funcao",
        "cargo posicao",
    ),
    Field.INSTITUTION: (
        "institution",
        "organization",
        "organisation",
        "organization institution",
        "institucion",
        "organizacion",
        "entidad",
        "organisme",
        "institutio n",
        "instituicao",
        "organizacao",
        "entidade",
    ),
    Field.MINISTRY: (
        "ministry",
        "agency",
        "ministry agency",
        "department",
        "ministerio",
        "dependencia",
        "ministerio organismo",
        "ministere",
        "ministere agence",
        "ministerio agencia",
        "ministerio orgao",
    ),
    Field.COUNTRY: ("country", "pais", "pays", "nationality", "nacionalidad", "nationalite"),
    Field.EMAIL: (
        "email",
        "e mail",
        "email address",
        "e mail address",
        "mail",
        "correo",
        "correo electronico",
        "correo e",
        "courriel",
        "adresse electronique",
        "adresse email",
        "adresse e mail",
        "mel",
        "correio eletronico",
        "correio electronico",
    ),
    Field.PHONE: (
        "phone",
        "telephone",
        "tel",
        "telephone number",
        "phone number",
        "mobile",
        "telefono",
        "celular",
        "movil",
        "numero de telefono",
        "telefone",
        "telemovel",
        "telefone celular",
        "no de telephone",
    ),
    Field.PROFILE: (
        "profile",
        "seat profile",
        "required profile",
        "perfil",
        "perfil requerido",
        "perfil del puesto",
        "profil",
        "profil requis",
    ),
    Field.ROLE: (
        "role",
        "capacity",
        "delegation role",
        "rol",
        "calidad",
        "en calidad de",
        "profil",
        "qualite",
        "role dans la delegation",
        "papel",
        "funcao na delegacao",
        "category",
        "categoria",
        "categorie",
    ),
    Field.GENDER: ("gender", "sex", "sexo", "genero", "sexe", "genre", "sexo genero"),
    Field.SEAT: (
        "seat",
        "seat number",
        "seat no",
        "asiento",
        "numero de asiento",
        "no de asiento",
        "siege",
        "numero de siege",
        "assento",
    ),
}

#: Placeholder names (normalised) beyond the header words: {{name}}, «Nombre», [Cargo]...
_PLACEHOLDER_EXTRA: dict[str, Field] = {
    "full name": Field.FULL_NAME,
    "fullname": Field.FULL_NAME,
    "given names": Field.GIVEN_NAMES,
    "family names": Field.FAMILY_NAMES,
    "familyname": Field.FAMILY_NAMES,
    "givenname": Field.GIVEN_NAMES,
    "seat number": Field.SEAT,
}

_LOOKUP: dict[str, Field] = {name: field for field, names in _NAMES.items() for name in names}
_SQUASHED: dict[str, Field] = {name.replace(" ", ""): field for name, field in _LOOKUP.items()}
_SEPARATORS = re.compile(r"[/|;,()]+|\s-\s")
#: A placeholder as forms write one: {{name}}, «Nombre», [Nombre], <<Nombre>>.
PLACEHOLDER = re.compile(
    r"\{\{\s*([^{}]{1,40}?)\s*\}\}|«\s*([^«»]{1,40}?)\s*»|<<\s*([^<>]{1,40}?)\s*>>|\[\s*([^\[\]]{1,40}?)\s*\]"
)


def normalise(text: str) -> str:
    """*text* lower-cased, without accents, punctuation reduced to single spaces."""
    bare = fold(text).replace("_", " ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", bare).split())


#: Headers of a numbering column, matched only whole ("No. de pasaporte" is not one).
_NUMBER_WORDS = frozenset({"no", "n", "nro", "num", "numero", "number", "item", "orden", "n o"})


def match_header(text: str) -> Field | None:
    """The field a header cell (or a field's name or a placeholder) asks for, if any.

    "Nombre completo", "Cargo/Position", "Correo electrónico / E-mail", "Teléfono:" all
    match; a bilingual header matches when its parts agree, or on its first known part.
    """
    whole = normalise(text)
    if not whole:
        return None
    if whole in _NUMBER_WORDS:
        return Field.NUMBER
    parts = [whole, *(normalise(part) for part in _SEPARATORS.split(text))]
    candidates = [part for part in dict.fromkeys(parts) if part]
    for candidate in candidates:
        found = _LOOKUP.get(candidate) or _PLACEHOLDER_EXTRA.get(candidate)
        if found is None:
            found = _SQUASHED.get(candidate.replace(" ", ""))
        if found is not None:
            return found
    # "Nombre completo del participante", "Name of institution": the longest known
    # phrase at the start or the end of the header (or of one of its parts).
    best: tuple[int, Field] | None = None
    for candidate in candidates:
        for name, field in _LOOKUP.items():
            if len(name) < 3 or not (
                candidate.startswith(name + " ") or candidate.endswith(" " + name)
            ):
                continue
            if best is None or len(name) > best[0]:
                best = (len(name), field)
        if best is not None:
            return best[1]
    return None


_NUMBERED = re.compile(r"^(.*?)[\s_.\-#]*(\d{1,3})$")


def match_field_name(name: str) -> tuple[Field, int] | None:
    """(field, participant index from 0) for a PDF field named like "nombre_1",
    "Nombre 1", "cargo1" or "email_2"; an unnumbered name is participant 0."""
    text = name.strip()
    text = text.rsplit(".", 1)[-1] if "." in text and not text.endswith(".") else text
    text = re.sub(r"\[\d+\]$", "", text)
    found = _NUMBERED.match(text)
    if found and found.group(1):
        field = match_header(found.group(1))
        if field is not None:
            return field, max(int(found.group(2)) - 1, 0)
    field = match_header(text)
    return (field, 0) if field is not None else None


def placeholders_in(text: str) -> list[tuple[str, Field]]:
    """The placeholders in *text* that name a field, as (placeholder as written, field)."""
    found = []
    for match in PLACEHOLDER.finditer(text):
        inner = next(group for group in match.groups() if group is not None)
        field = match_header(inner)
        if field is not None:
            found.append((match.group(0), field))
    return found
