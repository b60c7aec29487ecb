"""A unit's names as its documents write them: "Phường 1", "Xã Hoằng Đông", "Đặc khu Côn Đảo";
the header line "ỦY BAN NHÂN DÂN XÃ HOẰNG ĐÔNG"; in running text "Ủy ban nhân dân xã
Hoằng Đông" (the type in lower case, unless a number follows: "Ủy ban nhân dân Phường 1").

Names arrive typed in a hurry ("xã hoằng đông"), without their type ("Côn Đảo", with
"Đặc khu" chosen beside it), or in the capitals of a letterhead ("UBND XÃ HOẰNG ĐÔNG");
every header, date line and file name is made from the stored name, so ``unit_name``
puts it in the form documents use once, when the unit is made.
"""

from __future__ import annotations

import re

from cchc_desktop.models import UNIT_TYPE_WORDS, Unit
from cchc_desktop.textnorm import clean, clean_text

BODY_PREFIX = "ỦY BAN NHÂN DÂN"
_ROMAN_NUMERAL = re.compile(r"[IVXLC]+")


def unit_name(typed: str, unit_type: str = "") -> str:
    """``typed`` in the form documents use: its unit type first and capitalised ("Xã",
    "Đặc khu"), then the place name with every word capitalised. ``unit_type`` goes in
    front when the name starts with none ("Côn Đảo", "đặc khu" -> "Đặc khu Côn Đảo")."""
    name = clean(typed)
    if not name:
        return ""
    kind, place = split_unit_type(name)
    if not kind:
        kind, place = clean(unit_type).lower(), name
    place = _place_case(place)
    return f"{kind.capitalize()} {place}".strip() if kind else place


def split_unit_type(name: str) -> tuple[str, str]:
    """("xã", "Hoằng Đông") for "Xã Hoằng Đông"; ("", name) when it starts with no unit type."""
    for kind in UNIT_TYPE_WORDS:
        if name.lower().startswith(kind + " "):
            return kind, name[len(kind) + 1:].strip()
    return "", name


def _place_case(place: str) -> str:
    """Every word capitalised; one written all in capitals is lowered after its first
    letter ("HOẰNG" -> "Hoằng"), except a Roman numeral ("IV")."""
    shouting = place.upper() == place
    return " ".join(_word_case(word, shouting) for word in place.split())


def _word_case(word: str, shouting: bool) -> str:
    if shouting and not _ROMAN_NUMERAL.fullmatch(word):
        word = word.lower()
    return word[:1].upper() + word[1:]


def issuing_body_for(name: str) -> str:
    """The issuing-body line of the document header: 'ỦY BAN NHÂN DÂN PHƯỜNG 1'.

    ``name`` carries its unit type ("Phường 1", "Xã Hoằng Đông"), as units sign.
    """
    return f"{BODY_PREFIX} {name.upper()}"


def issuing_body_in_text(unit: Unit) -> str:
    """The issuing body as running text: ``ỦY BAN NHÂN DÂN PHƯỜNG 1`` -> ``Ủy ban nhân dân Phường 1``."""
    name = clean_text(unit.name).strip()
    body = clean_text(unit.issuing_body).strip() or f"{BODY_PREFIX} {name.upper()}"
    if name and body.upper().endswith(name.upper()) and len(body) > len(name):
        prefix = body[: len(body) - len(name)].strip()
        return f"{_sentence_case(prefix)} {_unit_name_in_text(name)}"
    for known in (BODY_PREFIX, "UỶ BAN NHÂN DÂN"):
        if body.upper().startswith(known):
            rest = body[len(known):].strip().title()
            return f"{_sentence_case(body[:len(known)])} {_unit_name_in_text(rest)}".strip()
    return body


def _sentence_case(text: str) -> str:
    text = text.lower()
    return text[:1].upper() + text[1:]


def _unit_name_in_text(name: str) -> str:
    """``Xã Hoằng Đông`` -> ``xã Hoằng Đông``; ``Phường 1`` stays (the number is the name)."""
    for unit_type in UNIT_TYPE_WORDS:
        if name.lower().startswith(unit_type + " "):
            rest = name[len(unit_type) + 1:].strip()
            if rest and not rest[0].isdigit():
                return f"{unit_type} {rest}"
    return name
